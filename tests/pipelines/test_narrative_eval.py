"""`pantau narratives eval` runs the real stages (ingest → normalise → embed → cluster) on a
scratch warehouse and scores what they wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.narrative_eval import EvalDataError, evaluate, load, score
from pipelines.settings import Settings

CLAIMS = {
    "pertamax": ["Harga Pertamax naik jadi Rp 17.500 per liter mulai Senin depan",
                 "INFO SPBU: mulai Senin Pertamax naik jadi Rp 17.500/liter, isi full hari ini",
                 "anjir pertamax 17.500 mulai senin?? gaji segini doang",
                 "Beredar surat edaran harga Pertamax naik menjadi Rp 17.500 per liter"],
    "katulampa": ["DARURAT bendungan Katulampa jebol malam ini, Jakarta banjir 5 meter",
                  "grup rw heboh bendungan katulampa jebol, pada ngungsiin motor",
                  "Pesan berantai mengabarkan Katulampa jebol dan banjir lima meter datang",
                  "Benarkah bendungan Katulampa jebol? Keluarga di Bogor panik"],
}


def _write(tmp_path: Path) -> Path:
    rows = []
    for key, texts in CLAIMS.items():
        for k, text in enumerate(texts):
            rows.append({"id": f"{key}-{k}", "day": 1 + k // 2, "narrative": key, "text": text})
    # a reaction under the first Pertamax post: its words place it nowhere, its thread does
    rows.append({"id": "r1", "day": 1, "narrative": "pertamax", "reply_to": "pertamax-0",
                 "text": "Ya Allah... semoga gak bener 😢"})
    rows.append({"id": "u1", "day": 1, "narrative": None,
                 "text": "Dijual motor Beat 2019 mulus, pajak hidup, harga nego."})
    rows.append({"id": "clar", "day": 2, "narrative": "pertamax", "role": "clarification",
                 "official": True, "text": "Pertamina menegaskan harga Pertamax tidak naik "
                 "menjadi Rp 17.500 per liter; surat edaran itu palsu."})
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_eval_runs_the_stages_and_scores_their_narratives(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]  # noqa: E501
    base = Settings(home=tmp_path / "home")
    base.ensure_dirs()
    keep = tmp_path / "scratch"
    report = evaluate(load(_write(tmp_path)), base, keep)
    assert report["days"] == 2
    assert report["narratives_true"] == 2
    assert report["ari"] >= 0.9
    assert report["min_largest_share"] == 1.0
    assert report["clarification_recall"] == 1.0
    # what was scored is what the stages wrote: their runs are recorded in the scratch home
    import duckdb

    con = duckdb.connect(str(keep / "pantau.duckdb"), read_only=True)
    try:
        stages = {r[0] for r in con.execute("SELECT DISTINCT stage FROM runs").fetchall()}
    finally:
        con.close()
    assert {"ingest", "normalise", "embed", "cluster"} <= stages


def test_score_counts_pieces_and_unassigned_posts() -> None:
    truth = {"a1": "A", "a2": "A", "a3": "A", "a4": "A", "b1": "B", "b2": "B", "u": None}
    report = score(truth, {"a1": "n1", "a2": "n1", "a3": "n2", "b1": "n3", "b2": "n3"})
    per = {r["narrative"]: r for r in report["per_narrative"]}
    assert per["A"]["pieces"] == 3 and per["A"]["largest_share"] == 0.5
    assert per["A"]["unassigned"] == 1 and per["B"]["pieces"] == 1
    assert report["unassigned_claims"] == 1 and report["ari"] < 1
    # per language: the share of its claims in their narrative's largest piece
    langs = {"a1": "id", "a2": "id", "a3": "en", "a4": "en", "b1": "jv", "b2": "jv"}
    by = {r["lang"]: r for r in score(truth, {"a1": "n1", "a2": "n1", "a3": "n2", "b1": "n3",
                                              "b2": "n3"}, langs=langs)["by_language"]}
    assert (by["id"]["share"], by["en"]["share"], by["jv"]["share"]) == (1.0, 0.0, 1.0)
    assert by["en"]["unassigned"] == 1 and by["en"]["claims"] == 2


def test_a_malformed_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "1", "day": 1, "text": "x"}\n{"id": "2", "text": "y", "day": 0}\n',
                    encoding="utf-8")
    with pytest.raises(EvalDataError, match=r"bad.jsonl:2"):
        load(path)
