"""Fact-check feeds (TurnBackHoax/Mafindo style): the verdict tag, the claim, the explanation."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipelines.connectors.base import ParsedRecord
from pipelines.connectors.rss import entry_body, entry_published, read_feed, slugify, strip_html

VERDICTS = (
    "HOAKS", "HOAX", "SALAH", "DISINFORMASI", "MISINFORMASI", "MISLEADING", "KLARIFIKASI",
    "PENIPUAN", "FITNAH", "BENAR", "BELUM TERBUKTI", "SATIRE", "PARODI", "KONTEN MENYESATKAN",
    "KONTEKS KELIRU", "KONTEN PALSU", "KONTEN YANG DIMANIPULASI", "MENYESATKAN",
)
_TAG = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*")
_QUOTED = re.compile(r"narasi\s*:?\s*[\"“”']\s*(.+?)\s*[\"“”']", re.IGNORECASE | re.DOTALL)
_EXPLAIN = re.compile(r"PENJELASAN\s*:?\s*(.+?)(?:REFERENSI\s*:|$)", re.IGNORECASE | re.DOTALL)


def split_verdict(title: str) -> tuple[str | None, str]:
    """'[HOAKS] Vaksin berisi chip' -> ('HOAKS', 'Vaksin berisi chip')."""
    match = _TAG.match(title)
    if not match:
        return None, title.strip()
    return match.group(1).upper(), title[match.end():].strip()


def parse_fact_check(title: str, body: str) -> dict[str, Any]:
    verdict, claim = split_verdict(strip_html(title))
    quoted = _QUOTED.search(body)
    explanation = _EXPLAIN.search(body)
    return {
        "verdict": verdict,
        "claim": claim,
        "quoted_narrative": quoted.group(1).strip() if quoted else None,
        "explanation": explanation.group(1).strip() if explanation else None,
    }


def looks_like_fact_check_feed(titles: list[str]) -> bool:
    tagged = sum(1 for t in titles if split_verdict(t)[0] in VERDICTS)
    return bool(titles) and tagged >= max(1, len(titles) // 2)


class FactCheckRssConnector:
    name = "factcheck-rss"

    def parse(self, path: Path) -> Iterator[ParsedRecord]:
        feed = read_feed(path)
        publisher = slugify(feed.feed.get("title") or path.stem)
        for index, entry in enumerate(feed.entries, start=1):
            raw = repr(dict(entry))[:4000]
            title = entry.get("title", "")
            parsed = parse_fact_check(title, entry_body(entry))
            link = entry.get("link")
            if not parsed["verdict"]:
                yield ParsedRecord(raw=raw, line_no=index, kind="fact_check",
                                   reason="fact-check title has no [VERDICT] tag")
                continue
            if not link:
                yield ParsedRecord(raw=raw, line_no=index, kind="fact_check",
                                   reason="fact-check has no link")
                continue
            fields = {
                "fact_check_id": hashlib.sha1(link.encode("utf-8")).hexdigest()[:16],
                "publisher": publisher,
                "url": link,
                "title": strip_html(title),
                "published_at": entry_published(entry),
                **parsed,
            }
            yield ParsedRecord(raw=raw, line_no=index, fields=fields, kind="fact_check")
