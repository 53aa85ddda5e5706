"""The first page: the answer, why, the key numbers, the chart and the caveats."""

from __future__ import annotations

from tut.report import i18n
from tut.report.html.cells import FLAG, breakable, e, frame_sentence, td
from tut.report.html.charts import estimate_points, points_text
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
    outcome_name,
    unit_text,
    variant_names,
)
from tut.report.svg import estimate_chart


def summary_section(r: Report, lang: Lang) -> list[str]:
    """One page that stands alone: the answer, why, the key numbers, the chart, caveats."""
    s = r.summary
    out = [f'<p class="headline" id="headline">{e(headline_text(r, lang))}</p>']
    if frame_text(r, lang)[1]:
        out.append(f"<p>{frame_sentence(r, lang)}</p>")
    if s.warnings:
        items = "".join(f"<li>{e(caveat_line(k, p, lang, r))}</li>" for k, p in s.warnings)
        out.append(f'<ul class="warnings" id="warnings">{items}</ul>')
    names = variant_names(r, lang)
    for f in ordered_findings(r, lang):
        parts = []
        if f.finding == "inconclusive" and f.reasons:  # the numbers are in the key table
            parts.append(finding_reason(f, 0, lang, r))
        out.append(
            f'<p class="finding" data-finding="{e(f.finding)}" data-language="{e(f.language)}">'
            f"<strong>{e(finding_title(f, lang, r))}</strong> {e(' '.join(parts))}</p>"
        )
    level = r.comparison.level if r.comparison else 0.95
    for m in s.microdata:
        text = micro_short(m, lang, r.outcome_labels, names)
        out.append(f'<p data-micro="{e(m.a)}|{e(m.b)}">{e(text)}</p>')
    out.append(_key_table(r, lang))
    out.append(f'<p class="note">{e(share_note(r, lang))}</p>')
    side = []
    note = f'<p class="note">{e(t("better-means", lang))}</p>'
    if r.comparison is not None:
        points, unit, percent = estimate_points(
            r.comparison, r.comparison_outcome, lang, variant_names(r, lang)
        )
        name = outcome_name(r.comparison_outcome, r.outcome_labels, lang)
        title = f"{name}: " + t("sub-chart-estimates", lang, level=i18n.level_text(level))
        chart = estimate_chart(
            points,
            title,
            unit_text(unit, "proportion" if percent else "", lang),
            percent,
            width=400,
            show_title=False,
            desc=points_text(points, percent),
        )
        if chart:
            side.append(
                f'<div><figure class="summary-chart" id="estimates-chart">'
                f"<figcaption>{e(title)}</figcaption>{chart}</figure>{note}</div>"
            )
            note = ""
    if s.caveats:
        items = "".join(f"<li>{e(caveat_line(k, p, lang, r))}</li>" for k, p in s.caveats)
        side.append(
            f"<div><p><strong>{e(t('main-caveats', lang))}</strong></p>"
            f'<ul class="caveats" id="caveats">{items}</ul></div>'
        )
    out.append(f'<div class="side-by-side">{"".join(side)}</div>')
    if note:
        out.append(note)
    return out


def _key_table(r: Report, lang: Lang) -> str:
    rows = []
    for row in key_rows(r, lang):
        if row.head:
            cells = "".join(f"<th>{breakable(c)}</th>" for c in row.cells)
            rows.append(f'<tr class="head">{cells}</tr>')
            continue
        mark = f"{FLAG} " if row.flagged else ""
        label, *values = row.cells
        cls = ' class="flagged"' if row.flagged else ""
        rows.append(
            f"<tr{cls}>{td(label)}"
            + "".join(f"<td>{e(mark + v) if v else ''}</td>" for v in values)
            + "</tr>"
        )
    return '<table class="key" id="key-numbers"><tbody>' + "".join(rows) + "</tbody></table>"
