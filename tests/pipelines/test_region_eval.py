from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli_regions import app
from pipelines.gazetteer import regions
from pipelines.region_eval import DEFAULT_PATH, EvalDataError, evaluate, load_examples

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / DEFAULT_PATH


def test_eval_set_is_broad() -> None:
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 350
    known = regions()
    for row in rows:
        assert set(row) >= {"text", "provinces", "regencies", "note"}
        for code in row["provinces"] + row["regencies"]:
            assert code in known, code
    provinces = {p for row in rows for p in row["provinces"]}
    assert provinces == {c for c, r in known.items() if r.level == "province"}  # all 38
    assert sum(1 for row in rows if not row["provinces"]) >= 20  # texts with no region
    assert len({row["text"] for row in rows}) == len(rows)


def test_shipped_eval_meets_targets() -> None:
    result = evaluate(EVAL)
    assert result["province"]["f1"] >= 0.97
    assert result["regency"]["f1"] >= 0.90


def test_scores_on_a_small_file(tmp_path: Path) -> None:
    data = tmp_path / "mini.jsonl"
    rows = [
        # right at both levels
        {"text": "Banjir di Kota Malang", "provinces": ["35"], "regencies": ["35.73"]},
        # gold regency given, tagger only knows the province: regency FN, province TP
        {"text": "Banjir di Malang", "provinces": [], "regencies": ["35.73"]},
        # gold has nothing: the tagged Sleman is a FP at both levels
        {"text": "Banjir di Sleman", "provinces": [], "regencies": []},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    result = evaluate(data)
    assert result["examples"] == 3
    assert result["province"] | {} == {"precision": 0.6667, "recall": 1.0, "f1": 0.8,
                                        "tp": 2, "fp": 1, "fn": 0}
    assert (result["regency"]["tp"], result["regency"]["fp"], result["regency"]["fn"]) \
        == (1, 1, 1)
    assert [e["text"] for e in result["errors"]] == ["Banjir di Malang", "Banjir di Sleman"]


def test_province_gold_includes_provinces_of_regencies(tmp_path: Path) -> None:
    data = tmp_path / "one.jsonl"
    data.write_text(json.dumps({"text": "x", "provinces": [], "regencies": ["33.72"]}) + "\n",
                    encoding="utf-8")
    assert load_examples(data)[0].provinces == frozenset({"33"})


@pytest.mark.parametrize("content, message", [
    ('{"text": "a", "provinces": []}\nnope\n', ":2: not valid JSON"),
    ('{"provinces": []}\n', ":1: expected an object"),
])
def test_bad_eval_file(tmp_path: Path, content: str, message: str) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(content, encoding="utf-8")
    with pytest.raises(EvalDataError, match=message):
        evaluate(data)
    with pytest.raises(EvalDataError, match="no such file"):
        evaluate(tmp_path / "missing.jsonl")


runner = CliRunner()


def test_cli_eval_table_and_json() -> None:
    result = runner.invoke(app, ["eval", "--data", str(EVAL)])
    assert result.exit_code == 0, result.output
    assert "province" in result.output and "kab/kota" in result.output
    result = runner.invoke(app, ["eval", "--data", str(EVAL), "--json"])
    assert result.exit_code == 0
    scores = json.loads(result.output)
    assert scores["province"]["f1"] >= 0.97 and scores["regency"]["f1"] >= 0.90
    assert "errors" not in scores


def test_cli_eval_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--data", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--data", str(bad)])
    assert result.exit_code == 2 and "bad.jsonl:1: not valid JSON" in result.output
    assert "Traceback" not in result.output
