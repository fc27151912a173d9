"""The model commands as a user runs them: one-line errors, exit codes, tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.settings import Settings, reset_settings

runner = CliRunner()


@pytest.fixture
def cli_env(ran: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("PANTAU_HOME", str(ran.home))
    reset_settings()
    yield ran
    reset_settings()


def _app():  # type: ignore[no-untyped-def]
    from pipelines.cli import app

    return app


def test_evaluate_prints_a_table_and_json(cli_env: Settings) -> None:
    labels = Path(__file__).resolve().parent.parent / "fixtures" / "labels.csv"
    table = runner.invoke(_app(), ["evaluate", "--data", str(labels)])
    assert table.exit_code == 0, table.output
    for word in ("precision", "recall", "f1", "pr_auc", "ece", "confusion", "calibration"):
        assert word in table.output
    as_json = runner.invoke(_app(), ["evaluate", "--data", str(labels), "--json"])
    assert as_json.exit_code == 0 and '"confusion_matrix"' in as_json.output


def test_rescore_checks_its_range_and_reports_days(cli_env: Settings) -> None:
    bad = runner.invoke(_app(), ["rescore", "--from", "2026-11-21", "--to", "2026-11-20"])
    assert bad.exit_code != 0 and "before" in bad.output
    ok = runner.invoke(_app(), ["rescore", "--from", "2026-11-20", "--to", "2026-11-21"])
    assert ok.exit_code == 0, ok.output
    assert "2 days re-scored" in ok.output


def test_labels_queue_writes_a_csv(cli_env: Settings, tmp_path: Path) -> None:
    out = tmp_path / "queue.csv"
    done = runner.invoke(_app(), ["labels", "queue", "--n", "3", "--output", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8").startswith("post_id,text,label,labeller")


def test_evaluate_real_without_data_says_where_it_looked(cli_env: Settings,
                                                        tmp_path: Path) -> None:
    done = runner.invoke(_app(), ["evaluate-real", "--data-dir", str(tmp_path)])
    assert done.exit_code == 2 and "no real datasets" in done.output
