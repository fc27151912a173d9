"""Commands that read the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipelines.cli_common import cli_settings
from pipelines.cli_output import console, print_rows


def register(app: typer.Typer) -> None:
    app.command()(sql)


def sql(
    query: Annotated[str, typer.Argument(help="SQL to run (read-only).")],
    format_: Annotated[str, typer.Option("--format", help="table, csv, json or parquet.")]
    = "table",
    output: Annotated[Path | None, typer.Option(help="File for --format parquet.")] = None,
) -> None:
    """Query the warehouse read-only: nothing you type can change it."""
    import duckdb

    from warehouse.connection import reader

    settings = cli_settings()
    if format_ not in ("table", "csv", "json", "parquet"):
        raise typer.BadParameter("use table, csv, json or parquet", param_hint="--format")
    with reader(settings.warehouse_path) as con:
        try:
            result = con.execute(query)
            if format_ == "parquet":
                if output is None:
                    raise typer.BadParameter("--format parquet needs --output FILE")
                import pyarrow.parquet as pq

                pq.write_table(result.to_arrow_table(), output)
                console.print(f"wrote {output}")
                return
            columns = [d[0] for d in result.description or []]
            rows = result.fetchall()
        except duckdb.Error as exc:
            raise typer.BadParameter(str(exc).splitlines()[0], param_hint="QUERY") from None
    print_rows(columns, rows, format_)


