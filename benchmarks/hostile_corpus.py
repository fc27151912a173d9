"""Hostile corpus: thousands of generated hostile records through every connector.

    .venv/bin/python benchmarks/hostile_corpus.py                 # 5,600 records, JSON figures
    .venv/bin/python benchmarks/hostile_corpus.py --per-kind 20 --out benchmarks/results/x.json

For each connector a file is written holding, per payload kind, `per_kind` records carrying it
(deep nesting, lines over the line cap, invalid UTF-8, NUL bytes, regex-adversarial text, 1 MB
posts, zero-width floods, RTL overrides, HTML/JS/CSS) mixed with ordinary posts, plus spoofed
fact-check feeds (verdict tags, a fact-checker's file name, undeclared). Every file goes through
`parse_files`, the ingest stage's own parsing and validation; the accepted texts then go through
`normalize_texts` and the briefing's `redact`. Figures:

* records written, records received, crashes (any exception but a ConnectorError refusing the
  whole file with a message) — must be 0;
* unaccounted: received − (stored + duplicates + quarantined) — must be 0; and lost: written −
  received for the formats where one written record is one received record — must be 0;
* quarantine reasons by kind, seconds per stage.

All content is synthetic.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DAY = date(2026, 11, 20)
STAMP = "2026-11-20T08:15:00+07:00"
BIG = 1_000_000

# Payload kinds: text (str) or raw bytes that replace the text cell as they are.
PAYLOADS: dict[str, Callable[[int], str | bytes]] = {
    "ordinary": lambda i: f"Tanggul Sungai Wulan jebol? BPBD: tidak benar, warga tenang {i}",
    "deep_nesting": lambda i: "[" * 100_000,
    "huge_line": lambda i: "x" * 1_500_000,  # over PANTAU_MAX_LINE_BYTES as set below
    "one_mb_post": lambda i: ("Hoaks vaksin chip 5G sebarkan! " * (BIG // 31 + 1))[:BIG],
    "invalid_utf8": lambda i: b"Vaksin \xff\xfe\xc3 berisi chip " + str(i).encode(),
    "nul_bytes": lambda i: f"Bansos\x00 lewat tautan\x00\x00 {i}",
    "regex_email": lambda i: "a" * 50_000 + " @",
    "regex_spaces": lambda i: "a" + " " * 50_000 + "b",
    "regex_comments": lambda i: "<!--" * 12_000,
    "regex_domains": lambda i: "a-" * 25_000 + " kompas.com",
    "regex_phones": lambda i: "0812 " * 10_000,
    "zero_width_flood": lambda i: "\u200b\u200c\u200d\ufeff" * 12_000 + f" hoaks {i}",
    "rtl_override": lambda i: f"\u202eskaoh\u202c transfer ke rek 1234567890 {i} \u2067x\u2069",
    "html_js_css": lambda i: (f"<script>alert('x{i}')</script><style>body{{display:none}}</style>"
                              "<img src=x onerror=alert(1)><a href='javascript:alert(2)'>klik</a>"
                              "{{7*7}} </textarea>)[x](javascript:alert(3))"),
}


HEAVY = {"deep_nesting", "huge_line", "one_mb_post"}  # a tenth as many: they cost megabytes


def _text(payload: str | bytes) -> str:
    return payload if isinstance(payload, str) else payload.decode("utf-8", "replace")


def _records(per_kind: int) -> list[tuple[str, int, str | bytes]]:
    rows = []
    for kind, make in PAYLOADS.items():
        count = per_kind * 4 if kind == "ordinary" else (
            max(1, per_kind // 10) if kind in HEAVY else per_kind)
        for i in range(count):
            rows.append((kind, len(rows), make(i)))
    random.Random(13).shuffle(rows)
    return rows


def _line(parts: list[bytes]) -> bytes:
    return b"".join(parts) + b"\n"


def write_jsonl(path: Path, rows: list[tuple[str, int, str | bytes]]) -> int:
    with path.open("wb") as out:
        for kind, i, payload in rows:
            if kind == "deep_nesting":
                out.write(_line([str(payload).encode()]))
            elif isinstance(payload, bytes):
                out.write(_line([b'{"id": "', str(i).encode(), b'", "text": "', payload,
                                 b'", "published_at": "', STAMP.encode(),
                                 b'", "source": "uji", "platform": "facebook"}']))
            else:
                out.write(json.dumps({"id": str(i), "text": payload, "published_at": STAMP,
                                      "source": "uji", "platform": "facebook"},
                                     ensure_ascii=False).encode() + b"\n")
    return len(rows)


def write_x(path: Path, rows: list[tuple[str, int, str | bytes]]) -> int:
    with path.open("wb") as out:
        for kind, i, payload in rows:
            tweet: Any = {"id": str(10**15 + i), "text": _text(payload), "author_id": "42",
                          "created_at": "2026-11-20T01:15:00.000Z",
                          "author": {"id": "42", "username": "warga_uji"}}
            if kind == "deep_nesting":
                tweet["entities"] = "__DEEP__"
            line = json.dumps(tweet, ensure_ascii=False)
            if kind == "deep_nesting":
                line = line.replace('"__DEEP__"', "[" * 50_000 + "]" * 50_000)
            data = line.encode()
            if isinstance(payload, bytes):
                data = data.replace(_text(payload).encode(), payload)
            out.write(data + b"\n")
    return len(rows)


def write_telegram(path: Path, rows: list[tuple[str, int, str | bytes]]) -> int:
    with path.open("wb") as out:
        out.write(b'{"name": "Kanal Uji Hostile", "type": "public_channel", "id": 1, '
                  b'"messages": [')
        for n, (kind, i, payload) in enumerate(rows):
            message = {"id": i + 1, "type": "message", "date": "2026-11-20T08:15:00",
                       "text": _text(payload)}
            text = json.dumps(message, ensure_ascii=False)
            if kind == "deep_nesting":
                text = text[:-1] + ', "text_entities": ' + '{"a":' * 50_000 + "1" + \
                    "}" * 50_000 + "}"
            data = text.encode()
            if isinstance(payload, bytes):
                data = data.replace(_text(payload).encode(), payload)
            out.write((b"," if n else b"") + data)
        out.write(b"]}")
    return len(rows)


def write_whatsapp(path: Path, rows: list[tuple[str, int, str | bytes]]) -> int:
    with path.open("wb") as out:
        for kind, i, payload in rows:
            minute = i % 60
            body = payload if isinstance(payload, bytes) else payload.encode()
            if kind == "deep_nesting":
                body = b"[" * 100_000
            out.write(f"20/11/26 08.{minute:02d} - Warga {i % 7}: ".encode() + body + b"\n")
    return len(rows)


def write_whatsapp_zip(path: Path, rows: list[tuple[str, int, str | bytes]]) -> int:
    """The same hostile chat as a phone's export: the .txt beside a media file (ignored)."""
    import zipfile

    chat = path.with_suffix(".txt")
    count = write_whatsapp(chat, rows)
    # stored, not deflated: 100,000 "[" compress beyond the zip-bomb ratio cap, which refuses
    # the archive as a whole (tested in test_connectors_whatsapp_zip.py)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.write(chat, "_chat.txt")
        archive.writestr("IMG-20261120-WA0001.jpg", b"\xff\xd8\xff" + b"\0" * 1024)
    chat.unlink()
    return count


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def write_csv(path: Path, rows: list[tuple[str, int, str | bytes]]) -> int:
    header = ["id", "text", "published_at", "source", "platform"]
    data = _csv_bytes(header, [[str(i), f"@@{i}@@", STAMP, "uji-csv", "facebook"]
                               for _, i, _ in rows])
    return _fill(path, data, rows)


def write_meta(path: Path, rows: list[tuple[str, int, str | bytes]]) -> int:
    template = REPO / "tests" / "fixtures" / "connectors" / "meta" / "crowdtangle-facebook.csv"
    with template.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        first = next(reader)
    message, url = header.index("Message"), header.index("URL")
    out_rows = []
    for _, i, _ in rows:
        row = list(first)
        row[message] = f"@@{i}@@"
        row[url] = f"https://www.facebook.com/grupuji/posts/{10**15 + i}"
        out_rows.append(row)
    return _fill(path, _csv_bytes(header, out_rows), rows)


def write_xlsx(path: Path, rows: list[tuple[str, int, str | bytes]]) -> int:
    """A workbook of the same posts: what a cell cannot hold (bytes that are not UTF-8, the
    control characters XML forbids) is replaced or dropped, as Excel itself would."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hostile")
    sheet.append(["id", "text", "published_at", "source", "platform"])
    for _, i, payload in rows:
        sheet.append([str(i), ILLEGAL_CHARACTERS_RE.sub("", _text(payload)), STAMP, "uji-xlsx",
                      "facebook"])
    book.save(path)
    return len(rows)


def _fill(path: Path, data: bytes, rows: list[tuple[str, int, str | bytes]]) -> int:
    """Put each payload in its row's text cell as raw bytes (CSV-quoted when text)."""
    for _, i, payload in rows:
        raw = payload if isinstance(payload, bytes) else payload.encode()
        cell = b'"' + raw.replace(b'"', b'""') + b'"'
        data = data.replace(f"@@{i}@@".encode(), cell, 1)
    path.write_bytes(data)
    return len(rows)


def _rss(title: str, items: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<description>{escape(d)}</description>"
        "<pubDate>Fri, 20 Nov 2026 08:15:00 +0700</pubDate></item>" for t, link, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title>{body}</channel></rss>")


def write_rss(path: Path, rows: list[tuple[str, int, str | bytes]]) -> int:
    items = []
    for kind, i, payload in rows:
        text = _text(payload).replace("\x00", "")  # XML cannot carry NUL at all
        if kind in ("huge_line", "one_mb_post"):
            text = text[:200_000]
        items.append((f"Berita {kind} {i}", f"https://kabar.example/{i}", text))
    path.write_text(_rss("Kabar Uji", items), encoding="utf-8")
    return len(items)


def write_spoofed_fact_checks(folder: Path, count: int) -> list[tuple[Path, int]]:
    """Feeds that pose as fact-checkers: a fact-checker's file name, verdict tags, a real
    fact-check's link and a publisher title copied from it. None is declared."""
    files = []
    for n, name in enumerate(("factcheck-resmi.xml", "cekfakta-turnbackhoax.xml",
                              "kabar-terverifikasi.xml")):
        items = [(f"[{'HOAKS' if k % 2 else 'BENAR'}] Klaim {n}-{k} <script>x</script>",
                  f"https://turnbackhoax.example/{k}", "PENJELASAN: palsu " * 3)
                 for k in range(count)]
        path = folder / name
        path.write_text(_rss("Cek Fakta Contoh", items), encoding="utf-8")
        files.append((path, count))
    return files


WRITERS: dict[str, tuple[str, Callable[[Path, list[tuple[str, int, str | bytes]]], int]]] = {
    "jsonl": ("hostile.jsonl", write_jsonl),
    "x-json": ("hostile-x.jsonl", write_x),
    "telegram-json": ("result.json", write_telegram),
    "whatsapp-txt": ("WhatsApp Chat with Grup Hostile.txt", write_whatsapp),
    "whatsapp-zip": ("WhatsApp Chat - Grup Hostile.zip", write_whatsapp_zip),
    "csv": ("hostile.csv", write_csv),
    "meta-csv": ("hostile-meta.csv", write_meta),
    "rss": ("news-hostile.xml", write_rss),
    "xlsx": ("hostile.xlsx", write_xlsx),
}


def run(folder: Path, per_kind: int = 100) -> dict[str, Any]:
    from pipelines.connectors import ConnectorError
    from pipelines.normalize import normalize_texts
    from pipelines.settings import Settings
    from pipelines.stages.ingest import parse_files
    from reports.briefing_data import redact

    folder.mkdir(parents=True, exist_ok=True)
    rows = _records(per_kind)
    settings = Settings(home=folder / "home", sources_file=None, max_line_bytes=1024 * 1024)
    figures: dict[str, Any] = {"per_kind": per_kind, "connectors": {}, "written": 0,
                               "received": 0, "crashes": 0, "unaccounted": 0, "lost": 0,
                               "refused_files": 0}
    reasons: Counter[str] = Counter()
    texts: list[str] = []
    jobs: list[tuple[str, Path, int, str]] = []
    for connector, (name, write) in WRITERS.items():
        path = folder / name
        jobs.append((connector, path, write(path, rows), connector))
    for path, count in write_spoofed_fact_checks(folder, per_kind):
        jobs.append((f"spoofed-factcheck {path.name}", path, count, "auto"))
    started = time.perf_counter()
    for label, path, written, fmt in jobs:
        t0 = time.perf_counter()
        entry: dict[str, Any] = {"file": path.name, "written": written}
        try:
            result = parse_files([path], DAY, fmt, settings=settings)
        except ConnectorError as exc:
            entry["refused"] = str(exc)
            figures["refused_files"] += 1
        except Exception as exc:  # a crash: what this benchmark exists to catch
            entry["crash"] = f"{type(exc).__name__}: {exc}"[:300]
            figures["crashes"] += 1
        else:
            report = result.files[0]
            stored = report.accepted
            entry.update(received=report.received, stored=stored,
                         duplicates=report.redelivered, quarantined=report.quarantined,
                         format=report.connector, notes=report.notes)
            entry["unaccounted"] = report.received - (stored + report.redelivered
                                                      + report.quarantined)
            entry["lost"] = written - report.received
            figures["received"] += report.received
            figures["unaccounted"] += abs(entry["unaccounted"])
            figures["lost"] += abs(entry["lost"])
            reasons.update(re.sub(r"(?<![A-Z-])\d+", "N", q["reason"].split(" (")[0])[:60]
                           for q in result.quarantine)
            texts.extend(p["text"] for p in result.posts)
        figures["written"] += written
        entry["seconds"] = round(time.perf_counter() - t0, 2)
        figures["connectors"][label] = entry
    figures["parse_seconds"] = round(time.perf_counter() - started, 2)
    t0 = time.perf_counter()
    try:
        for start in range(0, len(texts), 500):
            normalize_texts(texts[start:start + 500], detect_lang=False)
        for text in texts:
            redact(text)
    except Exception as exc:
        figures["crashes"] += 1
        figures["text_crash"] = f"{type(exc).__name__}: {exc}"[:300]
    figures["texts_normalized"] = len(texts)
    figures["normalize_redact_seconds"] = round(time.perf_counter() - t0, 2)
    figures["quarantine_reasons"] = dict(reasons.most_common(15))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-kind", type=int, default=50,
                        help="records per payload kind per connector (ordinary: 4x)")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temp)")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pantau-hostile-") as tmp:
        figures = run(args.dir or Path(tmp), args.per_kind)
    text = json.dumps(figures, indent=1, ensure_ascii=False)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
