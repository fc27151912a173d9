"""`pantau`: a thin command line over the pipeline, warehouse, models and reports."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipelines.cli_output import console, err_console, print_rows
from pipelines.settings import Settings, get_settings

app = typer.Typer(help="Pantau: Indonesian hoax-narrative monitoring and daily briefings.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
labels_app = typer.Typer(help="Labelled examples for training.", no_args_is_help=True)
models_app = typer.Typer(help="The model registry: list, show, promote, rollback.",
                         no_args_is_help=True)
app.add_typer(labels_app, name="labels")
app.add_typer(models_app, name="models")


def _register_optional_apps() -> None:
    try:
        from pipelines.cli_regions import app as regions_app
    except ImportError:  # pragma: no cover - the module ships with the package
        return
    app.add_typer(regions_app, name="regions", help="Region gazetteer and tagging.")


_register_optional_apps()

DateOpt = Annotated[Optional[str], typer.Option(help="Day as YYYY-MM-DD.")]


def parse_day(value: str, flag: str = "--date") -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=flag)\
            from None


def _settings(inbox: Path | None = None, sources: Path | None = None) -> Settings:
    overrides = {}
    if inbox is not None:
        overrides["inbox"] = inbox
    if sources is not None:
        overrides["sources_file"] = sources
    base = get_settings()
    settings = base.model_copy(update=overrides) if overrides else base
    settings.ensure_dirs()
    return settings


@app.command()
def run(
    date_: Annotated[Optional[str], typer.Option("--date", help="Day to process, YYYY-MM-DD.")]
    = None,
    from_: Annotated[Optional[str], typer.Option("--from", help="First day of a range.")] = None,
    to: Annotated[Optional[str], typer.Option("--to", help="Last day of a range.")] = None,
    inbox: Annotated[Optional[Path], typer.Option(help="Folder of <YYYY-MM-DD>/ inputs.")] = None,
    sources: Annotated[Optional[Path], typer.Option(help="CSV of source metadata.")] = None,
) -> None:
    """Run the daily pipeline for a day or a range (ingest → … → briefing).

    Example: pantau run --from 2026-11-07 --to 2026-11-22 --inbox data/sample/inbox
    """
    from pipelines.daily import STAGES, days_between, run_day

    if date_ and (from_ or to):
        raise typer.BadParameter("use --date or --from/--to, not both")
    if date_:
        days = [parse_day(date_)]
    elif from_ and to:
        days = days_between(parse_day(from_, "--from"), parse_day(to, "--to"))
    else:
        raise typer.BadParameter("give --date YYYY-MM-DD, or --from and --to")
    settings = _settings(inbox, sources)
    if not settings.inbox_dir.is_dir():
        raise typer.BadParameter(f"inbox folder {settings.inbox_dir} does not exist",
                                 param_hint="--inbox / PANTAU_INBOX")
    last: dict[str, dict[str, object]] = {}
    with console.status("") as status:
        for day in days:
            def show(stage: str, day: date = day) -> None:
                status.update(f"[bold]{day}[/] {stage} ({STAGES.index(stage) + 1}/{len(STAGES)})")
            last = run_day(settings, day, on_stage=show)
            q = last["ingest"]
            console.print(f"{day}: {q['received']} received, {q['quarantined']} quarantined, "
                          f"{last['cluster']['new_narratives']} new narratives")
    _print_run_summary(settings, days, [Path(p) for p in last["brief"]["paths"]])


def _print_run_summary(settings: Settings, days: list[date], briefings: list[Path]) -> None:
    from warehouse.connection import reader

    with reader(settings.warehouse_path) as con:
        totals = con.execute(
            "SELECT sum(received), sum(stored), sum(duplicates), sum(quarantined),"
            " bool_and(reconciled) FROM run_summary WHERE day BETWEEN ? AND ?",
            [days[0], days[-1]]).fetchone() or (0, 0, 0, 0, False)
        narratives, flagged = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE flagged) FROM narrative_dim").fetchone() \
            or (0, 0)
    html = next((p for p in briefings if p.suffix == ".html"), briefings[0] if briefings else None)
    console.print()
    console.print(f"[bold]Warehouse[/]   {settings.warehouse_path.resolve()}")
    console.print(f"[bold]Posts[/]       received {totals[0]} = stored {totals[1]} + duplicates "
                  f"{totals[2]} + quarantined {totals[3]}"
                  + ("" if totals[4] else "  [red](does not reconcile!)[/]"))
    console.print(f"[bold]Narratives[/]  {narratives} ({flagged} flagged)")
    if html:
        console.print(f"[bold]Briefing[/]    {html.resolve()}")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files to ingest.")],
    format_: Annotated[str, typer.Option("--format", help="jsonl, rss, factcheck-rss, … or auto")]
    = "auto",
    date_: DateOpt = None,
) -> None:
    """Ingest files without running the rest, and print the reconciliation per file."""
    from pipelines.stages.ingest import ingest as ingest_files

    day = parse_day(date_) if date_ else date.today()
    result = ingest_files(_settings(), day, paths, format_)
    rows = [(Path(f.path).name, f.connector, f.received, f.accepted, f.redelivered,
             f.quarantined) for f in result.files]
    print_rows(["file", "format", "received", "accepted", "duplicates", "quarantined"], rows)
    for q in result.quarantine[:20]:
        err_console.print(f"quarantined {q['source_file']}:{q['line_no']}: {q['reason']}")


@app.command()
def brief(
    date_: Annotated[str, typer.Option("--date", help="Day of the briefing, YYYY-MM-DD.")],
    region: Annotated[Optional[str], typer.Option(help="Province or kab/kota, name or code.")]
    = None,
    lang: Annotated[str, typer.Option(help="id or en.")] = "id",
    format_: Annotated[str, typer.Option("--format", help="html, md or txt.")] = "html",
) -> None:
    """Write a briefing for a day, for the nation or one region."""
    from reports.briefings import write_briefing

    if lang not in ("id", "en"):
        raise typer.BadParameter("use id or en", param_hint="--lang")
    path = write_briefing(_settings(), parse_day(date_), region, lang, format_)
    console.print(str(path.resolve()))


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run (read-only).")],
    format_: Annotated[str, typer.Option("--format", help="table, csv, json or parquet.")]
    = "table",
    output: Annotated[Optional[Path], typer.Option(help="File for --format parquet.")] = None,
) -> None:
    """Query the warehouse read-only: nothing you type can change it."""
    import duckdb

    from warehouse.connection import reader

    settings = _settings()
    if format_ not in ("table", "csv", "json", "parquet"):
        raise typer.BadParameter("use table, csv, json or parquet", param_hint="--format")
    with reader(settings.warehouse_path) as con:
        try:
            result = con.execute(query)
            if format_ == "parquet":
                if output is None:
                    raise typer.BadParameter("--format parquet needs --output FILE")
                import pyarrow.parquet as pq

                table = result.arrow()
                pq.write_table(table.read_all() if hasattr(table, "read_all") else table, output)
                console.print(f"wrote {output}")
                return
            columns = [d[0] for d in result.description or []]
            rows = result.fetchall()
        except duckdb.Error as exc:
            raise typer.BadParameter(str(exc).splitlines()[0], param_hint="QUERY") from None
    print_rows(columns, rows, format_)


@labels_app.command("import")
def labels_import(file: Annotated[Path, typer.Argument(help="CSV or JSONL of labels.")]) -> None:
    """Append labels (post_id or text, label hoax/not_hoax, labeller, labelled_at, note)."""
    from models.labels import import_labels
    from warehouse.connection import writer

    settings = _settings()
    with writer(settings.warehouse_path) as con:
        report = import_labels(con, file)
    console.print(f"imported {report.imported}, already present {report.already_present}, "
                  f"rejected {len(report.rejected)}, conflicting items {len(report.conflicts)}")
    for line, reason in report.rejected[:20]:
        err_console.print(f"  line {line}: {reason}")
    for c in report.conflicts[:20]:
        err_console.print(f"  conflict: {str(c['item'])[:60]!r} labelled {c['labels']} by "
                          f"{c['labellers']}")


@app.command()
def train(
    data: Annotated[Optional[Path], typer.Option(help="Extra labelled CSV/JSONL.")] = None,
    seed: int = 0,
) -> None:
    """Train a candidate on all labels, evaluate it on the newest 20 %, register it."""
    from models.training import train_candidate
    from pipelines.embedder import get_embedder
    from warehouse.connection import writer

    settings = _settings()
    embedder = get_embedder(settings)
    with writer(settings.warehouse_path) as con:
        record, metrics = train_candidate(con, settings, embedder, data, seed)
    m = metrics["time_split"]
    console.print(f"candidate {record.version}: F1 {m['f1']} precision {m['precision']} recall "
                  f"{m['recall']} PR-AUC {m['pr_auc']} on {m['n']} newest labels")
    console.print(f"promote it with: pantau models promote {record.version}")


@app.command()
def evaluate(
    data: Annotated[Path, typer.Option(help="Labelled CSV/JSONL with text and label.")],
    model: Annotated[Optional[str], typer.Option(help="Model version; default production.")]
    = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Score a labelled file with a model and print the metrics."""
    from models.scoring import evaluate_file

    metrics = evaluate_file(_settings(), data, model)
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

    with reader(_settings().warehouse_path) as con:
        records = registry.list_models(con)
    print_rows(["version", "status", "created", "f1 (time split)", "embedding"],
               [(r.version, r.status, f"{r.created_at:%Y-%m-%d %H:%M}",
                 r.metrics.get("time_split", {}).get("f1"), r.embedding_model) for r in records])


@models_app.command("show")
def models_show(version: str) -> None:
    """Metrics, parameters and data fingerprint of one model."""
    from models import registry
    from warehouse.connection import reader

    with reader(_settings().warehouse_path) as con:
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

    decision = promote(_settings(), version, force)
    console.print(decision.message)
    if not decision.promoted:
        raise typer.Exit(code=1)


@models_app.command("rollback")
def models_rollback() -> None:
    """Return to the previous production model."""
    from models.promotion import rollback

    console.print(rollback(_settings()))


@models_app.command("bootstrap")
def models_bootstrap(
    labels: Annotated[Path, typer.Option(help="Labelled CSV to start from.")],
) -> None:
    """First model for a new warehouse: import labels, train, promote. No-op if one exists."""
    from models.promotion import bootstrap

    console.print(bootstrap(_settings(), labels))


def main() -> None:
    from pipelines.errors import user_error_types

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except Exception as exc:
        if not isinstance(exc, user_error_types()):
            raise
        err_console.print(f"[red]Error:[/] {exc}")
        sys.exit(2)


if __name__ == "__main__":
    main()
