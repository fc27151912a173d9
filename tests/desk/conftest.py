"""A warehouse built once for the desk tests, and a fresh desk (store + users) per test.

The two fixture days run through the real pipeline with the hostile posts of the briefing tests
added to the second day (tests/fixtures/hostile/). It holds two Jawa Tengah narratives (PDAM
water poisoned — its posts are the hostile ones —, a vaccine chip) and two Jawa Timur ones
(bansos link, megathrust quake).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipelines.settings import Settings, reset_settings
from tests.built import BUILT_DAYS, copy_built

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# desk_helpers.py (login through the form, CSRF tokens, HTML scanning) for the test modules
sys.path.insert(0, str(Path(__file__).resolve().parent))
DAYS = BUILT_DAYS
DAY = DAYS[-1]
PASSWORD = "kata-sandi-uji-123"
# user -> (role, scope)
USERS = {"ana": ("analis", "33"), "vera": ("verifikator", "33"), "kepa": ("kepala", "33"),
         "timur": ("analis", "35"), "nasional": ("admin", "")}


@pytest.fixture(scope="session")
def built(built_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """The desk suite's copy of the session's built warehouse (tests/conftest.py); each test
    copies its home again (`desk`), since desk actions change it."""
    yield copy_built(built_base, tmp_path_factory.mktemp("desk"))
    reset_settings()


@dataclass
class Desk:
    settings: Settings
    home: Path

    def narrative(self, words: str) -> str:
        """The id of the narrative whose label contains `words`."""
        import duckdb

        con = duckdb.connect(str(self.home / "pantau_snapshot.duckdb"), read_only=True)
        try:
            row = con.execute("SELECT narrative_id FROM narrative_dim WHERE label ILIKE ?",
                              [f"%{words}%"]).fetchone()
        finally:
            con.close()
        assert row, words
        return str(row[0])


@pytest.fixture
def desk(built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    """A copy of the built home (so actions and reruns never leak between tests) with users."""
    from desk.auth import hash_password
    from desk.store import DeskStore, store_path

    home = tmp_path / "home"
    shutil.copytree(built.home, home, ignore=shutil.ignore_patterns("desk.sqlite*"))
    monkeypatch.setenv("PANTAU_HOME", str(home))
    monkeypatch.setenv("PANTAU_INBOX", str(built.inbox_dir))
    monkeypatch.setenv("PANTAU_SOURCES_FILE", str(FIXTURES / "sources.csv"))
    monkeypatch.setenv("PANTAU_BRIEF_REGIONS", '["33"]')
    monkeypatch.setenv("PANTAU_DESK_SECRET", "test-secret-not-for-production")
    reset_settings()
    store = DeskStore(store_path(home))
    hashed = hash_password(PASSWORD)
    for name, (role, scope) in USERS.items():
        store.add_user(name, hashed, role, scope, name.capitalize())
    return Desk(Settings(), home)
