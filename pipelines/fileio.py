"""Small file helpers every layer shares: line-numbered JSONL, a file's SHA-256, and writes
that are safe under crashes and concurrent writers.

* `write_atomic`: a file appears whole or not at all. Each writer uses a temporary name of its
  own (two processes writing the same briefing never share one), flushed to disk before the
  rename, and removed when the write fails (a full disk leaves the previous file in place).
* `move_no_replace`: a file moved into a folder never overwrites one already there, even if
  another process picks the same name at the same moment (a hard link fails when the name
  exists, where a check-then-rename could overwrite).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
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


# What browsers, sync clients and copy tools name a file still being written.
PARTIAL_SUFFIXES = frozenset({".part", ".partial", ".tmp", ".crdownload", ".filepart",
                              ".download"})


def is_finished_file_name(path: Path) -> bool:
    """Not hidden or a lock file (".DS_Store", "~$laporan.xlsx") and not a partial download:
    a name a person finished putting in a folder."""
    return (not path.name.startswith((".", "~"))
            and path.suffix.lower() not in PARTIAL_SUFFIXES)


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB blocks (model artifacts, dropped files)."""
    digest = hashlib.sha256()
    # O_NOFOLLOW: a file swapped for a link after it was listed is refused, not followed
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_atomic(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, path)  # readers see the old file or the new one, never half
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _candidates(folder: Path, name: str) -> list[Path]:
    stem, suffix = Path(name).stem, Path(name).suffix
    return [folder / name, *(folder / f"{stem}-{n}{suffix}" for n in range(1, 10_000))]


def move_no_replace(path: Path, folder: Path, name: str | None = None) -> Path:
    """Move `path` into `folder` under its name (or `name`), or `name-N` when that is taken;
    returns where.

    The link-then-unlink leaves the file in both places if the process dies in between; the
    drop folder recognises the content by its hash and only moves it again."""
    folder.mkdir(parents=True, exist_ok=True)
    for target in _candidates(folder, name or path.name):
        try:
            os.link(path, target, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            # a file system without hard links: rename, after a check (a narrow window)
            if target.exists() or target.is_symlink():
                continue
            os.rename(path, target)
            return target
        os.unlink(path)
        return target
    raise FileExistsError(f"no free name for {path.name} in {folder}")
