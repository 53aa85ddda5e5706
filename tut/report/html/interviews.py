"""What the interviews revealed: readings, code distribution and quotes per language."""

from __future__ import annotations

from collections.abc import Sequence

from tut.report import i18n
from tut.report.build import QUOTES_PER_CODE
from tut.report.html.cells import FLAG, e, frame_sentence, group_row, num_td, table
from tut.report.html.charts import readings_figure
from tut.report.i18n import Lang, t
from tut.report.layout import code_count, codes_by_role, language_groups
from tut.report.model import CodeCount, Report
from tut.report.phrases import probe_names, reading_cell, variant_names


def _code_label(label: str, label_es: str, lang: Lang) -> str:
    return label_es if lang == "es" and label_es else label


def interviews_section(r: Report, lang: Lang) -> list[str]:
    """Readings per wording, then the codes' distribution, then quotes per language."""
    out = []
    frame_flag = not r.agreement.overall.reliable_enough
    if frame_flag:
        out.append(f"<p>{frame_sentence(r, lang)}</p>")
    out.append(f"<h3>{e(t('sub-readings', lang))}</h3>")
    out.append(_readings_table(r, lang, frame_flag))
    out.append(f"<h3>{e(t('sub-distribution', lang))}</h3>")
    out.append(_distribution_table(r, lang, frame_flag))
    out.append(f'<p class="note">{e(t("flag-mark-note", lang))}</p>')
    out.append(readings_figure(r, lang))
    out.append(f"<h3>{e(t('sub-quotes', lang))}</h3>")
    out.append(f'<p class="note">{e(t("quotes-note", lang, n=QUOTES_PER_CODE))}</p>')
    for language, variants in language_groups(r):
        name = i18n.named(i18n.LANGUAGE_NAMES, language, lang)
        name = name.lower() if lang == "es" else name  # "Citas en inglés"
        out.append(f"<h4>{e(t('quotes-language', lang, language=name))}</h4>")
        out.append(_quotes_table(r, lang, variants))
    return out


def _readings_table(r: Report, lang: Lang, frame_flag: bool) -> str:
    rows = []
    names = variant_names(r, lang)
    for c in r.coding:
        rd = c.reading
        cls = ' class="flagged"' if frame_flag else ""
        rows.append(
            f'<tr{cls} data-variant="{e(c.variant)}"><td>{e(names.get(c.variant, c.variant))}</td>'
            + num_td(rd.respondents, str(rd.respondents), "respondents")
            + num_td(rd.target, reading_cell(rd.target, rd.target_share, rd.target_ci), "target")
            + num_td(
                rd.off_target,
                reading_cell(rd.off_target, rd.off_target_share, rd.off_target_ci),
                "off_target",
            )
            + num_td(c.segments, str(c.segments), "segments")
            + num_td(c.unresolved, str(c.unresolved), "unresolved")
            + "</tr>"
        )
    return table(
        [
            (t("wording", lang), False),
            (t("respondents", lang), True),
            (t("on-target", lang), True),
            (t("off-target", lang), True),
            (t("segments", lang), True),
            (t("unresolved", lang), True),
        ],
        rows,
    )


def _distribution_table(r: Report, lang: Lang, frame_flag: bool) -> str:
    names = variant_names(r, lang)
    groups = codes_by_role(r)
    span = len(r.coding) + 2
    rows = []
    for role, codes in groups:
        rows.append(group_row(t("role-" + role, lang), span))
        for cc in codes:
            flagged = cc.unreliable or frame_flag
            cells = []
            for c in r.coding:
                n, share = code_count(c, cc.code)
                mark = f"{FLAG} " if flagged else ""
                cells.append(num_td(n, f"{mark}{n} ({i18n.pct(share)})", f"count:{c.variant}"))
            alpha_txt = (f"{FLAG} " if cc.unreliable else "") + i18n.alpha(cc.alpha)
            rows.append(
                f'<tr{" class=flagged" if flagged else ""} data-code="{e(cc.code)}">'
                f"<td>{e(_code_label(cc.label, cc.label_es, lang))}</td>"
                + "".join(cells)
                + num_td(cc.alpha, alpha_txt, "alpha")
                + "</tr>"
            )
    return table(
        [
            (e(t("code", lang)), False),
            *[(e(names.get(c.variant, c.variant)), True) for c in r.coding],
            (e(t("alpha", lang)), True),
        ],
        rows,
        raw=True,
    )


def _quotes_table(r: Report, lang: Lang, variants: Sequence[str]) -> str:
    names = variant_names(r, lang)
    groups = codes_by_role(r)
    by_variant = {c.variant: c for c in r.coding}
    probes = probe_names(r, lang)
    rows = []
    for role, codes in groups:
        shown = [
            cc
            for cc in codes
            if any(x.code == cc.code and x.quotes for v in variants for x in by_variant[v].codes)
        ]
        for cc in shown:
            mark = f"{FLAG} " if cc.unreliable else ""
            cells = []
            for v in variants:
                hit = next((x for x in by_variant[v].codes if x.code == cc.code), None)
                cells.append(_quote_cell(hit, lang, probes))
            rows.append(
                f'<tr data-code="{e(cc.code)}" data-role="{e(role)}">'
                f"<td><strong>{mark}{e(_code_label(cc.label, cc.label_es, lang))}</strong>"
                f'<br><span class="who">{e(t("role-" + role, lang))}</span></td>'
                + "".join(cells)
                + "</tr>"
            )
    return table(
        [(e(t("code", lang)), False), *[(e(names.get(v, v)), False) for v in variants]],
        rows,
        cls="quotes",
        raw=True,
    )


QUOTE_MARKS = {"en": ("“", "”"), "es": ("«", "»")}


def _quote_cell(hit: CodeCount | None, lang: Lang, probes: dict[str, str]) -> str:
    if hit is None or not hit.quotes:
        return "<td>–</td>"
    start, end = QUOTE_MARKS[lang]
    items = "".join(
        f'<li data-segment="{e(q.segment_id)}">{start}{e(q.text)}{end} '
        f'<span class="who">— {e(q.respondent)}, {e(probes.get(q.probe, q.probe))}</span></li>'
        for q in hit.quotes
    )
    return f'<td><ul class="quotes">{items}</ul></td>'
