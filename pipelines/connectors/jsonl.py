"""Pantau JSONL: one post object per line (or a JSON array of them, or pretty-printed ones one
after another, as scrapers and `json.dump` write), streamed so files of any size fit in memory.

An object with Pantau's own `text` field is a post as it stands (typed fields, the contract's
names). One without it is read as a table row when its keys name a text column the way a CSV
header would (`PANTAU_CSV_MAPPING`, or an export's own names: `content`, `isi`, `caption`,
`date`, …): a scraper's output such as `{"content": …, "date": …, "url": …}` is then read like
the same data saved as CSV (`csv_generic.row_fields`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.connectors.base import ParsedRecord
from pipelines.connectors.common import loads_record
from pipelines.connectors.csv_generic import mapped_columns, resolve_columns, row_fields
from pipelines.connectors.json_stream import has_invalid_bytes, iter_json_values, json_layout
from pipelines.connectors.rss import slugify
from pipelines.connectors.text_files import (
    iter_text_lines,
    may_hold_mojibake,
    repair_mojibake,
)

if TYPE_CHECKING:
    from pipelines.settings import Settings


class JsonlConnector:
    name = "jsonl"

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        rows = _TableRows(path, settings)
        if (path.suffix.lower() not in (".jsonl", ".ndjson")  # lines, whatever they hold
                and json_layout(path, settings.max_line_bytes) in ("array", "objects")):
            yield from _parse_values(path, settings, rows)
            return
        depth = settings.max_json_depth
        for line_no, line, decode_error in iter_text_lines(path, settings.max_line_bytes):
            if decode_error:
                yield ParsedRecord(raw=line, line_no=line_no, reason=decode_error)
                continue
            if not line.strip():
                continue
            obj, reason = loads_record(line, depth)
            if reason is not None:
                yield ParsedRecord(raw=line, line_no=line_no, reason=reason)
                continue
            if not isinstance(obj, dict):
                yield ParsedRecord(
                    raw=line, line_no=line_no,
                    reason=f"expected a JSON object, got {type(obj).__name__}",
                )
                continue
            yield ParsedRecord(raw=line, line_no=line_no, fields=rows.fields(
                repair_mojibake(obj) if may_hold_mojibake(line) else obj))


def names_a_text_column(keys: list[str], mapping: dict[str, str]) -> bool:
    """Whether an object with these keys is a post: Pantau's `text`, or a table's text column."""
    return "text" in keys or "text" in mapped_columns(keys, mapping)


class _TableRows:
    """Objects without Pantau's `text` read as table rows; the column names of each key set
    are resolved once (a file's objects mostly share one)."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self._mapping = settings.csv_mapping
        self._zone = settings.csv_timezone or settings.timezone
        self._source = "json-" + slugify(path.stem)
        self._columns: dict[tuple[str, ...], dict[str, str]] = {}

    def fields(self, obj: dict[str, Any]) -> dict[str, Any]:
        if "text" in obj:
            return obj
        keys = tuple(obj)
        if keys not in self._columns:
            self._columns[keys] = resolve_columns(list(keys), self._mapping)
        columns = self._columns[keys]  # with no text column the contract says "missing 'text'"
        values = {k: _cell(v) for k, v in obj.items() if v is not None}
        return row_fields(values, columns, self._source, self._zone)


def _cell(value: Any) -> str:
    """A JSON value as a table cell: a user object by its handle (scrapers nest the author as
    {"username": …}), anything else as text or JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("username", "screen_name", "name"):
            if isinstance(value.get(key), str):
                return str(value[key])
    return json.dumps(value, ensure_ascii=False)


def _parse_values(path: Path, settings: Settings, rows: _TableRows) -> Iterator[ParsedRecord]:
    """The objects of a JSON array (or of concatenated objects), one record each; a syntax
    error ends the file with one quarantined record for the rest (`iter_json_values`)."""
    for position, value, error in iter_json_values(path, settings):
        raw = "" if value is None else json.dumps(value, ensure_ascii=False, default=str)
        if error is not None:
            yield ParsedRecord(raw=raw, line_no=position, reason=error)
        elif not isinstance(value, dict):
            yield ParsedRecord(raw=raw, line_no=position,
                               reason=f"expected a JSON object, got {type(value).__name__}")
        elif has_invalid_bytes(value):
            yield ParsedRecord(raw=raw, line_no=position, reason="invalid UTF-8 bytes")
        else:
            yield ParsedRecord(raw=raw, line_no=position,
                               fields=rows.fields(repair_mojibake(value)))
