"""Where the sharded DAG's partitions live: a local folder or an object store, named by URL.

`shard_dir` (PANTAU_SHARD_DIR) is a folder (`/mnt/shared/shards`) or a URL: `s3://bucket/prefix`
(AWS, MinIO, Ceph, ...: PANTAU_SHARD_S3_ENDPOINT, PANTAU_SHARD_S3_REGION, and credentials from
PANTAU_SHARD_S3_ACCESS_KEY / _SECRET_KEY or else the AWS chain: AWS_ACCESS_KEY_ID, ~/.aws,
an instance role), or any other scheme pyarrow.fs opens (gs://, hdfs://, file://). Every
partition read, write, listing and removal of `pipelines.sharding` goes through a `ShardStore`.

Writes go to a temporary key of the writer's own and are then moved to the final name (a rename
on a local disk, a server-side copy on S3): readers see a whole partition or none, and a retried
task never leaves half a partition under the name the merge reads. An unreachable store or a
missing bucket is one `ShardStorageError` line that names the setting to fix.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from pipelines.errors import PantauError
from pipelines.settings import Settings


class ShardStorageError(PantauError):
    """The shard store cannot be reached or refuses us; the message says which setting to fix."""


@dataclass(frozen=True)
class ShardStore:
    """A folder inside one pyarrow filesystem; keys are '/'-joined paths below `root`."""

    fs: pafs.FileSystem
    root: str  # path inside `fs` (for S3: bucket/prefix), no trailing '/'
    url: str  # what the user configured, for messages

    @property
    def is_local(self) -> bool:
        return self.fs.type_name == "local"

    def key(self, *parts: str) -> str:
        return "/".join((self.root, *parts))

    def describe(self, key: str) -> str:
        """The URL of a key, for messages."""
        relative = key[len(self.root):].lstrip("/")
        return f"{self.url.rstrip('/')}/{relative}" if relative else self.url

    # --- reads --------------------------------------------------------------------------------

    def exists(self, key: str) -> bool:
        with self._io("look up", key):
            return bool(self.fs.get_file_info(key).type == pafs.FileType.File)

    def read_table(self, key: str, columns: Sequence[str] | None = None) -> pa.Table:
        with self._io("read", key):
            return pq.read_table(key, filesystem=self.fs,
                                 columns=list(columns) if columns is not None else None)

    def read_bytes(self, key: str) -> bytes:
        with self._io("read", key), self.fs.open_input_stream(key) as stream:
            return bytes(stream.read())

    def list(self, key: str) -> list[str]:
        """Every file below `key` (recursively), as keys; empty when there is none."""
        selector = pafs.FileSelector(key, recursive=True, allow_not_found=True)
        with self._io("list", key):
            infos = self.fs.get_file_info(selector)
        return sorted(i.path for i in infos if i.type == pafs.FileType.File)

    # --- writes -------------------------------------------------------------------------------

    def write_table(self, table: pa.Table, key: str) -> None:
        self._write(key, lambda out: pq.write_table(table, out))

    def write_bytes(self, data: bytes, key: str) -> None:
        self._write(key, lambda out: out.write(data))

    def _write(self, key: str, fill: Any) -> None:
        # The writer's own temporary name: two attempts of one task never share one.
        tmp = f"{key}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
        with self._io("write", key):
            if self.is_local:
                self.fs.create_dir(key.rsplit("/", 1)[0], recursive=True)
            try:
                with self.fs.open_output_stream(tmp) as out:
                    fill(out)
                self.fs.move(tmp, key)
            except BaseException:
                with contextlib.suppress(OSError):
                    self.fs.delete_file(tmp)
                raise

    def delete(self, key: str) -> None:
        """Remove everything below `key`; nothing there is fine."""
        with self._io("remove", key), contextlib.suppress(FileNotFoundError):
            self.fs.delete_dir(key)

    def check(self) -> None:
        """Fail early, with one line, when the store cannot be reached or its bucket is gone."""
        if self.is_local:
            return
        bucket = self.root.split("/", 1)[0]
        with self._io("reach", bucket):
            info = self.fs.get_file_info(bucket)
        if info.type == pafs.FileType.NotFound:
            raise ShardStorageError(
                f"shard storage {self.url}: bucket '{bucket}' does not exist; create it or fix"
                " PANTAU_SHARD_DIR (and PANTAU_SHARD_S3_ENDPOINT)")

    @contextlib.contextmanager
    def _io(self, what: str, key: str) -> Iterator[None]:
        try:
            yield
        except FileNotFoundError:
            raise  # a missing partition: the caller says which task should have written it
        except OSError as exc:
            detail = " ".join(str(exc).split())[:300]
            raise ShardStorageError(
                f"shard storage {self.url}: could not {what} {self.describe(key)} ({detail});"
                " check PANTAU_SHARD_DIR, PANTAU_SHARD_S3_ENDPOINT and the credentials") from None


def shard_store(settings: Settings) -> ShardStore:
    """The store `shard_dir` names (default: the folder $PANTAU_HOME/shards)."""
    location = settings.shard_dir or str(settings.home / "shards")
    secret = (settings.shard_s3_access_key, settings.shard_s3_secret_key)
    access, secret_key = (s.get_secret_value() if s is not None else None for s in secret)
    return _open(str(location), str(Path.cwd()), settings.shard_s3_endpoint,
                 settings.shard_s3_region, access, secret_key, settings.shard_s3_timeout_s)


@lru_cache(maxsize=8)
def _open(location: str, cwd: str, endpoint: str | None, region: str | None,
          access_key: str | None, secret_key: str | None, timeout_s: float) -> ShardStore:
    scheme = urlsplit(location).scheme
    if len(scheme) <= 1:  # a path (a one-letter "scheme" is a Windows drive)
        folder = Path(location) if Path(location).is_absolute() else Path(cwd) / location
        return ShardStore(pafs.LocalFileSystem(), folder.as_posix().rstrip("/"), location)
    if scheme == "s3":
        parts = urlsplit(location)
        if not parts.netloc:
            raise ShardStorageError(f"PANTAU_SHARD_DIR={location}: an s3:// URL needs a bucket"
                                    " (s3://bucket/prefix)")
        options: dict[str, Any] = {
            "connect_timeout": timeout_s, "request_timeout": 6 * timeout_s,
            "retry_strategy": pafs.AwsStandardS3RetryStrategy(max_attempts=3)}
        if endpoint:
            options["endpoint_override"] = endpoint
        if region:
            options["region"] = region
        if access_key and secret_key:
            options.update(access_key=access_key, secret_key=secret_key)
        bucket_prefix = f"{parts.netloc}/{parts.path.strip('/')}".rstrip("/")
        return ShardStore(pafs.S3FileSystem(**options), bucket_prefix, location)
    try:
        fs, path = pafs.FileSystem.from_uri(location)
    except (OSError, ValueError) as exc:
        raise ShardStorageError(f"PANTAU_SHARD_DIR={location}: not a folder or a storage URL"
                                f" pyarrow can open ({' '.join(str(exc).split())[:200]})") from None
    return ShardStore(fs, path.rstrip("/"), location)
