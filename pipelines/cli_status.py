"""`pantau status`: the last run of each stage per day, and what is waiting to be ingested."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from pipelines.cli_output import console, print_rows
from pipelines.settings import Settings, get_settings


@dataclass
class Status:
    runs: list[dict[str, Any]] = field(default_factory=list)  # newest day first, stage order
    inbox_days: list[tuple[str, int, bool]] = field(default_factory=list)  # day, files, ingested
    drop_pending: list[tuple[str, str]] = field(default_factory=list)  # connector, file name
    warehouse: bool = False


def gather_status(settings: Settings, days: int = 7) -> Status:
    from pipelines.daily import STAGES
    from pipelines.drop_folder import list_pending
    from pipelines.stages.ingest import DROP_STAGE, day_files
    from warehouse.connection import reader

    status = Status(warehouse=settings.warehouse_path.exists())
    ingested: set[date] = set()
    if status.warehouse:
        with reader(settings.warehouse_path) as con:
            rows = con.execute(
                "WITH recent AS (SELECT DISTINCT day FROM runs ORDER BY day DESC LIMIT ?)"
                " SELECT day, stage, count(*) AS files, min(status) AS status,"
                " sum(received), sum(stored), sum(duplicates), sum(quarantined),"
                " min(started_at), max(finished_at),"
                " bool_or(status = 'failed'), bool_or(status = 'running')"
                " FROM runs WHERE day IN (SELECT day FROM recent)"
                " GROUP BY day, stage", [days]).fetchall()
            ingested = {r[0] for r in con.execute(
                "SELECT DISTINCT day FROM runs WHERE stage = 'ingest' AND status = 'success'"
            ).fetchall()}
        order = {s: i for i, s in enumerate((DROP_STAGE, *STAGES))}
        for (day, stage, files, _st, received, stored, dups, quar, started, finished, failed,
             running) in sorted(rows, key=lambda r: (-r[0].toordinal(), order.get(r[1], 99),
                                                     r[1])):
            state = "failed" if failed else "running" if running else "success"
            seconds = (finished - started).total_seconds() if finished and started else None
            status.runs.append({
                "day": day, "stage": stage if stage != DROP_STAGE else f"file imports ({files})",
                "status": state, "received": received, "stored": stored, "duplicates": dups,
                "quarantined": quar, "seconds": seconds})
    inbox = settings.inbox_dir
    if inbox.is_dir():
        for folder in sorted(inbox.iterdir()):
            try:
                day = date.fromisoformat(folder.name)
            except ValueError:
                continue  # drop folders, processed/, failed/
            files = day_files(settings, day)
            status.inbox_days.append((folder.name, len(files), day in ingested))
    status.drop_pending = [(c, p.name) for c, p in list_pending(settings)]
    return status


def _fmt_counts(run: dict[str, Any]) -> str:
    """Ingest rows reconcile (received = stored + duplicates + quarantined); others store."""
    if run["received"] is not None:
        return (f"{run['received']} = {run['stored']} + {run['duplicates'] or 0} dup + "
                f"{run['quarantined'] or 0} quar")
    return "" if run["stored"] is None else f"{run['stored']} rows"


def _fmt_seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1f} s" if value < 120 else f"{value / 60:.1f} min"


def status(
    days: Annotated[int, typer.Option(min=1, help="How many of the latest days to show.")] = 7,
) -> None:
    """The last run per day and stage (status, counts, duration), and what is waiting in the
    inbox and the drop folders.

    Example: pantau status --days 3
    """
    settings = get_settings()
    found = gather_status(settings, days)
    if not found.warehouse:
        console.print(f"No warehouse yet at {settings.warehouse_path}: nothing has run. Start "
                      "with `pantau ingest FILE` or `pantau run --date YYYY-MM-DD`.",
                      soft_wrap=True)
    elif not found.runs:
        console.print("No runs recorded yet.")
    else:
        colour = {"success": "green", "failed": "red", "running": "yellow"}
        print_rows(["day", "stage", "status", "counts", "time"],
                   [(r["day"], r["stage"], f"[{colour[r['status']]}]{r['status']}[/]",
                     _fmt_counts(r), _fmt_seconds(r["seconds"])) for r in found.runs],
                   title=f"Runs (latest {days} days)")
        failed = [r for r in found.runs if r["status"] == "failed"]
        if failed:
            first = failed[0]
            console.print(f"[red]{len(failed)} failed[/]; rerun a day with "
                          f"`pantau run --date {first['day']}`.")
    waiting = [(d, n) for d, n, done in found.inbox_days if n and not done]
    inbox = Path(settings.inbox_dir)
    if waiting:
        console.print(f"Inbox {inbox}: {len(waiting)} day folder(s) not ingested yet: "
                      + ", ".join(f"{d} ({n} files)" for d, n in waiting[:10]), soft_wrap=True)
    else:
        console.print(f"Inbox {inbox}: nothing waiting.", soft_wrap=True)
    if found.drop_pending:
        console.print(f"Drop folders: {len(found.drop_pending)} file(s) waiting: "
                      + ", ".join(f"{c}/{n}" for c, n in found.drop_pending[:10]),
                      soft_wrap=True)
    else:
        console.print("Drop folders: nothing waiting.")


def register(app: typer.Typer) -> None:
    app.command()(status)
