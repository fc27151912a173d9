"""`pantau sql`, `schema`, `export`, `loadgen` and `cookbook` as an analyst uses them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from pipelines.settings import reset_settings
from warehouse.connection import writer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(synthetic_warehouse: Path, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """PANTAU_HOME holding a copy of the synthetic warehouse and its published snapshot."""
    home = tmp_path / "home"
    home.mkdir()
    shutil.copyfile(synthetic_warehouse, home / "pantau.duckdb")
    shutil.copyfile(synthetic_warehouse, home / "pantau_snapshot.duckdb")
    monkeypatch.setenv("PANTAU_HOME", str(home))
    reset_settings()
    yield home
    reset_settings()


def pantau(*args: str) -> tuple[int, str, str]:
    from pipelines.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _interactive_signals() -> None:
    # A child inherits ignored signals: if anything earlier in this pytest process ignored
    # SIGINT, the CLI would too (as under nohup), unlike in an analyst's terminal.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def pantau_process(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *args], cwd=REPO, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_interactive_signals,
        env={**os.environ, "PANTAU_HOME": str(home), "PYTHONPATH": str(REPO),
             "COLUMNS": "200"})


def test_sql_is_read_only_by_construction(home: Path) -> None:
    code, out, _ = pantau("sql", "SELECT count(*) AS n FROM posts", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "n"
    before = out
    for statement in ("DELETE FROM raw_posts", "DROP VIEW posts",
                      "CREATE TABLE mine AS SELECT 1", "UPDATE runs SET status = 'x'"):
        code, _, err = pantau("sql", statement)
        assert code != 0 and "read-only" in err.lower(), statement
    assert pantau("sql", "SELECT count(*) AS n FROM posts", "--format", "csv")[1] == before


def test_sql_runs_cookbook_files_with_variables(home: Path) -> None:
    code, out, _ = pantau("sql", "--file", "warehouse/sql/cookbook/08_new_narratives_per_day.sql",
                          "--var", "days=3", "--var", "as_of=2026-11-20", "--format", "csv")
    assert code == 0, out
    lines = out.splitlines()
    assert len(lines) == 4 and lines[-1].startswith("2026-11-20,Jumat,2026-W47")


def test_sql_reads_the_snapshot_while_a_stage_writes(home: Path) -> None:
    with writer(home / "pantau.duckdb"):  # a pipeline stage holding the main file
        proc = pantau_process(home, "sql", "SELECT count(*) AS n FROM posts", "--format",
                              "csv", "--main", "--wait", "0.3")
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "snapshot" in err and "being written" in err
    assert int(out.splitlines()[1]) > 0


def test_ctrl_c_cancels_a_long_query_cleanly(home: Path) -> None:
    import psutil

    proc = pantau_process(home, "sql", "SELECT sum(range % 7) FROM range(1000000000000)",
                          "--main", "--time-limit", "600")
    # Wait until it has the warehouse open, however slowly the interpreter starts on a busy
    # machine...
    child = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    while not any(f.path.endswith(".duckdb") for f in child.open_files()):
        assert proc.poll() is None and time.monotonic() < deadline, "the query never started"
        time.sleep(0.2)
    # ...and until the query itself is burning CPU, so the Ctrl-C lands on a running query
    opened = sum(child.cpu_times()[:2])
    while sum(child.cpu_times()[:2]) - opened < 1.0:
        assert proc.poll() is None and time.monotonic() < deadline, "the query never ran"
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    out, err = proc.communicate(timeout=30)
    assert time.monotonic() - started < 10
    assert proc.returncode == 130
    assert "Query cancelled." in err and "Traceback" not in err


def test_schema_table_and_markdown(home: Path) -> None:
    code, out, _ = pantau("schema", "dim_date")
    assert code == 0 and "weekday_name" in out and "Senin" in out
    code, out, _ = pantau("schema", "--format", "md")
    assert code == 0
    for name in ("posts", "narratives", "mart_posts", "dim_region", "raw_posts"):
        assert f"### `{name}`" in out
    assert pantau("schema", "nothing_like_this")[0] != 0


def test_export_writes_hive_partitions_and_replaces_a_range(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "lake"
    code, out, err = pantau("export", "--from", "2026-11-16", "--to", "2026-11-22",
                            "--format", "parquet", str(target))
    assert code == 0, err
    assert sorted(p.name for p in target.iterdir()) == [
        "fact_checks", "narrative_region_daily", "narratives", "posts"]
    days = sorted(p.name for p in (target / "posts").iterdir())
    assert days[0] == "day=2026-11-16" and days[-1] == "day=2026-11-22" and len(days) == 7
    province = next((target / "narrative_region_daily" / "day=2026-11-20").iterdir())
    assert province.name.startswith("province_code=")
    posts = ds.dataset(target / "posts", format="parquet", partitioning="hive").to_table()
    assert posts.num_rows > 0 and "text" in posts.column_names and "day" in posts.column_names
    nrd = ds.dataset(target / "narrative_region_daily", format="parquet",
                     partitioning="hive").to_table()
    assert {"day", "province_code", "posts"} <= set(nrd.column_names)
    assert (target / "narratives" / "narratives.parquet").is_file()

    # exporting a day again replaces it rather than adding a second copy
    code, _, _ = pantau("export", "--from", "2026-11-20", "--to", "2026-11-20", str(target))
    assert code == 0
    again = ds.dataset(target / "posts", format="parquet", partitioning="hive").to_table()
    assert again.num_rows == posts.num_rows

    code, _, _ = pantau("export", "--from", "2026-11-20", "--to", "2026-11-21", "--format",
                        "csv", "--dataset", "fact_checks", str(tmp_path / "csv"))
    assert code == 0
    files = list((tmp_path / "csv" / "fact_checks").rglob("*.csv"))
    assert files and files[0].read_text().startswith("fact_check_id,")


def test_export_rejects_bad_input(home: Path, tmp_path: Path) -> None:
    assert pantau("export", "--from", "2026-11-22", "--to", "2026-11-20", str(tmp_path))[0] != 0
    assert pantau("export", "--from", "2026-11-20", "--to", "2026-11-20", "--format", "xlsx",
                  str(tmp_path))[0] != 0
    assert pantau("export", "--from", "2026-11-20", "--to", "2026-11-20", "--dataset", "nope",
                  str(tmp_path))[0] != 0


def test_loadgen_and_cookbook_commands(tmp_path: Path, home: Path) -> None:
    code, out, err = pantau("loadgen", "--days", "2", "--posts-per-day", "60",
                            str(tmp_path / "load.duckdb"))
    assert code == 0, err
    assert "posts" in out and (tmp_path / "load.duckdb").is_file()
    code, out, _ = pantau("cookbook", "--format", "md")
    assert code == 0 and "01_emerging_narratives_by_province.sql" in out
    assert pantau("cookbook")[0] == 0
