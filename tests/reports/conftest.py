"""A warehouse built once for the briefing tests: the fixture inbox plus a hostile day.

The two fixture days (2026-11-20, 2026-11-21) run through the real pipeline with the real
embedding model, with tests/fixtures/hostile/2026-11-21/* added to the second day, and
briefings for the nation and Jawa Tengah written by the brief stage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipelines.settings import Settings, reset_settings
from reports.briefing_data import Briefing
from tests.built import BUILT_DAYS, copy_built

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DAYS = BUILT_DAYS
DAY = DAYS[-1]


@pytest.fixture(scope="session")
def built(built_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """This suite's copy of the session's built warehouse (tests/conftest.py)."""
    yield copy_built(built_base, tmp_path_factory.mktemp("briefing"))
    reset_settings()


@pytest.fixture
def home(built: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The built warehouse, with PANTAU_* pointing at it for code that reads the environment."""
    monkeypatch.setenv("PANTAU_HOME", str(built.home))
    monkeypatch.setenv("PANTAU_BRIEF_REGIONS", '["33"]')
    monkeypatch.delenv("PANTAU_CONFIG", raising=False)
    reset_settings()
    return built




def _narrative(i: int, text: str = "Air PDAM dicampur racun, jangan minum air keran.",
               **extra: object) -> dict[str, object]:
    days = [date(2026, 11, 8) + timedelta(days=k) for k in range(14)]
    item: dict[str, object] = {
        "narrative_id": f"N-{i}", "label": f"racun, pdam, air, keran {i}", "keywords": ["racun"],
        "hoax_score": 0.9, "status": "rising", "growth": 2.5, "first_seen": date(2026, 11, 10),
        "week_posts": 40 + i, "recent_posts": 20, "prior_posts": 8, "total_posts": 60,
        "rep_text": text, "rep_platform": "whatsapp", "rep_platform_name": "WhatsApp",
        "rep_day": date(2026, 11, 21), "fc_url": "https://cekfakta.example.id/racun",
        "fc_verdict": "HOAKS", "fc_title": "[HOAKS] Air PDAM Dicampur Racun",
        "fc_claim": "Air PDAM Dicampur Racun", "fc_publisher": "cek-fakta-contoh",
        "fc_explanation": "PENJELASAN: PDAM memastikan air aman diminum. Hasil uji laboratorium "
                          "menunjukkan air memenuhi baku mutu. KESIMPULAN: Hoaks. PESAN "
                          "PENANGKAL: Jangan sebarkan pesan ini. Cek informasi di kanal resmi.",
        "fc_published_at": datetime(2026, 11, 21, 10, tzinfo=UTC), "fc_similarity": 0.91,
        "regions": [{"region_code": "33", "region_name": "Jawa Tengah", "posts": 30}],
        "trend": [0, 0, 1, 0, 2, 3, 1, 0, 4, 2, 5, 6, 8, 6], "trend_days": days,
        "scope_first_seen": date(2026, 11, 10), "first_official": date(2026, 11, 12),
        "official_source": "diskominfo-jateng", "official_name": "Diskominfo Jawa Tengah",
        "fact_check_day": date(2026, 11, 21), "response_lag_days": 2, "fact_check_lag_days": 11,
        "countered": True, "days_since_first_seen": 11,
    }
    item.update(extra)
    return item


@pytest.fixture
def make_briefing() -> Callable[..., Briefing]:
    """A Briefing without a warehouse, for render-level tests."""

    def make(n: int = 3, scope: str | None = None, lang: str = "id", **narrative: object
             ) -> Briefing:
        from reports.briefing_data import scope_of

        name, level, province, pname = scope_of(scope, lang)
        regions = [{"region_code": "33", "region_name": "Jawa Tengah", "flagged_posts": 50,
                    "previous_posts": 20, "narratives": n, "top_label": "racun, pdam",
                    "top_narrative": "N-1", "highlight": False}]
        return Briefing(
            day=date(2026, 11, 21), scope_code=scope, scope_name=name,
            generated_at=datetime(2026, 11, 21, 23, 30, tzinfo=UTC), model_version="m-test",
            quality={"received": 120, "stored": 100, "duplicates": 15, "quarantined": 5,
                     "reconciled": True, "sources_today": 9, "silent_sources": ["fb-info-x"],
                     "fact_checks_today": 1},
            narratives=[_narrative(i, **narrative) for i in range(1, n + 1)], regions=regions,
            province_activity={"33": 50}, lang=lang, scope_level=level, province_code=province,
            province_name=pname)

    return make


class ActiveContent(HTMLParser):
    """Everything in an HTML document that could run, load, or restyle the page."""

    DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "base", "form", "frame",
                      "frameset", "applet", "link", "meta-refresh"}
    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                 "background", "srcset"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.bad_urls: list[str] = []
        self.links: list[str] = []
        self.style_elements: list[str] = []
        self.style_attrs: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.DANGEROUS_TAGS:
            self.tags.append(tag)
        if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh"
                                 for k, v in attrs):
            self.tags.append("meta-refresh")
        if tag == "style":
            self._in_style = True
            self.style_elements.append("")
        for key, value in attrs:
            value = value or ""
            if key.startswith("on"):
                self.handlers.append(f"{tag} {key}={value}")
            if key in self.URL_ATTRS:
                compact = "".join(ch for ch in value if ch > " ").lower()
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", compact)
                if scheme and scheme.group(1) not in ("http", "https"):
                    self.bad_urls.append(f"{tag} {key}={value}")
                if tag == "a":
                    self.links.append(value)
            if key == "style":
                self.style_attrs.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style_elements[-1] += data
        else:
            self.text.append(data)


@pytest.fixture
def scan_html() -> Callable[[str], ActiveContent]:
    def scan(html: str) -> ActiveContent:
        parser = ActiveContent()
        parser.feed(html)
        parser.close()
        return parser

    return scan
