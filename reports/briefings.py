"""Write briefings to $PANTAU_HOME/reports/<day>/ and keep an index of past ones."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from pipelines.gazetteer import resolve_region

from pipelines.settings import Settings
from reports.briefing_data import gather
from reports.render import render_html, render_markdown, render_text
from warehouse.connection import reader

FORMATS = ("html", "md", "txt")


class BriefingError(Exception):
    """A briefing request the user must correct (unknown region, format, …)."""


def scope_slug(code: str | None) -> str:
    return "nasional" if code is None else code.replace(".", "-")


def write_briefing(settings: Settings, day: date, region: str | None = None, lang: str = "id",
                   fmt: str = "html") -> Path:
    if fmt not in FORMATS:
        raise BriefingError(f"Unknown format '{fmt}'; use one of {', '.join(FORMATS)}.")
    code = None
    if region:
        code = resolve_region(region)
        if code is None:
            raise BriefingError(f"Unknown region '{region}'. Use a province or kabupaten/kota "
                                "name (e.g. 'Jawa Tengah', 'Kota Malang') or a Kemendagri code.")
    with reader(settings.warehouse_path) as con:
        briefing = gather(con, day, code)
    if fmt == "html":
        from reports.province_map import province_map_svg

        body = render_html(briefing, lang, map_svg=province_map_svg(briefing.province_activity)
                           if code is None or "." not in code else "")
    elif fmt == "md":
        body = render_markdown(briefing, lang)
    else:
        body = render_text(briefing, lang)
    folder = settings.reports_dir / day.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "" if lang == "id" else f".{lang}"
    path = folder / f"briefing-{scope_slug(code)}{suffix}.{fmt}"
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(path)  # readers never see half a file
    write_index(settings)
    return path


def write_daily_briefings(settings: Settings, day: date) -> list[Path]:
    paths = []
    for region in [None, *settings.brief_regions]:
        for fmt in FORMATS:
            paths.append(write_briefing(settings, day, region, settings.brief_lang, fmt))
    return paths


def write_index(settings: Settings) -> Path:
    root = settings.reports_dir
    items = []
    for folder in sorted((p for p in root.iterdir() if p.is_dir()), reverse=True):
        links = " · ".join(
            f'<a href="{escape(folder.name)}/{escape(f.name)}">{escape(f.stem[9:])}</a>'
            for f in sorted(folder.glob("briefing-*.html")))
        items.append(f"<li><b>{escape(folder.name)}</b>: {links}</li>")
    html = ("<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'><title>Arsip briefing "
            "Pantau</title></head><body style='font-family:sans-serif;max-width:800px;margin:auto'>"
            "<h1>Arsip briefing Pantau</h1><ul>" + "".join(items) + "</ul></body></html>")
    path = root / "index.html"
    path.write_text(html, encoding="utf-8")
    return path
