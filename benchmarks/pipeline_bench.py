"""Pipeline benchmark: a synthetic day of N posts through the whole daily pipeline, against the
floor — the raw `SentenceTransformer.encode` of the same texts, measured in the same run.

    make bench                                   # default sizes, report in benchmarks/results/
    .venv/bin/pantau bench --sizes 1000,10000,100000 --reps 3,2,1
    .venv/bin/python benchmarks/pipeline_bench.py --sizes 1000 --reps 1 --no-incremental

What it measures (each size in its own worker process, so peak memory is that size's):

* per stage wall time, total pipeline time, posts/s, peak RSS (sampled every 0.1 s, and the
  process high-water mark), CPU seconds;
* the floor: `SentenceTransformer.encode` (same model object, same arguments) on exactly the
  texts the pipeline's embed stage encoded, nothing else around it. It is measured *paired*:
  every model call the pipeline makes is repeated raw right before or right after it
  (alternating), and taken out of the pipeline's timings, so a machine shared with other work
  slows the floor and the pipeline alike. Up to 2k posts the same texts are also encoded in one
  call (one global length sort) for comparison;
* **overhead = pipeline time / floor time** (median of the repetitions), and the same ratio on
  CPU seconds;
* **incremental cost**: day 31 on a warehouse already holding 30 days against day 1 on an empty
  one, same size, real model, alternating. The 30 days are pre-filled by running the real
  stages with a cheap hashing embedder (same model id, same dimension), so the warehouse holds
  everything a real month leaves behind: raw and staged posts, embeddings, scores, narratives
  with their daily sums, marts, the near-duplicate key cache. (`benchmarks/loadgen.py` fills a
  warehouse faster but leaves `embeddings` and `narrative_day_sums` empty — exactly the tables
  day 31's embed, classify and cluster read — so it would flatter the result.)

Each run starts from a copy of one bootstrapped home (`models.promotion.bootstrap` on
data/sample/labels.csv), so every repetition does the same work. A warm-up day (200 posts) runs
first in each worker; its time and the model load are reported as cold-start costs, not counted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent

SAMPLE = REPO / "data" / "sample"
RESULTS = REPO / "benchmarks" / "results"
DAY = date(2026, 12, 31)  # the benchmark day; the incremental month ends the day before
DEFAULT_SIZES = (1_000, 10_000, 100_000)
TARGET_OVERHEAD = 1.10
TARGET_INCREMENTAL = 1.20


# --- helpers -----------------------------------------------------------------------------------

def _median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def _cpu_seconds() -> float:
    """This process's CPU seconds and its finished children's: the stages' forked workers
    (`pipelines.parallel`) are children, waited for when each stage's pool closes."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class RssSampler:
    """Peak resident memory of this process while running, sampled in a thread."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._proc = psutil.Process()
        self._interval = interval
        self.peak = 0
        # This process with its live children (the stages' forked workers), RSS summed: an
        # upper bound, as pages a fork still shares with its parent count in both.
        self.peak_tree = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            rss = self._proc.memory_info().rss
            self.peak = max(self.peak, rss)
            tree = rss
            for child in self._proc.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    tree += child.memory_info().rss
            self.peak_tree = max(self.peak_tree, tree)
            self._stop.wait(self._interval)

    def __enter__(self) -> RssSampler:
        self.peak = self._proc.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._proc.memory_info().rss)


class ModelClock:
    """Times (and optionally records the inputs of) every call into the model's encode.

    With `paired` set, every call the pipeline makes is repeated as a raw call with the same
    arguments (the floor for those texts), alternately just before and just after it, so the
    floor is measured seconds apart from the pipeline's own call, under the same load from
    anything else on the machine; `run_pipeline` subtracts the floor calls from its timings.
    """

    def __init__(self, st_model: Any) -> None:
        self.model = st_model
        self.original = type(st_model).encode.__get__(st_model)
        self.seconds = 0.0
        self.calls = 0
        self.texts: list[str] = []
        self.record = False
        self.paired = False
        self.floor_seconds = 0.0
        self.floor_cpu = 0.0

    def _floor(self, sentences: Any, args: Any, kwargs: Any) -> None:
        cpu0, t0 = _cpu_seconds(), time.perf_counter()
        self.original(sentences, *args, **kwargs)
        self.floor_seconds += time.perf_counter() - t0
        self.floor_cpu += _cpu_seconds() - cpu0

    def __enter__(self) -> ModelClock:
        def timed(sentences: Any, *args: Any, **kwargs: Any) -> Any:
            paired = self.paired
            floor_first = self.calls % 2 == 1
            if paired and floor_first:
                self._floor(sentences, args, kwargs)
            t0 = time.perf_counter()
            out = self.original(sentences, *args, **kwargs)
            self.seconds += time.perf_counter() - t0
            self.calls += 1
            if paired and not floor_first:
                self._floor(sentences, args, kwargs)
            if self.record:
                self.texts.extend([sentences] if isinstance(sentences, str) else sentences)
            return out

        self.model.encode = timed
        return self

    def __exit__(self, *exc: object) -> None:
        del self.model.encode  # back to the class method


class HashingEmbedder:
    """A cheap stand-in (hashed words, unit rows) for pre-filling history only: the same model
    id and dimension as the real one, so the warehouse looks like a real month's."""

    def __init__(self, model_id: str, dimension: int) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self.model_id = model_id
        self.dimension = dimension
        self._vec = HashingVectorizer(n_features=dimension, alternate_sign=True, norm="l2")

    def encode(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        x = self._vec.transform(list(texts)).toarray().astype(np.float32)
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def machine_info() -> dict[str, Any]:
    info: dict[str, Any] = {"platform": platform.platform(), "python": platform.python_version(),
                            "cpus": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        flags = next((ln for ln in Path("/proc/cpuinfo").read_text().splitlines()
                      if ln.startswith("flags")), "")
        info["avx2"] = " avx2" in flags
        info["avx512"] = " avx512f" in flags
    except OSError:
        pass
    try:
        import psutil

        info["memory_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    try:
        import torch

        info["torch_threads"] = torch.get_num_threads()
        info["cuda"] = torch.cuda.is_available()
        if info["cuda"]:
            info["gpu"] = torch.cuda.get_device_name(0)
    except ImportError:
        pass
    return info


def versions() -> dict[str, str]:
    out = {}
    for name in ("torch", "sentence_transformers", "transformers", "duckdb", "pyarrow",
                 "numpy", "sklearn", "datasketch"):
        try:
            module = __import__(name)
            out[name] = str(getattr(module, "__version__", "?"))
        except ImportError:
            continue
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                                capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=REPO, capture_output=True, text=True, timeout=30).stdout
        out["git"] = commit + (" (working tree has uncommitted changes)" if dirty.strip() else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return out


# --- one home per run --------------------------------------------------------------------------

def _settings(home: Path, inbox: Path) -> Any:
    from pipelines.settings import Settings

    fields: dict[str, Any] = {"home": home, "inbox": inbox, "sources_file": SAMPLE / "sources.csv"}
    settings = Settings(**fields)  # the rest from the environment, as the CLI reads it
    settings.ensure_dirs()
    return settings


def bootstrap_template(work: Path) -> Path:
    """A PANTAU_HOME with the baseline model trained on the sample labels; copied per run."""
    from models.promotion import bootstrap

    template = work / "template"
    if (template / "pantau.duckdb").exists() and (template / "BOOTSTRAPPED").exists():
        return template
    shutil.rmtree(template, ignore_errors=True)
    settings = _settings(template, work / "inbox")
    bootstrap(settings, SAMPLE / "labels.csv")
    (template / "BOOTSTRAPPED").write_text("ok\n")
    return template


def fresh_home(template: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("BOOTSTRAPPED", "*.wal"))
    return target


def run_pipeline(settings: Any, day: date, clock: ModelClock | None) -> dict[str, Any]:
    """The daily pipeline (`pipelines.daily.run_day`, every stage) with per-stage timing; the
    clock's paired floor calls (inside embed) are measured and taken out of the timings."""
    from pipelines.daily import run_day

    marks: list[tuple[str, float, float]] = []

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter(), clock.floor_seconds if clock else 0.0))

    model0 = clock.seconds if clock else 0.0
    floor0 = clock.floor_seconds if clock else 0.0
    floor_cpu0 = clock.floor_cpu if clock else 0.0
    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    results = run_day(settings, day, on_stage=mark)
    end = time.perf_counter()
    cpu = _cpu_seconds() - cpu0
    floor = (clock.floor_seconds if clock else 0.0) - floor0
    floor_cpu = (clock.floor_cpu if clock else 0.0) - floor_cpu0
    stages = {}
    for i, (name, start, f_start) in enumerate(marks):
        stop, f_stop = ((marks[i + 1][1], marks[i + 1][2]) if i + 1 < len(marks)
                        else (end, floor0 + floor))
        stages[name] = round((stop - start) - (f_stop - f_start), 4)
    return {"seconds": round(end - t0 - floor, 4), "cpu_seconds": round(cpu - floor_cpu, 3),
            "stages": stages,
            "model_seconds": round((clock.seconds if clock else 0.0) - model0, 4),
            "floor_seconds": round(floor, 4), "floor_cpu_seconds": round(floor_cpu, 3),
            "counts": {k: {kk: vv for kk, vv in v.items() if isinstance(vv, (int, float))}
                       for k, v in results.items()}}


def floor_encode(encode: Callable[..., Any], texts: list[str],
                 batch_size: int | None) -> dict[str, float]:
    """The raw model call on the same texts: nothing but `SentenceTransformer.encode` (or,
    `batch_size` None, the engine's own encode: ONNX Runtime, model2vec)."""
    cpu0 = _cpu_seconds()
    t0 = time.perf_counter()
    if batch_size is None:
        encode(texts)
    else:
        encode(texts, batch_size=batch_size, normalize_embeddings=True,
               convert_to_numpy=True, show_progress_bar=False)
    return {"seconds": round(time.perf_counter() - t0, 4),
            "cpu_seconds": round(_cpu_seconds() - cpu0, 3)}


# --- workers -----------------------------------------------------------------------------------

def _load_model(settings: Any) -> tuple[Any, Any, float]:
    from pipelines.embedder import SentenceTransformerEmbedder, get_embedder
    from pipelines.stages.embed import prepare_embedder

    t0 = time.perf_counter()
    embedder = prepare_embedder(settings, get_embedder(settings))
    # The floor is the engine's own call: SentenceTransformer.encode under Pantau's
    # sentence-transformers embedder; for the ONNX and static embedders their encode is that
    # call already (tokenise, run the session or look up the table, normalise).
    target = (embedder._model if isinstance(embedder, SentenceTransformerEmbedder)
              else embedder)
    return embedder, target, time.perf_counter() - t0


def _warm_up(work: Path, template: Path, clock: ModelClock) -> float:
    """One small day first: imports, the region tagger, the classifier, caches (cold start)."""
    from benchmarks.synthetic_day import write_day

    inbox = work / "inbox-warmup"
    write_day(inbox, DAY, 200, seed=99)
    settings = _settings(fresh_home(template, work / "home-warmup"), inbox)
    t0 = time.perf_counter()
    run_pipeline(settings, DAY, clock)
    shutil.rmtree(work / "home-warmup", ignore_errors=True)
    return time.perf_counter() - t0


ONE_CALL_FLOOR_MAX = 2_000  # above this the one-call floor would add another full encode


def size_worker(n: int, reps: int, work: Path, template: Path, seed: int) -> dict[str, Any]:
    from benchmarks.synthetic_day import write_day

    inbox = work / f"inbox-{n}"
    stats = write_day(inbox, DAY, n, seed=seed)
    settings = _settings(fresh_home(template, work / f"home-{n}"), inbox)
    embedder, st_model, load_s = _load_model(settings)
    runs: list[dict[str, Any]] = []
    texts: list[str] = []
    one_call: dict[str, float] | None = None
    with ModelClock(st_model) as clock:
        warm_s = _warm_up(work, template, clock)
        with RssSampler() as rss:
            for rep in range(reps):
                home = fresh_home(template, work / f"home-{n}")
                clock.record = rep == 0
                clock.paired = True
                run = run_pipeline(_settings(home, inbox), DAY, clock)
                clock.paired = clock.record = False
                if rep == 0:
                    texts = list(clock.texts)
                run["peak_rss_mb"] = round(rss.peak / 2**20, 1)
                runs.append(run)
            if n <= ONE_CALL_FLOOR_MAX and texts:
                # The same texts in one call (one global length sort), for comparison.
                one_call = floor_encode(clock.original, texts,
                                        settings.embedding_batch_size
                                        if st_model is not embedder else None)
        peak_sampled = rss.peak
        peak_tree = rss.peak_tree
    shutil.rmtree(work / f"home-{n}", ignore_errors=True)
    pipe = [r["seconds"] for r in runs]
    floor = [r["floor_seconds"] for r in runs]
    cpu_pipe = [r["cpu_seconds"] for r in runs]
    cpu_floor = [r["floor_cpu_seconds"] for r in runs]
    model_in = [r["model_seconds"] for r in runs]
    stage_names = list(runs[0]["stages"]) if runs else []
    return {
        "n_posts": n,
        "input": stats.to_dict(),
        "reps": reps,
        "texts_encoded": len(texts),
        "texts_chars_median": _median([len(t) for t in texts]) if texts else 0,
        "pipeline_seconds": pipe,
        "floor_seconds": floor,
        "pipeline_median_s": round(_median(pipe), 3),
        "floor_median_s": round(_median(floor), 3),
        "overhead_ratio": round(_median(pipe) / _median(floor), 4) if floor else None,
        "overhead_ratio_paired": round(_median([p / f for p, f in zip(pipe, floor,
                                                                      strict=True)]), 4)
        if floor else None,
        "cpu_overhead_ratio": round(_median(cpu_pipe) / _median(cpu_floor), 4)
        if cpu_floor and _median(cpu_floor) > 0 else None,
        "floor_one_call_s": one_call["seconds"] if one_call else None,
        "model_seconds_in_pipeline_median": round(_median(model_in), 3),
        "non_model_seconds_median": round(_median([p - m for p, m in zip(
            pipe, model_in, strict=True)]), 3),
        # The pipeline's model calls are the floor's calls (same arguments), so the part of
        # the overhead that is real work is the rest of the pipeline; this estimate does not
        # carry the run-to-run noise of the model calls themselves.
        "overhead_non_model": round(1 + _median([(p - m) / f for p, m, f in zip(
            pipe, model_in, floor, strict=True)]), 4) if floor else None,
        "posts_per_s": round(n / _median(pipe), 1) if pipe else None,
        "texts_per_s_floor": round(len(texts) / _median(floor), 1) if floor else None,
        "stages_median_s": {s: round(_median([r["stages"][s] for r in runs]), 4)
                            for s in stage_names},
        "peak_rss_mb": round(max(peak_sampled, _maxrss()) / 2**20, 1),
        "peak_rss_sampled_mb": round(peak_sampled / 2**20, 1),
        "peak_rss_with_workers_mb": round(max(peak_tree, peak_sampled) / 2**20, 1),
        "cold_start": {"model_load_s": round(load_s, 2), "warm_up_day_200_posts_s":
                       round(warm_s, 2)},
        "runs": runs,
    }


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def prefill_month(settings: Any, first: date, days: int, n: int, seed: int,
                  fake: HashingEmbedder) -> dict[str, Any]:
    """Days `first` .. `first + days - 1` through the real stages with the hashing embedder."""
    from benchmarks.synthetic_day import write_day
    from pipelines.stages.classify import classify
    from pipelines.stages.cluster import cluster
    from pipelines.stages.embed import embed
    from pipelines.stages.ingest import ingest
    from pipelines.stages.normalise import normalise
    from pipelines.stages.publish import publish
    from pipelines.stages.tag_regions import tag_regions

    stages: list[tuple[str, Callable[[Any, date], Any]]] = [
        ("ingest", ingest), ("normalise", normalise), ("tag_regions", tag_regions),
        ("embed", lambda s, d: embed(s, d, embedder=fake)),
        ("classify", lambda s, d: classify(s, d, embedder=fake)),
        ("cluster", lambda s, d: cluster(s, d, embedder=fake)),
        ("publish", publish)]
    t0 = time.perf_counter()
    for i in range(days):
        day = first + timedelta(days=i)
        write_day(settings.inbox_dir, day, n, seed=seed)
        for _, fn in stages:
            fn(settings, day)
        shutil.rmtree(settings.inbox_dir / day.isoformat(), ignore_errors=True)
    return {"days": days, "posts_per_day": n, "seconds": round(time.perf_counter() - t0, 1)}


def incremental_worker(n: int, reps: int, work: Path, template: Path, seed: int,
                       prefill_days: int, prefill_posts: int) -> dict[str, Any]:
    from benchmarks.synthetic_day import write_day

    first = DAY - timedelta(days=prefill_days)
    inbox = work / "inbox-incremental"
    write_day(inbox, first, n, seed=seed)       # "day 1", on an empty warehouse
    write_day(inbox, DAY, n, seed=seed)         # "day 31", after the month
    month = _settings(fresh_home(template, work / "home-month"), work / "inbox-prefill")
    embedder, st_model, _ = _load_model(month)
    fake = HashingEmbedder(embedder.model_id, embedder.dimension)
    prefill = prefill_month(month, first, prefill_days, prefill_posts, seed + 1, fake)
    prefill["method"] = ("real stages (ingest, normalise, tag_regions, embed, classify, "
                         "cluster, publish) with a hashing embedder under the real model id")
    day1: list[dict[str, Any]] = []
    day31: list[dict[str, Any]] = []
    with ModelClock(st_model) as clock:
        _warm_up(work, template, clock)
        for rep in range(reps):
            order = ("day1", "day31") if rep % 2 == 0 else ("day31", "day1")
            for what in order:
                if what == "day1":
                    home = fresh_home(template, work / "home-day1")
                    day1.append(run_pipeline(_settings(home, inbox), first, clock))
                else:
                    home = fresh_home(work / "home-month", work / "home-day31")
                    day31.append(run_pipeline(_settings(home, inbox), DAY, clock))
    history = _history_size(work / "home-month")
    for name in ("home-day1", "home-day31", "home-month"):
        shutil.rmtree(work / name, ignore_errors=True)
    t1 = [r["seconds"] for r in day1]
    t31 = [r["seconds"] for r in day31]
    nm1 = [r["seconds"] - r["model_seconds"] for r in day1]
    nm31 = [r["seconds"] - r["model_seconds"] for r in day31]
    stage_names = list(day1[0]["stages"]) if day1 else []
    return {
        "n_posts": n, "reps": reps, "prefill": prefill, "history": history,
        "day1_seconds": t1, "day31_seconds": t31,
        "day1_median_s": round(_median(t1), 3), "day31_median_s": round(_median(t31), 3),
        "incremental_ratio": round(_median(t31) / _median(t1), 4) if t1 else None,
        "non_model_ratio": round(_median(nm31) / _median(nm1), 4) if nm1 else None,
        "day1_non_model_median_s": round(_median(nm1), 3),
        "day31_non_model_median_s": round(_median(nm31), 3),
        "stages_day1_median_s": {s: round(_median([r["stages"][s] for r in day1]), 4)
                                 for s in stage_names},
        "stages_day31_median_s": {s: round(_median([r["stages"][s] for r in day31]), 4)
                                  for s in stage_names},
        "runs_day1": day1, "runs_day31": day31,
    }


def _history_size(home: Path) -> dict[str, Any]:
    import duckdb

    path = home / "pantau.duckdb"
    con = duckdb.connect(str(path), read_only=True)
    try:
        out: dict[str, Any] = {"warehouse_mb": round(path.stat().st_size / 2**20, 1)}
        for table in ("raw_posts", "stg_posts", "embeddings", "post_scores", "narrative_dim",
                      "narrative_posts"):
            (out[table],) = con.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,)
        return out
    finally:
        con.close()


# --- the orchestrating parent ------------------------------------------------------------------

def _spawn(args: list[str], log: Path) -> dict[str, Any]:
    out = log.with_suffix(".json")
    cmd = [sys.executable, str(Path(__file__).resolve()), *args, "--result", str(out)]
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "TOKENIZERS_PARALLELISM": "false"}
    with log.open("w") as fh:
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"worker {' '.join(args)} failed ({proc.returncode}):\n{tail}")
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def run_benchmark(sizes: Sequence[int], reps: Sequence[int], out_dir: Path, work: Path,
                  incremental: bool = True, incremental_posts: int = 1000,
                  prefill_days: int = 30, prefill_posts: int = 1000, seed: int = 0,
                  name: str = "pipeline", command: str = "",
                  echo: Callable[[str], None] = print) -> dict[str, Any]:
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    work.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    echo(f"bootstrapping the baseline model in {work / 'template'} …")
    _spawn(["--worker", "bootstrap", "--work", str(work)], work / "bootstrap.log")
    per_size = []
    for n, r in zip(sizes, reps, strict=True):
        echo(f"{n:,} posts × {r} repetition(s) …")
        res = _spawn(["--worker", "size", "--n", str(n), "--reps", str(r), "--work", str(work),
                      "--seed", str(seed)], work / f"size-{n}.log")
        echo(f"  pipeline {res['pipeline_median_s']:.1f} s, floor {res['floor_median_s']:.1f} s"
             f", overhead {res['overhead_ratio']:.3f}, {res['posts_per_s']:.0f} posts/s, "
             f"peak RSS {res['peak_rss_mb']:.0f} MB")
        per_size.append(res)
    inc = None
    if incremental:
        inc_reps = 3
        echo(f"incremental: {prefill_days} days × {prefill_posts:,} posts pre-filled, then day 1"
             f" vs day {prefill_days + 1} at {incremental_posts:,} posts × {inc_reps} …")
        inc = _spawn(["--worker", "incremental", "--n", str(incremental_posts), "--reps",
                      str(inc_reps), "--work", str(work), "--seed", str(seed),
                      "--prefill-days", str(prefill_days), "--prefill-posts",
                      str(prefill_posts)], work / "incremental.log")
        echo(f"  day 1 {inc['day1_median_s']:.1f} s, day {prefill_days + 1} "
             f"{inc['day31_median_s']:.1f} s, ratio {inc['incremental_ratio']:.3f}")
    from pipelines.settings import DEFAULT_EMBEDDING_MODEL

    largest = per_size[-1] if per_size else {}
    report = {
        "overhead_ratio": largest.get("overhead_ratio"),
        "incremental_ratio": inc["incremental_ratio"] if inc else None,
        "posts_per_s": largest.get("posts_per_s"),
        "peak_rss_mb": max((s["peak_rss_mb"] for s in per_size), default=None),
        "peak_rss_with_workers_mb": max((s.get("peak_rss_with_workers_mb") or 0
                                         for s in per_size), default=None),
        "n_posts": largest.get("n_posts"),
        "model": os.environ.get("PANTAU_EMBEDDING_MODEL", DEFAULT_EMBEDDING_MODEL),
        "device": os.environ.get("PANTAU_EMBEDDING_DEVICE", "cpu"),
        "targets": {"overhead_ratio_max": TARGET_OVERHEAD,
                    "incremental_ratio_max": TARGET_INCREMENTAL},
        "cpu_overhead_ratio": largest.get("cpu_overhead_ratio"),
        "overhead_non_model": largest.get("overhead_non_model"),
        "sizes": [{k: v for k, v in s.items() if k != "runs"} for s in per_size],
        "incremental": {k: v for k, v in inc.items() if not k.startswith("runs_")}
        if inc else None,
        "runs": {str(s["n_posts"]): s["runs"] for s in per_size},
        "incremental_runs": {"day1": inc["runs_day1"], "day31": inc["runs_day31"]}
        if inc else None,
        "machine": machine,
        "machine_load_average_end": [round(x, 2) for x in os.getloadavg()],
        "versions": versions(),
        "command": command,
        "started_at": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - t0, 1),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False)
                                          + "\n")
    (out_dir / f"{name}.md").write_text(markdown(report))
    echo(f"wrote {out_dir / (name + '.json')} and .md in {report['duration_s']:.0f} s")
    return report


def _fmt(x: Any, digits: int = 2) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [
        "# Pipeline benchmark",
        "",
        f"Command: `{r['command']}`  ",
        f"Started {r['started_at']}, took {r['duration_s']:.0f} s. Model `{r['model']}` on "
        f"`{r['device']}`. Machine: {m.get('cpu', '?')}, {m.get('cpus')} CPUs "
        f"(AVX2: {m.get('avx2')}), {m.get('memory_gb')} GB; load average at start "
        f"{m.get('load_average')}, at end {r.get('machine_load_average_end')} "
        "(a shared machine: other work was running). Versions: "
        + ", ".join(f"{k} {v}" for k, v in r["versions"].items()) + ".",
        "",
        "## Headline",
        "",
        f"- **Overhead** (pipeline time / raw `SentenceTransformer.encode` of the same texts) at "
        f"{_fmt(r['n_posts'])} posts: **{_fmt(r['overhead_ratio'], 3)}** (target ≤ "
        f"{TARGET_OVERHEAD}); on CPU seconds {_fmt(r.get('cpu_overhead_ratio'), 3)}; "
        f"1 + non-model time / floor {_fmt(r.get('overhead_non_model'), 3)} (the same "
        "without the noise of the model calls, which are the floor's own calls).",
        f"- **Throughput**: {_fmt(r['posts_per_s'], 1)} posts/s through the whole pipeline.",
        f"- **Peak memory**: {_fmt(r['peak_rss_mb'], 0)} MB RSS; with the stages' forked "
        f"workers {_fmt(r.get('peak_rss_with_workers_mb'), 0)} MB (their RSS added: pages "
        "they share with the parent count twice).",
    ]
    inc = r.get("incremental")
    if inc:
        lines.append(
            f"- **Incremental**: day {inc['prefill']['days'] + 1} on a warehouse holding "
            f"{inc['prefill']['days']} days costs **{_fmt(inc['incremental_ratio'], 3)}×** "
            f"day 1 (target ≤ {TARGET_INCREMENTAL}); outside the model "
            f"{_fmt(inc['non_model_ratio'], 3)}×.")
    lines += ["", "## Per size (medians)", "",
              "| posts | reps | texts encoded | pipeline s | floor s | overhead | CPU overhead "
              "| 1 + non-model/floor | model in pipeline s | non-model s | floor, one call s "
              "| posts/s | floor texts/s | peak RSS MB |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in r["sizes"]:
        lines.append(
            f"| {_fmt(s['n_posts'])} | {s['reps']} | {_fmt(s['texts_encoded'])} | "
            f"{_fmt(s['pipeline_median_s'], 1)} | {_fmt(s['floor_median_s'], 1)} | "
            f"{_fmt(s['overhead_ratio'], 3)} | {_fmt(s.get('cpu_overhead_ratio'), 3)} | "
            f"{_fmt(s.get('overhead_non_model'), 3)} | "
            f"{_fmt(s['model_seconds_in_pipeline_median'], 1)} | "
            f"{_fmt(s['non_model_seconds_median'], 1)} | {_fmt(s.get('floor_one_call_s'), 1)} | "
            f"{_fmt(s['posts_per_s'], 1)} | "
            f"{_fmt(s['texts_per_s_floor'], 1)} | {_fmt(s['peak_rss_mb'], 0)} |")
    lines += ["", "## Stages (median seconds; share of the pipeline)", ""]
    if r["sizes"]:
        names = list(r["sizes"][0]["stages_median_s"])
        lines.append("| stage | " + " | ".join(_fmt(s["n_posts"]) + " posts"
                                                for s in r["sizes"]) + " |")
        lines.append("|---|" + "---:|" * len(r["sizes"]))
        for name in names:
            cells = []
            for s in r["sizes"]:
                v = s["stages_median_s"].get(name, 0.0)
                cells.append(f"{v:,.2f} ({100 * v / s['pipeline_median_s']:.0f} %)")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("| of which the model (inside embed) | " + " | ".join(
            f"{s['model_seconds_in_pipeline_median']:,.2f}" for s in r["sizes"]) + " |")
        lines.append("| cold start: model load / warm-up day | " + " | ".join(
            "{:.1f} / {:.1f}".format(s["cold_start"]["model_load_s"],
                                     s["cold_start"]["warm_up_day_200_posts_s"])
            for s in r["sizes"]) + " |")
    if inc:
        lines += ["", f"## Incremental: day 1 vs day {inc['prefill']['days'] + 1}", "",
                  f"{inc['prefill']['days']} days × {_fmt(inc['prefill']['posts_per_day'])} posts"
                  f" pre-filled in {inc['prefill']['seconds']:.0f} s ({inc['prefill']['method']}"
                  f"); the warehouse then held {_fmt(inc['history'].get('stg_posts'))} posts, "
                  f"{_fmt(inc['history'].get('embeddings'))} embeddings, "
                  f"{_fmt(inc['history'].get('narrative_dim'))} narratives, "
                  f"{inc['history'].get('warehouse_mb')} MB. Both days "
                  f"{_fmt(inc['n_posts'])} posts, real model, {inc['reps']} alternating "
                  "repetitions.", "",
                  f"| stage | day 1 s | day {inc['prefill']['days'] + 1} s | ratio |",
                  "|---|---:|---:|---:|"]
        for name, v1 in inc["stages_day1_median_s"].items():
            v31 = inc["stages_day31_median_s"].get(name, 0.0)
            ratio = f"{v31 / v1:.2f}" if v1 > 0 else "–"
            lines.append(f"| {name} | {v1:.2f} | {v31:.2f} | {ratio} |")
        lines.append(f"| **total** | {inc['day1_median_s']:.2f} | {inc['day31_median_s']:.2f} "
                     f"| **{inc['incremental_ratio']:.3f}** |")
        lines.append(f"| outside the model | {inc['day1_non_model_median_s']:.2f} | "
                     f"{inc['day31_non_model_median_s']:.2f} | {inc['non_model_ratio']:.3f} |")
    lines += ["", "## Method", "",
              "Synthetic days from `benchmarks/synthetic_day.py` (texts recombined from the "
              "bundled synthetic sample: narratives, chatter, exact reposts, WhatsApp forwards, "
              "late arrivals, the sample's fact-check feeds). Each repetition runs "
              "`pipelines.daily.run_day` (all eight stages, ingest to brief) on a fresh copy of "
              "a bootstrapped PANTAU_HOME; the floor is `SentenceTransformer.encode` on exactly "
              "the texts the embed stage encoded (same model object and arguments), each of "
              "the pipeline's model calls repeated raw right before or after it (alternating)"
              " and taken out of the pipeline's time. Medians. See "
              "`benchmarks/pipeline_bench.py` and docs/scaling.md.", ""]
    return "\n".join(lines)


def parse_list(text: str) -> list[int]:
    return [int(x.replace("_", "").replace(",", "")) for x in text.split(",") if x.strip()]


def default_reps(sizes: Sequence[int]) -> list[int]:
    return [3 if n <= 2_000 else 2 if n <= 20_000 else 1 for n in sizes]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--reps", default="auto", help="per size, e.g. 3,2,1; 'auto' = 3 up "
                        "to 2k posts, 2 up to 20k, then 1")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--name", default="pipeline")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a "
                        "new temporary folder, removed afterwards)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument("--incremental-posts", type=int, default=1000)
    parser.add_argument("--prefill-days", type=int, default=30)
    parser.add_argument("--prefill-posts", type=int, default=1000)
    # worker mode (internal)
    parser.add_argument("--worker", choices=("bootstrap", "size", "incremental"))
    parser.add_argument("--n", type=int)
    parser.add_argument("--result", type=Path)
    args = parser.parse_args(argv)

    if args.worker:
        work = args.work
        template = work / "template"
        if args.worker == "bootstrap":
            bootstrap_template(work)
            result: dict[str, Any] = {"ok": True}
        elif args.worker == "size":
            result = size_worker(args.n, int(args.reps), work, template, args.seed)
        else:
            result = incremental_worker(args.n, int(args.reps), work, template, args.seed,
                                        args.prefill_days, args.prefill_posts)
        args.result.write_text(json.dumps(result, default=str))
        return 0

    sizes = parse_list(args.sizes)
    reps = default_reps(sizes) if args.reps == "auto" else parse_list(args.reps)
    if len(reps) == 1 and len(sizes) > 1:
        reps = reps * len(sizes)
    if len(reps) != len(sizes):
        parser.error("--reps needs one value per size (or one for all)")
    command = " ".join(["benchmarks/pipeline_bench.py", *(argv if argv is not None
                                                           else sys.argv[1:])])
    import tempfile

    own = args.work is None
    work = Path(tempfile.mkdtemp(prefix="pantau-bench-")) if own else args.work
    try:
        run_benchmark(sizes, reps, args.out, work, incremental=not args.no_incremental,
                      incremental_posts=args.incremental_posts,
                      prefill_days=args.prefill_days, prefill_posts=args.prefill_posts,
                      seed=args.seed, name=args.name, command=os.environ.get(
                          "PANTAU_BENCH_COMMAND", command))
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
