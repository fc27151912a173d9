"""Connectors by format name; adding a source is one module and one line here.

docs/connectors.md describes every format, what becomes a record, and what is quarantined.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipelines.connectors.base import Connector, ConnectorError, ParsedRecord, check_file_size
from pipelines.connectors.csv_generic import CsvConnector, mapped_columns
from pipelines.connectors.csv_rows import read_header
from pipelines.connectors.factcheck_rss import FactCheckRssConnector, declared_source
from pipelines.connectors.jsonl import JsonlConnector, names_a_text_column
from pipelines.connectors.meta_csv import MetaCsvConnector, looks_like_meta_header
from pipelines.connectors.rss import RssConnector, read_feed
from pipelines.connectors.telegram_json import TelegramJsonConnector
from pipelines.connectors.text_files import iter_text_lines
from pipelines.connectors.whatsapp_txt import (
    WhatsAppTxtConnector,
    looks_like_whatsapp,
    private_file_name,
)
from pipelines.connectors.whatsapp_zip import WhatsAppZipConnector, private_zip_name
from pipelines.connectors.x_json import XJsonConnector, looks_like_x_page
from pipelines.connectors.xlsx import SUFFIXES as XLSX_SUFFIXES
from pipelines.connectors.xlsx import XlsxConnector, workbook_headers
from pipelines.settings import Settings

CONNECTORS: dict[str, Connector] = {
    c.name: c for c in (
        JsonlConnector(), RssConnector(), FactCheckRssConnector(), XJsonConnector(),
        TelegramJsonConnector(), WhatsAppTxtConnector(), WhatsAppZipConnector(), MetaCsvConnector(),
        CsvConnector(), XlsxConnector(),
    )
}

__all__ = ["CONNECTORS", "Connector", "ConnectorError", "ParsedRecord", "check_file_size",
           "detect_format", "get_connector", "stored_file_name"]

_SNIFF_EVENTS = 200_000  # enough for the keys of an X page of 100 posts; bounded for huge files


def get_connector(name: str) -> Connector:
    try:
        return CONNECTORS[name]
    except KeyError:
        known = ", ".join(sorted(CONNECTORS))
        raise ConnectorError(f"Unknown format '{name}'. Known formats: {known}, auto.") from None


def _cannot_tell(path: Path, why: str = "") -> ConnectorError:
    return ConnectorError(
        f"Cannot tell the format of {path.name}{': ' + why if why else ''}; "
        f"pass --format ({', '.join(sorted(CONNECTORS))})."
    )


def _first_json_line(path: Path, max_line_bytes: int) -> Any:
    for _, line, _error in iter_text_lines(path, max_line_bytes):
        if line.strip():
            try:
                return json.loads(line)
            except (ValueError, RecursionError):
                return None
    return None


def sniff_json(path: Path, mapping: dict[str, str] | None = None) -> str | None:
    """'x-json', 'telegram-json' or (post objects with a text column, Pantau's ``text`` or an
    export's as `mapping` and the CSV names tell, in an array or one after another) 'jsonl'
    from the keys, streamed; None when none of them."""
    from pipelines.connectors.json_stream import JSON_ERRORS, stream_events

    keys: set[str] = set()
    first_item_keys: set[str] = set()
    array_item_keys: set[str] = set()
    try:
        for count, (prefix, event, value) in enumerate(stream_events(path)):
            if event == "map_key" and prefix == "":
                keys.add(value)
                if value in ("messages", "chats"):  # one chat, or the whole account
                    return "telegram-json"
            elif event == "map_key" and prefix in ("item", "data.item"):
                first_item_keys.add(value)
                if prefix == "item":
                    array_item_keys.add(value)
            elif event == "end_map" and prefix in ("item", "data.item"):
                break  # the first object of a top-level array or of `data` decides
            if {"data", "includes"} <= keys or count > _SNIFF_EVENTS:
                break
    except JSON_ERRORS:
        pass  # a file broken later on may still have shown its keys
    if looks_like_x_page(dict.fromkeys(keys)) or looks_like_x_page(dict.fromkeys(first_item_keys)):
        return "x-json"
    if "data" in keys and {"author_id", "edit_history_tweet_ids"} & first_item_keys:
        return "x-json"  # a response cut short before `includes`
    for found in (array_item_keys, keys):  # an array of post objects, or pretty-printed ones
        if found and names_a_text_column(sorted(found), mapping or {}):
            return "jsonl"
    return None


def detect_format(path: Path, settings: Settings) -> str:
    """Pick a connector from the file name and, where the name is not enough, the content
    (read with `settings`' limits; a feed is a fact-check feed when its sources file says so)."""
    if not path.exists():
        raise ConnectorError(f"Input file not found: {path}")
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        first = _first_json_line(path, settings.max_line_bytes)
        return "x-json" if looks_like_x_page(first) else "jsonl"
    if suffix in {".xml", ".rss", ".atom"}:
        # Only a declared source is a fact-check feed: never its file name, never its titles.
        read_feed(path)  # an unreadable feed is refused here, with the reason
        declared = declared_source(path, settings.sources_file)
        return "factcheck-rss" if declared is not None else "rss"
    if suffix == ".json":
        found = sniff_json(path, settings.csv_mapping)
        if found:
            return found
        if looks_like_x_page(_first_json_line(path, settings.max_line_bytes)):
            return "x-json"
        raise _cannot_tell(path, "JSON that is neither an X API response, a Telegram export "
                                 "nor objects with a text field (name it in "
                                 "PANTAU_CSV_MAPPING, e.g. '{\"isi\": \"text\"}')")
    if suffix in {".csv", ".tsv"}:
        header = read_header(path, settings.max_line_bytes)
        if looks_like_meta_header(header):
            return "meta-csv"
        if "text" in mapped_columns(header, settings.csv_mapping):
            return "csv"
        raise _cannot_tell(path, "a CSV without Meta/CrowdTangle columns nor a text column "
                                 f"(its columns: {', '.join(header[:12]) or 'none'}; name the "
                                 "text column in PANTAU_CSV_MAPPING, e.g. "
                                 '\'{"isi": "text", "tanggal": "published_at"}\')')
    if suffix in XLSX_SUFFIXES:
        headers = workbook_headers(path)  # an unreadable workbook is refused here, with the reason
        if any("text" in mapped_columns(h, settings.csv_mapping) for h in headers):
            return "xlsx"
        first = next((h for h in headers if h), [])
        raise _cannot_tell(path, "a workbook with no sheet whose header names a text column "
                                 f"(first header: {', '.join(first[:12]) or 'none'}; name the "
                                 "text column in PANTAU_CSV_MAPPING, e.g. "
                                 '\'{"isi": "text", "tanggal": "published_at"}\')')
    if suffix == ".xls":
        raise ConnectorError(f"{path.name} is an old Excel 97-2003 workbook, which Pantau does "
                             "not read: open it in Excel or LibreOffice and save it as .xlsx or "
                             "as CSV UTF-8.")
    if suffix == ".zip":
        return "whatsapp-zip"  # the only zipped export a phone sends; it checks the inside
    if suffix == ".txt" or not suffix:
        if looks_like_whatsapp(path, settings.max_line_bytes):
            return "whatsapp-txt"
        # Excel's "Unicode Text" is a tab-separated table saved as .txt
        header = read_header(path, settings.max_line_bytes)
        if len(header) > 1 and "text" in mapped_columns(header, settings.csv_mapping):
            return "csv"
        raise _cannot_tell(path, "not a WhatsApp chat export, nor a table with a text column")
    raise _cannot_tell(path)


def stored_file_name(path: Path, settings: Settings) -> str:
    """The file name kept in the warehouse (source_file, runs.detail): the real one, except
    for a one-to-one chat export, whose name is a person's name or phone number and is
    replaced by a salted hash."""
    return private_file_name(path, settings) or private_zip_name(path, settings) or path.name
