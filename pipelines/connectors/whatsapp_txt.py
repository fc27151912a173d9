"""WhatsApp chat export (.txt, "Export chat" → "Without media") from Android and iOS phones.

Line formats (Indonesian and English locales):

    29/05/24 08.15 - Nama: pesan                 Android, Bahasa Indonesia
    [29/05/24 08.15.23] Nama: pesan              iOS, Bahasa Indonesia
    5/29/24, 8:15 AM - Name: message             Android, English (US)
    [29/05/2024, 08:15:23] Name: message         iOS, English (UK)

A line that does not start with a date is the continuation of the message above. Day/month
order is read from the file itself (a first number above 12 means day first); without evidence,
12-hour times mean month first (US) and 24-hour times day first. Times are local to the phone
and are read in PANTAU_TIMEZONE (default Asia/Jakarta).

What becomes what:
* a message with text: a record (post); media lines inside it are dropped, `media: true`;
* a media-only message ("<Media tidak disertakan>", "gambar tidak disertakan", …) and a deleted
  message: a record that is quarantined ("media without text", "deleted message") so that the
  day reconciles;
* system lines (encryption notice, "X menambahkan Y", "X keluar", subject changes …): not posts,
  not records; skipped and counted nowhere;
* a forwarded marker ("Diteruskan", "Forwarded", "Diteruskan berkali-kali" on the first line or
  as a "[Diteruskan]" prefix) is removed from the text and kept as `forwarded: true`.

Authors shown as phone numbers (contacts the exporter has not saved) are personal data: they are
replaced by a salted hash (`hash:<16 hex>`, salt PANTAU_AUTHOR_SALT), in the record and in the
raw copy that quarantine keeps; the number itself is never stored. Names are kept.

Ids are a hash of (chat name from the file name, timestamp, author, first 50 characters), so
ingesting the same export again gives the same ids; the 2nd, 3rd … identical key in the same
minute gets its occurrence number added. Files are read twice, line by line (once for the date
order, once to parse): memory stays bounded whatever the size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pipelines.connectors.base import ConnectorError, ParsedRecord
from pipelines.connectors.common import MAX_TEXT_CHARS, RAW_LIMIT, salted_hash, stable_id
from pipelines.connectors.dates import localize
from pipelines.connectors.rss import slugify
from pipelines.connectors.text_files import iter_text_lines, repair_mojibake
from pipelines.deployment_salt import author_salt
from pipelines.settings import Settings

_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_SP = r"[ \u202f\u00a0]"
_DATE = r"(?P<date>\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4})"
_TIME = (r"(?P<time>\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)"
         rf"(?:{_SP}?(?P<ampm>[AaPp]\.?{_SP}?[Mm]\.?))?")
ANDROID_LINE = re.compile(rf"^{_DATE},?{_SP}{_TIME}{_SP}[-–]{_SP}(?P<rest>.*)$")
IOS_LINE = re.compile(rf"^\[{_DATE},?{_SP}{_TIME}\]{_SP}(?P<rest>.*)$")
_AUTHOR = re.compile(r"^(?P<author>[^:\"“”\n]{1,100}?):(?:[ \u202f\u00a0](?P<text>.*))?$",
                     re.DOTALL)
_PHONE = re.compile(r"^\+?[\d\s\-().\u00a0]{8,24}$")
_MEDIA_LINE = re.compile(
    r"^(?:<\s*(?:media tidak disertakan|media omitted|media dihapus)\s*>"
    r"|(?:gambar|foto|video|audio|stiker|dokumen|gif|kartu kontak|pesan suara)\s+tidak"
    r"\s+disertakan"
    r"|(?:image|photo|video|audio|sticker|document|gif|contact card|voice message)\s+omitted"
    r"|<\s*(?:lampiran|attached)\s*:[^>]*>"
    r"|\S.*\s\((?:file terlampir|file attached)\)"
    r"|null)$", re.IGNORECASE)
_MEDIA_TAIL = re.compile(r"\s(?:tidak disertakan|omitted)$", re.IGNORECASE)  # iOS, after U+200E
_DELETED = re.compile(r"^(?:pesan ini (?:telah )?dihapus|this message was deleted"
                      r"|anda menghapus pesan ini|you deleted this message)\.?$", re.IGNORECASE)
_EDITED = re.compile(r"\s*<\s*(?:pesan ini diedit|this message was edited)\s*>\s*$",
                     re.IGNORECASE)
_FORWARD_LINE = re.compile(r"^[<\[(]?\s*(?:diteruskan|forwarded)(?P<many>\s+berkali-kali|"
                           r"\s+many times)?\s*[>\])]?:?$", re.IGNORECASE)
_FORWARD_PREFIX = re.compile(r"^[<\[(]\s*(?:diteruskan|forwarded)(?P<many>\s+berkali-kali|"
                             r"\s+many times)?\s*[>\])]\s*", re.IGNORECASE)
_EXPORT_PREFIX = re.compile(
    r"^(?:whatsapp chat with|whatsapp chat -|chat whatsapp dengan|chat whatsapp -|"
    r"obrolan whatsapp dengan|whatsapp chat|chat whatsapp)\s*", re.IGNORECASE)


# The marker is searched for in the last characters only: a search over the whole text would
# restart its leading \s* at every space of a long run (quadratic).
_EDITED_TAIL = 200


def strip_edited(text: str) -> tuple[str, bool]:
    """The text without a trailing "<Pesan ini diedit>" marker, and whether it had one."""
    tail_start = max(0, len(text) - _EDITED_TAIL)
    match = _EDITED.search(text, tail_start)
    if match is None:
        return text, False
    return text[:match.start()].strip(), True


def _strip_marks(text: str) -> str:
    return text.lstrip(_MARKS)


def match_header(line: str) -> re.Match[str] | None:
    clean = _strip_marks(line)
    return IOS_LINE.match(clean) or ANDROID_LINE.match(clean)


def looks_like_whatsapp(path: Path, max_line_bytes: int, lines: int = 30) -> bool:
    """True when one of the first non-empty lines is a WhatsApp message line."""
    seen = 0
    for _, line, _error in iter_text_lines(path, max_line_bytes):
        if not line.strip():
            continue
        if match_header(line):
            return True
        seen += 1
        if seen >= lines:
            break
    return False


def chat_name(path: Path) -> str:
    """'WhatsApp Chat with Grup Warga RT 05 (1).txt' -> 'Grup Warga RT 05'."""
    stem = path.stem
    if stem.lower() in {"_chat", "chat", ""}:  # iOS: _chat.txt inside "WhatsApp Chat - X/"
        stem = path.parent.name
    stem = _EXPORT_PREFIX.sub("", stem)
    stem = re.sub(r"\s*\(\d+\)$", "", stem).strip()
    return stem or "chat"


def is_one_to_one(path: Path, name: str, max_line_bytes: int, headers: int = 500) -> bool:
    """A private chat: at most two people write, and one of them is the person the chat (and
    the file) is named after. Read from the first `headers` message lines; lines the app
    wrote (iOS marks them with U+200E, and names a group as their author) do not count."""
    wanted = name.strip(_MARKS + " ~").casefold()
    authors: set[str] = set()
    seen = 0
    for _, line, _error in iter_text_lines(path, max_line_bytes):
        match = match_header(line)
        if match is None:
            continue
        split = _AUTHOR.match(match.group("rest"))
        if split and not (split.group("text") or "").startswith("\u200e"):
            authors.add(split.group("author").strip(_MARKS + " ~\u202f").casefold())
            if len(authors) > 2:
                return False
        seen += 1
        if seen >= headers:
            break
    return wanted in authors


def private_file_name(path: Path, settings: Settings) -> str | None:
    """For the export of a one-to-one chat (named after a phone number or a person): a file
    name that does not say who, `whatsapp-chat-<salted hash>.txt`; None for anything else."""
    if path.suffix.lower() not in (".txt", "") or not path.is_file():
        return None
    if not looks_like_whatsapp(path, settings.max_line_bytes):
        return None
    name = chat_name(path)
    if is_phone_number(name):
        key = _digits(name)
    elif is_one_to_one(path, name, settings.max_line_bytes):
        key = name.casefold()
    else:
        return None
    return f"whatsapp-chat-{salted_hash(key, author_salt(settings), 12)}{path.suffix}"


def is_phone_number(text: str) -> bool:
    clean = text.strip(_MARKS + " ~")
    return bool(_PHONE.match(clean)) and sum(c.isdigit() for c in clean) >= 8


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def detect_date_order(path: Path, max_line_bytes: int) -> tuple[str, int]:
    """('dmy' | 'mdy' | 'ymd', number of message lines seen before deciding)."""
    dayfirst = monthfirst = twelve_hour = False
    headers = 0
    for _, line, _error in iter_text_lines(path, max_line_bytes):
        match = match_header(line)
        if not match:
            continue
        headers += 1
        parts = re.split(r"[/.\-]", match.group("date"))
        if len(parts[0]) == 4:
            return "ymd", headers
        first, second = int(parts[0]), int(parts[1])
        dayfirst = dayfirst or first > 12
        monthfirst = monthfirst or second > 12
        twelve_hour = twelve_hour or bool(match.group("ampm"))
        if dayfirst != monthfirst:
            break
    if dayfirst and not monthfirst:
        return "dmy", headers
    if monthfirst and not dayfirst:
        return "mdy", headers
    return ("mdy" if twelve_hour else "dmy"), headers


def parse_stamp(date_text: str, time_text: str, ampm: str | None, order: str) -> datetime | None:
    segments = re.split(r"[/.\-]", date_text)
    parts = [int(p) for p in segments]
    if len(segments[0]) == 4 or order == "ymd":
        year, month, day = parts
    elif order == "mdy":
        month, day, year = parts
    else:
        day, month, year = parts
    if year < 100:
        year += 2000
    clock = [int(p) for p in re.split(r"[.:]", time_text)]
    hour, minute, second = clock[0], clock[1], clock[2] if len(clock) > 2 else 0
    if ampm:
        if hour > 12:
            return None
        hour %= 12
        if ampm.strip().lower().startswith("p"):
            hour += 12
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


@dataclass
class _Message:
    line_no: int
    header: str
    stamp: datetime | None
    stamp_text: str
    author: str | None
    author_hashed: bool
    lines: list[str] = field(default_factory=list)
    size: int = 0
    raw_size: int = 0
    raw: list[str] = field(default_factory=list)
    decode_error: str | None = None
    system: bool = False

    def add(self, line: str, raw: str) -> None:
        if self.size <= MAX_TEXT_CHARS + 1:  # past the limit the contract quarantines it anyway
            self.lines.append(line)
            self.size += len(line) + 1
        if self.raw_size < RAW_LIMIT:
            self.raw.append(raw)
            self.raw_size += len(raw) + 1


class WhatsAppTxtConnector:
    name = "whatsapp-txt"

    def __init__(self, salt: str | None = None) -> None:
        self._salt = salt

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        if not path.exists():
            raise ConnectorError(f"Chat file not found: {path}")
        limit = settings.max_line_bytes
        order, headers = detect_date_order(path, limit)
        if headers == 0:
            raise ConnectorError(
                f"{path.name} is not a WhatsApp chat export: no line starts with a date and "
                "time such as '29/05/24 08.15 - ' or '[29/05/24 08.15.23] '."
            )
        salt = self._salt if self._salt is not None else author_salt(settings)
        zone = settings.timezone
        name = chat_name(path)
        if is_phone_number(name):
            source = "wa-chat-" + salted_hash(_digits(name), salt, 10)
            chat_key = source
        elif is_one_to_one(path, name, limit):  # the chat is named after the other person
            source = "wa-chat-" + salted_hash(name.casefold(), salt, 10)
            chat_key = name
        else:
            source = "wa-" + slugify(name)
            chat_key = name
        state = _ParseState()
        current: _Message | None = None
        orphan: list[tuple[int, str]] = []
        for line_no, line, decode_error in iter_text_lines(path, limit):
            match = match_header(line)
            if match is None:
                if current is None:
                    if line.strip():
                        orphan.append((line_no, line))
                    continue
                current.add(line, line)
                if decode_error and current.decode_error is None:
                    current.decode_error = f"{decode_error} (line {line_no})"
                continue
            if orphan:
                yield _orphan_record(orphan)
                orphan = []
            if current is not None:
                record = self._finish(current, path, source, chat_key, zone, state)
                if record is not None:
                    yield record
            current = self._start(line_no, match, order, salt)
            if decode_error:
                current.decode_error = f"{decode_error} (line {line_no})"
        if orphan:
            yield _orphan_record(orphan)
        if current is not None:
            record = self._finish(current, path, source, chat_key, zone, state)
            if record is not None:
                yield record

    @staticmethod
    def _start(line_no: int, match: re.Match[str], order: str, salt: str) -> _Message:
        stamp = parse_stamp(match.group("date"), match.group("time"), match.group("ampm"), order)
        stamp_text = match.group(0)[: match.start("rest")].strip()
        rest = match.group("rest")
        split = _AUTHOR.match(rest)
        if split is None:  # Android system line: "Budi menambahkan Ani", encryption notice
            message = _Message(line_no, stamp_text, stamp, stamp_text, None, False, system=True)
            message.add(rest, rest)
            return message
        author_text = split.group("author").strip(_MARKS + " ")
        text = split.group("text") or ""
        hashed = is_phone_number(author_text)
        if hashed:
            author: str = "hash:" + salted_hash(_digits(author_text), salt)
        else:
            author = author_text.lstrip("~").strip(_MARKS + " \u202f") or author_text
        header = f"{stamp_text} {author}:"
        message = _Message(line_no, header, stamp, stamp_text, author, hashed)
        message.add(text, f"{header} {text}")
        return message

    def _finish(self, message: _Message, path: Path, source: str, chat_key: str, zone: str,
                state: _ParseState) -> ParsedRecord | None:
        if message.system:
            return None
        raw = "\n".join(message.raw)[:RAW_LIMIT]
        line_no = message.line_no
        if message.decode_error:
            return ParsedRecord(raw=raw, line_no=line_no, reason=message.decode_error)
        lines = list(message.lines)
        first = lines[0] if lines else ""
        app_text = first.startswith("\u200e")  # iOS marks text the app wrote, not the person
        forwarded = False
        many = False
        if lines:
            stripped = _strip_marks(first).strip()
            forward = _FORWARD_LINE.match(stripped)
            prefix = _FORWARD_PREFIX.match(stripped)
            if forward:
                forwarded, many = True, bool(forward.group("many"))
                lines = lines[1:]
            elif prefix:
                forwarded, many = True, bool(prefix.group("many"))
                lines[0] = stripped[prefix.end():]
        media = False
        kept: list[str] = []
        for line in lines:
            clean = _strip_marks(line).strip()
            if _MEDIA_LINE.match(clean) or (line.startswith("\u200e") and
                                            _MEDIA_TAIL.search(clean)):
                media = True
                continue
            kept.append(line)
        text = "\n".join(kept).strip()
        text, edited = strip_edited(text)
        if _DELETED.match(_strip_marks(text)):
            return ParsedRecord(raw=raw, line_no=line_no, reason="deleted message (no text)")
        if not text and media:
            return ParsedRecord(raw=raw, line_no=line_no, reason="media without text")
        if app_text and not media and not forwarded:
            return None  # iOS system notice ("‎Budi menambahkan Ani", call notices)
        if message.stamp is None:
            return ParsedRecord(raw=raw, line_no=line_no,
                                reason=f"unreadable date/time {message.stamp_text!r}")
        published = localize(message.stamp, zone)
        text = repair_mojibake(text)
        author = repair_mojibake(message.author)
        key = (published.isoformat(), author, text[:50])
        occurrence = state.count(published, key)
        parts: list[object] = [chat_key, *key]
        if occurrence > 1:
            parts.append(occurrence)
        fields: dict[str, object] = {
            "id": stable_id(*parts),
            "text": text,
            "published_at": published.isoformat(),
            "source": source,
            "platform": "whatsapp",
            "author": author,
        }
        if forwarded:
            fields["forwarded"] = True
        if many:
            fields["forwarded_many_times"] = True
        if media:
            fields["media"] = True
        if edited:
            fields["edited"] = True
        if message.author_hashed:
            fields["author_hashed"] = True
        return ParsedRecord(raw=raw, line_no=line_no, fields=fields)


class _ParseState:
    """Occurrences of (time, author, text start) within the current minute only: bounded."""

    def __init__(self) -> None:
        self._stamp: datetime | None = None
        self._seen: dict[tuple[str, str | None, str], int] = {}

    def count(self, stamp: datetime, key: tuple[str, str | None, str]) -> int:
        if stamp != self._stamp:
            self._stamp = stamp
            self._seen = {}
        self._seen[key] = self._seen.get(key, 0) + 1
        return self._seen[key]


def _orphan_record(lines: list[tuple[int, str]]) -> ParsedRecord:
    raw = "\n".join(text for _, text in lines)[:RAW_LIMIT]
    return ParsedRecord(raw=raw, line_no=lines[0][0],
                        reason="text before the first message line (not a WhatsApp message)")
