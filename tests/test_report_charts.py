"""Charts: grid lines behind the data, legends that show the marks the chart draws, a title
and a text alternative on every chart."""

from __future__ import annotations

import re

from tut.report.svg import Point, Share, estimate_chart, share_chart


def _order(svg: str) -> list[str]:
    """The kinds of drawn elements in document order: grid, bar, whisker, marker."""
    kinds = []
    for m in re.finditer(r"<(line|rect|circle|polygon)\b([^>]*)>", svg):
        tag, attrs = m.groups()
        kinds.append("grid" if 'class="grid"' in attrs else tag)
    return kinds


def test_share_chart_draws_grid_first_and_legend_swatches_like_its_bars():
    shares = [
        Share("ATUS", "on target", 0.23, 0.10, 0.43),
        Share("ATUS", "off target", 0.77, 0.57, 0.90),
        Share("Candidate <b>", "on target", 0.64, 0.43, 0.80, flagged=True),
        Share("Candidate <b>", "off target", 0.36, 0.20, 0.57, flagged=True),
    ]
    svg = share_chart(shares, "English: share of respondents", "ATUS: 5/22 on target")
    kinds = _order(svg)
    first_data = next(i for i, k in enumerate(kinds) if k != "grid" and i > 1)
    assert "grid" not in kinds[first_data:], "a grid line is drawn over the bars"
    # legend: one square per series, the same mark as the bars (no circles or diamonds)
    assert "circle" not in kinds and "polygon" not in kinds
    assert svg.count("<rect") == 2 + len(shares)
    assert "<title>English: share of respondents</title>" in svg
    assert "<desc>ATUS: 5/22 on target</desc>" in svg
    assert "Candidate &lt;b&gt;" in svg and "<b>" not in svg
    # the same 0-100% scale in every panel, so small multiples compare
    assert ">0%<" in svg and ">100%<" in svg


def test_estimate_chart_draws_grid_lines_behind_the_points():
    points = [Point("All", "A", 90.0, 84.0, 95.0), Point("All", "B", 114.0, 107.0, 121.0)]
    svg = estimate_chart(points, "Care", "minutes per day", desc="All, A: 90.0 [84.0, 95.0]")
    kinds = _order(svg)
    last_grid = max(i for i, k in enumerate(kinds) if k == "grid")
    whiskers = [i for i, k in enumerate(kinds) if k == "line"]
    assert whiskers and min(whiskers) > last_grid
    assert "<desc>All, A: 90.0 [84.0, 95.0]</desc>" in svg
