"""Every path a new user takes, as a subprocess on a fresh PANTAU_HOME (issue 16).

No `make run` bootstrap, no inbox, no model in production: `pantau ingest` an export, then
`pantau run` over the posts' own days, an empty day, `pantau doctor`, `pantau status`, and the
mistakes a user makes. Each command ends with exit 0 and a message, or a one-line error and a
non-zero exit; never a traceback. Inputs are tiny: the embedder load is the cost (one per run).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "connectors"
DAY1, DAY2, EMPTY = date(2024, 5, 27), date(2024, 5, 28), date(2024, 6, 2)


def pantau(home: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PANTAU_") or k == "PANTAU_EMBEDDING_MODEL"}
    env.update({"PANTAU_HOME": str(home), "PYTHONPATH": str(REPO), "COLUMNS": "200",
                "PANTAU_AUTHOR_SALT": "a-secret-salt-for-this-test-only",
                "HF_HUB_OFFLINE": "1"})
    done = subprocess.run([sys.executable, "-m", "pipelines.cli", *args], cwd=REPO, text=True,
                          capture_output=True, env=env, timeout=timeout)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr[-3000:]
    return done


def user_error(done: subprocess.CompletedProcess[str], words: str) -> None:
    assert done.returncode != 0
    assert words in done.stderr + done.stdout


def export_jsonl(path: Path) -> Path:
    """Posts written on two days (one of them late at night UTC: already the next day in WIB)."""
    texts = ["Awas, air PDAM di Semarang dicampur racun, jangan diminum dulu",
             "Jalan pantura Demak ditutup total besok pagi karena banjir",
             "Bantuan BLT cair lewat tautan ini, isi data KTP Anda sekarang"]
    rows = [{"id": f"{d.day}-{i}", "text": f"{t} (pesan {d.day}-{i})", "source": "grup-warga",
             "published_at": f"{d.isoformat()}T0{i + 6}:15:00+07:00", "platform": "whatsapp"}
            for d in (DAY1, DAY2) for i, t in enumerate(texts)]
    rows.append({"id": "late", "text": "Listrik padam se-Jawa Tengah malam ini katanya",
                 "source": "grup-warga", "published_at": f"{DAY1.isoformat()}T18:30:00Z"})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("newcomer") / "home"  # does not exist yet


def counts(home: Path, day: date) -> tuple[int, int, bool] | None:
    con = duckdb.connect(str(home / "pantau.duckdb"), read_only=True)
    try:
        row = con.execute("SELECT received, stored + duplicates, reconciled FROM run_summary "
                          "WHERE day = ?", [day]).fetchone()
    finally:
        con.close()
    return None if row is None else (int(row[0]), int(row[1]), bool(row[2]))


def test_status_and_doctor_on_a_home_that_does_not_exist(fresh: Path) -> None:
    done = pantau(fresh, "status")
    assert done.returncode == 0 and "No warehouse yet" in done.stdout
    done = pantau(fresh, "doctor", "--skip-model")
    assert done.returncode == 0, done.stdout
    assert "Model in production" in done.stdout and "pantau models bootstrap" in done.stdout
    assert "0 failed" in done.stdout


@pytest.mark.slow
def test_ingest_then_run_the_posts_own_days(fresh: Path, tmp_path: Path) -> None:
    done = pantau(fresh, "ingest", "--format", "jsonl", str(export_jsonl(tmp_path / "e.jsonl")))
    assert done.returncode == 0, done.stderr
    assert "received 7 = stored 7 + duplicates 0 + quarantined 0" in done.stdout
    assert f"pantau run --from {DAY1} --to {DAY2}" in done.stdout
    # no inbox folder: the default one is created, and the ingested posts are kept
    done = pantau(fresh, "run", "--from", DAY1.isoformat(), "--to", DAY2.isoformat())
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{DAY1}: 3 received" in done.stdout and f"{DAY2}: 4 received" in done.stdout
    assert counts(fresh, DAY1) == (3, 3, True)
    assert counts(fresh, DAY2) == (4, 4, True)  # with the late-night post, in WIB
    for day in (DAY1, DAY2):
        brief = (fresh / "reports" / day.isoformat() / "briefing-nasional.txt").read_text(
            encoding="utf-8")
        # no model in production: a calm briefing that says why nothing could be flagged
        assert "Tidak ada narasi hoaks yang ditandai" in brief
        assert "Belum ada model klasifikasi hoaks di produksi" in brief
    # the same export again replaces itself: the days still reconcile, nothing doubles
    done = pantau(fresh, "ingest", str(tmp_path / "e.jsonl"))
    assert done.returncode == 0 and "format auto-detected as jsonl" in done.stdout
    assert counts(fresh, DAY2) == (4, 4, True)


@pytest.mark.slow
def test_a_day_with_nothing(fresh: Path) -> None:
    done = pantau(fresh, "run", "--date", EMPTY.isoformat())
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{EMPTY}: 0 received" in done.stdout
    brief = (fresh / "reports" / EMPTY.isoformat() / "briefing-nasional.txt").read_text(
        encoding="utf-8")
    assert "Tidak ada narasi hoaks yang ditandai" in brief
    assert "Tidak ada data yang masuk" in brief
    assert (fresh / "reports" / EMPTY.isoformat() / "briefing-nasional.html").exists()
    done = pantau(fresh, "status", "--days", "3")
    assert done.returncode == 0
    assert "cluster" in done.stdout and "success" in done.stdout and "failed" not in done.stdout


def test_telegram_account_and_whatsapp_zip_exports(fresh: Path) -> None:
    done = pantau(fresh, "ingest", str(FIXTURES / "telegram" / "account" / "result.json"),
                  str(FIXTURES / "whatsapp" / "WhatsApp Chat - Info Banjir Demak.zip"))
    assert done.returncode == 0, done.stderr
    assert "format auto-detected as telegram-json" in done.stdout
    assert "format auto-detected as whatsapp-zip" in done.stdout
    # 6 Telegram messages (1 media-only) + 5 WhatsApp records (2 media-only)
    assert "received 11 = stored 8 + duplicates 0 + quarantined 3" in done.stdout
    assert "2026-11-19 to 2026-11-21" in done.stdout


def test_mistakes_are_one_line_errors(fresh: Path, tmp_path: Path) -> None:
    user_error(pantau(fresh, "ingest", str(tmp_path / "tidak-ada.jsonl")),
               "Input file not found")
    user_error(pantau(fresh, "ingest", "--format", "nope", str(tmp_path)), "")
    bad = tmp_path / "chat.zip"
    bad.write_bytes(b"bukan zip")
    done = pantau(fresh, "ingest", str(bad))
    user_error(done, "not a readable zip")
    assert len([line for line in done.stderr.splitlines() if line.strip()]) == 1
    user_error(pantau(fresh, "run", "--from", "2024-05-29", "--to", "2024-05-27"), "before")
    user_error(pantau(fresh, "run", "--date", "29-05-2024"), "YYYY-MM-DD")
    user_error(pantau(fresh, "run", "--date", "2024-05-29", "--inbox", str(tmp_path / "no")),
               "does not exist")
