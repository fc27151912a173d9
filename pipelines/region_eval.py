"""Score the region tagger against a labelled JSONL set (``data/eval/regions.jsonl``).

Each line: ``{"text": ..., "provinces": ["33"], "regencies": ["33.72"], "note": ...}`` with
optional ``region_hint`` / ``home_region`` (passed to the tagger as priors). Micro-averaged
precision, recall and F1 at two levels:

* regency: gold = ``regencies``; predicted = tags with level "regency";
* province: gold = ``provinces`` plus the province of every gold regency; predicted = every
  province tag (explicit, implied by a regency, or from an ambiguous kota/kabupaten name).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.errors import EvalDataError
from pipelines.fileio import read_jsonl
from pipelines.region_tagger import RegionTagger, get_tagger

DEFAULT_PATH = Path("data/eval/regions.jsonl")


@dataclass(frozen=True)
class Example:
    text: str
    provinces: frozenset[str]
    regencies: frozenset[str]
    hint: str | None = None
    home_region: str | None = None
    note: str = ""


def load_examples(path: Path | str) -> list[Example]:
    path = Path(path)
    examples = []
    for number, row in read_jsonl(path, EvalDataError):
        if not isinstance(row.get("text"), str):
            raise EvalDataError(f"{path}:{number}: expected an object with a 'text' string")
        regencies = frozenset(row.get("regencies") or [])
        provinces = frozenset(row.get("provinces") or []) | {r[:2] for r in regencies}
        examples.append(Example(row["text"], provinces, regencies, row.get("region_hint"),
                                row.get("home_region"), row.get("note") or ""))
    return examples


def _scores(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def evaluate(path: Path | str = DEFAULT_PATH, tagger: RegionTagger | None = None) -> dict[str, Any]:
    """Micro P/R/F1 at province and regency level, plus the examples it got wrong."""
    examples = load_examples(path)
    tagger = tagger or get_tagger()
    counts = {"province": [0, 0, 0], "regency": [0, 0, 0]}
    errors = []
    for ex in examples:
        tags = tagger.tag(ex.text, ex.hint, ex.home_region)
        predicted = {
            "province": {t.code for t in tags if t.level == "province"},
            "regency": {t.code for t in tags if t.level == "regency"},
        }
        gold = {"province": ex.provinces, "regency": ex.regencies}
        wrong = False
        for level, (tp_fp_fn) in counts.items():
            tp_fp_fn[0] += len(predicted[level] & gold[level])
            tp_fp_fn[1] += len(predicted[level] - gold[level])
            tp_fp_fn[2] += len(gold[level] - predicted[level])
            wrong = wrong or predicted[level] != gold[level]
        if wrong:
            errors.append({"text": ex.text, "note": ex.note,
                           "missing": sorted((gold["province"] | gold["regency"])
                                             - (predicted["province"] | predicted["regency"])),
                           "extra": sorted((predicted["province"] | predicted["regency"])
                                           - (gold["province"] | gold["regency"]))})
    return {"examples": len(examples),
            "province": _scores(*counts["province"]),
            "regency": _scores(*counts["regency"]),
            "errors": errors}
