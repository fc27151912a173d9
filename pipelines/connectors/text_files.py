"""Line reading that survives a BOM and invalid bytes; mojibake repair for parsed values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import ftfy

_MOJIBAKE_MARKERS = ("Ã", "â€", "Â")
LEGACY_SAMPLE = 1 << 20
# Bytes that Windows-1252 text (Excel on Windows, older news CMSs) is made of: € … ‘ ’ “ ” •
# – — ™, no-break space, © ® ° ² ³ · ½ and the accented letters; not ÿ þ, which random bytes
# and UTF-16 marks produce.
_LEGACY_BYTES = frozenset(
    [0x80, 0x85, *range(0x91, 0x98), 0x99, 0xA0, 0xA9, 0xAE, 0xB0, 0xB2, 0xB3, 0xB7, 0xBD,
     *range(0xC0, 0xFE)])
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def legacy_encoding(path: Path) -> str | None:
    """'cp1252' for a file written in Windows-1252, else None (UTF-8).

    Decided once per file from its first MiB: not valid UTF-8, not one valid multi-byte UTF-8
    sequence (a UTF-8 file with a few bad bytes stays UTF-8, and those lines are quarantined),
    and its high bytes are the punctuation and letters such text is made of. Detection, the
    header read and the line reader all ask; the answer is kept per (path, size, mtime), so a
    file is sampled once and a file rewritten in place is sampled again."""
    stat = path.stat()
    return _legacy_encoding(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _legacy_encoding(path: str, size: int, mtime_ns: int) -> str | None:
    with open(path, "rb") as handle:
        sample = handle.read(LEGACY_SAMPLE)
    try:
        sample.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        if len(sample) == LEGACY_SAMPLE and exc.start >= len(sample) - 3:
            return None  # a multi-byte character cut by the sample's end
    if _UTF8_MULTIBYTE.search(sample):
        return None
    high = [b for b in sample if b >= 0x80]
    return "cp1252" if sum(b in _LEGACY_BYTES for b in high) >= 0.95 * len(high) else None


def iter_text_lines(path: Path, limit: int) -> Iterator[tuple[int, str, str | None]]:
    """Yield (line_no, text, error); a line with invalid UTF-8 bytes is reported, not fatal.

    A Windows-1252 file (`legacy_encoding`) is decoded as such, every line of it.

    A line longer than `limit` bytes (PANTAU_MAX_LINE_BYTES) is never held whole: its first
    `limit` bytes come with the error "line longer than …" and the rest is skipped, so a file
    without newlines costs bounded memory (also during format detection).
    """
    if _utf16_bom(path):
        yield from _iter_utf16_lines(path, limit)
        return
    encoding = legacy_encoding(path)
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
                _skip_rest_of_line(handle, b"\n", 1 << 20)
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            raw = raw.rstrip(b"\r\n")
            if too_long:
                yield line_no, raw.decode("utf-8", errors="replace"), (
                    f"line longer than {limit} bytes (PANTAU_MAX_LINE_BYTES)")
                continue
            if encoding is not None:
                yield line_no, raw.decode(encoding, errors="replace"), None
                continue
            try:
                yield line_no, raw.decode("utf-8"), None
            except UnicodeDecodeError as exc:
                yield line_no, raw.decode("utf-8", errors="replace"), (
                    f"invalid UTF-8 at byte {exc.start}")


def _skip_rest_of_line(handle: Any, newline: Any, chunk: int) -> None:
    """Read past the end of an over-long line, ``chunk`` at a time (bytes or text handle)."""
    while True:
        rest = handle.readline(chunk)
        if not rest or rest.endswith(newline):
            return


def _utf16_bom(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) in (b"\xff\xfe", b"\xfe\xff")


def _iter_utf16_lines(path: Path, limit: int) -> Iterator[tuple[int, str, str | None]]:
    """Lines of a UTF-16 file with its byte-order mark (what Excel's "Unicode Text" and "CSV
    UTF-16" write), with the same guarantees as the UTF-8 reader: `limit` (bytes, so half as
    many characters) bounds a line, and a line with bytes that are not UTF-16 is reported."""
    chars = max(1, limit // 2)
    with open(path, encoding="utf-16", errors="replace", newline="") as handle:
        line_no = 0
        while True:
            line = handle.readline(chars + 1)
            if not line:
                return
            line_no += 1
            if len(line) > chars and not line.endswith("\n"):
                _skip_rest_of_line(handle, "\n", 1 << 19)
                yield line_no, line[:chars], (
                    f"line longer than {limit} bytes (PANTAU_MAX_LINE_BYTES)")
                continue
            line = line.rstrip("\r\n")
            if "\ufffd" in line:
                yield line_no, line, "invalid UTF-16 text in this line"
                continue
            yield line_no, line, None


def may_hold_mojibake(json_line: str) -> bool:
    """Whether a JSON text can decode to a string ``repair_mojibake`` would change: a marker
    is in it literally, or a ``\\u`` escape could produce one. False lets a reader skip the
    walk over every parsed value (most lines, a tenth of a big file's parsing time)."""
    return "\\u" in json_line or any(m in json_line for m in _MOJIBAKE_MARKERS)


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
