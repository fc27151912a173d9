"""Telegram Desktop export of one channel or group (`result.json`, "Export chat history", JSON).

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

from pipelines.connectors.base import ConnectorError, ParsedRecord, connector_settings
from pipelines.connectors.common import (
    depth_reason,
    error_reason,
    json_raw,
    max_json_depth,
    non_negative_int,
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

# Telegram Desktop writes `date` in the exporting computer's local time without an offset;
# `date_unixtime` (exports since 2022) is exact. Without it the local time is read in
# PANTAU_TIMEZONE (default Asia/Jakarta, WIB); stored dates carry that zone's offset.
_MEDIA_KEYS = ("photo", "file", "media_type", "sticker_emoji", "poll", "location_information",
               "contact_information", "game_title", "invoice_information")
_LINK_TYPES = {"text_link", "link"}


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


def message_fields(message: dict[str, Any], source: str,
                   zone: str = "Asia/Jakarta") -> tuple[dict[str, Any] | None, str]:
    """The post fields, or None and the reason it is not a post (media only)."""
    text, links = message_text(message.get("text"))
    if not text.strip() and any(message.get(k) for k in _MEDIA_KEYS):
        return None, "media without text"
    fields: dict[str, Any] = {
        "id": message.get("id"),
        "text": text,
        "published_at": message_time(message, zone),
        "source": source,
        "platform": "telegram",
        "author": message.get("from"),
    }
    if message.get("reply_to_message_id") is not None:
        fields["reply_to"] = str(message["reply_to_message_id"])
    if message.get("forwarded_from") is not None:
        fields["forwarded"] = True
        fields["forwarded_from"] = message["forwarded_from"]
    if isinstance(message.get("author"), str):
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


class TelegramJsonConnector:
    name = "telegram-json"

    def parse(self, path: Path) -> Iterator[ParsedRecord]:
        header = read_header(path)
        if header is None:
            raise ConnectorError(
                f"{path.name} is not a Telegram chat export: no top-level 'messages' "
                "(export one chat as JSON from Telegram Desktop)."
            )
        name = header.get("name")
        name = repair_mojibake(name) if isinstance(name, str) else ""
        source = "tg-" + slugify(name or path.parent.name or path.stem)
        zone = connector_settings().timezone
        depth = max_json_depth()
        position = 0
        try:
            for position, message in enumerate(stream_items(path, "messages.item"), start=1):
                try:  # whatever one message does, it costs that message only
                    record = self._record(position, message, source, zone, depth)
                except Exception as exc:
                    record = ParsedRecord(raw=json_raw(message), line_no=position,
                                          reason=error_reason(exc))
                if record is not None:
                    yield record
        except JSON_ERRORS as exc:
            yield ParsedRecord(
                raw=f"<rest of {path.name} after message {position}>",
                line_no=position + 1,
                reason=f"invalid JSON after message {position}: {json_error_text(exc)}")

    @staticmethod
    def _record(position: int, message: Any, source: str, zone: str,
                depth: int = 64) -> ParsedRecord | None:
        if too_deep(message, depth):
            return ParsedRecord(raw=f"<message {position}, nested deeper than {depth}>",
                                line_no=position, reason=depth_reason(depth))
        raw = json_raw(message)
        if not isinstance(message, dict):
            return ParsedRecord(raw=raw, line_no=position,
                                reason=f"expected a message object, got {type(message).__name__}")
        if message.get("type", "message") != "message":
            return None  # service message: not a post, not a record
        if has_invalid_bytes(message):
            return ParsedRecord(raw=raw, line_no=position, reason="invalid UTF-8 bytes")
        fields, reason = message_fields(repair_mojibake(message), source, zone)
        if fields is None:
            return ParsedRecord(raw=raw, line_no=position, reason=reason)
        return ParsedRecord(raw=raw, line_no=position, fields=fields)
