"""Small file readers every layer shares: line-numbered JSONL and a file's SHA-256."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipelines.errors import DataFileError


def read_jsonl(path: Path, error: type[DataFileError] = DataFileError,
               encoding: str = "utf-8") -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; a missing file, a line that is not JSON
    or not an object raises `error` naming `path:line`, so the user can fix that line."""
    if not path.is_file():
        raise error(f"{path}: no such file")
    with path.open(encoding=encoding) as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise error(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise error(f"{path}:{number}: expected an object, not {type(row).__name__}")
            yield number, row


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB blocks (model artifacts, dropped files)."""
    digest = hashlib.sha256()
    # O_NOFOLLOW: a file swapped for a link after it was listed is refused, not followed
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
