"""Streaming JSON for exports that can be large (Telegram result.json, X API pages).

Files are read with ijson (yajl2 C backend) in bounded memory: one message or one API page at a
time, never the whole file. Invalid UTF-8 bytes are replaced by U+FFFD on the way in, so one bad
byte costs the record that holds it (the connector quarantines records containing U+FFFD), not
the rest of the file.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import ijson

from pipelines.connectors.base import ConnectorError
from pipelines.connectors.common import depth_reason, loads_record, too_deep
from pipelines.connectors.text_files import iter_text_lines

if TYPE_CHECKING:
    from pipelines.settings import Settings

CHUNK = 64 * 1024
REPLACEMENT = "\ufffd"
JSON_ERRORS: tuple[type[Exception], ...] = (ijson.JSONError, ValueError)


class Utf8Cleaner:
    """A binary file whose bytes are valid UTF-8: BOM dropped, invalid bytes become U+FFFD."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._started = False
        self._done = False

    def read(self, size: int = -1) -> bytes:
        if size == 0 or self._done:
            return b""
        while True:
            chunk = self._raw.read(size if size and size > 0 else CHUNK)
            text = self._decoder.decode(chunk, final=not chunk)
            if not self._started and text:
                text = text.removeprefix("\ufeff")
                self._started = bool(text)
            if text:
                return text.encode("utf-8")
            if not chunk:
                self._done = True
                return b""


def has_invalid_bytes(value: Any) -> bool:
    if isinstance(value, str):
        return REPLACEMENT in value
    if isinstance(value, dict):
        return any(has_invalid_bytes(k) or has_invalid_bytes(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_invalid_bytes(v) for v in value)
    return False


def _first_byte(path: Path) -> bytes:
    with path.open("rb") as handle:
        head = handle.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
        while not head:
            more = handle.read(CHUNK)
            if not more:
                return b""
            head = more.lstrip()
        return head[:1]


def _first_line_is_json(path: Path, max_line_bytes: int) -> bool:
    for _, line, _error in iter_text_lines(path, max_line_bytes):
        if not line.strip():
            continue
        try:
            return isinstance(json.loads(line), dict)
        except (ValueError, RecursionError):
            return False
    return False


def json_layout(path: Path, max_line_bytes: int) -> str:
    """'lines' (JSON Lines), 'array', 'objects' (one or more, pretty-printed) or 'empty'."""
    first = _first_byte(path)
    if not first:
        return "empty"
    if first == b"[":
        return "array"
    if first == b"{":
        return "lines" if _first_line_is_json(path, max_line_bytes) else "objects"
    raise ConnectorError(f"{path.name} is not JSON (it starts with {first!r}).")


def iter_json_values(path: Path, settings: Settings) -> Iterator[tuple[int, Any, str | None]]:
    """Top-level values with their position: (line or item number, value, error).

    Reads JSON Lines (one value per line; a bad line is reported and reading goes on), a
    top-level array (item by item), or one or more concatenated (pretty-printed) objects.
    After a syntax error in the latter two the rest of the file cannot be read: one error is
    reported for it.
    """
    layout = json_layout(path, settings.max_line_bytes)
    if layout == "empty":
        return
    depth = settings.max_json_depth
    if layout == "lines":
        for line_no, line, decode_error in iter_text_lines(path, settings.max_line_bytes):
            if not line.strip():
                continue
            if decode_error:
                yield line_no, None, decode_error
                continue
            value, reason = loads_record(line, depth)
            yield line_no, value, reason
        return
    prefix, multiple = ("item", False) if layout == "array" else ("", True)
    yield from iter_json_items(path, prefix, depth, multiple)


def iter_json_items(path: Path, prefix: str, depth: int, multiple_values: bool = False
                    ) -> Iterator[tuple[int, Any, str | None]]:
    """The values under `prefix` (ijson syntax, e.g. 'data.item'), streamed; a value nested
    deeper than `depth` is an error; a syntax error ends the stream with one (position, None,
    error)."""
    position = 0
    try:
        for position, value in enumerate(stream_items(path, prefix, multiple_values), start=1):
            if too_deep(value, depth):
                yield position, None, depth_reason(depth)
            else:
                yield position, value, None
    except JSON_ERRORS as exc:
        yield position + 1, None, f"invalid JSON after item {position}: {json_error_text(exc)}"


def _overflow(exc: Exception) -> bool:
    return "integer overflow" in str(exc)


def stream_items(path: Path, prefix: str, multiple_values: bool = False) -> Iterator[Any]:
    """ijson.items over the file with the fast C backend; integers beyond 64 bits (valid JSON
    that yajl refuses) switch to the pure-Python backend, skipping what was already yielded."""
    backend: Any = ijson
    done = 0
    while True:
        try:
            with path.open("rb") as handle:
                items = backend.items(Utf8Cleaner(handle), prefix, use_float=True,
                                      multiple_values=multiple_values)
                for index, value in enumerate(items):
                    if index < done:
                        continue
                    done += 1
                    yield value
            return
        except JSON_ERRORS as exc:
            if backend is ijson and _overflow(exc):
                backend = ijson.get_backend("python")
                continue
            raise


def stream_events(path: Path) -> Iterator[tuple[str, str, Any]]:
    """ijson.parse events, with the same fallback for integers beyond 64 bits."""
    backend: Any = ijson
    done = 0
    while True:
        try:
            with path.open("rb") as handle:
                for index, event in enumerate(backend.parse(Utf8Cleaner(handle))):
                    if index < done:
                        continue
                    done += 1
                    yield event
            return
        except JSON_ERRORS as exc:
            if backend is ijson and _overflow(exc):
                backend = ijson.get_backend("python")
                continue
            raise


def json_error_text(exc: Exception) -> str:
    """yajl's message without the drawing of where it happened: 'parse error: premature EOF'."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return (lines[0] if lines else type(exc).__name__)[:200]
