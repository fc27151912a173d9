"""Build reports/static/regencies.geojson from the gazetteer's kabupaten polygons (run once).

    python -m reports.build_regency_shapes /path/to/gazetteer [reports/static/regencies.geojson]

The source (`indonesia_kabupaten_507.geojson`, mashadinoor/Indonesia-Geojson-2026, MIT) carries
names only (`WADMPR` province, `WADMKK` regency: kota prefixed "Kota", kabupaten bare). Each
feature is matched to a Kemendagri code by province + name (a few spelling aliases), falling back
to the nearest polygon centroid listed in the gazetteer's `regencies.csv`; rings are simplified
(Douglas-Peucker) and coordinates rounded so the file stays small enough to ship.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

from pipelines.gazetteer import regions

TOLERANCE = 0.004  # degrees, ~400 m: invisible at the size a province map is drawn
DECIMALS = 3
ALIASES = {"parepare": "parepare", "muko muko": "mukomuko", "pare pare": "parepare",
           "fak fak": "fakfak", "kep siau tagulandang biaro": "kepulauan siau tagulandang biaro",
           "tojo una una": "tojounauna"}

Ring = list[tuple[float, float]]


def _key(name: str) -> str:
    name = name.lower().replace("kep.", "kepulauan ")
    name = ALIASES.get(re.sub(r"[^a-z0-9 ]+", " ", name).strip(), name)
    return re.sub(r"[^a-z0-9]+", "", name)


def _perp(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: Ring, tol: float) -> Ring:
    """Douglas-Peucker, iterative (rings can be long)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, index = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(points[k], points[i], points[j])
            if d > best:
                best, index = d, k
        if best > tol and index > 0:
            keep[index] = True
            stack += [(i, index), (index, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(ring: Ring) -> float:
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))


def _centroid(rings: list[Ring]) -> tuple[float, float]:
    ax = ay = total = 0.0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            cross = x1 * y2 - x2 * y1
            ax += (x1 + x2) * cross
            ay += (y1 + y2) * cross
            total += cross
    if total == 0:
        xs, ys = zip(*rings[0], strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    return ax / (3 * total), ay / (3 * total)


def build(gazetteer: Path, out: Path) -> dict[str, Any]:
    raw = json.loads((gazetteer / "indonesia_kabupaten_507.geojson").read_text(encoding="utf-8"))
    table = regions()
    provinces = {_key(r.name): r.code for r in table.values() if r.level == "province"}
    provinces[_key("DKI Jakarta")] = "31"
    by_name = {(r.province_code, _key(r.name)): r.code
               for r in table.values() if r.level == "regency"}
    centroids: list[tuple[str, float, float]] = []
    with (gazetteer / "regencies.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("polygon_centroid_lat"):
                centroids.append((row["kode"], float(row["polygon_centroid_lon"]),
                                  float(row["polygon_centroid_lat"])))
    features: list[dict[str, Any]] = []
    unmatched: list[str] = []
    by_centroid: list[str] = []
    for feature in raw["features"]:
        props, geom = feature["properties"], feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        outer = [[(float(x), float(y)) for x, y, *_ in poly[0]] for poly in polys]
        province = provinces.get(_key(props["WADMPR"]))
        name = props["WADMKK"]
        full = name if name.startswith("Kota ") else f"Kabupaten {name}"
        code = by_name.get((province or "", _key(full)))
        if code is None:
            cx, cy = _centroid(outer)
            near = min(centroids, key=lambda c: math.hypot(c[1] - cx, c[2] - cy))
            if math.hypot(near[1] - cx, near[2] - cy) < 0.05:
                code = near[0]
                by_centroid.append(f"{props['WADMPR']}/{name} -> {code}")
        if code is None:
            unmatched.append(f"{props['WADMPR']}/{name}")
            continue
        rings: list[list[list[float]]] = []
        for ring in sorted(outer, key=lambda r: -abs(_area(r))):
            small = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in simplify(ring, TOLERANCE)]
            if len(small) >= 4 and (not rings or abs(_area(small)) > 2e-4):
                rings.append([[x, y] for x, y in small])
        features.append({"type": "Feature",
                         "properties": {"code": code, "name": table[code].name},
                         "geometry": {"type": "MultiPolygon",
                                      "coordinates": [[r] for r in rings]}})
    features.sort(key=lambda f: f["properties"]["code"])
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                              separators=(",", ":")), encoding="utf-8")
    codes = {f["properties"]["code"] for f in features}
    return {"features": len(features), "unmatched": unmatched, "by_centroid": by_centroid,
            "missing": sorted(c for c, r in table.items()
                              if r.level == "regency" and c not in codes),
            "bytes": out.stat().st_size}


if __name__ == "__main__":  # pragma: no cover - a one-off build step
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else (
        Path(__file__).parent / "static" / "regencies.geojson")
    print(json.dumps(build(Path(sys.argv[1]), target), indent=1))
