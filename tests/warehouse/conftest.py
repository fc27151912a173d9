"""Warehouses for the warehouse tests: one built by the real pipeline from the fixture inbox
(while an analyst process queries it), and tiny synthetic ones from the load generator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from pipelines.settings import Settings, reset_settings

HERE = Path(__file__).parent
FIXTURES = HERE.parent / "fixtures"
REPO = HERE.parent.parent
DAYS = (date(2026, 11, 20), date(2026, 11, 21))
ANALYST_TURNS = 6  # analyst queries wanted while the pipeline writes (the test asks for 5)
RERUNS = 3  # at most this many extra passes over DAYS to give the analyst those turns


@dataclass
class PipelineRun:
    settings: Settings
    analyst: list[dict[str, object]]  # one entry per analyst iteration during the run
    seconds: float


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory,
                 embedder: object) -> Iterator[PipelineRun]:
    """The daily pipeline over the fixture inbox, with an analyst process querying throughout."""
    from models.promotion import bootstrap
    from pipelines.daily import run_day

    root = tmp_path_factory.mktemp("pipeline")
    inbox = root / "inbox"
    shutil.copytree(FIXTURES / "inbox", inbox)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PANTAU_HOME", str(root / "home"))
        mp.setenv("PANTAU_INBOX", str(inbox))
        mp.setenv("PANTAU_SOURCES_FILE", str(FIXTURES / "sources.csv"))
        reset_settings()
        settings = Settings()  # type: ignore[call-arg]  # from PANTAU_* variables
        settings.ensure_dirs()
        stop, report = root / "stop", root / "analyst.jsonl"
        analyst = subprocess.Popen(
            [sys.executable, str(HERE / "analyst_loop.py"), str(settings.warehouse_path),
             str(stop), str(report)],
            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
        started = time.perf_counter()
        try:
            bootstrap(settings, FIXTURES / "labels.csv")
            for day in DAYS:
                run_day(settings, day)
            # A fast machine finishes two small days before the analyst has had many turns
            # (its first query waits for the writer until a snapshot is published), so re-run
            # the days, as an officer re-running a day would, until it has queried a few
            # times while the pipeline wrote; reruns are idempotent, so the counts stay.
            for _ in range(RERUNS):
                if _reports(report) >= ANALYST_TURNS:
                    break
                for day in DAYS:
                    run_day(settings, day)
            finished = time.time()
            # let the analyst read the finished warehouse at least once more, however slow the
            # machine (CI runners are shared): wait for a report line started after the run
            deadline = time.perf_counter() + 60
            while time.perf_counter() < deadline and not _reported_after(report, finished):
                time.sleep(0.1)
        finally:
            stop.touch()
            analyst.wait(timeout=60)
        seconds = time.perf_counter() - started
        lines = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
        yield PipelineRun(settings, [json.loads(line) for line in lines], seconds)
    reset_settings()


def _reports(report: Path) -> int:
    if not report.exists():
        return 0
    return len(report.read_text(encoding="utf-8").splitlines())


def _reported_after(report: Path, moment: float) -> bool:
    if not report.exists():
        return False
    lines = report.read_text(encoding="utf-8").splitlines()
    return bool(lines) and json.loads(lines[-1])["t"] > moment


@pytest.fixture(scope="session")
def synthetic_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny load-generated warehouse (read it, do not write it)."""
    from benchmarks.loadgen import load

    path = tmp_path_factory.mktemp("loadgen") / "synthetic.duckdb"
    load(path, days=21, posts_per_day=400)
    return path
