"""Pantau's narrative clustering against BERTopic on the same embeddings, at 1k, 10k and 100k posts.

    .venv/bin/pip install bertopic           # benchmark only; not a Pantau dependency
    .venv/bin/python benchmarks/narratives_vs_bertopic.py [--sizes 1000 10000 100000]
        [--repeats 3] [--bertopic-repeats 3] [--bertopic-sizes 5 10 25 50 100]

Data: the claims and unrelated posts of ``data/eval/narratives.jsonl`` (test split by default),
scaled up synthetically. Each synthetic post copies a labelled post with its text perturbed
(words dropped, swapped, misspelt, fillers and emoji added, case changed) and its embedding
perturbed by Gaussian noise to a cosine of about 0.93 with the original on the model's
calibrated scale (``grouping.calibrate``: noise √(1 − baseline) times as large). Embeddings are
computed once for the labelled texts (cached under ``benchmarks/work/``): re-embedding 100k texts
with the default model takes over an hour on two CPU cores. Truth: the narrative of the copied
post; copies of one unrelated post form their own group (they are paraphrases of each other).

Both methods get identical embeddings. Pantau: ``plan_day`` with no known narratives (lexical
features, blocked average linkage) plus labels for every narrative (c-TF-IDF over up to 200
members). BERTopic: default UMAP + HDBSCAN + c-TF-IDF (``calculate_probabilities=False``), its
``min_topic_size`` chosen on the tuning split at 10k posts and scaled with the size. Times are
wall-clock and CPU (all threads) on this machine, single process: medians of ``--repeats`` runs
for Pantau, each from cold caches (per-word stemming and hashing caches cleared, as in a fresh
process), and of ``--bertopic-repeats`` runs for BERTopic, the two alternating so load from other
processes hits both alike. The 1-minute load average before and after is kept: above the number
of cores, other processes were competing for them. Results go to
benchmarks/results/narratives_*.json|md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipelines.narrative_labels import class_keywords  # noqa: E402
from pipelines.narratives.grouping import claim_rows  # noqa: E402
from pipelines.narratives.step import Known, NarrativeParams, plan_day  # noqa: E402
from pipelines.settings import Settings  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
WORK = REPO / "benchmarks" / "work"
FILLERS = ["wkwk", "gan", "bro", "sebarkan", "info", "penting", "🙏", "‼️", "😱", "cek", "guys",
           "nih", "loh", "ya", "parah", "waduh", "teruskan"]


def _perturb(text: str, rng: random.Random) -> str:
    words = text.split()
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < 0.08 and len(words) > 5:
            continue  # dropped
        if r < 0.14 and len(w) > 3:  # misspelt: a letter doubled or dropped
            i = rng.randrange(1, len(w) - 1)
            w = w[:i] + w[i] * 2 + w[i + 1:] if rng.random() < 0.5 else w[:i] + w[i + 1:]
        elif r < 0.17:
            w = w.upper()
        out.append(w)
    if len(out) > 3 and rng.random() < 0.3:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    for _ in range(rng.randint(0, 2)):
        out.insert(rng.randint(0, len(out)), rng.choice(FILLERS))
    return " ".join(out)


def scale_up(texts: list[str], vectors: np.ndarray, labels: list[str], n: int,
             seed: int = 0, baseline: float = 0.0) -> tuple[list[str], np.ndarray, list[str]]:
    """n posts: every labelled post once, then perturbed copies round-robin. The embedding
    noise is scaled to the part of the vector that varies between posts, √(1 − baseline) of
    it: under multilingual-e5-small (baseline 0.84) the MiniLM-sized noise would be as large as
    the whole difference between two unrelated posts."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    base = len(texts)
    idx = [i % base for i in range(n)]
    out_t = [texts[i] if k < base else _perturb(texts[i], rng) for k, i in enumerate(idx)]
    vec = vectors[idx].copy()
    if n > base:
        sigma = 0.02 * np.sqrt(1.0 - baseline)
        noise = nrng.normal(0, sigma, size=(n - base, vectors.shape[1])).astype(np.float32)
        vec[base:] += noise
        vec[base:] /= np.linalg.norm(vec[base:], axis=1, keepdims=True)
    return out_t, vec, [labels[i] for i in idx]


def clear_caches() -> None:
    """Forget every per-word cache, so a run costs what it costs in a fresh process."""
    from pipelines import stemming
    from pipelines.narratives import grouping

    grouping.light_stem.cache_clear()
    grouping._word_features.cache_clear()
    stemming.stem_token.cache_clear()


def run_pantau(texts: list[str], vectors: np.ndarray, params: NarrativeParams) -> tuple[
        np.ndarray, float, int, float]:
    """Labels, wall seconds, narratives found, CPU seconds (all threads)."""
    clear_caches()
    cpu = time.process_time()
    started = time.perf_counter()
    tf = claim_rows(texts)  # n-grams and claim anchors, as the stage builds them
    known = Known.empty(vectors.shape[1])
    plan = plan_day(vectors, tf, np.zeros(len(texts), dtype=bool), known, params)
    labels = np.full(len(texts), -1, dtype=np.int64)
    groups = []
    for g, members in enumerate(plan.new_groups):
        labels[members] = g
        top = members[np.argsort(-plan.new_similarity[members], kind="stable")[:200]]
        groups.append([texts[i] for i in top])
    class_keywords(groups)
    return (labels, time.perf_counter() - started, len(plan.new_groups),
            time.process_time() - cpu)


def run_bertopic(texts: list[str], vectors: np.ndarray, min_topic_size: int) -> tuple[
        np.ndarray, float, int, float]:
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from umap import UMAP

    cpu = time.process_time()
    started = time.perf_counter()
    model = BERTopic(
        umap_model=UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                        random_state=42, low_memory=True),
        hdbscan_model=HDBSCAN(min_cluster_size=min_topic_size, metric="euclidean",
                              cluster_selection_method="eom", prediction_data=False),
        calculate_probabilities=False, verbose=False)
    topics, _ = model.fit_transform(texts, embeddings=vectors)
    labels = np.asarray(topics, dtype=np.int64)
    return (labels, time.perf_counter() - started, int(labels.max()) + 1,
            time.process_time() - cpu)


def scores(truth: list[str], labels: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    pred = [f"c{x}" if x >= 0 else f"~{i}" for i, x in enumerate(labels)]
    return {"ari": round(float(adjusted_rand_score(truth, pred)), 4),
            "nmi": round(float(normalized_mutual_info_score(truth, pred)), 4)}


def load_split(split: str, settings: Settings) -> tuple[list[str], np.ndarray, list[str]]:
    """The labelled set's split, normalised as the pipeline does and embedded (cached)."""
    import hashlib

    from pipelines.embedder import get_embedder
    from pipelines.narrative_eval import DEFAULT_PATH, load, select
    from pipelines.normalize import normalize_texts

    posts = [p for p in select(load(DEFAULT_PATH), split) if p.role != "clarification"]
    norms = normalize_texts([p.text for p in posts], detect_lang=False)\
        .column("text_norm").to_pylist()
    # the model the settings name (PANTAU_EMBEDDING_MODEL), so the embeddings are the ones the
    # tracker's parameters (embedding baseline) were set for
    embedder = get_embedder(settings)
    digest = hashlib.sha1("\n".join(norms).encode()).hexdigest()[:16]
    cache = WORK / f"narrative-vectors-{embedder.model_id.replace('/', '_')}-{digest}.npy"
    if cache.exists():
        vectors = np.load(cache)
    else:
        vectors = embedder.encode(norms)
        WORK.mkdir(parents=True, exist_ok=True)
        np.save(cache, vectors)
    labels = [p.narrative or f"u:{p.id}" for p in posts]
    return norms, vectors.astype(np.float32), labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--split", default="test")
    parser.add_argument("--bertopic-sizes", type=int, nargs="+", default=[5, 10, 25, 50, 100],
                        help="min_topic_size grid, tried on the tuning split at 10k posts")
    parser.add_argument("--skip-bertopic", action="store_true")
    parser.add_argument("--repeats", type=int, default=3, help="Pantau runs per size (median)")
    parser.add_argument("--bertopic-repeats", type=int, default=3,
                        help="BERTopic runs per size (median)")
    args = parser.parse_args(argv)
    try:
        import bertopic  # noqa: F401
        have_bertopic = not args.skip_bertopic
    except ImportError:
        have_bertopic = False
        print("BERTopic is not installed (pip install bertopic): timing Pantau only.")
    settings = Settings()  # type: ignore[call-arg]  # PANTAU_*: model and tracker settings
    params = NarrativeParams.from_settings(settings)
    command = " ".join(["benchmarks/narratives_vs_bertopic.py", *(argv if argv is not None
                                                                   else sys.argv[1:])])
    load_before = round(os.getloadavg()[0], 2)
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)

    chosen_per_10k = None
    tuning: list[dict[str, Any]] = []
    if have_bertopic:
        t_texts, t_vec, t_lab = load_split("tune", settings)
        texts, vec, lab = scale_up(t_texts, t_vec, t_lab, 10000, seed=1,
                                     baseline=params.embedding_baseline)
        for m in args.bertopic_sizes:
            labels, secs, k, _ = run_bertopic(texts, vec, m)
            tuning.append({"min_topic_size": m, **scores(lab, labels), "seconds": round(secs, 2)})
            print("bertopic tuning", tuning[-1], flush=True)
        chosen_per_10k = max(tuning, key=lambda r: r["ari"])["min_topic_size"]

    b_texts, b_vec, b_lab = load_split(args.split, settings)
    rows: list[dict[str, Any]] = []
    for n in args.sizes:
        texts, vec, lab = scale_up(b_texts, b_vec, b_lab, n, seed=n,
                                 baseline=params.embedding_baseline)
        size = max(3, round((chosen_per_10k or 0) * n / 10000))
        runs: list[tuple[np.ndarray, float, int, float]] = []
        b_runs: list[tuple[np.ndarray, float, int, float]] = []
        # alternate the two methods, so load from other processes hits both alike
        for i in range(max(args.repeats, args.bertopic_repeats if have_bertopic else 0, 1)):
            if i < max(1, args.repeats):
                runs.append(run_pantau(texts, vec, params))
            if have_bertopic and chosen_per_10k is not None and i < max(1, args.bertopic_repeats):
                b_runs.append(run_bertopic(texts, vec, size))
        labels, k = runs[0][0], runs[0][2]
        row: dict[str, Any] = {
            "posts": n, "pantau_seconds": round(statistics.median(r[1] for r in runs), 2),
            "pantau_cpu_seconds": round(statistics.median(r[3] for r in runs), 2),
            "pantau_runs": [round(r[1], 2) for r in runs], "pantau_narratives": k,
            **{f"pantau_{m}": v for m, v in scores(lab, labels).items()}}
        if b_runs:
            labels, k = b_runs[0][0], b_runs[0][2]
            row.update({
                "bertopic_min_topic_size": size,
                "bertopic_seconds": round(statistics.median(r[1] for r in b_runs), 2),
                "bertopic_cpu_seconds": round(statistics.median(r[3] for r in b_runs), 2),
                "bertopic_runs": [round(r[1], 2) for r in b_runs], "bertopic_topics": k,
                **{f"bertopic_{m}": v for m, v in scores(lab, labels).items()}})
            row["speedup"] = round(row["bertopic_seconds"] / max(row["pantau_seconds"], 1e-9), 1)
            row["cpu_speedup"] = round(row["bertopic_cpu_seconds"]
                                       / max(row["pantau_cpu_seconds"], 1e-9), 1)
        rows.append(row)
        print(row, flush=True)
    report = {"generated": datetime.now(UTC).isoformat(timespec="seconds"),
              "machine": f"{platform.processor() or platform.machine()}, "
                         f"{__import__('os').cpu_count()} CPUs",
              "command": command, "repeats": args.repeats,
              "bertopic_repeats": args.bertopic_repeats,
              "load_average_1min": {"before": load_before,
                                    "after": round(os.getloadavg()[0], 2)},
              "split": args.split, "pantau_params": asdict(params),
              "bertopic_tuning_10k_tune_split": tuning, "results": rows}
    (RESULTS / "narratives_vs_bertopic.json").write_text(json.dumps(report, indent=2))
    lines = ["| posts | Pantau s | Pantau CPU s | Pantau ARI | Pantau NMI | BERTopic s | "
             "BERTopic CPU s | BERTopic ARI | BERTopic NMI | speed-up | CPU speed-up |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['posts']:,} | {r['pantau_seconds']} | {r['pantau_cpu_seconds']} | "
                     f"{r['pantau_ari']} | {r['pantau_nmi']} | "
                     f"{r.get('bertopic_seconds', '–')} | {r.get('bertopic_cpu_seconds', '–')} | "
                     f"{r.get('bertopic_ari', '–')} | {r.get('bertopic_nmi', '–')} | "
                     f"{r.get('speedup', '–')}× | {r.get('cpu_speedup', '–')}× |")
    (RESULTS / "narratives_vs_bertopic.md").write_text(
        "# Narrative clustering vs BERTopic\n\n"
        f"Generated {report['generated']} on {report['machine']} by `.venv/bin/python "
        f"{command}` (split: {args.split}; scale-ups described in the script). Seconds are "
        f"medians of {args.repeats} Pantau runs (cold caches) and {args.bertopic_repeats} "
        f"BERTopic run{'s' if args.bertopic_repeats != 1 else ''}, alternating; CPU seconds "
        "count every thread of the process (the work, whatever the competition for the "
        "cores). ARI and NMI are the same every run. "
        "Load average (1 min) "
        f"{report['load_average_1min']['before']} before, "
        f"{report['load_average_1min']['after']} after: above 2, other processes were "
        "competing for the 2 cores.\n\n" + "\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
