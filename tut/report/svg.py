"""Charts as inline SVG: no script, no font or file fetched, prints sharply on paper.

Two charts: estimates with confidence intervals by wording and domain (dot and whisker), and
per language (small multiples) the share of respondents who read each wording as the
target concept, with Wilson intervals (bars). Grid lines are drawn first, behind the data;
legends show the marks the chart uses; every chart has a title and a text alternative
(``<desc>``). Every label is escaped; colours are the Okabe-Ito palette, readable by
colour-blind readers and in grey.
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


def _svg_head(
    width: int, height: float, title: str, show_title: bool = True, desc: str = ""
) -> list[str]:
    """The opening tag, the title that names the image, its text alternative (the numbers
    in words, for screen readers and text-only copies) and the title shown on the chart."""
    return [
        f'<svg viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>" if desc else "",
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
    desc: str = "",
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
    axis_y = top + rows * row_h + len(groups) * group_gap
    height = axis_y + 34
    parts = [*_svg_head(width, height, title, show_title, desc), *legend]
    parts += _grid(ticks, sx, top, axis_y, percent)  # behind the data
    y = top
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
    parts.append(
        f'<text x="{(x0 + x1) / 2:.1f}" y="{axis_y + 30}" class="axis" '
        f'text-anchor="middle">{escape(unit)}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class Share:
    """One bar of a share chart: a wording, which reading (``series``), the share of
    respondents (0-1) and its interval."""

    label: str
    series: str
    value: float
    low: float | None = None
    high: float | None = None
    flagged: bool = False


def _swatch(x: float, y: float, color: str) -> str:
    """The legend mark of a bar: a filled square, as the bars are drawn."""
    return f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="10" height="10" fill="{color}"/>'


def share_chart(
    shares: Sequence[Share], title: str, desc: str, width: int = 330, label_w: int = 120
) -> str:
    """Horizontal bars of shares of respondents (0-100%, the same scale in every panel so
    small multiples compare), a whisker for each interval, one row per wording and reading."""
    if not shares:
        return ""
    series = list(dict.fromkeys(b.series for b in shares))
    labels = list(dict.fromkeys(b.label for b in shares))
    bar_h, group_gap = 12, 8
    legend: list[str] = []
    x = 0.0
    for i, name in enumerate(series):
        legend.append(_swatch(x, 40, PALETTE[i % len(PALETTE)]))
        legend.append(f'<text x="{x + 14:.1f}" y="{40}" class="lg">{escape(name)}</text>')
        x += 24 + 6.2 * len(name)
    top = 52
    ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
    x0, x1 = label_w, width - RIGHT_PAD

    def sx(v: float) -> float:
        return x0 + v * (x1 - x0)

    bottom = top + len(labels) * (len(series) * bar_h + group_gap)
    parts = [*_svg_head(width, bottom + 34, title, True, desc), *legend]
    parts += _grid(ticks, sx, top, bottom, True)  # behind the bars
    y = float(top)
    for label in labels:
        block = len(series) * bar_h
        flagged = any(b.flagged for b in shares if b.label == label)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + block / 2 + 4:.1f}" class="grp" '
            f'text-anchor="end">{escape(("⚠ " if flagged else "") + label)}</text>'
        )
        for i, name in enumerate(series):
            bar = next((b for b in shares if b.label == label and b.series == name), None)
            if bar is not None:
                color = PALETTE[i % len(PALETTE)]
                parts.append(
                    f'<rect x="{x0}" y="{y + 1:.1f}" width="{max(sx(bar.value) - x0, 0.0):.1f}" '
                    f'height="{bar_h - 2}" fill="{color}"/>'
                )
                if bar.low is not None and bar.high is not None:
                    cy = y + bar_h / 2
                    parts.append(
                        f'<line x1="{sx(bar.low):.1f}" y1="{cy:.1f}" x2="{sx(bar.high):.1f}" '
                        f'y2="{cy:.1f}" stroke="#000" stroke-width="1"/>'
                    )
            y += bar_h
        y += group_gap
    parts.append("</svg>")
    return "\n".join(p for p in parts if p)
