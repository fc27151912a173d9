"""The desk store: the action log is append-only, and the message states go in order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk.store import Conflict, DeskStore, User


def _store(tmp_path: Path) -> tuple[DeskStore, User, User, User]:
    store = DeskStore(tmp_path / "desk.sqlite")
    users = []
    for name, role in (("a", "analis"), ("v", "verifikator"), ("k", "kepala")):
        store.add_user(name, "hash", role, "33")
        found = store.user(name)
        assert found
        users.append(found[0])
    return store, users[0], users[1], users[2]


def test_the_action_log_cannot_be_changed(tmp_path: Path) -> None:
    store, a, _, _ = _store(tmp_path)
    store.label(a, "narrative", "N1", "hoax", "N1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), store.transaction() as con:
        con.execute("UPDATE actions SET username = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), store.transaction() as con:
        con.execute("DELETE FROM actions")
    assert [r["username"] for r in store.actions()] == ["a"]
    assert store.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"


def test_messages_go_draft_validated_approved_by_different_people(tmp_path: Path) -> None:
    store, a, v, k = _store(tmp_path)
    mid = store.draft_message(a, "N1", "33", "teks", None)
    with pytest.raises(Conflict):
        store.advance_message(k, mid, "approved")
    with pytest.raises(Conflict):
        store.advance_message(a, mid, "validated")  # the author
    store.advance_message(v, mid, "validated")
    # an edit after validation sends it back to draft
    store.draft_message(a, "N1", "33", "teks baru", None, mid)
    assert store.message(mid)["status"] == "draft"  # type: ignore[index]
    store.advance_message(v, mid, "validated")
    store.advance_message(k, mid, "approved")
    with pytest.raises(Conflict):
        store.draft_message(a, "N1", "33", "lagi", None, mid)
    last = store.actions()[0]
    assert last["kind"] == "approve_message" and '"validated"' in last["previous"]
