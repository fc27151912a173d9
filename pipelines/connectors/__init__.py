"""Connectors by format name; adding a source is one module and one line here."""

from __future__ import annotations

from pathlib import Path

from pipelines.connectors.base import Connector, ConnectorError, ParsedRecord
from pipelines.connectors.factcheck_rss import FactCheckRssConnector, looks_like_fact_check_feed
from pipelines.connectors.jsonl import JsonlConnector
from pipelines.connectors.rss import RssConnector, read_feed

CONNECTORS: dict[str, Connector] = {
    c.name: c for c in (JsonlConnector(), RssConnector(), FactCheckRssConnector())
}

__all__ = ["CONNECTORS", "Connector", "ConnectorError", "ParsedRecord", "detect_format",
           "get_connector"]


def get_connector(name: str) -> Connector:
    try:
        return CONNECTORS[name]
    except KeyError:
        known = ", ".join(sorted(CONNECTORS))
        raise ConnectorError(f"Unknown format '{name}'. Known formats: {known}, auto.") from None


def detect_format(path: Path) -> str:
    """Pick a connector from the file name and, for feeds, from the titles' verdict tags."""
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix in {".xml", ".rss", ".atom"}:
        if path.name.lower().startswith(("factcheck", "fact-check", "cekfakta")):
            return "factcheck-rss"
        feed = read_feed(path)
        titles = [e.get("title", "") for e in feed.entries]
        return "factcheck-rss" if looks_like_fact_check_feed(titles) else "rss"
    raise ConnectorError(
        f"Cannot tell the format of {path.name}; pass --format ({', '.join(sorted(CONNECTORS))})."
    )
