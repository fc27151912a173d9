"""Dates as Indonesian sites write them: RFC 822, ISO 8601, and Indonesian day/month names."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

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


# "2024-05-29 08:15:00 WIB" (CrowdTangle, spreadsheets): ISO-like with a zone name or offset.
_LOCAL_STAMP = re.compile(
    r"^\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})[ T](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"\s*(?P<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*$"
)
# Fixed offsets in hours. US names because CrowdTangle dashboards often run in a US zone.
ZONE_OFFSETS = {
    "WIB": 7, "WITA": 8, "WIT": 9, "UTC": 0, "GMT": 0, "Z": 0,
    "EDT": -4, "EST": -5, "PDT": -7, "PST": -8,
}


def parse_zoned(value: str) -> datetime | None:
    """Like parse_datetime, also reading 'YYYY-MM-DD HH:MM[:SS] WIB|+0700'; None if no zone."""
    match = _LOCAL_STAMP.match(value)
    if match:
        zone = (match.group("zone") or "").upper()
        if not zone:
            return None
        try:
            naive = datetime.fromisoformat(f"{match.group('date')}T{match.group('time')}")
        except ValueError:
            return None
        if zone in ZONE_OFFSETS:
            return naive.replace(tzinfo=timezone(timedelta(hours=ZONE_OFFSETS[zone])))
        if zone[0] in "+-":
            digits = zone[1:].replace(":", "")
            sign = 1 if zone[0] == "+" else -1
            try:
                offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
                return naive.replace(tzinfo=timezone(sign * offset))
            except ValueError:
                return None
        return None
    return parse_datetime(value)


def localize(naive: datetime, zone: str) -> datetime:
    """A wall-clock time read in `zone` (e.g. a chat export written on a phone in WIB)."""
    return naive.replace(tzinfo=ZoneInfo(zone))
