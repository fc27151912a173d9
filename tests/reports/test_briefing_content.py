"""What the briefing says, from the warehouse built by the real pipeline (see conftest)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser

from pipelines.settings import Settings
from reports.briefing_data import Briefing, redact
from reports.briefings import briefing_path, load_briefing, write_briefing
from reports.render import render_html, render_markdown, render_text
from reports.summary import summary_sentences

DAY = date(2026, 11, 21)

SECTIONS = ("kepala", "sekilas", "ringkasan", "peta", "narasi", "wilayah", "saran-respons",
            "metodologi")


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.svgs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("section", "header") and a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "svg":
            self.svgs.append(str(a.get("class")))


def _sections(html: str) -> _Sections:
    p = _Sections()
    p.feed(html)
    return p


def test_daily_stage_wrote_every_format_for_nation_and_region(built: Settings) -> None:
    folder = built.reports_dir / DAY.isoformat()
    for slug in ("nasional", "33"):
        for ext in ("html", "pdf", "md", "txt", "json"):
            assert (folder / f"briefing-{slug}.{ext}").stat().st_size > 0, (slug, ext)
    assert (folder / "briefing-nasional.pdf").read_bytes().startswith(b"%PDF")
    meta = json.loads((folder / "briefing-33.json").read_text())
    assert meta["scope"] == "33" and meta["narratives"] >= 1


def test_national_html_has_every_section_in_order(built: Settings) -> None:
    html = (built.reports_dir / DAY.isoformat() / "briefing-nasional.html").read_text()
    found = _sections(html)
    assert found.ids == list(SECTIONS)
    assert "map" in found.svgs and "trend" in found.svgs and "meter" in found.svgs
    # header: date, scope, generated-at, model version, data window, data quality
    assert "Sabtu, 21 November 2026" in html and "Nasional" in html
    assert "WIB" in html and re.search(r"m\d{14}", html)  # model version from the registry
    assert "aktivitas 7 hari (15 Nov – 21 Nov); tren 14 hari" in html
    quality = html[html.index('id="data-quality"'):html.index('id="sekilas"')]
    for word in ("diterima", "disimpan", "duplikat", "dikarantina", "sumber"):
        assert word in quality
    # the fixture's vaccine-chip narrative, matched to its fact-check, with a status badge
    assert "https://cekfakta.example.id/2021/05/vaksin-chip-5g" in html
    assert re.search(r'class="badge (emerging|rising|falling)"', html)
    assert "Metodologi dan keterbatasan" in html and "legend" in html


def test_summary_has_three_to_five_sentences_from_the_data(built: Settings) -> None:
    b = load_briefing(built, DAY, None)
    sentences = summary_sentences(b)
    assert 3 <= len(sentences) <= 5
    assert str(len(b.narratives)) in sentences[0]
    assert b.narratives[0]["label"] in sentences[1]


def test_narratives_carry_everything_the_card_shows(built: Settings) -> None:
    b = load_briefing(built, DAY, None)
    assert b.narratives, "the fixture has flagged narratives"
    urgencies = [n["urgency"] for n in b.narratives]
    assert urgencies == sorted(urgencies, reverse=True)
    for n in b.narratives:
        assert n["status"] in ("emerging", "rising", "falling")
        assert 0 <= n["hoax_score"] <= 1 and n["week_posts"] > 0
        assert len(n["trend"]) == 14 and len(n["trend_days"]) == 14 and n["trend_days"][-1] == DAY
        assert sum(n["trend"][-7:]) == n["week_posts"]
        assert n["rep_text"] and n["rep_platform_name"]
        assert "countered" in n and "days_since_first_seen" in n
    vaccine = next(n for n in b.narratives if n.get("fc_url", "").endswith("vaksin-chip-5g"))
    assert vaccine["fc_verdict"] == "HOAKS"
    # the Jawa Tengah health office's post joined the narrative: an official clarification
    assert vaccine["first_official"] is not None and vaccine["countered"]


def test_provincial_briefing_maps_its_kabupaten_kota(built: Settings) -> None:
    html = (built.reports_dir / DAY.isoformat() / "briefing-33.html").read_text()
    assert "Provinsi Jawa Tengah" in html
    assert "Peta aktivitas per kabupaten/kota" in html
    peta = html[html.index('id="peta"'):html.index('id="narasi"')]
    assert peta.count("<path") > 35  # 35 kab/kota (34 polygons + the neighbours' outlines)
    assert "Kota Semarang:" in peta and "Kabupaten Cilacap: 0" in peta
    assert "Per kabupaten/kota" in html


def test_kota_briefing_outlines_its_own_shape(built: Settings) -> None:
    b = load_briefing(built, DAY, "33.74")
    assert b.scope_level == "regency" and b.province_code == "33"
    html = render_html(b)
    assert "Kota Semarang, Jawa Tengah" in html
    assert 'stroke="#12355b" stroke-width="3"' in html  # the outlined kota
    assert any(r["highlight"] for r in b.regions)


def test_english_briefing(built: Settings) -> None:
    path = write_briefing(built, DAY, "Jawa Tengah", "en", "html")
    assert path.name == "briefing-33.en.html"
    html = path.read_text()
    for phrase in ("Pantau Daily Briefing", "Top narratives by urgency", "Summary",
                   "Suggested response", "Methodology and limits", "Saturday, 21 November 2026"):
        assert phrase in html
    for phrase in ("Ringkasan", "Saran respons", "Narasi teratas"):
        assert phrase not in html


def test_markdown_has_the_same_content(built: Settings) -> None:
    md = (built.reports_dir / DAY.isoformat() / "briefing-nasional.md").read_text()
    for heading in ("# Briefing Harian Pantau", "## Ringkasan", "## Narasi teratas menurut urgensi",
                    "## Per wilayah", "## Saran respons", "## Metodologi dan keterbatasan"):
        assert heading in md
    assert "[Vaksin Booster Mengandung Chip Pelacak 5G](https://cekfakta.example.id/" in md
    # when it was written, with the desk's clock named (an officer reads 02:09 as WIB)
    assert re.search(r"Dibuat: \d{4}-\d\d-\d\d \d\d:\d\d WIB · ", md)


def test_digest_fits_one_message_and_uses_whatsapp_bold(built: Settings) -> None:
    txt = (built.reports_dir / DAY.isoformat() / "briefing-nasional.txt").read_text()
    assert len(txt) < 4096
    assert txt.startswith("*Briefing Harian Pantau · Nasional*")
    assert "*Narasi teratas menurut urgensi*" in txt


def test_digest_stays_under_the_limit_with_many_long_narratives(
        make_briefing: Callable[..., Briefing]) -> None:
    b = make_briefing(40, text="panjang " * 400)
    for n in b.narratives:
        n["label"] = "kata " * 60
        n["regions"] = [{"region_code": str(i), "region_name": "Wilayah " * 10, "posts": 1}
                        for i in range(5)]
    for style in ("whatsapp", "telegram", "plain"):
        text = render_text(b, style=style)
        assert len(text) < 4096, style
        assert "narasi lain" in text


def test_telegram_digest_is_escaped_html_with_bold_only(
        make_briefing: Callable[..., Briefing]) -> None:
    b = make_briefing(2)
    b.narratives[0]["label"] = "<i>tag</i> & co"
    text = render_text(b, style="telegram")
    assert "<b>" in text and "&lt;i&gt;tag&lt;/i&gt; &amp; co" in text
    tags = set(re.findall(r"</?([a-z]+)", text))
    assert tags == {"b"}


def test_redaction_removes_personal_data_and_keeps_the_message() -> None:
    text = ("Hub 0812-3456-7890 atau +62 813 1234 5678 / 6285712345678, email "
            "budi.s@example.com, cc @akun_penyebar, NIK 3374011203900001, "
            "no rek: 1234567890. Harga Rp2.400.000 tgl 28/11/2026 jam 23.00 di RT 04.")
    out = redact(text)
    for secret in ("0812-3456-7890", "813 1234 5678", "6285712345678", "budi.s@example.com",
                   "@akun_penyebar", "3374011203900001", "1234567890"):
        assert secret not in out, secret
    for kept in ("Rp2.400.000", "28/11/2026", "23.00", "RT 04"):
        assert kept in out, kept
    assert "[NIK disamarkan]" in out and "[nomor disamarkan]" in out
    assert "[number removed]" in redact("0812-3456-7890", "en")


def test_quoted_posts_in_written_files_have_no_personal_data(built: Settings) -> None:
    folder = built.reports_dir / DAY.isoformat()
    for f in folder.glob("briefing-*"):
        if f.suffix == ".pdf":
            continue
        body = f.read_text()
        for secret in ("0812-3456-7890", "warga.semarang@example.com", "3374011203900001"):
            assert secret not in body, (f.name, secret)


def test_region_table_lists_flagged_posts_and_change(built: Settings) -> None:
    b = load_briefing(built, DAY, None)
    assert b.regions and all(r["flagged_posts"] > 0 for r in b.regions)
    assert b.province_activity[b.regions[0]["region_code"]] == b.regions[0]["flagged_posts"]
    md = render_markdown(b)
    assert "| Jawa Tengah |" in md and "vs minggu lalu" in md


def test_briefing_path_naming(built: Settings) -> None:
    assert briefing_path(built, DAY, "34.04", "en", "pdf").name == "briefing-34-04.en.pdf"
    assert briefing_path(built, DAY, None, "id", "html").name == "briefing-nasional.html"
