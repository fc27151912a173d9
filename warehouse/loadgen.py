"""Moved to benchmarks/loadgen.py (dev-only); kept for branches that import it here."""

from benchmarks.loadgen import *  # noqa: F403
