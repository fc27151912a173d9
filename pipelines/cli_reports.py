"""Commands that write and deliver briefings."""

from __future__ import annotations

from typing import Annotated

import typer

from pipelines.cli_common import cli_settings, parse_day
from pipelines.cli_output import console


def register(app: typer.Typer) -> None:
    app.command()(brief)
    app.command()(deliver)


def brief(
    date_: Annotated[str, typer.Option("--date", help="Day of the briefing, YYYY-MM-DD.")],
    region: Annotated[str | None, typer.Option(help="Province or kab/kota, name or code.")]
    = None,
    lang: Annotated[str, typer.Option(help="id (Bahasa Indonesia) or en.")] = "id",
    format_: Annotated[str, typer.Option(
        "--format", help="html (self-contained page), pdf (A4), md (Markdown) or txt "
                         "(WhatsApp/Telegram digest).")] = "html",
) -> None:
    """Write a briefing for a day, for the nation or one region; prints the file's path."""
    from reports.briefings import write_briefing

    if lang not in ("id", "en"):
        raise typer.BadParameter("use id or en", param_hint="--lang")
    if format_ not in ("html", "pdf", "md", "txt"):
        raise typer.BadParameter("use html, pdf, md or txt", param_hint="--format")
    path = write_briefing(cli_settings(), parse_day(date_), region, lang, format_)
    console.print(str(path.resolve()), soft_wrap=True)


def deliver(
    date_: Annotated[str, typer.Option("--date", help="Day of the briefings, YYYY-MM-DD.")],
    force: Annotated[bool, typer.Option(help="Send again even if already delivered.")] = False,
) -> None:
    """Send the day's digests by e-mail and Telegram, where configured (see docs/briefing.md)."""
    from reports.delivery import deliver_daily

    out = deliver_daily(cli_settings(), parse_day(date_), force=force)
    if not out["configured"]:
        console.print("No delivery channel configured (PANTAU_SMTP_HOST + PANTAU_EMAIL_TO, or "
                      "PANTAU_TELEGRAM_BOT_TOKEN + PANTAU_TELEGRAM_CHAT_IDS); nothing sent.")
        return
    console.print(f"sent: {out['email']} e-mail, {out['telegram']} Telegram; "
                  f"{out['skipped']} already delivered")
