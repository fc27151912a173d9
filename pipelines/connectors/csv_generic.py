"""Any CSV with one post per row; its columns become Pantau fields by name.

A column becomes a field by, in order: PANTAU_CSV_MAPPING (JSON `{"csv column": "pantau
field"}`, e.g. `{"isi": "text", "tanggal": "published_at", "akun": "author"}`), its own name
when that is a field name (docs/connectors.md), or a common export header in Indonesian or
English (`isi`, `berita`, `narasi`, `FullText` → text; `tanggal`, `Date`, `created_at` →
published_at; `judul`, `Title` → title; …; see HEADER_NAMES). Other columns are kept in `extra`.
Dates without a zone are read in PANTAU_CSV_TIMEZONE (Asia/Jakarta); a CSV with no date column
at all is dated to its batch day (ingest notes how many). Without a `source` column the source
is "csv-<file name>"; without an `id` column the id is a hash of source, date and text, so the
same row ingested again is recognised as a duplicate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipelines.connectors.base import POST_FIELDS, ParsedRecord
from pipelines.connectors.common import parse_count, stable_id
from pipelines.connectors.csv_rows import iter_csv_rows, read_header
from pipelines.connectors.dates import parse_local
from pipelines.connectors.rss import slugify
from pipelines.settings import Settings

# Headers of real exports (spreadsheets, scrapers, dashboards), compared in lower case without
# spaces or punctuation; the first that a file has wins for each field.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "isi", "isiberita", "isipesan", "pesan", "message", "berita",
             "narasi", "konten", "caption", "body", "fulltext", "tweet", "tweettext",
             "fulltweet", "teks", "post", "posttext", "artikel", "article", "komentar",
             "comment", "hoaxtext"),
    "published_at": ("publishedat", "published", "tanggal", "tgl", "date", "datetime",
                     "createdat", "created", "timestamp", "waktu", "time", "postedat",
                     "postdate", "pubdate", "tanggalterbit", "tanggalposting"),
    "title": ("title", "judul", "headline", "subject"),
    "author": ("author", "penulis", "akun", "username", "user", "screenname", "pengirim",
               "sender", "from"),
    "url": ("url", "link", "tautan", "permalink", "posturl"),
    "source": ("source", "sumber", "kanal", "channel"),
    "id": ("id", "postid", "tweetid", "messageid", "idpost"),
    "shares": ("shares", "share", "sharecount", "dibagikan", "retweets", "retweetcount",
               "forwards"),
    "region_hint": ("regionhint", "wilayah", "daerah", "lokasi", "location", "region"),
    "platform": ("platform",),
    "lang": ("lang", "language", "bahasa"),
}


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def resolve_columns(header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """Column → name in the record: a Pantau field, or the column's own name (then `extra`)."""
    user = {k.strip().lower(): v for k, v in mapping.items()}
    out: dict[str, str] = {}
    for column in header:
        if column.strip().lower() in user:
            out[column] = user[column.strip().lower()]
    for column in header:
        if column not in out and column.strip() in POST_FIELDS and column.strip() not in \
                out.values():
            out[column] = column.strip()
    keys = {c: _key(c) for c in header if c not in out}
    for field, names in HEADER_NAMES.items():
        if field in out.values():
            continue
        for name in names:
            hit = next((c for c, k in keys.items() if k == name and c not in out), None)
            if hit is not None:
                out[hit] = field
                break
    taken = set(out.values())
    for column in header:  # the rest keep their names, never shadowing a field
        if column not in out:
            name = column.strip()
            out[column] = name if name not in taken and name not in POST_FIELDS else f"csv_{name}"
    return out


def mapped_columns(columns: list[str], mapping: dict[str, str]) -> list[str]:
    resolved = resolve_columns(columns, mapping)
    return [resolved[c] for c in columns]


def row_fields(values: dict[str, str], columns: dict[str, str], default_source: str,
               zone: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for column, cell in values.items():
        name = columns.get(column, column.strip())
        if cell is None or not cell.strip() or name in fields:
            continue
        fields[name] = cell.strip() if name != "text" else cell
    fields.setdefault("source", default_source)
    if "text" not in fields and isinstance(fields.get("title"), str):
        fields["text"] = fields["title"]  # a headline without a body is still the claim
    published = fields.get("published_at")
    if isinstance(published, str):
        parsed = parse_local(published, zone)
        if parsed is not None:
            fields["published_at"] = parsed.isoformat()
    if "shares" in fields:
        fields["shares"] = parse_count(fields["shares"])
    if "id" not in fields:
        fields["id"] = stable_id(fields["source"], fields.get("published_at"),
                                 str(fields.get("text", "")))
    return fields


class CsvConnector:
    name = "csv"

    def __init__(self, mapping: dict[str, str] | None = None) -> None:
        self._mapping = mapping

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        mapping = self._mapping if self._mapping is not None else settings.csv_mapping
        default_source = "csv-" + slugify(path.stem)
        columns = resolve_columns(read_header(path, settings.max_line_bytes), mapping)
        # No date column at all: the batch day dates the rows (ingest_parse), said in the notes.
        undated = "published_at" not in columns.values()
        zone = settings.csv_timezone or settings.timezone
        for row in iter_csv_rows(path, settings.max_line_bytes):
            if row.values is None:
                yield ParsedRecord(raw=row.raw, line_no=row.line_no, reason=row.reason)
                continue
            yield ParsedRecord(raw=row.raw, line_no=row.line_no,
                               fields=row_fields(row.values, columns, default_source, zone),
                               meta={"undated": True} if undated else {})
