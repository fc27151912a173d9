"""`pantau`: a thin command line over the pipeline, warehouse, models and reports."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from pipelines.cli_common import cli_settings, parse_day
from pipelines.cli_output import console, err_console, print_rows
from pipelines.settings import Settings

app = typer.Typer(help="Pantau: Indonesian hoax-narrative monitoring and daily briefings.",
                  no_args_is_help=True, pretty_exceptions_enable=False)


def _register_commands() -> None:
    # One module per area keeps this file thin; each adds its commands to `app`.
    from pipelines import (
        cli_bench,
        cli_doctor,
        cli_models,
        cli_narratives,
        cli_reports,
        cli_status,
        cli_warehouse,
    )
    from pipelines.cli_regions import app as regions_app

    for module in (cli_models, cli_reports, cli_warehouse, cli_bench, cli_narratives,
                   cli_doctor, cli_status):
        module.register(app)
    app.add_typer(regions_app, name="regions", help="Region gazetteer and tagging.")
    from desk import cli as desk_cli  # the desk web app and its users (docs/desk.md)

    desk_cli.register(app)



@app.command()
def run(
    date_: Annotated[str | None, typer.Option("--date", help="Day to process, YYYY-MM-DD.")]
    = None,
    from_: Annotated[str | None, typer.Option("--from", help="First day of a range.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day of a range.")] = None,
    inbox: Annotated[Path | None, typer.Option(help="Folder of <YYYY-MM-DD>/ inputs.")] = None,
    sources: Annotated[Path | None, typer.Option(help="CSV of source metadata.")] = None,
) -> None:
    """Run the daily pipeline for a day or a range (ingest → … → briefing).

    Example: pantau run --from 2026-11-07 --to 2026-11-22 --inbox data/sample/inbox
    """
    from pipelines.daily import STAGES, days_between, run_day

    if date_ and (from_ or to):
        raise typer.BadParameter("use --date or --from/--to, not both")
    if date_:
        days = [parse_day(date_)]
    elif from_ and to:
        first, last_day = parse_day(from_, "--from"), parse_day(to, "--to")
        if last_day < first:
            raise typer.BadParameter(f"--to {last_day} is before --from {first}")
        days = days_between(first, last_day)
    else:
        raise typer.BadParameter("give --date YYYY-MM-DD, or --from and --to")
    settings = cli_settings(inbox, sources)
    if not settings.inbox_dir.is_dir():
        if inbox is not None or settings.inbox is not None:  # a folder the user named
            raise typer.BadParameter(f"inbox folder {settings.inbox_dir} does not exist",
                                     param_hint="--inbox / PANTAU_INBOX")
        settings.inbox_dir.mkdir(parents=True)  # the default $PANTAU_HOME/inbox
    last: dict[str, dict[str, Any]] = {}
    with console.status("") as status:
        for day in days:
            def show(stage: str, day: date = day) -> None:
                status.update(f"[bold]{day}[/] {stage} ({STAGES.index(stage) + 1}/{len(STAGES)})")
            last = run_day(settings, day, on_stage=show)
            received, quarantined = _day_counts(settings, day)  # inbox and `pantau ingest`
            new = last["cluster"]["new_narratives"]
            console.print(f"{day}: {received} received, {quarantined} quarantined, "
                          f"{new} new narrative{'' if new == 1 else 's'}")
            for name, why in last["ingest"].get("refused", {}).items():
                # quarantined, the rest of the day went on; the reason says what to do
                err_console.print(f"[red]Refused:[/] {escape(name)}: {escape(why)}",
                                  soft_wrap=True)
    _print_run_summary(settings, days, [Path(p) for p in last["brief"]["paths"]])


def _day_counts(settings: Settings, day: date) -> tuple[int, int]:
    from warehouse.connection import reader

    with reader(settings.warehouse_path) as con:
        row = con.execute("SELECT received, quarantined FROM run_summary WHERE day = ?",
                          [day]).fetchone()
    return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)


def _print_run_summary(settings: Settings, days: list[date], briefings: list[Path]) -> None:
    from warehouse.connection import reader

    with reader(settings.warehouse_path) as con:
        totals = con.execute(
            "SELECT sum(received), sum(stored), sum(duplicates), sum(quarantined),"
            " bool_and(reconciled) FROM run_summary WHERE day BETWEEN ? AND ?",
            [days[0], days[-1]]).fetchone() or (0, 0, 0, 0, False)
        narratives, flagged = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE flagged) FROM narrative_dim").fetchone() \
            or (0, 0)
    html = next((p for p in briefings if p.suffix == ".html"), briefings[0] if briefings else None)
    console.print()
    console.print(f"[bold]Warehouse[/]   {settings.warehouse_path.resolve()}")
    console.print(f"[bold]Posts[/]       received {totals[0]} = stored {totals[1]} + duplicates "
                  f"{totals[2]} + quarantined {totals[3]}"
                  + ("" if totals[4] else "  [red](does not reconcile!)[/]"))
    console.print(f"[bold]Narratives[/]  {narratives} ({flagged} flagged)")
    if html:
        console.print(f"[bold]Briefing[/]    {html.resolve()}")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Files to ingest, or feed URLs (fetched with a conditional GET).")],
    format_: Annotated[str, typer.Option(
        "--format", help="jsonl, rss, factcheck-rss, x-json, telegram-json, whatsapp-txt, "
                         "meta-csv, csv, or auto (detected per file)")] = "auto",
    date_: Annotated[str | None, typer.Option(
        "--date", help="Put every record on this day, YYYY-MM-DD (default: each post on "
                       "the day it was written).")] = None,
    fetch_articles: Annotated[bool, typer.Option(
        "--fetch-articles", help="For RSS items, fetch the linked page and use its main text "
                                 "(robots.txt obeyed, rate-limited per host).")] = False,
) -> None:
    """Ingest files without running the rest, and print the reconciliation per file.

    Each post goes to the day it was written (its own timestamp, in PANTAU_TIMEZONE); then
    `pantau run --from FIRST --to LAST` over those days builds the trends and briefings.

    Example: pantau ingest --format auto "WhatsApp Chat with Grup Warga.txt" tweets.json
    """
    from pipelines.connectors.http_fetch import FetchError, fetch_feed
    from pipelines.ingest_files import ingest_files

    day = parse_day(date_) if date_ else None
    settings = cli_settings()
    if fetch_articles:
        settings = settings.model_copy(update={"fetch_articles": True})
    files: list[Path] = []
    failed = 0
    for item in paths:
        if item.startswith(("http://", "https://")):
            try:  # feeds are fetched before the warehouse is opened; one failure skips one feed
                fetched = fetch_feed(item, settings.home / "feeds", settings)
            except FetchError as exc:
                err_console.print(f"[red]Not ingested:[/] {escape(str(exc))}")
                failed += 1
                continue
            if not fetched.changed:
                console.print(f"{escape(item)}: not modified since the last fetch "
                              "(HTTP 304), skipped")
                continue
            files.append(fetched.path)
        else:
            files.append(Path(item))
    if not files:
        if failed:
            raise typer.Exit(2)
        return
    results = ingest_files(settings, files, format_, force_day=day)
    refused = [f.report for f in results if f.report.refused]
    for r in refused:
        err_console.print(f"[red]Not ingested:[/] {escape(Path(r.path).name)}: "
                          f"{escape(r.refused or '')}", soft_wrap=True)
    failed += len(refused)
    done = [f for f in results if not f.report.refused]
    if not done:
        raise typer.Exit(2)
    if format_ == "auto":
        for f in done:
            console.print(f"{escape(Path(f.report.path).name)}: format auto-detected as "
                          f"[bold]{f.report.connector}[/]")
    reports = [f.report for f in done]
    rows = [(Path(r.path).name, r.connector, r.received, r.accepted, r.redelivered,
             r.quarantined) for r in reports]
    print_rows(["file", "format", "received", "accepted", "duplicates", "quarantined"], rows)
    console.print(f"received {sum(r.received for r in reports)} = stored "
                  f"{sum(r.accepted for r in reports)} + duplicates "
                  f"{sum(r.redelivered for r in reports)} + quarantined "
                  f"{sum(r.quarantined for r in reports)}")
    for name, q in [(Path(f.report.path).name, q) for f in done for q in f.quarantine][:20]:
        where = f"{name}:{q['line_no']}" if q["line_no"] is not None else name
        # file names and reasons quote the input: printed as text, never as markup
        err_console.print(f"quarantined {where}: {q['reason']}", soft_wrap=True, markup=False,
                          highlight=False)
    days = sorted({d for f in done for d in f.days})
    if days:
        posts = sum(sum(f.days.values()) for f in done)
        console.print(f"{posts} posts on {len(days)} day(s), {days[0]} to {days[-1]}. Next:")
        console.print(f"  pantau run --from {days[0]} --to {days[-1]}", soft_wrap=True)
    for f in done:
        for note in getattr(f.report, "notes", []):
            err_console.print(f"[yellow]Note:[/] {escape(Path(f.report.path).name)}: "
                              f"{escape(note)}", soft_wrap=True)
    if failed:
        raise typer.Exit(2)


_register_commands()


def main() -> None:
    from pipelines.errors import PantauError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except PantauError as exc:
        # one line, even if long; the message may quote the input, so never markup
        err_console.print(f"[red]Error:[/] {escape(str(exc))}", soft_wrap=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
