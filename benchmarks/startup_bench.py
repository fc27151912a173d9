"""Start-up of a Pantau process with and without the installed modules' bytecode.

    .venv/bin/python benchmarks/startup_bench.py --reps 5 --name startup

Every CLI call and every Airflow task is a new Python process that imports Pantau (and, for a
task, Airflow): hundreds of modules. Where ``PYTHONDONTWRITEBYTECODE`` is set (this machine sets
it), Python cannot cache what it compiles, so without bytecode written at install time
(`make setup`'s `.venv/.bytecode` step) it compiles every one of those files again, in every
process.

Both variants run the same commands in the same script, alternating, with the same interpreter:

* **with bytecode**: as installed (`.venv/.bytecode` done);
* **without**: ``-X pycache_prefix=<folder>``, a folder holding the standard library's bytecode
  only, so every installed module (and Pantau's own) is compiled from source on import — what
  each process did before the install wrote bytecode.

Medians of `--reps` alternating rounds, and their ratio; results in
benchmarks/results/<name>.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"

COMMANDS = {
    # What an Airflow task of pantau_daily imports before its first line of work.
    "airflow task imports": ["-c", "import airflow.sdk, pipelines.daily, dags.pantau_daily"],
    "pantau --help": ["-m", "pipelines.cli", "--help"],
    "airflow version": ["-m", "airflow", "version"],
}


def _stdlib_only_prefix(folder: Path) -> None:
    """Bytecode of the standard library, written under `folder` (pycache_prefix layout)."""
    stdlib = sysconfig.get_paths()["stdlib"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-X", f"pycache_prefix={folder}", "-m", "compileall",
                    "-q", "-j", "0", "-x", r"(test|tests|idlelib|lib2to3)/", stdlib],
                   env=env, check=False, capture_output=True)


def _time(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True,
                          text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--name", default="startup")
    args = parser.parse_args()
    if not (Path(sys.prefix) / ".bytecode").exists():
        raise SystemExit("run `make setup` first: it writes the installed modules' bytecode")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.setdefault("PANTAU_HOME", tempfile.mkdtemp(prefix="pantau-startup-"))
    with tempfile.TemporaryDirectory(prefix="pycache-stdlib-") as prefix:
        print("writing the standard library's bytecode for the 'without' variant", flush=True)
        _stdlib_only_prefix(Path(prefix))
        runs: dict[str, dict[str, list[float]]] = {
            c: {"with": [], "without": []} for c in COMMANDS}
        for rep in range(args.reps):
            for name, cmd in COMMANDS.items():
                pair = [("without", ["-X", f"pycache_prefix={prefix}", *cmd]), ("with", cmd)]
                for variant, argv in (pair if rep % 2 == 0 else pair[::-1]):
                    runs[name][variant].append(_time(argv, env))
            print(f"round {rep + 1}/{args.reps} done", flush=True)
    rows = []
    for name, r in runs.items():
        a, b = statistics.median(r["without"]), statistics.median(r["with"])
        rows.append({"command": name, "without_s": round(a, 3), "with_s": round(b, 3),
                     "speedup": round(a / b, 2), "runs": r})
    report = {"command": f"benchmarks/startup_bench.py --reps {args.reps} --name {args.name}",
              "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "load": os.getloadavg(),
              "python": sys.version.split()[0], "rows": rows}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = ["# Start-up with and without the installed modules' bytecode", "",
             f"Command: `{report['command']}`, Python {report['python']}, load at end "
             f"{[round(x, 2) for x in report['load']]}. Medians of {args.reps} alternating "
             "rounds; see the script's docstring for the two variants.", "",
             "| command | without bytecode s | with bytecode s | speed-up |",
             "|---|---:|---:|---:|"]
    lines += [f"| `{r['command']}` | {r['without_s']:.2f} | {r['with_s']:.2f} | "
              f"{r['speedup']:.2f}× |" for r in rows]
    (RESULTS / f"{args.name}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[4:]))


if __name__ == "__main__":
    main()
