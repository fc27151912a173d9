"""Stage 1: read input files through their connectors; accept, or quarantine with a reason."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pipelines.connectors import ConnectorError, stored_file_name
from pipelines.connectors.rss import prefetch_articles
from pipelines.ingest_parse import (  # noqa: F401 - re-exported: callers import them from here
    DROP_SOURCE_PREFIX,
    DROP_STAGE,
    POST_BATCH,
    QUARANTINE_SAMPLE,
    FileReport,
    IngestResult,
    _quarantine_row,
    _records,
    _text_digest,
    check_file_size,
    day_files,
    load_sources,
    parse_files,
)
from pipelines.settings import Settings
from pipelines.stages.stage_run import stage_run
from warehouse import schemas
from warehouse.connection import transaction
from warehouse.store import (
    insert_arrow,
    rows_to_arrow,
    upsert_fact_checks,
)


def ingest(settings: Settings, day: date, paths: Sequence[Path] | None = None,
           fmt: str = "auto") -> IngestResult:
    """Ingest the day's inbox (or the given files) for batch `day`; rerunning replaces it."""
    files = list(paths) if paths is not None else day_files(settings, day)
    missing = [p for p in files if not p.exists()]
    if missing:
        raise ConnectorError(f"Input file not found: {missing[0]}")
    # The network is slow and hostile: linked articles are fetched before the writer opens,
    # so no fetch ever runs while the lock is held.
    articles = prefetch_articles(files, settings, fmt)
    names = [stored_file_name(p, settings) for p in files]
    with stage_run(settings, day, "ingest") as run:
        con = run.con
        load_sources(con, settings.sources_file)
        placeholders = ",".join("?" for _ in names) or "NULL"
        # What this call replaces: the given files, or the whole day except the drop-folder
        # files ingested for it (source_file 'drop:…', see pipelines/drop_folder.py).
        scope = (f"AND source_file IN ({placeholders})" if paths is not None else
                 f"AND (source_file IS NULL OR source_file NOT LIKE '{DROP_SOURCE_PREFIX}%')")
        scope_params = names if paths is not None else []
        # Posts stored by another batch or file (kept by this replace) are redeliveries.
        known = {r[0] for r in con.execute(
            f"SELECT post_id FROM raw_posts WHERE NOT (batch_day = ? {scope})",
            [day, *scope_params]).fetchall()}
        # Parsed posts go to the warehouse a batch at a time, in one transaction with the
        # removal of what they replace (all or nothing, as before).
        with transaction(con):
            for table in ("raw_posts", "quarantine"):
                con.execute(f"DELETE FROM {table} WHERE batch_day = ? {scope}",
                            [day, *scope_params])
            result = parse_files(
                files, day, fmt, known,
                on_posts=lambda rows: insert_arrow(con, "raw_posts",
                                                   rows_to_arrow(rows, schemas.RAW_POSTS)),
                batch_size=POST_BATCH,
                on_quarantine=lambda rows: insert_arrow(
                    con, "quarantine", rows_to_arrow(rows, schemas.QUARANTINE)),
                settings=settings, articles=articles, refuse=False)
        del known
        if result.fact_checks:
            upsert_fact_checks(con, result.fact_checks)
        # The day's reconciliation includes the drop-folder files ingested for it.
        drop = con.execute(
            "SELECT count(*), coalesce(sum(received), 0), coalesce(sum(stored), 0),"
            " coalesce(sum(duplicates), 0), coalesce(sum(quarantined), 0) FROM runs"
            " WHERE day = ? AND stage = ? AND status = 'success'",
            [day, DROP_STAGE]).fetchone() or (0, 0, 0, 0, 0)
        run.finish(counts={
            "received": result.received + drop[1],
            "stored": result.accepted_posts + len(result.fact_checks) + drop[2],
            "duplicates": result.redelivered + drop[3],
            "quarantined": result.quarantined + drop[4],
        }, detail={"files": [vars(f) for f in result.files],
                   "drop_folder": {"files": drop[0], "received": drop[1], "stored": drop[2],
                                   "duplicates": drop[3], "quarantined": drop[4]}})
    return result
