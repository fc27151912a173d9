"""Post text is untrusted: nothing a post (or a fact-check feed) says may become active.

The hostile fixture day (tests/fixtures/hostile/) goes through the real pipeline; the written
briefings are parsed, not searched, for anything that could run, load or restyle the page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pipelines.settings import Settings
from reports.briefing_data import Briefing
from reports.briefings import load_briefing, render_index
from reports.render import render_html, render_markdown, render_pdf, render_text

DAY = date(2026, 11, 21)
PAYLOADS = ("<script>", "onerror=", "javascript:", "<style>body{display:none}", "onload=",
            "<iframe", "onmouseover=")


def _inflated(pdf: bytes) -> bytes:
    """The PDF with every Flate stream decompressed (objects live in compressed streams)."""
    parts = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _assert_inert(doc: Any, where: str) -> None:
    scan = doc
    assert scan.tags == [], where
    assert scan.handlers == [], where
    assert scan.bad_urls == [], where
    styles = scan.style_elements
    assert len(styles) == 1, f"{where}: only the briefing's own stylesheet"
    assert "body{display:none}" not in styles[0].replace(" ", ""), where
    for style in scan.style_attrs:
        assert "url(" not in style and "javascript" not in style.lower(), (where, style)
    for link in scan.links:
        assert link.startswith(("https://", "http://", "#")) or "/" in link, (where, link)


@pytest.fixture(scope="module")
def hostile_pages(built: Settings) -> dict[str, str]:
    """Every scope where a hostile post could be quoted: the daily files and a kota view."""
    folder = built.reports_dir / DAY.isoformat()
    pages = {f.name: f.read_text() for f in folder.glob("briefing-*.html")}
    pages["33.74"] = render_html(load_briefing(built, DAY, "33.74"))
    pages["index"] = (built.reports_dir / "index.html").read_text()
    return pages


def test_hostile_posts_reach_the_briefing_as_text(hostile_pages: dict[str, str],
                                                  scan_html: Callable[[str], Any]) -> None:
    # Not vacuous: the payloads are in the pages, shown as text.
    text = " ".join(" ".join(scan_html(html).text) for html in hostile_pages.values())
    assert "xss-" in text
    shown = [p for p in PAYLOADS if p in text]
    assert len(shown) >= 3, shown


def test_nothing_hostile_is_active_in_the_html(hostile_pages: dict[str, str],
                                               scan_html: Callable[[str], Any]) -> None:
    for name, html in hostile_pages.items():
        scan = scan_html(html)
        if name == "index":
            assert scan.tags == [] and scan.handlers == []
            assert scan.bad_urls == []
            continue
        _assert_inert(scan, name)


def test_javascript_fact_check_link_is_dropped(built: Settings) -> None:
    import duckdb

    b = load_briefing(built, DAY, "33.74")
    hostile = [n for n in b.narratives if (n.get("fc_url") or "").startswith("javascript:")]
    if not hostile:
        # matching thresholds change; the feed's row is what matters: put it on a narrative
        con = duckdb.connect(str(built.warehouse_path), read_only=True)
        try:
            row = con.execute("SELECT url, verdict, title, claim, explanation, publisher "
                              "FROM fact_checks WHERE url LIKE 'javascript:%'").fetchone()
        finally:
            con.close()
        assert row is not None, "the hostile feed's javascript: link was ingested as is"
        b.narratives[0].update(dict(zip(("fc_url", "fc_verdict", "fc_title", "fc_claim",
                                         "fc_explanation", "fc_publisher"), row, strict=True)))
    html = render_html(b)
    assert "xss-fc-link" not in html  # neither as a link nor as text
    assert "xss-fc-link" not in render_markdown(b) and "xss-fc-link" not in render_text(b)


def test_every_field_is_escaped(make_briefing: Callable[..., Briefing],
                                scan_html: Callable[[str], Any]) -> None:
    evil = ("</blockquote></style><script>alert(1)</script><img src=x onerror=alert(2)>"
            "<a href='javascript:alert(3)'>x</a><style>*{display:none}</style>")
    b = make_briefing(6, text=evil, label=evil, rep_platform_name=evil, fc_title=evil,
                      fc_claim=evil, fc_publisher=evil, fc_verdict=evil, fc_explanation=evil,
                      official_name=evil, fc_url="javascript:alert(4)",
                      regions=[{"region_code": "33", "region_name": evil, "posts": 1}])
    b.quality["silent_sources"] = [evil]
    b.model_version = evil
    b.regions[0]["region_name"] = evil
    b.regions[0]["top_label"] = evil
    for lang in ("id", "en"):
        html = render_html(b, lang)
        _assert_inert(scan_html(html), f"synthetic {lang}")
        assert "&lt;script&gt;" in html
    md = render_markdown(b)
    # Markdown renderers pass raw HTML through: every "<" of post text must be escaped
    assert not re.search(r"(?<!\\)<(script|img|a|style|/blockquote)", md)
    assert "](javascript:" not in md
    tg = render_text(b, style="telegram")
    assert "<script>" not in tg and "<img" not in tg


def test_index_escapes_labels(tmp_path: Path, make_briefing: Callable[..., Briefing],
                              scan_html: Callable[[str], Any]) -> None:
    folder = tmp_path / "2026-11-21"
    folder.mkdir()
    (folder / "briefing-nasional.html").write_text("x")
    (folder / "briefing-nasional.json").write_text(
        '{"narratives": 1, "top": ["<script>alert(1)</script>"]}')
    (folder / "briefing-evil<script>.html").write_text("x")  # not a briefing name: ignored
    html = render_index(tmp_path)
    scan = scan_html(html)
    assert scan.tags == [] and scan.handlers == []
    assert "&lt;script&gt;" in html and "evil" not in html


def test_pdf_of_hostile_briefing_is_inert(built: Settings, tmp_path: Path) -> None:
    from reports import render

    b = load_briefing(built, DAY, "33.74")
    render.FETCH_ATTEMPTS.clear()
    pdf = render_pdf(render_html(b))
    assert render.FETCH_ATTEMPTS == []  # the renderer asked for nothing: no image, no font URL
    lowered = _inflated(pdf).lower()
    for marker in (b"/javascript", b"/js ", b"/js(", b"/launch", b"/submitform", b"/importdata",
                   b"javascript:"):
        assert marker not in lowered, marker
    uris = re.findall(rb"/URI \((.*?)\)", _inflated(pdf))
    assert all(u.startswith((b"http://", b"https://")) for u in uris), uris
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing: run `make system-deps` (Debian package poppler-utils)")
    path = tmp_path / "hostile.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "xss-" in text  # the payload is printed as text …
    assert "3374011203900001" not in text  # … and the NIK is not printed at all
