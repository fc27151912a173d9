"""Score narrative clustering on a labelled set: adjusted Rand index, NMI, clarification links.

The set (``data/eval/narratives.jsonl``) holds one post per line: ``id``, ``split`` (``tune`` or
``test``: thresholds are chosen on ``tune`` only), ``day`` (1, 2, …), ``narrative`` (a key, or null
for unrelated posts), ``role`` (``claim``, ``clarification``, ``unrelated``), ``official`` and
``text``. Posts are normalised and embedded exactly as the pipeline does (``text_norm``).

Two modes:

- ``stream`` replays the set day by day through the same steps as the ``cluster`` stage (join
  known narratives, group the day's leftovers with the pending pool of the last days, split,
  merge, link official clarifications), held in memory. This is the headline figure.
- ``batch`` clusters the whole split at once (what ``benchmarks/narratives_vs_bertopic.py``
  compares with BERTopic).

ARI and NMI are computed over claims and unrelated posts; a post left out of every narrative
counts as its own singleton cluster, as unrelated posts are in the truth. Clarifications are
scored apart: linked to the cluster that holds most of their narrative's claims, or not.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from pipelines.clusterer import (
    Known,
    NarrativeParams,
    add_profiles,
    find_merges,
    lexical_tf,
    plan_day,
    profile_of,
    profiles_matrix,
    weigh,
)
from pipelines.embedder import Embedder
from pipelines.errors import EvalDataError
from pipelines.fileio import read_jsonl
from pipelines.settings import REPO_ROOT

DEFAULT_PATH = REPO_ROOT / "data" / "eval" / "narratives.jsonl"
ACTIVE_WINDOW_DAYS = 30
ROLES = ("claim", "clarification", "unrelated")
Indices = Sequence[int] | np.ndarray


@dataclass(frozen=True)
class EvalPost:
    id: str
    split: str
    day: int
    narrative: str | None
    role: str
    official: bool
    text: str


def load(path: Path = DEFAULT_PATH) -> list[EvalPost]:
    posts: list[EvalPost] = []
    seen: set[str] = set()
    for number, row in read_jsonl(path, EvalDataError):
        try:
            post = EvalPost(id=str(row["id"]), split=str(row.get("split", "test")),
                            day=int(row.get("day", 1)), narrative=row.get("narrative"),
                            role=str(row.get("role") or ("claim" if row.get("narrative")
                                                         else "unrelated")),
                            official=bool(row.get("official", False)), text=str(row["text"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise EvalDataError(f"{path}:{number}: needs 'id' and 'text' ({exc})") from None
        if post.role not in ROLES:
            raise EvalDataError(f"{path}:{number}: role must be one of {', '.join(ROLES)}")
        if post.role != "unrelated" and not post.narrative:
            raise EvalDataError(f"{path}:{number}: a {post.role} needs a 'narrative'")
        if post.id in seen:
            raise EvalDataError(f"{path}:{number}: duplicate id {post.id!r}")
        seen.add(post.id)
        posts.append(post)
    if not posts:
        raise EvalDataError(f"{path}: no posts")
    return posts


@dataclass
class Prepared:
    posts: list[EvalPost]
    texts_norm: list[str]
    vectors: np.ndarray
    tf: sp.csr_matrix

    def indices(self, split: str | None) -> np.ndarray:
        return np.array([i for i, p in enumerate(self.posts)
                         if split in (None, "all") or p.split == split], dtype=np.int64)


def prepare(posts: Sequence[EvalPost], embedder: Embedder,
            cache_dir: Path | None = None) -> Prepared:
    """Normalise like the pipeline, embed (cached per model and text set), hash n-grams."""
    from pipelines.normalize import normalize_texts

    norms = normalize_texts([p.text for p in posts], detect_lang=False)\
        .column("text_norm").to_pylist()
    vectors: np.ndarray | None = None
    cache: Path | None = None
    if cache_dir is not None:
        digest = hashlib.sha1("\n".join(norms).encode()).hexdigest()[:16]
        safe = "".join(c if c.isalnum() else "_" for c in embedder.model_id)
        cache = cache_dir / f"narrative-eval-{safe}-{digest}.npy"
        if cache.exists():
            vectors = np.load(cache)
    if vectors is None:
        vectors = embedder.encode(norms)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.save(cache, vectors)
    return Prepared(list(posts), norms, vectors.astype(np.float32), lexical_tf(norms))


# --- the day-by-day replay (mirrors pipelines/stages/cluster.py) --------------------------------


@dataclass
class _Narrative:
    id: int
    created_day: int
    last_day: int
    n: int
    vector_sum: np.ndarray
    profile: tuple[np.ndarray, np.ndarray]
    merged_into: int | None = None


@dataclass
class StreamResult:
    assigned: dict[int, int] = field(default_factory=dict)      # post index → narrative
    clarifies: dict[int, int] = field(default_factory=dict)     # official post → narrative
    merged_into: dict[int, int] = field(default_factory=dict)
    splits: int = 0

    def canonical(self, nid: int) -> int:
        while nid in self.merged_into:
            nid = self.merged_into[nid]
        return nid


def run_stream(prep: Prepared, idx: Indices, params: NarrativeParams) -> StreamResult:
    """Replay the posts ``idx`` day by day through the cluster stage's steps, in memory."""
    idx = np.asarray(idx, dtype=np.int64)
    days = np.array([prep.posts[i].day for i in idx])
    official = np.array([prep.posts[i].official for i in idx])
    dim = prep.vectors.shape[1]
    narratives: list[_Narrative] = []
    out = StreamResult()
    for day in sorted(set(days.tolist())):
        today = idx[days == day]
        pending = [int(i) for i, d, off in zip(idx, days, official, strict=True)
                   if day - params.pending_days <= d < day and not off
                   and int(i) not in out.assigned]
        batch = np.concatenate([today, np.array(pending, dtype=np.int64)])
        active = [nar for nar in narratives if nar.merged_into is None
                  and nar.last_day >= day - ACTIVE_WINDOW_DAYS]
        known = Known([str(nar.id) for nar in active],
                      np.stack([nar.vector_sum / nar.n for nar in active]).astype(np.float32)
                      if active else np.zeros((0, dim), dtype=np.float32),
                      profiles_matrix([nar.profile for nar in active]),
                      np.array([nar.n for nar in active]))
        is_official = np.array([prep.posts[i].official for i in batch])
        plan = plan_day(prep.vectors[batch], prep.tf[batch], is_official, known, params)
        split_members = {int(p) for _, members in plan.splits for p in members}
        touched: set[int] = set()

        def add(nar: _Narrative, positions: Indices, batch: np.ndarray = batch,
                day: int = day, touched: set[int] = touched) -> None:
            posts = batch[np.asarray(positions, dtype=np.int64)]
            nar.n += len(posts)
            nar.vector_sum = nar.vector_sum + prep.vectors[posts].sum(axis=0)
            nar.profile = add_profiles(nar.profile, profile_of(prep.tf[posts]))
            nar.last_day = day
            for p in posts:
                out.assigned[int(p)] = nar.id
            touched.add(nar.id)

        for k, nar in enumerate(active):
            positions = np.array([p for p in np.flatnonzero(plan.joined == k)
                                  if p not in split_members], dtype=np.int64)
            if len(positions):
                add(nar, positions)
        new_ids: list[int] = []
        for members in plan.new_groups + [m for _, m in plan.splits]:
            nar = _Narrative(len(narratives), day, day, 0, np.zeros(dim), profile_of(
                prep.tf[batch[members[:0]]]))
            narratives.append(nar)
            add(nar, members.tolist())
            new_ids.append(nar.id)
        out.splits += len(plan.splits)
        k = len(active)
        for p in np.flatnonzero(plan.clarifies >= 0):
            target = int(plan.clarifies[p])
            nid = active[target].id if target < k else new_ids[target - k]
            out.clarifies[int(batch[p])] = nid
        # merges: centroids that converged, among narratives active after today
        alive = [nar for nar in narratives if nar.merged_into is None
                 and nar.last_day >= day - ACTIVE_WINDOW_DAYS]
        if len(alive) > 1 and touched:
            cents = np.stack([nar.vector_sum / nar.n for nar in alive])
            lex = weigh(profiles_matrix([nar.profile for nar in alive]), plan.idf)
            merges = find_merges(cents, lex, np.array([nar.id in touched for nar in alive]),
                                 np.array([(nar.created_day, nar.id) for nar in alive],
                                          dtype=[("d", "i8"), ("i", "i8")]).argsort().argsort(),
                                 params.embedding_weight, params.merge_threshold)
            for young, old, _ in merges:
                y, o = alive[young], alive[old]
                y.merged_into = o.id
                out.merged_into[y.id] = o.id
                o.n += y.n
                o.vector_sum = o.vector_sum + y.vector_sum
                o.profile = add_profiles(o.profile, y.profile)
    return out


# --- scoring ---------------------------------------------------------------------------------


def run_batch(prep: Prepared, idx: Indices, params: NarrativeParams) -> StreamResult:
    """All posts of ``idx`` as a single day with no known narratives and no pending pool."""
    flat = [replace(prep.posts[i], day=1) for i in idx]
    shadow = Prepared(flat, [prep.texts_norm[i] for i in idx], prep.vectors[list(idx)],
                      prep.tf[list(idx)])
    res = run_stream(shadow, np.arange(len(idx)), replace(params, pending_days=0))
    back = np.asarray(idx)
    return StreamResult({int(back[i]): n for i, n in res.assigned.items()},
                        {int(back[i]): n for i, n in res.clarifies.items()},
                        res.merged_into, res.splits)


def score(prep: Prepared, idx: Indices, result: StreamResult) -> dict[str, Any]:
    from sklearn.metrics import (
        adjusted_rand_score,
        completeness_score,
        homogeneity_score,
        normalized_mutual_info_score,
    )

    scored = [int(i) for i in idx if prep.posts[i].role != "clarification"]
    truth = [prep.posts[i].narrative or f"~{prep.posts[i].id}" for i in scored]
    pred = [f"n{result.canonical(result.assigned[i])}" if i in result.assigned else f"~{i}"
            for i in scored]
    majority: dict[str, str] = {}
    for t in truth:
        if not t.startswith("~"):
            majority.setdefault(t, "")
    for t in majority:
        votes = Counter(p for tt, p in zip(truth, pred, strict=True)
                        if tt == t and not p.startswith("~"))
        majority[t] = votes.most_common(1)[0][0] if votes else ""
    clar = [int(i) for i in idx if prep.posts[i].role == "clarification"]
    linked = [i for i in clar if i in result.clarifies]
    correct = [i for i in linked
               if f"n{result.canonical(result.clarifies[i])}"
               == majority.get(prep.posts[i].narrative or "", "-")]
    true_narratives = {t for t in truth if not t.startswith("~")}
    predicted = {p for p in pred if not p.startswith("~")}
    return {
        "posts": len(scored),
        "narratives_true": len(true_narratives),
        "narratives_found": len(predicted),
        "unclustered": sum(p.startswith("~") for p in pred),
        "ari": round(float(adjusted_rand_score(truth, pred)), 4),
        "nmi": round(float(normalized_mutual_info_score(truth, pred)), 4),
        "homogeneity": round(float(homogeneity_score(truth, pred)), 4),
        "completeness": round(float(completeness_score(truth, pred)), 4),
        "clarifications": len(clar),
        "clarifications_linked": len(linked),
        "clarifications_correct": len(correct),
        "clarification_precision": round(len(correct) / len(linked), 4) if linked else None,
        "clarification_recall": round(len(correct) / len(clar), 4) if clar else None,
        "splits": result.splits,
        "merges": len(result.merged_into),
    }


def evaluate(prep: Prepared, params: NarrativeParams, split: str = "test",
             mode: str = "stream") -> dict[str, Any]:
    idx = prep.indices(split)
    if len(idx) == 0:
        raise EvalDataError(f"no posts in split {split!r}")
    runner = run_stream if mode == "stream" else run_batch
    return {"split": split, "mode": mode, **score(prep, idx, runner(prep, idx, params))}


TUNING_GRID: dict[str, Sequence[float]] = {
    "embedding_weight": (0.2, 0.3, 0.4, 0.5),
    "cluster_threshold": (0.22, 0.26, 0.30, 0.34, 0.38),
    "join_threshold": (0.34, 0.40, 0.46, 0.52),
}


def tune(prep: Prepared, base: NarrativeParams, grid: dict[str, Sequence[float]] | None = None,
         split: str = "tune") -> list[dict[str, Any]]:
    """Every grid point on the tuning split, best first (by stream ARI, then batch ARI)."""
    grid = grid or TUNING_GRID
    names = list(grid)
    idx = prep.indices(split)
    rows = []
    for values in itertools.product(*(grid[n] for n in names)):
        params = replace(base, **dict(zip(names, values, strict=True)))  # type: ignore[arg-type]
        stream = score(prep, idx, run_stream(prep, idx, params))
        batch = score(prep, idx, run_batch(prep, idx, params))
        rows.append({**dict(zip(names, values, strict=True)), "stream_ari": stream["ari"],
                     "batch_ari": batch["ari"], "stream_nmi": stream["nmi"],
                     "clarification_precision": stream["clarification_precision"],
                     "clarification_recall": stream["clarification_recall"]})
    rows.sort(key=lambda r: (-r["stream_ari"], -r["batch_ari"]))
    return rows


def tune_clarification(prep: Prepared, base: NarrativeParams,
                       thresholds: Iterable[float] = (0.20, 0.24, 0.28, 0.32, 0.36, 0.40),
                       split: str = "tune") -> list[dict[str, Any]]:
    idx = prep.indices(split)
    rows = []
    for t in thresholds:
        s = score(prep, idx, run_stream(prep, idx, replace(base, clarification_threshold=t)))
        rows.append({"clarification_threshold": t,
                     "precision": s["clarification_precision"],
                     "recall": s["clarification_recall"]})
    return rows


def params_dict(params: NarrativeParams) -> dict[str, Any]:
    return asdict(params)
