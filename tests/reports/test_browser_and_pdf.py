"""The briefing in a real browser (headless Chromium) and as a printed PDF (WeasyPrint, then
pdftoppm). `make setup` installs both (Makefile `system-deps`); the tests skip, saying so, only
where the binaries are truly absent."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from pipelines.settings import Settings
from reports import render
from reports.briefings import load_briefing
from reports.browser import find_chromium, load_page

DAY = date(2026, 11, 21)
SECTIONS = ["kepala", "sekilas", "ringkasan", "peta", "narasi", "wilayah", "saran-respons",
            "metodologi"]
CHECK = """(() => {
  const ids = [...document.querySelectorAll('header[id], section[id]')]
    .filter(e => e.getBoundingClientRect().height > 0).map(e => e.id);
  const maps = [...document.querySelectorAll('svg.map')]
    .map(s => s.getBoundingClientRect().width);
  return {ids, maps, title: document.title,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          cards: document.querySelectorAll('article.card').length,
          h2: [...document.querySelectorAll('h2')].map(h => h.textContent.trim()),
          scripts: document.scripts.length,
          resources: performance.getEntriesByType('resource').map(r => r.name)};
})()"""

needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="chromium is not installed: `make system-deps` installs the Debian package")


@needs_chromium
@pytest.mark.parametrize("width,mobile", [(1100, False), (390, True)], ids=["desktop", "phone"])
def test_briefing_renders_in_chromium_without_errors(built: Settings, tmp_path: Path,
                                                     width: int, mobile: bool) -> None:
    page = built.reports_dir / DAY.isoformat() / "briefing-33.html"
    res = load_page(page, width=width, height=900, mobile=mobile, expression=CHECK,
                    screenshot=True)
    assert res.console_errors == [] and res.exceptions == [] and res.log_errors == []
    v = res.value
    assert v["ids"] == SECTIONS, "every section is there and visible"
    assert v["cards"] >= 1 and v["scripts"] == 0 and v["resources"] == []
    assert v["maps"] and v["maps"][0] > width * 0.6, "the map fills the width"
    assert v["overflow"] <= 0, "no sideways scrolling"
    assert "Ringkasan" in v["h2"] and "Saran respons" in v["h2"]
    # self-contained: the only request is the page itself
    assert res.requests == [page.resolve().as_uri()]
    assert res.screenshot and res.screenshot.startswith(b"\x89PNG")
    (tmp_path / f"shot-{width}.png").write_bytes(res.screenshot)


@needs_chromium
def test_the_harness_does_see_console_errors_and_requests(tmp_path: Path) -> None:
    # A canary: without it, "no console errors" could just mean "not listening".
    page = tmp_path / "canary.html"
    page.write_text("<!DOCTYPE html><title>c</title><script>console.error('canary-error')"
                    "</script><img src='http://127.0.0.1:9/none.png'>")
    res = load_page(page, width=400, height=300)
    assert any("canary-error" in e for e in res.console_errors)
    assert "http://127.0.0.1:9/none.png" in res.requests


@needs_chromium
def test_index_renders_in_chromium(built: Settings) -> None:
    res = load_page(built.reports_dir / "index.html", width=390, height=800, mobile=True,
                    expression="({links: [...document.querySelectorAll('a')].map(a => a.href),"
                               " overflow: document.documentElement.scrollWidth - innerWidth})")
    assert res.console_errors == [] and res.exceptions == []
    assert res.value["overflow"] <= 0
    assert any(link.endswith("2026-11-21/briefing-nasional.html") for link in res.value["links"])


def test_pdf_is_a4_and_converts_to_images(built: Settings, tmp_path: Path) -> None:
    pdf_path = built.reports_dir / DAY.isoformat() / "briefing-nasional.pdf"
    assert pdf_path.read_bytes().startswith(b"%PDF")
    render.FETCH_ATTEMPTS.clear()
    render.render_pdf(render.render_html(load_briefing(built, DAY, "33")))
    assert render.FETCH_ATTEMPTS == []
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed: `make system-deps` installs poppler-utils")
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True,
                          check=True).stdout
    assert "(A4)" in info, info
    done = subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf_path), str(tmp_path / "p")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    pages = sorted(tmp_path.glob("p-*.png"))
    assert 1 <= len(pages) <= 12
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pages)
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True,
                          check=True).stdout
    for heading in ("Ringkasan", "Narasi teratas menurut urgensi", "Saran respons",
                    "Metodologi dan keterbatasan"):
        assert heading in text
