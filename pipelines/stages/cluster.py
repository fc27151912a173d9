"""Stage 6: posts join known narratives or form new ones; splits, merges and clarifications are
recorded; narrative IDs stay stable across reruns and out-of-order backfills.

The tracker itself is ``pipelines/narratives/``: the pure day step (``step``) and the warehouse
around it (``store``). This stage runs a day, and replays the later days already clustered
when the day's outcome changed, so the warehouse always equals a chronological run.
"""

from __future__ import annotations

from datetime import date

from pipelines.embedder import Embedder, get_embedder
from pipelines.narratives.grouping import Clusterer
from pipelines.narratives.step import NarrativeParams, narrative_id_for
from pipelines.narratives.store import (
    cluster_day,
    ensure_cumulative,
    fingerprint,
    refresh_narrative_scores,
    undo,
)
from pipelines.settings import Settings
from pipelines.stages.stage_run import stage_run
from warehouse.connection import transaction
from warehouse.store import finish_run, start_run

__all__ = ["cluster", "narrative_id_for", "refresh_narrative_scores"]


def cluster(settings: Settings, day: date, embedder: Embedder | None = None,
            clusterer: Clusterer | None = None) -> dict[str, int]:
    model_id = (embedder or get_embedder(settings)).model_id
    params = NarrativeParams.from_settings(settings)
    with stage_run(settings, day, "cluster") as run:
        con = run.con
        later = [r[0] for r in con.execute(
            "SELECT DISTINCT day FROM runs WHERE stage = 'cluster' AND status = 'success'"
            " AND day > ? ORDER BY 1", [day]).fetchall()]
        with transaction(con):
            ensure_cumulative(con)
            before = fingerprint(con, day)
            affected = undo(con, [day])
            summary = cluster_day(con, settings, params, model_id, day, affected, clusterer)
            replayed = 0
            if later and fingerprint(con, day) != before:
                affected = undo(con, later)
                for d in later:
                    sub_id = start_run(con, d, "cluster")
                    sub = cluster_day(con, settings, params, model_id, d, affected, clusterer)
                    finish_run(con, sub_id, counts={"stored": sub["assigned"]},
                               detail={**sub, "replayed_after": day.isoformat()})
                    affected = set()
                    replayed += 1
        summary["replayed_days"] = replayed
        run.finish(counts={"stored": summary["assigned"]}, detail=summary)
    return summary
