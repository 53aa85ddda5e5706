"""Appendix: full estimate and gap tables, wording ids, the frame, the confusion table."""

from __future__ import annotations

from tut import __version__
from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.layout import appendix_gaps, appendix_outcomes
from tut.report.markdown.cells import code, md, mtable
from tut.report.markdown.microdata import gap_rows, outcome_heading, outcome_table
from tut.report.model import Report
from tut.report.phrases import frame_definition, variant_name, variant_names


def appendix_section(r: Report, lang: Lang) -> list[str]:
    L: list[str] = [f"## {md(t('sec-appendix', lang))}", ""]
    res = r.comparison
    if res is not None:
        lv = i18n.level_text(res.level)
        cross_outcomes = appendix_outcomes(res)
        if cross_outcomes:
            L += [f"### {md(t('app-estimates', lang))}", ""]
            for block, cross in cross_outcomes:
                L += [outcome_heading(block, r, lang), ""]
                L += [outcome_table(block, lv, lang, cross, variant_names(r, lang)), ""]
        gaps = appendix_gaps(res)
        if gaps:
            L += [f"### {md(t('app-gaps', lang))}", "", gap_rows(gaps, res, r, lang), ""]
    L += [f"### {md(t('app-wording-ids', lang))}", ""]
    L.append(
        mtable(
            [t("wording", lang), t("registry-id", lang), t("language", lang)],
            ([md(variant_name(r, w.id, lang)), code(w.id), md(w.language)] for w in r.wordings),
        )
    )
    L += ["", f"### {md(t('sec-frame', lang))}", ""]
    L.append(
        mtable(
            [t("code", lang), t("label", lang), t("role", lang), t("definition", lang)],
            (
                [
                    code(fc["id"]),
                    md(fc["label_es"] if lang == "es" else fc["label"]),
                    md(t("role-" + fc["role"], lang)),
                    md(frame_definition(fc, lang)),
                ]
                for fc in r.frame_codes
            ),
        )
    )
    cf = r.confusion
    if cf.get("codes"):
        L += ["", f"### {md(t('app-confusion', lang, segments=cf['segments']))}", ""]
        L += [md(t("confusion-note", lang)), ""]
        heads = ["#", t("code", lang), *(str(i) for i in range(1, len(cf["codes"]) + 1))]
        L.append(
            mtable(
                heads,
                (
                    [str(i), code(c), *(str(x) for x in row)]
                    for i, (c, row) in enumerate(
                        zip(cf["codes"], cf["matrix"], strict=True), start=1
                    )
                ),
            )
        )
    L += ["", "---", "", md(t("footer", lang, version=__version__)), ""]
    return L
