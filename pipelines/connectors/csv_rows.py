"""CSV rows streamed line by line: BOM, invalid bytes and broken rows become reasons, not crashes.

The delimiter is sniffed from the header line (`,` `;` or tab: Indonesian Excel writes `;`).
Quoted cells may span lines; a row is reported at the line where it starts. Memory is bounded
by the csv module's field limit (an unterminated quote cannot swallow the whole file).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipelines.connectors.base import ConnectorError
from pipelines.connectors.common import RAW_LIMIT
from pipelines.connectors.text_files import iter_text_lines, repair_mojibake

DELIMITERS = (",", ";", "\t", "|")


@dataclass
class CsvRow:
    line_no: int
    raw: str
    values: dict[str, str] | None  # header -> cell; None when the row is unusable
    reason: str | None = None


def sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def unique_names(names: list[str]) -> list[str]:
    """Header cells as column names: trimmed, blanks named column_N, repeats numbered."""
    seen: dict[str, int] = {}
    out = []
    for index, name in enumerate(names, start=1):
        clean = name.strip().lstrip("\ufeff").strip() or f"column_{index}"
        seen[clean] = seen.get(clean, 0) + 1
        out.append(clean if seen[clean] == 1 else f"{clean}_{seen[clean]}")
    return out


def read_header(path: Path, max_line_bytes: int) -> list[str]:
    """The header cells (for format detection); [] for an empty file."""
    for _, line, _error in iter_text_lines(path, max_line_bytes):
        if line.strip():
            try:
                return unique_names(next(csv.reader([line], delimiter=sniff_delimiter(line)), []))
            except csv.Error:
                return []
    return []


def iter_csv_rows(path: Path, max_line_bytes: int) -> Iterator[CsvRow]:
    """Each non-blank data row with its header; malformed rows carry a reason."""
    if not path.exists():
        raise ConnectorError(f"CSV file not found: {path}")
    lines = iter_text_lines(path, max_line_bytes)
    header: list[str] | None = None
    delimiter = ","
    header_line_no = 0
    for line_no, line, error in lines:
        if not line.strip():
            continue
        if error:
            raise ConnectorError(f"{path.name}: the header line has invalid bytes ({error}).")
        delimiter = sniff_delimiter(line)
        try:
            header = unique_names(next(csv.reader([line], delimiter=delimiter), []))
        except csv.Error as exc:
            raise ConnectorError(f"{path.name}: the header line is not CSV ({exc}).") from None
        header_line_no = line_no
        break
    if not header:
        return

    bad_lines: dict[int, str] = {}
    pending: list[tuple[int, str]] = []
    pending_size = 0

    def feed() -> Iterator[str]:
        nonlocal pending_size
        for line_no, line, error in lines:
            if error:
                bad_lines[line_no] = error
            if pending_size < RAW_LIMIT:
                pending.append((line_no, line))
                pending_size += len(line) + 1
            else:
                pending.append((line_no, ""))  # keep the line number, not the text
            yield line + "\n"

    reader = csv.reader(feed(), delimiter=delimiter, strict=False)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield _take(pending, f"unreadable CSV row: {exc}", bad_lines, header_line_no)
            pending_size = 0
            continue
        record = _take(pending, None, bad_lines, header_line_no)
        pending_size = 0
        if not any(c.strip() for c in cells):
            continue  # a blank row is not a record
        if record.reason is not None:
            yield record
            continue
        if len(cells) != len(header):
            record.reason = f"row has {len(cells)} cells, the header has {len(header)}"
            yield record
            continue
        record.values = {name: repair_mojibake(cell) for name, cell in zip(header, cells,
                                                                            strict=True)}
        yield record


def _take(pending: list[tuple[int, str]], reason: str | None, bad_lines: dict[int, str],
          header_line_no: int) -> CsvRow:
    first = pending[0][0] if pending else header_line_no + 1
    raw = "\n".join(text for _, text in pending)[:RAW_LIMIT]
    errors = [f"{bad_lines.pop(n)} (line {n})" for n, _ in pending if n in bad_lines]
    pending.clear()
    if reason is None and errors:
        reason = errors[0]
    return CsvRow(line_no=first, raw=raw, values=None, reason=reason)
