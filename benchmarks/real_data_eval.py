"""Reproduce the real-data figures of docs/models.md and the README.

    .venv/bin/python benchmarks/real_data_eval.py [--data-dir ../shared/data] [--quick]

Writes benchmarks/results/real_data.json and real_data.md. Embeddings are cached in
$PANTAU_HOME/cache/real_data_embeddings.duckdb, so only the first run pays for encoding
(about 30 minutes on 2 CPU cores; then the training runs take a few minutes).
The datasets are read from ../shared/data and never copied into the project.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    from models.real_data import DEFAULT_DATA_DIR, data_dir_available
    from models.real_report import markdown_tables, run_and_write
    from pipelines.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--quick", action="store_true", help="claims vs news only")
    args = parser.parse_args()
    if not data_dir_available(args.data_dir):
        print(f"no real datasets at {args.data_dir}; nothing to do", file=sys.stderr)
        return 2
    settings = get_settings()
    settings.ensure_dirs()
    result = run_and_write(settings, args.data_dir, args.output, quick=args.quick,
                           progress=True, on_step=lambda s: print(f"-> {s}", file=sys.stderr))
    print(markdown_tables(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
