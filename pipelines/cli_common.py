"""Helpers shared by the command modules."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from pipelines.settings import Settings, get_settings

DateOpt = Annotated[str | None, typer.Option(help="Day as YYYY-MM-DD.")]


def parse_day(value: str, flag: str = "--date") -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=flag)\
            from None


def cli_settings(inbox: Path | None = None, sources: Path | None = None) -> Settings:
    overrides = {}
    if inbox is not None:
        overrides["inbox"] = inbox
    if sources is not None:
        overrides["sources_file"] = sources
    base = get_settings()
    settings = base.model_copy(update=overrides) if overrides else base
    settings.ensure_dirs()
    return settings


def dev_tools_available(module: str) -> bool:
    """Whether the dev-only `benchmarks` package (and `module` in it) can be imported."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False
