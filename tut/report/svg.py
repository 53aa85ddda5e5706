"""Charts as inline SVG: no script, no font or file fetched, prints sharply on paper.

Two charts: estimates with confidence intervals by wording and domain (dot and whisker), and
the share of coded answers carrying each code by wording (grouped bars). Every label is
escaped; colours are the Okabe-Ito palette, readable by colour-blind readers and in grey.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MARKERS = ("circle", "square", "diamond", "triangle")
WIDTH = 660
LABEL_W = 190
RIGHT_PAD = 24


@dataclass(frozen=True)
class Point:
    """One estimate to draw: a row label, the series (wording) and the value with its CI."""

    group: str
    series: str
    value: float
    low: float
    high: float


@dataclass(frozen=True)
class Bar:
    group: str
    series: str
    value: float
    flagged: bool = False


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]."""
    if not math.isfinite(lo) or not math.isfinite(hi):
        return [0.0, 1.0]
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = [round(start, 10)]
    while ticks[-1] < hi - 1e-12:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _fmt_tick(x: float, percent: bool) -> str:
    if percent:
        return f"{100 * x:.0f}%"
    return f"{x:g}" if abs(x) < 1e5 else f"{x:.2e}"


def _marker(kind: str, x: float, y: float, color: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{color}"/>'
    if kind == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{color}"/>'
        )
    if kind == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} '
            f'{x - 5:.1f},{y + 4:.1f}" fill="{color}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{color}"/>'


LEGEND_ROW = 15


def _legend(
    series: Sequence[str], y: float, left: int = LABEL_W, right: int = WIDTH
) -> tuple[list[str], float]:
    """Legend entries left to right, wrapping to a new row; returns the parts and the y
    below the legend."""
    out = []
    x = float(left)
    for i, name in enumerate(series):
        width = 24 + 6.2 * len(name)
        if x + width > right and x > left:
            x = float(left)
            y += LEGEND_ROW
        color = PALETTE[i % len(PALETTE)]
        out.append(_marker(MARKERS[i % len(MARKERS)], x + 5, y - 4, color))
        out.append(f'<text x="{x + 14:.1f}" y="{y}" class="lg">{escape(name)}</text>')
        x += width
    return out, y


def _svg_head(width: int, height: float, title: str, show_title: bool = True) -> list[str]:
    """The opening tag, the title that names the image, and the title shown on the chart."""
    return [
        f'<svg viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="ttl">{escape(title)}</text>' if show_title else "",
    ]


def _grid(
    ticks: Sequence[float], sx: Callable[[float], float], top: float, bottom: float, percent: bool
) -> list[str]:
    """A vertical grid line per tick from ``top`` to ``bottom``, its label below."""
    parts = []
    for tick in ticks:
        x = sx(tick)
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" class="grid"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 14}" class="tick" text-anchor="middle">'
            f"{escape(_fmt_tick(tick, percent))}</text>"
        )
    return parts


def estimate_chart(
    points: Sequence[Point],
    title: str,
    unit: str,
    percent: bool = False,
    width: int = WIDTH,
    label_w: int = 150,
    show_title: bool = True,
) -> str:
    """Dot-and-whisker chart: one row per (group, series), grouped by domain. A narrower
    ``width`` keeps the text readable when the chart is printed in half a page; without
    ``show_title`` the title is left to the page (a caption) and only names the image."""
    if not points:
        return ""
    groups = list(dict.fromkeys(p.group for p in points))
    series = list(dict.fromkeys(p.series for p in points))
    row_h, group_gap = 16, 8
    legend, legend_y = _legend(series, 36 if show_title else 12, 0, width)
    top = legend_y + 10
    lo = min(min(p.low, p.value) for p in points)
    hi = max(max(p.high, p.value) for p in points)
    ticks = nice_ticks(min(lo, 0.0) if lo >= 0 and lo < (hi - lo) else lo, hi)
    x0, x1 = label_w, width - RIGHT_PAD
    t_lo, t_hi = ticks[0], ticks[-1]

    def sx(v: float) -> float:
        return x0 + (v - t_lo) / (t_hi - t_lo) * (x1 - x0) if t_hi > t_lo else x0

    rows = sum(len([p for p in points if p.group == g]) for g in groups)
    height = top + rows * row_h + len(groups) * group_gap + 34
    parts = [*_svg_head(width, height, title, show_title), *legend]
    y = top
    grid_top = y
    for g in groups:
        parts.append(f'<text x="0" y="{y + 12}" class="grp">{escape(g)}</text>')
        for p in [p for p in points if p.group == g]:
            i = series.index(p.series)
            color = PALETTE[i % len(PALETTE)]
            cy = y + row_h / 2
            parts.append(
                f'<line x1="{sx(p.low):.1f}" y1="{cy:.1f}" x2="{sx(p.high):.1f}" y2="{cy:.1f}" '
                f'stroke="{color}" stroke-width="2"/>'
            )
            for end in (p.low, p.high):
                parts.append(
                    f'<line x1="{sx(end):.1f}" y1="{cy - 4:.1f}" x2="{sx(end):.1f}" '
                    f'y2="{cy + 4:.1f}" stroke="{color}" stroke-width="1.5"/>'
                )
            parts.append(_marker(MARKERS[i % len(MARKERS)], sx(p.value), cy, color))
            parts.append(
                f'<text x="{label_w - 8}" y="{cy + 4:.1f}" class="val" text-anchor="end">'
                f"{escape(f'{100 * p.value:.1f}%' if percent else f'{p.value:.1f}')}</text>"
            )
            y += row_h
        y += group_gap
    axis_y = y
    parts += _grid(ticks, sx, grid_top, axis_y, percent)
    parts.append(
        f'<text x="{(x0 + x1) / 2:.1f}" y="{axis_y + 30}" class="axis" '
        f'text-anchor="middle">{escape(unit)}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(bars: Sequence[Bar], title: str, flag_note: str = "") -> str:
    """Grouped horizontal bars of shares (0-1): one group per code, one bar per wording."""
    if not bars:
        return ""
    groups = list(dict.fromkeys(b.group for b in bars))
    series = list(dict.fromkeys(b.series for b in bars))
    bar_h, group_gap = 4, 4
    legend, legend_y = _legend(series, 36, 0, WIDTH)
    top = legend_y + 10
    hi = max(b.value for b in bars)
    ticks = nice_ticks(0.0, max(hi, 0.05), 4)
    x0, x1 = LABEL_W, WIDTH - RIGHT_PAD

    def sx(v: float) -> float:
        return x0 + v / ticks[-1] * (x1 - x0)

    height = top + len(groups) * (len(series) * bar_h + group_gap) + 34
    parts = [*_svg_head(WIDTH, height, title), *legend]
    y = top
    for g in groups:
        flagged = any(b.flagged for b in bars if b.group == g)
        label = f"⚠ {g}" if flagged else g
        block = len(series) * bar_h
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + block / 2 + 4:.1f}" class="grp" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        for i, s in enumerate(series):
            value = next((b.value for b in bars if b.group == g and b.series == s), 0.0)
            color = PALETTE[i % len(PALETTE)]
            width = max(sx(value) - x0, 0.0)
            fade = ' fill-opacity="0.45"' if flagged else ""
            parts.append(
                f'<rect x="{x0}" y="{y:.1f}" width="{width:.1f}" height="{bar_h - 1}" '
                f'fill="{color}"{fade}/>'
            )
            y += bar_h
        y += group_gap
    parts += _grid(ticks, sx, top, y, True)
    if flag_note:
        parts.append(f'<text x="0" y="{y + 30}" class="axis">{escape(flag_note)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
