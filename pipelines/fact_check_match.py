"""Match posts and narratives to known fact-checks the way a fact-checker searches.

Two retrievers propose candidates — BM25 over the content words of the normalised claims, and
the nearest claims by sentence embedding — and each candidate gets one calibrated score, the
probability that it is the fact-check of that text, from the embedding similarity and how much
of the text's (and the claim's) rare words the other one shares. Two tiers, as Meedan Check
shows them:

* **cocok** (confirmed): shown as the debunk with its link, and counted as "countered";
* **mungkin terkait** (possibly related): shown as a suggestion, never counted as countered.

A text of fewer than `MIN_CONFIRM_WORDS` content words is a suggestion at most: short texts
share words and embeddings with too many claims. Among close candidates, recent fact-checks and
those in the text's language come first.

DuckDB's `fts` extension would do the BM25 part, but its PyPI build (duckdb-extension-fts
1.5.x) does not load into DuckDB 2.x, which Pantau uses; BM25 here is a sparse-matrix product
over scikit-learn's vectorizer, exact for these sizes (thousands of claims).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

CONFIRMED = "cocok"
SUGGESTED = "mungkin terkait"
TIERS = (CONFIRMED, SUGGESTED)
NOT_DEBUNKS = {"BENAR", "SATIRE", "PARODI"}

CANDIDATES = 10        # from each retriever
MIN_CONFIRM_WORDS = 4  # content words a text needs before a match can be confirmed
# The calibrated score: logistic regression on (cosine, share of the text's rare words in the
# claim, share of the claim's rare words in the text), fitted on each half of the real-data
# pairs in turn (`pantau evaluate-real`, benchmarks/results/quality.md; the halves gave
# (4.71, 4.23, 10.43) -11.47 and (4.3, 3.75, 11.14) -11.5) and rounded to their mean. The
# thresholds: the lower of the two halves' confirmation thresholds that kept news confirmed
# under 0.3 % of their fit half; suggestions from 0.3.
COEF = (4.5, 4.0, 10.8)
INTERCEPT = -11.5
CONFIRM_AT = 0.85
SUGGEST_AT = 0.3
# Ranking preferences, in score units: a year of age, another language.
AGE_PENALTY_PER_YEAR = 0.01
MAX_AGE_YEARS = 5
OTHER_LANGUAGE_PENALTY = 0.05


def content_words(text: str) -> list[str]:
    """Tokens of a normalised text that carry meaning: stopwords and single letters out."""
    from pipelines.stemming import stopwords

    stop = stopwords()
    return [t for t in text.split() if len(t) > 1 and t not in stop]


@dataclass
class Match:
    index: int | None           # into the index's fact-checks; None: nothing matched
    similarity: float           # embedding cosine of the best candidate
    tier: str | None = None     # CONFIRMED | SUGGESTED | None
    score: float = 0.0          # calibrated probability of the best candidate


@dataclass(frozen=True)
class Params:
    coef: tuple[float, float, float] = COEF
    intercept: float = INTERCEPT
    confirm_at: float = CONFIRM_AT
    suggest_at: float = SUGGEST_AT
    candidates: int = CANDIDATES
    min_confirm_words: int = MIN_CONFIRM_WORDS


# Per embedding model: e5 similarities sit much higher than MiniLM's, so the calibration is its
# own. Fitted on half 0 of the pairs, scored on half 1 (recall@1 0.80, 0.17 % of news
# confirmed); the fit on the other half was unstable (negative cosine weight), see
# benchmarks/results/quality.md.
MODEL_PARAMS: dict[str, Params] = {
    "multilingual-e5-small": Params(coef=(22.1, 3.59, 9.68), intercept=-27.38, confirm_at=0.8),
}


def params_for(model_id: str) -> Params:
    """The calibration for an embedding model id ('multilingual-e5-small-int8' → e5's)."""
    for name, params in MODEL_PARAMS.items():
        if model_id.startswith(name) or model_id.endswith("/" + name):
            return params
    return Params()


def calibrated(features: np.ndarray, params: Params = Params()) -> np.ndarray:
    z = features @ np.asarray(params.coef) + params.intercept
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


class FactCheckIndex:
    """BM25 and embedding search over fact-check claims (already normalised)."""

    def __init__(self, texts: Sequence[str], vectors: np.ndarray,
                 published: Sequence[date | None] | None = None,
                 langs: Sequence[str | None] | None = None,
                 k1: float = 1.2, b: float = 0.75) -> None:
        self.texts = list(texts)
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.published = list(published) if published is not None else [None] * len(texts)
        self.langs = list(langs) if langs is not None else [None] * len(texts)
        self.vectorizer: CountVectorizer | None = CountVectorizer(analyzer=content_words)
        if not self.texts or not any(content_words(t) for t in self.texts):
            self.vectorizer = None
            return
        tf = self.vectorizer.fit_transform(self.texts).tocsr().astype(np.float64)
        n = tf.shape[0]
        df = np.bincount(tf.indices, minlength=tf.shape[1])
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        lengths = np.asarray(tf.sum(axis=1)).ravel()
        norm = k1 * (1 - b + b * lengths / max(lengths.mean(), 1.0))
        bm25 = tf.copy()
        rows = np.repeat(np.arange(n), np.diff(tf.indptr))
        bm25.data = self.idf[tf.indices] * tf.data * (k1 + 1) / (tf.data + norm[rows])
        self.bm25_t = bm25.T.tocsr()
        present = tf.copy()
        present.data[:] = 1.0
        self.present_t = present.T.tocsr()                      # V x N, 0/1
        self.claim_weight = np.asarray(present @ self.idf).ravel()  # idf mass of each claim

    def __len__(self) -> int:
        return len(self.texts)

    def _age_penalty(self, as_of: date) -> np.ndarray:
        """Per fact-check, the ranking penalty for its age on ``as_of`` (none when undated)."""
        return np.array([AGE_PENALTY_PER_YEAR * min(max(0.0, (as_of - p).days / 365.25),
                                                    MAX_AGE_YEARS) if p is not None else 0.0
                         for p in self.published], dtype=np.float64)

    def _lang_codes(self) -> dict[str, int]:
        return {lang: i for i, lang in enumerate(dict.fromkeys(x for x in self.langs if x))}

    def _claim_langs(self) -> np.ndarray:
        """Each fact-check's language as a code of `_lang_codes` (-1: unknown)."""
        codes = self._lang_codes()
        return np.array([codes[x] if x else -1 for x in self.langs], dtype=np.int64)

    def _query_terms(self, texts: Sequence[str]) -> sp.csr_matrix:
        assert self.vectorizer is not None
        q = self.vectorizer.transform(texts).tocsr().astype(np.float64)
        q.data[:] = 1.0
        return q

    def match(self, texts: Sequence[str], vectors: np.ndarray, langs: Sequence[str | None]
              | None = None, as_of: date | None = None, params: Params = Params(),
              chunk: int = 2048) -> list[Match]:
        """The best fact-check per text with its tier (None below the suggestion level)."""
        out: list[Match] = []
        for start in range(0, len(texts), chunk):
            part = list(texts[start:start + chunk])
            part_langs = list(langs[start:start + chunk]) if langs is not None else None
            out += self._match_chunk(part, vectors[start:start + chunk], part_langs, as_of,
                                     params)
        return out

    def candidates(self, texts: Sequence[str], vectors: np.ndarray, k: int = CANDIDATES,
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Candidate indices (n x 2k, -1 padded), their features (n x 2k x 3) and the number of
        content words of each text."""
        n = len(texts)
        sims = np.asarray(vectors, dtype=np.float32) @ self.vectors.T
        k_emb = min(k, len(self))
        emb_top = np.argpartition(-sims, k_emb - 1, axis=1)[:, :k_emb]
        words = np.array([len(content_words(t)) for t in texts])
        if self.vectorizer is None:
            lex_top = np.full((n, 0), -1)
            q = None
        else:
            q = self._query_terms(texts)
            bm25 = (q @ self.bm25_t).toarray()
            lex_top = np.argpartition(-bm25, k_emb - 1, axis=1)[:, :k_emb]
            lex_top = np.where(np.take_along_axis(bm25, lex_top, 1) > 0, lex_top, -1)
        cand = np.concatenate([emb_top, lex_top], axis=1)
        # Drop repeats within a row (both retrievers found it).
        cand_sorted = np.sort(cand, axis=1)
        dup = np.zeros_like(cand_sorted, dtype=bool)
        dup[:, 1:] = cand_sorted[:, 1:] == cand_sorted[:, :-1]
        cand = np.where(dup, -1, cand_sorted)
        feats = np.zeros(cand.shape + (3,), dtype=np.float64)
        safe = np.where(cand >= 0, cand, 0)
        feats[..., 0] = np.take_along_axis(sims, safe, 1)
        if q is not None:
            shared = (q.multiply(self.idf[None, :]).tocsr() @ self.present_t).toarray()
            q_weight = np.asarray(q @ self.idf).ravel()
            s = np.take_along_axis(shared, safe, 1)
            feats[..., 1] = s / np.maximum(q_weight[:, None], 1e-9)
            feats[..., 2] = s / np.maximum(self.claim_weight[safe], 1e-9)
        feats[cand < 0] = 0.0
        return cand, feats, words

    def _match_chunk(self, texts: list[str], vectors: np.ndarray, langs: list[str | None]
                     | None, as_of: date | None, params: Params) -> list[Match]:
        if len(self) == 0 or not texts:
            return [Match(None, 0.0) for _ in texts]
        cand, feats, words = self.candidates(texts, vectors, params.candidates)
        prob = calibrated(feats.reshape(-1, 3), params).reshape(cand.shape)
        prob[cand < 0] = 0.0
        rank = prob.copy()
        safe = np.where(cand >= 0, cand, 0)
        if as_of is not None:
            rank -= np.where(cand >= 0, self._age_penalty(as_of)[safe], 0.0)
        if langs is not None:
            codes = self._lang_codes()
            post = np.array([codes.get(lang, -2) if lang else -1 for lang in langs])[:, None]
            claim = self._claim_langs()[safe]
            other = (cand >= 0) & (post != -1) & (claim != -1) & (post != claim)
            rank -= np.where(other, OTHER_LANGUAGE_PENALTY, 0.0)
        best = rank.argmax(axis=1)
        out = []
        for i, j in enumerate(best):
            p = float(prob[i, j])
            index = int(cand[i, j])
            sim = float(feats[i, j, 0])
            if index < 0 or p < params.suggest_at:
                out.append(Match(None, float(feats[i, :, 0].max()), None, p))
                continue
            confirmed = p >= params.confirm_at and words[i] >= params.min_confirm_words
            out.append(Match(index, sim, CONFIRMED if confirmed else SUGGESTED, p))
        return out


def best_matches(post_vectors: np.ndarray, post_texts: Sequence[str], fc_vectors: np.ndarray,
                 fc_texts: Sequence[str], params: Params = Params(),
                 langs: Sequence[str | None] | None = None,
                 fc_published: Sequence[date | None] | None = None,
                 fc_langs: Sequence[str | None] | None = None,
                 as_of: date | None = None) -> list[Match]:
    """One-shot form of `FactCheckIndex(...).match(...)`."""
    index = FactCheckIndex(fc_texts, fc_vectors, fc_published, fc_langs)
    return index.match(post_texts, post_vectors, langs, as_of, params)
