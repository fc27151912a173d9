"""The pure day step of the narrative tracker: state in, the day's posts in; assignments, new
narratives, splits, merges, recycling and fact-check links out. No I/O: ``store`` loads the state
from the warehouse and writes the outcome, and the evaluation runs the stage around it, so every
figure in docs/narratives.md is a figure of what users run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from pipelines import parallel
from pipelines.narratives.crosslingual import closest_clearly
from pipelines.narratives.grouping import (
    CentroidThenAgglomerative,
    Clusterer,
    FrameCheck,
    _group_means,
    _unit_dense,
    _unit_rows,
    add_profiles,
    batch_idf,
    calibrate,
    combined_pairwise,
    find_merges,
    find_splits,
    fold_leftovers,
    frame_check,
    group_index,
    link_clarifications,
    profile_of,
    profiles_matrix,
    regroup,
    split_claim,
    take_rows,
    weigh,
)
from pipelines.narratives.links import Links, follow_links
from pipelines.narratives.threads import MAX_CHAIN, Threads, follow_parents

ACTIVE_WINDOW_DAYS = 30          # narratives seen in the last 30 days can be joined
RECYCLE_HORIZON_DAYS = 3 * 365   # dormant narratives compared with new ones


def _setting_default(name: str) -> Any:
    """The default of ``Settings.narrative_<name>``: the one place the knobs are set."""
    from pipelines.settings import Settings

    return Settings.model_fields[f"narrative_{name}"].default


@dataclass(frozen=True)
class NarrativeParams:
    """Every knob of the tracker, as ``Settings.narrative_*`` sets them (``min_size`` is
    ``narrative_min_posts``); the defaults are the settings' defaults, never numbers of their
    own."""

    join_threshold: float = field(default_factory=lambda: _setting_default("join_threshold"))
    cluster_threshold: float = field(
        default_factory=lambda: _setting_default("cluster_threshold"))
    min_size: int = field(default_factory=lambda: _setting_default("min_posts"))
    embedding_weight: float = field(default_factory=lambda: _setting_default("embedding_weight"))
    # the model's cosine of two unrelated posts (``grouping.calibrate``); set per model by
    # ``Settings``, 0 (raw cosines) when built without settings
    embedding_baseline: float = 0.0
    anchor_weight: float = field(default_factory=lambda: _setting_default("anchor_weight"))
    clarification_threshold: float = field(
        default_factory=lambda: _setting_default("clarification_threshold"))
    fact_check_threshold: float = field(
        default_factory=lambda: _setting_default("fact_check_threshold"))
    merge_threshold: float = field(default_factory=lambda: _setting_default("merge_threshold"))
    split_threshold: float = field(default_factory=lambda: _setting_default("split_threshold"))
    pending_days: int = field(default_factory=lambda: _setting_default("pending_days"))
    max_block: int = field(default_factory=lambda: _setting_default("max_block"))
    fold_threshold: float = field(default_factory=lambda: _setting_default("fold_threshold"))
    fold_margin: float = field(default_factory=lambda: _setting_default("fold_margin"))
    frame_share: float = field(default_factory=lambda: _setting_default("frame_share"))
    frame_cohesion: float = field(default_factory=lambda: _setting_default("frame_cohesion"))
    frame_mass: float = field(default_factory=lambda: _setting_default("frame_mass"))
    frame_join_threshold: float = field(
        default_factory=lambda: _setting_default("frame_join_threshold"))
    frame_margin: float = field(default_factory=lambda: _setting_default("frame_margin"))
    crosslingual_threshold: float = field(
        default_factory=lambda: _setting_default("crosslingual_threshold"))
    crosslingual_margin: float = field(
        default_factory=lambda: _setting_default("crosslingual_margin"))
    follow_links: bool = field(default_factory=lambda: _setting_default("follow_links"))

    @classmethod
    def from_settings(cls, settings: object) -> NarrativeParams:
        """From ``Settings.narrative_*``."""
        values = {n: getattr(settings, f"narrative_{n}") for n in cls.__dataclass_fields__
                  if hasattr(settings, f"narrative_{n}")}
        if hasattr(settings, "narrative_min_posts"):
            values["min_size"] = settings.narrative_min_posts
        return cls(**values)

    def clusterer(self, processes: int = 1) -> CentroidThenAgglomerative:
        """The clusterer these parameters describe; ``processes`` only changes how fast a big
        day's blocks are grouped, never the result."""
        return CentroidThenAgglomerative(self.join_threshold, self.cluster_threshold,
                                         self.min_size, self.embedding_weight, self.max_block,
                                         anchor_weight=self.anchor_weight,
                                         embedding_baseline=self.embedding_baseline,
                                         processes=processes)


def narrative_id_for(day: date, member_keys: list[str]) -> str:
    """Derived from content (the day and its founding members' content hashes), so rerunning
    the day, or replaying it after a backfill, yields the same ID."""
    digest = hashlib.sha1("|".join(sorted(member_keys)).encode()).hexdigest()[:8]
    return f"N{day:%Y%m%d}-{digest}"


def created_day_of(nid: str) -> date:
    try:
        return date(int(nid[1:5]), int(nid[5:7]), int(nid[7:9]))
    except ValueError:  # an ID from elsewhere (load generator): oldest first
        return date.min


@dataclass
class Known:
    """Known narratives as of the start of a day: mean embeddings, summed lexical profiles."""

    ids: list[str]
    centroids: np.ndarray
    profiles: sp.csr_matrix
    sizes: np.ndarray

    @classmethod
    def empty(cls, dim: int) -> Known:
        return cls([], np.zeros((0, dim), dtype=np.float32), profiles_matrix([]),
                   np.zeros(0, dtype=np.int64))


@dataclass
class DayPlan:
    """What happens to one day's posts (positions index the day's batch)."""

    joined: np.ndarray            # known narrative index or -1
    join_similarity: np.ndarray
    new_groups: list[np.ndarray]  # batch positions of each new narrative's members
    new_similarity: np.ndarray    # similarity of a new member to its group's centroid
    splits: list[tuple[int, np.ndarray]]  # (known index, positions that split off)
    clarifies: np.ndarray         # official posts: known index, or k + g for new group g, or -1
    clarify_similarity: np.ndarray
    lexical: sp.csr_matrix        # IDF-weighted unit rows of the batch, for callers
    idf: np.ndarray               # the batch's IDF, to weigh profiles the same way later
    by_reply: np.ndarray = field(  # positions that followed the post they reply to
        default_factory=lambda: np.zeros(0, dtype=np.int64))


def plan_day(vectors: np.ndarray, tf: sp.csr_matrix, official: np.ndarray, known: Known,
             params: NarrativeParams, clusterer: Clusterer | None = None,
             age: np.ndarray | None = None, processes: int = 1,
             foreign: np.ndarray | None = None, threads: Threads | None = None,
             links: Links | None = None) -> DayPlan:
    """Join, group, split and link clarifications for one batch of posts.

    Official posts never join or found narratives (a clarification restates a claim to deny it,
    and must not pull a centroid towards the denial); they are linked to the closest narrative,
    known or new today, at the lower clarification threshold.

    BLAS runs single-threaded here: the work is many products of small blocks (at most
    ``max_block`` posts), where a second thread costs more in hand-offs than it gives, and on a
    machine shared with other stages the threads contend for the cores. On the 100k-post
    benchmark with another process busy, two BLAS threads took twice as long as one.

    ``age``: days each post has waited in the pending pool (0: today's; None: all today's),
    which tells a leftover's last chance (``_fold``).

    ``foreign``: posts not in the main language, matched by the embedding alone when the
    n-grams left them out (``crosslingual``); None: every post in the main language.

    ``links``: each post's links and the known narratives' ones: a post or a group of today
    the text left out joins the narrative its links belong to (``links``).

    ``threads``: where each post's parent is; a reply left out by all of the above follows
    it (``threads``).

    ``processes``: workers for a big day's leftover blocks and frame checks (the default
    clusterer's and ``_unframe``'s); it changes how fast, never what comes out.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        return _plan_day(vectors, tf, official, known, params, clusterer, age, processes,
                         foreign, threads, links)


def member_means(summed: sp.csr_matrix, sizes: np.ndarray) -> sp.csr_matrix:
    """Rows summed over ``sizes`` members each, as member means."""
    scale = 1.0 / np.maximum(np.asarray(sizes, dtype=np.float32), 1.0)
    return sp.csr_matrix(sp.diags(scale.astype(np.float32)) @ summed)


def _plan_day(vectors: np.ndarray, tf: sp.csr_matrix, official: np.ndarray, known: Known,
              params: NarrativeParams, clusterer: Clusterer | None,
              age: np.ndarray | None = None, processes: int = 1,
              foreign: np.ndarray | None = None, threads: Threads | None = None,
              links: Links | None = None) -> DayPlan:
    n = len(vectors)
    algo = clusterer or params.clusterer(processes)
    w = params.embedding_weight
    aw = params.anchor_weight
    tf, anchors = split_claim(tf)
    idf = batch_idf(tf)
    lex = weigh(tf, idf)
    known_lex = weigh(known.profiles, idf)
    known_anchors = member_means(split_claim(known.profiles)[1], known.sizes)
    crowd = np.flatnonzero(~official)
    joined = np.full(n, -1, dtype=np.int64)
    join_sim = np.zeros(n, dtype=np.float32)
    new_groups: list[np.ndarray] = []
    new_sim = np.zeros(n, dtype=np.float32)
    splits: list[tuple[int, np.ndarray]] = []
    by_reply = np.zeros(0, dtype=np.int64)
    if len(crowd):
        crowd_vectors, crowd_lex = take_rows(vectors, lex, crowd)
        result = algo.assign(crowd_vectors, known.centroids, crowd_lex, known_lex,
                             anchors=anchors[crowd], known_anchors=known_anchors)
        del crowd_vectors, crowd_lex
        joined[crowd] = result.joined
        join_sim[crowd] = result.join_similarity
        for g in range(int(result.new_group.max(initial=-1)) + 1):
            new_groups.append(crowd[result.new_group == g])
        if params.frame_cohesion > 0 and new_groups:
            new_groups = _unframe(lex, known_lex, joined, join_sim, new_groups, params,
                                  processes)
        splits = find_splits(vectors, lex, joined, join_sim, w, params.cluster_threshold,
                             params.split_threshold, params.min_size, anchors, aw,
                             params.embedding_baseline)
        last = (np.ones(n, dtype=bool) if age is None
                else np.asarray(age) >= params.pending_days)
        if params.fold_threshold < params.join_threshold:
            _fold(vectors, lex, anchors, crowd[result.new_group < 0], last, known, known_lex,
                  known_anchors, joined, join_sim, new_groups, params)
        if foreign is not None and params.crosslingual_threshold < 1 and foreign[crowd].any():
            new_groups = _cross_lingual(vectors, np.asarray(foreign, dtype=bool), crowd, last,
                                        known, joined, join_sim, new_groups, params)
        if links is not None and params.follow_links:
            new_groups = _follow_links(vectors, crowd, links, known, joined, join_sim,
                                       new_groups, params)
        if threads is not None:
            by_reply = _follow_threads(vectors, crowd, threads, known, joined, join_sim,
                                       new_groups, params)
        if new_groups:
            profiles = _unit_rows(_group_means(lex, new_groups))
            for i, grp in enumerate(new_groups):
                centroid = _unit_dense(vectors[grp].mean(axis=0, keepdims=True))
                emb_sim = calibrate(vectors[grp] @ centroid.T, params.embedding_baseline).ravel()
                new_sim[grp] = (w * emb_sim
                                + (1 - w) * (lex[grp] @ profiles[i].T).toarray().ravel())
    clarifies = np.full(n, -1, dtype=np.int64)
    clar_sim = np.zeros(n, dtype=np.float32)
    off = np.flatnonzero(official)
    if len(off):
        cents = [known.centroids] + [vectors[g].mean(axis=0, keepdims=True) for g in new_groups]
        all_centroids = np.concatenate(cents) if cents else known.centroids
        new_lex = (_group_means(lex, new_groups) if new_groups
                   else sp.csr_matrix((0, lex.shape[1]), dtype=np.float32))
        all_lex = _unit_rows(sp.csr_matrix(sp.vstack([known_lex, new_lex])))
        if len(all_centroids):
            clarifies[off], clar_sim[off] = link_clarifications(
                vectors[off], lex[off], all_centroids, all_lex, w,
                params.clarification_threshold, params.embedding_baseline)
    return DayPlan(joined, join_sim, new_groups, new_sim, splits, clarifies, clar_sim, lex, idf,
                   by_reply)


def _follow_links(vectors: np.ndarray, crowd: np.ndarray, links: Links, known: Known,
                  joined: np.ndarray, join_sim: np.ndarray, new_groups: list[np.ndarray],
                  params: NarrativeParams) -> list[np.ndarray]:
    """Posts and today's groups the text left out join the narrative their links belong to
    (``links.follow_links``); one that joins a known narrative records its calibrated
    embedding cosine to it."""
    before = joined.copy()
    kept = follow_links(crowd, links, known.ids, joined, new_groups)
    moved = np.flatnonzero((before < 0) & (joined >= 0))
    join_sim[moved] = _similarity_to_known(vectors, moved, joined, known, params)
    return kept


def _similarity_to_known(vectors: np.ndarray, positions: np.ndarray, joined: np.ndarray,
                         known: Known, params: NarrativeParams) -> np.ndarray:
    """The calibrated embedding cosine of each post to the known narrative it joined: the
    similarity recorded for posts a second chance placed."""
    if not len(positions):
        return np.zeros(0, dtype=np.float32)
    cents = _unit_dense(known.centroids[joined[positions]])
    return calibrate(np.einsum("ij,ij->i", vectors[positions], cents),
                     params.embedding_baseline)


def _follow_threads(vectors: np.ndarray, crowd: np.ndarray, threads: Threads, known: Known,
                    joined: np.ndarray, join_sim: np.ndarray, new_groups: list[np.ndarray],
                    params: NarrativeParams) -> np.ndarray:
    """Leftover replies join their parent's narrative (``threads.follow_parents``); one that
    joins a known narrative records its calibrated embedding cosine to it."""
    index = {nid: i for i, nid in enumerate(known.ids)}
    parent_known = np.array([index.get(nid, -1) if nid else -1
                             for nid in threads.parent_narrative], dtype=np.int64)
    if not ((threads.parent >= 0).any() or (parent_known >= 0).any()):
        return np.zeros(0, dtype=np.int64)
    followed = follow_parents(crowd, threads.parent, parent_known, joined, new_groups)
    into_known = followed[joined[followed] >= 0]
    join_sim[into_known] = _similarity_to_known(vectors, into_known, joined, known, params)
    return followed


def _frame_group_check(lex: sp.csr_matrix, params: NarrativeParams,
                       members: np.ndarray) -> FrameCheck | None:
    """The group's frame check when it is a frame group, else None (all most groups need)."""
    check = frame_check(lex, members, params.frame_share)
    return check if check.is_frame_group(params.frame_mass, params.frame_cohesion) else None


def _unframe(lex: sp.csr_matrix, known_lex: sp.csr_matrix, joined: np.ndarray,
             join_sim: np.ndarray, new_groups: list[np.ndarray],
             params: NarrativeParams, processes: int = 1) -> list[np.ndarray]:
    """Candidate groups held together by a shared frame only are not founded; their members
    join the claim their slot points to, or stay unassigned. Returns the groups kept.

    A frame group (``grouping.frame_check``): members share a template (the n-grams in at least
    ``frame_share`` of them) while the rest of them, the slots, are mutually dissimilar (mean
    residual cosine below ``frame_cohesion``), and the slots point to different claims: at least
    half the members' residual rows reach a known narrative or a group kept today at
    ``frame_join_threshold`` (cosine of the residual with the narrative's lexical profile),
    ``frame_margin`` clear of the next, and not all the same one. A template around one slot
    kind that points nowhere (a question asked from many towns) is a group of its own and kept;
    so is a group of paraphrases of one claim, whose residuals point at most to that claim.
    Members whose slot points clearly join that narrative (``joined`` for a known one, appended
    to a kept group's members); the others are left to the pending pool, never folded (their
    rows are mostly frame)."""
    # Each group's check is its own: a big day's run in forked workers, and only the few frame
    # groups' checks (their residual rows) come back.
    framed = parallel.map_ordered(partial(_frame_group_check, lex, params), new_groups,
                                  parallel.processes_for(processes, len(new_groups)))
    checks = {i: c for i, c in enumerate(framed) if c is not None}
    if not checks:
        return new_groups
    k = known_lex.shape[0]
    targets = sp.csr_matrix(sp.vstack([sp.csr_matrix(known_lex),
                                       _unit_rows(_group_means(lex, new_groups))]).T)
    dissolved: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for i, check in checks.items():
        members = new_groups[i]
        rows = np.arange(len(members))
        sims = (check.residual @ targets).toarray()
        sims[:, k + i] = -np.inf  # not its own group
        best = sims.argmax(axis=1)
        top = sims[rows, best]
        sims[rows, best] = -np.inf
        second = sims.max(axis=1) if sims.shape[1] > 1 else np.full(len(members), -np.inf)
        with np.errstate(invalid="ignore"):  # -inf - -inf (no target at all) is nan: not sure
            sure = (top >= params.frame_join_threshold) & (top - second >= params.frame_margin)
        if 2 * int(sure.sum()) >= len(members) and len(set(best[sure].tolist())) >= 2:
            dissolved[i] = (members[sure], best[sure], top[sure])
    if not dissolved:
        return new_groups
    extra: dict[int, list[int]] = {}
    for pos_, t_, s_ in dissolved.values():
        for pos, t, s in zip(pos_.tolist(), t_.tolist(), s_.tolist(), strict=True):
            if t < k:
                joined[pos], join_sim[pos] = t, s
            elif t - k not in dissolved:
                extra.setdefault(t - k, []).append(pos)
    return regroup(new_groups, extra, dissolved)


def _fold(vectors: np.ndarray, lex: sp.csr_matrix, anchors: sp.csr_matrix, rest: np.ndarray,
          last_chance: np.ndarray, known: Known, known_lex: sp.csr_matrix,
          known_anchors: sp.csr_matrix, joined: np.ndarray, join_sim: np.ndarray,
          new_groups: list[np.ndarray], params: NarrativeParams) -> None:
    """Leftovers (``rest``: crowd posts in no new group) that joined nothing fold into their
    closest narrative at the lower ``fold_threshold`` when it is clearly the closest
    (``fold_margin``) and their anchors do not conflict (``fold_leftovers``).

    Every leftover may fold into a group formed today (its own claim, just founded without
    it). Into a known narrative only on its ``last_chance`` (its pending window ends today):
    until then it may still found a new claim with later posts, and folding it early into a
    neighbouring claim took one founder away from the next day's group (on the labelled set,
    the first "server KPU diatur" post folded into the ballot-box narrative and its claim
    came out in two pieces). Updates ``joined``/``join_sim`` and ``new_groups`` in place."""
    rest = rest[joined[rest] < 0]
    k = len(known.ids)
    if not len(rest):
        return
    if new_groups:
        group_cents = np.stack([vectors[g].mean(axis=0) for g in new_groups])
        group_lex = _unit_rows(_group_means(lex, new_groups))
        group_anchors = _group_means(anchors, new_groups)
    for late in (True, False):
        who = rest[last_chance[rest] == late]
        offset = k if late else 0
        cents = ([known.centroids] if late else []) + ([group_cents] if new_groups else [])
        if not len(who) or not cents:
            continue
        cand_lex = ([known_lex] if late else []) + ([group_lex] if new_groups else [])
        cand_anchors = ([known_anchors] if late else []) + (
            [group_anchors] if new_groups else [])
        target, sim = fold_leftovers(
            vectors[who], lex[who], anchors[who], np.concatenate(cents).astype(np.float32),
            sp.csr_matrix(sp.vstack(cand_lex)), sp.csr_matrix(sp.vstack(cand_anchors)),
            params.embedding_weight, params.fold_threshold, params.fold_margin,
            params.anchor_weight, params.embedding_baseline)
        for pos, t, s in zip(who.tolist(), target.tolist(), sim.tolist(), strict=True):
            if 0 <= t < offset:
                joined[pos], join_sim[pos] = t, s
            elif t >= offset:
                new_groups[t - offset] = np.append(new_groups[t - offset], pos)
    for g, members in enumerate(new_groups):
        new_groups[g] = np.sort(members)


def _cross_lingual(vectors: np.ndarray, foreign: np.ndarray, crowd: np.ndarray,
                   last_chance: np.ndarray, known: Known, joined: np.ndarray,
                   join_sim: np.ndarray, new_groups: list[np.ndarray],
                   params: NarrativeParams) -> list[np.ndarray]:
    """Foreign posts the n-grams left out join their claim by the embedding alone
    (``crosslingual``): a group formed today of mostly foreign posts joins (or is appended to)
    the closest known narrative or main-language group; a foreign leftover joins the closest
    main-language group formed today, or a known narrative on its last chance (as ``_fold``:
    until then it may still found its own claim with later posts). Updates ``joined`` and
    ``join_sim`` in place; returns the groups kept, members sorted."""
    k = len(known.ids)
    mostly = [2 * int(foreign[g].sum()) > len(g) for g in new_groups]
    main = [i for i, f in enumerate(mostly) if not f]
    cents = np.concatenate([known.centroids] + [vectors[new_groups[i]].mean(
        axis=0, keepdims=True) for i in main]).astype(np.float32) if (k or main) else None
    if cents is None:
        return new_groups
    extra: dict[int, list[int]] = {i: [] for i in main}

    def place(positions: np.ndarray, target: int) -> None:
        sims = calibrate(vectors[positions] @ _unit_dense(cents[[target]]).T,
                         params.embedding_baseline).ravel()
        if target < k:
            joined[positions], join_sim[positions] = target, sims
        else:
            extra[main[target - k]].extend(int(p) for p in positions)

    dissolved: set[int] = set()
    foreign_groups = [i for i, f in enumerate(mostly) if f]
    if foreign_groups:
        group_vecs = _unit_dense(np.stack([vectors[new_groups[i]].mean(axis=0)
                                           for i in foreign_groups]))
        target, _ = closest_clearly(group_vecs, cents, params.crosslingual_threshold,
                                    params.crosslingual_margin, params.embedding_baseline)
        for i, t in zip(foreign_groups, target.tolist(), strict=True):
            if t >= 0:
                place(new_groups[i], t)
                dissolved.add(i)
    grouped = group_index(new_groups, len(vectors)) >= 0
    rest = crowd[foreign[crowd] & (joined[crowd] < 0) & ~grouped[crowd]]
    for late in (True, False):
        who = rest[last_chance[rest] == late]
        first = 0 if late else k  # before its last chance: today's groups only
        if not len(who) or first == len(cents):
            continue
        target, _ = closest_clearly(vectors[who], cents[first:], params.crosslingual_threshold,
                                    params.crosslingual_margin, params.embedding_baseline)
        for pos, t in zip(who.tolist(), target.tolist(), strict=True):
            if t >= 0:
                place(np.array([pos]), t + first)
    return regroup(new_groups, extra, dissolved)


# --- the day step ----------------------------------------------------------------------------


@dataclass
class Narrative:
    """A narrative's cumulative sums: members, summed embeddings, summed lexical profile."""

    n: int
    vector: np.ndarray
    profile: tuple[np.ndarray, np.ndarray]
    created_day: date
    last_day: date


@dataclass
class DayPosts:
    """The day's batch (today's posts, then the pending pool), crowd posts first."""

    keys: list[str]         # content hashes: new narratives' IDs derive from them
    vectors: np.ndarray     # unit embeddings
    tf: sp.csr_matrix       # ``lexical_tf`` rows
    official: np.ndarray    # bool: official sources clarify, never found or join
    age: np.ndarray | None = None  # days in the pending pool (0: today's); None: all today's
    foreign: np.ndarray | None = None  # bool: not in the main language; None: all in it
    threads: Threads | None = None     # where each post's parent is; None: no replies
    links: Links | None = None         # each post's links, the known narratives' ones


@dataclass
class FactCheckClaims:
    ids: list[str]
    vectors: np.ndarray
    tf: sp.csr_matrix
    fresh: np.ndarray       # bool: received today (compared with every active narrative)


@dataclass
class Assigned:
    positions: np.ndarray   # into the day's batch
    narrative_id: str
    similarity: np.ndarray  # per position
    how: str                # join, new, split, clarification, reply


@dataclass
class Created:
    narrative_id: str
    event: str              # created, split_from
    other: str | None
    reason: str


@dataclass
class DaySum:
    """A narrative's row of the day: its members today and its cumulative sums after it."""

    n: int
    vector: np.ndarray
    profile: tuple[np.ndarray, np.ndarray]
    cum: Narrative


@dataclass
class DayOutcome:
    assigned: list[Assigned] = field(default_factory=list)
    created: list[Created] = field(default_factory=list)
    sums: dict[str, DaySum] = field(default_factory=dict)
    merges: list[tuple[str, str, float]] = field(default_factory=list)  # young, old, sim
    recycled: list[tuple[str, str, date, float]] = field(default_factory=list)
    fact_check_links: list[tuple[str, str, float]] = field(default_factory=list)
    after: dict[str, Narrative] = field(default_factory=dict)  # active after the day
    new_ids: list[str] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    new_groups: int = 0
    splits: int = 0

    @property
    def n_assigned(self) -> int:
        return sum(len(a.positions) for a in self.assigned)

    @property
    def n_joined(self) -> int:
        return sum(len(a.positions) for a in self.assigned if a.how == "join")


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def known_of(active: dict[str, Narrative], dim: int) -> Known:
    ids = sorted(active)
    return Known(ids,
                 np.stack([active[i].vector / active[i].n for i in ids]).astype(np.float32)
                 if ids else np.zeros((0, dim), dtype=np.float32),
                 profiles_matrix([active[i].profile for i in ids]),
                 np.array([active[i].n for i in ids], dtype=np.int64))


def day_step(day: date, active: dict[str, Narrative], posts: DayPosts, params: NarrativeParams,
             dormant: dict[str, Narrative] | None = None,
             fact_checks: FactCheckClaims | None = None,
             clusterer: Clusterer | None = None, processes: int = 1) -> DayOutcome:
    """One day of the tracker.

    ``active`` are the narratives joinable today (seen in the last ``ACTIVE_WINDOW_DAYS`` days,
    not merged away), ``dormant`` those last seen before that (for recycling), ``fact_checks``
    the claims received so far. The outcome says what to write; ``after`` is the state the next
    day starts from (today's and the known narratives, merges applied)."""
    out = DayOutcome(after=dict(active))
    if not len(posts.keys):
        return out
    ids = sorted(active)
    known = known_of(active, posts.vectors.shape[1])
    plan = plan_day(posts.vectors, posts.tf, posts.official, known, params, clusterer,
                    posts.age, processes, posts.foreign, posts.threads, posts.links)

    def keys_of(g: np.ndarray) -> list[str]:
        return [posts.keys[int(i)] for i in g]

    split_members = {int(p) for _, m in plan.splits for p in m}
    # replies count in a narrative's spread but not in its sums: their words are reactions
    # ("semoga gak bener"), not the claim's
    replies = np.zeros(len(posts.keys), dtype=bool)
    replies[plan.by_reply] = True
    members: dict[str, list[int]] = {}
    repliers: dict[str, list[int]] = {}
    for pos in np.flatnonzero(plan.joined >= 0).tolist():
        if pos not in split_members:
            (repliers if replies[pos] else members).setdefault(
                ids[int(plan.joined[pos])], []).append(pos)
    for nid, joiners in members.items():  # one block of rows per narrative joined
        out.assigned.append(Assigned(np.asarray(joiners, dtype=np.int64), nid,
                                     plan.join_similarity[joiners], "join"))
    for g in plan.new_groups:
        founders, answers = g[~replies[g]], g[replies[g]]
        nid = narrative_id_for(day, keys_of(founders))
        out.new_ids.append(nid)
        members[nid] = [int(i) for i in founders]
        out.created.append(Created(nid, "created", None, f"{len(founders)} similar posts"))
        out.assigned.append(Assigned(founders, nid, plan.new_similarity[founders], "new"))
        if len(answers):
            out.assigned.append(Assigned(answers, nid, plan.new_similarity[answers], "reply"))
    split_of: dict[int, str] = {}
    for parent, g in plan.splits:
        nid = narrative_id_for(day, keys_of(g))
        split_of.update((int(i), nid) for i in g)
        members[nid] = [int(i) for i in g]
        sim = float(plan.join_similarity[g].mean())
        out.created.append(Created(
            nid, "split_from", ids[parent],
            f"{len(g)} new posts formed their own group (mean similarity {sim:.2f} to the "
            "parent's centroid)"))
        out.assigned.append(Assigned(g, nid, plan.join_similarity[g], "split"))
    if split_of and posts.threads is not None:  # a reply to a post that split off goes with it
        repliers = _after_splits(repliers, split_of, replies, posts.threads.parent)
    for nid, answers in repliers.items():
        out.assigned.append(Assigned(np.asarray(answers, dtype=np.int64), nid,
                                     plan.join_similarity[answers], "reply"))
    out.new_groups, out.splits = len(plan.new_groups), len(plan.splits)
    for clar in np.flatnonzero(plan.clarifies >= 0):
        target = int(plan.clarifies[clar])
        nid = ids[target] if target < len(ids) else out.new_ids[target - len(ids)]
        out.assigned.append(Assigned(np.array([clar], dtype=np.int64), nid,
                                     plan.clarify_similarity[[clar]], "clarification"))
    _sum_day(day, members, active, posts, out)
    out.touched = set(members) | set(repliers)
    _merge(day, out, plan.idf, params)
    _recycle(out, dormant or {}, plan.idf, params)
    if fact_checks is not None and len(fact_checks.ids):
        _link_fact_checks(out, fact_checks, params)
    return out


def _after_splits(repliers: dict[str, list[int]], split_of: dict[int, str],
                  replies: np.ndarray, parent: np.ndarray) -> dict[str, list[int]]:
    """Replies regrouped by the narrative their thread's first post ended in: the one it
    split off to today, else the one they joined."""
    out: dict[str, list[int]] = {}
    for nid, answers in repliers.items():
        for pos in answers:
            root = pos
            for _ in range(MAX_CHAIN):
                if not replies[root] or parent[root] < 0:
                    break
                root = int(parent[root])
            out.setdefault(split_of.get(root, nid), []).append(pos)
    return out


def _sum_day(day: date, members: dict[str, list[int]], active: dict[str, Narrative],
             posts: DayPosts, out: DayOutcome) -> None:
    for nid, idx in sorted(members.items()):
        day_vec = posts.vectors[idx].astype(np.float64).sum(axis=0)
        day_prof = profile_of(posts.tf[idx])
        prev = active.get(nid)
        cum = Narrative(len(idx), day_vec, day_prof, created_day_of(nid), day) if prev is None \
            else Narrative(prev.n + len(idx), prev.vector + day_vec,
                           add_profiles(prev.profile, day_prof), prev.created_day, day)
        out.after[nid] = cum
        out.sums[nid] = DaySum(len(idx), day_vec, day_prof, cum)


def _merge(day: date, out: DayOutcome, idf: np.ndarray, params: NarrativeParams) -> None:
    """Narratives whose centroids converged: the younger is merged into the older, whose
    cumulative sums absorb it from today on; posts keep their rows (views map them)."""
    after = out.after
    ids = sorted(after)
    if len(ids) < 2 or not out.touched:
        return
    cents = np.stack([after[i].vector / after[i].n for i in ids])
    lex = weigh(profiles_matrix([after[i].profile for i in ids]), idf)
    order = sorted(range(len(ids)), key=lambda k: (after[ids[k]].created_day, ids[k]))
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    profiles = profiles_matrix([after[i].profile for i in ids])
    anchors = member_means(split_claim(profiles)[1], np.array([after[i].n for i in ids]))
    found = find_merges(cents, lex, np.array([i in out.touched for i in ids]), rank,
                        params.embedding_weight, params.merge_threshold, anchors,
                        params.anchor_weight, params.embedding_baseline)
    for young, old, sim in found:
        y, o = ids[young], ids[old]
        out.merges.append((y, o, sim))
        ys, os_ = after[y], after[o]
        merged = Narrative(os_.n + ys.n, os_.vector + ys.vector,
                           add_profiles(os_.profile, ys.profile), os_.created_day, day)
        after[o] = merged
        del after[y]
        today = out.sums.get(o)
        out.sums[o] = (DaySum(today.n, today.vector, today.profile, merged) if today else
                       DaySum(0, np.zeros_like(merged.vector), _no_profile(), merged))
        out.touched.add(o)


def _no_profile() -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)


def _recycle(out: DayOutcome, dormant: dict[str, Narrative], idf: np.ndarray,
             params: NarrativeParams) -> None:
    """A new narrative close to a dormant one (≥ join threshold) is marked recycled."""
    old_ids = sorted(nid for nid, nar in dormant.items() if nar.n)
    if not out.new_ids or not old_ids:
        return
    old_vec = np.stack([dormant[i].vector / dormant[i].n for i in old_ids])
    old_lex = weigh(profiles_matrix([dormant[i].profile for i in old_ids]), idf)
    new = [out.after[i] for i in out.new_ids]
    new_vec = np.stack([nar.vector / nar.n for nar in new])
    new_lex = weigh(profiles_matrix([nar.profile for nar in new]), idf)
    sims = combined_pairwise(_unit(new_vec), _unit(old_vec), new_lex, old_lex,
                             params.embedding_weight, params.embedding_baseline)
    for k, nid in enumerate(out.new_ids):
        j = int(np.argmax(sims[k]))
        if sims[k, j] >= params.join_threshold:
            old = old_ids[j]
            out.recycled.append((nid, old, dormant[old].last_day, float(sims[k, j])))


def _link_fact_checks(out: DayOutcome, fcs: FactCheckClaims, params: NarrativeParams) -> None:
    """Fact-checks whose claim is close to a narrative: narratives touched today against every
    fact-check received so far, and fact-checks received today against every active one."""
    after = out.after
    ids = sorted(after)
    if not ids:
        return
    idf = np.ones(fcs.tf.shape[1], dtype=np.float32)
    cents = np.stack([after[i].vector / after[i].n for i in ids])
    sims = combined_pairwise(fcs.vectors, _unit(cents), weigh(fcs.tf, idf),
                             weigh(profiles_matrix([after[i].profile for i in ids]), idf),
                             params.embedding_weight, params.embedding_baseline)
    is_touched = np.array([i in out.touched for i in ids])
    for a, b in zip(*np.nonzero(sims >= params.fact_check_threshold), strict=True):
        if fcs.fresh[a] or is_touched[b]:
            out.fact_check_links.append((ids[b], fcs.ids[a], float(sims[a, b])))
