"""Any CSV with one post per row; columns are renamed to Pantau fields by PANTAU_CSV_MAPPING.

The mapping is JSON `{"csv column": "pantau field"}`, e.g.
`{"isi": "text", "tanggal": "published_at", "akun": "author"}`; columns not in it keep their
name (identity), so a CSV already using the field names of docs/connectors.md needs none.
Columns that are not Pantau fields are kept in `extra`. Without a `source` column the source is
"csv-<file name>"; without an `id` column the id is a hash of source, date and text, so the same
row ingested again is recognised as a duplicate.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipelines.connectors.base import ParsedRecord
from pipelines.connectors.common import parse_count, stable_id
from pipelines.connectors.csv_rows import iter_csv_rows
from pipelines.connectors.dates import parse_zoned
from pipelines.connectors.rss import slugify
from pipelines.settings import Settings


def mapped_columns(columns: list[str], mapping: dict[str, str]) -> list[str]:
    lowered = {k.strip().lower(): v for k, v in mapping.items()}
    return [lowered.get(c.strip().lower(), c.strip()) for c in columns]


def row_fields(values: dict[str, str], mapping: dict[str, str], default_source: str
               ) -> dict[str, Any]:
    lowered = {k.strip().lower(): v for k, v in mapping.items()}
    fields: dict[str, Any] = {}
    for column, cell in values.items():
        name = lowered.get(column.strip().lower(), column.strip())
        if cell is None or not cell.strip() or name in fields:
            continue
        fields[name] = cell.strip() if name != "text" else cell
    fields.setdefault("source", default_source)
    published = fields.get("published_at")
    if isinstance(published, str):
        parsed = parse_zoned(published)
        if parsed is not None:
            fields["published_at"] = parsed.isoformat()
    if "shares" in fields:
        fields["shares"] = parse_count(fields["shares"])
    if "id" not in fields and isinstance(fields.get("text"), str):
        fields["id"] = stable_id(fields["source"], fields.get("published_at"), fields["text"])
    return fields


class CsvConnector:
    name = "csv"

    def __init__(self, mapping: dict[str, str] | None = None) -> None:
        self._mapping = mapping

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        mapping = self._mapping if self._mapping is not None else settings.csv_mapping
        default_source = "csv-" + slugify(path.stem)
        for row in iter_csv_rows(path, settings.max_line_bytes):
            if row.values is None:
                yield ParsedRecord(raw=row.raw, line_no=row.line_no, reason=row.reason)
                continue
            yield ParsedRecord(raw=row.raw, line_no=row.line_no,
                               fields=row_fields(row.values, mapping, default_source))
