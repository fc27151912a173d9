"""Every connector through `pantau ingest` (format given and auto-detected), and detect_format."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.connectors import CONNECTORS, ConnectorError, detect_format
from pipelines.settings import Settings, reset_settings

FIXTURES = Path(__file__).parent.parent / "fixtures"
C = FIXTURES / "connectors"
DAY = FIXTURES / "inbox" / "2026-11-20"

# connector, a good fixture, (received, stored, duplicates, quarantined),
# its malformed fixture, and what the malformed one gives.
CASES = [
    ("jsonl", C / "jsonl" / "optional-fields.jsonl", (8, 2, 0, 6),
     DAY / "posts.jsonl", None),
    ("rss", DAY / "news.xml", (2, 2, 0, 0), None, None),
    ("factcheck-rss", DAY / "factchecks.xml", (3, 2, 0, 1), None, None),
    ("x-json", C / "x" / "search-banjir-demak.json", (5, 5, 0, 0),
     C / "x" / "x-broken.json", (5, 1, 0, 4)),
    ("telegram-json", C / "telegram" / "result.json", (5, 4, 0, 1),
     C / "telegram" / "result-truncated.json", (4, 0, 0, 4)),
    ("whatsapp-txt", C / "whatsapp" / "WhatsApp Chat with Grup Warga RT 05.txt", (9, 7, 0, 2),
     C / "whatsapp" / "Chat WhatsApp dengan Grup Rusak.txt", (7, 2, 0, 5)),
    ("whatsapp-zip", C / "whatsapp" / "WhatsApp Chat - Info Banjir Demak.zip", (5, 3, 0, 2),
     None, None),
    ("meta-csv", C / "meta" / "crowdtangle-facebook.csv", (3, 3, 0, 0),
     C / "meta" / "crowdtangle-broken.csv", (7, 1, 0, 6)),
    ("csv", C / "csv" / "posts-pantau.csv", (3, 3, 0, 0),
     C / "csv" / "csv-rusak.csv", (6, 1, 0, 5)),
    ("xlsx", C / "xlsx" / "laporan-kim.xlsx", (4, 3, 0, 1),
     C / "xlsx" / "laporan-rusak.xlsx", (3, 2, 0, 1)),
]
RECONCILIATION = re.compile(r"received (\d+) = stored (\d+) \+ duplicates (\d+) \+ "
                            r"quarantined (\d+)")


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One warehouse for the module (creating one takes seconds); files differ per case."""
    home = tmp_path_factory.mktemp("cli") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PANTAU_HOME", str(home))
        patch.delenv("PANTAU_INBOX", raising=False)
        patch.delenv("PANTAU_CSV_MAPPING", raising=False)
        patch.setenv("PANTAU_SOURCES_FILE", str(FIXTURES / "sources.csv"))  # declares fact-checks
        reset_settings()
        yield home
    reset_settings()


def ingest(*args: str) -> tuple[str, tuple[int, ...]]:
    done = CliRunner().invoke(app, ["ingest", "--date", "2026-11-20", *args])
    assert done.exit_code == 0, (done.output, done.exception)
    match = RECONCILIATION.search(done.output)
    assert match, done.output
    counts = tuple(int(g) for g in match.groups())
    assert counts[0] == sum(counts[1:])  # received = stored + duplicates + quarantined
    return done.output, counts


def test_every_registered_connector_is_covered() -> None:
    assert {c[0] for c in CASES} == set(CONNECTORS)


@pytest.mark.parametrize("name, good, counts, broken, broken_counts", CASES,
                         ids=[c[0] for c in CASES])
def test_pantau_ingest_with_each_format(cli_home: Path, name: str, good: Path,
                                        counts: tuple[int, ...], broken: Path | None,
                                        broken_counts: tuple[int, ...] | None) -> None:
    _output, got = ingest("--format", name, str(good))
    assert got == counts
    # auto-detection names its choice; the same file again for the same day replaces it
    assert detect_format(good, Settings()) == name
    output, again = ingest("--format", "auto", str(good))
    assert f"format auto-detected as {name}" in output
    assert again == counts
    if broken is not None:
        _output, got = ingest("--format", name, str(broken))
        if broken_counts is not None:
            assert got == broken_counts


def test_auto_detection_of_the_other_fixtures() -> None:
    expected = {
        C / "x" / "timeline-blt.jsonl": "x-json",
        C / "x" / "x-broken.json": "x-json",
        C / "telegram" / "result-truncated.json": "telegram-json",
        C / "whatsapp" / "WhatsApp Chat - Info Banjir Demak" / "_chat.txt": "whatsapp-txt",
        C / "whatsapp" / "WhatsApp Chat with Relawan Kesehatan.txt": "whatsapp-txt",
        C / "whatsapp" / "Chat WhatsApp dengan Grup Rusak.txt": "whatsapp-txt",
        C / "meta" / "crowdtangle-instagram.csv": "meta-csv",
        C / "meta" / "crowdtangle-broken.csv": "meta-csv",
        C / "csv" / "csv-rusak.csv": "csv",
        C / "telegram" / "account" / "result.json": "telegram-json",
    }
    assert {p: detect_format(p, Settings()) for p in expected} == expected


def test_csv_detection_reads_export_headers_and_follows_the_mapping(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A KIM spreadsheet (`isi`, `tanggal`, …) is read without any mapping; a CSV whose text
    column has an unknown name is refused with its columns listed, until the mapping names it."""
    reset_settings()
    assert detect_format(C / "csv" / "laporan-kim.csv", Settings()) == "csv"
    path = tmp_path / "ekspor.csv"
    path.write_text("kolom_a;kolom_b\nBeredar pesan bansos;2026-11-20\n", encoding="utf-8")
    with pytest.raises(ConnectorError, match=r"its columns: kolom_a, kolom_b.*PANTAU_CSV_MAPPING"):
        detect_format(path, Settings())
    monkeypatch.setenv("PANTAU_CSV_MAPPING", json.dumps({"kolom_a": "text",
                                                         "kolom_b": "published_at"}))
    reset_settings()
    try:
        assert detect_format(path, Settings()) == "csv"
    finally:
        reset_settings()


@pytest.mark.parametrize("name, content", [
    ("catatan.txt", "bukan ekspor WhatsApp\n"),
    ("data.json", json.dumps({"hasil": [1, 2, 3]})),
    ("rusak.json", "{{{"),
    ("gambar.png", "\x89PNG"),
])
def test_undetectable_files_ask_for_a_format(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConnectorError, match="--format"):
        detect_format(path, Settings())


def test_unusable_file_is_a_one_line_user_error(cli_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text("ini bukan JSON", encoding="utf-8")
    done = CliRunner().invoke(app, ["ingest", "--format", "telegram-json", str(path)])
    assert done.exit_code == 2
    assert "Not ingested: result.json:" in done.output and "not readable JSON" in done.output
    assert "received" not in done.output  # nothing was read, so no reconciliation


def test_a_refused_file_does_not_stop_the_others(cli_home: Path, tmp_path: Path) -> None:
    """An export whose text column has an unknown name is not ingested (its columns listed,
    with what to set); the good file beside it is, and the exit status says one was left out."""
    odd = tmp_path / "headlines.csv"
    odd.write_text("header,link,tag,title,date\nx,https://a.id,SALAH,Judul,2021-01-02\n",
                   encoding="utf-8")
    good = tmp_path / "laporan.csv"
    good.write_text("isi,tanggal\nBeredar pesan bansos cair,2026-11-20 08:00\n",
                    encoding="utf-8")
    done = CliRunner().invoke(app, ["ingest", "--date", "2026-11-20", str(odd), str(good)])
    assert done.exit_code == 2, done.output
    assert "Not ingested: headlines.csv: Cannot tell the format" in done.output
    assert "its columns: header, link, tag, title, date" in done.output
    assert "PANTAU_CSV_MAPPING" in done.output
    assert "laporan.csv: format auto-detected as csv" in done.output
    assert RECONCILIATION.search(done.output).groups() == ("1", "1", "0", "0")  # type: ignore[union-attr]


def test_the_ingest_report_prints_what_a_file_says_as_text(cli_home: Path,
                                                            tmp_path: Path) -> None:
    """File names and quarantine reasons quote the input: rich markup in them ('[/]',
    '[bold]') is shown as written, and never stops the report."""
    path = tmp_path / "laporan[bold].csv"
    path.write_text('isi,tanggal\n"Bansos cair",[/]\n"Bansos [red]cair[/]",2026-11-20 08:00\n',
                    encoding="utf-8")
    output, counts = ingest(str(path))
    assert counts == (2, 1, 0, 1)
    assert "laporan[bold].csv" in output and "'[/]'" in output


def test_a_windows_1252_spreadsheet_is_read_whole(cli_home: Path, tmp_path: Path) -> None:
    """Excel on Windows saves CSV as Windows-1252: every row is kept (not one quarantined per
    curly quote), its text decoded right, and the report says how it was read."""
    path = tmp_path / "berita.csv"
    path.write_bytes('isi;tanggal\n"Menteri: \u201cBansos cair hari ini\u201d \u2013 hoaks";'
                     '2026-11-20 07:00\n"Caf\u00e9 di Sleman tutup";2026-11-20 08:00\n'
                     .encode("cp1252"))
    output, counts = ingest(str(path))
    assert counts == (2, 2, 0, 0)
    assert "read as Windows-1252" in output
    from warehouse.connection import reader

    with reader(cli_home / "pantau.duckdb") as con:
        texts = {r[0] for r in con.execute("SELECT text FROM raw_posts WHERE source_file "
                                           "LIKE '%berita.csv%'").fetchall()}
    assert texts == {"Menteri: \u201cBansos cair hari ini\u201d \u2013 hoaks",
                     "Caf\u00e9 di Sleman tutup"}
