from __future__ import annotations

import json

import pytest

from pipelines.post_contract import InvalidRecord, validate_post

GOOD = {"id": "7", "text": "Halo", "published_at": "2026-11-20T07:00:00+07:00", "source": "s"}


def test_valid_post_is_typed_and_keeps_unknown_fields() -> None:
    post = validate_post({**GOOD, "shares": "12", "group_name": "RT 05"})
    assert post["post_id"] == "s:7"
    assert post["shares"] == 12
    assert post["published_at"].utcoffset().total_seconds() == 7 * 3600
    assert json.loads(post["extra"]) == {"group_name": "RT 05"}


@pytest.mark.parametrize("change, reason", [
    ({"source": None}, "missing 'source'"),
    ({"id": ""}, "missing 'id'"),
    ({"text": None}, "missing 'text'"),
    ({"text": "   "}, "empty 'text'"),
    ({"text": 5}, "must be a string"),
    ({"published_at": "kemarin"}, "published_at"),
    ({"published_at": "2026-11-20T07:00:00"}, "with offset"),
    ({"shares": "banyak"}, "'shares' is not a number"),
    ({"shares": -1}, "negative"),
    ({"author": {"nama": "x"}}, "must be a string"),
])
def test_contract_violations_carry_a_reason(change: dict[str, object], reason: str) -> None:
    with pytest.raises(InvalidRecord, match=reason):
        validate_post({**GOOD, **change})
