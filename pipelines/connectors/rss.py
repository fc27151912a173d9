"""RSS 2.0 / Atom feeds of news portals and WordPress sites (most kim.id and regional portals)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from pipelines.connectors.base import ConnectorError, ParsedRecord
from pipelines.connectors.dates import parse_datetime

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def strip_html(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment or ""))).strip()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "feed"


def read_feed(path: Path) -> Any:
    if not path.exists():
        raise ConnectorError(f"Feed file not found: {path}")
    feed = feedparser.parse(path.read_bytes())
    if feed.bozo and not feed.entries:
        raise ConnectorError(f"{path} is not a readable RSS/Atom feed: {feed.bozo_exception}")
    return feed


def entry_published(entry: Any) -> str | None:
    """ISO text of the entry date, parsing Indonesian names feedparser does not know."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            parsed = parse_datetime(raw)
            if parsed is not None:
                return parsed.isoformat()
            return str(raw)
    return None


def entry_body(entry: Any) -> str:
    content = entry.get("content") or []
    if content:
        return strip_html(content[0].get("value", ""))
    return strip_html(entry.get("summary", ""))


class RssConnector:
    name = "rss"

    def parse(self, path: Path) -> Iterator[ParsedRecord]:
        feed = read_feed(path)
        # The file names the subscription (e.g. news-wartapantura.xml), as configured in the
        # sources file; channel titles change with site redesigns.
        source = slugify(path.stem)
        for index, entry in enumerate(feed.entries, start=1):
            title = strip_html(entry.get("title", ""))
            body = entry_body(entry)
            text = f"{title}. {body}".strip(". ") if body and not body.startswith(title) else body
            fields: dict[str, Any] = {
                "id": entry.get("id") or entry.get("link") or f"{path.name}#{index}",
                "text": text or title,
                "title": title or None,
                "published_at": entry_published(entry),
                "source": source,
                "url": entry.get("link"),
                "author": entry.get("author"),
                "platform": "news",
            }
            tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
            if tags:
                fields["categories"] = tags
            yield ParsedRecord(raw=repr(dict(entry))[:4000], line_no=index, fields=fields)
