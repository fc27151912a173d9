"""Who may work on a day: one pipeline run per day at a time, across processes.

DuckDB's own lock lets one process write at a time, but a day's run is eight stages, and the
embed stage lets go of the file while the model works, so two runs of the same day (two
`pantau run`, or the DAG and the CLI) could interleave stage by stage. `day_lock` is an
exclusive lock (flock) on `<home>/locks/day-YYYY-MM-DD.lock`, held for the day by `pantau run`
and for each stage by an Airflow task; the second caller waits, then refuses with who holds
it. The kernel drops the lock when its process dies, kill -9 included, so it never goes stale.

Re-entrant within a process, threads included (the CLI holds the day, its stages take it
again). POSIX only: Airflow and Pantau run on Linux and macOS.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from warehouse.connection import WarehouseError


class DayBusyError(WarehouseError):
    """Another process is running this day; the message says which and what to do."""


_held: dict[Path, tuple[IO[str], int]] = {}
_guard = threading.RLock()


def lock_path(home: Path, name: str) -> Path:
    return home / "locks" / f"{name}.lock"


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    try:
        info = json.loads(handle.read() or "{}")
    except ValueError:
        info = {}
    if not info:
        return "another process"
    return (f"process {info.get('pid')} on {info.get('host')} ({info.get('command')}, "
            f"since {info.get('since')})")


@contextmanager
def exclusive(path: Path, what: str, wait_s: float) -> Iterator[None]:
    """Hold an exclusive lock on `path`, waiting up to `wait_s`; DayBusyError after that."""
    path = path.resolve()
    with _guard:
        if path in _held:  # this process holds it already
            handle, depth = _held[path]
            _held[path] = (handle, depth + 1)
            reentered = True
        else:
            reentered = False
    if not reentered:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+", encoding="utf-8")
        deadline = time.monotonic() + wait_s
        delay = 0.05
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(handle)
                    handle.close()
                    raise DayBusyError(
                        f"{what} is being processed by {holder}; waited {wait_s:g} s. Let it "
                        "finish (a rerun afterwards replaces the day), or stop that process."
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "command": " ".join(Path(a).name for a in sys.argv[:3]),
                                 "since": datetime.now(UTC).isoformat(timespec="seconds")}))
        handle.flush()
        with _guard:
            _held[path] = (handle, 1)
    try:
        yield
    finally:
        with _guard:
            handle, depth = _held[path]
            if depth > 1:
                _held[path] = (handle, depth - 1)
            else:
                del _held[path]
                handle.close()  # closing the descriptor releases the flock


@contextmanager
def day_lock(home: Path, day: date, wait_s: float) -> Iterator[None]:
    """The lock for running `day`'s pipeline (see the module docstring)."""
    with exclusive(lock_path(home, f"day-{day.isoformat()}"), f"Day {day.isoformat()}",
                   wait_s):
        yield
