"""Moved to benchmarks/synthetic_day.py (dev-only); kept for branches that import it here."""

from benchmarks.synthetic_day import *  # noqa: F403
