"""Readable narrative labels: class-based TF-IDF keywords over stemmed text."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from pipelines.stemming import stem_texts


def class_keywords(groups: Sequence[Sequence[str]], top_n: int = 5) -> list[list[str]]:
    """Top words per group: frequent in the group, rare in the others (c-TF-IDF)."""
    if not groups:
        return []
    docs = [" ".join(stem_texts(list(texts))) for texts in groups]
    vectorizer = CountVectorizer(token_pattern=r"(?u)\b[^\W\d_]{3,}\b")
    try:
        counts = vectorizer.fit_transform(docs).toarray().astype(float)
    except ValueError:  # no word of 3+ letters anywhere
        return [[] for _ in groups]
    words = vectorizer.get_feature_names_out()
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    avg = counts.sum() / len(groups)
    idf = np.log(1 + avg / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    return [[str(words[j]) for j in np.argsort(-row)[:top_n] if row[j] > 0] for row in scores]
