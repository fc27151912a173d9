"""Match posts to known fact-checks by embedding similarity; short texts need word overlap too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SHORT_TEXT_WORDS = 8
MIN_SHORT_OVERLAP = 0.25
NOT_DEBUNKS = {"BENAR", "SATIRE", "PARODI"}


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def lexical_overlap(a: str, b: str) -> float:
    """Jaccard of character trigrams: robust to slang spelling, cheap for a few pairs."""
    ta, tb = _trigrams(a), _trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


@dataclass
class Match:
    index: int | None
    similarity: float


def best_matches(post_vectors: np.ndarray, post_texts: Sequence[str], fc_vectors: np.ndarray,
                 fc_texts: Sequence[str], threshold: float,
                 chunk: int = 4096) -> list[Match]:
    """Best fact-check per post above `threshold`; vectors are L2-normalised."""
    if len(fc_texts) == 0 or len(post_texts) == 0:
        return [Match(None, 0.0) for _ in post_texts]
    out: list[Match] = []
    for start in range(0, len(post_texts), chunk):
        sims = post_vectors[start:start + chunk] @ fc_vectors.T
        best = sims.argmax(axis=1)
        for offset, j in enumerate(best):
            i = start + offset
            sim = float(sims[offset, j])
            ok = sim >= threshold
            if ok and len(post_texts[i].split()) < SHORT_TEXT_WORDS:
                # Short texts share embeddings too easily; ask for real word overlap as well.
                ok = lexical_overlap(post_texts[i], fc_texts[j]) >= MIN_SHORT_OVERLAP
            out.append(Match(int(j) if ok else None, sim))
    return out
