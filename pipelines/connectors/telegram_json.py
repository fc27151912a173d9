"""Telegram Desktop JSON exports (`result.json`), in both layouts Telegram Desktop writes:

* one chat ("Export chat history"): top-level name/type/id and `messages`;
* the whole account ("Settings → Advanced → Export Telegram data"): `chats.list[…]` (and
  `left_chats.list[…]`), each chat with its own name/type/id and `messages`. Each chat becomes
  its own source, named as a one-chat export of it would be ("tg-<chat name>"); a one-to-one
  chat (personal, bot, saved messages) is named after a person, so its source is
  "tg-chat-<salted hash of the chat id>" and its authors are hashed the same way. The account's
  own data (contacts, personal_information, …) is never read into a record.

A message without `date` but with `date_unixtime` is dated from the latter; one without `id`
gets a stable id derived from its chat, time and text (the same on every re-ingest).

Streamed with ijson: a channel export of hundreds of MB is read one message at a time. Service
messages (`"type": "service"`: joins, pins, title changes) are not posts and are not records:
they are skipped and counted nowhere. A message with media and no text is a record that is
quarantined as "media without text", so the day still reconciles.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import ijson

from pipelines.connectors.base import ConnectorError, ParsedRecord
from pipelines.connectors.common import (
    depth_reason,
    error_reason,
    json_raw,
    non_negative_int,
    salted_hash,
    stable_id,
    too_deep,
)
from pipelines.connectors.dates import localize
from pipelines.connectors.json_stream import (
    JSON_ERRORS,
    has_invalid_bytes,
    json_error_text,
    stream_events,
    stream_items,
)
from pipelines.connectors.rss import slugify
from pipelines.connectors.text_files import repair_mojibake
from pipelines.deployment_salt import author_salt
from pipelines.settings import Settings

# Telegram Desktop writes `date` in the exporting computer's local time without an offset;
# `date_unixtime` (exports since 2022) is exact. Without it the local time is read in
# PANTAU_TIMEZONE (default Asia/Jakarta, WIB); stored dates carry that zone's offset.
_MEDIA_KEYS = ("photo", "file", "media_type", "sticker_emoji", "poll", "location_information",
               "contact_information", "game_title", "invoice_information")
_LINK_TYPES = {"text_link", "link"}
# Chat types named after a person (the account's contacts): their names never become a source.
_PERSONAL_CHATS = {"personal_chat", "bot_chat", "saved_messages"}
_ACCOUNT_LISTS = ("chats.list", "left_chats.list")
_SCALAR_EVENTS = {"string", "number", "boolean", "null"}


def export_layout(path: Path) -> str | None:
    """'chat' (top-level `messages`), 'account' (top-level `chats`) or None, streamed."""
    try:
        for prefix, event, value in stream_events(path):
            if prefix == "" and event == "map_key":
                if value == "messages":
                    return "chat"
                if value == "chats":
                    return "account"
    except JSON_ERRORS as exc:
        raise ConnectorError(f"{path.name} is not readable JSON: "
                             f"{json_error_text(exc)}") from None
    return None


def account_messages(path: Path) -> Iterator[tuple[int, dict[str, Any], Any]]:
    """(chat number, chat header, message) for every chat of a whole-account export.

    One pass over the parse events: a chat's name/type/id (written before its messages) are
    kept, and each message is built alone, so a chat of any size is never held in memory."""
    chat: dict[str, Any] = {}
    builder: Any = None
    chat_no = 0
    message_prefixes = {f"{base}.item.messages.item" for base in _ACCOUNT_LISTS}
    chat_prefixes = {f"{base}.item" for base in _ACCOUNT_LISTS}
    for prefix, event, value in stream_events(path):
        if builder is not None:
            builder.event(event, value)
            if prefix in message_prefixes and event in ("end_map", "end_array"):
                yield chat_no, chat, builder.value
                builder = None
            continue
        if prefix in message_prefixes:
            if event in ("start_map", "start_array"):
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
            elif event in _SCALAR_EVENTS:
                yield chat_no, chat, value
        elif prefix in chat_prefixes and event == "start_map":
            chat, chat_no = {}, chat_no + 1
        elif event in ("string", "number") and prefix.rsplit(".", 1)[0] in chat_prefixes:
            chat[prefix.rsplit(".", 1)[1]] = value


def read_header(path: Path) -> dict[str, Any] | None:
    """The export's top-level name/type/id, or None when there is no top-level `messages`."""
    header: dict[str, Any] = {}
    try:
        key = None
        for prefix, event, value in stream_events(path):
            if prefix == "" and event == "map_key":
                key = value
                if key == "messages":
                    return header
            elif prefix in ("name", "type", "id") and key == prefix and event in (
                    "string", "number"):
                header[prefix] = value
    except JSON_ERRORS as exc:
        raise ConnectorError(f"{path.name} is not readable JSON: "
                             f"{json_error_text(exc)}") from None
    return None


def message_text(value: Any) -> tuple[str, list[str]]:
    """Telegram's `text`: a string, or a list of strings and entity objects {type, text}."""
    if isinstance(value, str):
        return value, []
    if not isinstance(value, list):
        return "", []
    parts: list[str] = []
    links: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict):
            text = part.get("text")
            if isinstance(text, str):
                parts.append(text)
            href = part.get("href")
            if part.get("type") in _LINK_TYPES:
                link = href if isinstance(href, str) else text
                if isinstance(link, str) and link:
                    links.append(link)
    return "".join(parts), links


def message_time(message: dict[str, Any], zone: str = "Asia/Jakarta") -> str | Any:
    """ISO date with offset, from date_unixtime when present, else `date` read in WIB."""
    unix = message.get("date_unixtime")
    if unix is not None and not isinstance(unix, bool):
        try:
            stamp = datetime.fromtimestamp(int(str(unix).strip()), tz=UTC)
            return stamp.astimezone(ZoneInfo(zone)).isoformat()
        except (ValueError, OverflowError, OSError):
            pass
    raw = message.get("date")
    if isinstance(raw, str):
        try:
            parsed = datetime.fromisoformat(raw.strip())
        except ValueError:
            return raw  # the contract quarantines it with the value in the reason
        if parsed.tzinfo is None:
            parsed = localize(parsed, zone)
        return parsed.isoformat()
    return raw


def message_id(message: dict[str, Any], chat_key: str, text: str) -> Any:
    """The message's own id, or one derived from chat, time and text (stable on re-ingest)."""
    own = message.get("id")
    if own is not None and str(own).strip():
        return own
    return "h" + stable_id(chat_key, message.get("date_unixtime"), message.get("date"), text,
                           length=16)


def message_fields(message: dict[str, Any], source: str,
                   zone: str = "Asia/Jakarta", chat_key: str | None = None,
                   author_salt: str | None = None) -> tuple[dict[str, Any] | None, str]:
    """The post fields, or None and the reason it is not a post (media only).

    `author_salt`: hash the author's name (a one-to-one chat, where names are contacts)."""
    text, links = message_text(message.get("text"))
    if not text.strip() and any(message.get(k) for k in _MEDIA_KEYS):
        return None, "media without text"
    author = message.get("from")
    if author_salt is not None and author is not None:
        author = "hash:" + salted_hash(str(message.get("from_id") or author), author_salt)
    fields: dict[str, Any] = {
        "id": message_id(message, chat_key or source, text),
        "text": text,
        "published_at": message_time(message, zone),
        "source": source,
        "platform": "telegram",
        "author": author,
    }
    if message.get("reply_to_message_id") is not None:
        fields["reply_to"] = str(message["reply_to_message_id"])
    if message.get("forwarded_from") is not None:
        fields["forwarded"] = True
        fields["forwarded_from"] = message["forwarded_from"]
    if isinstance(message.get("author"), str) and author_salt is None:
        fields["signature"] = message["author"]  # a channel's signed-post author
    if links:
        fields["links"] = links
    if any(message.get(k) for k in _MEDIA_KEYS):
        fields["media"] = True
    reactions = message.get("reactions")
    if isinstance(reactions, list):
        total = sum(non_negative_int(r.get("count")) or 0 for r in reactions
                    if isinstance(r, dict))
        if total:
            fields["reactions"] = total
    return fields, ""


def chat_source(chat: dict[str, Any], fallback: str, salt: str) -> tuple[str, bool]:
    """(source, personal) for a chat header; a personal chat's source is a salted hash."""
    if chat.get("type") in _PERSONAL_CHATS:
        key = str(chat.get("id") or chat.get("name") or fallback)
        return "tg-chat-" + salted_hash(key, salt, 10), True
    name = chat.get("name")
    name = repair_mojibake(name) if isinstance(name, str) else ""
    return "tg-" + slugify(name or fallback), False


class TelegramJsonConnector:
    name = "telegram-json"

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        layout = export_layout(path)
        if layout is None:
            raise ConnectorError(
                f"{path.name} is not a Telegram export: no top-level 'messages' (one chat) nor "
                "'chats' (whole account); export as JSON from Telegram Desktop."
            )
        zone, depth = settings.timezone, settings.max_json_depth
        if layout == "account":
            yield from self._account(path, zone, author_salt(settings), depth)
            return
        header = read_header(path) or {}
        source, personal = chat_source(header, path.parent.name or path.stem,
                                       author_salt(settings))
        salt = author_salt(settings) if personal else None
        position = 0
        try:
            for position, message in enumerate(stream_items(path, "messages.item"), start=1):
                record = self._guarded(position, message, source, zone, salt, depth)
                if record is not None:
                    yield record
        except JSON_ERRORS as exc:
            yield ParsedRecord(
                raw=f"<rest of {path.name} after message {position}>",
                line_no=position + 1,
                reason=f"invalid JSON after message {position}: {json_error_text(exc)}")

    def _account(self, path: Path, zone: str, salt: str, depth: int
                 ) -> Iterator[ParsedRecord]:
        # line_no counts messages across the whole file (chats in order), for the quarantine.
        total, current = 0, -1
        source, personal = "", False
        try:
            for chat_no, chat, message in account_messages(path):
                total += 1
                if chat_no != current:
                    current = chat_no
                    source, personal = chat_source(chat, str(chat.get("id") or
                                                             f"chat-{chat_no}"), salt)
                record = self._guarded(total, message, source, zone,
                                      salt if personal else None, depth)
                if record is not None:
                    record.meta["chat"] = source
                    yield record
        except JSON_ERRORS as exc:
            yield ParsedRecord(
                raw=f"<rest of {path.name} after message {total}>", line_no=total + 1,
                reason=f"invalid JSON after message {total}: {json_error_text(exc)}")

    @classmethod
    def _guarded(cls, position: int, message: Any, source: str, zone: str,
                 salt: str | None, depth: int) -> ParsedRecord | None:
        if too_deep(message, depth):
            return ParsedRecord(raw=f"<message {position}, nested deeper than {depth}>",
                                line_no=position, reason=depth_reason(depth))
        try:  # whatever one message does, it costs that message only
            return cls._record(position, message, source, zone, salt)
        except Exception as exc:
            return ParsedRecord(raw=f"<message {position}>", line_no=position,
                                reason=error_reason(exc))

    @staticmethod
    def _record(position: int, message: Any, source: str, zone: str,
                author_salt: str | None = None) -> ParsedRecord | None:
        raw = json_raw(message)
        if not isinstance(message, dict):
            return ParsedRecord(raw=raw, line_no=position,
                                reason=f"expected a message object, got {type(message).__name__}")
        if message.get("type", "message") != "message":
            return None  # service message: not a post, not a record
        if has_invalid_bytes(message):
            return ParsedRecord(raw=raw, line_no=position, reason="invalid UTF-8 bytes")
        fields, reason = message_fields(repair_mojibake(message), source, zone,
                                        author_salt=author_salt)
        if fields is None:
            return ParsedRecord(raw=raw, line_no=position, reason=reason)
        return ParsedRecord(raw=raw, line_no=position, fields=fields)
