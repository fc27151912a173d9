"""Day replaces: a day written in parts is all or nothing, like one written at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from warehouse import schemas
from warehouse.connection import writer
from warehouse.store import replace_batch, replace_batch_parts

DAY = date(2026, 11, 20)


def _scores(ids: list[str]) -> pa.Table:
    n = len(ids)
    nulls = pa.nulls(n)
    return pa.table({
        "post_id": pa.array(ids), "batch_day": pa.array([DAY] * n, pa.date32()),
        "model_version": pa.array(["v1"] * n), "hoax_score": pa.array([0.5] * n),
        "fact_check_id": nulls.cast(pa.string()), "fact_check_similarity": nulls.cast(pa.float64()),
        "flagged": pa.array([False] * n), "flag_reason": nulls.cast(pa.string()),
        "fact_check_tier": nulls.cast(pa.string()),
        "fact_check_score": nulls.cast(pa.float64())}).cast(schemas.POST_SCORES)


def _ids(con: object) -> list[str]:
    return [r[0] for r in con.execute(  # type: ignore[attr-defined]
        "SELECT post_id FROM post_scores WHERE batch_day = ? ORDER BY post_id", [DAY]).fetchall()]


def test_parts_replace_the_day(tmp_path: Path) -> None:
    with writer(tmp_path / "w.duckdb") as con:
        replace_batch(con, [("post_scores", _scores(["old-1", "old-2"]))], DAY)
        n = replace_batch_parts(con, "post_scores", DAY,
                                iter([_scores(["a", "b"]), _scores([]), _scores(["c"])]))
        assert n == 3
        assert _ids(con) == ["a", "b", "c"]


def test_a_failing_part_leaves_the_day_as_it_was(tmp_path: Path) -> None:
    def parts() -> Iterator[pa.Table]:
        yield _scores(["a", "b"])
        raise OSError("partition 1 unreadable")

    with writer(tmp_path / "w.duckdb") as con:
        replace_batch(con, [("post_scores", _scores(["old-1", "old-2"]))], DAY)
        with pytest.raises(OSError, match="partition 1"):
            replace_batch_parts(con, "post_scores", DAY, parts())
        assert _ids(con) == ["old-1", "old-2"]
