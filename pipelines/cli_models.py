"""Commands of the model lifecycle: labels, train, evaluate, the registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from pipelines.cli_common import cli_settings
from pipelines.cli_output import console, err_console, print_rows

labels_app = typer.Typer(help="Labelled examples for training.", no_args_is_help=True)
models_app = typer.Typer(help="The model registry: list, show, promote, rollback.",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(labels_app, name="labels")
    app.add_typer(models_app, name="models")
    app.command()(train)
    app.command()(evaluate)


@labels_app.command("import")
def labels_import(file: Annotated[Path, typer.Argument(help="CSV or JSONL of labels.")]) -> None:
    """Append labels (post_id or text, label hoax/not_hoax, labeller, labelled_at, note)."""
    from models.labels import import_labels
    from warehouse.connection import writer

    settings = cli_settings()
    with writer(settings.warehouse_path) as con:
        report = import_labels(con, file)
    console.print(f"imported {report.imported}, already present {report.already_present}, "
                  f"rejected {len(report.rejected)}, conflicting items {len(report.conflicts)}")
    for line, reason in report.rejected[:20]:
        err_console.print(f"  line {line}: {reason}")
    for c in report.conflicts[:20]:
        err_console.print(f"  conflict: {str(c['item'])[:60]!r} labelled {c['labels']} by "
                          f"{c['labellers']}")


def train(
    data: Annotated[Path | None, typer.Option(help="Extra labelled CSV/JSONL.")] = None,
    seed: int = 0,
) -> None:
    """Train a candidate on all labels, evaluate it on the newest 20 %, register it."""
    from models.training import train_candidate
    from pipelines.embedder import get_embedder
    from warehouse.connection import writer

    settings = cli_settings()
    embedder = get_embedder(settings)
    with writer(settings.warehouse_path) as con:
        record, metrics = train_candidate(con, settings, embedder, data, seed)
    m = metrics["time_split"]
    console.print(f"candidate {record.version}: F1 {m['f1']} precision {m['precision']} recall "
                  f"{m['recall']} PR-AUC {m['pr_auc']} on {m['n']} newest labels")
    console.print(f"promote it with: pantau models promote {record.version}")


def evaluate(
    data: Annotated[Path, typer.Option(help="Labelled CSV/JSONL with text and label.")],
    model: Annotated[str | None, typer.Option(help="Model version; default production.")]
    = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Score a labelled file with a model and print the metrics."""
    from models.scoring import evaluate_file

    metrics = evaluate_file(cli_settings(), data, model)
    if json_:
        print(json.dumps(metrics, indent=1, default=str))
        return
    print_rows(["metric", "value"], [(k, v) for k, v in metrics.items()
                                     if not isinstance(v, dict)])
    print(json.dumps({k: v for k, v in metrics.items() if isinstance(v, dict)}, default=str))


@models_app.command("list")
def models_list() -> None:
    """All registered models, newest first."""
    from models import registry
    from warehouse.connection import reader

    with reader(cli_settings().warehouse_path) as con:
        records = registry.list_models(con)
    print_rows(["version", "status", "created", "f1 (time split)", "embedding"],
               [(r.version, r.status, f"{r.created_at:%Y-%m-%d %H:%M}",
                 r.metrics.get("time_split", {}).get("f1"), r.embedding_model) for r in records])


@models_app.command("show")
def models_show(version: str) -> None:
    """Metrics, parameters and data fingerprint of one model."""
    from models import registry
    from warehouse.connection import reader

    with reader(cli_settings().warehouse_path) as con:
        r = registry.get(con, version)
    print(json.dumps({"version": r.version, "status": r.status, "path": str(r.path),
                      "sha256": r.sha256, "embedding_model": r.embedding_model,
                      "data_fingerprint": r.data_fingerprint, "params": r.params,
                      "metrics": r.metrics, "note": r.note}, indent=1, default=str))


@models_app.command("promote")
def models_promote(
    version: str,
    force: Annotated[bool, typer.Option(help="Promote even if not better (recorded).")] = False,
) -> None:
    """Make a candidate the production model if it beats the champion on the same data."""
    from models.promotion import promote

    decision = promote(cli_settings(), version, force)
    console.print(decision.message)
    if not decision.promoted:
        raise typer.Exit(code=1)


@models_app.command("rollback")
def models_rollback() -> None:
    """Return to the previous production model."""
    from models.promotion import rollback

    console.print(rollback(cli_settings()))


@models_app.command("bootstrap")
def models_bootstrap(
    labels: Annotated[Path, typer.Option(help="Labelled CSV to start from.")],
) -> None:
    """First model for a new warehouse: import labels, train, promote. No-op if one exists."""
    from models.promotion import bootstrap

    console.print(bootstrap(cli_settings(), labels))


