"""Choropleth maps as inline SVG, from the bundled simplified polygons.

The national briefing shades the 38 provinces; a provincial briefing shades that province's
kabupaten/kota (neighbouring provinces drawn in grey for orientation); a kabupaten/kota briefing
shows its province the same way with the region outlined. Polygons: `static/provinces.geojson`
and `static/regencies.geojson` (see `static/ATTRIBUTION.md`). Regencies without a polygon in the
source (seven small cities) are drawn as dots at their gazetteer point.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from pipelines.gazetteer import load_regions
from reports.i18n import fmt_int, texts

WIDTH, HEIGHT = 900, 345
LON0, LON1, LAT0, LAT1 = 94.5, 141.5, -11.5, 6.5
PALETTE = ("#fdd49e", "#fdb27b", "#f4794e", "#d7301f", "#990000")
ZERO = "#e9edf1"
CONTEXT = "#fbfbfc"
Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    rings: tuple[Ring, ...]

    def bbox(self) -> tuple[float, float, float, float]:
        xs = [x for ring in self.rings for x, _ in ring]
        ys = [y for ring in self.rings for _, y in ring]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass
class MapView:
    svg: str
    title: str
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, label)
    most_active: list[tuple[str, int]] = field(default_factory=list)
    has_points: bool = False


@cache
def _shapes(filename: str) -> tuple[Shape, ...]:
    try:
        raw = resources.files("reports").joinpath("static", filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    shapes = []
    for feature in json.loads(raw)["features"]:
        props: dict[str, Any] = feature["properties"]
        geom = feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = tuple([(float(p[0]), float(p[1])) for p in poly[0]] for poly in polygons)
        shapes.append(Shape(str(props.get("code")), str(props.get("name")), rings))
    return tuple(shapes)


def province_shapes() -> tuple[Shape, ...]:
    return _shapes("provinces.geojson")


def regency_shapes(province: str) -> tuple[Shape, ...]:
    return tuple(s for s in _shapes("regencies.geojson") if s.code.split(".")[0] == province)


@cache
def _points() -> dict[str, tuple[str, float, float]]:
    """code -> (name, lon, lat) from the gazetteer."""
    rows = load_regions().select(["code", "name", "lat", "lon"]).to_pylist()
    return {r["code"]: (r["name"], r["lon"], r["lat"]) for r in rows
            if r["lat"] is not None and r["lon"] is not None}


def class_breaks(top: int) -> list[int]:
    """Upper bounds of up to five classes, geometric from 1 to `top` (counts are skewed)."""
    if top <= 0:
        return []
    return sorted({max(1, round(top ** (i / 5))) for i in range(1, 6)})


def _colours(breaks: list[int]) -> list[str]:
    """One colour per class (none on a day with no activity, so the legend holds only zero)."""
    if not breaks:
        return []
    if len(breaks) >= len(PALETTE):
        return list(PALETTE)
    # fewer classes: spread them over the palette so the darkest still means "most"
    step = (len(PALETTE) - 1) / max(len(breaks) - 1, 1)
    return [PALETTE[round(i * step)] for i in range(len(breaks))] if len(breaks) > 1 \
        else [PALETTE[2]]


def shade(value: int, breaks: list[int]) -> str:
    if value <= 0 or not breaks:
        return ZERO
    colours = _colours(breaks)
    for bound, colour in zip(breaks, colours, strict=True):
        if value <= bound:
            return colour
    return colours[-1]


def legend(breaks: list[int], lang: str = "id") -> list[tuple[str, str]]:
    items = [(ZERO, texts(lang)["map_zero"])]
    low = 1
    for bound, colour in zip(breaks, _colours(breaks), strict=True):
        label = fmt_int(bound, lang) if bound == low else \
            f"{fmt_int(low, lang)}–{fmt_int(bound, lang)}"
        items.append((colour, label))
        low = bound + 1
    return items


class _Projection:
    """Equirectangular, x scaled by cos(latitude) at the centre, fitted to a box."""

    def __init__(self, bbox: tuple[float, float, float, float], width: float,
                 max_height: float, pad: float = 0.03) -> None:
        x0, y0, x1, y1 = bbox
        dx, dy = (x1 - x0) or 0.1, (y1 - y0) or 0.1
        x0, x1, y0, y1 = x0 - dx * pad, x1 + dx * pad, y0 - dy * pad, y1 + dy * pad
        self.k = math.cos(math.radians((y0 + y1) / 2))
        scale = min(width / ((x1 - x0) * self.k), max_height / (y1 - y0))
        self.scale, self.x0, self.y1 = scale, x0, y1
        self.width = (x1 - x0) * self.k * scale
        self.height = (y1 - y0) * scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.x0) * self.k * self.scale, (self.y1 - lat) * self.scale


# Points closer than this to the last one kept (in the map's own units, about a CSS pixel at
# full width) are dropped, and so are islets that would draw smaller than MIN_RING: at 900 units
# for the whole country most polygon points fall on the same pixel, and every one of them cost
# page weight (the national map was 266 KB of SVG) and PDF time (WeasyPrint parses each point).
MIN_STEP = 0.8
MIN_RING = 1.0


def _path(shape: Shape, project: Callable[[float, float], tuple[float, float]]) -> str:
    rings = [[project(lon, lat) for lon, lat in ring] for ring in shape.rings]
    extents = [_extent(pts) for pts in rings]
    largest = max(range(len(rings)), key=extents.__getitem__, default=0)
    parts = []
    for i, pts in enumerate(rings):
        if i != largest and extents[i] < MIN_RING:
            continue
        kept = _decimate(pts, MIN_STEP)
        parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
    return " ".join(parts)


def _extent(pts: list[tuple[float, float]]) -> float:
    if not pts:
        return 0.0
    xs, ys = [x for x, _ in pts], [y for _, y in pts]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _decimate(pts: list[tuple[float, float]], step: float) -> list[tuple[float, float]]:
    """The ring's points at least `step` apart (the first always; at least three when the
    ring had them, so even a small shape stays a polygon)."""
    if len(pts) <= 3:
        return pts
    kept = [pts[0]]
    for x, y in pts[1:]:
        lx, ly = kept[-1]
        if abs(x - lx) >= step or abs(y - ly) >= step:
            kept.append((x, y))
    return kept if len(kept) >= 3 else [pts[0], pts[len(pts) // 3], pts[2 * len(pts) // 3]]


def _union_bbox(boxes: Iterable[tuple[float, float, float, float]]) -> tuple[float, ...]:
    bs = list(boxes)
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs),
            max(b[3] for b in bs))


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _svg(width: float, height: float, label: str, body: str) -> str:
    return (f'<svg class="map" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
            f'preserveAspectRatio="xMidYMid meet" role="img" aria-label="{escape(label)}">'
            f'{body}</svg>')


def _most_active(activity: dict[str, int], names: dict[str, str]) -> list[tuple[str, int]]:
    ranked = sorted(((v, c) for c, v in activity.items() if v > 0 and c in names),
                    key=lambda vc: (-vc[0], vc[1]))
    return [(names[c], v) for v, c in ranked[:3]]


def _markers(ranked: list[tuple[str, int]], names_to_code: dict[str, str],
             project: Callable[[float, float], tuple[float, float]]) -> str:
    """Numbered circles on the most active regions (skipped where two would overlap)."""
    points = _points()
    placed: list[tuple[float, float]] = []
    out = []
    for rank, (name, _value) in enumerate(ranked, 1):
        code = names_to_code.get(name)
        if code is None or code not in points:
            continue
        x, y = project(points[code][1], points[code][2])
        if any(math.hypot(x - px, y - py) < 20 for px, py in placed):
            continue
        placed.append((x, y))
        out.append(f'<g class="marker"><circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="#12355b" '
                   f'stroke="#ffffff" stroke-width="1.5"/><text x="{x:.1f}" y="{y + 3.5:.1f}" '
                   f'text-anchor="middle" font-size="11" font-weight="700" fill="#ffffff">'
                   f'{rank}</text></g>')
    return "".join(out)


def province_map_svg(activity: dict[str, int], lang: str = "id") -> str:
    """The national choropleth alone (kept for callers that only want the SVG)."""
    view = national_map(activity, lang)
    return view.svg if view else ""


def national_map(activity: dict[str, int], lang: str = "id") -> MapView | None:
    shapes = province_shapes()
    if not shapes:
        return None
    t = texts(lang)
    breaks = class_breaks(max(activity.values(), default=0))
    project = _Projection((LON0, LAT0, LON1, LAT1), WIDTH, HEIGHT, pad=0)
    paths = [
        f'<path d="{_path(s, project)}" fill="{shade(activity.get(s.code, 0), breaks)}" '
        f'stroke="#ffffff" stroke-width="0.7" stroke-linejoin="round"><title>'
        f'{escape(s.name)}: {fmt_int(activity.get(s.code, 0), lang)}</title></path>'
        for s in shapes]
    names = {s.code: s.name for s in shapes}
    most = _most_active(activity, names)
    marks = _markers(most, {v: k for k, v in names.items()}, project)
    return MapView(svg=_svg(project.width, project.height, t["map"], "".join(paths) + marks),
                   title=t["map"], legend=legend(breaks, lang), most_active=most)


def regency_map(province: str, activity: dict[str, int], highlight: str | None = None,
                lang: str = "id") -> MapView | None:
    """The province's kabupaten/kota; None when there are no polygons for it."""
    shapes = regency_shapes(province)
    if not shapes:
        return None
    t = texts(lang)
    points = _points()
    drawn = {s.code for s in shapes}
    dots = [(code, *points[code]) for code in sorted(points)
            if code.split(".")[0] == province and "." in code and code not in drawn]
    box = _union_bbox([s.bbox() for s in shapes] + [(lon, lat, lon, lat)
                                                    for _, _, lon, lat in dots])
    project = _Projection((box[0], box[1], box[2], box[3]), WIDTH, 520)
    breaks = class_breaks(max(activity.values(), default=0))
    context = [
        f'<path d="{_path(s, project)}" fill="{CONTEXT}" stroke="#cbd2d9" stroke-width="0.8" '
        f'stroke-dasharray="3 2">'
        f'<title>{escape(s.name)}</title></path>'
        for s in province_shapes() if s.code != province and _overlaps(s.bbox(), box)]
    body = []
    # kota after kabupaten: small cities drawn on top of the regency around them
    for s in sorted(shapes, key=lambda s: (s.name.startswith("Kota "), s.code)):
        value = activity.get(s.code, 0)
        body.append(f'<path d="{_path(s, project)}" fill="{shade(value, breaks)}" '
                    f'stroke="#ffffff" stroke-width="1" stroke-linejoin="round"><title>'
                    f'{escape(s.name)}: {fmt_int(value, lang)}</title></path>')
    for code, name, lon, lat in dots:
        x, y = project(lon, lat)
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" '
                    f'fill="{shade(activity.get(code, 0), breaks)}" stroke="#52606d" '
                    f'stroke-width="1"><title>{escape(name)}: '
                    f'{fmt_int(activity.get(code, 0), lang)}</title></circle>')
    for s in province_shapes():
        if s.code == province:  # the province's own outline, over its regencies
            body.append(f'<path d="{_path(s, project)}" fill="none" stroke="#7b8794" '
                        f'stroke-width="1.2" stroke-linejoin="round"/>')
    if highlight:
        for s in shapes:
            if s.code == highlight:
                body.append(f'<path d="{_path(s, project)}" fill="none" stroke="#12355b" '
                            f'stroke-width="3" stroke-linejoin="round"/>')
        for code, _name, lon, lat in dots:
            if code == highlight:
                x, y = project(lon, lat)
                body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="none" '
                            f'stroke="#12355b" stroke-width="2.5"/>')
    names = {s.code: s.name for s in shapes} | {c: n for c, n, _, _ in dots}
    most = _most_active(activity, names)
    body.append(_markers(most, {v: k for k, v in names.items()}, project))
    return MapView(svg=_svg(project.width, project.height, t["map_regency"],
                            "".join(context + body)),
                   title=t["map_regency"], legend=legend(breaks, lang),
                   most_active=most, has_points=bool(dots))


def highlighted_province_map(province: str, lang: str = "id") -> MapView | None:
    """Fallback when a province has no kabupaten polygons: the nation, that province marked."""
    shapes = province_shapes()
    if not shapes:
        return None
    project = _Projection((LON0, LAT0, LON1, LAT1), WIDTH, HEIGHT, pad=0)
    paths = [f'<path d="{_path(s, project)}" fill="{"#d7301f" if s.code == province else ZERO}"'
             f' stroke="#ffffff" stroke-width="0.7"><title>{escape(s.name)}</title></path>'
             for s in shapes]
    t = texts(lang)
    return MapView(svg=_svg(project.width, project.height, t["map"], "".join(paths)),
                   title=t["map"])
