"""Commands for analysts: query, describe and export the warehouse; generate load to test it."""

from __future__ import annotations

import contextlib
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pipelines.cli_common import cli_settings, parse_day
from pipelines.cli_output import console, err_console, print_rows

if TYPE_CHECKING:

    from warehouse.connection import Opened


def register(app: typer.Typer) -> None:
    app.command()(sql)
    app.command()(schema)
    app.command()(export)
    app.command()(loadgen)
    app.command()(cookbook)


def _note_snapshot(opened: Opened) -> None:
    if opened.note:
        err_console.print(f"[yellow]Note:[/] {opened.note}")


def _parse_vars(values: list[str]) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--var")
        text = value.strip()
        number: Any = text
        if text.lstrip("-").isdigit():
            number = int(text)
        else:
            with contextlib.suppress(ValueError):
                number = date.fromisoformat(text)
        parsed[name.strip()] = number
    return parsed


def _refuse(message: str) -> typer.Exit:
    # one line whatever the terminal width, and exit 2 like every other user error
    err_console.print(f"Error: {message}", soft_wrap=True, markup=False, highlight=False)
    return typer.Exit(2)


def sql(
    query: Annotated[str | None, typer.Argument(help="SQL to run (read-only).")] = None,
    file: Annotated[Path | None, typer.Option(
        "--file", "-f", help="Read the SQL from a file, e.g. a cookbook query.")] = None,
    var: Annotated[list[str] | None, typer.Option(
        "--var", help="NAME=VALUE for getvariable('NAME') in the query (repeatable).")] = None,
    format_: Annotated[str, typer.Option("--format", help="table, csv, json or parquet.")]
    = "table",
    output: Annotated[Path | None, typer.Option(help="File for --format parquet.")] = None,
    snapshot: Annotated[bool, typer.Option(
        "--snapshot", help="Read the published snapshot, never the main file.")] = False,
    main_file: Annotated[bool, typer.Option(
        "--main", help="Read the main file (the latest state) instead of the snapshot; the "
        "query is stopped after --time-limit so it cannot hold up the pipeline.")] = False,
    script: Annotated[bool, typer.Option(
        "--script", help="Allow several statements (e.g. SET VARIABLE …; SELECT …); the "
        "last one's result is shown.")] = False,
    time_limit: Annotated[float | None, typer.Option(
        "--time-limit", help="Seconds a query on the main file may run (default: half the "
        "pipeline's lock timeout).")] = None,
    wait: Annotated[float, typer.Option(
        help="With --main: seconds to wait for a writing stage before reading the snapshot.")]
    = 3.0,
) -> None:
    """Query the warehouse read-only: nothing you type can change it or reach outside it.

    Reads the snapshot published after the last run (or the main file when there is none
    yet; --main for the latest state). Only SELECT, EXPLAIN and SET VARIABLE run, one
    statement per call unless --script; reading or writing files, ATTACH, INSTALL/LOAD and
    settings are refused. Ctrl-C cancels a long query.

    Example: pantau sql -f warehouse/sql/cookbook/03_sources_most_flagged.sql --var days=14
    """
    import duckdb

    from warehouse.analyst_sql import (
        QueryTimeLimit,
        RefusedSql,
        analyst_statements,
        explain_error,
        run_statements,
    )
    from warehouse.connection import analyst_reader, snapshot_path_for
    from warehouse.cookbook import set_variables

    settings = cli_settings()
    if format_ not in ("table", "csv", "json", "parquet"):
        raise typer.BadParameter("use table, csv, json or parquet", param_hint="--format")
    if (query is None) == (file is None):
        raise typer.BadParameter("give a QUERY or --file FILE (one of them)")
    if snapshot and main_file:
        raise typer.BadParameter("use --snapshot or --main, not both")
    if format_ == "parquet" and output is None:
        raise typer.BadParameter("--format parquet needs --output FILE")
    if file is not None:
        if not file.is_file():
            raise typer.BadParameter(f"{file} is not a file", param_hint="--file")
        query = file.read_text(encoding="utf-8")
    assert query is not None
    try:
        statements = analyst_statements(query, script=script)
    except RefusedSql as exc:
        raise _refuse(str(exc)) from None
    variables = _parse_vars(var or [])
    main = settings.warehouse_path
    snap = snapshot_path_for(main)
    limit = time_limit if time_limit is not None else settings.lock_timeout_s / 2
    opened: list[Opened] = []

    def note(which: Opened) -> None:
        opened.append(which)
        _note_snapshot(which)

    try:
        with analyst_reader(snap if snapshot else main, snapshot=snap, wait_s=wait,
                            timeout_s=settings.lock_timeout_s, on_opened=note,
                            prefer_snapshot=not main_file) as con:
            on_main = bool(opened) and not opened[0].is_snapshot
            try:
                set_variables(con, variables)
                columns, rows, arrow = run_statements(
                    con, statements, fetch=format_ != "parquet",
                    time_limit_s=limit if on_main else None)
            except QueryTimeLimit as exc:
                raise _refuse(str(exc)) from None
            except duckdb.Error as exc:
                raise _refuse(explain_error(exc)) from None
    except KeyboardInterrupt:  # while running, or while waiting for the warehouse
        err_console.print("Query cancelled.")
        raise typer.Exit(130) from None
    if format_ == "parquet":
        import pyarrow.parquet as pq

        assert output is not None
        if arrow is None:
            raise _refuse("The last statement returned no rows to write.")
        pq.write_table(arrow, output)
        console.print(f"wrote {output} ({arrow.num_rows} rows)")
        return
    print_rows(columns, rows, format_)


def schema(
    name: Annotated[str | None, typer.Argument(help="One table or view (default: all).")]
    = None,
    format_: Annotated[str, typer.Option("--format", help="table or md.")] = "table",
    output: Annotated[Path | None, typer.Option(help="Write to this file.")] = None,
    code: Annotated[bool, typer.Option(
        "--code", help="Describe the schema the code defines, not the warehouse file.")]
    = False,
) -> None:
    """Every table, view and column with its description (stored in the database).

    Example: pantau schema --format md --output docs/schema.md
    """
    from warehouse.catalog import describe, describe_code, render_markdown
    from warehouse.connection import analyst_reader, snapshot_path_for

    if format_ not in ("table", "md"):
        raise typer.BadParameter("use table or md", param_hint="--format")
    settings = cli_settings()
    main = settings.warehouse_path
    if code or not (main.exists() or snapshot_path_for(main).exists()):
        if not code:
            err_console.print(f"[yellow]Note:[/] no warehouse at {main}; describing the schema "
                              "the code defines.")
        relations = describe_code()
    else:
        with analyst_reader(main, on_opened=_note_snapshot) as con:
            relations = describe(con)
    if name is not None:
        relations = [r for r in relations if r.name == name]
        if not relations:
            raise typer.BadParameter(f"no table or view named {name!r}", param_hint="NAME")
    if format_ == "md":
        text = render_markdown(relations)
        if output:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
            console.print(f"wrote {output}")
        else:
            print(text, end="")
        return
    from rich.table import Table

    target = console
    if output:
        from rich.console import Console

        handle = output.open("w", encoding="utf-8")
        target = Console(file=handle, width=160)
    for r in relations:
        table = Table(title=f"{r.name} ({r.kind}, {r.layer})", caption=r.description,
                      caption_justify="left", show_lines=False, title_justify="left")
        table.add_column("column", style="bold", no_wrap=True)
        table.add_column("type", no_wrap=True)
        table.add_column("description", overflow="fold")
        for c in r.columns:
            table.add_row(c.name, c.type, c.description or "")
        target.print(table)
    if output:
        handle.close()
        console.print(f"wrote {output}")


def export(
    path: Annotated[Path, typer.Argument(help="Folder to write (one sub-folder per dataset).")],
    from_: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD.")],
    to: Annotated[str, typer.Option("--to", help="Last day, YYYY-MM-DD.")],
    format_: Annotated[str, typer.Option("--format", help="parquet or csv.")] = "parquet",
    dataset: Annotated[list[str] | None, typer.Option(
        "--dataset", help="posts, narratives, narrative_region_daily, fact_checks "
        "(repeatable; default: all).")] = None,
) -> None:
    """Export days of the warehouse as Hive-partitioned Parquet (or CSV) folders.

    posts/day=…/, narrative_region_daily/day=…/province_code=…/, fact_checks/day=…/ and
    narratives/narratives.parquet. Re-exporting a range replaces its day folders.

    Example: pantau export --from 2026-11-16 --to 2026-11-22 --format parquet exports/
    """
    from warehouse.connection import analyst_reader
    from warehouse.exports import FORMATS
    from warehouse.exports import export as run_export

    start, end = parse_day(from_, "--from"), parse_day(to, "--to")
    if end < start:
        raise typer.BadParameter(f"{end} is before {start}", param_hint="--to")
    if format_ not in FORMATS:
        raise typer.BadParameter("use parquet or csv", param_hint="--format")
    settings = cli_settings()
    path = path.resolve()
    path.mkdir(parents=True, exist_ok=True)
    # the export's own connection: read-only, and it may write files under `path` only
    with analyst_reader(settings.warehouse_path, wait_s=3.0, timeout_s=settings.lock_timeout_s,
                        on_opened=_note_snapshot, allowed_directories=(path,)) as con:
        try:
            written = run_export(con, path, start, end, format_, dataset or None)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--dataset") from None
    print_rows(["dataset", "rows", "files", "folder"],
               [(w.dataset, w.rows, w.files, str(w.folder)) for w in written])


def loadgen(
    path: Annotated[Path, typer.Argument(help="Warehouse file to create (must be new/empty).")],
    days: Annotated[int, typer.Option(help="Number of days.", min=1, max=3660)] = 30,
    posts_per_day: Annotated[int, typer.Option(help="Posts per day (about).", min=10)] = 10_000,
    end: Annotated[str, typer.Option(help="Last day, YYYY-MM-DD.")] = "2026-11-22",
    seed: Annotated[int, typer.Option(help="Same seed, same warehouse.")] = 7,
) -> None:
    """Write N days of synthetic, realistic volume into a new warehouse (for benchmarks).

    Everything is invented. Up to 20 million posts; about a minute per million here.

    Example: pantau loadgen --days 100 --posts-per-day 100000 var/bench.duckdb
    """
    from warehouse.loadgen import MAX_POSTS, load

    if days * posts_per_day > MAX_POSTS:
        raise typer.BadParameter(f"at most {MAX_POSTS:,} posts (days × posts per day)")
    result = load(path, days, posts_per_day, parse_day(end, "--end"), seed,
                  progress=lambda msg: err_console.print(msg))
    console.print(f"{path}: {result.posts:,} posts, {result.narratives:,} narratives over "
                  f"{result.days} days in {result.seconds:.0f} s")


def cookbook(
    format_: Annotated[str, typer.Option("--format", help="table or md.")] = "table",
    output: Annotated[Path | None, typer.Option(help="Write to this file (md).")] = None,
) -> None:
    """List the analyst cookbook: questions answered by warehouse/sql/cookbook/*.sql.

    Run one with: pantau sql --file warehouse/sql/cookbook/NN_name.sql [--var NAME=VALUE]
    """
    from warehouse.cookbook import recipes, render_markdown

    if format_ == "md":
        text = render_markdown(timings=_benchmark_timings())
        if output:
            output.write_text(text, encoding="utf-8")
            console.print(f"wrote {output}")
        else:
            sys.stdout.write(text)
        return
    print_rows(["file", "question", "parameters"],
               [(r.file, r.question, ", ".join(p.name for p in r.parameters))
                for r in recipes()])


def _benchmark_timings() -> dict[str, Any] | None:
    """Median times from the largest benchmark in benchmarks/results/, when there is one."""
    import json

    results = sorted(Path("benchmarks/results").glob("cookbook_*.json"),
                     key=lambda p: int(p.stem.split("_")[1]) if p.stem.split("_")[1].isdigit()
                     else 0)
    if not results:
        return None
    data = json.loads(results[-1].read_text(encoding="utf-8"))
    return {"posts": data["posts"], "cpus": data["machine"]["cpus"],
            "load": data["load_average_1m"]["before"],
            "queries": {q["file"]: (q["median_s"], q["median_cpu_s"]) for q in data["queries"]}}
