"""Stage 5: hoax likelihood from the production model, and matching against known fact-checks."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa

from models import registry
from models.classifier import hoax_probability, make_frame
from pipelines.embedder import Embedder, get_embedder
from pipelines.fact_check_match import NOT_DEBUNKS, best_matches
from pipelines.settings import Settings
from warehouse import schemas
from warehouse.connection import writer
from warehouse.store import finish_run, replace_batch, start_run
from warehouse.vectors import fetch_vectors

log = logging.getLogger(__name__)


class EmbeddingMismatchError(registry.RegistryError):
    """The production model was trained on another embedding model than the one configured."""


def _check_embedding(record: registry.ModelRecord, model_id: str) -> None:
    if record.embedding_model != model_id:
        raise EmbeddingMismatchError(
            f"Production model {record.version} was trained on '{record.embedding_model}' "
            f"embeddings but PANTAU_EMBEDDING_MODEL is '{model_id}'. Retrain with `pantau train`"
            " (then promote), or set the embedding model back.")


def classify(settings: Settings, day: date, embedder: Embedder | None = None,
             loaded: tuple[registry.ModelRecord, Any] | None = None) -> dict[str, int]:
    """Score the day's posts with the production model (or `loaded`, a record and its model
    already in memory, as re-scoring passes) and match them to fact-checks. Idempotent."""
    model_id = (embedder or get_embedder(settings)).model_id
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        run_id = start_run(con, day, "classify")
        posts = con.execute(
            "SELECT post_id, text_norm, content_hash FROM stg_posts"
            " WHERE batch_day = ? AND duplicate_of IS NULL ORDER BY post_id", [day]).fetchall()
        ids = [p[0] for p in posts]
        texts = [p[1] for p in posts]
        vectors = fetch_vectors(con, model_id, [p[2] for p in posts])

        champion = loaded[0] if loaded else registry.production(con)
        version = None
        scores = np.full(len(ids), np.nan)
        if champion is None:
            log.warning("No production model: posts get no hoax score, only fact-check matches. "
                        "Train one with `pantau train` or `make run`.")
        elif ids:
            _check_embedding(champion, model_id)
            version = champion.version
            model = loaded[1] if loaded else registry.load_model(champion)
            scores = hoax_probability(model, make_frame(texts, vectors))

        fcs = con.execute(
            "SELECT fact_check_id, claim_norm, content_hash, verdict FROM fact_checks"
            " WHERE content_hash IS NOT NULL ORDER BY fact_check_id").fetchall()
        fc_vectors = fetch_vectors(con, model_id, [f[2] for f in fcs])
        matches = best_matches(vectors, texts, fc_vectors, [f[1] for f in fcs],
                               settings.fact_check_threshold)

        rows = []
        for pid, score, match in zip(ids, scores.tolist(), matches, strict=True):
            fc = fcs[match.index] if match.index is not None else None
            debunked = fc is not None and fc[3] not in NOT_DEBUNKS
            high = not np.isnan(score) and score >= settings.hoax_threshold
            reason = "fact_check_match" if debunked else ("classifier" if high else None)
            rows.append({
                "post_id": pid, "batch_day": day, "model_version": version,
                "hoax_score": None if np.isnan(score) else float(score),
                "fact_check_id": fc[0] if fc else None,
                "fact_check_similarity": match.similarity if fc else None,
                "flagged": reason is not None, "flag_reason": reason,
            })
        table = pa.Table.from_pylist(rows, schema=schemas.POST_SCORES)
        replace_batch(con, [("post_scores", table)], day)
        # Duplicates carry the verdict of the post they copy.
        con.execute(
            "INSERT INTO post_scores SELECT s.post_id, s.batch_day, o.model_version, o.hoax_score,"
            " o.fact_check_id, o.fact_check_similarity, o.flagged, o.flag_reason"
            " FROM stg_posts s JOIN post_scores o ON o.post_id = s.duplicate_of"
            " WHERE s.batch_day = ? AND s.duplicate_of IS NOT NULL", [day])
        flagged = sum(1 for r in rows if r["flagged"])
        finish_run(con, run_id, counts={"stored": len(rows)},
                   detail={"model_version": version, "flagged": flagged})
    return {"scored": len(rows), "flagged": flagged}
