"""What the desk's pages read from the warehouse: the published snapshot, read-only.

The snapshot (stages/publish.py) is a consistent copy made after every run, so the pages never
take the main file's lock (a reader there would hold up the pipeline's writer). One read-only
connection is kept and reopened when `publish` replaces the file; every request reads through
its own cursor. Before the first snapshot exists the main file is read, briefly, read-only.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from warehouse.connection import WarehouseError, reader, snapshot_path_for
from warehouse.queries import fetch_dicts


class Warehouse:
    def __init__(self, warehouse_path: Path) -> None:
        self.path = warehouse_path
        self.snapshot = snapshot_path_for(warehouse_path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | None = None
        # Page reads keyed by the snapshot they came from: a snapshot never changes once
        # published, so a result stays right until `publish` replaces the file.
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.cache_size = 512
        # called (outside the lock) with the new stamp when a new snapshot is first opened
        self.on_new_snapshot: Callable[[tuple[int, int]], None] | None = None

    def _current(self) -> duckdb.DuckDBPyConnection | None:
        try:
            st = os.stat(self.snapshot)
        except FileNotFoundError:
            return None
        stamp = (st.st_ino, st.st_mtime_ns)
        fresh = False
        with self._lock:
            if self._con is None or stamp != self._stamp:
                self._cache.clear()
                old = self._con
                self._con = duckdb.connect(str(self.snapshot), read_only=True)
                self._stamp = stamp
                fresh = True
                if old is not None:
                    old.close()  # cursors still open on it finish first (DuckDB keeps it)
            cur = self._con.cursor()
        if fresh and self.on_new_snapshot is not None:
            self.on_new_snapshot(stamp)
        return cur

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._current()
        if cur is not None:
            try:
                yield cur
            finally:
                cur.close()
            return
        if not self.path.exists():
            raise WarehouseError("No warehouse yet. Run `pantau run --date YYYY-MM-DD` first.")
        with reader(self.path, timeout_s=5.0) as con:
            yield con

    def cached(self, key: tuple[Any, ...], read: Callable[[duckdb.DuckDBPyConnection], Any]
               ) -> Any:
        """`read(cursor)`, remembered for the current snapshot (not before one exists)."""
        with self.cursor() as cur:
            if self._stamp is None or self._con is None or self.cache_size == 0:
                return read(cur)
            full = (self._stamp, *key)
            with self._lock:
                if full in self._cache:
                    self._cache.move_to_end(full)
                    return self._cache[full]
            value = read(cur)
            with self._lock:
                self._cache[full] = value
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
            return value

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


def latest_day(cur: duckdb.DuckDBPyConnection) -> date:
    day = fetch_dicts(cur, "desk_latest_day")[0]["day"]
    return day if isinstance(day, date) else date.fromisoformat(str(day))


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` literally anywhere (its % and _ escaped)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def posts_in_scope(cur: duckdb.DuckDBPyConnection, post_ids: list[str], scope: str) -> set[str]:
    if not scope:
        return set(post_ids)
    if not post_ids:
        return set()
    return {r["post_id"] for r in fetch_dicts(cur, "desk_posts_in_scope",
                                              {"post_ids": post_ids, "scope": scope})}

