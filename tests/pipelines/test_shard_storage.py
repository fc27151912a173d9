"""Shard storage by URL: partitions on an S3 object store (moto's server on 127.0.0.1) give the
warehouse that partitions in a local folder give, leave nothing behind after a successful day,
never show a half-written partition, and an unreachable store is one line naming the setting."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pytest

from pipelines.settings import Settings
from pipelines.shard_storage import ShardStorageError, shard_store
from tests.warehouse_rows import rows

FIXTURES = Path(__file__).parent.parent / "fixtures"
DAY = date(2026, 11, 20)
BUCKET = "pantau-shards"
KEYS = {"shard_s3_access_key": "testing", "shard_s3_secret_key": "testing",
        "shard_s3_region": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server on a free loopback port, with one empty bucket."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    pafs.S3FileSystem(endpoint_override=endpoint, region="us-east-1", access_key="testing",
                      secret_key="testing", allow_bucket_creation=True).create_dir(BUCKET)
    try:
        yield endpoint
    finally:
        server.stop()


def _on_s3(settings: Settings, endpoint: str, prefix: str) -> Settings:
    return settings.model_copy(update={"shard_dir": f"s3://{BUCKET}/{prefix}",
                                       "shard_s3_endpoint": endpoint, **_secret(KEYS)})


def _secret(values: dict[str, str]) -> dict[str, Any]:
    from pydantic import SecretStr

    return {k: SecretStr(v) if k.endswith("_key") else v for k, v in values.items()}


@pytest.mark.parametrize("where", ["local", "s3"])
def test_a_failed_write_leaves_no_partition(where: str, settings: Settings, tmp_path: Path,
                                            s3_endpoint: str) -> None:
    if where == "s3":
        settings = _on_s3(settings, s3_endpoint, "unit")
    store = shard_store(settings)
    key = store.key("2026-11-20", "raw", "part-00000.parquet")
    table = pa.table({"post_id": ["a", "b"], "n": [1, 2]})
    store.write_table(table, key)
    assert store.read_table(key).equals(table)
    assert store.list(store.key("2026-11-20")) == [key]  # no temporary key left over

    class Boom(Exception):
        pass

    def half(out: Any) -> None:
        out.write(b"PAR1 half a file")
        raise Boom

    with pytest.raises(Boom):
        store._write(store.key("2026-11-20", "raw", "part-00001.parquet"), half)
    # Neither the final name nor the temporary one is visible after the failed attempt.
    assert store.list(store.key("2026-11-20")) == [key]
    store.delete(store.key("2026-11-20"))
    assert store.list(store.key("2026-11-20")) == []
    store.delete(store.key("2026-11-20"))  # removing what is gone is fine


def _use_hashing_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sharded steps' I/O is under test, not the model: a cheap deterministic encoder."""
    import models.promotion as mp
    import pipelines.embedder as pe
    import pipelines.stages.classify as sc
    import pipelines.stages.cluster as scl
    import pipelines.stages.embed as se
    from benchmarks.pipeline_bench import HashingEmbedder
    from pipelines.sharding import configured_model_id

    # The id the configured model would have, so the steps that look vectors up by id find them.
    fake = HashingEmbedder(configured_model_id(Settings()), 384)
    for module in (pe, se, sc, scl, mp):
        monkeypatch.setattr(module, "get_embedder", lambda settings: fake)


def test_sharded_day_on_s3_equals_local_shards(settings: Settings, tmp_path: Path,
                                               s3_endpoint: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from models.promotion import bootstrap
    from pipelines.sharding import day_files, run_day_sharded

    _use_hashing_embedder(monkeypatch)
    bootstrap(settings, FIXTURES / "labels.csv")
    remote = _on_s3(settings.model_copy(update={"home": tmp_path / "s3-home"}), s3_endpoint,
                    "pantau/shards")
    shutil.copytree(settings.home, remote.home)

    local = run_day_sharded(settings, DAY, partitions=2)
    on_s3 = run_day_sharded(remote, DAY, partitions=2)
    assert on_s3["normalise_shard"] == local["normalise_shard"]
    assert sum(r["posts"] for r in on_s3["normalise_shard"]) > 0
    # Cleanup after success: nothing left under the day, on S3 or locally.
    assert day_files(remote, DAY) == [] and day_files(settings, DAY) == []
    assert not (remote.home / "shards").exists()  # the partitions never touched the disk
    for sql in ("SELECT * FROM stg_posts ORDER BY post_id",
                "SELECT * FROM post_regions ORDER BY post_id, region_code",
                "SELECT * FROM post_scores ORDER BY post_id",
                "SELECT model_id, content_hash, vector FROM embeddings ORDER BY 1, 2",
                "SELECT day, received, stored, duplicates, quarantined, reconciled"
                " FROM run_summary ORDER BY day"):
        expected = rows(settings.warehouse_path, sql)
        assert expected, sql
        assert rows(remote.warehouse_path, sql) == expected, sql


def test_kept_partitions_are_objects_under_the_prefix(settings: Settings, s3_endpoint: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """After split and one partition's normalise (what a worker does), the objects are there
    under the configured prefix with their final names; the merge reads them back."""
    from pipelines import sharding
    from pipelines.stages.ingest import ingest

    remote = _on_s3(settings, s3_endpoint, "kept")
    ingest(remote, DAY)
    assert sharding.split_day(remote, DAY, partitions=2) == [0, 1]
    sharding.normalise_shard(remote, DAY, 0)
    store = shard_store(remote)
    names = [k.removeprefix(f"{BUCKET}/kept/2026-11-20/") for k in sharding.day_files(remote, DAY)]
    assert names == ["meta.json", "normalised/part-00000.parquet", "raw/part-00000.parquet",
                     "raw/part-00001.parquet", "tags/part-00000.parquet"]
    # The merge needs every partition: the missing one is named, with the URL.
    with pytest.raises(FileNotFoundError, match=r"partition 1 of 'normalised'.*s3://"):
        sharding.merge_normalised(remote, DAY)
    sharding.cleanup(remote, DAY)
    assert store.list(store.key()) == []


def test_an_unreachable_store_is_one_line(settings: Settings, s3_endpoint: str) -> None:
    from pipelines import sharding

    closed = _on_s3(settings, f"http://127.0.0.1:{_free_port()}", "x")
    with pytest.raises(ShardStorageError) as caught:
        sharding.split_day(closed, DAY, partitions=2)
    message = str(caught.value)
    assert "\n" not in message and "PANTAU_SHARD_S3_ENDPOINT" in message, message
    assert message.startswith(f"shard storage s3://{BUCKET}/x: could not reach"), message

    gone = settings.model_copy(update={"shard_dir": "s3://no-such-bucket/p",
                                       "shard_s3_endpoint": s3_endpoint, **_secret(KEYS)})
    with pytest.raises(ShardStorageError, match="bucket 'no-such-bucket' does not exist"):
        sharding.split_day(gone, DAY, partitions=2)


def test_shard_dir_accepts_paths_and_urls(tmp_path: Path) -> None:
    assert Settings(shard_dir=tmp_path).shard_dir == str(tmp_path)
    url = Settings(shard_dir="s3://bucket/a/b").shard_dir
    assert url == "s3://bucket/a/b"  # not collapsed to s3:/bucket as a Path would
    store = shard_store(Settings(home=tmp_path, shard_dir="s3://bucket/a/b/"))
    assert store.root == "bucket/a/b" and store.key("d") == "bucket/a/b/d"
    with pytest.raises(ShardStorageError, match="needs a bucket"):
        shard_store(Settings(home=tmp_path, shard_dir="s3:///prefix"))
