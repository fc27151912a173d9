"""Opening the warehouse: a short-lived writer, read-only readers, lock waits retried.

DuckDB allows one process to write a database file, and a process reading it read-only also
holds it (a shared lock), so a writer and readers in other processes take turns. Stages open
short writer connections; analysts read either the main file (waiting briefly for their turn)
or the snapshot that `publish` copies atomically after every run (see `analyst_reader`).
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.errors import PantauError
from warehouse.migrations import apply_migrations, create_views


class WarehouseError(PantauError):
    """A warehouse problem the user can act on."""


class DiskFullError(WarehouseError):
    """The disk filled up while writing; the stage's transaction rolled back."""


class MemoryLimitError(WarehouseError):
    """DuckDB reached its memory limit; the stage's transaction rolled back."""


def is_memory_limit(exc: BaseException) -> bool:
    """DuckDB past its memory limit with nothing left it can spill (at 10M posts a day, the
    primary-key indexes of the day's rows). A commit that runs out arrives as a transaction
    error with the same text."""
    if isinstance(exc, duckdb.OutOfMemoryException):
        return True
    return isinstance(exc, duckdb.Error) and "could not allocate block" in str(exc).lower()


_DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def is_disk_full(exc: BaseException) -> bool:
    """ENOSPC and kin, from Python's own writes or from DuckDB's (which arrive as text)."""
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS:
        return True
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and (
        "no space left" in text or "disk quota" in text or "file too large" in text
        or "could not write" in text and "space" in text)


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "being used" in text


# DuckDB options for every connection this process opens (`configure`): empty keeps DuckDB's
# defaults (memory_limit 80 % of the machine's memory, one thread per core).
_CONFIG: dict[str, str] = {}


def configure(memory_limit: str | None = None, threads: int | None = None) -> None:
    """Bound DuckDB in the connections opened from now on: `memory_limit` ('2GB') is where
    DuckDB starts spilling to disk instead of growing; None leaves an option at its default."""
    _CONFIG.clear()
    if memory_limit:
        _CONFIG["memory_limit"] = memory_limit
    if threads:
        _CONFIG["threads"] = str(threads)


def release_memory(con: duckdb.DuckDBPyConnection, floor: str = "128MB") -> None:
    """Hand memory DuckDB no longer needs (cached blocks, its allocator's free lists) back to
    the operating system, before Python-side work that needs it: briefly lowering the memory
    limit makes DuckDB evict and flush; the configured limit is then restored."""
    try:
        con.execute(f"SET memory_limit = '{floor}'")
    except duckdb.Error:
        pass  # more than `floor` is pinned right now: nothing to gain
    finally:
        if "memory_limit" in _CONFIG:
            con.execute(f"SET memory_limit = '{_CONFIG['memory_limit']}'")
        else:
            con.execute("RESET memory_limit")


# What an analyst's connection may not do, whatever SQL it is given: read or write files
# (read_csv, COPY … TO, ATTACH another file, a replacement scan of a path), install or load
# extensions, or change any of this back (lock_configuration). Read-only on top of that.
_SANDBOX: dict[str, str | bool] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}


def _sandbox(con: duckdb.DuckDBPyConnection, allowed_directories: tuple[Path, ...] = ()) -> None:
    # allowed_directories can only be set once the database is started, and before external
    # access is switched off; the lock comes last so nothing after it can undo either.
    if allowed_directories:
        con.execute("SET allowed_directories = ?",
                    [[str(d.resolve()).rstrip("/") + "/" for d in allowed_directories]])
    con.execute("SET enable_progress_bar = false")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _open(path: Path, read_only: bool, timeout_s: float,
          sandbox: bool = False) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    config: dict[str, str | bool | int | float | list[str]] = {
        **_CONFIG, **(_SANDBOX if sandbox else {})}
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            # DuckDB allows one writing process; another process holding the file is transient.
            if not _is_lock_error(exc) or time.monotonic() >= deadline:
                raise WarehouseError(
                    f"Cannot open the warehouse {path}: {exc}. Another Pantau process may be "
                    "writing; retry when it finishes, or query the published snapshot."
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


@contextmanager
def writer(path: Path, timeout_s: float = 120.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection with the schema up to date; closed promptly to free the lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=False, timeout_s=timeout_s)
    try:
        con.execute("SET enable_progress_bar = false")  # stage logs, not a terminal
        applied = apply_migrations(con)
        create_views(con, force=bool(applied))
        if applied:
            # An upgrade that adds marts builds them from the data the warehouse already holds.
            from warehouse.marts import marts_need_rebuild, refresh_marts

            if marts_need_rebuild(con):
                refresh_marts(con, full=True)
        yield con
    finally:
        con.close()


@contextmanager
def reader(path: Path, timeout_s: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection: it cannot modify anything, whatever SQL it is given."""
    if not path.exists():
        raise WarehouseError(
            f"No warehouse at {path}. Run `pantau run --date YYYY-MM-DD` (or `make run`) first."
        )
    con = _open(path, read_only=True, timeout_s=timeout_s)
    try:
        yield con
    finally:
        con.close()


def snapshot_path_for(path: Path) -> Path:
    """The snapshot `publish` writes next to the warehouse: pantau.duckdb → pantau_snapshot…"""
    return path.with_name(f"{path.stem}_snapshot{path.suffix}")


@dataclass(frozen=True)
class Opened:
    """Which file an analyst connection reads, and why."""

    path: Path
    is_snapshot: bool
    note: str | None = None


@contextmanager
def analyst_reader(
    path: Path,
    snapshot: Path | None = None,
    wait_s: float = 3.0,
    timeout_s: float = 60.0,
    on_opened: Callable[[Opened], None] | None = None,
    prefer_snapshot: bool = False,
    allowed_directories: tuple[Path, ...] = (),
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A sandboxed read-only connection for analysts: the main file when free, else the snapshot.

    With `prefer_snapshot` it reads the published snapshot whenever there is one (what
    `pantau sql` does by default: a long query there never holds up a pipeline stage).
    Otherwise it waits up to `wait_s` for a writer to release the main file, then reads the
    snapshot (reporting it through `on_opened`); without a snapshot it keeps waiting for the
    main file up to `timeout_s`. Whatever file it reads, the connection is read-only, cannot
    touch other files or extensions (see `_SANDBOX`), except writing under
    `allowed_directories` (for `pantau export`), and its configuration is locked.
    """
    snapshot = snapshot if snapshot is not None else snapshot_path_for(path)
    if not path.exists() and not snapshot.exists():
        raise WarehouseError(
            f"No warehouse at {path}. Run `pantau run --date YYYY-MM-DD` (or `make run`) first."
        )
    opened: Opened
    con: duckdb.DuckDBPyConnection | None = None
    if path.exists() and not (prefer_snapshot and snapshot.exists()):
        try:
            con = _open(path, read_only=True, sandbox=True,
                        timeout_s=wait_s if snapshot.exists() else timeout_s)
            opened = Opened(path, path == snapshot)
        except WarehouseError:
            if not snapshot.exists():
                raise
    if con is None:
        con = _open(snapshot, read_only=True, timeout_s=timeout_s, sandbox=True)
        opened = Opened(snapshot, True, None if prefer_snapshot else _snapshot_note(path, snapshot))
    try:
        _sandbox(con, allowed_directories)
        if on_opened is not None:
            on_opened(opened)
        yield con
    finally:
        con.close()


def _snapshot_note(path: Path, snapshot: Path) -> str:
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(snapshot.stat().st_mtime))
    busy = "is being written by the pipeline" if path.exists() else "does not exist"
    return (f"{path.name} {busy}; reading the snapshot published {stamp} ({snapshot}). "
            "It holds everything up to the last completed run.")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All-or-nothing: a crash mid-stage leaves the previous state of the day intact."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
