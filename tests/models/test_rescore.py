"""Re-scoring days after a promotion: idempotent, carries the new version, refreshes narratives."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pytest

from models import registry
from models.classifier import build_classifier, make_frame
from models.promotion import promote
from models.rescore import recent_window, rescore
from models.training import collect_labels, embed_set
from pipelines.settings import Settings
from pipelines.stages.classify import EmbeddingMismatchError, classify
from warehouse.connection import writer

D1, D2 = date(2026, 11, 20), date(2026, 11, 21)


def _scores(settings: Settings) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute("SELECT * FROM post_scores ORDER BY post_id").fetchall()
    finally:
        con.close()


def _narrative_scores(settings: Settings) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute("SELECT narrative_id, hoax_score FROM narrative_dim"
                           " ORDER BY narrative_id").fetchall()
    finally:
        con.close()


def _promote_flipped(settings: Settings, embedder: Any) -> str:
    with writer(settings.warehouse_path) as con:
        data = collect_labels(con)
        vectors = embed_set(con, embedder, data)
        model = build_classifier(vectors.shape[1]).fit(make_frame(data.text_norm, vectors),
                                                       1 - data.y)
        registry.register(con, model, settings.models_dir, "flipped", embedder.model_id, {}, {},
                          "x")
    assert promote(settings, "flipped", force=True).promoted
    return "flipped"


def test_rescoring_with_the_same_model_changes_nothing(ran: Settings, embedder: Any) -> None:
    before = _scores(ran)
    assert before
    result = rescore(ran, D1, D2, embedder)
    assert result["days"] == 2 and result["scored"] > 0
    assert _scores(ran) == before


def test_rescoring_after_a_promotion_is_idempotent_and_updates_narratives(
        ran: Settings, embedder: Any) -> None:
    narratives_before = _narrative_scores(ran)
    version = _promote_flipped(ran, embedder)
    rescore(ran, D1, D2, embedder)
    first = _scores(ran)
    assert {row[2] for row in first} == {version}
    rescore(ran, D1, D2, embedder)
    assert _scores(ran) == first
    after = _narrative_scores(ran)
    assert after != narratives_before and len(after) == len(narratives_before)


def test_rescore_skips_days_never_classified_and_needs_a_champion(ran: Settings,
                                                                  embedder: Any) -> None:
    assert rescore(ran, date(2026, 1, 1), date(2026, 1, 31), embedder)["days"] == 0
    assert recent_window(ran) == (date(2026, 11, 15), D2)
    with writer(ran.warehouse_path) as con:
        con.execute("UPDATE models SET status = 'archived'")
    with pytest.raises(registry.RegistryError, match="No production model"):
        rescore(ran, D1, D2, embedder)


def test_classify_refuses_a_model_trained_on_other_embeddings(ran: Settings, embedder: Any) -> None:
    # A TF-IDF-only model reads no embedding columns: another embedding model does not matter.
    with writer(ran.warehouse_path) as con:
        con.execute("UPDATE models SET embedding_model = 'paraphrase-multilingual-MiniLM-L12-v2',"
                    " params = json_object('config', json_object('embedding', false))"
                    " WHERE status = 'production'")
    assert classify(ran, D1, embedder)["scored"] > 0
    # The default design reads them (issue 14): a model trained on other embeddings is refused.
    with writer(ran.warehouse_path) as con:
        con.execute("UPDATE models SET params = json_object('config', json_object("
                    "'embedding', true)) WHERE status = 'production'")
    with pytest.raises(EmbeddingMismatchError, match="Retrain"):
        classify(ran, D1, embedder)
