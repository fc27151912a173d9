"""Reading input files through their connectors into validated rows, with nothing stored: the
pure half of the ingest stage (`pipelines/stages/ingest.py`), which the model bootstrap
(`models/feed_training.py`) also reads feeds with."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa

from pipelines.connectors import (
    ConnectorError,
    ParsedRecord,
    check_file_size,
    detect_format,
    get_connector,
    stored_file_name,
)
from pipelines.connectors.common import error_reason
from pipelines.connectors.rss import Prefetched, RssConnector
from pipelines.connectors.text_files import legacy_encoding
from pipelines.deployment_salt import SaltError
from pipelines.errors import DataFileError
from pipelines.fileio import is_finished_file_name
from pipelines.post_contract import InvalidRecord, validate_fact_check, validate_post
from pipelines.settings import Settings

# Rows from drop-folder files (pipelines/drop_folder.py) carry source_file 'drop:<connector>/…'
# and their own run rows (stage 'ingest-drop'); the day's inbox ingest leaves them alone.
DROP_SOURCE_PREFIX = "drop:"
DROP_STAGE = "ingest-drop"
# Accepted posts (and quarantined rows) written to the warehouse per batch by `ingest`.
POST_BATCH = 50_000
# Starts the quarantine reason of a file refused whole (or of the rest of it).
REFUSED_PREFIX = "file refused: "
# Quarantined rows kept in memory for display when they are written in batches.
QUARANTINE_SAMPLE = 100


@dataclass
class FileReport:
    path: str
    connector: str
    received: int = 0
    accepted: int = 0
    redelivered: int = 0
    quarantined: int = 0
    fact_checks: int = 0
    notes: list[str] = field(default_factory=list)  # e.g. verdict tags in an undeclared feed
    refused: str | None = None  # why the file (or the rest of it) was refused, if it was


@dataclass
class IngestResult:
    day: date
    files: list[FileReport] = field(default_factory=list)
    posts: list[dict[str, Any]] = field(default_factory=list)
    fact_checks: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    accepted_posts: int = 0  # also when `parse_files` hands them on in batches (`on_posts`)

    @property
    def received(self) -> int:
        return sum(f.received for f in self.files)

    @property
    def quarantined(self) -> int:
        return sum(f.quarantined for f in self.files)

    @property
    def redelivered(self) -> int:
        return sum(f.redelivered for f in self.files)


def day_files(settings: Settings, day: date) -> list[Path]:
    """Every finished file in the day's inbox folder, whatever its name says: a format Pantau
    does not read (a PDF, an old .xls) is refused with the reason, never passed over."""
    folder = settings.inbox_dir / day.isoformat()
    return folder_files(folder) if folder.is_dir() else []


def folder_files(folder: Path) -> list[Path]:
    """The finished files of one inbox folder, by name (`fileio.is_finished_file_name`)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and is_finished_file_name(p))


def _quarantine_row(day: date, connector: str, file_name: str, line_no: int | None, raw: str,
                    reason: str, source: str | None, now: datetime) -> dict[str, Any]:
    key = f"{day}|{file_name}|{line_no}|{raw[:200]}"
    return {
        "quarantine_id": hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:20],
        "batch_day": day, "source": source, "connector": connector, "source_file": file_name,
        "line_no": line_no, "raw_record": raw[:20000], "reason": reason, "received_at": now,
    }


def _text_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _records(connector: Any, path: Path, settings: Settings,
             refuse: bool = True) -> Iterator[ParsedRecord]:
    """The connector's records; an exception escaping the connector ends the file with one
    quarantined record that says where, so the records before it are kept and the day still
    reconciles. A ConnectorError (the connector refusing the file) is raised instead, unless
    `refuse` is off."""
    position: int | None = None
    records = iter(connector.parse(path, settings))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except ConnectorError as exc:
            if refuse or isinstance(exc, SaltError):
                raise
            yield ParsedRecord(raw=f"<rest of {path.name} after line {position or 0}>",
                               line_no=(position or 0) + 1, reason=f"{REFUSED_PREFIX}{exc}",
                               meta={"refused": str(exc)})
            return
        except Exception as exc:
            yield ParsedRecord(raw=f"<rest of {path.name} after line {position or 0}>",
                               line_no=(position or 0) + 1,
                               reason=f"reading stopped: {error_reason(exc)}")
            return
        position = record.line_no if record.line_no is not None else position
        yield record


def parse_files(paths: Sequence[Path], day: date, fmt: str = "auto",
                known_post_ids: set[str] | None = None,
                on_posts: Callable[[list[dict[str, Any]]], object] | None = None,
                batch_size: int = POST_BATCH,
                on_quarantine: Callable[[list[dict[str, Any]]], object] | None = None,
                *, settings: Settings, articles: dict[str, Any] | None = None,
                refuse: bool = True) -> IngestResult:
    """Parse and validate, writing nothing: each record ends accepted, duplicate or quarantined.

    A file the connectors refuse whole (over PANTAU_MAX_FILE_BYTES, a format that cannot be
    told, not what its format says) raises ConnectorError with `refuse` (a drop-folder file is
    then parked in failed/). Without it, as the daily inbox is read, the file is one
    quarantined record with the reason and the other files go on: a stray spreadsheet in the
    inbox must not stop the morning's briefing. A refusal met while reading keeps the records
    read before it.

    The connectors read their options from `settings`; RSS items take their linked article
    from `articles` (`prefetch_articles`) when given, so nothing is fetched here.

    Accepted posts are collected in `result.posts`, or, with `on_posts`, handed to it
    `batch_size` at a time and not kept (a big day then never holds all its posts). The same
    for quarantined rows with `on_quarantine` (then `result.quarantine` keeps only the first
    QUARANTINE_SAMPLE, for display)."""
    result = IngestResult(day=day)
    now = datetime.now(UTC)
    batch_noon = datetime.combine(day, time(12), ZoneInfo(settings.timezone)).isoformat()
    known = known_post_ids or set()
    max_bytes = settings.max_file_bytes
    # A digest of each accepted text, not the text: a re-used id is told apart by it alone.
    seen: dict[str, bytes] = {}
    batch: list[dict[str, Any]] = result.posts if on_posts is None else []
    held: list[dict[str, Any]] = result.quarantine if on_quarantine is None else []

    def quarantine(row: dict[str, Any]) -> None:
        nonlocal held
        held.append(row)
        if on_quarantine is not None:
            if len(result.quarantine) < QUARANTINE_SAMPLE:
                result.quarantine.append(row)
            if len(held) >= batch_size:
                on_quarantine(held)
                held = []

    for path in paths:
        # A one-to-one chat's file name is a person's name or number: stored hashed.
        stored_name = stored_file_name(path, settings)
        try:
            check_file_size(path, max_bytes)
            name = detect_format(path, settings) if fmt == "auto" else fmt
        except ConnectorError as exc:
            if refuse or isinstance(exc, SaltError):
                raise
            name = fmt if fmt != "auto" else "unknown"
            result.files.append(FileReport(path=str(path.with_name(stored_name)),
                                           connector=name, received=1, quarantined=1,
                                           refused=str(exc)))
            quarantine(_quarantine_row(day, name, stored_name, None, f"<file {stored_name}>",
                                       f"{REFUSED_PREFIX}{exc}", None, now))
            continue
        connector = get_connector(name)
        if articles is not None and isinstance(connector, RssConnector):
            connector = RssConnector(fetcher=Prefetched(articles))
        report = FileReport(path=str(path.with_name(stored_name)), connector=name)
        result.files.append(report)
        undated = 0
        for record in _records(connector, path, settings, refuse):
            report.received += 1
            source = record.fields.get("source") if record.fields else None
            if "refused" in record.meta:
                report.refused = record.meta["refused"]
            try:
                if record.fields is None:
                    raise InvalidRecord(record.reason or "unreadable record")
                if record.meta.get("undated") and "published_at" not in record.fields:
                    record.fields["published_at"] = batch_noon
                    record.fields["date_from"] = "batch_day"  # kept in `extra`
                    undated += 1
                if record.kind == "fact_check":
                    fc = validate_fact_check(record.fields)
                    result.fact_checks.append({**fc, "batch_day": day})
                    report.fact_checks += 1
                    report.accepted += 1
                    continue
                post = validate_post(record.fields)
                pid = post["post_id"]
                digest = _text_digest(post["text"])
            except Exception as exc:  # one record's failure, whatever it is, is that record's
                reason = str(exc) if isinstance(exc, InvalidRecord) else error_reason(exc)
                report.quarantined += 1
                quarantine(_quarantine_row(
                    day, name, stored_name, record.line_no, record.raw, reason,
                    str(source)[:200] if source else None, now))
                continue
            if pid in seen or pid in known:
                if pid in seen and seen[pid] != digest:
                    report.quarantined += 1
                    quarantine(_quarantine_row(
                        day, name, stored_name, record.line_no, record.raw,
                        f"id '{post['source_id']}' already used in source '{post['source']}' "
                        "with different text", post["source"], now))
                else:
                    report.redelivered += 1  # the same record delivered again: a duplicate
                continue
            seen[pid] = digest
            report.accepted += 1
            result.accepted_posts += 1
            batch.append({**post, "batch_day": day, "connector": name,
                          "source_file": stored_name, "received_at": now})
            if on_posts is not None and len(batch) >= batch_size:
                on_posts(batch)
                batch = []
        report.notes.extend(getattr(connector, "notes", lambda _p: [])(path))
        if path.suffix.lower() in {".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ""} and \
                legacy_encoding(path):
            report.notes.append("not UTF-8: read as Windows-1252 (save as UTF-8 to be sure)")
        if undated:
            report.notes.append(
                f"{undated} rows had no date column: dated to the batch day {day} (name the "
                "file's date column in PANTAU_CSV_MAPPING to keep their own dates)")
    if on_posts is not None and batch:
        on_posts(batch)
    if on_quarantine is not None and held:
        on_quarantine(held)
    return result


def load_sources(con: duckdb.DuckDBPyConnection, sources_file: Path | None) -> int:
    """Upsert source metadata (platform, home_region, official) from a CSV; the number of
    sources it names.

    One statement for the whole file (a row per statement cost 2 ms, 0.4 s a day for the
    sample's 174 sources and far more for a desk that lists thousands of groups). A source
    named twice keeps its last row, as row-by-row upserts did; rows without a source name
    (a spreadsheet's empty lines) are skipped. The file is UTF-8, or Windows-1252 as Excel on
    Windows saves it."""
    if sources_file is None or not sources_file.exists():
        return 0
    encoding = legacy_encoding(sources_file) or "utf-8-sig"
    try:
        with sources_file.open(encoding=encoding, newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            if "source" not in columns:
                raise DataFileError(
                    f"{sources_file}: no 'source' column (columns: {', '.join(columns) or 'none'})."
                    " The first line must name the columns: source,platform,home_region,"
                    "official,description.")
            rows = {row["source"]: row for row in reader if (row.get("source") or "").strip()}
    except UnicodeDecodeError as exc:
        raise DataFileError(
            f"{sources_file}: not UTF-8 ({exc.reason} at byte {exc.start}): save it as "
            "UTF-8 (CSV UTF-8 in Excel).") from exc
    except csv.Error as exc:
        raise DataFileError(f"{sources_file}: unreadable CSV ({exc}).") from exc

    def column(name: str) -> list[str | None]:
        return [(row.get(name) or None) for row in rows.values()]

    table = pa.table({
        "source": pa.array(list(rows), pa.string()),
        "platform": pa.array(column("platform"), pa.string()),
        "home_region": pa.array(column("home_region"), pa.string()),
        "official": pa.array([str(row.get("official") or "").strip().lower()
                              in {"true", "1", "yes", "ya"} for row in rows.values()],
                             pa.bool_()),
        "description": pa.array(column("description"), pa.string()),
    })
    con.register("_sources_file", table)
    try:
        con.execute("INSERT OR REPLACE INTO sources (source, platform, home_region, official,"
                    " description) SELECT * FROM _sources_file")
    finally:
        con.unregister("_sources_file")
    return len(rows)
