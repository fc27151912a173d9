"""RSS 2.0 / Atom feeds of news portals and WordPress sites (most kim.id and regional portals)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from pipelines.connectors.base import ConnectorError, ParsedRecord, connector_settings
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


def _with_title(title: str, body: str) -> str:
    return f"{title}. {body}".strip(". ") if body and not body.startswith(title) else body


class RssConnector:
    """RSS/Atom items as posts; with `fetch_articles` (PANTAU_FETCH_ARTICLES or
    `pantau ingest --fetch-articles`) the text is the linked page's main text instead of the
    feed's summary (see article_fetch.py)."""

    name = "rss"

    def __init__(self, fetcher: Any = None) -> None:
        self._fetcher = fetcher

    def _article_fetcher(self) -> Any:
        if self._fetcher is not None:
            return self._fetcher
        settings = connector_settings()
        if not settings.fetch_articles:
            return None
        from pipelines.connectors.article_fetch import ArticleFetcher

        return ArticleFetcher(cache_dir=settings.home / "cache" / "articles")

    def parse(self, path: Path) -> Iterator[ParsedRecord]:
        feed = read_feed(path)
        # The file names the subscription (e.g. news-wartapantura.xml), as configured in the
        # sources file; channel titles change with site redesigns.
        source = slugify(path.stem)
        fetcher = self._article_fetcher()
        for index, entry in enumerate(feed.entries, start=1):
            title = strip_html(entry.get("title", ""))
            body = entry_body(entry)
            text = _with_title(title, body)
            article = fetcher.fetch(entry["link"]) if fetcher and entry.get("link") else None
            if article is not None and article.text:
                text = _with_title(title, article.text)
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
            if article is not None:
                fields["article_fetch"] = article.status
                if article.text and body:
                    fields["summary"] = body
            tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
            if tags:
                fields["categories"] = tags
            yield ParsedRecord(raw=repr(dict(entry))[:4000], line_no=index, fields=fields)
