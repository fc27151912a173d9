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
        try:
            text = repr(obj)
        except RecursionError:
            text = f"<unprintable {type(obj).__name__}>"
    except RecursionError:  # nested deeper than the stack: the reason says so
        text = f"<{type(obj).__name__} nested too deeply to print>"
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


def too_deep(value: Any, limit: int) -> bool:
    """True when `value` nests lists/dicts deeper than `limit`; iterative, so a 50,000-deep
    record cannot exhaust the stack here (it would in json.dumps, ftfy or the contract)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, (dict, list)))
    return False


def depth_reason(limit: int) -> str:
    return f"JSON nested deeper than {limit} levels (PANTAU_MAX_JSON_DEPTH)"


def loads_record(text: str, limit: int) -> tuple[Any, str | None]:
    """json.loads with a depth limit: (value, None) or (None, reason). Deep nesting makes the
    C decoder raise RecursionError, which must stay this line's problem."""
    try:
        value = json.loads(text)
    except RecursionError:
        return None, depth_reason(limit)
    except ValueError as exc:
        return None, f"invalid JSON: {getattr(exc, 'msg', exc)}"
    if too_deep(value, limit):
        return None, depth_reason(limit)
    return value, None


def error_reason(exc: BaseException) -> str:
    """A record-level failure as a one-line quarantine reason."""
    if isinstance(exc, RecursionError):
        return "record nested too deeply to read (RecursionError)"
    detail = " ".join(str(exc).split())[:200]
    return f"unreadable record ({type(exc).__name__}{': ' + detail if detail else ''})"
