"""Posts of one claim in another language: matched by the embedding alone.

The tracker's similarity is mostly character and word n-grams (``embedding_weight`` 0.15), which
is what keeps two claims on one topic apart in Indonesian; between an English, Javanese or
Sundanese retelling and the Indonesian posts of its claim the n-grams share little beyond names
and numbers, so such a post joined nothing, or founded a narrative of its own with the other
posts in its language ("Free electricity token ... Claim here" beside "token listrik gratis").
The embedding model is multilingual: a translation's vector lies near its claim's. So a post
whose language is not the main one (``foreign``: the normalise stage's ``lang`` is not "id")
gets a second chance on the embedding alone, when the n-grams left it out:

- a foreign post that joined nothing and is in no group formed today, and
- a group formed today whose members are mostly foreign posts,

join the narrative whose centroid is closest to them, when the calibrated cosine reaches
``threshold`` and that narrative is closer by ``margin`` than the next one (a retelling between
two claims on one topic stays where it was). Candidates are the narratives written mostly in the
main language: a group of foreign posts is not a target for another one (two groups of English
posts on one topic are kept apart by their own n-grams, as Indonesian ones are).
"""

from __future__ import annotations

import numpy as np

from pipelines.narratives.grouping import calibrate

MAIN_LANGUAGES = frozenset({"id", "und", ""})  # "und": too short to tell, treated as main


def is_foreign(langs: list[str | None]) -> np.ndarray:
    """Per post: whether its language is not the main one (n-grams are no evidence across)."""
    return np.array([(lang or "") not in MAIN_LANGUAGES for lang in langs], dtype=bool)


def closest_clearly(vectors: np.ndarray, centroids: np.ndarray, threshold: float, margin: float,
                    baseline: float) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``vectors`` (unit): the centroid it joins (−1: none) and its calibrated
    cosine. ``centroids`` need not be unit (member means); they are normalised here."""
    m = len(vectors)
    if not m or not len(centroids):
        return np.full(m, -1, dtype=np.int64), np.zeros(m, dtype=np.float32)
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    unit = (centroids / np.maximum(norms, 1e-12)).astype(np.float32)
    sims = calibrate(np.asarray(vectors, dtype=np.float32) @ unit.T, baseline)
    rows = np.arange(m)
    best = sims.argmax(axis=1)
    top = sims[rows, best]
    if sims.shape[1] > 1:
        rest = sims.copy()
        rest[rows, best] = -np.inf
        second = rest.max(axis=1)
    else:
        second = np.full(m, -np.inf, dtype=np.float32)
    ok = (top >= threshold) & (top - second >= margin)
    return np.where(ok, best, -1).astype(np.int64), top.astype(np.float32)
