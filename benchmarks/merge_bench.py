"""Throughput of the sharded DAG's merge steps, the only ones that hold the DuckDB writer.

    python benchmarks/merge_bench.py --sizes 1000000 --partitions 8 \
        --out benchmarks/results/merge_1m_after
    PANTAU_DUCKDB_MEMORY_LIMIT=12GB python benchmarks/merge_bench.py --sizes 10000000 \
        --partitions 8 --timeout 4800 --out benchmarks/results/merge_10m

The merges run under the DAG's DuckDB memory limit (`PANTAU_DUCKDB_MEMORY_LIMIT`, 2 GB by
default): at 10M posts a day the primary-key indexes of the day's rows need more (measured: the
`post_regions` insert ran out at 2 GB; 12 GB ran, peak RSS 18.3 GB, docs/scaling.md).

For each size N, in a fresh process (so peak RSS is that size's): a fresh warehouse and the
day's partitions as the shard tasks would leave them, then `merge_normalised`, `merge_vectors`
and `merge_scores` from `pipelines.sharding`, unchanged, each timed with its peak RSS and the
warehouse size after it.

The partitions are made cheaply, not by running normalise/embed/score over N posts: a template
day of `--template` synthetic posts (benchmarks/synthetic_day.py) goes through the real ingest,
split and `normalise_shard` once; N posts are that template tiled N/template times, each tile
with its own post ids, content hashes and MinHash band keys (XOR a per-tile salt), so a tile's
exact copies and forwards link inside the tile as in the template (~15 % duplicates) and never
across tiles. Vectors are random unit float32 rows of the model's dimension for the texts the
plan asks for; scores are random rows for every post of each scoring partition. What the merges
do with them — sort and link the whole day, write stg_posts/post_regions/embeddings/post_scores,
plan the scoring partitions — is the real work.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import pipeline_bench as pb  # noqa: E402
from benchmarks.memory_1m import Sampler  # noqa: E402

DAY = pb.DAY
SAMPLE = REPO / "data" / "sample"


def _settings(home: Path) -> Any:
    from pipelines.settings import Settings

    settings = Settings(home=home, inbox=home / "inbox", sources_file=SAMPLE / "sources.csv")
    settings.ensure_dirs()
    return settings


def make_template(work: Path, n: int, seed: int) -> dict[str, Path]:
    """Normalised and tag partitions of an n-post synthetic day, by the real shard steps."""
    from benchmarks.synthetic_day import write_day
    from pipelines import sharding
    from pipelines.stages.ingest import ingest

    out = {"normalised": work / f"template-{n}-normalised.parquet",
           "tags": work / f"template-{n}-tags.parquet"}
    if all(p.exists() for p in out.values()):
        return out
    home = work / f"template-{n}"
    shutil.rmtree(home, ignore_errors=True)
    settings = _settings(home)
    write_day(settings.inbox_dir, DAY, n, seed=seed)
    ingest(settings, DAY)
    sharding.split_day(settings, DAY, partitions=1)
    sharding.normalise_shard(settings, DAY, 0)
    for kind, path in out.items():
        part = sharding._path(settings, DAY, kind, 0)
        shutil.copy(part.key, path)
    shutil.rmtree(home)
    return out


def _salt(t: int) -> int:
    x = (t + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF  # splitmix64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return x ^ (x >> 31)


def _tile(table: pa.Table, t: int, with_keys: bool) -> pa.Table:
    prefix = f"t{t:05d}-"
    out = table.set_column(table.schema.get_field_index("post_id"), "post_id",
                           pc.binary_join_element_wise(prefix, table.column("post_id"), ""))
    if not with_keys:
        return out
    tail = f"{t:08x}"
    hashes = pc.binary_join_element_wise(pc.utf8_slice_codeunits(out.column("content_hash"), 0,
                                                                  56), tail, "")
    out = out.set_column(out.schema.get_field_index("content_hash"), "content_hash", hashes)
    keys = out.column("keys").combine_chunks()
    # A null list's slots may be null after Parquet: zero them (they stay masked).
    values = pc.fill_null(keys.values, 0).cast(pa.uint64())
    flat = values.to_numpy(zero_copy_only=False) ^ np.uint64(_salt(t))
    salted = pa.FixedSizeListArray.from_arrays(pa.array(flat, pa.uint64()), keys.type.list_size,
                                               mask=pc.is_null(keys))
    return out.set_column(out.schema.get_field_index("keys"), "keys", salted)


def write_partitions(settings: Any, templates: dict[str, Path], n: int, k_total: int) -> int:
    """The day's normalised and tag partitions for n posts (template tiles, round robin)."""
    import pyarrow.parquet as pq

    from pipelines import sharding

    normed = pq.read_table(templates["normalised"])
    tags = pq.read_table(templates["tags"])
    per_tile = normed.num_rows
    tiles = max(1, round(n / per_tile))
    sharding.shard_store(settings).delete(sharding.day_dir(settings, DAY))
    for k in range(k_total):
        mine = range(k, tiles, k_total)
        part_n = [_tile(normed, t, True) for t in mine] or [normed.slice(0, 0)]
        part_t = [_tile(tags, t, False) for t in mine] or [tags.slice(0, 0)]
        sharding._write(pa.concat_tables(part_n), sharding._path(settings, DAY, "normalised", k))
        sharding._write(pa.concat_tables(part_t), sharding._path(settings, DAY, "tags", k))
        del part_n, part_t
    sharding._write_meta(settings, DAY, {"partitions": k_total, "posts": tiles * per_tile})
    return tiles * per_tile


def write_vectors(settings: Any, k_total: int, dim: int, seed: int) -> int:
    from pipelines import sharding
    from warehouse.vectors import vectors_table

    model_id = str(sharding._meta(settings, DAY)["model_id"])
    rng = np.random.default_rng(seed)
    total = 0
    for k in range(k_total):
        plan = sharding._read(sharding._path(settings, DAY, "embed", k))
        hashes = plan.column("content_hash").to_pylist()
        vecs = rng.standard_normal((len(hashes), dim), dtype=np.float32)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        sharding._write(vectors_table(model_id, hashes, vecs),
                        sharding._path(settings, DAY, "vectors", k))
        total += len(hashes)
        del vecs, hashes, plan
    return total


def write_scores(settings: Any, k_total: int, seed: int) -> int:
    from pipelines import sharding
    from warehouse import schemas

    rng = np.random.default_rng(seed)
    total = 0
    for k in range(k_total):
        posts = sharding._read(sharding._path(settings, DAY, "score", k)).select(["post_id"])
        m = posts.num_rows
        score = rng.random(m)
        nulls = pa.nulls(m)
        table = pa.table({
            "post_id": posts.column("post_id"), "batch_day": pa.array([DAY] * m, pa.date32()),
            "model_version": pa.array(["bench"] * m, pa.string()),
            "hoax_score": pa.array(score), "fact_check_id": nulls.cast(pa.string()),
            "fact_check_similarity": nulls.cast(pa.float64()),
            "flagged": pa.array(score > 0.9), "flag_reason": nulls.cast(pa.string()),
            "fact_check_tier": nulls.cast(pa.string()),
            "fact_check_score": nulls.cast(pa.float64())}).cast(schemas.POST_SCORES)
        sharding._write(table, sharding._path(settings, DAY, "scores", k))
        total += m
    return total


def _warehouse_bytes(settings: Any) -> int:
    path = Path(settings.warehouse_path)
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + ".wal"))
               if p.exists())


def _timed(name: str, fn: Any, settings: Any, posts: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    c0 = time.process_time()
    with Sampler() as sampler:
        result = fn(settings, DAY)
    wall = time.perf_counter() - t0
    return {"step": name, "seconds": round(wall, 2), "cpu_s": round(time.process_time() - c0, 2),
            "posts_per_s": round(posts / wall, 1), "peak_rss_mb": round(sampler.peak / 2**20),
            "warehouse_mb": round(_warehouse_bytes(settings) / 2**20, 1),
            "result": {k: v for k, v in result.items() if isinstance(v, int | float)}}


def size_worker(n: int, k_total: int, work: Path, templates: dict[str, Path], dim: int,
                seed: int, queue: Any) -> None:
    from pipelines import sharding
    from warehouse.connection import configure

    home = work / f"home-{n}"
    shutil.rmtree(home, ignore_errors=True)
    settings = _settings(home)
    configure(memory_limit=settings.duckdb_memory_limit or None)  # as every DAG task does
    out: dict[str, Any] = {"posts_requested": n, "partitions": k_total, "steps": []}
    t0 = time.perf_counter()
    posts = write_partitions(settings, templates, n, k_total)
    out["posts"] = posts
    out["prepare_normalised_s"] = round(time.perf_counter() - t0, 1)
    steps = out["steps"]
    steps.append(_timed("merge_normalised", sharding.merge_normalised, settings, posts))
    queue.put(dict(out))  # what is measured so far survives a later out-of-memory kill
    t0 = time.perf_counter()
    out["vectors"] = write_vectors(settings, k_total, dim, seed)
    out["prepare_vectors_s"] = round(time.perf_counter() - t0, 1)
    steps.append(_timed("merge_vectors", sharding.merge_vectors, settings, posts))
    queue.put(dict(out))
    t0 = time.perf_counter()
    out["scores"] = write_scores(settings, k_total, seed)
    out["prepare_scores_s"] = round(time.perf_counter() - t0, 1)
    steps.append(_timed("merge_scores", sharding.merge_scores, settings, posts))
    merge_s = sum(s["seconds"] for s in steps)
    out.update({"merge_seconds": round(merge_s, 2),
                "merge_posts_per_s": round(posts / merge_s, 1),
                "peak_rss_mb": max(s["peak_rss_mb"] for s in steps),
                "process_maxrss_mb": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "warehouse_mb": steps[-1]["warehouse_mb"], "complete": True})
    sharding.cleanup(settings, DAY)
    shutil.rmtree(home, ignore_errors=True)
    queue.put(out)


def run(sizes: list[int], k_total: int, template_n: int, dim: int, seed: int,
        work: Path, timeout_s: float, out: Path | None = None) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    t0 = time.perf_counter()
    templates = make_template(work, template_n, seed)
    report: dict[str, Any] = {
        "benchmark": "merge_bench", "day": DAY.isoformat(), "template_posts": template_n,
        "partitions": k_total, "dimension": dim, "template_s": round(time.perf_counter() - t0, 1),
        "machine": pb.machine_info(), "versions": pb.versions(),
        "load_average": os.getloadavg(), "command": " ".join(sys.argv), "sizes": []}
    for n in sizes:
        queue = ctx.Queue()
        proc = ctx.Process(target=size_worker,
                           args=(n, k_total, work, templates, dim, seed, queue))
        proc.start()
        last: dict[str, Any] = {"posts_requested": n, "steps": []}
        deadline = time.monotonic() + timeout_s
        while proc.is_alive() or not queue.empty():
            try:
                last = queue.get(timeout=1)
            except Exception:  # queue.Empty
                if time.monotonic() > deadline:
                    proc.kill()
                    last["stopped"] = f"time limit {timeout_s:.0f} s"
                    break
        proc.join()
        if not last.get("complete"):
            last.setdefault("stopped", f"exit code {proc.exitcode}")
        last["load_average_after"] = os.getloadavg()
        report["sizes"].append(last)
        print(json.dumps(last), flush=True)
        if out is not None:  # after each size: a later, larger one may not finish
            out.with_suffix(".json").write_text(json.dumps(report, indent=2, default=str) + "\n")
            out.with_suffix(".md").write_text(markdown(report))
    return report


def markdown(r: dict[str, Any]) -> str:
    lines = [
        "# Merge throughput (the sharded DAG's DuckDB-writer steps)", "",
        f"`{r['command']}` — git {r['versions'].get('git', '?')}, {r['machine'].get('cpus')} "
        f"CPUs ({r['machine'].get('cpu', '')}), load average at start "
        f"{', '.join(f'{x:.1f}' for x in r['load_average'])} (machine shared with other "
        "engineers' runs). Partitions made by tiling a "
        f"{r['template_posts']:,}-post template day (see benchmarks/merge_bench.py); "
        f"{r['partitions']} partitions; vectors of dimension {r['dimension']}.", "",
        "| posts | step | seconds | CPU s | posts/s | peak RSS MB | warehouse MB after |",
        "|---:|---|---:|---:|---:|---:|---:|"]
    for s in r["sizes"]:
        for step in s["steps"]:
            lines.append(f"| {s.get('posts', s['posts_requested']):,} | {step['step']} | "
                         f"{step['seconds']} | {step['cpu_s']} | {step['posts_per_s']:,} | "
                         f"{step['peak_rss_mb']:,} | {step['warehouse_mb']:,} |")
        if s.get("complete"):
            lines.append(f"| {s['posts']:,} | **all merges** | **{s['merge_seconds']}** | | "
                         f"**{s['merge_posts_per_s']:,}** | {s['peak_rss_mb']:,} | "
                         f"{s['warehouse_mb']:,} |")
        else:
            lines.append(f"| {s['posts_requested']:,} | stopped: {s.get('stopped')} | | | | | |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--template", type=int, default=20000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=900, help="seconds per size")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "merge")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="pantau-merge-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = run(sizes, args.partitions, args.template, args.dim, args.seed, work, args.timeout,
                 args.out)
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
