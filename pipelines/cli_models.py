"""Commands of the model lifecycle: labels, train, evaluate, the registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from pipelines.cli_common import cli_settings, parse_day
from pipelines.cli_output import console, err_console, print_rows

labels_app = typer.Typer(help="Labelled examples for training.", no_args_is_help=True)
models_app = typer.Typer(help="The model registry: list, show, promote, rollback.",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(labels_app, name="labels")
    app.add_typer(models_app, name="models")
    app.command()(train)
    app.command()(evaluate)
    app.command("evaluate-real")(evaluate_real)
    app.command()(rescore)
    app.command()(retrain)


def _metric_table(sections: dict[str, dict[str, Any]]) -> None:
    """One column per split/section, one row per metric."""
    from models.evaluation import metrics_rows

    names = list(sections)
    per = {n: dict(metrics_rows(m)) for n, m in sections.items()}
    keys: list[str] = []
    for n in names:
        keys += [k for k in per[n] if k not in keys]
    print_rows(["metric", *names], [(k, *[per[n].get(k, "") for n in names]) for k in keys])


@labels_app.command("import")
def labels_import(file: Annotated[Path, typer.Argument(help="CSV or JSONL of labels.")]) -> None:
    """Append labels (post_id or text, label hoax/not_hoax, labeller, labelled_at, note)."""
    from models.labels import import_labels
    from warehouse.connection import writer

    settings = cli_settings()
    with writer(settings.warehouse_path) as con:
        report = import_labels(con, file)
    console.print(f"imported {report.imported}, already present {report.already_present}, "
                  f"not yet labelled {report.unlabelled}, rejected {len(report.rejected)}, "
                  f"conflicting items {len(report.conflicts)} (all labels kept)")
    for line, reason in report.rejected[:20]:
        err_console.print(f"  line {line}: {reason}")
    for c in report.conflicts[:20]:
        who = "; ".join(f"{label} by {', '.join(names)}" for label, names in c["labellers"].items())
        err_console.print(f"  conflict: {str(c['text'] or c['item'])[:60]!r}: {who} -> "
                          f"{c['resolution']}")
    if len(report.conflicts) > 20:
        err_console.print(f"  … {len(report.conflicts) - 20} more conflicts")


@labels_app.command("queue")
def labels_queue(
    n: Annotated[int, typer.Option("--n", min=1, help="How many posts.")] = 200,
    output: Annotated[Path | None, typer.Option(help="CSV file; default: print CSV.")] = None,
    as_of: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD; default newest.")]
    = None,
    window_days: Annotated[int, typer.Option(min=1, help="Days back from --as-of.")] = 14,
    per_narrative: Annotated[int, typer.Option(min=1, help="Most posts per narrative.")] = 3,
) -> None:
    """Posts most worth labelling next: uncertain scores near 0.5, fast-growing narratives, no
    fact-check match. Fill `label` (hoax/not_hoax), `labeller`, then `pantau labels import`."""
    import sys

    from models.label_queue import build_queue, write_queue, write_queue_file
    from warehouse.connection import reader

    settings = cli_settings()
    day = parse_day(as_of, "--as-of") if as_of else None
    with reader(settings.warehouse_path) as con:
        items = build_queue(con, n, day, window_days, per_narrative)
    if output is None:
        write_queue(items, sys.stdout)
        return
    write_queue_file(items, output)
    console.print(f"wrote {len(items)} posts to {output}")


def train(
    data: Annotated[Path | None, typer.Option(help="Extra labelled CSV/JSONL.")] = None,
    from_warehouse: Annotated[bool, typer.Option(
        "--from-warehouse", help="Learn from the ingested feeds: fact-check claims as hoaxes, "
        "news and official posts (clarifications weighted up) as not; labels override. The "
        "candidate then goes to the promotion gate.")] = False,
    since: Annotated[str | None, typer.Option(help="With --from-warehouse: only feeds from "
                                              "this day on, YYYY-MM-DD.")] = None,
    seed: int = 0,
    json_: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Train a candidate on all labels (or the feeds), evaluate it on the newest 20 %,
    register it.

    Also reports a random and a source-disjoint split (hold out whole publishers)."""
    from models.feed_training import train_from_warehouse
    from models.training import train_candidate
    from pipelines.embedder import get_embedder
    from warehouse.connection import writer

    if since and not from_warehouse:
        raise typer.BadParameter("--since needs --from-warehouse", param_hint="--since")
    if data and from_warehouse:
        raise typer.BadParameter("pass --data or --from-warehouse, not both (import the file "
                                 "with `pantau labels import` to add it to the feeds)",
                                 param_hint="--data")
    settings = cli_settings()
    embedder = get_embedder(settings)
    with writer(settings.warehouse_path) as con:
        if from_warehouse:
            record, metrics = train_from_warehouse(
                con, settings, embedder, parse_day(since, "--since") if since else None, seed,
                show_progress=not json_)
        else:
            record, metrics = train_candidate(con, settings, embedder, data, seed,
                                              show_progress=not json_)
    decision = None
    if from_warehouse:
        from models.promotion import promote

        decision = promote(settings, record.version)
    if json_:
        out = {"version": record.version, **metrics}
        if decision is not None:
            out["promotion"] = {"promoted": decision.promoted, "message": decision.message}
        print(json.dumps(out, indent=1, default=str))
        return
    sections = {k: v for k, v in metrics.items() if isinstance(v, dict) and "f1" in v}
    _metric_table(sections)
    for k, v in metrics.items():
        if isinstance(v, dict) and "skipped" in v:
            err_console.print(f"{k}: skipped ({v['skipped']})")
    m = metrics["time_split"]
    console.print(f"candidate {record.version}: F1 {m['f1']} on the {m['n']} newest examples "
                  "(the split the promotion gate uses)")
    if "examples_by_kind" in metrics:
        console.print("trained on " + ", ".join(
            f"{n} {k}" for k, n in sorted(metrics["examples_by_kind"].items())))
    if decision is not None:
        console.print(decision.message)
    else:
        console.print(f"promote it with: pantau models promote {record.version}")


def evaluate(
    data: Annotated[Path, typer.Option(help="Labelled CSV/JSONL with text and label.")],
    model: Annotated[str | None, typer.Option(help="Model version; default production.")]
    = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Score a labelled file with a model: precision, recall, F1 at the threshold, PR-AUC,
    calibration and the confusion matrix, as a table (or JSON with --json)."""
    from models.scoring import evaluate_file

    metrics = evaluate_file(cli_settings(), data, model)
    if json_:
        print(json.dumps(metrics, indent=1, default=str))
        return
    _metric_table({f"model {metrics['model']}": metrics})
    bins = metrics["calibration"]["bins"]
    print_rows(["score bin", "n", "mean score", "hoax rate"],
               [(b["bin"], b["n"], b["mean_score"], b["hoax_rate"]) for b in bins],
               title="calibration")


def evaluate_real(
    data_dir: Annotated[Path | None, typer.Option(help="Folder of the real datasets; default "
                                                  "../shared/data next to the repository.")]
    = None,
    output: Annotated[Path | None, typer.Option(help="Folder for quality.json and .md (and "
                                                "real_data.* with --suite real-data).")]
    = None,
    suite: Annotated[str, typer.Option(help="quality: the classifier trained from feeds "
                                       "(ablation, publisher/period splits) and two-tier "
                                       "fact-check matching; real-data: the earlier per-view "
                                       "benchmark.")] = "quality",
    quick: Annotated[bool, typer.Option(help="quality: old design and new default only, no "
                                        "ablation; real-data: headline experiments only.")]
    = False,
    compare: Annotated[list[str] | None, typer.Option(
        help="quality: also run matching with this embedding model (repeatable); default "
        "the previous default model.")] = None,
    fact_checks: Annotated[bool, typer.Option(help="real-data: also sweep the fact-check "
                                              "threshold.")] = True,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Train and evaluate on the real public datasets, on splits that keep publishers and
    periods apart, and benchmark fact-check matching (recall@1/5, MRR, news wrongly matched)."""
    from models.real_data import DEFAULT_DATA_DIR, RealDataMissing, data_dir_available
    from models.real_report import (
        OLD_EMBEDDING_MODEL,
        markdown_tables,
        quality_markdown,
        run_and_write,
        run_quality,
    )

    folder = data_dir or DEFAULT_DATA_DIR
    if not data_dir_available(folder):
        err_console.print(f"[red]Error:[/] no real datasets at {folder} (expected README.md and "
                          "tbh2025/); pass --data-dir or set PANTAU_REAL_DATA_DIR.")
        raise typer.Exit(code=2)
    if suite not in ("quality", "real-data"):
        raise typer.BadParameter("--suite is quality or real-data", param_hint="--suite")
    settings = cli_settings()
    on_step = None if json_ else (lambda s: err_console.print(s))
    try:
        if suite == "quality":
            result = run_quality(settings, folder, output, ablation=not quick,
                                 compare_models=tuple(compare if compare is not None
                                                      else [OLD_EMBEDDING_MODEL]),
                                 progress=not json_, on_step=on_step)
        else:
            result = run_and_write(settings, folder, output, quick=quick,
                                   fact_checks=fact_checks, progress=not json_,
                                   on_step=on_step)
    except RealDataMissing as exc:
        err_console.print(f"[red]Error:[/] {exc}")
        raise typer.Exit(code=2) from None
    if json_:
        print(json.dumps(result, indent=1, default=str))
        return
    console.print(quality_markdown(result) if suite == "quality" else markdown_tables(result))


def rescore(
    from_: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD.")],
    to: Annotated[str, typer.Option("--to", help="Last day, YYYY-MM-DD.")],
) -> None:
    """Re-score days with the production model (after a promotion or a rollback)."""
    from models.rescore import rescore as rescore_days

    start, end = parse_day(from_, "--from"), parse_day(to, "--to")
    if end < start:
        raise typer.BadParameter(f"--to {end} is before --from {start}", param_hint="--to")
    result = rescore_days(cli_settings(), start, end)
    print_rows(["day", "scored", "flagged"],
               [(d, r["scored"], r["flagged"]) for d, r in result["per_day"].items()])
    console.print(f"{result['days']} days re-scored with {result['model_version']}: "
                  f"{result['scored']} posts, {result['flagged']} flagged")


def retrain() -> None:
    """The retraining loop once, without Airflow: train, promote under the gate, and if
    promoted re-score the last PANTAU_RESCORE_DAYS days."""
    from models.retrain import retrain as run_loop

    result = run_loop(cli_settings())
    console.print(f"candidate {result['train']['version']}: F1 {result['train']['f1']}")
    console.print(result["promote"]["message"])
    if result["rescore"]:
        r = result["rescore"]
        console.print(f"re-scored {r['from']}..{r['to']}: {r['scored']} posts")


@models_app.command("list")
def models_list() -> None:
    """All registered models, newest first."""
    from models import registry
    from warehouse.connection import reader

    with reader(cli_settings().warehouse_path) as con:
        records = registry.list_models(con)
    print_rows(["version", "status", "created", "f1 time", "pr-auc time", "f1 source",
                "embedding", "note"],
               [(r.version, r.status, f"{r.created_at:%Y-%m-%d %H:%M}",
                 r.metrics.get("time_split", {}).get("f1"),
                 r.metrics.get("time_split", {}).get("pr_auc"),
                 r.metrics.get("source_split", {}).get("f1"), r.embedding_model, r.note)
                for r in records])


@models_app.command("show")
def models_show(version: str) -> None:
    """Metrics, parameters and data fingerprint of one model."""
    from models import registry
    from warehouse.connection import reader

    with reader(cli_settings().warehouse_path) as con:
        r = registry.get(con, version)
        history = registry.events(con, version)
    print(json.dumps({"version": r.version, "status": r.status, "path": str(r.path),
                      "sha256": r.sha256, "embedding_model": r.embedding_model,
                      "data_fingerprint": r.data_fingerprint, "params": r.params,
                      "metrics": r.metrics, "note": r.note, "history": history},
                     indent=1, default=str))


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
    feeds: Annotated[Path | None, typer.Option(
        help="Inbox folder (one sub-folder per day): also learn from its fact-check feeds, "
        "news and official posts, as `pantau train --from-warehouse` does.")] = None,
    sources: Annotated[Path | None, typer.Option(
        help="Sources CSV (which sources are news or official), with --feeds.")] = None,
) -> None:
    """First model for a new warehouse: import labels, train, promote. No-op if one exists."""
    from models.promotion import bootstrap

    console.print(bootstrap(cli_settings(sources=sources), labels, inbox=feeds))


