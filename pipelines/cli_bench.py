"""`pantau bench`: the pipeline benchmark (benchmarks/pipeline_bench.py) from the command line.

The benchmarks are a dev-only package: the command exists only where `benchmarks` imports
(a source checkout with the repository on the path, as `make bench` runs it)."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer

from pipelines.cli_common import dev_tools_available
from pipelines.cli_output import console

REPO = Path(__file__).resolve().parent.parent
HARNESS = "benchmarks.pipeline_bench"


def register(app: typer.Typer) -> None:
    if dev_tools_available(HARNESS):
        app.command()(bench)


def _harness() -> ModuleType:
    return importlib.import_module(HARNESS)


def bench(
    sizes: Annotated[str, typer.Option(help="Posts per synthetic day, comma-separated.")]
    = "1000,10000,100000",
    reps: Annotated[str, typer.Option(
        help="Repetitions per size (e.g. 3,2,1), or auto: 3 up to 2k posts, 2 up to 20k, "
             "then 1.")] = "auto",
    out: Annotated[Path, typer.Option(help="Folder for <name>.json and <name>.md.")]
    = REPO / "benchmarks" / "results",
    name: Annotated[str, typer.Option(help="Report file name (without extension).")]
    = "pipeline",
    incremental: Annotated[bool, typer.Option(
        help="Also time day 31 on a month-old warehouse against day 1.")] = True,
    incremental_posts: Annotated[int, typer.Option(help="Posts on day 1 and day 31.")] = 1000,
    prefill_days: Annotated[int, typer.Option(help="Days pre-filled before day 31.")] = 30,
    prefill_posts: Annotated[int, typer.Option(help="Posts per pre-filled day.")] = 1000,
    work: Annotated[Path | None, typer.Option(
        help="Scratch folder (default: a temporary one, removed afterwards).")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic days.")] = 0,
) -> None:
    """Benchmark the daily pipeline on synthetic days against the raw model (the floor).

    Example: pantau bench --sizes 1000,10000 --reps 3,1
    """
    harness = _harness()
    size_list = harness.parse_list(sizes)
    rep_list = harness.default_reps(size_list) if reps == "auto" else harness.parse_list(reps)
    if len(rep_list) == 1:
        rep_list = rep_list * len(size_list)
    if len(rep_list) != len(size_list):
        raise typer.BadParameter("one value per size, or one for all", param_hint="--reps")
    own = work is None
    folder = Path(tempfile.mkdtemp(prefix="pantau-bench-")) if own else work
    assert folder is not None
    command = os.environ.get("PANTAU_BENCH_COMMAND") or "pantau bench " + " ".join(sys.argv[2:])
    try:
        harness.run_benchmark(size_list, rep_list, out, folder, incremental=incremental,
                              incremental_posts=incremental_posts, prefill_days=prefill_days,
                              prefill_posts=prefill_posts, seed=seed, name=name,
                              command=command.strip(), echo=console.print)
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)
