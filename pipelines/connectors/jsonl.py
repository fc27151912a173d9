"""Pantau JSONL: one post object per line (or a JSON array of them, or pretty-printed ones one
after another, as scrapers and `json.dump` write), streamed so files of any size fit in memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.connectors.base import ParsedRecord
from pipelines.connectors.common import loads_record
from pipelines.connectors.json_stream import has_invalid_bytes, iter_json_values, json_layout
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
        if (path.suffix.lower() not in (".jsonl", ".ndjson")  # lines, whatever they hold
                and json_layout(path, settings.max_line_bytes) in ("array", "objects")):
            yield from _parse_values(path, settings)
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
            yield ParsedRecord(raw=line, line_no=line_no,
                               fields=repair_mojibake(obj) if may_hold_mojibake(line) else obj)


def _parse_values(path: Path, settings: Settings) -> Iterator[ParsedRecord]:
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
            yield ParsedRecord(raw=raw, line_no=position, fields=repair_mojibake(value))
