from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio

from models.artifacts import ArtifactError, load_artifact, save_artifact
from models.classifier import build_classifier, hoax_probability, make_frame


def _tiny_model():  # type: ignore[no-untyped-def]
    texts = ["vaksin chip pelacak", "chip vaksin 5g", "vaksin berisi chip",
             "pasar murah sabtu", "posyandu balita", "jadwal pasar murah"] * 3
    vectors = np.random.default_rng(0).random((len(texts), 4)).astype(np.float32)
    y = np.array([1, 1, 1, 0, 0, 0] * 3)
    frame = make_frame(texts, vectors)
    return build_classifier(4).fit(frame, y), frame


def test_round_trip_keeps_predictions(tmp_path: Path) -> None:
    model, frame = _tiny_model()
    checksum = save_artifact(model, tmp_path, {"version": "v1"})
    loaded = load_artifact(tmp_path, checksum)
    np.testing.assert_allclose(hoax_probability(loaded, frame), hoax_probability(model, frame))
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["sha256"] == checksum


def test_saved_vectorizers_are_lean_and_predict_the_same(tmp_path: Path) -> None:
    import zipfile

    model, frame = _tiny_model()
    before = hoax_probability(model, frame)
    checksum = save_artifact(model, tmp_path, {})
    loaded = load_artifact(tmp_path, checksum)
    np.testing.assert_allclose(hoax_probability(loaded, frame), before)
    vectorizers = [t for _, t, _ in loaded.named_steps["features"].transformers_
                   if hasattr(t, "vocabulary_")]
    assert vectorizers
    for vectorizer in vectorizers:
        assert getattr(vectorizer, "stop_words_", None) is None  # pruned terms not carried
        assert all(type(i) is int for i in vectorizer.vocabulary_.values())
    # one array file per vocabulary entry is what made loading slow
    with zipfile.ZipFile(tmp_path / "model.skops") as archive:
        assert len(archive.namelist()) < 50


def test_tampered_file_is_refused(tmp_path: Path) -> None:
    model, _ = _tiny_model()
    checksum = save_artifact(model, tmp_path, {})
    with (tmp_path / "model.skops").open("ab") as handle:
        handle.write(b"x")
    with pytest.raises(ArtifactError, match="does not match its registered checksum"):
        load_artifact(tmp_path, checksum)


def test_foreign_types_are_refused_even_with_the_right_checksum(tmp_path: Path) -> None:
    import os

    from models.artifacts import sha256_file

    sio.dump({"payload": os.system}, tmp_path / "model.skops")
    with pytest.raises(ArtifactError, match="does not trust"):
        load_artifact(tmp_path, sha256_file(tmp_path / "model.skops"))


def test_missing_file_says_how_to_recover(tmp_path: Path) -> None:
    with pytest.raises(ArtifactError, match="pantau train"):
        load_artifact(tmp_path, "0" * 64)
