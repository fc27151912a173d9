"""`pantau bench` and `pantau loadgen` come from the dev-only benchmarks package."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
{block}
import typer
from pipelines.cli import app
print(sorted(typer.main.get_command(app).commands))
"""


def _commands(block: str) -> str:
    done = subprocess.run([sys.executable, "-c", CODE.format(block=block)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_dev_commands_exist_in_a_checkout() -> None:
    out = _commands("")
    assert "'bench'" in out and "'loadgen'" in out and "'run'" in out


def test_without_the_benchmarks_package_the_cli_still_works_without_them() -> None:
    out = _commands("sys.modules['benchmarks'] = None  # as in an installed product")
    assert "'bench'" not in out and "'loadgen'" not in out and "'run'" in out
