"""The Pantau post contract: which fields a record must have, and what each may hold."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pipelines.connectors.base import POST_FIELDS
from pipelines.connectors.dates import parse_datetime

MAX_TEXT_CHARS = 100_000


class InvalidRecord(ValueError):
    """The record breaks the contract; the message is the quarantine reason."""


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise InvalidRecord(f"field '{key}' must be a string, got {type(value).__name__}")
    text = str(value).strip()
    return text or None


def validate_post(record: dict[str, Any]) -> dict[str, Any]:
    """Return the typed post, or raise InvalidRecord with a reason a person can act on."""
    source = _optional_str(record, "source")
    if not source:
        raise InvalidRecord("missing 'source'")
    source_id = _optional_str(record, "id")
    if not source_id:
        raise InvalidRecord("missing 'id'")
    text = record.get("text")
    if not isinstance(text, str):
        raise InvalidRecord("missing 'text'" if text is None else "field 'text' must be a string")
    if not text.strip():
        raise InvalidRecord("empty 'text'")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidRecord(f"'text' longer than {MAX_TEXT_CHARS} characters")
    raw_date = record.get("published_at")
    published: datetime | None = None
    if isinstance(raw_date, str):
        published = parse_datetime(raw_date)
    if published is None:
        raise InvalidRecord(
            f"'published_at' is not an ISO 8601 date with offset: {str(raw_date)[:60]!r}"
        )
    shares = record.get("shares")
    if shares is not None:
        try:
            shares = int(shares)
        except (TypeError, ValueError):
            raise InvalidRecord(f"'shares' is not a number: {str(shares)[:30]!r}") from None
        if shares < 0:
            raise InvalidRecord("'shares' is negative")
    extra = {k: v for k, v in record.items() if k not in POST_FIELDS}
    return {
        "post_id": f"{source}:{source_id}",
        "source": source,
        "source_id": source_id,
        "platform": _optional_str(record, "platform"),
        "published_at": published,
        "author": _optional_str(record, "author"),
        "url": _optional_str(record, "url"),
        "title": _optional_str(record, "title"),
        "text": text,
        "lang_declared": _optional_str(record, "lang"),
        "region_hint": _optional_str(record, "region_hint"),
        "reply_to": _optional_str(record, "reply_to"),
        "shares": shares,
        "extra": json.dumps(extra, ensure_ascii=False, default=str) if extra else None,
    }


def validate_fact_check(record: dict[str, Any]) -> dict[str, Any]:
    claim = " — ".join(p for p in (record.get("claim"), record.get("quoted_narrative")) if p)
    if not claim.strip():
        raise InvalidRecord("fact-check has no claim")
    published = parse_datetime(record.get("published_at") or "")
    return {
        "fact_check_id": record["fact_check_id"],
        "publisher": record["publisher"],
        "url": record["url"],
        "title": record["title"],
        "verdict": record["verdict"],
        "claim": claim,
        "explanation": record.get("explanation"),
        "published_at": published,
    }
