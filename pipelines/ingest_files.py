"""`pantau ingest FILE…`: each post goes to the day it was written, not to the day of import.

A user's export (three months of a WhatsApp group, a JSONL dump) spans many days. Each
accepted post's batch day is the local date of its own `published_at` in the deployment's
time zone (`PANTAU_TIMEZONE`, Asia/Jakarta), unless `--date` forces one day for all.
Records that are not stored (duplicates, quarantined) and fact-checks are counted on the
import day (the forced day, or today), where the person who ran the import will look.

The rows are stored like a drop-folder file (pipelines/drop_folder.py): source_file
'drop:<connector>/<name>@<sha256 prefix>' and one run row per day (stage 'ingest-drop'), so
`pantau run` for those days keeps them (its inbox ingest replaces only inbox rows) and adds
their counts to the day's reconciliation. The same file ingested again replaces itself.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pipelines.connectors import (
    ConnectorError,
    detect_format,
    get_connector,
    stored_file_name,
)
from pipelines.connectors.rss import prefetch_articles
from pipelines.deployment_salt import SaltError
from pipelines.fileio import sha256_file
from pipelines.settings import Settings
from pipelines.stages.ingest import (
    DROP_SOURCE_PREFIX,
    DROP_STAGE,
    FileReport,
    check_file_size,
    load_sources,
    parse_files,
)
from warehouse import schemas
from warehouse.connection import transaction, writer
from warehouse.store import insert_arrow, record_file_run, replace_fact_checks, rows_to_arrow


@dataclass
class FileIngest:
    """One file's outcome: its per-file counts and how many posts landed on each day."""

    report: FileReport
    label: str
    days: Counter[date] = field(default_factory=Counter)
    quarantine: list[dict[str, Any]] = field(default_factory=list)


def today_in(tz: str) -> date:
    return datetime.now(ZoneInfo(tz)).date()


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    if moment.tzinfo is None:  # the post contract gives aware datetimes; be safe anyway
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).date()


def _label(connector: str, name: str, sha: str) -> str:
    return f"{DROP_SOURCE_PREFIX}{connector}/{name}@{sha[:12]}"


def ingest_files(settings: Settings, paths: Sequence[Path], fmt: str = "auto",
                 force_day: date | None = None) -> list[FileIngest]:
    """Ingest files for the days their posts were written (or `force_day`); see the module doc."""
    for path in paths:
        if not path.is_file():
            raise ConnectorError(f"Input file not found: {path}" if not path.exists()
                                 else f"{path} is a folder; give the export file itself")
    import_day = force_day or today_in(settings.timezone)
    tz = ZoneInfo(settings.timezone)
    if fmt != "auto":
        get_connector(fmt)  # an unknown --format fails before anything is read
    # A file refused whole (too big, a format that cannot be told, not what its format says)
    # is reported with the reason and nothing of it is stored; the other files go on.
    out: dict[int, FileIngest] = {}
    plans: list[tuple[int, Path, str, str, str]] = []
    for i, path in enumerate(paths):
        shown = stored_file_name(path, settings)  # a personal chat's name is stored hashed
        try:
            check_file_size(path, settings.max_file_bytes)  # refused before the lock is taken
            name = detect_format(path, settings) if fmt == "auto" else fmt
        except SaltError:
            raise
        except ConnectorError as exc:
            out[i] = _refused(shown, fmt, exc)
            continue
        plans.append((i, path, name, shown, _label(name, shown, sha256_file(path))))
    # no fetch while the writer is open
    articles = prefetch_articles([plan[1] for plan in plans], settings, fmt)
    if plans:
        with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
            load_sources(con, settings.sources_file)
            for i, path, name, shown, label in plans:
                try:
                    out[i] = _ingest_one(con, settings, path, name, label, import_day,
                                         force_day, tz, articles)
                except SaltError:
                    raise
                except ConnectorError as exc:  # refused while read: nothing of it was stored
                    out[i] = _refused(shown, name, exc)
    return [out[i] for i in sorted(out)]


def _refused(shown: str, connector: str, exc: ConnectorError) -> FileIngest:
    return FileIngest(FileReport(path=shown, connector=connector, refused=str(exc)), label="")


def _ingest_one(con: Any, settings: Settings, path: Path, name: str, label: str,
                import_day: date, force_day: date | None, tz: ZoneInfo,
                articles: dict[str, Any] | None) -> FileIngest:
    known = {r[0] for r in con.execute(
        "SELECT post_id FROM raw_posts WHERE source_file IS DISTINCT FROM ?", [label]).fetchall()}
    result = parse_files([path], import_day, name, known, settings=settings, articles=articles)
    report = result.files[0]
    done = FileIngest(report, label, quarantine=result.quarantine)
    for row in result.posts:
        row["source_file"] = label
        if force_day is None:
            row["batch_day"] = local_day(row["published_at"], tz)
        done.days[row["batch_day"]] += 1
    for row in result.quarantine:
        row["source_file"] = label
        key = f"{import_day}|{label}|{row['line_no']}|{row['raw_record'][:200]}"
        row["quarantine_id"] = hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:20]
    # Per day: posts stored on it; the import day also carries what was not stored.
    counts: dict[date, dict[str, int]] = {
        d: {"received": n, "stored": n, "duplicates": 0, "quarantined": 0}
        for d, n in done.days.items()}
    extra = counts.setdefault(import_day, {"received": 0, "stored": 0, "duplicates": 0,
                                           "quarantined": 0})
    not_posts = result.redelivered + result.quarantined + len(result.fact_checks)
    extra["received"] += not_posts
    extra["stored"] += len(result.fact_checks)
    extra["duplicates"] += result.redelivered
    extra["quarantined"] += result.quarantined
    if not extra["received"] and import_day not in done.days:
        del counts[import_day]
    now = datetime.now(UTC)
    with transaction(con):
        # The same file again replaces what it stored before (on every day it touched).
        for run_id, day, *old in con.execute(
                "SELECT run_id, day, received, stored, duplicates, quarantined FROM runs"
                " WHERE stage = ? AND json_extract_string(detail, '$.label') = ?",
                [DROP_STAGE, label]).fetchall():
            con.execute(
                "UPDATE runs SET received = received - ?, stored = stored - ?,"
                " duplicates = duplicates - ?, quarantined = quarantined - ? WHERE run_id = ?",
                [*(v or 0 for v in old), f"{day.isoformat()}:ingest"])
            con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        for table, rows, schema in (("raw_posts", result.posts, schemas.RAW_POSTS),
                                    ("quarantine", result.quarantine, schemas.QUARANTINE)):
            con.execute(f"DELETE FROM {table} WHERE source_file = ?", [label])
            insert_arrow(con, table, rows_to_arrow(rows, schema))
        if result.fact_checks:  # keyed by (publisher, link), inside this transaction
            replace_fact_checks(con, result.fact_checks)
        for day, c in sorted(counts.items()):
            run_id = f"{day.isoformat()}:{DROP_STAGE}:{label}"
            detail = {"label": label, "file": label.split("/", 1)[1].rsplit("@", 1)[0],
                      "connector": name, "origin": "pantau ingest", "files": [vars(report)]}
            record_file_run(con, run_id, day, DROP_STAGE, c, detail, now)
    return done
