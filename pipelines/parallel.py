"""A stage's per-batch text work on every core of one machine.

Normalising, region tagging and scoring are pure per batch and single-threaded Python, so on a
2-core worker one core idles while they run (the model's encode already uses both). `map_ordered`
runs the batches in forked worker processes: a fork inherits what the stage has loaded (the
region tagger, the classifier, the fact-check index) without pickling it, and only each batch
and its result cross between processes. Results come back in input order, so the warehouse
gets the rows it gets from one process (tests/pipelines/test_parallel.py).

Where forking is unavailable or unsafe (not Linux, a daemonic process such as a
multiprocessing pool worker), or for one process, the batches run in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from pipelines.errors import PantauError
from pipelines.settings import Settings

T = TypeVar("T")
R = TypeVar("R")

# The function the forked workers run: set before the pool forks, so they inherit it (and
# everything it holds) instead of receiving it pickled.
_TASK: Callable[[Any], Any] | None = None


class WorkerDied(PantauError):
    """A worker process ended without a result (killed, often for memory)."""


def _one_thread() -> None:
    """Each worker's BLAS and OpenMP pools to one thread: the workers already fill the cores,
    and a pool per worker sized to every core would oversubscribe them (OpenBLAS threads
    spin while they wait)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def _call(item: Any) -> Any:
    assert _TASK is not None, "a stage worker started without its task"
    return _TASK(item)


def can_fork() -> bool:
    # Linux only: macOS offers fork but its system libraries are not safe across it once
    # threads have run (Python itself stopped defaulting to it there).
    return (sys.platform.startswith("linux")
            and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


def processes_for(requested: int | None, batches: int) -> int:
    """Worker processes for `batches` batches: `requested` (default every core), never more than
    there are batches, 1 where forking is unavailable."""
    wanted = requested if requested is not None else (os.cpu_count() or 1)
    if wanted <= 1 or batches <= 1 or not can_fork():
        return 1
    return min(wanted, batches)


def plan(settings: Settings, rows: int, batch: int,
         min_rows: int | None = None) -> tuple[int, int]:
    """(processes, rows per batch) for a stage's `rows` rows in batches of at most `batch`: one
    process below `min_rows` (default ``settings.parallel_min_posts``); otherwise the batches
    shrink until every process has one, so two cores split a 60k-post day 30k + 30k rather
    than 50k + 10k."""
    if rows < (settings.parallel_min_posts if min_rows is None else min_rows):
        return 1, batch
    wanted = processes_for(settings.stage_processes, rows)
    if wanted <= 1:
        return 1, batch
    per = min(batch, -(-rows // wanted))
    return min(wanted, -(-rows // per)), per


def map_ordered(fn: Callable[[T], R], items: Iterable[T], processes: int) -> Iterator[R]:
    """``fn(item)`` for each item, in order. With ``processes`` > 1, in that many forked
    workers, at most ``processes`` + 1 items in flight (memory stays bounded by the batch size);
    an exception raised by ``fn`` is raised here unchanged."""
    if processes <= 1 or not can_fork():
        yield from map(fn, items)
        return
    global _TASK
    if _TASK is not None:  # a nested call would hand its workers the outer task
        yield from map(fn, items)
        return
    _TASK = fn
    try:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_one_thread) as pool:
            pending: deque[Future[R]] = deque()
            try:
                for item in items:
                    pending.append(pool.submit(_call, item))
                    # one batch queued beyond the workers: none idles while this process
                    # stores a result
                    if len(pending) > processes:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            except BrokenProcessPool as exc:
                raise WorkerDied(
                    "A worker process of this stage died without finishing its batch (most "
                    "often the machine ran out of memory). Rerun the day with "
                    "PANTAU_STAGE_PROCESSES=1 to run the stage in one process.") from exc
            except BaseException:  # the consumer stopped or failed: drop the batches not begun
                for future in pending:
                    future.cancel()
                raise
    finally:
        _TASK = None

