"""Excel workbooks (.xlsx, .xlsm): the sheets KIM groups and desks keep their monitoring logs in.

Every worksheet is a table like a CSV (`csv_generic`): its first non-blank row is the header,
named through the same PANTAU_CSV_MAPPING and the same built-in column names, each later row a
record. Cells keep their types until here: a date cell becomes a date read in the CSV time
zone, a number an id or a count without a trailing ".0". Formulas give their last computed
value (what Excel shows). openpyxl streams the sheets (read-only mode), so a big workbook costs
a row at a time; with defusedxml installed (a Pantau dependency) it refuses XML bombs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.connectors.base import ConnectorError, ParsedRecord
from pipelines.connectors.csv_generic import resolve_columns, row_fields
from pipelines.connectors.csv_rows import unique_names
from pipelines.connectors.rss import slugify

if TYPE_CHECKING:
    from pipelines.settings import Settings

SUFFIXES = (".xlsx", ".xlsm")


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id or a count typed into a number cell
    return str(value)


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl's own errors: each means "not readable"
        raise ConnectorError(
            f"{path.name} is not a readable Excel workbook ({type(exc).__name__}: "
            f"{' '.join(str(exc).split())}); "
            "open it in Excel or LibreOffice and save it again as .xlsx or as CSV UTF-8."
        ) from None


def _sheet_rows(sheet: Any) -> Iterator[tuple[int, list[str | None]]]:
    for row_no, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell_text(v) for v in row]
        if any(c is not None and c.strip() for c in cells):
            yield row_no, cells


def workbook_headers(path: Path) -> list[list[str]]:
    """Each worksheet's header cells, for format detection."""
    book = _open(path)
    try:
        headers = []
        for sheet in book.worksheets:
            first = next(_sheet_rows(sheet), None)
            headers.append(unique_names([c or "" for c in first[1]]) if first else [])
        return headers
    finally:
        book.close()


class XlsxConnector:
    name = "xlsx"

    def __init__(self, mapping: dict[str, str] | None = None) -> None:
        self._mapping = mapping

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        mapping = self._mapping if self._mapping is not None else settings.csv_mapping
        default_source = "xlsx-" + slugify(path.stem)
        zone = settings.csv_timezone or settings.timezone
        book = _open(path)
        position = 0
        try:
            for sheet in book.worksheets:
                row_no = 0
                try:
                    rows = _sheet_rows(sheet)
                    first = next(rows, None)
                    if first is None:
                        continue
                    row_no = first[0]
                    header = unique_names([c or "" for c in first[1]])
                    columns = resolve_columns(header, mapping)
                    undated = "published_at" not in columns.values()
                    for row_no, cells in rows:
                        position += 1
                        yield _record(sheet.title, row_no, position, header, cells, columns,
                                      default_source, zone, undated, settings.max_line_bytes)
                except Exception as exc:  # a sheet broken part-way (bad XML, an XML bomb)
                    position += 1
                    yield ParsedRecord(
                        raw=json.dumps({"sheet": sheet.title, "after_row": row_no}),
                        line_no=position,
                        reason=f"sheet {sheet.title!r} unreadable after row {row_no} "
                               f"({type(exc).__name__}: {exc}); the rows before it were read")
        finally:
            book.close()


def _record(sheet: str, row_no: int, position: int, header: list[str],
            cells: list[str | None], columns: dict[str, str], default_source: str, zone: str,
            undated: bool, limit: int) -> ParsedRecord:
    # openpyxl pads every row to the sheet's width, so a cell past the header's last name sits
    # under a blank header cell, named column_N: kept with the post (in `extra`), not lost
    values = dict(zip(header, cells, strict=False))
    raw = json.dumps({"sheet": sheet, "row": row_no, "cells": values}, ensure_ascii=False,
                     default=str)
    where = f"sheet {sheet!r} row {row_no}"
    if len(raw.encode("utf-8")) > limit:
        return ParsedRecord(raw=raw[:limit], line_no=position,
                            reason=f"{where}: longer than {limit} bytes (PANTAU_MAX_LINE_BYTES)")
    fields = row_fields({k: v for k, v in values.items() if v is not None}, columns,
                        default_source, zone)
    return ParsedRecord(raw=raw, line_no=position, fields=fields,
                        meta={"undated": True} if undated else {})
