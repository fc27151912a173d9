from __future__ import annotations

from pathlib import Path

from pipelines.connectors import get_connector
from pipelines.connectors.meta_csv import looks_like_meta_header, meta_fields
from pipelines.post_contract import InvalidRecord, validate_post
from pipelines.settings import Settings

META = Path(__file__).parent.parent / "fixtures" / "connectors" / "meta"


def test_crowdtangle_facebook_export() -> None:
    records = list(get_connector("meta-csv").parse(META / "crowdtangle-facebook.csv", Settings()))
    posts = [r.fields for r in records if r.fields]
    assert len(posts) == 3 and [r.line_no for r in records] == [2, 3, 4]
    first = posts[0]
    assert first["id"] == "1234567890123456"
    assert first["source"] == "fb-grupinfosolo" and first["platform"] == "facebook"
    assert first["author"] == "Info Solo Raya (contoh)"
    assert first["published_at"] == "2026-11-20T08:15:00+07:00"  # "… WIB"
    assert first["shares"] == 180 and first["interactions"] == 1284  # "1,284"
    assert first["image_text"] == "VAKSIN = CHIP 5G?"
    link = posts[1]
    assert link["id"] == "2234567890123456"  # permalink.php?story_fbid=
    assert link["text"].startswith("Dinkes Bantah Isu Chip")  # link card when no message
    assert link["link"].startswith("https://kabar-jateng.example/")
    assert posts[2]["published_at"] == "2026-11-20T10:30:00+07:00"  # "+0700"
    assert posts[2]["interactions"] == 2310  # "2.310"
    for p in posts:
        validate_post(p)


def test_crowdtangle_instagram_export() -> None:
    posts = [r.fields for r in get_connector("meta-csv").parse(META / "crowdtangle-instagram.csv",
                                                               Settings())
             if r.fields]
    assert [p["id"] for p in posts] == ["DCabc123XYZ", "DCdef456UVW"]
    assert {p["source"] for p in posts} == {"ig-kabarmakassar-contoh"}
    assert {p["platform"] for p in posts} == {"instagram"}
    assert posts[0]["published_at"] == "2026-11-20T11:45:00+08:00"  # WITA
    assert posts[0]["text"].startswith("Viral! Katanya beras plastik")  # the caption
    assert "shares" not in posts[0]


def test_malformed_export_quarantines_each_bad_row() -> None:
    records = list(get_connector("meta-csv").parse(META / "crowdtangle-broken.csv", Settings()))
    outcome = {}
    for r in records:
        if r.fields is None:
            outcome[r.line_no] = r.reason
            continue
        try:
            validate_post(r.fields)
            outcome[r.line_no] = "ok"
        except InvalidRecord as exc:
            outcome[r.line_no] = str(exc)
    assert outcome[2] == "ok"
    assert "not an ISO 8601 date with offset" in outcome[3]  # no zone: never guessed
    assert outcome[4] == "row has 4 cells, the header has 10"
    assert outcome[5] == "'shares' is not a number: 'banyak'"
    assert outcome[6] == "missing 'text'"
    assert "invalid UTF-8" in outcome[7]
    assert "cells" in outcome[8]  # an unterminated quote swallows the rest, then fails
    assert len(records) == 7


def test_header_detection_and_defaults() -> None:
    assert looks_like_meta_header(["Page Name", "Post Created", "URL", "Message"])
    assert looks_like_meta_header(["Account", "User Name", "Post Created", "URL", "Description"])
    assert not looks_like_meta_header(["id", "text", "published_at", "source"])
    row = meta_fields({"Page Name": "Desa Maju", "Post Created": "2026-11-20 08:00:00 WIB",
                       "URL": "", "Message": "Halo warga"})
    assert row["source"] == "fb-desa-maju" and len(row["id"]) == 20
