"""A warehouse that went through the daily pipeline once (fixture inbox, two days), built once
per session and copied for each test that needs it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pipelines.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DAYS = (date(2026, 11, 20), date(2026, 11, 21))
STAGES = ("ingest", "normalise", "tag_regions", "embed", "classify", "cluster")


def _settings(home: Path, inbox: Path) -> Settings:
    return Settings.model_validate({"home": home, "inbox": inbox,
                                    "sources_file": FIXTURES / "sources.csv"})


@pytest.fixture(scope="session")
def pipeline_home(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Path:
    from models.promotion import bootstrap
    from pipelines.daily import run_day

    root = tmp_path_factory.mktemp("pipeline")
    shutil.copytree(FIXTURES / "inbox", root / "inbox")
    settings = _settings(root / "home", root / "inbox")
    settings.ensure_dirs()
    bootstrap(settings, FIXTURES / "labels.csv")
    for day in DAYS:
        run_day(settings, day, stages=STAGES)
    return root


@pytest.fixture
def ran(pipeline_home: Path, tmp_path: Path) -> Iterator[Settings]:
    """A private copy of the pipeline warehouse (and its model files)."""
    shutil.copytree(pipeline_home, tmp_path / "copy")
    home = tmp_path / "copy" / "home"
    settings = _settings(home, tmp_path / "copy" / "inbox")
    # Registered model paths point into the original home: repoint them at the copy.
    import duckdb

    con = duckdb.connect(str(settings.warehouse_path))
    try:
        con.execute("UPDATE models SET path = replace(path, ?, ?)",
                    [str(pipeline_home / "home"), str(home)])
    finally:
        con.close()
    yield settings
