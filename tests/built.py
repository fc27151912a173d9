"""The warehouse the briefing and desk suites test against, built once per session.

The fixture inbox, with tests/fixtures/hostile/<second day>/* added, runs through the real
pipeline (bootstrap model, both days, briefings for the nation and Jawa Tengah). The session
fixture `built_base` (tests/conftest.py) builds it; each suite takes a copy (`copy_built`),
never the base, so what one suite's tests write never reaches another's.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from pipelines.settings import Settings, reset_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUILT_DAYS = (date(2026, 11, 20), date(2026, 11, 21))


def _point_at(mp: pytest.MonkeyPatch, root: Path) -> None:
    # some helpers read the process-wide settings: point them at this root too
    mp.setenv("PANTAU_HOME", str(root / "home"))
    mp.setenv("PANTAU_INBOX", str(root / "inbox"))
    mp.setenv("PANTAU_SOURCES_FILE", str(FIXTURES / "sources.csv"))
    mp.setenv("PANTAU_BRIEF_REGIONS", '["33"]')


def build(root: Path) -> Path:
    """Build the warehouse under `root` (home/ and inbox/); returns `root`."""
    from models.promotion import bootstrap
    from pipelines.daily import run_day

    inbox = root / "inbox"
    shutil.copytree(FIXTURES / "inbox", inbox)
    last = BUILT_DAYS[-1].isoformat()
    for f in (FIXTURES / "hostile" / last).iterdir():
        shutil.copy(f, inbox / last / f.name)
    with pytest.MonkeyPatch.context() as mp:
        _point_at(mp, root)
        reset_settings()
        settings = Settings()
        settings.ensure_dirs()
        bootstrap(settings, FIXTURES / "labels.csv")
        for day in BUILT_DAYS:
            run_day(settings, day)
    reset_settings()
    return root


def copy_built(base: Path, dest: Path) -> Settings:
    """A copy of the built root at `dest` (a fresh folder), and settings for it."""
    shutil.copytree(base, dest, dirs_exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        _point_at(mp, dest)
        reset_settings()
        settings = Settings()
    reset_settings()
    return settings
