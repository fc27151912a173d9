"""`pantau labels queue`: the posts most worth labelling next, in a file labellers can fill."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from models.label_queue import CSV_COLUMNS, build_queue, priority_of, write_queue_file
from models.labels import import_labels
from pipelines.settings import Settings
from warehouse.connection import writer


def test_priority_prefers_uncertain_growing_and_unanswered_posts() -> None:
    uncertain, _ = priority_of(0.5, None, False)
    confident, _ = priority_of(0.97, None, False)
    assert uncertain > confident
    assert priority_of(0.8, 4.0, False)[0] > priority_of(0.8, 1.0, False)[0]
    assert priority_of(0.8, 1.0, False)[0] > priority_of(0.8, 1.0, True)[0]
    assert priority_of(None, None, False) == (pytest.approx(0.7), "not scored; no fact-check match")
    assert priority_of(0.5, 100.0, False)[0] == pytest.approx(1.0)  # growth is capped


def _set(settings: Settings, post_id: str, score: float, fc: str | None) -> None:
    with writer(settings.warehouse_path) as con:
        con.execute("UPDATE post_scores SET hoax_score = ?, fact_check_id = ? WHERE post_id = ?",
                    [score, fc, post_id])


def test_queue_is_ordered_capped_per_narrative_and_skips_labelled_and_duplicates(
        ran: Settings) -> None:
    with writer(ran.warehouse_path) as con:
        # Everything confident and answered (priority <= 0.01 + 0.3 growth <= 0.31) …
        con.execute("UPDATE post_scores SET hoax_score = 0.99, fact_check_id = 'fc-x'")
    _set(ran, "kim-sleman:kim1", 0.5, None)   # … but one uncertain, unanswered (>= 0.7)
    _set(ran, "kim-sleman:kim2", 0.7, None)   # … and a surer one, unanswered (0.5-0.8)
    with writer(ran.warehouse_path) as con:
        con.execute("INSERT INTO labels VALUES ('l1', 'x-search-hoaks:x3', NULL, 'hoax', 'ana',"
                    " NULL, NULL, 'test', now())")
        # A text label matches a post after normalisation (case, punctuation).
        text = con.execute("SELECT text FROM raw_posts WHERE post_id = 'x-search-hoaks:x1'")\
            .fetchone()[0]  # type: ignore[index]
        con.execute("INSERT INTO labels VALUES ('l2', NULL, ?, 'hoax', 'ana', NULL, NULL,"
                    " 'test', now())", [text.upper() + "!!"])
        items = build_queue(con, n=50, per_narrative=2)
    ids = [i.post_id for i in items]
    priorities = [i.priority for i in items]
    assert priorities == sorted(priorities, reverse=True)
    assert set(ids[:2]) == {"kim-sleman:kim1", "kim-sleman:kim2"}
    assert "x-search-hoaks:x3" not in ids and "x-search-hoaks:x1" not in ids
    assert "fb-grup-info-solo:fb2" not in ids  # a duplicate of fb1
    per_narrative: dict[str, int] = {}
    for i in items:
        if i.narrative_id:
            per_narrative[i.narrative_id] = per_narrative.get(i.narrative_id, 0) + 1
    assert per_narrative and max(per_narrative.values()) <= 2
    with writer(ran.warehouse_path) as con:
        assert len(build_queue(con, n=2)) == 2


def test_queue_file_round_trips_through_labels_import(ran: Settings, tmp_path: Path) -> None:
    with writer(ran.warehouse_path) as con:
        items = build_queue(con, n=5)
    path = tmp_path / "queue.csv"
    write_queue_file(items, path)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(CSV_COLUMNS) and len(rows) == len(items)
    rows[0].update(label="hoax", labeller="sari")
    rows[1].update(label="not_hoax", labeller="sari")
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=list(CSV_COLUMNS))
        out.writeheader()
        out.writerows(rows)
    with writer(ran.warehouse_path) as con:
        report = import_labels(con, path)
        assert (report.imported, report.unlabelled, report.rejected) == (2, len(rows) - 2, [])
        remaining = [i.post_id for i in build_queue(con, n=50)]
    assert rows[0]["post_id"] not in remaining and rows[1]["post_id"] not in remaining
