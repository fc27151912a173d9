"""Printing query results and summaries for people and for other programs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console()
err_console = Console(stderr=True)


def print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table",
               title: str | None = None) -> None:
    if fmt == "json":
        print(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False,
                         default=str, indent=1))
    elif fmt == "csv":
        buffer = io.StringIO()
        out = csv.writer(buffer)
        out.writerow(columns)
        out.writerows(rows)
        print(buffer.getvalue(), end="")
    else:
        table = Table(title=title, show_lines=False)
        for c in columns:
            table.add_column(str(c), overflow="fold")
        for r in rows:
            # cells quote the input (file names, sources): text, never markup
            table.add_row(*[Text("" if v is None else str(v)) for v in r])
        console.print(table)
