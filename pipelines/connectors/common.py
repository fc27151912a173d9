"""Small helpers the connectors share: stable ids, raw-record text, counts as people write them."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import Any

RAW_LIMIT = 20_000  # the quarantine keeps this much of a raw record
# = pipelines.post_contract.MAX_TEXT_CHARS (not imported: the contract imports this package).
MAX_TEXT_CHARS = 100_000


def stable_id(*parts: object, length: int = 20) -> str:
    """The same inputs give the same id on every re-ingest."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:length]


def salted_hash(value: str, salt: str, length: int = 16) -> str:
    """Keyed hash of a personal identifier (HMAC-SHA256): comparable, not reversible."""
    digest = hmac.new(salt.encode("utf-8"), value.encode("utf-8", "replace"), hashlib.sha256)
    return digest.hexdigest()[:length]


def json_raw(obj: Any) -> str:
    """A parsed record as the quarantine keeps it."""
    try:
        text = json.dumps(obj, ensure_ascii=False, default=str)
    except (TypeError, ValueError):  # e.g. circular structures: never fail on the raw copy
        text = repr(obj)
    return text[:RAW_LIMIT]


_COUNT = re.compile(r"^[+]?\d{1,3}(?:[.,\s]\d{3})+$|^[+]?\d+$")


def parse_count(value: Any) -> Any:
    """'1,234' / '1.234' / 12 / 12.0 -> int; blank -> None; anything else unchanged (so the
    contract quarantines it with the value in the reason)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    text = str(value).strip()
    if not text:
        return None
    if _COUNT.match(text):
        return int(re.sub(r"[^\d]", "", text))
    return value


def non_negative_int(value: Any) -> int | None:
    """An int >= 0, or None for anything else (metrics are optional; bad ones are dropped)."""
    counted = parse_count(value)
    if isinstance(counted, int) and not isinstance(counted, bool) and counted >= 0:
        return counted
    return None
