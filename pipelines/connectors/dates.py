"""Dates as Indonesian sites write them: RFC 822, ISO 8601, and Indonesian day/month names."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

_ID_MONTHS = {
    "januari": "Jan", "jan": "Jan", "februari": "Feb", "feb": "Feb", "pebruari": "Feb",
    "maret": "Mar", "mar": "Mar", "april": "Apr", "apr": "Apr", "mei": "May",
    "juni": "Jun", "jun": "Jun", "juli": "Jul", "jul": "Jul", "agustus": "Aug", "agu": "Aug",
    "agt": "Aug", "ags": "Aug", "september": "Sep", "sep": "Sep", "sept": "Sep",
    "oktober": "Oct", "okt": "Oct", "november": "Nov", "nov": "Nov", "nopember": "Nov",
    "desember": "Dec", "des": "Dec",
}
_ID_DAYS = {
    "sen": "Mon", "senin": "Mon", "sel": "Tue", "selasa": "Tue", "rab": "Wed", "rabu": "Wed",
    "kam": "Thu", "kamis": "Thu", "jum": "Fri", "jumat": "Fri", "jum'at": "Fri",
    "sab": "Sat", "sabtu": "Sat", "min": "Sun", "minggu": "Sun", "ahad": "Sun",
}
_WORD = re.compile(r"[A-Za-z']+")
_ZONES = {"WIB": "+0700", "WITA": "+0800", "WIT": "+0900"}


def _translate(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if word.upper() in _ZONES:
            return _ZONES[word.upper()]
        return _ID_MONTHS.get(low) or _ID_DAYS.get(low) or word

    return _WORD.sub(swap, text)


def parse_datetime(value: str) -> datetime | None:
    """An aware datetime, or None when the text is not a date with a known offset."""
    text = value.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None:
        try:
            parsed = parsedate_to_datetime(_translate(text))
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None or parsed.tzinfo is None:
        return None
    return parsed
