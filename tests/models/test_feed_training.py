"""Training examples from the feeds a deployment ingests; human labels override them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from models.feed_training import (
    SOURCE_WEIGHTS,
    FeedItem,
    build_training_set,
    items_from_rows,
    warehouse_items,
)
from models.training import TrainingError
from warehouse.migrations import apply_migrations


def _items() -> list[FeedItem]:
    hoaxes = [FeedItem(f"vaksin booster nomor {i} mengandung chip pelacak", 1, "fact_check",
                       "cekhoaks", f"2026-11-{i + 1:02d}") for i in range(12)]
    news = [FeedItem(f"pemerintah kota menggelar pasar murah hari ke {i}", 0, "news",
                     "warta", f"2026-11-{i + 1:02d}T08:00:00") for i in range(12)]
    return hoaxes + news


def test_duplicates_collapse_to_the_oldest_and_the_set_is_time_ordered() -> None:
    items = _items() + [FeedItem("VAKSIN booster nomor 3 mengandung chip pelacak!!", 1,
                                 "fact_check", "other", "2026-12-30")]
    data = build_training_set(items)
    assert len(data.y) == 24
    assert data.order_key == sorted(data.order_key)


def test_a_human_label_overrides_the_feed_and_weighs_most() -> None:
    text = "pemerintah kota menggelar pasar murah hari ke 5"
    data = build_training_set(_items() + [FeedItem(text, 1, "label", "anotator", "2026-12-01")])
    i = data.text_norm.index(text)
    assert data.y[i] == 1 and data.kinds is not None and data.kinds[i] == "label"
    assert data.weights is not None and data.weights[i] == SOURCE_WEIGHTS["label"]


def test_feeds_that_disagree_on_a_text_drop_it_and_clarifications_weigh_more() -> None:
    both = "bansos rp 600 ribu cair lewat tautan"
    clarification = "hoaks bansos rp 600 ribu cair lewat tautan, tidak benar kata dinsos"
    data = build_training_set(_items() + [
        FeedItem(both, 1, "fact_check", "cekhoaks", "2026-11-20"),
        FeedItem(both, 0, "news", "warta", "2026-11-20"),
        FeedItem(clarification, 0, "clarification", "diskominfo", "2026-11-21")])
    assert both not in data.text_norm
    i = data.text_norm.index("hoaks bansos rp 600 ribu cair lewat tautan tidak benar kata "
                             "dinsos")
    assert data.y[i] == 0 and data.weights is not None
    assert data.weights[i] == SOURCE_WEIGHTS["clarification"]


def test_one_class_only_is_refused_with_what_to_do() -> None:
    with pytest.raises(TrainingError, match="both classes"):
        build_training_set([i for i in _items() if i.label == 1])


def test_rows_become_items_by_source_kind() -> None:
    items = items_from_rows(
        [("Vaksin berisi chip — Awas vaksin berisi chip, sebarkan", "SALAH", "cekhoaks", "t1"),
         ("Video parodi presiden", "SATIRE", "cekhoaks", "t2"),
         ("Pasar murah digelar", "BENAR", "cekhoaks", "t3")],
        [("Harga beras turun", "Harga beras di pasar turun. " * 40, "warta", False, "news",
          "t4"),
         (None, "Hoaks: pesan bansos itu tidak benar.", "diskominfo", True, "government", "t5"),
         (None, "Jadwal pemadaman listrik Senin.", "diskominfo", True, "government", "t6")],
        [("pesan ini hoaks", "hoax", "t7", "label")])
    kinds = [(i.kind, i.label) for i in items]
    assert kinds == [("fact_check", 1), ("fact_check", 1), ("fact_check", 0), ("news", 0),
                     ("news", 0), ("clarification", 0), ("official", 0), ("label", 1)]
    assert items[0].text == "Vaksin berisi chip" and "sebarkan" in items[1].text
    assert len(items[4].text) < 400  # the lead, not the whole article


def test_the_warehouse_feeds_are_read_with_their_sources(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_migrations(con)
    now = datetime(2026, 11, 20, tzinfo=UTC)
    con.execute("INSERT INTO sources VALUES ('warta', 'news', NULL, false, ''),"
                " ('diskominfo', 'government', NULL, true, ''), ('wa', 'whatsapp', NULL, false,"
                " '')")
    con.execute("INSERT INTO fact_checks (fact_check_id, batch_day, publisher, url, title, "
                "verdict, claim, published_at) VALUES ('f1', '2026-11-20', 'cekhoaks', 'u', "
                "'[SALAH] x', 'SALAH', 'Vaksin berisi chip', ?)", [now])
    for pid, source, text in (("warta:1", "warta", "Pasar murah digelar di alun-alun kota"),
                              ("diskominfo:1", "diskominfo", "Pesan itu hoaks, tidak benar"),
                              ("wa:1", "wa", "Vaksin berisi chip, sebarkan")):
        con.execute("INSERT INTO raw_posts (post_id, batch_day, source, source_id, "
                    "published_at, text, title, connector, received_at) VALUES (?, "
                    "'2026-11-20', ?, '1', ?, ?, 'judul', 'jsonl', ?)",
                    [pid, source, now, text, now])
    items = warehouse_items(con)
    con.close()
    assert {(i.kind, i.source) for i in items} == {
        ("fact_check", "cekhoaks"), ("news", "warta"), ("clarification", "diskominfo")}


def test_new_fact_checks_are_counted_since_the_last_feed_trained_model(tmp_path: Path) -> None:
    import json

    from models.retrain import new_fact_checks
    from pipelines.settings import Settings
    from warehouse.connection import writer

    settings = Settings.model_validate({"home": tmp_path / "home"})
    settings.ensure_dirs()
    with writer(settings.warehouse_path) as con:
        for i in range(3):
            con.execute("INSERT INTO fact_checks (fact_check_id, batch_day, publisher, url, "
                        "title, verdict, claim) VALUES (?, '2026-11-20', 'p', ?, 't', 'SALAH',"
                        " 'c')", [f"f{i}", f"u{i}"])
    assert new_fact_checks(settings) == {"fact_checks": 3, "new": 3}
    with writer(settings.warehouse_path) as con:
        con.execute("INSERT INTO models (version, created_at, status, path, sha256, "
                    "embedding_model, params) VALUES ('m1', now(), 'candidate', 'x', 'y', 'e', ?)",
                    [json.dumps({"trained_on": "feeds", "n_fact_checks": 2})])
    assert new_fact_checks(settings) == {"fact_checks": 3, "new": 1}


def test_make_run_bootstrap_reads_the_sample_fact_check_feeds(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    """`pantau models bootstrap --feeds … --sources …` (what `make run` calls, with no
    PANTAU_SOURCES_FILE set): the declared fact-check feeds must count as fact-checks, else the
    newest slice holds no hoax and the out-of-the-box model cannot be trained."""
    from typer.testing import CliRunner

    from models import promotion
    from pipelines.cli import app
    from pipelines.settings import Settings, reset_settings

    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    seen: dict[str, object] = {}

    def fake_train(con: object, settings: Settings, embedder: object, **kw: object) -> object:
        seen["data"] = kw["data"]
        raise TrainingError("stop here")

    monkeypatch.setattr(promotion, "get_embedder", lambda settings: None)
    monkeypatch.setattr(promotion, "train_candidate", fake_train)
    monkeypatch.setenv("PANTAU_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PANTAU_SOURCES_FILE", raising=False)
    reset_settings()
    try:
        result = CliRunner().invoke(app, [
            "models", "bootstrap", "--labels", str(sample / "labels.csv"),
            "--feeds", str(sample / "inbox"), "--sources", str(sample / "sources.csv")])
    finally:
        reset_settings()
    assert isinstance(result.exception, TrainingError), result.output
    data = seen["data"]
    assert list(data.kinds).count("fact_check") >= 30  # type: ignore[attr-defined]
    newest = data.y[int(len(data.y) * 0.8):]  # type: ignore[attr-defined]
    assert set(newest.tolist()) == {0, 1}
