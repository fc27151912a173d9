"""The pieces of a briefing: maps, charts, counter-messages, wording, the index, the CLI."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from pipelines.settings import Settings
from reports.briefing_data import Briefing
from reports.briefings import index_entries, render_index, write_index
from reports.charts import likelihood_meter, trend_bars
from reports.i18n import fmt_change, fmt_date, fmt_dec, fmt_int
from reports.province_map import (
    class_breaks,
    legend,
    national_map,
    province_shapes,
    regency_map,
    regency_shapes,
    shade,
)
from reports.render import render_html
from reports.response import build_response, safe_url, sections
from reports.summary import summary_sentences

DAY = date(2026, 11, 21)
SVG = "{http://www.w3.org/2000/svg}"


def _svg(text: str) -> ET.Element:
    if "xmlns=" not in text.split(">", 1)[0]:
        text = text.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return ET.fromstring(text)


def test_polygons_cover_every_province_and_regency() -> None:
    assert len(province_shapes()) == 38
    assert sum(len(regency_shapes(s.code)) for s in province_shapes()) == 507
    assert {s.code for s in regency_shapes("34")} == {"34.01", "34.02", "34.03", "34.04",
                                                      "34.71"}


def test_national_map_is_valid_svg_with_a_legend() -> None:
    view = national_map({"33": 90, "35": 40, "31": 1})
    assert view is not None
    root = _svg(view.svg)
    paths = root.findall(f"{SVG}path")
    assert len(paths) == 38
    titles = {p.find(f"{SVG}title").text for p in paths}  # type: ignore[union-attr]
    assert "Jawa Tengah: 90" in titles and "Aceh: 0" in titles
    assert view.legend[0][1] == "tidak ada" and view.legend[-1][1].endswith("90")
    assert view.most_active[0] == ("Jawa Tengah", 90)


def test_the_national_map_drops_points_no_one_can_see_and_keeps_every_shape() -> None:
    """Most polygon points of a 900-unit national map fall on one pixel: they are dropped
    (the page is lighter and the PDF faster), but each province keeps its outline's extent."""
    import re

    from reports.province_map import HEIGHT, LAT0, LAT1, LON0, LON1, WIDTH, _Projection

    view = national_map({"33": 90})
    assert view is not None and len(view.svg) < 140_000  # 266 KB before
    project = _Projection((LON0, LAT0, LON1, LAT1), WIDTH, HEIGHT, pad=0)
    drawn = {p.findtext(f"{SVG}title", "").split(":")[0]: p.get("d", "")
             for p in _svg(view.svg).findall(f"{SVG}path")}
    for shape in province_shapes():
        full = [project(lon, lat) for ring in shape.rings for lon, lat in ring]
        kept = [tuple(map(float, xy.split(","))) for xy in re.findall(r"-?[\d.]+,-?[\d.]+",
                                                                     drawn[shape.name])]
        assert len(kept) >= 3, shape.name
        for axis in (0, 1):  # the outline spans what it spanned, to within a couple of units
            assert abs(min(k[axis] for k in kept) - min(f[axis] for f in full)) < 2.5, shape.name
            assert abs(max(k[axis] for k in kept) - max(f[axis] for f in full)) < 2.5, shape.name


def test_regency_map_draws_dots_for_cities_without_polygons_and_outlines_the_scope() -> None:
    view = regency_map("33", {"33.74": 12, "33.71": 3}, highlight="33.71")
    assert view is not None and view.has_points  # Kota Magelang has no polygon
    root = _svg(view.svg)
    circles = root.findall(f"{SVG}circle")
    assert any("Kota Magelang: 3" in (c.findtext(f"{SVG}title") or "") for c in circles)
    assert any(c.get("stroke") == "#12355b" for c in circles)  # the outlined scope
    width, height = map(float, root.get("viewBox", "").split()[2:])
    assert 300 < width <= 900 and 150 < height <= 520


def test_class_breaks_and_shades() -> None:
    assert class_breaks(0) == []
    assert class_breaks(1) == [1]
    assert class_breaks(90) == [2, 6, 15, 37, 90]
    breaks = class_breaks(90)
    assert shade(0, breaks) == "#e9edf1"
    assert shade(90, breaks) == "#990000" and shade(1, breaks) != shade(90, breaks)
    assert [label for _, label in legend([1, 3], "en")] == ["none", "1", "2–3"]


def test_trend_chart_has_a_bar_per_day_and_its_labels() -> None:
    days = [DAY - timedelta(days=13 - i) for i in range(14)]
    svg = trend_bars([0] * 11 + [3, 32, 65], days, "id", "tsunami")
    root = _svg(svg)
    rects = root.findall(f"{SVG}rect")
    assert len(rects) == 14
    assert [r.get("fill") for r in rects[-3:]] == ["#c2410c"] * 3  # the last three days
    texts = [t.text for t in root.findall(f"{SVG}text")]
    assert texts == ["maks 65/hari", "8 Nov", "21 Nov"]
    assert trend_bars([], []) == ""
    assert _svg(likelihood_meter(0.96)).findall(f"{SVG}rect")[1].get("fill") == "#b42318"


def test_counter_message_points_come_from_the_fact_check() -> None:
    explanation = ("Beredar pesan berantai. PENJELASAN: Klaim tersebut tidak benar. BMKG tidak "
                   "pernah merilis prediksi gempa pada tanggal tertentu. Gempa tidak dapat "
                   "diprediksi. KESIMPULAN: Hoaks. Berdasarkan tujuh jenis mis- dan "
                   "disinformasi First Draft, konten palsu. PESAN PENANGKAL: Tetap tenang dan "
                   "tidak perlu mengungsi. Pantau kanal resmi BMKG.")
    parts = sections(explanation)
    assert set(parts) == {"PENJELASAN", "KESIMPULAN", "PESAN PENANGKAL"}
    r = build_response({"fc_explanation": explanation, "fc_url": "https://cek.example.id/a",
                        "fc_verdict": "HOAKS", "fc_title": "[HOAKS] Prediksi Gempa 28 November",
                        "fc_publisher": "cek"})
    assert r.facts == ["Klaim tersebut tidak benar.",
                       "BMKG tidak pernah merilis prediksi gempa pada tanggal tertentu."]
    assert r.advice == ["Tetap tenang dan tidak perlu mengungsi.", "Pantau kanal resmi BMKG."]
    message = r.message()
    assert message.startswith("[HOAKS] Prediksi Gempa 28 November\n\nKlaim tersebut")
    assert message.endswith("Sumber: https://cek.example.id/a")
    assert "First Draft" not in message


def test_generic_counter_message_without_fact_check() -> None:
    r = build_response({"rep_text": "Klaim token gratis lewat link ini, isi NIK"})
    assert r.generic and len(r.advice) == 4 and "NIK" in r.advice[1]
    r = build_response({"rep_text": "Jembatan runtuh"}, "en")
    assert r.generic and r.advice[0].startswith("Do not forward")


def test_safe_url() -> None:
    assert safe_url("https://cek.example.id/a?b=1") == "https://cek.example.id/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:x", "data:text/html,x", "vbscript:x",
                "https://x.id/\"onmouseover=alert(1)", "//evil.example", None, ""):
        assert safe_url(bad) is None, bad


def test_number_and_date_formats() -> None:
    assert fmt_int(1234567) == "1.234.567" and fmt_int(1234567, "en") == "1,234,567"
    assert fmt_dec(2.25) in ("2,2", "2,3") and fmt_dec(2.5, "en") == "2.5"
    assert fmt_date(DAY, "id", "weekday") == "Sabtu, 21 November 2026"
    assert fmt_date(DAY, "en", "short") == "21 Nov"
    assert fmt_change(150, 100) == "+50%" and fmt_change(50, 100) == "\u221250%"
    assert fmt_change(5, 0) == "baru" and fmt_change(5, 0, "en") == "new"


def test_empty_briefing_still_says_something_useful(
        make_briefing: Callable[..., Briefing]) -> None:
    b = make_briefing(0)
    b.regions = []
    sentences = summary_sentences(b)
    assert len(sentences) == 3 and "Tidak ada narasi hoaks" in sentences[0]
    html = render_html(b)
    assert "Tidak ada narasi hoaks yang ditandai dalam 7 hari terakhir" in html


def test_summary_sentences_name_the_urgent_and_the_uncountered(
        make_briefing: Callable[..., Briefing]) -> None:
    b = make_briefing(6)
    b.narratives[3]["countered"] = False
    sentences = summary_sentences(b, "en")
    assert 3 <= len(sentences) <= 5
    assert sentences[1].startswith("Most urgent:")
    assert any("no official clarification" in s for s in sentences)


def test_a_demo_model_is_named_as_such_in_every_form_of_the_briefing(
        make_briefing: Callable[..., Briefing]) -> None:
    """Officers must know when the scores come from a model that never saw a real post."""
    from reports.render import render_markdown, render_text

    b = make_briefing(3)
    b.model_version = "m20261203-demo"
    assert "model-demo" not in render_html(b) and "model contoh" not in render_markdown(b)
    assert "pantau retrain" not in render_text(b)
    b.model_demo = True
    html = render_html(b)
    assert 'id="model-demo"' in html and "m20261203-demo (model contoh)" in html
    assert "belum dapat diandalkan" in html and "pantau retrain" in html
    assert "(model contoh)" in render_markdown(b) and "**Model contoh:" in render_markdown(b)
    assert "pantau retrain" in render_text(b) and "pantau retrain" in render_text(b, "en")
    assert "demo model" in render_html(b, "en")


def _touch(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("x")


def test_index_lists_past_briefings_newest_first(tmp_path: Path) -> None:
    _touch(tmp_path / "2026-11-20", "briefing-nasional.html", "briefing-nasional.pdf",
           "briefing-33.html", "briefing-33.txt", "notes.html")
    _touch(tmp_path / "2026-11-22", "briefing-34-04.html", "briefing-nasional.html",
           "briefing-nasional.en.html", "briefing-nasional.md")
    (tmp_path / "2026-11-22" / "briefing-nasional.json").write_text(json.dumps(
        {"narratives": 8, "emerging": 2, "top": ["tsunami, bmkg"]}))
    _touch(tmp_path / "not-a-day", "briefing-nasional.html")
    days = index_entries(tmp_path)
    assert [d for d, _ in days] == ["2026-11-22", "2026-11-20"]
    latest = days[0][1]
    assert [(e.slug, e.lang) for e in latest] == [("nasional", "id"), ("nasional", "en"),
                                                   ("34-04", "id")]
    sleman = next(e for e in latest if e.slug == "34-04")
    assert sleman.name == "Kabupaten Sleman"
    html = render_index(tmp_path)
    assert html.index("Minggu, 22 November 2026") < html.index("Jumat, 20 November 2026")
    assert 'href="2026-11-20/briefing-nasional.pdf"' in html
    assert 'href="2026-11-22/briefing-nasional.md"' in html
    assert "notes.html" not in html and "not-a-day" not in html
    assert "tsunami, bmkg" in html and "8 narasi hoaks aktif" in html


def test_index_page_is_written_and_empty_state(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    path = write_index(settings)
    assert path == tmp_path / "reports" / "index.html"
    assert "Belum ada briefing." in path.read_text()


def _main(args: list[str], monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`pantau ARGS` as the console script runs it (user errors: one line, exit 2)."""
    from pipelines.cli import main

    monkeypatch.setattr(sys, "argv", ["pantau", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_writes_each_format_and_reports_user_errors(
        home: Settings, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(["brief", "--date", "2026-11-21", "--region", "Kota Semarang",
                            "--format", "pdf", "--lang", "en"], monkeypatch, capsys)
    assert code == 0, err
    path = Path(out.strip())
    assert path.name == "briefing-33-74.en.pdf" and path.read_bytes().startswith(b"%PDF")
    code, out, err = _main(["brief", "--date", "2026-11-21", "--region", "Atlantis"],
                           monkeypatch, capsys)
    assert code == 2 and "Unknown region 'Atlantis'" in err and "Traceback" not in err
    code, out, err = _main(["brief", "--date", "2026-11-21", "--format", "docx"],
                           monkeypatch, capsys)
    assert code == 2 and "html, pdf, md or txt" in err


def test_cli_brief_in_process(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from pipelines.cli import app
    from pipelines.settings import reset_settings

    monkeypatch.setenv("PANTAU_HOME", str(built.home))
    reset_settings()
    runner = CliRunner()
    for fmt in ("html", "md", "txt"):
        result: Any = runner.invoke(app, ["brief", "--date", "2026-11-21", "--format", fmt])
        assert result.exit_code == 0, result.output
        assert result.output.strip().endswith(f"briefing-nasional.{fmt}")
    result = runner.invoke(app, ["deliver", "--date", "2026-11-21"])
    assert result.exit_code == 0 and "nothing sent" in result.output
    reset_settings()


def test_totals_count_every_active_narrative_not_only_the_listed(
        make_briefing: Callable[..., Briefing]) -> None:
    b = make_briefing(3)
    b.narratives[0].update(active_total=28, emerging_total=5, posts_total=740)
    assert b.totals == {"narratives": 28, "emerging": 5, "uncountered": 0, "posts": 740,
                        "listed": 3}
    html = render_html(b)
    assert "belum dibantah (3 teratas)" in html
    assert "25 narasi lain dengan urgensi lebih rendah tidak dicantumkan." in html
    assert summary_sentences(b)[0].startswith("Pada 15 Nov – 21 Nov, 28 narasi hoaks")
