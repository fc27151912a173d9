"""`pantau narratives`: score the narrative tracker through the real stages.

``eval`` runs a labelled JSONL through ingest → normalise → embed → cluster on a scratch
warehouse; ``score`` scores the current warehouse against a truth CSV (the sample's).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from pipelines.cli_output import console, print_rows

app = typer.Typer(help="Narrative tracker: evaluate through the real stages.",
                  no_args_is_help=True, pretty_exceptions_enable=False)

DataOpt = Annotated[Path | None, typer.Option(
    "--data", help="Labelled JSONL of posts with days (default data/eval/narratives.jsonl).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]
PerOpt = Annotated[bool, typer.Option("--per-narrative",
                                      help="Also list every true narrative's pieces.")]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="narratives")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def _print(report: dict[str, Any], per_narrative: bool) -> None:
    from pipelines.narrative_eval import per_narrative_table

    print_rows(["posts", "narratives", "found", "ARI", "NMI", "unassigned claims",
                "min largest share", "max pieces", "clarif. P", "clarif. R"],
               [(report["posts"], report["narratives_true"], report["narratives_found"],
                 report["ari"], report["nmi"], report["unassigned_claims"],
                 report["min_largest_share"], report["max_pieces"],
                 report.get("clarification_precision"), report.get("clarification_recall"))])
    if len(report.get("by_language", [])) > 1:  # a set in one language says nothing more
        print_rows(["language", "claims", "in largest piece", "share", "unassigned"],
                   [(r["lang"], r["claims"], r["in_largest_piece"], r["share"], r["unassigned"])
                    for r in report["by_language"]])
    if per_narrative:
        print_rows(["narrative", "posts", "pieces", "largest share", "unassigned"],
                   per_narrative_table(report))


@app.command("eval")
def eval_(
    data: DataOpt = None,
    split: Annotated[str, typer.Option(help="tune, test or all.")] = "test",
    keep: Annotated[Path | None, typer.Option(
        help="Keep the scratch warehouse in this (new) folder, to inspect it.")] = None,
    per_narrative: PerOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Run a labelled file through ingest → normalise → embed → cluster on a scratch
    warehouse and score the narratives: ARI, NMI, pieces per true narrative, unassigned posts.

    Example: pantau narratives eval --split test
    """
    from pipelines.cli_common import cli_settings
    from pipelines.narrative_eval import DEFAULT_PATH, EvalDataError, evaluate, load, select

    if split not in ("tune", "test", "all"):
        raise _fail("--split must be tune, test or all")
    if keep is not None and keep.exists():
        raise _fail(f"--keep {keep} exists; name a new folder")
    settings = cli_settings()
    try:
        posts = select(load(data or DEFAULT_PATH), split)
    except EvalDataError as exc:
        raise _fail(str(exc)) from None
    with console.status("running the stages on a scratch warehouse"):
        report = evaluate(posts, settings, keep)
    if as_json:
        typer.echo(json.dumps({"split": split, **report}, indent=2))
        return
    _print(report, per_narrative)
    console.print(f"split {split}, {report['days']} days, through the stages "
                  "ingest → normalise → embed → cluster")


@app.command()
def score(
    truth: Annotated[Path, typer.Option(help="CSV source,id,narrative_key.")] = Path(
        "data/sample/truth/narratives.csv"),
    meta: Annotated[Path | None, typer.Option(
        help="CSV narrative_key,…,hoax: only hoax narratives are scored ('' for all).")] = Path(
        "data/sample/truth/narratives_meta.csv"),
    per_narrative: PerOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Score the narratives in the warehouse against a truth CSV (after `make run`, the
    sample's own truth).

    Example: pantau narratives score --per-narrative
    """
    from pipelines.cli_common import cli_settings
    from pipelines.narrative_eval import sample_truth, score_warehouse
    from warehouse.connection import reader

    settings = cli_settings()
    if not truth.is_file():
        raise _fail(f"{truth}: no such file")
    if not settings.warehouse_path.exists():
        raise _fail(f"no warehouse at {settings.warehouse_path}; run `make run` first")
    with reader(settings.warehouse_path) as con:
        report = score_warehouse(con, sample_truth(truth, meta))
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    _print(report, per_narrative)


if __name__ == "__main__":
    app()
