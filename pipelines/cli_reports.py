"""Commands that write briefings."""

from __future__ import annotations

from typing import Annotated

import typer

from pipelines.cli_common import cli_settings, parse_day
from pipelines.cli_output import console


def register(app: typer.Typer) -> None:
    app.command()(brief)


def brief(
    date_: Annotated[str, typer.Option("--date", help="Day of the briefing, YYYY-MM-DD.")],
    region: Annotated[str | None, typer.Option(help="Province or kab/kota, name or code.")]
    = None,
    lang: Annotated[str, typer.Option(help="id or en.")] = "id",
    format_: Annotated[str, typer.Option("--format", help="html, md or txt.")] = "html",
) -> None:
    """Write a briefing for a day, for the nation or one region."""
    from reports.briefings import write_briefing

    if lang not in ("id", "en"):
        raise typer.BadParameter("use id or en", param_hint="--lang")
    path = write_briefing(cli_settings(), parse_day(date_), region, lang, format_)
    console.print(str(path.resolve()))


