from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.connectors import ConnectorError, get_connector
from pipelines.connectors.x_json import XJsonConnector
from pipelines.post_contract import validate_post
from pipelines.settings import Settings

X = Path(__file__).parent.parent / "fixtures" / "connectors" / "x"


def fields(path: Path, source: str | None = None) -> list[dict]:
    records = XJsonConnector(source).parse(path, Settings())
    return [r.fields for r in records if r.fields is not None]


def test_search_response_with_users_places_and_metrics() -> None:
    posts = fields(X / "search-banjir-demak.json")
    assert len(posts) == 5
    first = posts[0]
    assert first["id"] == "1859000000000000101"
    assert first["source"] == "x" and first["platform"] == "x"
    assert first["author"] == "warga_demak_siaga"
    assert first["author_name"] == "Warga Demak Siaga"
    assert first["url"] == "https://x.com/warga_demak_siaga/status/1859000000000000101"
    assert first["lang"] == "id"  # X's "in"
    assert first["shares"] == 41 + 6  # retweets + quotes
    assert first["likes"] == 88
    assert first["region_hint"] == "Demak, Jawa Tengah"
    post = validate_post(first)
    assert post["published_at"].isoformat() == "2026-11-20T01:12:44+00:00"
    assert post["post_id"] == "x:1859000000000000101"
    reply, retweet, thread, emoji = posts[1:]
    assert reply["reply_to"] == "1859000000000000101"
    assert retweet["retweet_of"] == "1859000000000000101"
    assert thread["text"].startswith("Thread panjang soal kabar tanggul jebol: 1)")  # note_tweet
    assert thread["author"] is None  # user not in includes
    assert thread["url"] == "https://x.com/i/web/status/1859000000000000104"
    assert emoji["lang"] is None  # qht: hashtags only


def test_source_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert {p["source"] for p in fields(X / "search-banjir-demak.json", "x-search-hoaks")} == \
        {"x-search-hoaks"}
    from pipelines.settings import reset_settings

    monkeypatch.setenv("PANTAU_X_SOURCE", "x-pantura")
    reset_settings()
    try:
        assert {p["source"] for p in fields(X / "search-banjir-demak.json")} == {"x-pantura"}
    finally:
        reset_settings()


def test_twarc_style_json_lines_of_pages() -> None:
    records = list(get_connector("x-json").parse(X / "timeline-blt.jsonl", Settings()))
    assert len(records) == 3  # the empty page (result_count 0) holds no posts
    posts = [r.fields for r in records if r.fields]
    assert posts[1]["quoted_id"] == "1859000000000000201"
    assert posts[2]["author"] is None  # page without includes


def test_array_of_pages_and_flattened_tweets(tmp_path: Path) -> None:
    page = json.loads((X / "search-banjir-demak.json").read_text(encoding="utf-8"))
    array = tmp_path / "pages.json"
    array.write_text(json.dumps([page, page]), encoding="utf-8")
    assert len(fields(array)) == 10
    flat = tmp_path / "flat.jsonl"
    tweet = {**page["data"][0], "author": {"id": "1", "username": "budi_s", "name": "Budi"}}
    flat.write_text(json.dumps(tweet) + "\n", encoding="utf-8")
    (post,) = fields(flat)
    assert post["author"] == "budi_s"


def test_truncated_response_keeps_the_posts_before_the_break() -> None:
    records = list(get_connector("x-json").parse(X / "x-broken.json", Settings()))
    assert [r.line_no for r in records] == [1, 2, 3, 4, 5]
    assert records[0].fields is not None
    assert records[0].fields["text"].startswith("Pesan berantai")
    assert records[1].fields is not None and records[1].fields["text"] is None  # contract: missing
    assert records[3].reason == "expected a post object, got str"
    assert "invalid JSON" in (records[4].reason or "")


def test_malformed_lines_and_bytes_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    good = json.dumps({"data": [{"id": "1", "text": "ok", "created_at": "2026-11-20T01:00:00Z"}],
                       "meta": {}})
    path.write_bytes(good.encode() + b"\n{rusak\n" + b'{"data": [{"id": "2", "text": "\xff"}]}\n'
                     + b'{"data": 5, "meta": {}}\n')
    records = list(get_connector("x-json").parse(path, Settings()))
    assert records[0].fields is not None
    assert [r.reason for r in records[1:]] == [
        records[1].reason, records[2].reason, "'data' is not a list of posts"]
    assert "invalid JSON" in (records[1].reason or "")
    assert "invalid UTF-8" in (records[2].reason or "")


def test_not_json_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("id,text\n1,halo\n", encoding="utf-8")
    with pytest.raises(ConnectorError, match="not JSON"):
        list(get_connector("x-json").parse(path, Settings()))
