"""Sharding and the vectorised halves of the stages it relies on.

The sharded run must give the warehouse the one-machine run gives; these tests pin the pieces:
MinHash signatures equal datasketch's, duplicate linking equals `NearDuplicateIndex` replayed
post by post, and partitioned normalising, tagging, embedding and scoring equal the stages.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from benchmarks.synthetic_day import generate_posts
from pipelines.near_duplicates import NearDuplicateIndex
from pipelines.normalize import normalize_texts
from pipelines.settings import Settings
from pipelines.stages.normalise import (
    band_keys,
    link_duplicates,
    minhash_params,
    minhash_signatures,
)
from tests.warehouse_rows import assert_same_tables

FIXTURES = Path(__file__).parent.parent / "fixtures"
DAYS = (date(2026, 11, 20), date(2026, 11, 21))


def _reference(history: list[tuple[str, str, str, bool]],
               day: list[tuple[str, str, str]]) -> list[tuple[str | None, str | None]]:
    """The original stage loop: datasketch index over the window, then post by post."""
    first_by_hash: dict[str, str] = {}
    index = NearDuplicateIndex()
    for pid, chash, tnorm, recent in history:
        first_by_hash.setdefault(chash, pid)
        if recent:
            index.add(pid, tnorm)
    out: list[tuple[str | None, str | None]] = []
    for pid, chash, tnorm in day:
        if chash in first_by_hash:
            out.append((first_by_hash[chash], "exact"))
            continue
        near = index.find_or_add(pid, tnorm) if tnorm else None
        out.append((near, "near" if near else None))
        first_by_hash[chash] = near or pid
    return out


def test_vectorised_signatures_equal_datasketch() -> None:
    texts = ["vaksin mengandung microchip yang bisa melacak lokasi warga", "satu", "",
             "dua kata", "beras plastik beredar di pasar induk cek dengan cara dibakar"]
    sigs, valid = minhash_signatures(texts)
    index = NearDuplicateIndex()
    for i, text in enumerate(texts):
        m = index._minhash(text)
        assert valid[i] == (m is not None)
        if m is not None:
            assert np.array_equal(sigs[i], m.hashvalues)
    assert band_keys(sigs).shape == (len(texts), minhash_params().bands)


def test_linking_equals_the_datasketch_index_replayed() -> None:
    table, _ = generate_posts(date(2026, 12, 1), 3000, seed=7)
    texts = table.column("text").to_pylist()
    norm = normalize_texts(texts, detect_lang=False)
    tnorm = norm.column("text_norm").to_pylist()
    hashes = norm.column("content_hash").to_pylist()
    ids = [f"p{i:05d}" for i in range(len(texts))]
    # The first 1,200 are "history" (every other one outside the near-duplicate window).
    h = 1200
    history = [(ids[i], hashes[i], tnorm[i], i % 2 == 0) for i in range(h)]
    # A history row that is the exact copy of an earlier one is never canonical in practice.
    firsts = {row[1]: row for row in reversed(history)}
    history = [row for row in history if firsts[row[1]] is row]
    day = [(ids[i], hashes[i], tnorm[i]) for i in range(h, len(texts))]
    expected = _reference(history, day)

    recent = [row for row in history if row[3]]
    first_by_hash: dict[str, str] = {}
    for pid, chash, _, _ in history:
        first_by_hash.setdefault(chash, pid)
    day_texts = [d[2] for d in day]
    sigs, valid = minhash_signatures(day_texts)
    hsigs, hvalid = minhash_signatures([r[2] for r in recent])
    got_dup, got_kind = link_duplicates(
        [d[0] for d in day], [d[1] for d in day], day_texts, band_keys(sigs), valid,
        first_by_hash, [r[0] for r in recent], band_keys(hsigs), hvalid,
        lambda rows: [recent[int(r)][2] for r in rows])
    assert list(zip(got_dup, got_kind, strict=True)) == expected
    kinds = {k for _, k in expected}
    assert {"exact", "near", None} <= kinds  # the case exercises all three


@pytest.mark.slow
def test_sharded_day_equals_the_one_machine_day(settings: Settings, tmp_path: Path,
                                                embedder) -> None:  # type: ignore[no-untyped-def]
    from models.promotion import bootstrap
    from pipelines.daily import run_day
    from pipelines.sharding import day_files, run_day_sharded

    bootstrap(settings, FIXTURES / "labels.csv")
    other = settings.model_copy(update={"home": tmp_path / "sharded"})
    shutil.copytree(settings.home, other.home)
    for day in DAYS:  # two days, so the second links duplicates to the first
        run_day(settings, day)
        result = run_day_sharded(other, day, partitions=3)
        assert len(result["normalise_shard"]) == 3
        assert not day_files(other, day)
    assert_same_tables(settings.warehouse_path, other.warehouse_path, (
        "SELECT * FROM stg_posts ORDER BY post_id",
        # streamed in by partition, stored in publication order as one machine does
        "SELECT batch_day, post_id FROM stg_posts ORDER BY rowid",
        "SELECT * FROM post_regions ORDER BY post_id, region_code",
        "SELECT * FROM post_scores ORDER BY post_id",
        "SELECT model_id, content_hash FROM embeddings ORDER BY 1, 2",
        "SELECT day, received, stored, duplicates, quarantined, reconciled"
        " FROM run_summary ORDER BY day"))


def test_partitions_are_stable_and_disjoint() -> None:
    from pipelines.sharding import _bucket

    keys = [f"src:{i}" for i in range(1000)]
    a = _bucket(keys, 4)
    assert np.array_equal(a, _bucket(keys, 4))
    assert set(a.tolist()) == {0, 1, 2, 3}
    assert min(np.bincount(a)) > 150  # roughly even
