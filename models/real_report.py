"""Run the real-data benchmark and write it as JSON and Markdown (docs and README quote it)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipelines.settings import Settings

COMMAND = ".venv/bin/python benchmarks/real_data_eval.py"


def _slug(settings: Settings) -> str:
    """'' for the default embedding model, else a file-name-safe name of the model."""
    from pipelines.settings import DEFAULT_EMBEDDING_MODEL

    if settings.embedding_model == DEFAULT_EMBEDDING_MODEL:
        return ""
    return "_" + re.sub(r"[^0-9a-zA-Z]+", "-", Path(settings.embedding_model).name).strip("-")


def cache_path(settings: Settings) -> Path:
    """Embeddings of the benchmark texts, keyed like the warehouse cache, outside it (one file
    per embedding model, so runs with two models can go side by side)."""
    return settings.home / "cache" / f"real_data_embeddings{_slug(settings)}.duckdb"


def run_and_write(settings: Settings, data_dir: Path, output: Path | None = None,
                  quick: bool = False, fact_checks: bool = True, progress: bool = False,
                  on_step: Callable[[str], None] | None = None) -> dict[str, Any]:
    from models.fact_check_eval import evaluate_thresholds
    from models.real_eval import run_benchmark
    from models.vector_cache import open_cache
    from pipelines.embedder import get_embedder

    embedder = get_embedder(settings)
    con = open_cache(cache_path(settings))
    try:
        result = run_benchmark(data_dir, embedder, con, quick=quick,
                               threshold=settings.hoax_threshold, progress=progress,
                               on_step=on_step)
        if fact_checks:
            if on_step:
                on_step("fact-check matching threshold sweep")
            result["fact_check_matching"] = evaluate_thresholds(con, embedder, data_dir,
                                                                progress=progress)
            result["fact_check_matching"]["configured_threshold"] = \
                settings.fact_check_threshold
    finally:
        con.close()
    from pipelines.settings import DEFAULT_EMBEDDING_MODEL

    env = ("" if settings.embedding_model == DEFAULT_EMBEDDING_MODEL
           else f"PANTAU_EMBEDDING_MODEL={settings.embedding_model} ")
    result["command"] = env + COMMAND + (" --quick" if quick else "")
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        stem = "real_data" + ("_quick" if quick else "") + _slug(settings)
        (output / f"{stem}.json").write_text(
            json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8")
        (output / f"{stem}.md").write_text(markdown_tables(result) + "\n", encoding="utf-8")
    return result


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def markdown_tables(result: dict[str, Any]) -> str:
    lines = [
        "# Hoax classifier on real data",
        "",
        f"Embedding model `{result['embedding_model']}`; classifier: {result['classifier']}; "
        f"threshold {result['threshold']}. Generated {result['generated_at']} by "
        f"`{result.get('command', COMMAND)}`.",
        "",
        "Views: **title** = headline or claim only; **lead** = the claim's narrative vs the "
        "article start cut to the claims' length distribution; **full** = whole text (news "
        "style gives the label away).",
        "",
        "| family | data | view | split | n train | n test (hoax) | precision | recall | F1 "
        "| specificity | macro F1 | PR-AUC | ECE |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for e in result["experiments"]:
        m = e["metrics"]
        lines.append(
            f"| {e['family']} | {e['dataset']} | {e['view']} | {e['split']} | {m['n_train']} | "
            f"{m['n']} ({m['positives']}) | {_fmt(m['precision'])} | {_fmt(m['recall'])} | "
            f"**{_fmt(m['f1'])}** | {_fmt(m.get('specificity'))} | {_fmt(m.get('macro_f1'))} | "
            f"{_fmt(m['pr_auc'])} | {_fmt(m['calibration']['ece'])} |")
    if result.get("summary"):
        lines += ["", "Publisher-disjoint (mean over both directions): " + ", ".join(
            f"{k} = {v}" for k, v in result["summary"].items())]
    fc = result.get("fact_check_matching")
    if fc:
        rec = fc["recommended"]
        lines += [
            "", "## Fact-check matching",
            "",
            f"{fc['n_positive_queries']} 2024 hoax narratives (as circulated) against "
            f"{fc['n_fact_checks']} 2024-25 fact-check claims; {fc['n_negative_queries']} news "
            "titles and leads must match nothing. Recommended threshold "
            f"**{rec['threshold']}** ({rec['rule']}): recall {rec['recall']}, precision "
            f"{rec['precision']}, news false-match rate {rec['news_false_match_rate']}. "
            f"Configured: {fc.get('configured_threshold')}.",
            "",
            "| threshold | recall | wrong match | news matched | precision | F1 |",
            "|---|---|---|---|---|---|",
        ]
        for r in fc["by_threshold"]:
            lines.append(f"| {r['threshold']} | {r['recall']} | {r['wrong_match_rate']} | "
                         f"{r['news_false_match_rate']} | {r['precision']} | {r['f1']} |")
    return "\n".join(lines)
