"""The charts' data and text alternatives (the SVG itself is :mod:`tut.report.svg`)."""

from __future__ import annotations

from collections.abc import Sequence

from tut.compare.results import ComparisonResult
from tut.report import i18n
from tut.report.html.cells import e
from tut.report.i18n import Lang, t
from tut.report.layout import share_panels
from tut.report.model import Report
from tut.report.svg import Point, share_chart


def estimate_points(
    result: ComparisonResult, outcome: str, lang: Lang, names: dict[str, str] | None = None
) -> tuple[list[Point], str, bool]:
    """Chart points: whole population and the gap domain (sex) for one outcome."""
    ests = [x for x in result.estimates if x.outcome == outcome]
    gap_dom = next((g.gap_domain for g in result.gaps), None)
    if gap_dom is None:
        gap_dom = next((k for x in ests for k, _v in x.domain), None)
    points = []
    unit = ""
    percent = False
    for x in ests:
        d = dict(x.domain)
        if d and (gap_dom is None or len(d) != 1 or gap_dom not in d):
            continue
        group = i18n.label(d[gap_dom], lang) if d and gap_dom is not None else t("all", lang)
        v = x.value
        points.append(
            Point(group, (names or {}).get(x.variant, x.variant), v.estimate, v.low, v.high)
        )
        unit = x.unit
        percent = x.kind == "proportion"
    return points, unit, percent


def points_text(points: Sequence[Point], percent: bool) -> str:
    """The estimate chart in words (its text alternative)."""

    def f(x: float) -> str:
        return i18n.pct(x, 1) if percent else i18n.num(x, 1)

    return "; ".join(
        f"{p.group}, {p.series}: {f(p.value)} [{f(p.low)}, {f(p.high)}]" for p in points
    )


def readings_figure(r: Report, lang: Lang) -> str:
    """The readings per language as small multiples on one scale, side by side."""
    panels = [
        f'<div class="panel" data-language="{e(p.language)}">'
        f"{share_chart(p.shares, p.title, p.desc)}</div>"
        for p in share_panels(r, lang)
    ]
    if not panels:
        return ""
    return (
        f'<figure id="readings-chart"><figcaption>{e(t("sub-chart-readings", lang))}'
        f'</figcaption><div class="side-by-side">{"".join(panels)}</div></figure>'
    )
