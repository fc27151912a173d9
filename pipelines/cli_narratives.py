"""`pantau narratives`: score narrative clustering on the labelled set, and tune its thresholds.

Register with ``cli_narratives.register(app)`` in ``pipelines/cli.py``; until then it also runs
as ``python -m pipelines.cli_narratives eval``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path
from typing import Annotated, Any

import typer

from pipelines.cli_output import console, print_rows

app = typer.Typer(help="Narrative clustering: evaluate on a labelled set, tune thresholds.",
                  no_args_is_help=True, pretty_exceptions_enable=False)

DataOpt = Annotated[Path | None, typer.Option(
    "--data", help="Labelled JSONL (default data/eval/narratives.jsonl).")]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="narratives")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def _prepared(data: Path | None) -> tuple[Any, Any]:
    from pipelines.cli_common import cli_settings
    from pipelines.clusterer import NarrativeParams
    from pipelines.embedder import get_embedder
    from pipelines.narrative_eval import DEFAULT_PATH, EvalDataError, load, prepare

    settings = cli_settings()
    try:
        posts = load(data or DEFAULT_PATH)
    except EvalDataError as exc:
        raise _fail(str(exc)) from None
    with console.status("embedding the labelled posts (cached after the first run)"):
        prep = prepare(posts, get_embedder(settings), settings.home / "cache")
    return prep, NarrativeParams.from_settings(settings)


@app.command("eval")
def eval_(
    data: DataOpt = None,
    split: Annotated[str, typer.Option(help="tune, test or all.")] = "test",
    mode: Annotated[str, typer.Option(help="stream (day by day, as the pipeline), batch, "
                                           "or both.")] = "both",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Adjusted Rand index and NMI of narrative clustering on the labelled set.

    Example: pantau narratives eval --split test
    """
    from pipelines.narrative_eval import EvalDataError, evaluate

    if split not in ("tune", "test", "all"):
        raise _fail("--split must be tune, test or all")
    if mode not in ("stream", "batch", "both"):
        raise _fail("--mode must be stream, batch or both")
    prep, params = _prepared(data)
    modes = ("stream", "batch") if mode == "both" else (mode,)
    try:
        reports = [evaluate(prep, params, split, m) for m in modes]
    except EvalDataError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps({"params": asdict(params), "reports": reports}, indent=2))
        return
    print_rows(["mode", "posts", "narratives", "found", "ARI", "NMI", "homogeneity",
                "completeness", "clarif. P", "clarif. R"],
               [(r["mode"], r["posts"], r["narratives_true"], r["narratives_found"], r["ari"],
                 r["nmi"], r["homogeneity"], r["completeness"], r["clarification_precision"],
                 r["clarification_recall"]) for r in reports])
    console.print(f"split {split}; thresholds: join {params.join_threshold}, cluster "
                  f"{params.cluster_threshold}, embedding weight {params.embedding_weight}, "
                  f"clarification {params.clarification_threshold}")


@app.command()
def tune(
    data: DataOpt = None,
    top: Annotated[int, typer.Option(help="Rows to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print every grid point as JSON.")]
    = False,
) -> None:
    """Grid-search the thresholds on the tuning split (never on test) and print the best.

    The chosen values become PANTAU_NARRATIVE_* settings; see docs/narratives.md.
    """
    from pipelines.narrative_eval import tune as run_grid
    from pipelines.narrative_eval import tune_clarification

    prep, params = _prepared(data)
    with console.status("grid search on the tuning split"):
        rows = run_grid(prep, params)
    rows.sort(key=lambda r: -(r["stream_ari"] + r["batch_ari"]))
    best = rows[0]
    chosen = replace(params, embedding_weight=best["embedding_weight"],
                     cluster_threshold=best["cluster_threshold"],
                     join_threshold=best["join_threshold"])
    clar = tune_clarification(prep, chosen)
    if as_json:
        typer.echo(json.dumps({"grid": rows, "clarification": clar}, indent=2))
        return
    keys = ["embedding_weight", "cluster_threshold", "join_threshold", "stream_ari",
            "batch_ari", "stream_nmi"]
    print_rows(keys, [tuple(r[k] for k in keys) for r in rows[:top]])
    print_rows(["clarification_threshold", "precision", "recall"],
               [(r["clarification_threshold"], r["precision"], r["recall"]) for r in clar])


if __name__ == "__main__":
    app()
