"""Write briefings to $PANTAU_HOME/reports/<day>/ and keep an index of past ones."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipelines.errors import PantauError
from pipelines.fileio import write_atomic
from pipelines.gazetteer import region_name, resolve_region
from pipelines.settings import Settings
from reports.briefing_data import Briefing, gather
from reports.i18n import LANGS, fmt_date, fmt_int, texts
from reports.render import TEMPLATES, render_html, render_markdown, render_pdf, render_text
from warehouse.connection import reader

FORMATS = ("html", "pdf", "md", "txt")
_NAME = re.compile(r"^briefing-(?P<slug>nasional|\d{2}(?:-\d{2})?)(?:\.(?P<lang>[a-z]{2}))?"
                   r"\.(?P<ext>html|pdf|md|txt)$")


class BriefingError(PantauError):
    """A briefing request the user must correct (unknown region, format, …)."""


def scope_slug(code: str | None) -> str:
    return "nasional" if code is None else code.replace(".", "-")


def slug_code(slug: str) -> str | None:
    return None if slug == "nasional" else slug.replace("-", ".")


def resolve_scope(region: str | None) -> str | None:
    if not region:
        return None
    code = resolve_region(region)
    if code is None:
        raise BriefingError(f"Unknown region '{region}'. Use a province or kabupaten/kota "
                            "name (e.g. 'Jawa Tengah', 'Kota Malang') or a Kemendagri code.")
    return code


def briefing_path(settings: Settings, day: date, code: str | None, lang: str, fmt: str) -> Path:
    suffix = "" if lang == "id" else f".{lang}"
    return settings.reports_dir / day.isoformat() / f"briefing-{scope_slug(code)}{suffix}.{fmt}"


def _write_atomic(path: Path, data: str | bytes) -> None:
    # a temporary name of its own: the CLI and the DAG writing the same briefing never mix
    write_atomic(path, data)


def load_briefing(settings: Settings, day: date, code: str | None, lang: str = "id") -> Briefing:
    with reader(settings.warehouse_path) as con:
        return gather(con, day, code, lang=lang, timezone=settings.timezone)


def render(b: Briefing, fmt: str) -> str | bytes:
    if fmt == "html":
        return render_html(b)
    if fmt == "pdf":
        return render_pdf(render_html(b))
    if fmt == "md":
        return render_markdown(b)
    return render_text(b)


def _check(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise BriefingError(f"Unknown format '{fmt}'; use one of {', '.join(FORMATS)}.")
    if lang not in LANGS:
        raise BriefingError(f"Unknown language '{lang}'; use id or en.")


def write_briefing(settings: Settings, day: date, region: str | None = None, lang: str = "id",
                   fmt: str = "html") -> Path:
    _check(fmt, lang)
    code = resolve_scope(region)
    b = load_briefing(settings, day, code, lang)
    return write_formats(settings, b, (fmt,))[0]


def write_formats(settings: Settings, b: Briefing, formats: tuple[str, ...] = FORMATS
                  ) -> list[Path]:
    """Write one gathered briefing in several formats (one warehouse read), then the index."""
    paths = []
    html_text: str | None = None
    for fmt in formats:
        _check(fmt, b.lang)
        path = briefing_path(settings, b.day, b.scope_code, b.lang, fmt)
        if fmt in ("html", "pdf"):
            html_text = html_text or render_html(b)
            data: str | bytes = html_text if fmt == "html" else render_pdf(html_text)
        else:
            data = render(b, fmt)
        _write_atomic(path, data)
        paths.append(path)
    _write_atomic(briefing_path(settings, b.day, b.scope_code, b.lang, "json"),
                  json.dumps(_meta(b), ensure_ascii=False, indent=1))
    write_index(settings)
    return paths


def _meta(b: Briefing) -> dict[str, object]:
    """A small sidecar the index reads (what the day looked like, without the warehouse)."""
    totals = b.totals
    return {"day": b.day.isoformat(), "scope": b.scope_code, "scope_name": b.scope_name,
            "lang": b.lang, "narratives": totals["narratives"], "emerging": totals["emerging"],
            "uncountered": totals["uncountered"], "posts": totals["posts"],
            "top": [n["label"] for n in b.narratives[:3]],
            "generated_at": b.generated_at.isoformat()}


def write_daily_briefings(settings: Settings, day: date,
                          formats: tuple[str, ...] = FORMATS) -> list[Path]:
    paths: list[Path] = []
    for region in [None, *settings.brief_regions]:
        code = resolve_scope(region)
        b = load_briefing(settings, day, code, settings.brief_lang)
        paths += write_formats(settings, b, formats)
    return paths


@dataclass
class IndexEntry:
    slug: str
    lang: str
    name: str
    files: dict[str, str] = field(default_factory=dict)  # ext -> relative href
    meta: dict[str, object] = field(default_factory=dict)


def index_entries(root: Path) -> list[tuple[str, list[IndexEntry]]]:
    """(day, briefings of that day) newest first; the national briefing first in a day."""
    days = []
    if not root.is_dir():
        return []
    for folder in sorted((p for p in root.iterdir()
                          if p.is_dir() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.name)),
                         reverse=True):
        entries: dict[tuple[str, str], IndexEntry] = {}
        for f in sorted(folder.iterdir()):
            m = _NAME.match(f.name)
            if not m:
                continue
            slug, lang = m.group("slug"), m.group("lang") or "id"
            code = slug_code(slug)
            name = texts(lang)["nation"] if code is None else (region_name(code) or code)
            entry = entries.setdefault((slug, lang), IndexEntry(slug, lang, name))
            entry.files[m.group("ext")] = f"{folder.name}/{f.name}"
            meta_path = f.with_suffix(".json")
            if not entry.meta and meta_path.exists():
                try:
                    entry.meta = json.loads(meta_path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    entry.meta = {}
        if entries:
            ordered = sorted(entries.values(), key=lambda e: (e.slug != "nasional", e.slug,
                                                              e.lang != "id", e.lang))
            days.append((folder.name, ordered))
    return days


def render_index(root: Path, lang: str = "id") -> str:
    t = texts(lang)
    days = index_entries(root)
    return TEMPLATES.get_template("index.html.j2").render(
        t=t, lang=lang, days=days,
        day_label=lambda d: fmt_date(date.fromisoformat(d), lang, "weekday"),
        fmt_int=lambda v: fmt_int(v, lang))


def write_index(settings: Settings) -> Path:
    root = settings.reports_dir
    root.mkdir(parents=True, exist_ok=True)
    path = root / "index.html"
    _write_atomic(path, render_index(root, settings.brief_lang))
    return path
