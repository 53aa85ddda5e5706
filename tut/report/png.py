"""The report's charts as PNG images (for the Word document), drawn with matplotlib.

The same data and rules as the SVG charts (:mod:`tut.report.svg`): per language the share
of respondents who read each wording on target with Wilson intervals, on one 0-100% scale
(small multiples), and the estimates by wording and sex with their intervals. Grid lines
are behind the data and the legends show the marks drawn. Nothing is read or fetched.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

from tut.report.layout import SharePanel
from tut.report.svg import PALETTE, Point

MARKERS = ("o", "s", "D", "^")
DPI = 150


def _figure(width: float, height: float):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")  # no display, no window: a file only
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI)


def _png(fig) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    return buf.getvalue()


def _wrap(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def readings_png(panels: Sequence[SharePanel], title: str) -> bytes:
    """Small multiples, one panel per language one above the other on the same 0-100%
    scale: shares of respondents with their intervals."""
    n = max(len(panels), 1)
    rows = [len({s.label for s in p.shares}) * len({s.series for s in p.shares}) for p in panels]
    fig = _figure(6.0, 0.9 + sum(0.32 * r + 0.6 for r in rows))
    axes = fig.subplots(n, 1, squeeze=False, sharex=True)[:, 0]
    fig.suptitle(title, fontsize=9)
    for ax, panel in zip(axes, panels, strict=False):
        series = list(dict.fromkeys(s.series for s in panel.shares))
        labels = list(dict.fromkeys(s.label for s in panel.shares))
        height = 0.8 / max(len(series), 1)
        ax.set_axisbelow(True)  # grid lines behind the bars
        ax.grid(axis="x", color="#ddd", linewidth=0.6)
        for i, name in enumerate(series):
            bars = [
                next((s for s in panel.shares if s.label == lb and s.series == name), None)
                for lb in labels
            ]
            ys = [j + i * height for j in range(len(labels))]
            values = [b.value if b else 0.0 for b in bars]
            err = [
                [(b.value - b.low) if b and b.low is not None else 0.0 for b in bars],
                [(b.high - b.value) if b and b.high is not None else 0.0 for b in bars],
            ]
            ax.barh(
                ys,
                values,
                height=height * 0.9,
                color=PALETTE[i % len(PALETTE)],
                label=name,
                xerr=err,
                error_kw={"elinewidth": 0.8, "ecolor": "black", "capsize": 2},
            )
        ax.set_yticks([j + height * (len(series) - 1) / 2 for j in range(len(labels))])
        flagged = {s.label for s in panel.shares if s.flagged}
        ax.set_yticklabels(
            [_wrap(("⚠ " if lb in flagged else "") + lb) for lb in labels], fontsize=7
        )
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_title(i18n_language(panel), fontsize=8, loc="left")
        if len(series) > 1:
            ax.legend(fontsize=6, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        else:
            ax.set_xlabel(series[0], fontsize=7)
    axes[-1].set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    axes[-1].set_xticklabels(["0%", "25%", "50%", "75%", "100%"], fontsize=7)
    fig.tight_layout()
    return _png(fig)


def i18n_language(panel: SharePanel) -> str:
    """The panel's heading: its title up to the colon (the language)."""
    return panel.title.split(":", 1)[0]


def estimates_png(points: Sequence[Point], title: str, unit: str, percent: bool) -> bytes:
    """Dot and whisker: one row per (group, wording), grouped by domain."""
    groups = list(dict.fromkeys(p.group for p in points))
    points = sorted(points, key=lambda p: groups.index(p.group))
    fig = _figure(6.0, 0.3 * max(len(points), 1) + 1.2)
    ax = fig.subplots()
    ax.set_axisbelow(True)
    ax.grid(axis="x", color="#ddd", linewidth=0.6)
    series = list(dict.fromkeys(p.series for p in points))
    scale = 100.0 if percent else 1.0
    shown: set[str] = set()
    for y, p in enumerate(points):
        i = series.index(p.series)
        ax.errorbar(
            [p.value * scale],
            [y],
            xerr=[[(p.value - p.low) * scale], [(p.high - p.value) * scale]],
            fmt=MARKERS[i % len(MARKERS)],
            color=PALETTE[i % len(PALETTE)],
            capsize=3,
            label=None if p.series in shown else p.series,
        )
        shown.add(p.series)
    ax.set_yticks(range(len(points)))
    ax.set_yticklabels([p.group for p in points], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(unit, fontsize=7)
    ax.tick_params(axis="x", labelsize=7)
    ax.set_title(_wrap(title, 80), fontsize=8)
    ax.legend(fontsize=6, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _png(fig)
