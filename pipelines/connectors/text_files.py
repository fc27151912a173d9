"""Line reading that survives a BOM and invalid bytes; mojibake repair for parsed values."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ftfy

_MOJIBAKE_MARKERS = ("Ã", "â€", "Â")


def iter_text_lines(path: Path) -> Iterator[tuple[int, str, str | None]]:
    """Yield (line_no, text, error); a line with invalid UTF-8 bytes is reported, not fatal."""
    with path.open("rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            raw = raw.rstrip(b"\r\n")
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
