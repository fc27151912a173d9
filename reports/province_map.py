"""A choropleth of Indonesia's provinces as inline SVG, from the bundled simplified polygons."""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

WIDTH, HEIGHT = 900, 330
LON0, LON1, LAT0, LAT1 = 94.5, 141.5, -11.5, 6.5


def _xy(lon: float, lat: float) -> str:
    x = (lon - LON0) / (LON1 - LON0) * WIDTH
    y = (LAT1 - lat) / (LAT1 - LAT0) * HEIGHT
    return f"{x:.1f},{y:.1f}"


@lru_cache(maxsize=1)
def _shapes() -> list[tuple[str, str, str]]:
    """(code, name, svg path) per province."""
    try:
        raw = resources.files("reports").joinpath("static", "provinces.geojson").read_text(
            encoding="utf-8")
    except FileNotFoundError:
        return []
    shapes = []
    for feature in json.loads(raw)["features"]:
        props: dict[str, Any] = feature["properties"]
        geom = feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        d = " ".join("M" + " L".join(_xy(lon, lat) for lon, lat, *_ in ring) + "Z"
                     for poly in polygons for ring in poly[:1])
        shapes.append((str(props.get("code")), str(props.get("name")), d))
    return shapes


def _shade(value: int, top: int) -> str:
    if value <= 0:
        return "#eeeeee"
    share = value / max(top, 1)
    steps = ["#fde0d9", "#f9b4a4", "#f0806b", "#d9472f", "#a8200f"]
    return steps[min(int(share * len(steps)), len(steps) - 1)]


def province_map_svg(activity: dict[str, int]) -> str:
    shapes = _shapes()
    if not shapes:
        return ""
    top = max(activity.values(), default=0)
    paths = [
        f'<path d="{d}" fill="{_shade(activity.get(code, 0), top)}" stroke="#fff" '
        f'stroke-width="0.6"><title>{escape(name)}: {activity.get(code, 0)}</title></path>'
        for code, name, d in shapes]
    return (f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
            f'aria-label="peta provinsi">{"".join(paths)}</svg>')
