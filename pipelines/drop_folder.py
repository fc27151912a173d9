"""The drop folder: files put in `<inbox>/<connector>/` are ingested once, then moved away.

    $PANTAU_HOME/inbox/whatsapp-txt/WhatsApp Chat with Grup Warga RT 05.txt
    $PANTAU_HOME/inbox/x-json/search-banjir.json
    $PANTAU_HOME/inbox/auto/anything.csv          (format detected from the content)

This is in addition to the per-day inbox `<inbox>/<YYYY-MM-DD>/`, which works as before. The
daily DAG lists the pending files (`list_pending`) and ingests each in its own mapped task
(`process_file`) for the run's day, before the day's inbox ingest. Each file:

* is parsed by its folder's connector; rows are written with source_file
  'drop:<connector>/<name>@<sha256 prefix>' and its own run row (stage 'ingest-drop'), in one
  transaction; the day's `ingest` run (and so `run_summary`) adds these counts;
* is then moved to `<inbox>/processed/<connector>/<YYYY-MM-DD>/`, never over a file already
  there (`pipelines.fileio.move_no_replace`: a hard link, which fails on a taken name, then
  the unlink); a file its connector cannot read at all goes to `<inbox>/failed/<connector>/`
  with `<name>.error.txt` beside it;
* a symbolic link (or anything but a regular file) is never followed: it is moved, as a link,
  to `failed/` with the reason;
* is never ingested twice: the same content (same hash) found again, e.g. after a crash
  between the commit and the move, is only moved.

Write files under a temporary name and rename them into the folder; names starting with '.'
or '~' and ending in .part/.tmp/.crdownload are left alone.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import stat
import traceback
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pipelines.connectors import CONNECTORS, ConnectorError, stored_file_name
from pipelines.fileio import is_finished_file_name, move_no_replace
from pipelines.fileio import sha256_file as file_sha256
from pipelines.settings import Settings

log = logging.getLogger(__name__)

AUTO = "auto"


def drop_folders(settings: Settings) -> dict[str, Path]:
    """Connector name -> its drop folder (also 'auto')."""
    return {name: settings.inbox_dir / name for name in sorted([*CONNECTORS, AUTO])}


def _is_pending(path: Path) -> bool:
    # lstat, not stat: a symbolic link is listed (to be refused), never followed
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    return ((stat.S_ISREG(mode) or stat.S_ISLNK(mode)) and is_finished_file_name(path)
            and not path.name.endswith(".error.txt"))


def _refusal(path: Path) -> str | None:
    """Why `path` is not read at all: a link could point at any file the pipeline can read
    (settings, keys), so only regular files dropped into the folder itself are ingested."""
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return ("a symbolic link, refused (it could point at any file Pantau can read); put "
                "the file itself in the drop folder")
    if not stat.S_ISREG(mode):
        return "not a regular file, refused"
    return None


def list_pending(settings: Settings) -> list[tuple[str, Path]]:
    """(connector, file) for every file waiting in a drop folder, by folder then name."""
    pending: list[tuple[str, Path]] = []
    for connector, folder in drop_folders(settings).items():
        if folder.is_dir():
            pending.extend((connector, p) for p in sorted(folder.iterdir()) if _is_pending(p))
    return pending




def _move(path: Path, folder: Path, name: str | None = None) -> Path:
    # never over a file already there (another try, another process): a free name instead
    return move_no_replace(path, folder, name)


def _park(path: Path, failed_dir: Path, connector: str, reason: str,
          name: str | None = None) -> Path:
    """Move `path` to failed/ with `<name>.error.txt` saying why."""
    from pipelines.fileio import write_atomic

    target = _move(path, failed_dir, name)
    write_atomic(target.with_name(target.name + ".error.txt"),
                 f"{datetime.now(UTC).isoformat()} {connector}: {reason}\n")
    log.warning("drop folder: %s failed (%s); moved to %s", name or path.name, reason, target)
    return target


def _counts(status: str, connector: str, path: Path, **extra: Any) -> dict[str, Any]:
    return {"status": status, "connector": connector, "file": path.name, "received": 0,
            "stored": 0, "duplicates": 0, "quarantined": 0, **extra}


def process_file(settings: Settings, day: date, connector: str, path: Path) -> dict[str, Any]:
    """Ingest one drop-folder file for batch `day`, then move it; returns small counts.

    status: 'processed', 'failed' (moved to failed/), 'already-ingested' (same content was
    ingested before: only moved) or 'missing' (already moved, e.g. by an earlier try).
    Warehouse errors are raised (the file stays; the task is retried).
    """
    from pipelines.stages.ingest import DROP_SOURCE_PREFIX, DROP_STAGE, load_sources, parse_files
    from warehouse import schemas
    from warehouse.connection import transaction, writer
    from warehouse.store import insert_arrow, record_file_run, replace_fact_checks, rows_to_arrow

    path = Path(path)
    # a one-to-one chat's file name is a person's name or number: kept only hashed, in the
    # warehouse, in runs and in processed/ and failed/ (stored_file_name)
    shown = stored_file_name(path, settings)
    if not (path.exists() or path.is_symlink()):
        return _counts("missing", connector, Path(shown))
    processed_dir = settings.inbox_dir / "processed" / connector / day.isoformat()
    failed_dir = settings.inbox_dir / "failed" / connector
    refused = _refusal(path)
    if refused is None:
        try:
            sha = file_sha256(path)
        except FileNotFoundError:  # moved meanwhile by another try
            return _counts("missing", connector, Path(shown))
        except OSError as exc:
            if exc.errno != errno.ELOOP:  # ELOOP: swapped for a link since it was listed
                raise
            refused = _refusal(path) or "changed while being read, refused"
    if refused is not None:
        target = _park(path, failed_dir, connector, refused, shown)
        return _counts("failed", connector, Path(shown), error=refused, moved_to=str(target))
    label = f"{DROP_SOURCE_PREFIX}{connector}/{shown}@{sha[:12]}"
    run_id = f"{day.isoformat()}:{DROP_STAGE}:{label}"

    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        done = con.execute(
            "SELECT day FROM runs WHERE stage = ? AND status = 'success'"
            " AND json_extract_string(detail, '$.label') = ? LIMIT 1",
            [DROP_STAGE, label]).fetchone()
        if done is not None:
            target = _move(path, processed_dir, shown)
            log.info("%s was already ingested for %s; moved to %s", shown, done[0], target)
            return _counts("already-ingested", connector, Path(shown), moved_to=str(target))
        load_sources(con, settings.sources_file)
        known = {r[0] for r in con.execute(
            "SELECT post_id FROM raw_posts WHERE NOT (batch_day = ? AND source_file = ?)",
            [day, label]).fetchall()}
        try:
            result = parse_files([path], day, connector, known, settings=settings)
        except Exception as exc:  # the file is unusable: park it with the reason, go on
            reason = str(exc) if isinstance(exc, ConnectorError) else "".join(
                traceback.format_exception_only(type(exc), exc)).strip()
            target = _park(path, failed_dir, connector, reason, shown)
            return _counts("failed", connector, Path(shown), error=reason[:500],
                           moved_to=str(target))

        report = result.files[0]
        for row in result.posts:
            row["source_file"] = label
        for row in result.quarantine:
            row["source_file"] = label
            key = f"{day}|{label}|{row['line_no']}|{row['raw_record'][:200]}"
            row["quarantine_id"] = hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:20]
        counts = {"received": result.received,
                  "stored": len(result.posts) + len(result.fact_checks),
                  "duplicates": result.redelivered, "quarantined": result.quarantined}
        now = datetime.now(UTC)
        detail = {"label": label, "sha256": sha, "file": shown, "connector": report.connector,
                  "files": [vars(report)]}
        with transaction(con):
            for table, rows, schema in (("raw_posts", result.posts, schemas.RAW_POSTS),
                                        ("quarantine", result.quarantine, schemas.QUARANTINE)):
                con.execute(f"DELETE FROM {table} WHERE batch_day = ? AND source_file = ?",
                            [day, label])
                insert_arrow(con, table, rows_to_arrow(rows, schema))
            if result.fact_checks:
                replace_fact_checks(con, result.fact_checks)
            con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
            record_file_run(con, run_id, day, DROP_STAGE, counts, detail, now)
    target = _move(path, processed_dir, shown)  # only after the commit above
    return _counts("processed", connector, Path(shown), moved_to=str(target), label=label,
                   **counts)
