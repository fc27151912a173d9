"""Stage 6: posts join known narratives or form new ones; splits, merges and clarifications are
recorded; narrative IDs stay stable across reruns and out-of-order backfills.

State lives in ``narrative_day_sums``: per narrative and clustering day, the day's vector and
lexical sums and the cumulative ones up to that day. The known narratives "as of" day D are one
row each (the latest row before D), so a day costs work proportional to its own posts plus the
narratives active in the last ``ACTIVE_WINDOW_DAYS`` days, never to the history.

A day's result depends only on the days before it. Rerunning day D replaces D's rows; when D's
outcome changed (new data, an out-of-order backfill) every later day that was already clustered
is replayed in order, in the same transaction, so the warehouse always equals a chronological
run and IDs (derived from a day and its founding members) come out the same whatever the order
the days were processed in. A rerun that changes nothing replays nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import numpy as np
import pyarrow as pa
import scipy.sparse as sp

from pipelines.clusterer import (
    LEXICAL_CHUNK,
    Clusterer,
    Known,
    NarrativeParams,
    add_profiles,
    combined_pairwise,
    find_merges,
    lexical_tf,
    plan_day,
    profile_of,
    profiles_matrix,
    stack_rows,
    weigh,
)
from pipelines.embedder import Embedder, get_embedder
from pipelines.narrative_labels import class_keywords, make_title
from pipelines.settings import Settings
from warehouse import schemas
from warehouse.connection import release_memory, transaction, writer
from warehouse.store import fetch_arrow, finish_run, insert_arrow, start_run
from warehouse.vectors import fetch_vectors

ACTIVE_WINDOW_DAYS = 30
RECYCLE_HORIZON_DAYS = 3 * 365   # dormant narratives compared with new ones
LABEL_SAMPLE = 200               # member texts read to label a narrative
SPREAD = ("new", "join", "split", "duplicate")  # assigned_by values that count as spread


def narrative_id_for(day: date, member_hashes: list[str]) -> str:
    """Derived from content, so rerunning the day yields the same ID."""
    digest = hashlib.sha1("|".join(sorted(member_hashes)).encode()).hexdigest()[:8]
    return f"N{day:%Y%m%d}-{digest}"


@dataclass
class _State:
    """A narrative's cumulative sums as of the start of the day being clustered."""

    n: int
    vector: np.ndarray
    profile: tuple[np.ndarray, np.ndarray]
    created_day: date
    last_day: date


@dataclass
class _DayRows:
    """The day's ``narrative_posts`` rows, one column at a time (never a dict per post)."""

    positions: list[np.ndarray] = field(default_factory=list)
    narrative_ids: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    similarity: list[np.ndarray] = field(default_factory=list)
    assigned_by: list[str] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    new: list[str] = field(default_factory=list)

    def add(self, positions: Sequence[int] | np.ndarray, nid: str, similarity: np.ndarray,
            how: str) -> None:
        pos = np.asarray(positions, dtype=np.int64)
        self.positions.append(pos)
        self.narrative_ids.append(nid)
        self.counts.append(len(pos))
        self.similarity.append(similarity[pos])
        self.assigned_by.append(how)

    @property
    def assigned(self) -> int:
        return sum(self.counts)

    @property
    def joined(self) -> int:
        return sum(c for c, how in zip(self.counts, self.assigned_by, strict=True)
                   if how == "join")

    def table(self, post_ids: pa.ChunkedArray, day: date) -> pa.Table:
        n = self.assigned
        counts = np.array(self.counts, dtype=np.int64)
        labels = np.repeat(np.arange(len(counts)), counts)
        pos = (np.concatenate(self.positions) if self.positions
               else np.zeros(0, dtype=np.int64))
        sims = (np.concatenate(self.similarity).tolist() if self.similarity else [])
        return pa.table({
            "post_id": post_ids.take(pa.array(pos, pa.int64())),
            "narrative_id": pa.DictionaryArray.from_arrays(
                pa.array(labels, pa.int32()), pa.array(self.narrative_ids, pa.string())
            ).cast(pa.string()),
            "batch_day": pa.array(np.full(n, np.datetime64(day, "D")), pa.date32()),
            "similarity": pa.array([round(float(x), 6) for x in sims], pa.float64()),
            "assigned_by": pa.DictionaryArray.from_arrays(
                pa.array(labels, pa.int32()), pa.array(self.assigned_by, pa.string())
            ).cast(pa.string()),
        }, schema=schemas.NARRATIVE_POSTS)


def _as_profile(idx: Sequence[int] | None, val: Sequence[float] | None
                ) -> tuple[np.ndarray, np.ndarray]:
    return (np.asarray(idx or [], dtype=np.int32), np.asarray(val or [], dtype=np.float32))


def known_state(con: duckdb.DuckDBPyConnection, day: date) -> dict[str, _State]:
    """Narratives active in the window before ``day`` and not merged away before it."""
    rows = con.execute(
        "SELECT narrative_id, arg_max(cum_n, day), arg_max(cum_vector, day),"
        " arg_max(cum_lex_idx, day), arg_max(cum_lex_val, day), max(day)"
        " FROM narrative_day_sums WHERE day < ? AND day >= ? GROUP BY 1"
        " HAVING narrative_id NOT IN (SELECT narrative_id FROM narrative_events"
        "   WHERE event = 'merged_into' AND day < ?)"
        " ORDER BY 1",
        [day, day - timedelta(days=ACTIVE_WINDOW_DAYS), day]).fetchall()
    return {nid: _State(int(n), np.asarray(vec, dtype=np.float64), _as_profile(li, lv),
                        _created_day(nid), last)
            for nid, n, vec, li, lv, last in rows if n}


def known_centroids(con: duckdb.DuckDBPyConnection, day: date) -> tuple[list[str], np.ndarray,
                                                                        np.ndarray]:
    """IDs, mean embeddings and sizes of the narratives known at the start of ``day``."""
    state = known_state(con, day)
    ids = sorted(state)
    if not ids:
        return [], np.zeros((0, 0), dtype=np.float32), np.zeros(0)
    matrix = np.stack([state[i].vector / state[i].n for i in ids]).astype(np.float32)
    return ids, matrix, np.array([state[i].n for i in ids])


def _created_day(nid: str) -> date:
    try:
        return date(int(nid[1:5]), int(nid[5:7]), int(nid[7:9]))
    except ValueError:  # an ID from elsewhere (load generator): oldest first
        return date.min


def _fingerprint(con: duckdb.DuckDBPyConnection, day: date) -> str:
    """What later days depend on: the day's assignments and events."""
    digest = hashlib.sha1()
    for sql in (
        "SELECT post_id, narrative_id, assigned_by FROM narrative_posts WHERE batch_day = ?"
        " ORDER BY 1",
        "SELECT narrative_id, event, other_narrative_id FROM narrative_events WHERE day = ?"
        " ORDER BY ALL",
    ):
        for row in con.execute(sql, [day]).fetchall():
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _undo(con: duckdb.DuckDBPyConnection, days: Sequence[date]) -> set[str]:
    """Remove what clustering wrote for ``days``; return the narratives that lost rows."""
    if not days:
        return set()
    ds = list(days)
    affected = {r[0] for r in con.execute(
        "SELECT DISTINCT narrative_id FROM narrative_posts WHERE list_contains(?, batch_day)"
        " UNION SELECT narrative_id FROM narrative_day_sums WHERE list_contains(?, day)",
        [ds, ds]).fetchall()}
    con.execute("DELETE FROM narrative_posts WHERE list_contains(?, batch_day)", [ds])
    con.execute("DELETE FROM narrative_day_sums WHERE list_contains(?, day)", [ds])
    con.execute("DELETE FROM narrative_events WHERE list_contains(?, day)", [ds])
    con.execute("DELETE FROM narrative_fact_checks WHERE list_contains(?, day)", [ds])
    con.execute("DELETE FROM narrative_dim WHERE list_contains(?, created_day)", [ds])
    return affected


def _ensure_cumulative(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the cumulative columns of rows written before migration 006 (once)."""
    todo = [r[0] for r in con.execute(
        "SELECT DISTINCT narrative_id FROM narrative_day_sums WHERE cum_n IS NULL").fetchall()]
    for nid in todo:
        rows = con.execute("SELECT day, n, vector_sum FROM narrative_day_sums"
                           " WHERE narrative_id = ? ORDER BY day", [nid]).fetchall()
        n, total = 0, None
        for day, k, vec in rows:
            v = np.asarray(vec, dtype=np.float64)
            total = v if total is None else total + v
            n += k
            con.execute("UPDATE narrative_day_sums SET cum_n = ?, cum_vector = ?,"
                        " cum_lex_idx = coalesce(cum_lex_idx, []),"
                        " cum_lex_val = coalesce(cum_lex_val, [])"
                        " WHERE narrative_id = ? AND day = ?", [n, total.tolist(), nid, day])


def cluster(settings: Settings, day: date, embedder: Embedder | None = None,
            clusterer: Clusterer | None = None) -> dict[str, int]:
    model_id = (embedder or get_embedder(settings)).model_id
    params = NarrativeParams.from_settings(settings)
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run_id = start_run(con, day, "cluster")
        later = [r[0] for r in con.execute(
            "SELECT DISTINCT day FROM runs WHERE stage = 'cluster' AND status = 'success'"
            " AND day > ? ORDER BY 1", [day]).fetchall()]
        with transaction(con):
            _ensure_cumulative(con)
            before = _fingerprint(con, day)
            affected = _undo(con, [day])
            summary = _cluster_day(con, settings, params, clusterer, model_id, day, affected)
            replayed = 0
            if later and _fingerprint(con, day) != before:
                affected = _undo(con, later)
                for d in later:
                    sub_id = start_run(con, d, "cluster")
                    sub = _cluster_day(con, settings, params, clusterer, model_id, d, affected)
                    finish_run(con, sub_id, counts={"stored": sub["assigned"]},
                               detail={**sub, "replayed_after": day.isoformat()})
                    affected = set()
                    replayed += 1
        summary["replayed_days"] = replayed
        finish_run(con, run_id, counts={"stored": summary["assigned"]}, detail=summary)
    return summary


def _cluster_day(con: duckdb.DuckDBPyConnection, settings: Settings, params: NarrativeParams,
                 clusterer: Clusterer | None, model_id: str, day: date,
                 affected: set[str]) -> dict[str, int]:
    today = fetch_arrow(
        con,
        "SELECT s.post_id, s.text_norm, s.content_hash,"
        " coalesce(src.official, false) AS official"
        " FROM stg_posts s JOIN raw_posts r USING (post_id)"
        " LEFT JOIN sources src ON src.source = r.source"
        " WHERE s.batch_day = ? AND s.duplicate_of IS NULL ORDER BY s.post_id", [day])
    pending = fetch_arrow(
        con,
        "SELECT s.post_id, s.text_norm, s.content_hash, false AS official"
        " FROM stg_posts s JOIN raw_posts r USING (post_id)"
        " LEFT JOIN sources src ON src.source = r.source"
        " WHERE s.batch_day >= ? AND s.batch_day < ? AND s.duplicate_of IS NULL"
        "   AND NOT coalesce(src.official, false)"
        "   AND s.post_id NOT IN (SELECT post_id FROM narrative_posts WHERE batch_day < ?)"
        " ORDER BY s.post_id",
        [day - timedelta(days=params.pending_days), day, day])
    n_pending = pending.num_rows
    posts = _crowd_first(today, pending)
    del today, pending
    state = known_state(con, day)
    out = _DayRows()
    groups = splits = merges = 0
    if posts.num_rows:
        post_ids = posts.column("post_id")
        hashes = posts.column("content_hash")
        vectors = fetch_vectors(con, model_id, hashes)
        release_memory(con)  # the scans' buffers: the clustering below needs the room
        tf = _lexical(posts.column("text_norm"))
        official = posts.column("official").to_numpy(zero_copy_only=False).astype(bool)
        del posts  # the texts: only the two columns above are still needed
        ids = sorted(state)
        dim = vectors.shape[1]
        known = Known(ids,
                      np.stack([state[i].vector / state[i].n for i in ids]).astype(np.float32)
                      if ids else np.zeros((0, dim), dtype=np.float32),
                      profiles_matrix([state[i].profile for i in ids]),
                      np.array([state[i].n for i in ids], dtype=np.int64))
        plan = plan_day(vectors, tf, official, known, params, clusterer)

        def member_hashes(g: np.ndarray) -> list[str]:
            return [str(h) for h in hashes.take(pa.array(g, pa.int64())).to_pylist()]

        split_members = {int(p) for _, m in plan.splits for p in m}
        members: dict[str, list[int]] = {}
        for pos in np.flatnonzero(plan.joined >= 0).tolist():
            if pos not in split_members:
                members.setdefault(ids[int(plan.joined[pos])], []).append(pos)
        for nid, joiners in members.items():  # one block of rows per narrative joined
            out.add(joiners, nid, plan.join_similarity, "join")
        new_ids: list[str] = []
        for g in plan.new_groups:
            nid = narrative_id_for(day, member_hashes(g))
            new_ids.append(nid)
            members[nid] = [int(i) for i in g]
            _create(con, nid, day, "created", None, f"{len(g)} similar posts")
            out.add(g, nid, plan.new_similarity, "new")
        for parent, g in plan.splits:
            nid = narrative_id_for(day, member_hashes(g))
            members[nid] = [int(i) for i in g]
            sim = float(plan.join_similarity[g].mean())
            _create(con, nid, day, "split_from", ids[parent],
                    f"{len(g)} new posts formed their own group (mean similarity {sim:.2f} "
                    "to the parent's centroid)")
            out.add(g, nid, plan.join_similarity, "split")
        groups, splits = len(plan.new_groups), len(plan.splits)
        for clar in np.flatnonzero(plan.clarifies >= 0):
            target = int(plan.clarifies[clar])
            nid = ids[target] if target < len(ids) else new_ids[target - len(ids)]
            out.add([int(clar)], nid, plan.clarify_similarity, "clarification")
        rows = out.table(post_ids, day)
        # a pending post assigned today may hold a row of a later day (being replayed)
        con.register("_assigned", rows)
        try:
            con.execute("DELETE FROM narrative_posts WHERE batch_day > ?"
                        " AND post_id IN (SELECT post_id FROM _assigned)", [day])
        finally:
            con.unregister("_assigned")
        insert_arrow(con, "narrative_posts", rows)
        idf = plan.idf
        del rows, plan
        after = _write_sums(con, day, members, state, vectors, tf)
        del vectors, tf
        out.touched = set(members)
        out.new = new_ids
        merges = _merge(con, day, after, out.touched, idf, params)
        _recycled(con, day, after, new_ids, idf, params)
        _link_fact_checks(con, day, model_id, after, out.touched, params)
    # Duplicates follow the post they copy (a copy of a clarification is a citizen's re-share).
    con.execute(
        "INSERT INTO narrative_posts SELECT s.post_id, np.narrative_id, ?, np.similarity,"
        " CASE WHEN np.assigned_by LIKE 'clarification%' THEN 'clarification_share'"
        "      ELSE 'duplicate' END"
        " FROM stg_posts s JOIN narrative_posts np ON np.post_id = s.duplicate_of"
        " WHERE s.duplicate_of IS NOT NULL AND s.batch_day <= ?"
        "   AND (s.batch_day = ? OR np.batch_day = ?)"
        "   AND s.post_id NOT IN (SELECT post_id FROM narrative_posts)", [day, day, day, day])
    _refresh_dims(con, out.touched | affected, day)
    _refresh_narrative_scores(con, settings, day)
    return {"assigned": out.assigned, "new_narratives": groups, "joined": out.joined,
            "splits": splits, "merges": merges, "pending": n_pending}


def _crowd_first(today: pa.Table, pending: pa.Table) -> pa.Table:
    """Today's posts then the pending ones, official posts moved last (each part keeps its
    order). Clustering only looks at the crowd posts in order and at the official ones in
    order, so this changes no result, and the crowd's rows are the leading rows of the day's
    matrices: ``plan_day`` uses them in place instead of copying nearly all of them."""
    posts = pa.concat_tables([today, pending.cast(today.schema)]).combine_chunks()
    official = posts.column("official").to_numpy(zero_copy_only=False).astype(bool)
    if not official.any():
        return posts
    order = np.concatenate([np.flatnonzero(~official), np.flatnonzero(official)])
    return posts.take(pa.array(order, pa.int64()))


def _lexical(texts: pa.ChunkedArray) -> sp.csr_matrix:
    """Lexical rows of ``texts``, ``LEXICAL_CHUNK`` at a time: only one chunk of the texts is
    ever a Python list."""
    return stack_rows([lexical_tf(texts.slice(s, LEXICAL_CHUNK).to_pylist())
                       for s in range(0, len(texts), LEXICAL_CHUNK)])


def _create(con: duckdb.DuckDBPyConnection, nid: str, day: date, event: str,
            other: str | None, reason: str) -> None:
    con.execute("INSERT INTO narrative_dim (narrative_id, created_day, updated_day, n_members)"
                " VALUES (?, ?, ?, 0)", [nid, day, day])
    con.execute("INSERT INTO narrative_events VALUES (?, ?, ?, ?, ?)",
                [nid, day, event, other, reason])


def _write_sums(con: duckdb.DuckDBPyConnection, day: date, members: dict[str, list[int]],
                state: dict[str, _State], vectors: np.ndarray,
                tf: sp.csr_matrix) -> dict[str, _State]:
    """Day and cumulative sums of every narrative with members today; returns the state after
    the day (known narratives and today's)."""
    after = dict(state)
    for nid, idx in sorted(members.items()):
        day_vec = vectors[idx].astype(np.float64).sum(axis=0)
        day_prof = profile_of(tf[idx])
        prev = state.get(nid)
        cum = _State(len(idx), day_vec, day_prof, _created_day(nid), day) if prev is None else \
            _State(prev.n + len(idx), prev.vector + day_vec,
                   add_profiles(prev.profile, day_prof), prev.created_day, day)
        after[nid] = cum
        con.execute(
            "INSERT INTO narrative_day_sums (narrative_id, day, n, vector_sum, lex_idx, lex_val,"
            " cum_n, cum_vector, cum_lex_idx, cum_lex_val) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [nid, day, len(idx), day_vec.tolist(), day_prof[0].tolist(), day_prof[1].tolist(),
             cum.n, cum.vector.tolist(), cum.profile[0].tolist(), cum.profile[1].tolist()])
    return after


def _merge(con: duckdb.DuckDBPyConnection, day: date, after: dict[str, _State],
           touched: set[str], idf: np.ndarray, params: NarrativeParams) -> int:
    """Narratives whose centroids converged: the younger is merged into the older, whose
    cumulative sums absorb it from today on; posts keep their rows (views map them)."""
    ids = sorted(after)
    if len(ids) < 2 or not touched:
        return 0
    cents = np.stack([after[i].vector / after[i].n for i in ids])
    lex = weigh(profiles_matrix([after[i].profile for i in ids]), idf)
    order = sorted(range(len(ids)), key=lambda k: (after[ids[k]].created_day, ids[k]))
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    found = find_merges(cents, lex, np.array([i in touched for i in ids]), rank,
                        params.embedding_weight, params.merge_threshold)
    for young, old, sim in found:
        y, o = ids[young], ids[old]
        con.execute("INSERT INTO narrative_events VALUES (?, ?, 'merged_into', ?, ?)",
                    [y, day, o, f"centroids converged (similarity {sim:.2f})"])
        ys, os_ = after[y], after[o]
        merged = _State(os_.n + ys.n, os_.vector + ys.vector,
                        add_profiles(os_.profile, ys.profile), os_.created_day, day)
        after[o] = merged
        del after[y]
        exists = con.execute("SELECT count(*) FROM narrative_day_sums WHERE narrative_id = ?"
                             " AND day = ?", [o, day]).fetchall()
        if exists[0][0]:
            con.execute("UPDATE narrative_day_sums SET cum_n = ?, cum_vector = ?,"
                        " cum_lex_idx = ?, cum_lex_val = ? WHERE narrative_id = ? AND day = ?",
                        [merged.n, merged.vector.tolist(), merged.profile[0].tolist(),
                         merged.profile[1].tolist(), o, day])
        else:
            dim = len(merged.vector)
            con.execute(
                "INSERT INTO narrative_day_sums (narrative_id, day, n, vector_sum, lex_idx,"
                " lex_val, cum_n, cum_vector, cum_lex_idx, cum_lex_val)"
                " VALUES (?, ?, 0, ?, [], [], ?, ?, ?, ?)",
                [o, day, [0.0] * dim, merged.n, merged.vector.tolist(),
                 merged.profile[0].tolist(), merged.profile[1].tolist()])
        touched.add(o)
    return len(found)


def _recycled(con: duckdb.DuckDBPyConnection, day: date, after: dict[str, _State],
              new_ids: list[str], idf: np.ndarray, params: NarrativeParams) -> None:
    """A new narrative close to one dormant for over ``ACTIVE_WINDOW_DAYS`` is recycled."""
    if not new_ids:
        return
    rows = con.execute(
        "SELECT narrative_id, arg_max(cum_n, day), arg_max(cum_vector, day),"
        " arg_max(cum_lex_idx, day), arg_max(cum_lex_val, day), max(day)"
        " FROM narrative_day_sums WHERE day < ? AND day >= ? GROUP BY 1 HAVING max(day) < ?"
        " ORDER BY 1",
        [day, day - timedelta(days=RECYCLE_HORIZON_DAYS),
         day - timedelta(days=ACTIVE_WINDOW_DAYS)]).fetchall()
    rows = [r for r in rows if r[1]]
    if not rows:
        return
    old_vec = np.stack([np.asarray(r[2], dtype=np.float64) / r[1] for r in rows])
    old_lex = weigh(profiles_matrix([_as_profile(r[3], r[4]) for r in rows]), idf)
    new_vec = np.stack([after[i].vector / after[i].n for i in new_ids])
    new_lex = weigh(profiles_matrix([after[i].profile for i in new_ids]), idf)
    sims = combined_pairwise(_unit(new_vec), _unit(old_vec), new_lex, old_lex,
                             params.embedding_weight)
    for k, nid in enumerate(new_ids):
        j = int(np.argmax(sims[k]))
        if sims[k, j] >= params.join_threshold:
            con.execute("INSERT INTO narrative_events VALUES (?, ?, 'recycled', ?, ?)",
                        [nid, day, rows[j][0], f"close to a narrative last seen {rows[j][5]} "
                         f"(similarity {sims[k, j]:.2f})"])


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def _link_fact_checks(con: duckdb.DuckDBPyConnection, day: date, model_id: str,
                      after: dict[str, _State], touched: set[str],
                      params: NarrativeParams) -> None:
    """Fact-checks whose claim is close to a narrative: narratives touched today against every
    fact-check received so far, and fact-checks received today against every active one."""
    fcs = con.execute(
        "SELECT fact_check_id, claim_norm, content_hash, batch_day = ? FROM fact_checks"
        " WHERE content_hash IS NOT NULL AND batch_day <= ? ORDER BY 1", [day, day]).fetchall()
    ids = sorted(after)
    if not fcs or not ids:
        return
    try:
        fc_vec = fetch_vectors(con, model_id, [f[2] for f in fcs])
    except LookupError:  # claims not embedded yet (the embed stage did not run): skip
        return
    fc_tf = lexical_tf([f[1] or "" for f in fcs])
    idf = np.ones(fc_tf.shape[1], dtype=np.float32)
    cents = np.stack([after[i].vector / after[i].n for i in ids])
    sims = combined_pairwise(fc_vec, _unit(cents), weigh(fc_tf, idf),
                             weigh(profiles_matrix([after[i].profile for i in ids]), idf),
                             params.embedding_weight)
    fresh = np.array([bool(f[3]) for f in fcs])
    is_touched = np.array([i in touched for i in ids])
    for a, b in zip(*np.nonzero(sims >= params.fact_check_threshold), strict=True):
        if not (fresh[a] or is_touched[b]):
            continue
        con.execute("INSERT INTO narrative_fact_checks VALUES (?, ?, ?, ?, 'centroid')"
                    " ON CONFLICT DO NOTHING", [ids[b], fcs[a][0], day, float(sims[a, b])])


def _refresh_dims(con: duckdb.DuckDBPyConnection, nids: set[str], day: date) -> None:
    """Size, last day, centroid, title, keywords and representative post of ``nids`` from
    their current rows (all days), so a dimension row always shows the latest state."""
    wanted = sorted(r[0] for r in con.execute(
        "SELECT narrative_id FROM narrative_dim WHERE list_contains(?, narrative_id)",
        [sorted(nids)]).fetchall())
    if not wanted:
        return
    for nid, last_day, n, vec in con.execute(
            "SELECT narrative_id, max(day), arg_max(cum_n, day), arg_max(cum_vector, day)"
            " FROM narrative_day_sums WHERE list_contains(?, narrative_id) GROUP BY 1",
            [wanted]).fetchall():
        centroid = (np.asarray(vec, dtype=np.float64) / max(n or 1, 1)).tolist()
        con.execute("UPDATE narrative_dim SET updated_day = ?, n_members = ?, centroid = ?"
                    " WHERE narrative_id = ?", [last_day, n or 0, centroid, nid])
    _relabel(con, wanted, day)


def _relabel(con: duckdb.DuckDBPyConnection, nids: list[str], day: date) -> None:
    sample = con.execute(
        "SELECT narrative_id, post_id, text_norm, text_clean FROM ("
        "  SELECT np.narrative_id, np.post_id, s.text_norm, s.text_clean,"
        "         row_number() OVER (PARTITION BY np.narrative_id"
        "                            ORDER BY np.similarity DESC, np.post_id) AS k"
        "  FROM narrative_posts np JOIN stg_posts s USING (post_id)"
        "  WHERE list_contains(?, np.narrative_id) AND np.assigned_by IN ('new', 'join', 'split'))"
        " WHERE k <= ? ORDER BY narrative_id, k", [nids, LABEL_SAMPLE]).fetchall()
    by_nid: dict[str, list[tuple[str, str, str]]] = {}
    for nid, pid, norm, clean in sample:
        by_nid.setdefault(nid, []).append((pid, norm, clean))
    labelled = sorted(by_nid)
    if not labelled:
        return
    # Keywords are frequent in the narrative and rare in the background: the other posts of
    # its latest day. Both depend on the narrative alone, so labels do not change with the
    # order days were processed in.
    last_days = dict(con.execute(
        "SELECT narrative_id, updated_day FROM narrative_dim WHERE list_contains(?, narrative_id)",
        [labelled]).fetchall())
    backgrounds: dict[date, list[tuple[str, str]]] = {}
    for nid in labelled:
        bday = last_days.get(nid) or day
        if bday not in backgrounds:
            backgrounds[bday] = [(r[0], r[1]) for r in con.execute(
                "SELECT post_id, text_norm FROM stg_posts WHERE batch_day = ?"
                " AND duplicate_of IS NULL ORDER BY post_id LIMIT 1000", [bday]).fetchall()]
        mine = {m[0] for m in by_nid[nid]}
        background = [t for pid, t in backgrounds[bday] if pid not in mine]
        groups = [[m[1] for m in by_nid[nid]]] + ([background] if background else [])
        words = class_keywords(groups)[0]
        # members are read most-similar first: the first is the most representative
        pid, _, clean = by_nid[nid][0]
        title = make_title(clean) or ", ".join(words[:4])
        con.execute("UPDATE narrative_dim SET label = ?, keywords = ?,"
                    " representative_post_id = ? WHERE narrative_id = ?",
                    [title, words, pid, nid])


def _refresh_narrative_scores(con: duckdb.DuckDBPyConnection, settings: Settings,
                              day: date) -> None:
    """Narratives inherit their members' mean score and best fact-check match."""
    con.execute(
        """
        UPDATE narrative_dim d SET hoax_score = agg.score, fact_check_id = agg.fc,
               fact_check_similarity = agg.fc_sim,
               flagged = coalesce(agg.score >= ?, false) OR agg.fc IS NOT NULL
        FROM (
            SELECT np.narrative_id, avg(ps.hoax_score) AS score,
                   arg_max(ps.fact_check_id, ps.fact_check_similarity)
                       FILTER (WHERE ps.flag_reason = 'fact_check_match') AS fc,
                   max(ps.fact_check_similarity)
                       FILTER (WHERE ps.flag_reason = 'fact_check_match') AS fc_sim
            FROM narrative_posts np JOIN post_scores ps USING (post_id)
            WHERE np.assigned_by IN ('new', 'join', 'split')
              AND np.narrative_id IN (SELECT narrative_id FROM narrative_posts WHERE batch_day = ?)
            GROUP BY 1
        ) agg
        WHERE d.narrative_id = agg.narrative_id
        """, [settings.hoax_threshold, day])


# Public for re-scoring (models/rescore.py) after a new model is promoted.
refresh_narrative_scores = _refresh_narrative_scores
