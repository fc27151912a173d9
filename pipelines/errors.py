"""Errors a user can fix. Every one derives from `PantauError`; the CLI prints its message on
one line and exits 2, never a traceback. This module imports nothing from the project, so every
layer (warehouse, connectors, models, reports) can raise these."""

from __future__ import annotations


class PantauError(Exception):
    """Something the user can put right; the message says what and where."""


class DataFileError(PantauError, ValueError):
    """An input file is missing or malformed; the message names the file and the line."""


class EvalDataError(DataFileError):
    """An evaluation set (data/eval/*.jsonl) is missing or malformed."""


def user_error_types() -> tuple[type[BaseException], ...]:
    """What the CLI reports as one line: every `PantauError` (kept for older callers)."""
    return (PantauError,)
