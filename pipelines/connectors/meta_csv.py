"""Meta / CrowdTangle CSV exports of Facebook pages and groups and Instagram accounts.

Facebook: "Page Name" (or "Group Name"), "User Name", "Post Created" ("2024-05-29 08:15:00 WIB"
or with an offset), "Type", "Total Interactions", "Shares", "URL", "Message", "Link",
"Link Text", "Description", "Image Text". Instagram: "Account", "User Name", "Post Created",
"Type", "URL", "Description" (the caption), "Title". Column names are matched without regard
to case. One row is one post; the source is "fb-<user name>" or "ig-<user name>".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pipelines.connectors.base import ParsedRecord
from pipelines.connectors.common import non_negative_int, parse_count, stable_id
from pipelines.connectors.csv_rows import iter_csv_rows
from pipelines.connectors.dates import parse_zoned
from pipelines.connectors.rss import slugify
from pipelines.settings import Settings

_NAME_COLUMNS = ("page name", "group name", "account")
_TEXT_COLUMNS = ("message", "description")
_POST_PATH = re.compile(r"/(?:posts|videos|photos|permalink|p|reel|reels|tv)/([\w.-]+)")


def looks_like_meta_header(columns: list[str]) -> bool:
    names = {c.strip().lower() for c in columns}
    return ("post created" in names and "url" in names
            and any(c in names for c in _NAME_COLUMNS)
            and any(c in names for c in _TEXT_COLUMNS))


def _post_id(url: str | None, fallback: tuple[Any, ...]) -> str:
    if url:
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        if query.get("story_fbid"):
            return query["story_fbid"][0]
        match = _POST_PATH.search(parts.path)
        if match:
            return match.group(1)
        return stable_id(url)
    return stable_id(*fallback)


def meta_fields(row: dict[str, str]) -> dict[str, Any]:
    cell = {k.strip().lower(): (v.strip() if isinstance(v, str) else v) for k, v in row.items()}

    def get(*names: str) -> str | None:
        for name in names:
            value = cell.get(name)
            if value:
                return value
        return None

    url = get("url")
    instagram = "account" in cell or bool(url and "instagram.com" in url)
    handle = get("user name", "page name", "group name", "account") or "unknown"
    display = get("page name", "group name", "account")
    if instagram:
        text = get("description", "message", "title", "image text")
        title = get("title")
    else:
        message = get("message")
        if message:
            text = message
        else:  # a shared link without a message: what the reader sees is its card
            text = "\n".join(p for p in (get("link text"), get("description"),
                                         get("image text")) if p) or None
        title = get("link text")
    created = get("post created") or " ".join(
        p for p in (get("post created date"), get("post created time")) if p)
    parsed = parse_zoned(created) if created else None
    fields: dict[str, Any] = {
        "id": _post_id(url, (handle, created, (text or "")[:50])),
        "text": text,
        "published_at": parsed.isoformat() if parsed else created,
        "source": ("ig-" if instagram else "fb-") + slugify(handle),
        "platform": "instagram" if instagram else "facebook",
        "author": display or handle,
        "url": url,
        "title": title,
    }
    shares = get("shares")
    if shares is not None:
        fields["shares"] = parse_count(shares)
    for column, name in (("total interactions", "interactions"), ("likes", "likes"),
                         ("comments", "comments"), ("post views", "views"),
                         ("views", "views")):
        count = non_negative_int(get(column))
        if count is not None:
            fields.setdefault(name, count)
    for column, name in (("type", "post_type"), ("link", "link"), ("final link", "final_link"),
                         ("image text", "image_text"), ("description", "description")):
        value = get(column)
        if value and (not text or value not in text):
            fields[name] = value
    return fields


class MetaCsvConnector:
    name = "meta-csv"

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        for row in iter_csv_rows(path, settings.max_line_bytes):
            if row.values is None:
                yield ParsedRecord(raw=row.raw, line_no=row.line_no, reason=row.reason)
                continue
            yield ParsedRecord(raw=row.raw, line_no=row.line_no, fields=meta_fields(row.values))
