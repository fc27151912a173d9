"""Dates as Indonesian sites write them: RFC 822, ISO 8601, and Indonesian day/month names."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
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


# Spreadsheets and scrapers write dates without a zone, day first (Indonesian usage), with
# Indonesian or English month names, or as Unix time. Tried after parse_zoned, in this order.
_NAIVE_FORMATS = tuple(
    f"{day}{sep}{time}".strip() for day in (
        "%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d-%m-%y",
        "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y",
        "%d-%b-%y", "%d-%b-%Y", "%d %b %y", "%d %b, %Y", "%d %B, %Y",
    ) for sep, time in (("", ""), (" ", "%H:%M"), (" ", "%H:%M:%S"), ("T", "%H:%M:%S"),
                        (", ", "%H:%M"), (" ", "%I:%M %p"), (", ", "%I:%M %p"))
)
_WEEKDAY_PREFIX = re.compile(r"^\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", re.I)
_CLOCK_WORDS = re.compile(r"\s*\b(?:pukul|pkl\.?|jam|at)\b\s*", re.I)
_DOTTED_TIME = re.compile(r"(\d{1,2})\.(\d{2})(?=(?:[.:]\d{2})?\s*(?:[+-]\d{4}|[A-Za-z]*)\s*$)")
_TRAILING_OFFSET = re.compile(r"\s*(?:UTC|GMT)?\s*([+-]\d{2}):?(\d{2})\s*$")
# A date inside other words, as scrapers keep it: "Kompas.com- 02/07/2025, 07:20 WIB".
_EMBEDDED_DATE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:,? \d{1,2}:\d{2}(?::\d{2})?)?")
_EPOCH = re.compile(r"^\s*(\d{10}|\d{13})(?:\.\d+)?\s*$")


def parse_local(value: str, zone: str) -> datetime | None:
    """parse_zoned, else a spreadsheet-style date read in `zone` (WIB/WITA/WIT and numeric
    offsets still win): '2025-04-01 10:00', '01/04/2025', 'Senin, 1 April 2025 pukul 10.00',
    'April 1, 2025', '17-Aug-20', Unix seconds or milliseconds. None when it is no date."""
    zoned = parse_zoned(value)
    if zoned is not None:
        return zoned
    epoch = _EPOCH.match(value)
    if epoch:
        digits = epoch.group(1)
        seconds = int(digits) / (1000 if len(digits) == 13 else 1)
        return datetime.fromtimestamp(seconds, tz=UTC)
    text = _translate(value.strip())
    offset: timezone | None = None
    trailing = _TRAILING_OFFSET.search(text)
    if trailing:
        sign = -1 if trailing.group(1)[0] == "-" else 1
        hours, minutes = int(trailing.group(1)[1:]), int(trailing.group(2))
        offset = timezone(sign * timedelta(hours=hours, minutes=minutes))
        text = text[:trailing.start()]
    text = _WEEKDAY_PREFIX.sub("", _CLOCK_WORDS.sub(" ", text)).strip()
    text = _DOTTED_TIME.sub(r"\1:\2", text)
    for candidate in (text, *(m.group(0) for m in _EMBEDDED_DATE.finditer(text))):
        for fmt in _NAIVE_FORMATS:
            try:
                naive = datetime.strptime(candidate, fmt)
            except ValueError:
                continue
            return naive.replace(tzinfo=offset) if offset else localize(naive, zone)
    return None
