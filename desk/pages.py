"""The desk's pages, precomputed at publish (warehouse/sql/queries/desk_pages_refresh.sql).

The queries behind the list and the narrative page read every post (seconds at a million
posts); the desk needs them in well under a second, for every officer at once. `publish`
therefore writes small tables, one pass over the warehouse for all narratives, inside its
writer and before it copies the snapshot, so the snapshot the desk reads carries them. The
list (the briefing's ranking) is precomputed for the nation and for each scope the desk's
users have; another scope, or another day, is read live (and cached) as before.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from desk.store import store_path
from warehouse.connection import transaction
from warehouse.queries import fetch_dicts, query_text

log = logging.getLogger(__name__)


def statements(name: str) -> list[str]:
    """The statements of a multi-statement query file, comments left out."""
    out = []
    for chunk in query_text(name).split(";\n"):
        code = "\n".join(line for line in chunk.splitlines()
                         if not line.strip().startswith("--")).strip()
        if code:
            out.append(code)
    return out


def user_scopes(home: Path) -> list[str]:
    """The scopes of the desk's enabled users (none without a desk store)."""
    path = store_path(home)
    if not path.exists():
        return []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return sorted({r[0] for r in con.execute(
            "SELECT DISTINCT scope FROM users WHERE NOT disabled AND scope <> ''")})
    except sqlite3.Error as exc:
        log.warning("desk users unreadable (%s): the list is precomputed for the nation only", exc)
        return []
    finally:
        con.close()


def refresh_pages(con: duckdb.DuckDBPyConnection, home: Path) -> dict[str, Any]:
    """Rebuild the desk_page_* tables for the last processed day, in one transaction."""
    started = time.perf_counter()
    day: date = fetch_dicts(con, "desk_latest_day")[0]["day"]
    scopes = ["", *user_scopes(home)]
    top = query_text("brief_top_narratives").strip().rstrip(";")
    with transaction(con):
        for sql in statements("desk_pages_refresh"):
            con.execute(sql, {"day": day} if "$day" in sql else {})
        con.execute("CREATE OR REPLACE TABLE desk_page_today AS SELECT ''::VARCHAR AS scope,"
                    f" 0::INTEGER AS rank, q.* FROM ({top}) q LIMIT 0",
                    {"day": day, "scope": None, "limit": 50})
        for scope in scopes:
            rows = con.sql(top, params={"day": day, "scope": scope or None,
                                        "limit": 50}).to_arrow_table()
            if rows is None:
                continue
            n = rows.num_rows
            rows = rows.add_column(0, "rank", pa.array(range(1, n + 1), pa.int32()))
            rows = rows.add_column(0, "scope", pa.array([scope] * n, pa.string()))
            con.register("_desk_today_rows", rows)
            con.execute("INSERT INTO desk_page_today BY NAME SELECT * FROM _desk_today_rows")
            con.unregister("_desk_today_rows")
        seconds = round(time.perf_counter() - started, 2)
        con.execute("DELETE FROM desk_page_refresh")
        con.execute("INSERT INTO desk_page_refresh VALUES (?, ?, ?, ?)",
                    [day, scopes, datetime.now(UTC), seconds])
    return {"day": day.isoformat(), "scopes": len(scopes), "seconds": seconds}


def refresh_for(settings: Any, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The call publish makes. A failure is logged, not raised: the desk then reads live."""
    try:
        return refresh_pages(con, settings.home)
    except duckdb.Error as exc:
        log.warning("desk pages not precomputed (%s); the desk reads the warehouse live", exc)
        return {"error": str(exc)[:200]}


def precomputed(cur: duckdb.DuckDBPyConnection) -> tuple[date, list[str]] | None:
    """(day, list scopes) of the precomputed pages in this snapshot, None when there are none."""
    try:
        rows = fetch_dicts(cur, "desk_page_state")
    except duckdb.CatalogException:  # a snapshot published before migration 012
        return None
    if not rows:
        return None
    return rows[0]["day"], list(rows[0]["scopes"])
