from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.connectors import get_connector
from pipelines.post_contract import InvalidRecord, validate_post
from pipelines.settings import Settings

JSONL = Path(__file__).parent.parent / "fixtures" / "connectors" / "jsonl"


def outcomes(path: Path) -> list[str | dict]:
    out: list[str | dict] = []
    for r in get_connector("jsonl").parse(path, Settings()):
        if r.fields is None:
            out.append(r.reason or "")
            continue
        try:
            out.append(validate_post(r.fields))
        except InvalidRecord as exc:
            out.append(str(exc))
    return out


def test_optional_fields_are_typed_and_extras_kept() -> None:
    results = outcomes(JSONL / "optional-fields.jsonl")
    full, minimal = results[0], results[1]
    assert isinstance(full, dict) and isinstance(minimal, dict)
    assert full["author"] == "Bu Rina" and full["url"] == "https://wa.me/contoh"
    assert full["title"] == "Pesan berantai" and full["lang_declared"] == "id"
    assert full["region_hint"] == "Kota Semarang" and full["platform"] == "whatsapp"
    assert full["reply_to"] == "wa-0" and full["shares"] == 12
    assert json.loads(full["extra"]) == {"forwarded": True, "media": False}
    for key in ("author", "url", "title", "lang_declared", "region_hint", "reply_to", "shares",
                "extra", "platform"):
        assert minimal[key] is None
    assert minimal["source_id"] == "42"  # a numeric id is kept as text
    assert results[2:] == [
        "field 'author' must be a string, got dict",
        "'shares' is not a number: '12 kali'",
        "'shares' is negative",
        "'published_at' is not an ISO 8601 date with offset: '2026-11-20 07:00'",
        "empty 'text'",
        "missing 'source'",
    ]


@pytest.mark.parametrize("line", ['{"id": "1", "text": "a", "published_at": 1795132800, '
                                  '"source": "s"}', "[1, 2]", "null", '"teks"'])
def test_hostile_lines(tmp_path: Path, line: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    (result,) = outcomes(path)
    assert isinstance(result, str)


def test_a_json_array_of_posts_is_read_item_by_item(tmp_path: Path) -> None:
    """What scrapers and `json.dump(posts)` write: one array, pretty-printed. Each item is a
    record; a bad item is that item's reason; a syntax error costs the rest of the file only."""
    from pipelines.connectors import detect_format

    good = {"id": "a1", "text": "Token listrik gratis, klaim di sini", "source": "fb",
            "published_at": "2026-11-20T07:00:00+07:00"}
    path = tmp_path / "posts.json"
    path.write_text(json.dumps([good, {**good, "id": "a2", "text": ""}, "teks", {**good,
                                "id": "a3"}], indent=2) + "\n", encoding="utf-8")
    assert detect_format(path, Settings()) == "jsonl"
    results = outcomes(path)
    assert [r["source_id"] if isinstance(r, dict) else r for r in results] == [
        "a1", "empty 'text'", "expected a JSON object, got str", "a3"]

    cut = tmp_path / "cut.json"
    cut.write_text(json.dumps([good, {**good, "id": "a2"}])[:-30], encoding="utf-8")
    results = outcomes(cut)
    assert isinstance(results[0], dict) and results[0]["source_id"] == "a1"
    assert len(results) == 2 and "invalid JSON after item 1" in str(results[1])


def test_a_scrapers_objects_are_read_like_a_table_with_the_same_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Objects without Pantau's `text` whose keys name a text column as a CSV header would
    (`content`, `date`, `url`, a nested user) are posts; objects naming none are refused at
    detection with the mapping to set, and read once it is set."""
    from pipelines.connectors import ConnectorError, detect_format
    from pipelines.settings import reset_settings

    scraped = [{"url": "https://x.com/a/status/1", "date": "2026-11-20 07:00", "id": 1,
                "content": "Beredar kabar token listrik gratis", "user": {"username": "budi"},
                "likeCount": 3},
               {"date": "2026-11-20 08:00", "user": {"username": "sari"}}]
    path = tmp_path / "scrape.json"
    path.write_text(json.dumps(scraped), encoding="utf-8")
    assert detect_format(path, Settings()) == "jsonl"
    first, second = outcomes(path)
    assert isinstance(first, dict) and first["text"] == "Beredar kabar token listrik gratis"
    assert first["author"] == "budi" and first["source_id"] == "1"
    assert first["published_at"].isoformat() == "2026-11-20T07:00:00+07:00"  # read in WIB
    assert json.loads(first["extra"]) == {"likeCount": "3"}
    assert first["source"] == "json-scrape"
    assert second == "missing 'text'"
    lines = tmp_path / "scrape.jsonl"
    lines.write_text("\n".join(json.dumps(o) for o in scraped) + "\n", encoding="utf-8")
    assert [r if isinstance(r, str) else r["text"] for r in outcomes(lines)] == [
        "Beredar kabar token listrik gratis", "missing 'text'"]

    odd = tmp_path / "ekspor.json"
    odd.write_text(json.dumps([{"kolom_a": "Pesan berantai bansos", "kolom_b": "2026-11-20"}]),
                   encoding="utf-8")
    with pytest.raises(ConnectorError, match="PANTAU_CSV_MAPPING"):
        detect_format(odd, Settings())
    monkeypatch.setenv("PANTAU_CSV_MAPPING", json.dumps({"kolom_a": "text"}))
    reset_settings()
    try:
        assert detect_format(odd, Settings()) == "jsonl"
    finally:
        monkeypatch.delenv("PANTAU_CSV_MAPPING")
        reset_settings()
