"""The storing half every stage shares: open the writer, record the run, finish or fail it.

    with stage_run(settings, day, "normalise") as run:
        counts = link_and_store(run.con, settings, day, normed)
        run.finish(counts=counts)

The stage's own writes go in `transaction(run.con)` blocks; `finish` records success and the
counts once they are committed. An exception marks the run 'failed' before it propagates, so
`runs` never shows a dead stage as 'running' or as the previous attempt's success.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from pipelines.settings import Settings
from warehouse.connection import writer
from warehouse.store import finish_run, start_run

log = logging.getLogger(__name__)


@dataclass
class StageRun:
    con: duckdb.DuckDBPyConnection
    run_id: str
    finished: bool = field(default=False, init=False)

    def finish(self, counts: dict[str, int] | None = None,
               detail: dict[str, Any] | None = None) -> None:
        finish_run(self.con, self.run_id, counts=counts, detail=detail)
        self.finished = True


def _mark_failed(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    # Minimal until warehouse.store grows a fail_run (issue 13, h13a): status and end time only.
    try:
        con.execute("UPDATE runs SET status = 'failed', finished_at = ? WHERE run_id = ?",
                    [datetime.now(UTC), run_id])
    except duckdb.Error as exc:  # the stage's own error is the one the caller must see
        log.warning("could not record that run %s failed: %s", run_id, exc)


@contextmanager
def stage_run(settings: Settings, day: date, stage: str) -> Iterator[StageRun]:
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run = StageRun(con, start_run(con, day, stage))
        try:
            yield run
        except BaseException:
            _mark_failed(con, run.run_id)
            raise
        if not run.finished:
            run.finish()
