"""Small inline SVG charts: no network, no JavaScript, print-friendly."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from reports.i18n import fmt_date, fmt_int, texts

INK = "#52606d"
BAR = "#c3ccd6"
RECENT = "#c2410c"


def sparkline(values: Sequence[float], width: int = 140, height: int = 32,
              label: str = "") -> str:
    """A bare line, for tight spaces (the index page)."""
    if not values:
        return ""
    top = max(max(values), 1)
    step = width / max(len(values) - 1, 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}" for i, v in enumerate(values))
    return (f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
            f' role="img" aria-label="{escape(label)}"><polyline fill="none" stroke="{RECENT}"'
            f' stroke-width="1.6" points="{points}"/></svg>')


def trend_bars(values: Sequence[int], days: Sequence[date], lang: str = "id", label: str = "",
               recent: int = 3, width: int = 260, height: int = 74) -> str:
    """Daily posts as bars, the last `recent` days in the accent colour; first and last day and
    the maximum written on the chart so it reads without a legend."""
    if not values:
        return ""
    t = texts(lang)
    top = max(max(values), 1)
    n = len(values)
    left, right, top_pad, axis = 2, 2, 14, 14
    plot_h = height - top_pad - axis
    slot = (width - left - right) / n
    bar_w = max(slot * 0.72, 1.0)
    bars = []
    for i, v in enumerate(values):
        h = 0.0 if v <= 0 else max(v / top * plot_h, 1.5)
        x = left + i * slot + (slot - bar_w) / 2
        y = top_pad + plot_h - h
        colour = RECENT if i >= n - recent else BAR
        day_text = fmt_date(days[i], lang, "short") if i < len(days) else ""
        bars.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                    f'rx="1" fill="{colour}"><title>{escape(day_text)}: {fmt_int(v, lang)}'
                    f'</title></rect>')
    base_y = top_pad + plot_h + 0.5
    first = fmt_date(days[0], lang, "short") if days else ""
    last = fmt_date(days[-1], lang, "short") if days else ""
    aria = f"{label}: {t['trend']}, {', '.join(fmt_int(v, lang) for v in values)}"
    return (
        f'<svg class="trend" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(aria)}" font-family="inherit" font-size="10">'
        f'<text x="{left}" y="10" fill="{INK}">'
        f'{escape(t["trend_max"].format(n=fmt_int(top, lang)))}</text>'
        f'<line x1="{left}" x2="{width - right}" y1="{top_pad + 0.5}" y2="{top_pad + 0.5}" '
        f'stroke="#e4e7eb" stroke-dasharray="2 2"/>'
        + "".join(bars) +
        f'<line x1="{left}" x2="{width - right}" y1="{base_y:.1f}" y2="{base_y:.1f}" '
        f'stroke="#9aa5b1"/>'
        f'<text x="{left}" y="{height - 2}" fill="{INK}">{escape(first)}</text>'
        f'<text x="{width - right}" y="{height - 2}" fill="{INK}" text-anchor="end">'
        f'{escape(last)}</text></svg>')


def likelihood_meter(score: float | None, width: int = 90) -> str:
    """A short horizontal bar for a 0–1 score; the colour deepens with the score."""
    value = min(max(float(score or 0), 0.0), 1.0)
    colour = "#b42318" if value >= 0.8 else "#dd6b20" if value >= 0.6 else "#d69e2e"
    return (f'<svg class="meter" viewBox="0 0 {width} 8" width="{width}" height="8" '
            f'aria-hidden="true"><rect width="{width}" height="8" rx="4" fill="#e4e7eb"/>'
            f'<rect width="{value * width:.1f}" height="8" rx="4" fill="{colour}"/></svg>')
