"""What the interviews revealed: readings, code distribution and quotes per language."""

from __future__ import annotations

from collections.abc import Sequence

from tut.report import i18n
from tut.report.build import QUOTES_PER_CODE
from tut.report.i18n import Lang, t
from tut.report.layout import code_count, codes_by_role, language_groups
from tut.report.markdown.cells import FLAG, md, mtable
from tut.report.model import Report
from tut.report.phrases import probe_names, reading_cell, variant_names

QUOTE_MARKS = {"en": ("“", "”"), "es": ("«", "»")}


def interviews_section(r: Report, lang: Lang) -> list[str]:
    """Readings per wording, then the codes' distribution, then quotes per language."""
    L: list[str] = []
    L += [f"## {md(t('sec-interviews', lang))}", "", f"### {md(t('sub-readings', lang))}", ""]
    frame_flag = not r.agreement.overall.reliable_enough
    L.append(_readings_table(r, lang, frame_flag))
    L += ["", f"### {md(t('sub-distribution', lang))}", ""]
    L.append(_distribution_table(r, lang, frame_flag))
    L += ["", f"*{md(t('flag-mark-note', lang))}*", "", f"### {md(t('sub-quotes', lang))}", ""]
    L += [f"*{md(t('quotes-note', lang, n=QUOTES_PER_CODE))}*", ""]
    names = variant_names(r, lang)
    for language, variants in language_groups(r):
        name = i18n.named(i18n.LANGUAGE_NAMES, language, lang)
        name = name.lower() if lang == "es" else name  # "Citas en inglés"
        L += [f"#### {md(t('quotes-language', lang, language=name))}", ""]
        rows = _quote_rows(r, lang, variants)
        L += [mtable([t("code", lang), *[md(names.get(v, v)) for v in variants]], rows), ""]
    return L


def _readings_table(r: Report, lang: Lang, frame_flag: bool) -> str:
    mark = f"{FLAG} " if frame_flag else ""
    names = variant_names(r, lang)
    return mtable(
        [
            t("wording", lang),
            t("respondents", lang),
            t("on-target", lang),
            t("off-target", lang),
        ],
        (
            [
                md(names.get(c.variant, c.variant)),
                str(c.reading.respondents),
                mark + reading_cell(rd.target, rd.target_share, rd.target_ci),
                mark + reading_cell(rd.off_target, rd.off_target_share, rd.off_target_ci),
            ]
            for c in r.coding
            for rd in (c.reading,)
        ),
    )


def _distribution_table(r: Report, lang: Lang, frame_flag: bool) -> str:
    names = variant_names(r, lang)
    groups = codes_by_role(r)
    rows = []
    for role, codes in groups:
        for cc in codes:
            flagged = cc.unreliable or frame_flag
            cells = []
            for c in r.coding:
                n, share = code_count(c, cc.code)
                cells.append(f"{FLAG + ' ' if flagged else ''}{n} ({i18n.pct(share)})")
            alpha = (f"{FLAG} " if cc.unreliable else "") + i18n.alpha(cc.alpha)
            label = cc.label_es if lang == "es" and cc.label_es else cc.label
            rows.append([md(label), md(t("role-" + role, lang)), *cells, alpha])
    return mtable(
        [
            t("code", lang),
            t("role", lang),
            *[md(names.get(c.variant, c.variant)) for c in r.coding],
            t("alpha", lang),
        ],
        rows,
    )


def _quote_rows(r: Report, lang: Lang, variants: Sequence[str]) -> list[list[str]]:
    """One row per code quoted under any of ``variants``: the code, then its quotes."""
    groups = codes_by_role(r)
    by_variant = {c.variant: c for c in r.coding}
    probes = probe_names(r, lang)
    start, end = QUOTE_MARKS[lang]
    rows = []
    for _role, codes in groups:
        for cc in codes:
            cells = []
            for v in variants:
                hit = next((x for x in by_variant[v].codes if x.code == cc.code), None)
                quotes = hit.quotes if hit else ()
                shown = "<br>".join(
                    f"{start}{md(q.text)}{end} — {md(q.respondent)}, "
                    f"{md(probes.get(q.probe, q.probe))}"
                    for q in quotes
                )
                cells.append(shown or "–")
            if any(c != "–" for c in cells):
                label = cc.label_es if lang == "es" and cc.label_es else cc.label
                flag = FLAG + " " if cc.unreliable else ""
                rows.append([f"{flag}{md(label)}", *cells])
    return rows
