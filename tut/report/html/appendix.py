"""Appendix: full estimate and gap tables, wording ids, the frame, the confusion table."""

from __future__ import annotations

from tut.report import i18n
from tut.report.html.cells import e, num_td, table, td
from tut.report.html.microdata import gap_table, outcome_heading, outcome_table
from tut.report.i18n import Lang, t
from tut.report.layout import appendix_gaps, appendix_outcomes
from tut.report.model import Report
from tut.report.phrases import frame_definition, variant_name, variant_names


def appendix_section(r: Report, lang: Lang) -> list[str]:
    out = []
    res = r.comparison
    if res is not None:
        lv = i18n.level_text(res.level)
        cross_outcomes = appendix_outcomes(res)
        if cross_outcomes:
            out.append(f"<h3>{e(t('app-estimates', lang))}</h3>")
            for block, cross in cross_outcomes:
                out.append(outcome_heading(block, r, lang))
                out.append(outcome_table(block, lv, lang, cross, variant_names(r, lang)))
        gaps = appendix_gaps(res)
        if gaps:
            out.append(f"<h3>{e(t('app-gaps', lang))}</h3>")
            out.append(gap_table(gaps, res, r, lv, lang))
    out.append(f"<h3>{e(t('app-wording-ids', lang))}</h3>")
    rows = [
        f'<tr data-wording-id="{e(w.id)}">{td(variant_name(r, w.id, lang))}'
        f"<td><code>{e(w.id)}</code></td>{td(w.language)}</tr>"
        for w in r.wordings
    ]
    out.append(
        table(
            [
                (t("wording", lang), False),
                (t("registry-id", lang), False),
                (t("language", lang), False),
            ],
            rows,
        )
    )
    out.append(f"<h3>{e(t('sec-frame', lang))}</h3>")
    rows = [
        f'<tr data-frame-code="{e(fc["id"])}"><td><code>{e(fc["id"])}</code><br>'
        f'<span class="who">{e(fc["label_es"] if lang == "es" else fc["label"])}</span></td>'
        f"{td(t('role-' + fc['role'], lang))}{td(frame_definition(fc, lang))}</tr>"
        for fc in r.frame_codes
    ]
    out.append(
        table(
            [(t("code", lang), False), (t("role", lang), False), (t("definition", lang), False)],
            rows,
        )
    )
    out += _confusion(r, lang)
    return out


def _confusion(r: Report, lang: Lang) -> list[str]:
    """The pooled code x code table of the codes coders swap (appendix)."""
    cf = r.confusion
    if not cf.get("codes"):
        return []
    rows = [
        f'<tr data-confusion-row="{e(c)}"><td>{i}</td><td><code>{e(c)}</code></td>'
        + "".join(num_td(x, str(x) if x else "·") for x in row)
        + "</tr>"
        for i, (c, row) in enumerate(zip(cf["codes"], cf["matrix"], strict=True), start=1)
    ]
    heads = [("#", False), (t("code", lang), False)]
    heads += [(str(i), True) for i in range(1, len(cf["codes"]) + 1)]
    return [
        f"<h3>{e(t('app-confusion', lang, segments=cf['segments']))}</h3>",
        f'<p class="note">{e(t("confusion-note", lang))}</p>',
        table(heads, rows, cls="confusion"),
    ]
