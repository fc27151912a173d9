"""The storing half every stage shares: open the writer, record the run, finish or fail it.

    with stage_run(settings, day, "normalise") as run:
        counts = link_and_store(run.con, settings, day, normed)
        run.finish(counts=counts)

The stage's own writes go in `transaction(run.con)` blocks; `finish` records success and the
counts once they are committed. An exception marks the run 'failed' before it propagates, so
`runs` never shows a dead stage as 'running' or as the previous attempt's success.

A stage that must not hold the warehouse lock all along (embed: the model runs for minutes)
uses `stage_run(..., hold_lock=False)` and opens the writer for each write with
`run.writer()`; `finish` and the failure record then open their own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
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
    settings: Settings
    run_id: str
    # the writer held for the whole stage; None with hold_lock=False
    held: duckdb.DuckDBPyConnection | None
    finished: bool = field(default=False, init=False)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self.held is None:
            raise RuntimeError("stage_run(hold_lock=False) holds no writer: use run.writer()")
        return self.held

    def writer(self) -> Any:
        """A writer connection: the held one, else one opened for this block (a `finish`
        inside the block uses it)."""
        if self.held is not None:
            return nullcontext(self.held)
        return self._opened()

    @contextmanager
    def _opened(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with writer(self.settings.warehouse_path, self.settings.lock_timeout_s) as con:
            self.held = con
            try:
                yield con
            finally:
                self.held = None

    def finish(self, counts: dict[str, int] | None = None,
               detail: dict[str, Any] | None = None) -> None:
        with self.writer() as con:
            finish_run(con, self.run_id, counts=counts, detail=detail)
        self.finished = True


def _mark_failed(con: duckdb.DuckDBPyConnection, day: date, stage: str,
                 exc: BaseException) -> None:
    message = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    try:
        fail_run(con, day, stage, message)
    except duckdb.Error as err:  # the stage's own error is the one the caller must see
        log.warning("could not record that %s of %s failed: %s", stage, day, err)


@contextmanager
def stage_run(settings: Settings, day: date, stage: str,
              hold_lock: bool = True) -> Iterator[StageRun]:
    if not hold_lock:
        with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
            run = StageRun(settings, start_run(con, day, stage), None)
        try:
            yield run
        except BaseException as exc:
            try:
                with run.writer() as con:
                    _mark_failed(con, day, stage, exc)
            except Exception as err:  # e.g. the lock is busy: the stage's error comes first
                log.warning("could not record that %s of %s failed: %s", stage, day, err)
            raise
        if not run.finished:
            run.finish()
        return
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run = StageRun(settings, start_run(con, day, stage), con)
        try:
            yield run
        except BaseException as exc:
            _mark_failed(con, day, stage, exc)
            raise
        if not run.finished:
            run.finish()
