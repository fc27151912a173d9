"""Model lifecycle: train → gate → promote / refuse / force → rollback; artifacts on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from models import registry
from models.artifacts import ArtifactError
from models.classifier import build_classifier, make_frame
from models.labels import import_labels
from models.promotion import promote, rollback
from models.training import collect_labels, embed_set, train_candidate
from pipelines.settings import Settings
from warehouse.connection import writer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _register_flipped(settings: Settings, embedder: Any, version: str) -> None:
    """A deliberately bad candidate: the same features, every label inverted."""
    with writer(settings.warehouse_path) as con:
        data = collect_labels(con)
        vectors = embed_set(con, embedder, data)
        model = build_classifier(vectors.shape[1]).fit(make_frame(data.text_norm, vectors),
                                                       1 - data.y)
        registry.register(con, model, settings.models_dir, version, embedder.model_id, {}, {},
                          "flipped")


@pytest.fixture
def trained(settings: Settings, embedder: Any) -> tuple[Settings, str, dict[str, Any]]:
    with writer(settings.warehouse_path) as con:
        import_labels(con, FIXTURES / "labels.csv")
        good, metrics = train_candidate(con, settings, embedder, all_splits=False)
    return settings, good.version, metrics


def test_candidate_is_registered_with_time_split_metrics(trained: Any) -> None:
    settings, version, metrics = trained
    m = metrics["time_split"]
    assert {"precision", "recall", "f1", "pr_auc", "calibration", "confusion_matrix"} <= set(m)
    assert metrics["n_train"] + metrics["n_test"] == 32
    with writer(settings.warehouse_path) as con:
        record = registry.get(con, version)
    assert record.status == "candidate" and (record.path / "model.skops").exists()


def test_gate_refuses_a_worse_candidate_force_is_recorded_and_rollback_restores(
        trained: Any, embedder: Any) -> None:
    settings, good, _ = trained
    first = promote(settings, good)
    assert first.promoted

    _register_flipped(settings, embedder, "bad-1")
    refused = promote(settings, "bad-1")
    assert not refused.promoted
    assert "not promoted" in refused.message and "--force" in refused.message
    assert refused.metrics["bad-1"]["f1"] < refused.metrics[good]["f1"]
    with writer(settings.warehouse_path) as con:
        assert registry.production(con).version == good  # type: ignore[union-attr]

    forced = promote(settings, "bad-1", force=True)
    assert forced.promoted and "(forced)" in forced.message
    with writer(settings.warehouse_path) as con:
        champion = registry.production(con)
        assert champion is not None and champion.version == "bad-1"
        assert champion.note is not None and champion.note.startswith("forced:")
        history = registry.events(con, "bad-1")
    assert history[0]["action"] == "force" and history[0]["previous_version"] == good

    assert "production is " + good in rollback(settings)
    with writer(settings.warehouse_path) as con:
        assert registry.production(con).version == good  # type: ignore[union-attr]
        # The forced promotion stays on record after the rollback.
        actions = [e["action"] for e in registry.events(con)]
    assert actions == ["rollback", "force", "promote"]
    with pytest.raises(registry.RegistryError, match="Nothing to roll back"):
        rollback(settings)


def test_rollbacks_walk_back_the_promotion_history(trained: Any, embedder: Any) -> None:
    settings, good, _ = trained
    promote(settings, good)
    for v in ("b", "c"):
        _register_flipped(settings, embedder, v)
        promote(settings, v, force=True)
    rollback(settings)
    rollback(settings)
    with writer(settings.warehouse_path) as con:
        assert registry.production(con).version == good  # type: ignore[union-attr]


def test_tampered_production_model_fails_with_a_clear_message(trained: Any) -> None:
    settings, good, _ = trained
    promote(settings, good)
    with writer(settings.warehouse_path) as con:
        record = registry.get(con, good)
    with (record.path / "model.skops").open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00\x01\x02")
    with writer(settings.warehouse_path) as con, \
            pytest.raises(ArtifactError, match="altered or replaced"):
        registry.load_model(registry.get(con, good))


def test_a_model_learnt_from_the_bundled_sample_is_a_demo_and_doctor_says_retrain(
        trained: tuple[Settings, str, dict[str, Any]], embedder: Any) -> None:
    """`make run`'s model never saw a real post: the registry knows it, and `pantau doctor`
    (like the briefing) says so until a model learnt from the deployment's own data replaces
    it."""
    from pipelines.cli_doctor import OK, WARN, check_warehouse

    settings, good, _ = trained
    sample = registry.BUNDLED_SAMPLE_DIR
    assert registry.training_data_of(sample / "labels.csv", sample / "inbox") == \
        registry.DEMO_TRAINING_DATA
    assert registry.training_data_of(sample / "labels.csv", FIXTURES / "inbox") == "own"
    assert registry.training_data_of(FIXTURES / "labels.csv") == "own"
    assert registry.training_data_of() == "own"
    with writer(settings.warehouse_path) as con:
        demo, _ = train_candidate(con, settings, embedder, all_splits=False,
                                  extra_params={"training_data": registry.DEMO_TRAINING_DATA})
        registry.set_production(con, demo.version, "bootstrap", "bootstrap")
        assert registry.is_demo(demo) and not registry.is_demo(registry.get(con, good))

    def model_check() -> Any:
        return next(c for c in check_warehouse(settings) if c.name == "Model in production")

    check = model_check()
    assert check.status == WARN and demo.version in check.detail
    assert "bundled sample" in check.detail and "pantau retrain" in check.fix
    with writer(settings.warehouse_path) as con:
        registry.set_production(con, good, "learnt from the deployment's labels")
    assert model_check().status == OK
