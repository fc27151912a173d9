"""Pantau JSONL: one post object per line, streamed so files of any size fit in memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.connectors.base import ParsedRecord
from pipelines.connectors.common import loads_record
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
