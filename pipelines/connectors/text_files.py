"""Line reading that survives a BOM and invalid bytes; mojibake repair for parsed values."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ftfy

_MOJIBAKE_MARKERS = ("Ã", "â€", "Â")


def iter_text_lines(path: Path, limit: int) -> Iterator[tuple[int, str, str | None]]:
    """Yield (line_no, text, error); a line with invalid UTF-8 bytes is reported, not fatal.

    A line longer than `limit` bytes (PANTAU_MAX_LINE_BYTES) is never held whole: its first
    `limit` bytes come with the error "line longer than …" and the rest is skipped, so a file
    without newlines costs bounded memory (also during format detection).
    """
    with path.open("rb") as handle:
        line_no = 0
        while True:
            raw = handle.readline(limit + 1)
            if not raw:
                return
            line_no += 1
            too_long = len(raw) > limit and not raw.endswith(b"\n")
            if too_long:
                raw = raw[:limit]
                while True:  # skip to the end of the over-long line, a chunk at a time
                    rest = handle.readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            raw = raw.rstrip(b"\r\n")
            if too_long:
                yield line_no, raw.decode("utf-8", errors="replace"), (
                    f"line longer than {limit} bytes (PANTAU_MAX_LINE_BYTES)")
                continue
            try:
                yield line_no, raw.decode("utf-8"), None
            except UnicodeDecodeError as exc:
                yield line_no, raw.decode("utf-8", errors="replace"), (
                    f"invalid UTF-8 at byte {exc.start}")


def repair_mojibake(value: Any) -> Any:
    """Text that went through Windows-1252 once too often; ftfy is slow, so only when it shows.

    Applied to parsed values, not raw lines: ftfy would otherwise turn curly quotes into
    straight ones and break the JSON around them.
    """
    if isinstance(value, str):
        if any(m in value for m in _MOJIBAKE_MARKERS):
            return ftfy.fix_text(value, uncurl_quotes=False)
        return value
    if isinstance(value, dict):
        return {k: repair_mojibake(v) for k, v in value.items()}
    if isinstance(value, list):
        return [repair_mojibake(v) for v in value]
    return value
