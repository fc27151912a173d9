"""The hostile corpus (benchmarks/hostile_corpus.py) at a small size: every connector, every
payload kind; no crash, no record unaccounted for, none lost. The benchmark runs the same code
with >= 5,000 records for docs/reliability.md."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent.parent / "benchmarks" / "hostile_corpus.py"


def test_hostile_corpus_through_every_connector(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("hostile_corpus", BENCH)
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    figures = corpus.run(tmp_path, per_kind=3)
    assert figures["crashes"] == 0, figures
    assert figures["refused_files"] == 0, figures
    assert figures["unaccounted"] == 0 and figures["lost"] == 0, figures
    assert figures["received"] == figures["written"] > 0
    from pipelines.connectors import CONNECTORS

    tried = {c.get("format") for c in figures["connectors"].values()}
    assert tried >= set(CONNECTORS) - {"factcheck-rss"}  # spoofed feeds are read as rss
    spoofed = [c for name, c in figures["connectors"].items() if name.startswith("spoofed")]
    assert spoofed and all(c["format"] == "rss" and c["notes"] for c in spoofed)
    reasons = " ".join(figures["quarantine_reasons"])
    for expected in ("nested deeper than", "line longer than", "invalid UTF-8",
                     "longer than N characters"):
        assert expected in reasons, reasons
