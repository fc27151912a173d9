"""The synthetic day generator: deterministic, valid Pantau JSONL, with the promised mix."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from benchmarks.synthetic_day import generate_posts, write_day
from pipelines.connectors.jsonl import JsonlConnector
from pipelines.post_contract import validate_post
from pipelines.settings import Settings

DAY = date(2026, 12, 1)


def test_same_arguments_give_identical_files(tmp_path: Path) -> None:
    a = write_day(tmp_path / "a", DAY, 500, seed=3)
    b = write_day(tmp_path / "b", DAY, 500, seed=3)
    first = (tmp_path / "a" / DAY.isoformat() / "posts.jsonl").read_bytes()
    assert first == (tmp_path / "b" / DAY.isoformat() / "posts.jsonl").read_bytes()
    assert a.n_posts == b.n_posts == 500
    other = write_day(tmp_path / "c", DAY, 500, seed=4)
    assert other.bytes != a.bytes or (tmp_path / "c" / DAY.isoformat() / "posts.jsonl")\
        .read_bytes() != first


def test_every_line_is_a_valid_post_with_unique_ids(tmp_path: Path) -> None:
    stats = write_day(tmp_path, DAY, 800, seed=1)
    path = tmp_path / DAY.isoformat() / "posts.jsonl"
    records = list(JsonlConnector().parse(path, Settings()))
    assert len(records) == 800
    posts = [validate_post(r.fields) for r in records if r.fields is not None]
    assert len(posts) == 800
    assert len({p["post_id"] for p in posts}) == 800
    assert all(p["published_at"].utcoffset() is not None for p in posts)
    # The day's posts, plus a few late arrivals stamped the evening before (WIB).
    local_days = {p["published_at"].date() for p in posts}
    assert local_days <= {DAY, date(2026, 11, 30)}
    assert stats.late_arrivals > 0
    assert any(f.startswith("factchecks") for f in stats.files)


def test_the_day_has_duplicates_forwards_and_narratives() -> None:
    table, stats = generate_posts(DAY, 5000, seed=0)
    texts = table.column("text").to_pylist()
    assert len(texts) == 5000
    distinct = len(set(texts))
    assert 0.75 * 5000 < distinct < 0.95 * 5000  # exact reposts, not a copy of everything
    assert stats["exact_duplicates"] > 0 and stats["forwards"] > 0
    assert 0.2 < stats["narrative_posts"] / 5000 < 0.5
    assert any("Sebarkan" in t or "*PENTING*" in t for t in texts)
    lengths = sorted(len(t) for t in texts)
    assert 80 < lengths[len(lengths) // 2] < 300  # the sample's median post is ~155 chars
    json.dumps(table.slice(0, 5).to_pylist(), ensure_ascii=False)
