"""Stage 6: posts of the day join known narratives or form new ones; IDs stay stable on rerun."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import duckdb
import numpy as np
import pyarrow as pa

from pipelines.clusterer import CentroidThenAgglomerative, Clusterer
from pipelines.embedder import Embedder, get_embedder
from pipelines.narrative_labels import class_keywords
from pipelines.settings import Settings
from warehouse import schemas
from warehouse.connection import transaction, writer
from warehouse.store import finish_run, insert_arrow, start_run
from warehouse.vectors import fetch_vectors

ACTIVE_WINDOW_DAYS = 30


def narrative_id_for(day: date, member_hashes: list[str]) -> str:
    """Derived from content, so rerunning the day yields the same ID."""
    digest = hashlib.sha1("|".join(sorted(member_hashes)).encode()).hexdigest()[:8]
    return f"N{day:%Y%m%d}-{digest}"


def known_centroids(con: duckdb.DuckDBPyConnection, day: date) -> tuple[list[str], np.ndarray,
                                                                        np.ndarray]:
    """Centroids as of the start of `day`, from per-day sums of narratives active lately."""
    rows = con.execute(
        "SELECT narrative_id, n, vector_sum FROM narrative_day_sums"
        " WHERE day < ? AND narrative_id IN (SELECT narrative_id FROM narrative_day_sums"
        "   WHERE day >= ? AND day < ?) ORDER BY narrative_id, day",
        [day, day - timedelta(days=ACTIVE_WINDOW_DAYS), day]).fetchall()
    ids: list[str] = []
    sums: dict[str, np.ndarray] = {}
    counts: dict[str, int] = {}
    for nid, n, vec in rows:
        if nid not in sums:
            ids.append(nid)
            sums[nid] = np.zeros(len(vec), dtype=np.float64)
            counts[nid] = 0
        sums[nid] += np.asarray(vec, dtype=np.float64)
        counts[nid] += n
    if not ids:
        return [], np.zeros((0, 0), dtype=np.float32), np.zeros(0)
    matrix = np.stack([sums[i] / counts[i] for i in ids]).astype(np.float32)
    return ids, matrix, np.array([counts[i] for i in ids])


def _undo_day(con: duckdb.DuckDBPyConnection, day: date) -> None:
    con.execute("DELETE FROM narrative_posts WHERE batch_day = ?", [day])
    con.execute("DELETE FROM narrative_day_sums WHERE day = ?", [day])
    con.execute("DELETE FROM narrative_events WHERE day = ?", [day])
    con.execute("DELETE FROM narrative_dim WHERE created_day = ?", [day])


def cluster(settings: Settings, day: date, embedder: Embedder | None = None,
            clusterer: Clusterer | None = None) -> dict[str, int]:
    model_id = (embedder or get_embedder(settings)).model_id
    algo = clusterer or CentroidThenAgglomerative(
        settings.narrative_join_threshold, settings.narrative_cluster_threshold,
        settings.narrative_min_posts)
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run_id = start_run(con, day, "cluster")
        posts = con.execute(
            "SELECT post_id, text_norm, content_hash FROM stg_posts"
            " WHERE batch_day = ? AND duplicate_of IS NULL ORDER BY post_id", [day]).fetchall()
        vectors = fetch_vectors(con, model_id, [p[2] for p in posts])
        with transaction(con):
            _undo_day(con, day)
            known_ids, centroids, _ = known_centroids(con, day)
            result = algo.assign(vectors, centroids) if posts else None
            rows: list[dict[str, object]] = []
            new_members: dict[int, list[int]] = {}
            if result is not None:
                for i, (pid, _, _) in enumerate(posts):
                    if result.joined[i] >= 0:
                        rows.append({"post_id": pid, "narrative_id": known_ids[result.joined[i]],
                                     "batch_day": day,
                                     "similarity": float(result.join_similarity[i]),
                                     "assigned_by": "join"})
                    elif result.new_group[i] >= 0:
                        new_members.setdefault(int(result.new_group[i]), []).append(i)
            groups = sorted(new_members.values())
            keywords = class_keywords([[posts[i][1] for i in g] for g in groups])
            for members, words in zip(groups, keywords, strict=True):
                centroid = vectors[members].mean(axis=0)
                sims = vectors[members] @ (centroid / max(np.linalg.norm(centroid), 1e-12))
                rep = members[int(np.argmax(sims))]
                nid = narrative_id_for(day, [posts[i][2] for i in members])
                con.execute(
                    "INSERT INTO narrative_dim (narrative_id, created_day, updated_day, label,"
                    " keywords, representative_post_id, centroid, n_members)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [nid, day, day, ", ".join(words[:4]) or posts[rep][1][:60], words,
                     posts[rep][0], centroid.tolist(), len(members)])
                con.execute("INSERT INTO narrative_events VALUES (?, ?, 'created', NULL, ?)",
                            [nid, day, f"{len(members)} similar posts"])
                for i, sim in zip(members, sims.tolist(), strict=True):
                    rows.append({"post_id": posts[i][0], "narrative_id": nid, "batch_day": day,
                                 "similarity": float(sim), "assigned_by": "new"})
            insert_arrow(con, "narrative_posts",
                         pa.Table.from_pylist(rows, schema=schemas.NARRATIVE_POSTS))
            _write_day_sums(con, day, rows, {p[0]: i for i, p in enumerate(posts)}, vectors)
            # Duplicates follow the post they copy.
            con.execute(
                "INSERT INTO narrative_posts SELECT s.post_id, np.narrative_id, s.batch_day,"
                " np.similarity, 'duplicate' FROM stg_posts s"
                " JOIN narrative_posts np ON np.post_id = s.duplicate_of"
                " WHERE s.batch_day = ? AND s.duplicate_of IS NOT NULL", [day])
            _refresh_narrative_scores(con, settings, day)
        counts = {"stored": len(rows)}
        finish_run(con, run_id, counts=counts,
                   detail={"new_narratives": len(groups), "joined": sum(
                       1 for r in rows if r["assigned_by"] == "join")})
    return {"assigned": len(rows), "new_narratives": len(groups)}


def _write_day_sums(con: duckdb.DuckDBPyConnection, day: date, rows: list[dict[str, object]],
                    position: dict[str, int], vectors: np.ndarray) -> None:
    by_narrative: dict[str, list[int]] = {}
    for row in rows:
        by_narrative.setdefault(str(row["narrative_id"]), []).append(position[str(row["post_id"])])
    for nid, idx in sorted(by_narrative.items()):
        con.execute("INSERT INTO narrative_day_sums VALUES (?, ?, ?, ?)",
                    [nid, day, len(idx), vectors[idx].sum(axis=0).tolist()])
        # Derived from the sums, so a rerun of the day cannot count members twice.
        con.execute("UPDATE narrative_dim d SET updated_day = s.last_day, n_members = s.n"
                    " FROM (SELECT max(day) AS last_day, sum(n) AS n FROM narrative_day_sums"
                    " WHERE narrative_id = ?) s WHERE d.narrative_id = ?", [nid, nid])


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
            WHERE np.assigned_by <> 'duplicate'
              AND np.narrative_id IN (SELECT narrative_id FROM narrative_posts WHERE batch_day = ?)
            GROUP BY 1
        ) agg
        WHERE d.narrative_id = agg.narrative_id
        """, [settings.hoax_threshold, day])
