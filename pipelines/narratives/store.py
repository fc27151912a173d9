"""The warehouse around the day step: load the state, undo a day, write the outcome, labels.

State lives in ``narrative_day_sums``: per narrative and clustering day, the day's vector and
lexical sums and the cumulative ones up to that day. The known narratives "as of" day D are one
row each (the latest row before D), so a day costs work proportional to its own posts plus the
narratives active in the last ``ACTIVE_WINDOW_DAYS`` days, never to the history.

A day's result depends only on the days before it. Rerunning day D replaces D's rows; when D's
outcome changed (new data, an out-of-order backfill) the stage replays every later day that was
already clustered, in order, in the same transaction, so the warehouse always equals a
chronological run and IDs (derived from a day and its founding members) come out the same
whatever the order the days were processed in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import scipy.sparse as sp

from pipelines import parallel
from pipelines.errors import PantauError
from pipelines.narrative_labels import Background, class_keywords, make_title, standard_share
from pipelines.narratives.crosslingual import is_foreign
from pipelines.narratives.grouping import (
    LEXICAL_CHUNK,
    Clusterer,
    claim_rows,
    lexical_tf,
    stack_rows,
)
from pipelines.narratives.links import Links, link_keys
from pipelines.narratives.step import (
    ACTIVE_WINDOW_DAYS,
    RECYCLE_HORIZON_DAYS,
    DayOutcome,
    DayPosts,
    FactCheckClaims,
    Narrative,
    NarrativeParams,
    created_day_of,
    day_step,
)
from pipelines.narratives.threads import Threads
from pipelines.settings import Settings
from warehouse import schemas
from warehouse.connection import release_memory
from warehouse.store import fetch_arrow, insert_arrow
from warehouse.vectors import fetch_vectors

LABEL_SAMPLE = 200               # member texts read to label a narrative
TITLE_CANDIDATES = 8             # most central members the title may come from
TITLE_SLACK = 0.1                # how much less standard than the best a more central one may be
KEYWORD_MIN_SHARE = 0.2          # a keyword is used by at least this share of them
# assigned_by of a narrative's own posts, the claim's words: what its title, keywords, score
# and links come from (not replies, duplicates or clarifications)
OWN_POSTS = ["new", "join", "split"]

_LATEST = ("SELECT narrative_id, arg_max(cum_n, day), arg_max(cum_vector, day),"
           " arg_max(cum_lex_idx, day), arg_max(cum_lex_val, day), max(day)"
           " FROM narrative_day_sums")


def _as_profile(idx: Sequence[int] | None, val: Sequence[float] | None
                ) -> tuple[np.ndarray, np.ndarray]:
    return (np.asarray(idx or [], dtype=np.int32), np.asarray(val or [], dtype=np.float32))


def _narratives(rows: list[tuple]) -> dict[str, Narrative]:
    return {nid: Narrative(int(n), np.asarray(vec, dtype=np.float64), _as_profile(li, lv),
                           created_day_of(nid), last)
            for nid, n, vec, li, lv, last in rows if n}


def known_state(con: duckdb.DuckDBPyConnection, day: date) -> dict[str, Narrative]:
    """Narratives active in the window before ``day`` and not merged away before it."""
    return _narratives(con.execute(
        _LATEST + " WHERE day < ? AND day >= ? GROUP BY 1"
        " HAVING narrative_id NOT IN (SELECT narrative_id FROM narrative_events"
        "   WHERE event = 'merged_into' AND day < ?)"
        " ORDER BY 1",
        [day, day - timedelta(days=ACTIVE_WINDOW_DAYS), day]).fetchall())


def dormant_state(con: duckdb.DuckDBPyConnection, day: date) -> dict[str, Narrative]:
    """Narratives last seen before the active window (and within the recycling horizon)."""
    return _narratives(con.execute(
        _LATEST + " WHERE day < ? AND day >= ? GROUP BY 1 HAVING max(day) < ? ORDER BY 1",
        [day, day - timedelta(days=RECYCLE_HORIZON_DAYS),
         day - timedelta(days=ACTIVE_WINDOW_DAYS)]).fetchall())


def known_centroids(con: duckdb.DuckDBPyConnection, day: date) -> tuple[list[str], np.ndarray,
                                                                        np.ndarray]:
    """IDs, mean embeddings and sizes of the narratives known at the start of ``day``."""
    state = known_state(con, day)
    ids = sorted(state)
    if not ids:
        return [], np.zeros((0, 0), dtype=np.float32), np.zeros(0)
    matrix = np.stack([state[i].vector / state[i].n for i in ids]).astype(np.float32)
    return ids, matrix, np.array([state[i].n for i in ids])


def fingerprint(con: duckdb.DuckDBPyConnection, day: date) -> str:
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


def undo(con: duckdb.DuckDBPyConnection, days: Sequence[date]) -> set[str]:
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


def ensure_cumulative(con: duckdb.DuckDBPyConnection) -> None:
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


class NarrativeModelError(PantauError):
    """The narratives of earlier days were built with another embedding model."""


def check_model(con: duckdb.DuckDBPyConnection, day: date, model_id: str) -> None:
    """Refuse to cluster ``day`` with another model than the days before it: centroids of one
    model compared with vectors of another (often of the same size) join and split at random,
    and the pending posts of earlier days have no vectors of the new model."""
    row = con.execute(
        "SELECT day, json_extract_string(detail, '$.model') AS model FROM runs"
        " WHERE stage = 'cluster' AND status = 'success' AND day < ? AND model IS NOT NULL"
        " ORDER BY day DESC, finished_at DESC LIMIT 1", [day]).fetchall()
    if row and row[0][1] != model_id:
        raise NarrativeModelError(
            f"the narratives up to {row[0][0]} were built with the embedding model "
            f"{row[0][1]!r}, this run uses {model_id!r}: set PANTAU_EMBEDDING_MODEL="
            f"{row[0][1]}, or embed and "
            "cluster every day again from the first with the new model")


def cluster_day(con: duckdb.DuckDBPyConnection, settings: Settings, params: NarrativeParams,
                model_id: str, day: date, affected: set[str],
                clusterer: Clusterer | None = None) -> dict[str, Any]:
    """Read the day's batch and the state, run the day step, write its outcome."""
    check_model(con, day, model_id)
    today = fetch_arrow(
        con,
        "SELECT s.post_id, s.text_norm, s.content_hash, s.lang, s.urls,"
        " coalesce(src.official, false) AS official, CAST(0 AS INTEGER) AS age"
        " FROM stg_posts s JOIN raw_posts r USING (post_id)"
        " LEFT JOIN sources src ON src.source = r.source"
        " WHERE s.batch_day = ? AND s.duplicate_of IS NULL ORDER BY s.post_id", [day])
    pending = fetch_arrow(
        con,
        "SELECT s.post_id, s.text_norm, s.content_hash, s.lang, s.urls, false AS official,"
        " CAST(datediff('day', s.batch_day, ?::DATE) AS INTEGER) AS age"
        " FROM stg_posts s JOIN raw_posts r USING (post_id)"
        " LEFT JOIN sources src ON src.source = r.source"
        " WHERE s.batch_day >= ? AND s.batch_day < ? AND s.duplicate_of IS NULL"
        "   AND NOT coalesce(src.official, false)"
        "   AND s.post_id NOT IN (SELECT post_id FROM narrative_posts WHERE batch_day < ?)"
        " ORDER BY s.post_id",
        [day, day - timedelta(days=params.pending_days), day, day])
    n_pending = pending.num_rows
    posts = _crowd_first(today, pending)
    del today, pending
    out = DayOutcome()
    if posts.num_rows:
        post_ids = posts.column("post_id")
        hashes = posts.column("content_hash")
        vectors = fetch_vectors(con, model_id, hashes)
        release_memory(con)  # the scans' buffers: the clustering below needs the room
        merged = _merged_before(con, day)  # where replies' parents and links ended up
        batch = DayPosts([str(h) for h in hashes.to_pylist()], vectors,
                         _lexical(posts.column("text_norm"), settings),
                         posts.column("official").to_numpy(zero_copy_only=False).astype(bool),
                         posts.column("age").to_numpy(zero_copy_only=False).astype(np.int64),
                         is_foreign(posts.column("lang").to_pylist()),
                         _threads(con, day, post_ids.to_pylist(), params.pending_days, merged),
                         _links(con, day, posts.column("urls").to_pylist(), merged)
                         if params.follow_links else None)
        del posts  # the texts: only the columns above are still needed
        out = day_step(day, known_state(con, day), batch, params, dormant_state(con, day),
                       _fact_checks(con, model_id, day), clusterer,
                       processes=_block_processes(settings, len(batch.keys)))
        del batch, vectors
        write_outcome(con, day, out, post_ids)
    # Duplicates follow the post they copy (a copy of a clarification is a citizen's re-share).
    con.execute(
        "INSERT INTO narrative_posts SELECT s.post_id, np.narrative_id, ?, np.similarity,"
        " CASE WHEN np.assigned_by LIKE 'clarification%' THEN 'clarification_share'"
        "      ELSE 'duplicate' END"
        " FROM stg_posts s JOIN narrative_posts np ON np.post_id = s.duplicate_of"
        " WHERE s.duplicate_of IS NOT NULL AND s.batch_day <= ?"
        "   AND (s.batch_day = ? OR np.batch_day = ?)"
        "   AND s.post_id NOT IN (SELECT post_id FROM narrative_posts)", [day, day, day, day])
    refresh_dims(con, out.touched | affected, day)
    refresh_narrative_scores(con, settings, day)
    return {"assigned": out.n_assigned, "new_narratives": out.new_groups,
            "joined": out.n_joined, "splits": out.splits, "merges": len(out.merges),
            "pending": n_pending, "model": model_id}


def _threads(con: duckdb.DuckDBPyConnection, day: date, post_ids: list[str],
             pending_days: int, merged: dict[str, str]) -> Threads | None:
    """Where the batch's replies' parents are: in the batch, or assigned on an earlier day
    (followed through merges before ``day``). The parent is the post of the same source whose
    platform id is the reply's ``reply_to``; a parent that is a duplicate stands for the post
    it copies. None when the batch holds no reply with a known parent."""
    pairs = con.execute(
        "SELECT r.post_id, coalesce(ps.duplicate_of, ps.post_id)"
        " FROM raw_posts r"
        " JOIN raw_posts p ON p.source = r.source AND p.source_id = r.reply_to"
        " JOIN stg_posts ps ON ps.post_id = p.post_id"
        " WHERE r.reply_to IS NOT NULL AND r.batch_day >= ? AND r.batch_day <= ?",
        [day - timedelta(days=pending_days), day]).fetchall()
    where = {pid: i for i, pid in enumerate(post_ids)}
    pairs = [(where[c], p) for c, p in pairs if c in where and c != p]
    if not pairs:
        return None
    parent = np.full(len(post_ids), -1, dtype=np.int64)
    earlier: dict[int, str] = {}
    for child, p in pairs:
        if p in where:
            parent[child] = where[p]
        else:
            earlier[child] = p
    narrative_of: dict[str, str] = {}
    if earlier:
        narrative_of = dict(con.execute(
            "SELECT post_id, narrative_id FROM narrative_posts"
            " WHERE list_contains(?, post_id) AND batch_day < ?"
            "   AND assigned_by NOT LIKE 'clarification%'",
            [sorted(set(earlier.values())), day]).fetchall())
    parent_narrative: list[str | None] = [None] * len(post_ids)
    for child, p in earlier.items():
        nid = narrative_of.get(p)
        parent_narrative[child] = _surviving(nid, merged) if nid else None
    return Threads(parent, parent_narrative)


def _merged_before(con: duckdb.DuckDBPyConnection, day: date) -> dict[str, str]:
    return dict(con.execute(
        "SELECT narrative_id, other_narrative_id FROM narrative_events"
        " WHERE event = 'merged_into' AND day < ?", [day]).fetchall())


def _surviving(nid: str, merged: dict[str, str]) -> str:
    """The narrative ``nid`` ended in through the merges (a chain ends at one still active)."""
    for _ in range(len(merged) + 1):
        if nid not in merged:
            break
        nid = merged[nid]
    return nid


def _links(con: duckdb.DuckDBPyConnection, day: date, urls: list[list[str] | None],
           merged: dict[str, str]) -> Links | None:
    """The batch's link keys and, per key, the posts of the active window's narratives that
    carry it (their own posts: not duplicates, clarifications or replies). None when no post
    of the batch carries a link that names content."""
    post = [link_keys(u) for u in urls]
    wanted = sorted({k for keys in post for k in keys})
    if not wanted:
        return None
    # only posts that share a host with the batch come back (a busy window holds millions)
    hosts = sorted({k.split("/", 1)[0].split("?", 1)[0] for k in wanted})
    rows = con.execute(
        "SELECT np.narrative_id, s.urls FROM narrative_posts np JOIN stg_posts s USING (post_id)"
        " WHERE np.batch_day < ? AND np.batch_day >= ? AND len(s.urls) > 0"
        "   AND list_contains(?, np.assigned_by)"
        "   AND list_has_any(list_transform(s.urls, lambda u: regexp_extract(lower(u),"
        "       '^(?:[a-z][a-z0-9+.-]*://)?(?:www\\.|m\\.)?([^/?#:@]+)', 1)), ?)",
        [day, day - timedelta(days=ACTIVE_WINDOW_DAYS), OWN_POSTS, hosts]).fetchall()
    want = set(wanted)
    known: dict[str, dict[str, int]] = {}
    for nid, found in rows:
        owner = _surviving(nid, merged)
        for key in set(link_keys(found)) & want:
            per = known.setdefault(key, {})
            per[owner] = per.get(owner, 0) + 1
    return Links(post, known)


def _fact_checks(con: duckdb.DuckDBPyConnection, model_id: str,
                 day: date) -> FactCheckClaims | None:
    fcs = con.execute(
        "SELECT fact_check_id, claim_norm, content_hash, batch_day = ? FROM fact_checks"
        " WHERE content_hash IS NOT NULL AND batch_day <= ? ORDER BY 1", [day, day]).fetchall()
    if not fcs:
        return None
    try:
        vectors = fetch_vectors(con, model_id, [f[2] for f in fcs])
    except LookupError:  # claims not embedded yet (the embed stage did not run): skip
        return None
    return FactCheckClaims([f[0] for f in fcs], vectors, lexical_tf([f[1] or "" for f in fcs]),
                           np.array([bool(f[3]) for f in fcs]))


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


def _lexical(texts: pa.ChunkedArray, settings: Settings) -> sp.csr_matrix:
    """Claim rows (n-grams and anchors) of ``texts``, ``LEXICAL_CHUNK`` at a time: only one
    chunk of the texts is ever a Python list. Rows depend on their own text only, so a big
    day's chunks are built in forked workers (`pipelines.parallel`)."""
    processes, chunk = parallel.plan(settings, len(texts), LEXICAL_CHUNK,
                                     min_rows=_fork_min_posts(settings))
    chunks = (texts.slice(s, chunk).to_pylist() for s in range(0, len(texts), chunk))
    return stack_rows(list(parallel.map_ordered(claim_rows, chunks, processes)))


# The cluster stage's forked steps are short (about a second each at 100k posts) and a fork
# of the stage process costs about 30 ms per worker (1 GB resident, measured), so they fork
# from this many times ``parallel_min_posts`` (20k posts by default). On a 10k-post day the
# three forked steps took 2.92 s against 2.43 s in one process (A/B, medians of 4); on a
# 100k-post day the leftover blocks and frame checks forked saved 0.43 s.
CLUSTER_FORK_FACTOR = 4


def _fork_min_posts(settings: Settings) -> int:
    return CLUSTER_FORK_FACTOR * settings.parallel_min_posts


def _block_processes(settings: Settings, posts: int) -> int:
    """Workers for the leftover blocks and frame checks of a day of ``posts`` posts."""
    return parallel.plan(settings, posts, posts, min_rows=_fork_min_posts(settings))[0]


def _rows_table(out: DayOutcome, post_ids: pa.ChunkedArray, day: date) -> pa.Table:
    """The day's ``narrative_posts`` rows, one column at a time (never a dict per post)."""
    counts = np.array([len(a.positions) for a in out.assigned], dtype=np.int64)
    n = int(counts.sum())
    labels = np.repeat(np.arange(len(counts)), counts)
    pos = (np.concatenate([a.positions for a in out.assigned]) if out.assigned
           else np.zeros(0, dtype=np.int64))
    sims = (np.concatenate([a.similarity for a in out.assigned]).tolist() if out.assigned
            else [])
    return pa.table({
        "post_id": post_ids.take(pa.array(pos, pa.int64())),
        "narrative_id": pa.DictionaryArray.from_arrays(
            pa.array(labels, pa.int32()), pa.array([a.narrative_id for a in out.assigned],
                                                   pa.string())).cast(pa.string()),
        "batch_day": pa.array(np.full(n, np.datetime64(day, "D")), pa.date32()),
        "similarity": pa.array([round(float(x), 6) for x in sims], pa.float64()),
        "assigned_by": pa.DictionaryArray.from_arrays(
            pa.array(labels, pa.int32()), pa.array([a.how for a in out.assigned],
                                                   pa.string())).cast(pa.string()),
    }, schema=schemas.NARRATIVE_POSTS)


def write_outcome(con: duckdb.DuckDBPyConnection, day: date, out: DayOutcome,
                  post_ids: pa.ChunkedArray) -> None:
    for c in out.created:
        con.execute("INSERT INTO narrative_dim (narrative_id, created_day, updated_day,"
                    " n_members) VALUES (?, ?, ?, 0)", [c.narrative_id, day, day])
        con.execute("INSERT INTO narrative_events VALUES (?, ?, ?, ?, ?)",
                    [c.narrative_id, day, c.event, c.other, c.reason])
    rows = _rows_table(out, post_ids, day)
    # a pending post assigned today may hold a row of a later day (being replayed)
    con.register("_assigned", rows)
    try:
        con.execute("DELETE FROM narrative_posts WHERE batch_day > ?"
                    " AND post_id IN (SELECT post_id FROM _assigned)", [day])
    finally:
        con.unregister("_assigned")
    insert_arrow(con, "narrative_posts", rows)
    for nid, s in sorted(out.sums.items()):
        con.execute(
            "INSERT INTO narrative_day_sums (narrative_id, day, n, vector_sum, lex_idx, lex_val,"
            " cum_n, cum_vector, cum_lex_idx, cum_lex_val) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [nid, day, s.n, s.vector.tolist(), s.profile[0].tolist(), s.profile[1].tolist(),
             s.cum.n, s.cum.vector.tolist(), s.cum.profile[0].tolist(),
             s.cum.profile[1].tolist()])
    for young, old, sim in out.merges:
        con.execute("INSERT INTO narrative_events VALUES (?, ?, 'merged_into', ?, ?)",
                    [young, day, old, f"centroids converged (similarity {sim:.2f})"])
    for nid, old, last_seen, sim in out.recycled:
        con.execute("INSERT INTO narrative_events VALUES (?, ?, 'recycled', ?, ?)",
                    [nid, day, old, f"close to a narrative last seen {last_seen} "
                     f"(similarity {sim:.2f})"])
    for nid, fc_id, sim in out.fact_check_links:
        con.execute("INSERT INTO narrative_fact_checks VALUES (?, ?, ?, ?, 'centroid')"
                    " ON CONFLICT DO NOTHING", [nid, fc_id, day, sim])


def refresh_dims(con: duckdb.DuckDBPyConnection, nids: set[str], day: date) -> None:
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
    relabel(con, wanted, day)


def relabel(con: duckdb.DuckDBPyConnection, nids: list[str], day: date) -> None:
    sample = con.execute(
        "SELECT narrative_id, post_id, text_norm, text_clean FROM ("
        "  SELECT np.narrative_id, np.post_id, s.text_norm, s.text_clean,"
        "         row_number() OVER (PARTITION BY np.narrative_id"
        "                            ORDER BY np.similarity DESC, np.post_id) AS k"
        "  FROM narrative_posts np JOIN stg_posts s USING (post_id)"
        "  WHERE list_contains(?, np.narrative_id) AND list_contains(?, np.assigned_by))"
        " WHERE k <= ? ORDER BY narrative_id, k", [nids, OWN_POSTS, LABEL_SAMPLE]).fetchall()
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
    # The day's background as word counts, once per day; each narrative's is that without
    # its own posts (a narrative's own label never depends on the other narratives).
    backgrounds: dict[date, tuple[dict[str, str], Background]] = {}
    for nid in labelled:
        bday = last_days.get(nid) or day
        if bday not in backgrounds:
            rows = con.execute(
                "SELECT post_id, text_norm FROM stg_posts WHERE batch_day = ?"
                " AND duplicate_of IS NULL ORDER BY post_id LIMIT 1000", [bday]).fetchall()
            texts = {pid: text for pid, text in rows}
            backgrounds[bday] = texts, Background.of(list(texts.values()))
        texts, day_background = backgrounds[bday]
        background = day_background.without(
            [texts[m[0]] for m in by_nid[nid] if m[0] in texts])
        # the narrative's own members (never a merged neighbour's: those keep their own
        # narrative_id), and only words a fifth of them use
        words = class_keywords([[m[1] for m in by_nid[nid]]], min_share=KEYWORD_MIN_SHARE,
                               background=background)[0]
        # members are read most-similar first: the first is the most representative; the
        # title comes from the one of the most central that reads most like standard
        # Indonesian (an officer forwards the title; the quoted post shows the register)
        pid = by_nid[nid][0][0]
        title = make_title(title_source([m[2] for m in by_nid[nid][:TITLE_CANDIDATES]]))
        title = title or ", ".join(words[:4])
        con.execute("UPDATE narrative_dim SET label = ?, keywords = ?,"
                    " representative_post_id = ? WHERE narrative_id = ?",
                    [title, words, pid, nid])


def title_source(central: list[str]) -> str:
    """Of a narrative's most central posts (most central first), the first whose share of
    standard words (`standard_share`) is within ``TITLE_SLACK`` of the best."""
    shares = [standard_share(text) for text in central]
    best = max(shares, default=0.0)
    return next((t for t, sh in zip(central, shares, strict=True) if sh >= best - TITLE_SLACK),
                "")


def refresh_narrative_scores(con: duckdb.DuckDBPyConnection, settings: Settings,
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
            WHERE list_contains(?, np.assigned_by)
              AND np.narrative_id IN (SELECT narrative_id FROM narrative_posts WHERE batch_day = ?)
            GROUP BY 1
        ) agg
        WHERE d.narrative_id = agg.narrative_id
        """, [settings.hoax_threshold, OWN_POSTS, day])
