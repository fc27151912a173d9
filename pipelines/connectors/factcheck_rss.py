"""Fact-check feeds (TurnBackHoax/Mafindo style): the verdict tag, the claim, the explanation.

Anyone can write "[HOAKS]" in a title or call a file factcheck.xml, so neither makes a feed a
fact-check feed: the sources file declares them (`kind` = factcheck, `publisher`, and `feed`, a
file-name pattern such as `factchecks*.xml`). The publisher comes from that declaration, never
from the feed's own title, and a fact-check is keyed by (publisher, link): another feed reusing
a genuine fact-check's link cannot replace its verdict.
"""

from __future__ import annotations

import csv
import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipelines.connectors.base import ParsedRecord
from pipelines.connectors.common import error_reason, stable_id
from pipelines.connectors.rss import entry_body, entry_published, read_feed, slugify, strip_html
from pipelines.settings import Settings

VERDICTS = (
    "HOAKS", "HOAX", "SALAH", "DISINFORMASI", "MISINFORMASI", "MISLEADING", "KLARIFIKASI",
    "PENIPUAN", "FITNAH", "BENAR", "BELUM TERBUKTI", "SATIRE", "PARODI", "KONTEN MENYESATKAN",
    "KONTEKS KELIRU", "KONTEN PALSU", "KONTEN YANG DIMANIPULASI", "MENYESATKAN",
)
_TAG_SCAN = 300
_BODY_SCAN = 20_000
_TAG = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*")
_QUOTED = re.compile(r"narasi\s*:?\s*[\"“”']\s*(.+?)\s*[\"“”']", re.IGNORECASE | re.DOTALL)
_EXPLAIN = re.compile(r"PENJELASAN\s*:?\s*(.+?)(?:REFERENSI\s*:|$)", re.IGNORECASE | re.DOTALL)


def split_verdict(title: str) -> tuple[str | None, str]:
    """'[HOAKS] Vaksin berisi chip' -> ('HOAKS', 'Vaksin berisi chip')."""
    match = _TAG.match(title[:_TAG_SCAN])  # a length cap keeps the lazy scan linear
    if not match:
        return None, title.strip()
    return match.group(1).upper(), title[match.end():].strip()


def parse_fact_check(title: str, body: str) -> dict[str, Any]:
    verdict, claim = split_verdict(strip_html(title))
    body = body[:_BODY_SCAN]  # the lazy scans below restart at each "narasi": capped
    quoted = _QUOTED.search(body)
    explanation = _EXPLAIN.search(body)
    return {
        "verdict": verdict,
        "claim": claim,
        "quoted_narrative": quoted.group(1).strip() if quoted else None,
        "explanation": explanation.group(1).strip() if explanation else None,
    }


@dataclass(frozen=True)
class FactCheckSource:
    source: str
    publisher: str
    feed: str  # file-name pattern (fnmatch, case-insensitive); empty: the source name itself


@lru_cache(maxsize=8)
def _declared(path: str, mtime_ns: int) -> tuple[FactCheckSource, ...]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for row in rows:
        if (row.get("kind") or "").strip().lower() != "factcheck":
            continue
        source = (row.get("source") or "").strip()
        publisher = (row.get("publisher") or "").strip() or source
        if source:
            found.append(FactCheckSource(source, slugify(publisher),
                                         (row.get("feed") or "").strip()))
    return tuple(found)


def declared_sources(sources_file: Path | None) -> tuple[FactCheckSource, ...]:
    """The fact-check sources the sources file (PANTAU_SOURCES_FILE) declares."""
    if sources_file is None or not sources_file.is_file():
        return ()
    return _declared(str(sources_file), sources_file.stat().st_mtime_ns)


def declared_source(path: Path, sources_file: Path | None) -> FactCheckSource | None:
    """The declaration in `sources_file` this feed file matches, if any."""
    name = path.name.lower()
    for declared in declared_sources(sources_file):
        if declared.feed and fnmatch.fnmatch(name, declared.feed.lower()):
            return declared
        if not declared.feed and slugify(path.stem) == declared.source:
            return declared
    return None


def fact_check_id(publisher: str, link: str) -> str:
    """The key of a fact-check: (publisher, link)."""
    return stable_id(publisher, link, length=16)


def looks_like_fact_check_feed(titles: list[str]) -> bool:
    tagged = sum(1 for t in titles if split_verdict(t)[0] in VERDICTS)
    return bool(titles) and tagged >= max(1, len(titles) // 2)


class FactCheckRssConnector:
    """A declared fact-check feed, or one passed with --format factcheck-rss by the operator;
    without a declaration its publisher is `undeclared-<file name>`, never the feed's title."""

    name = "factcheck-rss"

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        feed = read_feed(path)
        declared = declared_source(path, settings.sources_file)
        # Never the feed's own title: a spoof calls itself whatever the genuine one is called.
        publisher = declared.publisher if declared else "undeclared-" + slugify(path.stem)
        for index, entry in enumerate(feed.entries, start=1):
            raw = repr(dict(entry))[:4000]
            try:
                yield self._record(index, entry, raw, publisher)
            except Exception as exc:  # one entry's failure is that entry's reason
                yield ParsedRecord(raw=raw, line_no=index, kind="fact_check",
                                   reason=error_reason(exc))

    @staticmethod
    def _record(index: int, entry: Any, raw: str, publisher: str) -> ParsedRecord:
        title = entry.get("title", "")
        parsed = parse_fact_check(title, entry_body(entry))
        link = entry.get("link")
        if not parsed["verdict"]:
            return ParsedRecord(raw=raw, line_no=index, kind="fact_check",
                                reason="fact-check title has no [VERDICT] tag")
        if not link:
            return ParsedRecord(raw=raw, line_no=index, kind="fact_check",
                                reason="fact-check has no link")
        fields = {
            "fact_check_id": fact_check_id(publisher, link),
            "publisher": publisher,
            "url": link,
            "title": strip_html(title),
            "published_at": entry_published(entry),
            **parsed,
        }
        return ParsedRecord(raw=raw, line_no=index, fields=fields, kind="fact_check")
