"""Stage 5: hoax likelihood from the production model, and matching against known fact-checks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from models import registry
from models.classifier import hoax_probability, make_frame
from pipelines import parallel
from pipelines.embedder import Embedder, get_embedder
from pipelines.fact_check_match import (
    CONFIRMED,
    NOT_DEBUNKS,
    FactCheckIndex,
    Match,
    params_for,
)
from pipelines.settings import Settings
from pipelines.stages.stage_run import stage_run
from warehouse import schemas
from warehouse.connection import transaction
from warehouse.store import insert_arrow, stream_arrow
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


# Posts scored per batch: the TF-IDF features of a batch (word and character n-grams beside the
# embedding) are a few hundred MB at most, whatever the size of the day.
CLASSIFY_BATCH = 20_000

POSTS_SQL = ("SELECT post_id, text_norm, content_hash, lang FROM stg_posts"
             " WHERE batch_day = ? AND duplicate_of IS NULL ORDER BY post_id")


FACT_CHECKS_SQL = ("SELECT fact_check_id, claim_norm, content_hash, verdict,"
                   " published_at::DATE FROM fact_checks"
                   " WHERE content_hash IS NOT NULL ORDER BY fact_check_id")
# Duplicates carry the verdict of the post they copy (warehouse form of `inherit_scores`).
INHERIT_SQL = ("INSERT INTO post_scores SELECT s.post_id, s.batch_day, o.model_version,"
               " o.hoax_score, o.fact_check_id, o.fact_check_similarity, o.flagged,"
               " o.flag_reason, o.fact_check_tier, o.fact_check_score"
               " FROM stg_posts s JOIN post_scores o"
               " ON o.post_id = s.duplicate_of"
               " WHERE s.batch_day = ? AND s.duplicate_of IS NOT NULL")


class Scorer:
    """The pure half of classify: posts and their vectors in, `post_scores` rows out (Arrow),
    no warehouse. The stage feeds it from DuckDB; the sharded path from Parquet partitions.

    `fact_checks` are FACT_CHECKS_SQL rows and `fact_check_vectors` their vectors. The model
    (`load_model()`, for `champion`) is loaded, and its embedding model checked, on the first
    batch only: a day with no posts needs no model."""

    def __init__(self, model_id: str, fact_checks: list[tuple[Any, ...]],
                 fact_check_vectors: np.ndarray, champion: registry.ModelRecord | None,
                 load_model: Callable[[], Any], hoax_threshold: float) -> None:
        self.model_id = model_id
        self.champion = champion
        self.version: str | None = None
        self._load_model = load_model
        self._model: Any = None
        self._fcs = fact_checks
        self._threshold = hoax_threshold
        self._params = params_for(model_id)
        # Built once per run: BM25 over the claims beside their vectors.
        claims = [f[1] for f in fact_checks]
        self._index = FactCheckIndex(claims, fact_check_vectors, [f[4] for f in fact_checks],
                                     _claim_languages(claims))

    def prepare(self) -> None:
        """Load the champion (once), checking its embedding model."""
        if self.champion is not None and self._model is None:
            if registry.uses_embedding(self.champion):
                _check_embedding(self.champion, self.model_id)
            self.version = self.champion.version
            self._model = self._load_model()

    def score(self, posts: pa.Table, vectors: np.ndarray, day: date) -> pa.Table:
        """`post_scores` rows for `posts` (post_id, text_norm, lang; originals only) whose
        vectors are `vectors`, in the same order."""
        ids = posts.column("post_id").to_pylist()
        texts = posts.column("text_norm").to_pylist()
        scores = np.full(len(ids), np.nan)
        if self.champion is not None:
            self.prepare()
            scores = hoax_probability(self._model, make_frame(texts, vectors))
        matches = self._index.match(texts, vectors, posts.column("lang").to_pylist(),
                                    as_of=day, params=self._params)
        return _score_rows(ids, scores, matches, self._fcs, day, self.version, self._threshold)


def inherit_scores(posts: pa.Table, scores: pa.Table) -> pa.Table:
    """Duplicates carry the verdict of the post they copy: one `post_scores` row per
    duplicate in `posts` (stg_posts rows) whose original has a row in `scores`."""
    dups = posts.filter(pc.is_valid(posts.column("duplicate_of"))).select(
        ["post_id", "batch_day", "duplicate_of"])
    originals = scores.drop_columns(["batch_day"])
    originals = originals.rename_columns(
        ["duplicate_of" if n == "post_id" else n for n in originals.column_names])
    joined = dups.join(originals, keys="duplicate_of", join_type="inner")
    return pa.table({f.name: joined.column(f.name).cast(f.type) for f in schemas.POST_SCORES},
                    schema=schemas.POST_SCORES)


def classify(settings: Settings, day: date, embedder: Embedder | None = None,
             loaded: tuple[registry.ModelRecord, Any] | None = None,
             batch_size: int = CLASSIFY_BATCH) -> dict[str, int]:
    """Score the day's posts with the production model (or `loaded`, a record and its model
    already in memory, as re-scoring passes) and match them to fact-checks. Idempotent.

    Posts are read, scored and written `batch_size` at a time (each score depends on its own
    post only), so memory stays bounded on a big day."""
    model_id = (embedder or get_embedder(settings)).model_id
    with stage_run(settings, day, "classify") as run:
        con = run.con
        champion = loaded[0] if loaded else registry.production(con)
        if champion is None:
            log.warning("No production model: posts get no hoax score, only fact-check matches. "
                        "Train one with `pantau train` or `make run`.")

        def load_model() -> Any:
            if loaded:
                return loaded[1]
            assert champion is not None  # Scorer loads only for a champion
            return registry.load_model(champion)

        fcs = con.execute(FACT_CHECKS_SQL).fetchall()
        scorer = Scorer(model_id, fcs, fetch_vectors(con, model_id, [f[2] for f in fcs]),
                        champion, load_model, settings.hoax_threshold)

        scored = flagged = 0
        ((n_posts,),) = con.execute(f"SELECT count(*) FROM ({POSTS_SQL})", [day]).fetchall()
        processes, batch_rows = parallel.plan(settings, int(n_posts), batch_size)
        if processes > 1:
            scorer.prepare()  # loaded once here; the forked workers inherit it
        read = con.cursor()  # streams the day's posts while `con` writes the scores
        try:
            with transaction(con):
                con.execute("DELETE FROM post_scores WHERE batch_day = ?", [day])
                batches = ((pa.Table.from_batches([batch]),
                            fetch_vectors(con, model_id, batch.column("content_hash")))
                           for batch in stream_arrow(read, POSTS_SQL, [day], batch_rows))
                for table in parallel.map_ordered(partial(_score_batch, scorer, day), batches,
                                                  processes):
                    insert_arrow(con, "post_scores", table)
                    scored += table.num_rows
                    flagged += int(pc.sum(table.column("flagged")).as_py() or 0)
                    del table
                con.execute(INHERIT_SQL, [day])
        finally:
            read.close()
        run.finish(counts={"stored": scored},
                   detail={"model_version": scorer.version, "flagged": flagged})
    return {"scored": scored, "flagged": flagged}


def _score_batch(scorer: Scorer, day: date, batch: tuple[pa.Table, np.ndarray]) -> pa.Table:
    posts, vectors = batch
    return scorer.score(posts, vectors, day)


def _claim_languages(claims: list[str]) -> list[str | None]:
    """The language of each claim, by the same detector as posts (claims are short)."""
    if not claims:
        return []
    from pipelines.language import detect_languages

    return list(detect_languages(claims))


def _score_rows(ids: list[str], scores: np.ndarray, matches: list[Match],
                fcs: list[tuple[Any, ...]], day: date, version: str | None,
                hoax_threshold: float) -> pa.Table:
    """`post_scores` rows of one batch: score, best fact-check and its tier, flag and reason.
    Only a confirmed ('cocok') match with a debunk flags a post; a suggestion is shown, not
    acted on."""
    score_out: list[float | None] = []
    fc_ids: list[str | None] = []
    fc_sims: list[float | None] = []
    tiers: list[str | None] = []
    fc_scores: list[float | None] = []
    flags: list[bool] = []
    reasons: list[str | None] = []
    for score, match in zip(scores.tolist(), matches, strict=True):
        fc = fcs[match.index] if match.index is not None else None
        tiers.append(match.tier if fc else None)
        fc_scores.append(round(match.score, 4) if fc else None)
        debunked = fc is not None and fc[3] not in NOT_DEBUNKS and match.tier == CONFIRMED
        high = not np.isnan(score) and score >= hoax_threshold
        reason = "fact_check_match" if debunked else ("classifier" if high else None)
        score_out.append(None if np.isnan(score) else float(score))
        fc_ids.append(fc[0] if fc else None)
        fc_sims.append(match.similarity if fc else None)
        flags.append(reason is not None)
        reasons.append(reason)
    n = len(ids)
    columns = {
        "post_id": ids, "batch_day": [day] * n, "model_version": [version] * n,
        "hoax_score": score_out, "fact_check_id": fc_ids, "fact_check_similarity": fc_sims,
        "flagged": flags, "flag_reason": reasons, "fact_check_tier": tiers,
        "fact_check_score": fc_scores,
    }
    return pa.table({f.name: pa.array(columns[f.name], f.type) for f in schemas.POST_SCORES},
                    schema=schemas.POST_SCORES)
