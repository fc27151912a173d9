"""Disk full while writing: a clear one-line error and the previous state intact, whether the
write that fails is Python's (briefings, the snapshot copy) or DuckDB's (a real small file
system, mounted in a private mount namespace where the machine allows it)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from pipelines.fileio import write_atomic
from pipelines.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def _enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_briefing_write_that_hits_a_full_disk_keeps_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "briefing-nasional.html"
    write_atomic(path, "<p>kemarin</p>")
    monkeypatch.setattr(os, "fsync", _enospc)  # the data reaches the disk here
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, "<p>hari ini</p>" * 1000)
    assert path.read_text(encoding="utf-8") == "<p>kemarin</p>"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind


def test_a_snapshot_copy_that_hits_a_full_disk_keeps_the_old_snapshot(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.daily import run_stage
    from pipelines.stages.publish import snapshot_path
    from warehouse.connection import DiskFullError

    run_stage("publish", settings, date(2026, 11, 20))
    snap = snapshot_path(settings)
    before = snap.read_bytes()
    monkeypatch.setattr(shutil, "copyfileobj", _enospc)
    with pytest.raises(DiskFullError, match="Disk full while the publish stage") as raised:
        run_stage("publish", settings, date(2026, 11, 21))
    assert "\n" not in str(raised.value) and "rerun the day" in str(raised.value)
    assert snap.read_bytes() == before
    assert not [p for p in snap.parent.iterdir() if p.name.endswith(".tmp")]


_IN_NAMESPACE = textwrap.dedent("""
    import json, sys
    from datetime import date
    from pathlib import Path
    from pipelines.daily import run_stage
    from pipelines.settings import Settings
    from warehouse.connection import reader

    home, inbox = Path(sys.argv[1]), Path(sys.argv[2])
    s = Settings(home=home, inbox=inbox)
    s.ensure_dirs()
    run_stage("ingest", s, date(2026, 11, 20))
    def state():
        with reader(s.warehouse_path) as con:
            return con.execute("SELECT count(*), count(DISTINCT batch_day) FROM raw_posts"
                               ).fetchall()[0]
    before = state()
    out = {"before": before}
    try:
        run_stage("ingest", s, date(2026, 11, 21))
        out["error"] = None
    except Exception as exc:
        out["error"] = type(exc).__name__
        out["message"] = str(exc)
    out["after"] = state()
    print(json.dumps(out))
""")


def test_duckdb_running_out_of_space_keeps_the_previous_warehouse(tmp_path: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("no unshare(1) to mount a small file system")
    inbox = tmp_path / "inbox"
    shutil.copytree(REPO / "tests" / "fixtures" / "inbox" / "2026-11-20", inbox / "2026-11-20")
    big = inbox / "2026-11-21"
    big.mkdir()
    with (big / "posts.jsonl").open("w", encoding="utf-8") as out:
        for i in range(40_000):  # ~14 MB of posts: far more than the 6 MB disk holds
            out.write(json.dumps({"id": f"p{i}", "text": f"Kabar {i:06d} " + "hoaks " * 40,
                                  "published_at": "2026-11-21T07:00:00+07:00",
                                  "source": "wa", "platform": "whatsapp"}) + "\n")
    home = tmp_path / "small"
    home.mkdir()
    script = tmp_path / "in_namespace.py"
    script.write_text(_IN_NAMESPACE, encoding="utf-8")
    # the warehouse starts at ~3 MB (schema, views, descriptions): 6 MB leaves room for day 1
    shell = (f"mount -t tmpfs -o size=6M none {home} && "
             f"{sys.executable} {script} {home} {inbox}")
    proc = subprocess.run(["unshare", "-m", "sh", "-c", shell], cwd=REPO, capture_output=True,
                          text=True, timeout=600, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    if "mount" in proc.stderr and proc.returncode != 0 and not proc.stdout:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()[:200]}")
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["error"] == "DiskFullError", out
    assert "Disk full while the ingest stage of 2026-11-21" in out["message"]
    assert out["after"] == out["before"] and out["before"][0] > 0  # day 1 intact, no day 2


@pytest.mark.parametrize("error", [
    "OutOfMemoryException: Out of Memory Error: could not allocate block of size 256.0 KiB"
    " (1.8 GiB/1.8 GiB used)",
    "TransactionException: TransactionContext Error: Failed to commit: could not allocate"
    " block of size 256.0 KiB (797.9 KiB/976.5 KiB used)",  # a commit that runs out
])
def test_duckdb_out_of_memory_says_which_setting_to_raise(
        settings: Settings, monkeypatch: pytest.MonkeyPatch, error: str) -> None:
    import duckdb

    from pipelines.daily import run_stage
    from pipelines.stages import publish
    from warehouse.connection import MemoryLimitError

    kind, text = error.split(": ", 1)

    def exhausted(*args: object, **kwargs: object) -> None:
        raise getattr(duckdb, kind)(text)

    monkeypatch.setattr(publish, "publish", exhausted)
    with pytest.raises(MemoryLimitError, match="PANTAU_DUCKDB_MEMORY_LIMIT") as raised:
        run_stage("publish", settings, date(2026, 11, 20))
    message = str(raised.value)
    assert "\n" not in message and "publish stage of 2026-11-20" in message
    assert settings.duckdb_memory_limit in message and "rerun the day" in message
