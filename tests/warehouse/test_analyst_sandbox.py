"""`pantau sql` cannot write, read files, load extensions or run more than one statement
unasked; `pantau export` writes under its target folder only. Each attack from issue 13 is
refused with one line and exit 2, and neither warehouse file changes by a single byte."""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipelines.settings import reset_settings
from warehouse.analyst_sql import RefusedSql, analyst_statements
from warehouse.connection import analyst_reader


@pytest.fixture
def home(synthetic_warehouse: Path, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
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


def digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def attacks(home: Path, out: Path) -> list[tuple[str, ...]]:
    main = home / "pantau.duckdb"
    return [
        ("SELECT * FROM read_csv('/etc/passwd')",),
        ("SELECT * FROM read_text('/etc/passwd')",),
        ("SELECT * FROM '/etc/passwd'",),
        (f"COPY (SELECT * FROM posts) TO '{out / 'leak.csv'}'",),
        ("--script", f"SELECT 1; COPY (SELECT 1) TO '{out / 'leak2.csv'}'"),
        ("--snapshot", f"ATTACH '{main}' AS w (READ_WRITE); DELETE FROM w.raw_posts"),
        ("--snapshot", "--script", f"ATTACH '{main}' AS w (READ_WRITE); DELETE FROM w.raw_posts"),
        ("--snapshot", f"SELECT * FROM read_parquet('{main}')",),
        ("INSTALL httpfs",),
        ("LOAD httpfs",),
        ("FORCE INSTALL spatial FROM community",),
        ("--script", "SET enable_external_access = true; SELECT * FROM read_csv('/etc/passwd')"),
        ("--script", "SET allow_community_extensions = true; SELECT 1"),
        ("SET lock_configuration = false",),
        ("SELECT 1; SELECT 2",),
        ("DELETE FROM raw_posts",),
        ("--main", "DELETE FROM raw_posts",),
        ("EXPORT DATABASE '/tmp/pantau-export-attack'",),
        ("CHECKPOINT",),
        ("PRAGMA enable_profiling = 'json'",),
    ]


def test_every_attack_is_refused_with_one_line_and_exit_2(home: Path, tmp_path: Path) -> None:
    files = [home / "pantau.duckdb", home / "pantau_snapshot.duckdb"]
    before = digest(*files)
    out = tmp_path / "out"
    out.mkdir()
    for args in attacks(home, out):
        code, stdout, err = pantau("sql", *args)
        assert code == 2, (args, stdout, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), (args, err)
        assert "root:" not in stdout + err, args  # /etc/passwd never shown
    assert list(out.iterdir()) == []
    assert not Path("/tmp/pantau-export-attack").exists()
    assert digest(*files) == before
    # and the warehouse still answers
    code, stdout, _ = pantau("sql", "SELECT count(*) AS n FROM raw_posts", "--format", "csv")
    assert code == 0 and int(stdout.splitlines()[1]) > 0


def test_cookbook_variables_and_read_statements_still_work(home: Path) -> None:
    code, out, err = pantau("sql", "--script", "--format", "csv",
                            "SET VARIABLE days = 3; SELECT getvariable('days') AS d")
    assert code == 0, err
    assert out.splitlines() == ["d", "3"]
    for query in ("DESCRIBE posts", "SHOW TABLES", "EXPLAIN SELECT count(*) FROM posts",
                  "WITH x AS (SELECT 1 AS a) SELECT a FROM x", "FROM posts LIMIT 1",
                  "SELECT * FROM pragma_table_info('posts')"):
        code, out, err = pantau("sql", query, "--format", "csv")
        assert code == 0, (query, err)
    code, out, err = pantau("sql", "--file",
                            "warehouse/sql/cookbook/08_new_narratives_per_day.sql",
                            "--var", "days=3", "--format", "csv")
    assert code == 0, err


def test_the_connection_itself_refuses_without_the_statement_gate(home: Path,
                                                                  tmp_path: Path) -> None:
    """The gate is a courtesy: the connection is the barrier, for any caller of
    analyst_reader (the export, the schema command, Python notebooks)."""
    for prefer in (True, False):
        with analyst_reader(home / "pantau.duckdb", prefer_snapshot=prefer) as con:
            for sql in (f"COPY (SELECT 1) TO '{tmp_path / 'x.csv'}'",
                        "SELECT * FROM read_csv('/etc/passwd')",
                        f"ATTACH '{home / 'pantau.duckdb'}' AS w (READ_WRITE)",
                        "LOAD httpfs", "SET enable_external_access = true",
                        "SET lock_configuration = false", "DELETE FROM raw_posts"):
                with pytest.raises(duckdb.Error):
                    con.execute(sql)
    assert not (tmp_path / "x.csv").exists()


def test_statement_types_come_from_duckdbs_parser() -> None:
    # a statement hidden behind a comment or a string is seen for what it is
    with pytest.raises(RefusedSql, match="COPY"):
        analyst_statements("/* SELECT */ COPY posts TO 'x.csv'")
    assert analyst_statements("SELECT ';COPY posts TO ''x''' AS s") == [
        "SELECT ';COPY posts TO ''x''' AS s"]
    with pytest.raises(RefusedSql, match="one per call"):
        analyst_statements("SELECT 1; -- fine\nDROP VIEW posts")
    with pytest.raises(RefusedSql):
        analyst_statements("SELEC 1")


def test_the_default_reads_the_snapshot_and_main_has_a_time_limit(home: Path) -> None:
    # the main file is locked by a writer in another process? The default never touches it:
    # here we show it reads the snapshot, which differs from main by one marker table.
    with duckdb.connect(str(home / "pantau_snapshot.duckdb")) as con:
        con.execute("CREATE TABLE snapshot_marker AS SELECT 1 AS x")
    assert pantau("sql", "SELECT x FROM snapshot_marker", "--format", "csv")[0] == 0
    assert pantau("sql", "--main", "SELECT x FROM snapshot_marker")[0] == 2
    started = time.monotonic()
    code, _, err = pantau("sql", "--main", "--time-limit", "1",
                          "SELECT sum(range % 7) FROM range(1000000000000)")
    assert code == 2 and "stopped after 1 s" in err and len(err.strip().splitlines()) == 1
    assert time.monotonic() - started < 30
    # on the snapshot no limit applies (it holds up nothing); a short query finishes there
    assert pantau("sql", "--time-limit", "1", "SELECT sum(range) FROM range(1000)")[0] == 0


def test_export_writes_under_its_folder_only(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "exports"
    code, out, err = pantau("export", str(target), "--from", "2026-11-20", "--to",
                            "2026-11-20", "--dataset", "posts")
    assert code == 0, err
    assert list((target / "posts").rglob("*.parquet"))
    with analyst_reader(home / "pantau.duckdb", allowed_directories=(target,)) as con:
        con.execute(f"COPY (SELECT 1 AS a) TO '{target / 'ok.csv'}'")
        for outside in (tmp_path / "outside.csv", target.parent / "exports2" / "x.csv",
                        target / ".." / "escape.csv"):
            with pytest.raises(duckdb.PermissionException):
                con.execute(f"COPY (SELECT 1 AS a) TO '{outside}'")
    assert (target / "ok.csv").exists() and not (tmp_path / "outside.csv").exists()
    assert not (tmp_path / "escape.csv").exists()
