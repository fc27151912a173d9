"""Shared fixtures: a throwaway PANTAU_HOME and the small hand-written inbox."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.settings import LEGACY_EMBEDDING_MODEL, Settings, reset_settings

# The suite's fixtures and expectations were written with the small English model, which loads
# in seconds; the multilingual default has its own tests (tests/pipelines/test_e5_embedder.py).
os.environ.setdefault("PANTAU_EMBEDDING_MODEL", LEGACY_EMBEDDING_MODEL)

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    inbox = tmp_path / "inbox"
    shutil.copytree(FIXTURES / "inbox", inbox)
    monkeypatch.setenv("PANTAU_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PANTAU_INBOX", str(inbox))
    monkeypatch.setenv("PANTAU_SOURCES_FILE", str(FIXTURES / "sources.csv"))
    reset_settings()
    s = Settings()
    s.ensure_dirs()
    yield s
    reset_settings()


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The real default model, loaded once per session (about 5 s)."""
    from pipelines.embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The briefing and desk suites' warehouse, built once per session (tests/built.py);
    each suite takes a copy (`copy_built`)."""
    from tests.built import build

    return build(tmp_path_factory.mktemp("built-base"))
