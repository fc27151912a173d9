"""Post search for the desk: a SQLite FTS5 index beside the desk store, fed from the snapshot.

DuckDB's `fts` extension cannot be installed offline for DuckDB 2.x, and a scan of every post
takes seconds at a million posts. SQLite's FTS5 with the trigram tokenizer keeps the meaning the
desk had (a case-insensitive substring of at least 3 characters, `%` and `_` literal) and
answers from an index. The index (`$PANTAU_HOME/desk_search.sqlite`) is contentless: it holds
post ids, days and trigrams, and the shown text comes from the snapshot, so it holds no second
copy of the posts. It is refreshed after each publish (the server notices the new snapshot and
refreshes in a background thread; `refresh_index` can be called directly) by adding the posts
received since the last refresh; posts leaving the warehouse trigger a full rebuild.
Rows are added in (day, post_id) order, so the highest rowids are the newest posts.
"""

from __future__ import annotations

import fcntl
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from warehouse.queries import query_text

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    rowid INTEGER PRIMARY KEY,
    post_id TEXT NOT NULL UNIQUE,
    day TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
    text, content='', columnsize=0, tokenize='trigram'
);
"""
BATCH = 50_000


def index_path(home: Path) -> Path:
    return home / "desk_search.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=30, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.executescript(_SCHEMA)
    return con


def _meta(con: sqlite3.Connection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def refresh_index(path: Path, cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Add the posts received since the last refresh (everything on the first)."""
    started = time.perf_counter()
    con = _connect(path)
    try:
        # fetchall: DuckDB refuses new work on a cursor with a half-read result
        total = int(cur.execute("SELECT count(*) FROM raw_posts").fetchall()[0][0])
        indexed = int(con.execute("SELECT count(*) FROM docs").fetchone()[0])
        since = _meta(con, "received_through")
        full = since is None or total < indexed
        if full:
            with con:
                con.execute("DELETE FROM docs")
                con.execute("DELETE FROM meta")
                con.execute("INSERT INTO docs_fts (docs_fts) VALUES ('delete-all')")
            since = None
        high = cur.execute("SELECT max(received_at)::VARCHAR FROM raw_posts").fetchall()[0][0]
        result = cur.sql(query_text("desk_search_feed"),
                         params={"since": since}).to_arrow_reader(BATCH)
        added = 0
        con.execute("CREATE TEMP TABLE IF NOT EXISTS feed (post_id TEXT, day TEXT, text TEXT)")
        for batch in result or []:
            rows = zip(batch.column("post_id").to_pylist(),
                       [str(d) if d else None for d in batch.column("day").to_pylist()],
                       batch.column("text").to_pylist(), strict=True)
            with con:
                con.execute("DELETE FROM feed")
                con.executemany("INSERT INTO feed VALUES (?, ?, ?)", rows)
                last = int(con.execute("SELECT coalesce(max(rowid), 0) FROM docs").fetchone()[0])
                # a post seen before (received at the boundary instant) is not added twice
                con.execute("INSERT INTO docs (post_id, day) SELECT post_id, day FROM feed"
                            " WHERE post_id NOT IN (SELECT post_id FROM docs) ORDER BY rowid")
                cursor = con.execute("INSERT INTO docs_fts (rowid, text) SELECT d.rowid, f.text"
                                     " FROM feed f JOIN docs d USING (post_id)"
                                     " WHERE d.rowid > ?", (last,))
                added += cursor.rowcount
        with con:
            if high is not None:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('received_through', ?)",
                            (str(high),))
        return {"full": full, "added_rows": added, "posts": total,
                "seconds": round(time.perf_counter() - started, 2)}
    finally:
        con.close()


def _phrase(text: str) -> str:
    # an FTS5 string: the query is one literal phrase, never FTS5 syntax
    return '"' + text.replace('"', '""') + '"'


def search_ids(path: Path, text: str, limit: int) -> list[str] | None:
    """Post ids containing `text` (case-insensitive), newest first; None without an index."""
    if not path.exists() or len(text) < 3:
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        if _meta(con, "received_through") is None:
            return None
        rows = con.execute(
            "SELECT d.post_id FROM docs_fts f JOIN docs d ON d.rowid = f.rowid"
            " WHERE docs_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?",
            (_phrase(text), limit)).fetchall()
    except sqlite3.Error as exc:
        log.warning("desk search index unreadable (%s); searching by scan", exc)
        return None
    finally:
        con.close()
    return [r[0] for r in rows]


@contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """An flock held across processes; the kernel drops it if the process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class SearchIndex:
    """The server's index: refreshed once per snapshot, in the background, one at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._done_for: object = None
        self._running = False

    def refresh_for(self, stamp: object, open_cursor: Any) -> None:
        with self._lock:
            if self._running or stamp == self._done_for:
                return
            self._running = True

        def work() -> None:
            try:
                # one process at a time (pantau serve --workers N): the others wait, then
                # find nothing new to add
                with _exclusive(self.path.with_name(self.path.name + ".lock")), \
                        open_cursor() as cur:
                    out = refresh_index(self.path, cur)
                log.info("desk search index refreshed: %s", out)
                with self._lock:
                    self._done_for = stamp
            except Exception:  # noqa: BLE001 - search falls back to the scan; log and go on
                log.exception("desk search index refresh failed")
            finally:
                with self._lock:
                    self._running = False

        threading.Thread(target=work, name="desk-search-refresh", daemon=True).start()
