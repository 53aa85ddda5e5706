"""The first page: the answer, why, the key numbers, the chart and the caveats."""

from __future__ import annotations

from collections.abc import Sequence

from tut.compare.results import ComparisonResult
from tut.report import i18n
from tut.report.document.model import (
    Block,
    BulletList,
    Cell,
    EstimatesChart,
    Figure,
    Group,
    Row,
    Section,
    Table,
)
from tut.report.document.parts import (
    FLAG,
    cell,
    frame_paragraph,
    item,
    microdata_caveat_paras,
    note,
    para,
    run,
    section,
)
from tut.report.i18n import Lang, t
from tut.report.layout import key_rows, share_note
from tut.report.model import Report
from tut.report.phrases import (
    caveat_line,
    finding_reason,
    finding_title,
    frame_text,
    headline_text,
    micro_short,
    ordered_findings,
    outcome_labels,
    outcome_name,
    spec_label,
    spec_texts,
    unit_text,
    value_text,
    variant_names,
)
from tut.report.svg import Point


def summary_section(r: Report, lang: Lang) -> Section:
    """One page that stands alone: the answer, why, the key numbers, the chart, caveats."""
    s = r.summary
    blocks: list[Block] = [para(headline_text(r, lang), kind="headline", id="headline")]
    if frame_text(r, lang)[1]:
        blocks.append(frame_paragraph(r, lang))
    if s.warnings:
        items = tuple(item(f"{FLAG} ", caveat_line(k, p, lang, r)) for k, p in s.warnings)
        blocks.append(BulletList(items, kind="warnings", id="warnings"))
    names = variant_names(r, lang)
    for f in ordered_findings(r, lang):
        reason = ""
        if f.finding == "inconclusive" and f.reasons:  # the numbers are in the key table
            reason = " " + finding_reason(f, 0, lang, r)
        blocks.append(
            para(
                run(finding_title(f, lang, r), "strong"),
                reason,
                kind="finding",
                finding=f.finding,
                language=f.language,
            )
        )
    for m in s.microdata:
        text = micro_short(m, lang, outcome_labels(r, lang), names, spec_texts(r.comparison, lang))
        blocks.append(para(text, micro=f"{m.a}|{m.b}"))
    blocks += microdata_caveat_paras(r, lang)
    blocks += [key_table(r, lang), note(share_note(r, lang))]
    blocks += _chart_and_caveats(r, lang)
    return section(t("sec-summary", lang), 2, blocks, id="summary")


def _chart_and_caveats(r: Report, lang: Lang) -> list[Block]:
    """Side by side on the page: the estimates chart (and how to read "better"), the
    main caveats."""
    better = note(t("better-means", lang))
    side: list[Block] = []
    figure = estimates_figure(r, lang, r.comparison)
    if figure is not None:
        side.append(Group((figure, better)))
    caveats = r.summary.caveats
    if caveats:
        items = tuple(item(caveat_line(k, p, lang, r)) for k, p in caveats)
        side.append(
            Group(
                (
                    section(
                        t("main-caveats", lang),
                        3,
                        [BulletList(items, kind="caveats", id="caveats")],
                    ),
                )
            )
        )
    out: list[Block] = [Group(tuple(side), "side-by-side")] if side else []
    if figure is None:
        out.append(better)
    return out


def estimates_figure(r: Report, lang: Lang, res: ComparisonResult | None) -> Figure | None:
    """The comparison outcome by wording and sex with its intervals (None without data)."""
    if res is None:
        return None
    points, unit, percent = estimate_points(res, r.comparison_outcome, lang, variant_names(r, lang))
    if not points:
        return None
    name = outcome_name(r.comparison_outcome, outcome_labels(r, lang), lang)
    title = f"{name}: " + t("sub-chart-estimates", lang, level=i18n.level_text(res.ci_level))
    axis = unit_text(unit, "proportion" if percent else "", lang, spec_texts(res, lang))
    chart = EstimatesChart(tuple(points), axis, percent)
    return Figure(title, points_text(points, percent), chart, "estimates-chart", "summary-chart")


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
        group = (spec_label(d[gap_dom], lang, spec_texts(result, lang))
                 if d and gap_dom is not None else t("all", lang))
        v = x.value
        points.append(
            Point(group, (names or {}).get(x.variant, x.variant), v.estimate, v.low, v.high)
        )
        unit = x.unit
        percent = x.kind == "proportion"
    return points, unit, percent


def points_text(points: Sequence[Point], percent: bool) -> str:
    """The estimate chart in words (its text alternative)."""
    kind = "proportion" if percent else ""
    return "; ".join(
        f"{p.group}, {p.series}: {value_text(p.value, kind)} "
        f"[{value_text(p.low, kind)}, {value_text(p.high, kind)}]"
        for p in points
    )


def key_table(r: Report, lang: Lang) -> Table:
    """The key numbers: readings per language, the frame's alpha, the microdata contrast;
    head rows inside the table name the columns of each block."""
    rows = []
    for row in key_rows(r, lang):
        if row.head:
            rows.append(Row(tuple(cell(c) for c in row.cells), "head"))
            continue
        label, *values = row.cells
        cells: list[Cell] = [cell(label)]
        cells += [cell(v, flagged=row.flagged) if v else cell() for v in values]
        rows.append(Row(tuple(cells), flagged=row.flagged))
    return Table((), tuple(rows), "key", "key-numbers", t("key-numbers", lang))
