"""Reading a warehouse's rows and comparing two runs' rows, for the tests that check a
distributed run (sharded DAG, Celery cluster, shards on S3) against the one-machine run."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import duckdb


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def same_rows(a: list[tuple[object, ...]], b: list[tuple[object, ...]]) -> bool:
    """Equal rows; floats to 1e-6 (the model sees other batch compositions per partition)."""
    if len(a) != len(b):
        return False
    for ra, rb in zip(a, b, strict=True):
        for x, y in zip(ra, rb, strict=True):
            if isinstance(x, float) and isinstance(y, float):
                if not math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-6):
                    return False
            elif x != y:
                return False
    return True


def assert_same_tables(expected: Path, actual: Path, queries: Iterable[str]) -> None:
    """Each query returns rows in `expected` (the one-machine run) and the same rows in
    `actual` (`same_rows`); the failing query is the message."""
    for sql in queries:
        want = rows(expected, sql)
        assert want, sql
        assert same_rows(want, rows(actual, sql)), sql
