"""Clusterer interface and the default: join known narratives by centroid, group the rest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from sklearn.cluster import AgglomerativeClustering


@dataclass
class Assignment:
    """Per post: index of the known narrative joined (or -1), and the new group (or -1)."""

    joined: np.ndarray
    join_similarity: np.ndarray
    new_group: np.ndarray


class Clusterer(Protocol):
    def assign(self, vectors: np.ndarray, centroids: np.ndarray) -> Assignment: ...


class CentroidThenAgglomerative:
    def __init__(self, join_threshold: float = 0.62, cluster_threshold: float = 0.55,
                 min_size: int = 3) -> None:
        self.join_threshold = join_threshold
        self.cluster_threshold = cluster_threshold
        self.min_size = min_size

    def assign(self, vectors: np.ndarray, centroids: np.ndarray) -> Assignment:
        n = len(vectors)
        joined = np.full(n, -1)
        sims = np.zeros(n)
        if n and len(centroids):
            norms = np.linalg.norm(centroids, axis=1, keepdims=True)
            unit = centroids / np.maximum(norms, 1e-12)
            all_sims = vectors @ unit.T
            best = all_sims.argmax(axis=1)
            sims = all_sims[np.arange(n), best]
            joined = np.where(sims >= self.join_threshold, best, -1)
        groups = np.full(n, -1)
        rest = np.flatnonzero(joined < 0)
        if len(rest) >= self.min_size:
            labels = AgglomerativeClustering(
                n_clusters=None, metric="cosine", linkage="average",
                distance_threshold=1 - self.cluster_threshold,
            ).fit_predict(vectors[rest])
            sizes = np.bincount(labels)
            # Singletons and pairs stay unclustered rather than forced into a narrative.
            big = {lab for lab, size in enumerate(sizes) if size >= self.min_size}
            renumber = {lab: i for i, lab in enumerate(sorted(big))}
            groups[rest] = [renumber.get(lab, -1) for lab in labels]
        return Assignment(joined=joined, join_similarity=sims, new_group=groups)
