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
from datetime import date
from typing import Any

import duckdb

from pipelines.settings import Settings
from warehouse.connection import writer
from warehouse.store import fail_run, finish_run, start_run

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


def _mark_failed(con: duckdb.DuckDBPyConnection, day: date, stage: str,
                 exc: BaseException) -> None:
    message = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    try:
        fail_run(con, day, stage, message)
    except duckdb.Error as err:  # the stage's own error is the one the caller must see
        log.warning("could not record that %s of %s failed: %s", stage, day, err)


@contextmanager
def stage_run(settings: Settings, day: date, stage: str) -> Iterator[StageRun]:
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run = StageRun(con, start_run(con, day, stage))
        try:
            yield run
        except BaseException as exc:
            _mark_failed(con, day, stage, exc)
            raise
        if not run.finished:
            run.finish()
