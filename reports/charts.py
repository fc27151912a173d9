"""Small inline SVG charts: no network, no JavaScript, print-friendly."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape


def sparkline(values: Sequence[float], width: int = 140, height: int = 32,
              label: str = "") -> str:
    if not values:
        return ""
    top = max(max(values), 1)
    step = width / max(len(values) - 1, 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}" for i, v in enumerate(values))
    return (f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
            f' role="img" aria-label="{escape(label)}"><polyline fill="none" stroke="#b3261e"'
            f' stroke-width="1.6" points="{points}"/></svg>')
