"""How well posts find the fact-check that debunks them, per similarity threshold, on real data.

Known fact-checks: the 2024-25 TurnBackHoax fact-checks (their claims, as the warehouse stores
them). Queries, matched with the production function `best_matches` (embedding similarity plus
the lexical check for short texts):

* positives — 2024 hoax narratives *as they circulated* (tbh2024 ``HOAX_TEXT``) whose claim was
  also fact-checked in the 2024-25 set: the right answer is that fact-check. The narrative is
  worded differently from the fact-checkers' claim, so this is a real paraphrase test;
* negatives — mainstream news (titles and length-matched leads) of mid-2025, often on the same
  people and topics, which must match nothing.

For each threshold: recall (positives matched to the right fact-check), wrong matches
(positives matched to another one), the share of news matched to anything, and precision/F1
over the pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from models import real_data
from models.vector_cache import cached_vectors
from pipelines.embedder import Embedder
from pipelines.fact_check_match import NOT_DEBUNKS
from pipelines.normalize import normalize_texts

SHORT_TEXT_WORDS = 8
MIN_SHORT_OVERLAP = 0.25


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def lexical_overlap(a: str, b: str) -> float:
    ta, tb = _trigrams(a), _trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


@dataclass
class LegacyMatch:
    index: int | None
    similarity: float


def best_matches(post_vectors: np.ndarray, post_texts: list[str], fc_vectors: np.ndarray,
                 fc_texts: list[str], threshold: float) -> list[LegacyMatch]:
    """The matcher before two-tier retrieval (git history: pipelines/fact_check_match.py up to
    this change), kept here only so the report can put the old figures beside the new: the
    best fact-check by embedding cosine above a threshold, short texts also needing trigram
    overlap."""
    if len(fc_texts) == 0 or len(post_texts) == 0:
        return [LegacyMatch(None, 0.0) for _ in post_texts]
    sims = post_vectors @ fc_vectors.T
    out = []
    for i, j in enumerate(sims.argmax(axis=1)):
        sim = float(sims[i, j])
        ok = sim >= threshold
        if ok and len(post_texts[i].split()) < SHORT_TEXT_WORDS:
            ok = lexical_overlap(post_texts[i], fc_texts[j]) >= MIN_SHORT_OVERLAP
        out.append(LegacyMatch(int(j) if ok else None, sim))
    return out


THRESHOLDS = tuple(round(x, 3) for x in np.arange(0.40, 0.951, 0.025))


def _embed(con: duckdb.DuckDBPyConnection, embedder: Embedder, raw: list[str],
           progress: bool) -> tuple[list[str], np.ndarray]:
    norm = normalize_texts(raw, detect_lang=False)
    texts = norm.column("text_norm").to_pylist()
    hashes = norm.column("content_hash").to_pylist()
    return texts, cached_vectors(con, embedder, hashes, texts, show_progress=progress)


def build_pairs(data_dir: Path) -> dict[str, Any]:
    """Fact-checks, positive queries with their expected fact-check, negative queries."""
    fcs = real_data.load_tbh2025_fact_checks(data_dir)
    fcs = fcs[fcs["claim"].str.len() > 0].reset_index(drop=True)
    by_key: dict[str, set[int]] = {}
    for i, claim in enumerate(fcs["claim"]):
        by_key.setdefault(real_data.title_key(claim), set()).add(i)
    old = real_data.load_tbh2024(data_dir)
    positives, expected = [], []
    for title, text in zip(old["title"], old["text"], strict=True):
        hits = by_key.get(real_data.title_key(title))
        # The narrative must differ from the claim, or the test is string equality.
        if hits and text and real_data.title_key(text) != real_data.title_key(title):
            positives.append(text)
            expected.append(hits)
    news = real_data.load_mainstream_news(data_dir)
    negatives = news["title"].tolist() + real_data.view_texts(news, "lead")
    return {"fact_checks": fcs, "positives": positives, "expected": expected,
            "negatives": [t for t in negatives if t]}


def evaluate_thresholds(con: duckdb.DuckDBPyConnection, embedder: Embedder, data_dir: Path,
                        thresholds: tuple[float, ...] = THRESHOLDS,
                        progress: bool = False) -> dict[str, Any]:
    pairs = build_pairs(data_dir)
    fcs = pairs["fact_checks"]
    fc_texts, fc_vecs = _embed(con, embedder, fcs["claim"].tolist(), progress)
    pos_texts, pos_vecs = _embed(con, embedder, pairs["positives"], progress)
    neg_texts, neg_vecs = _embed(con, embedder, pairs["negatives"], progress)
    debunk = np.array([v not in NOT_DEBUNKS for v in fcs["verdict"]])
    rows = []
    for t in thresholds:
        pos = best_matches(pos_vecs, pos_texts, fc_vecs, fc_texts, t)
        neg = best_matches(neg_vecs, neg_texts, fc_vecs, fc_texts, t)
        right = sum(1 for m, want in zip(pos, pairs["expected"], strict=True)
                    if m.index is not None and m.index in want)
        wrong = sum(1 for m, want in zip(pos, pairs["expected"], strict=True)
                    if m.index is not None and m.index not in want)
        false = sum(1 for m in neg if m.index is not None and debunk[m.index])
        matched = right + wrong + false
        precision = right / matched if matched else 1.0
        recall = right / len(pos) if pos else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"threshold": t, "recall": round(recall, 4),
                     "wrong_match_rate": round(wrong / len(pos), 4) if pos else 0.0,
                     "news_false_match_rate": round(false / len(neg), 4) if neg else 0.0,
                     "precision": round(precision, 4), "f1": round(f1, 4)})
    best = choose_threshold(rows)
    return {"n_fact_checks": len(fcs), "n_positive_queries": len(pos_texts),
            "n_negative_queries": len(neg_texts), "embedding_model": embedder.model_id,
            "by_threshold": rows, "recommended": best}


MAX_NEWS_FALSE_MATCH = 0.005
MAX_WRONG_MATCH = 0.02


def choose_threshold(rows: list[dict[str, Any]], max_news: float = MAX_NEWS_FALSE_MATCH,
                     max_wrong: float = MAX_WRONG_MATCH) -> dict[str, Any]:
    """The lowest threshold (most recall) at which at most `max_news` of news items match a
    debunk and at most `max_wrong` of hoaxes match the wrong fact-check: a wrong "already
    debunked" costs an officer's trust more than a missed match. These are rates, so unlike
    pool precision they do not depend on how many news items the pool holds. Falls back to
    the best F1 when no threshold qualifies."""
    ok = [r for r in rows if r["news_false_match_rate"] <= max_news
          and r["wrong_match_rate"] <= max_wrong]
    if ok:
        best = min(ok, key=lambda r: r["threshold"])
        rule = (f"lowest threshold with news false matches <= {max_news:.1%} and wrong "
                f"matches <= {max_wrong:.0%}")
    else:
        best = max(rows, key=lambda r: (r["f1"], r["threshold"]))
        rule = "max F1 (no threshold met the false-match limits)"
    return {**best, "rule": rule}
