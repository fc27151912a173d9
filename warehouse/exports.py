"""Exports for analysts' own tools: Hive-partitioned Parquet (or CSV) folders per dataset.

    PATH/posts/day=2026-11-20/part_0.parquet
    PATH/narrative_region_daily/day=2026-11-20/province_code=33/part_0.parquet
    PATH/fact_checks/day=2026-11-20/part_0.parquet
    PATH/narratives/narratives.parquet          (a dimension: one row per narrative)

Re-exporting a range replaces exactly the day folders of that range, so a folder can be kept up
to date day by day. Everything is written by DuckDB (COPY … PARTITION_BY) from a read-only
connection that may write under the target folder only (`allowed_directories`, see
warehouse.connection.analyst_reader); readers get the partition columns back with
hive_partitioning (DuckDB, pyarrow, polars, Spark do it by default).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb

from warehouse.sqlutil import scalar

FORMATS = ("parquet", "csv")


@dataclass(frozen=True)
class Dataset:
    name: str
    sql: str  # {start} and {end} are DATE literals
    partition_by: tuple[str, ...]


DATASETS: dict[str, Dataset] = {
    "posts": Dataset(
        "posts",
        "SELECT * FROM posts WHERE day BETWEEN {start} AND {end}",
        ("day",)),
    "narrative_region_daily": Dataset(
        "narrative_region_daily",
        "SELECT * FROM narrative_region_daily WHERE day BETWEEN {start} AND {end}",
        ("day", "province_code")),
    "fact_checks": Dataset(
        "fact_checks",
        # the local day it was published (the batch day when the feed gave no date)
        "SELECT *, coalesce((published_at AT TIME ZONE 'Asia/Jakarta')::DATE, batch_day) AS day"
        " FROM fact_checks"
        " WHERE coalesce((published_at AT TIME ZONE 'Asia/Jakarta')::DATE, batch_day)"
        " BETWEEN {start} AND {end}",
        ("day",)),
    "narratives": Dataset(
        "narratives",
        # narratives seen in the range, with their status as of the latest day
        "SELECT * FROM narratives WHERE first_seen <= {end} AND last_seen >= {start}",
        ()),
}


@dataclass(frozen=True)
class Written:
    dataset: str
    rows: int
    files: int
    folder: Path


def _literal(day: date) -> str:
    return f"DATE '{day.isoformat()}'"


def _clear_range(folder: Path, start: date, end: date) -> None:
    """Remove the day=… folders of the range, so a re-export replaces rather than adds."""
    for day in _days(start, end):
        target = folder / f"day={day.isoformat()}"
        if target.is_dir():
            shutil.rmtree(target)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def export(con: duckdb.DuckDBPyConnection, target: Path, start: date, end: date,
           fmt: str = "parquet", datasets: list[str] | None = None) -> list[Written]:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if end < start:
        raise ValueError(f"--to {end} is before --from {start}")
    names = datasets or list(DATASETS)
    unknown = [n for n in names if n not in DATASETS]
    if unknown:
        raise ValueError(f"unknown dataset(s) {', '.join(unknown)}; "
                         f"choose from {', '.join(DATASETS)}")
    options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER"
    written = []
    for name in names:
        ds = DATASETS[name]
        folder = target / name
        query = ds.sql.format(start=_literal(start), end=_literal(end))
        if ds.partition_by:
            folder.mkdir(parents=True, exist_ok=True)
            _clear_range(folder, start, end)
            copy = (f"COPY ({query}) TO '{_quote(folder)}' ({options},"
                    f" PARTITION_BY ({', '.join(ds.partition_by)}), OVERWRITE_OR_IGNORE,"
                    f" FILENAME_PATTERN 'part_{{i}}')")
        else:
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            copy = f"COPY ({query}) TO '{_quote(folder / f'{name}.{fmt}')}' ({options})"
        rows = int(scalar(con, copy) or 0)  # COPY answers with the number of rows written
        if ds.partition_by:
            files = sum(1 for d in _days(start, end)
                        for p in (folder / f"day={d.isoformat()}").rglob(f"*.{fmt}"))
        else:
            files = 1
        written.append(Written(name, rows, files, folder))
    return written


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
