"""The promotion gate: a candidate replaces the champion only when it scores better."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from models import registry
from models.feed_training import build_training_set, inbox_items, warehouse_items
from models.labels import import_labels
from models.training import gate_evaluation, train_candidate
from pipelines.embedder import get_embedder
from pipelines.settings import Settings
from warehouse.connection import writer


@dataclass
class Decision:
    promoted: bool
    message: str
    metrics: dict[str, dict[str, Any]]


def _key(m: dict[str, Any]) -> tuple[float, float]:
    return (m["f1"], m["pr_auc"] or 0.0)


def promote(settings: Settings, version: str, force: bool = False) -> Decision:
    embedder = get_embedder(settings)
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        candidate = registry.get(con, version)
        champion = registry.production(con)
        if champion is not None and champion.version == version:
            return Decision(False, f"{version} is already in production.", {})
        if champion is None:
            registry.set_production(con, version, "first production model")
            return Decision(True, f"{version} promoted (no previous production model).", {})
        embeds = registry.uses_embedding(champion) or registry.uses_embedding(candidate)
        if embeds and champion.embedding_model != candidate.embedding_model and not force:
            return Decision(False, (
                f"{version} not promoted: it uses '{candidate.embedding_model}' embeddings and "
                f"the champion {champion.version} '{champion.embedding_model}'; the gate cannot "
                "score both on the same features. Use --force (recorded) after checking "
                "`pantau evaluate`."), {})
        if embeds and champion.embedding_model != candidate.embedding_model:
            registry.set_production(con, version, f"forced: embedding model changed from "
                                    f"{champion.embedding_model}, gate not run", "force")
            return Decision(True, f"{version} promoted without the gate (forced).", {})
        # A candidate trained from the feeds is judged on the newest slice of that set (the
        # labels are part of it and override it); otherwise on the newest labels.
        data = None
        if candidate.params.get("trained_on") == "feeds":
            since = candidate.params.get("since")
            data = build_training_set(warehouse_items(
                con, date.fromisoformat(since) if since else None))
        metrics = gate_evaluation(con, settings, embedder, [candidate.version, champion.version],
                                  data)
        cand, champ = metrics[candidate.version], metrics[champion.version]
        better = _key(cand) > _key(champ)
        summary = (f"candidate F1 {cand['f1']} PR-AUC {cand['pr_auc']} vs champion "
                   f"{champion.version} F1 {champ['f1']} PR-AUC {champ['pr_auc']} on the same "
                   f"{cand['n']} newest examples")
        if better:
            registry.set_production(con, version, f"better on gate: {summary}")
            return Decision(True, f"{version} promoted: {summary}", metrics)
        if force:
            registry.set_production(con, version, f"forced: {summary}", "force")
            return Decision(True, f"{version} promoted: {summary} (forced)", metrics)
        return Decision(False, f"{version} not promoted: {summary}. Use --force to override.",
                        metrics)


def rollback(settings: Settings) -> str:
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        current = registry.production(con)
        previous = registry.previous_production(con)
        if current is None or previous is None:
            raise registry.RegistryError("Nothing to roll back to: no earlier production model.")
        registry.set_production(con, previous.version, f"rollback from {current.version}",
                                "rollback")
    return f"production is {previous.version} again (was {current.version})"


def bootstrap(settings: Settings, labels: Path, seed: int = 0, inbox: Path | None = None) -> str:
    """Deterministic baseline for a fresh warehouse; leaves an existing champion alone.

    With `inbox`, the model learns from the feeds in it the way `pantau train --from-warehouse`
    does (fact-checks as hoaxes, news and official posts as not, the labels on top), read
    through the connectors before anything is ingested; else from the labels alone. The
    connectors recognise declared fact-check feeds by `settings.sources_file` (the CLI's
    `--sources`): without it a sample's fact-checks read as ordinary posts."""
    embedder = get_embedder(settings)
    with writer(settings.warehouse_path, settings.lock_timeout_s) as con:
        champion = registry.production(con)
        if champion is not None:
            return f"production model {champion.version} already present; nothing to do"
        report = import_labels(con, labels)
        provenance = {"training_data": registry.training_data_of(labels, inbox)}
        if inbox is None:
            record, metrics = train_candidate(con, settings, embedder, seed=seed,
                                              extra_params=provenance)
            note = "baseline from the given labels"
        else:
            if settings.sources_file is not None:
                from pipelines.ingest_parse import load_sources

                load_sources(con, settings.sources_file)
            data = build_training_set(inbox_items(con, inbox, settings))
            record, metrics = train_candidate(con, settings, embedder, seed=seed, data=data,
                                              trained_on="feeds", extra_params=provenance)
            kinds = metrics.get("examples_by_kind", {})
            note = ("baseline from the given feeds and labels (" + ", ".join(
                f"{n} {k}" for k, n in sorted(kinds.items())) + ")")
        registry.set_production(con, record.version, note, "bootstrap")
    m = metrics["time_split"]
    demo = (" It learnt from Pantau's bundled sample only: retrain it from your own feeds and "
            "labels before trusting its scores (pantau retrain)."
            if registry.is_demo(record) else "")
    return (f"baseline {record.version} in production: {note}; {report.imported} labels "
            f"imported; F1 {m['f1']} on the newest {m['n']} examples.{demo}")
