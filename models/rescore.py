"""Re-score past days with the production model after a promotion (or a rollback).

Re-running classify for a day replaces that day's ``post_scores`` (idempotent), so posts carry
the new model version; the narratives touched by those days then inherit the new scores.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from models import registry
from pipelines.embedder import Embedder, get_embedder
from pipelines.settings import Settings
from warehouse.connection import reader, writer


def classified_days(settings: Settings, start: date, end: date) -> list[date]:
    """Days in [start, end] whose classify stage has run: the ones that have something to
    re-score (a day never embedded has no vectors to score)."""
    if not settings.warehouse_path.exists():
        return []
    with reader(settings.warehouse_path) as con:
        rows = con.execute(
            "SELECT DISTINCT day FROM runs WHERE stage = 'classify' AND status = 'success'"
            " AND day BETWEEN ? AND ? ORDER BY day", [start, end]).fetchall()
    return [r[0] for r in rows]


def rescore(settings: Settings, start: date, end: date,
            embedder: Embedder | None = None) -> dict[str, Any]:
    """Re-run classify with the production model for each classified day in [start, end]."""
    from pipelines.narratives.store import refresh_narrative_scores
    from pipelines.stages.classify import classify

    if end < start:
        raise ValueError(f"--to {end} is before --from {start}")
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        champion = registry.production(con)
    if champion is None:
        raise registry.RegistryError(
            "No production model to re-score with; promote one with `pantau models promote V`.")
    model = registry.load_model(champion)  # once, checksum verified, for every day
    embedder = embedder or get_embedder(settings)
    days = classified_days(settings, start, end)
    per_day = {}
    for day in days:
        result = classify(settings, day, embedder, loaded=(champion, model))
        with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
            refresh_narrative_scores(con, settings, day)
        per_day[day.isoformat()] = result
    return {"model_version": champion.version, "days": len(days),
            "scored": sum(r["scored"] for r in per_day.values()),
            "flagged": sum(r["flagged"] for r in per_day.values()), "per_day": per_day}


def recent_window(settings: Settings, end: date | None = None) -> tuple[date, date]:
    """The last `settings.rescore_days` days up to `end` (default: the newest classified day)."""
    if end is None:
        end = date.today()
        if settings.warehouse_path.exists():
            with reader(settings.warehouse_path) as con:
                row = con.execute("SELECT max(day) FROM runs WHERE stage = 'classify'"
                                  " AND status = 'success'").fetchone()
            if row and row[0]:
                end = row[0]
    return end - timedelta(days=settings.rescore_days - 1), end
