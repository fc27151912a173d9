"""Random and hostile input to every connector: nothing crashes, nothing is lost.

For each generated file, parse_files must end every received record as accepted, duplicate or
quarantined (received == accepted + redelivered + quarantined), and `received` must equal the
number of records put in the file (system lines and service messages excepted, by design).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.connectors import CONNECTORS, ConnectorError
from pipelines.settings import Settings
from pipelines.stages.ingest import parse_files

DAY = date(2026, 11, 20)
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Values a hostile producer might put anywhere.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40),
    st.sampled_from(["", " ", "2026-11-20T07:00:00+07:00", "2026-11-20T00:00:00.000Z",
                     "2026-11-20 08:15:00 WIB", "kemarin", "in", "und", "-5", "1,234",
                     "â€œmojibakeâ€\x9d", "\ufffd", "\u200e", "null"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)


def record(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys), values, max_size=len(keys))


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def run(path: Path, fmt: str) -> int | None:
    """Parse one file; check the reconciliation. None when the whole file was refused."""
    try:
        result = parse_files([path], DAY, fmt, settings=Settings(home=path.parent / "home"))
    except ConnectorError:
        return None
    (report,) = result.files
    assert report.received == report.accepted + report.redelivered + report.quarantined
    assert len(result.posts) + len(result.fact_checks) == report.accepted
    assert len(result.quarantine) == report.quarantined
    assert all(q["reason"] for q in result.quarantine)
    return report.received


POST_KEYS = ["id", "text", "published_at", "source", "author", "url", "title", "lang",
             "region_hint", "platform", "reply_to", "shares", "extra", "forwarded"]
TWEET_KEYS = ["id", "text", "author_id", "created_at", "lang", "public_metrics",
              "referenced_tweets", "note_tweet", "geo", "conversation_id", "author"]
MESSAGE_KEYS = ["id", "type", "date", "date_unixtime", "from", "text", "forwarded_from",
                "reply_to_message_id", "photo", "reactions", "author", "media_type"]


@FUZZ
@given(rows=st.lists(st.one_of(record(POST_KEYS), values), max_size=8),
       junk=st.lists(st.binary(max_size=30), max_size=3))
def test_jsonl(workdir: Path, rows: list[Any], junk: list[bytes]) -> None:
    path = workdir / "posts.jsonl"
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in rows]
    lines += [j.replace(b"\n", b" ") for j in junk]
    path.write_bytes(b"\n".join(lines) + b"\n")
    if lines:
        lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")  # a BOM is not content
    expected = sum(1 for line in lines if line.decode("utf-8", "replace").strip())
    assert run(path, "jsonl") == expected


@FUZZ
@given(tweets=st.lists(st.one_of(record(TWEET_KEYS), values), max_size=8),
       users=st.lists(st.one_of(record(["id", "username", "name"]), values), max_size=3),
       layout=st.sampled_from(["object", "array", "lines"]))
def test_x_json(workdir: Path, tweets: list[Any], users: list[Any], layout: str) -> None:
    path = workdir / "x.json"
    page = {"data": tweets, "includes": {"users": users}, "meta": {"result_count": len(tweets)}}
    if layout == "object":
        path.write_text(json.dumps(page, indent=1), encoding="utf-8")
    elif layout == "array":
        path.write_text(json.dumps([page, page]), encoding="utf-8")
    else:
        path.write_text(json.dumps(page) + "\n" + json.dumps(page) + "\n", encoding="utf-8")
    assert run(path, "x-json") == len(tweets) * (1 if layout == "object" else 2)


@FUZZ
@given(messages=st.lists(st.one_of(record(MESSAGE_KEYS), values), max_size=8),
       name=st.one_of(st.text(max_size=20), st.none()))
def test_telegram_json(workdir: Path, messages: list[Any], name: str | None) -> None:
    path = workdir / "result.json"
    path.write_text(json.dumps({"name": name, "type": "public_channel", "id": 1,
                                "messages": messages}), encoding="utf-8")
    expected = sum(1 for m in messages
                   if not isinstance(m, dict) or m.get("type", "message") == "message")
    assert run(path, "telegram-json") == expected


NAME = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .'"),
               min_size=1, max_size=15).filter(lambda s: s.strip(" .'") != "")
PHONE = st.builds(lambda a, b: f"\u202a+62 8{a}-{b}\u202c", st.integers(10, 99),
                  st.integers(1000_0000, 9999_9999))
# Message text: no digits (a continuation line cannot look like a new message line),
# no U+200E (iOS's mark for app-written text).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Nd", "Cc"),
                             blacklist_characters="\u200e\u200f\u2028\u2029\x85"), max_size=60)
SPECIAL = st.sampled_from(["<Media tidak disertakan>", "<Media omitted>", "Pesan ini telah dihapus",
                           "Diteruskan", "Forwarded", "", "null", "gambar tidak disertakan"])


@st.composite
def whatsapp_chat(draw: st.DrawFn) -> tuple[bytes, int]:
    ios = draw(st.booleans())
    english = draw(st.booleans())
    out: list[bytes] = []
    expected = 0
    for minute in range(draw(st.integers(0, 8))):
        day, hour = draw(st.integers(1, 28)), draw(st.integers(1, 12))
        if english:
            stamp = f"11/{day}/26, {hour}:{minute:02d} {'AM' if minute % 2 else 'PM'}"
        else:
            stamp = f"{day:02d}/11/26 {hour:02d}.{minute:02d}"
        head = f"[{stamp.replace(' AM', ':00 AM').replace(' PM', ':00 PM')}] " if ios and \
            english else (f"[{stamp}.00] " if ios else f"{stamp} - ")
        kind = draw(st.sampled_from(["message", "message", "special", "system"]))
        if kind == "system":  # no "author: " part: not a record
            out.append(f"{head}{draw(NAME)} menambahkan {draw(NAME)}".encode())
            continue
        author = draw(st.one_of(NAME, PHONE))
        first = draw(SPECIAL) if kind == "special" else draw(TEXT)
        out.append(f"{head}{author}: {first}".encode())
        for extra in draw(st.lists(st.one_of(TEXT.map(str.encode), st.binary(max_size=20)),
                                   max_size=3)):
            out.append(extra.replace(b"\n", b" ").replace(b"\r", b" "))
        expected += 1
    return b"\n".join(out) + b"\n", expected


@FUZZ
@given(chat=whatsapp_chat())
def test_whatsapp_txt(workdir: Path, chat: tuple[bytes, int]) -> None:
    content, expected = chat
    path = workdir / "WhatsApp Chat with Uji Acak.txt"
    path.write_bytes(content)
    received = run(path, "whatsapp-txt")
    if expected == 0 and received is None:
        return  # only system lines, or nothing: "not a WhatsApp chat export"
    assert received == expected


CELL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=30)
META_HEADER = ["Page Name", "User Name", "Post Created", "Type", "Total Interactions", "Shares",
               "URL", "Message", "Link", "Description"]


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")  # quotes a lone \r
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def non_blank(rows: list[list[str]]) -> int:
    return sum(1 for r in rows if any(c.strip() for c in r))


@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=len(META_HEADER), max_size=len(META_HEADER)),
                     max_size=6),
       bom=st.booleans())
def test_meta_csv(workdir: Path, rows: list[list[str]], bom: bool) -> None:
    path = workdir / "crowdtangle.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + csv_bytes(META_HEADER, rows))
    assert run(path, "meta-csv") == non_blank(rows)


@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=5, max_size=5), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_generic_csv(workdir: Path, rows: list[list[str]], delimiter: str) -> None:
    path = workdir / "laporan.csv"
    path.write_bytes(csv_bytes(["id", "text", "published_at", "source", "shares"], rows,
                               delimiter))
    assert run(path, "csv") == non_blank(rows)


@FUZZ
@given(items=st.lists(st.tuples(CELL, CELL, st.sampled_from(["[HOAKS] ", "[SALAH] ", ""])),
                      max_size=5))
def test_rss_and_fact_check_feeds(workdir: Path, items: list[tuple[str, str, str]]) -> None:
    from xml.sax.saxutils import escape

    body = "".join(
        f"<item><title>{escape(tag + title)}</title><link>https://contoh.example/{i}</link>"
        f"<description>{escape(text)}</description>"
        f"<pubDate>Kam, 20 Nov 2026 09:00:00 +0700</pubDate></item>"
        for i, (title, text, tag) in enumerate(items))
    path = workdir / "feed.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                    f"<title>Uji</title>{body}</channel></rss>", encoding="utf-8")
    for fmt in ("rss", "factcheck-rss"):
        received = run(path, fmt)
        assert received is None or received <= len(items)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=200).map(lambda b: b'{"messages": [' + b + b"]}"),
    st.binary(max_size=200).map(lambda b: b'{"data": [' + b),
    st.binary(max_size=200).map(lambda b: b"20/11/26 07.00 - Budi: " + b),
    st.binary(max_size=200).map(lambda b: b"Page Name,Post Created,URL,Message\n" + b),
))
def test_random_bytes_never_crash_any_connector(workdir: Path, content: bytes) -> None:
    path = workdir / "acak.dat"
    path.write_bytes(content)
    for fmt in sorted(CONNECTORS):
        run(path, fmt)  # ConnectorError (whole file refused) or a reconciled report
