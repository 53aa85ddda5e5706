"""What the interviews revealed (readings, code distribution, quotes per language) and
inter-coder agreement (alpha per slice with its interval and verdict)."""

from __future__ import annotations

from collections.abc import Sequence

from tut.agreement.verdicts import label_message
from tut.report import i18n
from tut.report.build import QUOTES_PER_CODE
from tut.report.document.model import Block, Cell, Figure, Item, Row, Section, SharesChart, Table
from tut.report.document.parts import (
    QUOTE_MARKS,
    cell,
    frame_paragraph,
    group_row,
    note,
    num,
    para,
    run,
    section,
    table,
)
from tut.report.i18n import Lang, t
from tut.report.layout import code_count, codes_by_role, language_groups, share_panels
from tut.report.model import AlphaRow, CodeCount, Report
from tut.report.phrases import (
    agreement_method,
    code_list,
    code_names,
    probe_names,
    reading_cell,
    variant_names,
)


def _code_label(cc: CodeCount, lang: Lang) -> str:
    return cc.label_es if lang == "es" and cc.label_es else cc.label


def interviews_section(r: Report, lang: Lang) -> Section:
    """Readings per wording, then the codes' distribution, then quotes per language."""
    frame_flag = not r.agreement.overall.reliable_enough
    blocks: list[Block] = [frame_paragraph(r, lang)] if frame_flag else []
    readings: list[Block] = [_readings_table(r, lang, frame_flag)]
    figure = readings_figure(r, lang)
    if figure is not None:
        readings.append(figure)
    blocks.append(section(t("sub-readings", lang), 3, readings))
    distribution: list[Block] = [_distribution_table(r, lang, frame_flag)]
    distribution.append(note(t("flag-mark-note", lang)))
    blocks.append(section(t("sub-distribution", lang), 3, distribution))
    quotes: list[Block] = [note(t("quotes-note", lang, n=QUOTES_PER_CODE))]
    for language, variants in language_groups(r):
        name = i18n.named(i18n.LANGUAGE_NAMES, language, lang)
        name = name.lower() if lang == "es" else name  # "Citas en inglés"
        heading = t("quotes-language", lang, language=name)
        quotes.append(section(heading, 4, [_quotes_table(r, lang, variants)]))
    blocks.append(section(t("sub-quotes", lang), 3, quotes))
    return section(t("sec-interviews", lang), 2, blocks, id="interviews")


def readings_figure(r: Report, lang: Lang) -> Figure | None:
    """The readings per language as small multiples on one scale."""
    panels = share_panels(r, lang)
    if not panels:
        return None
    title = t("sub-chart-readings", lang)
    alt = " ".join(f"{p.title}: {p.desc}" for p in panels)
    return Figure(title, alt, SharesChart(tuple(panels)), "readings-chart")


def _readings_table(r: Report, lang: Lang, frame_flag: bool) -> Table:
    names = variant_names(r, lang)
    rows = []
    for c in r.coding:
        rd = c.reading
        on = reading_cell(rd.target, rd.target_share, rd.target_ci)
        off = reading_cell(rd.off_target, rd.off_target_share, rd.off_target_ci)
        cells = (
            cell(names.get(c.variant, c.variant)),
            num(rd.respondents, str(rd.respondents), "respondents"),
            num(rd.target, on, "target", flagged=frame_flag),
            num(rd.off_target, off, "off_target", flagged=frame_flag),
            num(c.segments, str(c.segments), "segments"),
            num(c.unresolved, str(c.unresolved), "unresolved"),
        )
        rows.append(Row(cells, flagged=frame_flag, data=(("variant", c.variant),)))
    columns = [(t("wording", lang), False)]
    columns += [(t(k, lang), True) for k in ("respondents", "on-target", "off-target")]
    columns += [(t("segments", lang), True), (t("unresolved", lang), True)]
    return table(columns, rows)


def _distribution_table(r: Report, lang: Lang, frame_flag: bool) -> Table:
    names = variant_names(r, lang)
    span = len(r.coding) + 2
    rows = []
    for role, codes in codes_by_role(r):
        rows.append(group_row(t("role-" + role, lang), span))
        for cc in codes:
            flagged = cc.unreliable or frame_flag
            cells = [cell(_code_label(cc, lang))]
            for c in r.coding:
                n, share = code_count(c, cc.code)
                cells.append(
                    num(n, f"{n} ({i18n.pct(share)})", f"count:{c.variant}", flagged=flagged)
                )
            cells.append(num(cc.alpha, i18n.alpha(cc.alpha), "alpha", flagged=cc.unreliable))
            rows.append(Row(tuple(cells), flagged=flagged, data=(("code", cc.code),)))
    columns = [(t("code", lang), False)]
    columns += [(names.get(c.variant, c.variant), True) for c in r.coding]
    columns.append((t("alpha", lang), True))
    return table(columns, rows)


def _quotes_table(r: Report, lang: Lang, variants: Sequence[str]) -> Table:
    names = variant_names(r, lang)
    by_variant = {c.variant: c for c in r.coding}
    probes = probe_names(r, lang)
    languages = {w.id: w.language for w in r.wordings}
    rows = []
    for role, codes in codes_by_role(r):
        for cc in codes:
            hits = [
                next((x for x in by_variant[v].codes if x.code == cc.code), None) for v in variants
            ]
            if not any(h is not None and h.quotes for h in hits):
                continue
            label = Cell(
                (
                    run(_code_label(cc, lang), "strong", break_after=True),
                    run(t("role-" + role, lang), "muted"),
                ),
                flagged=cc.unreliable,
            )
            quotes = (
                _quote_cell(h, lang, probes, languages.get(v, ""))
                for h, v in zip(hits, variants, strict=True)
            )
            cells = [label, *quotes]
            rows.append(Row(tuple(cells), data=(("code", cc.code), ("role", role))))
    columns = [(t("code", lang), False), *[(names.get(v, v), False) for v in variants]]
    return table(columns, rows, kind="quotes")


def _quote_cell(hit: CodeCount | None, lang: Lang, probes: dict[str, str], language: str) -> Cell:
    """A code's quotes under one wording, each in the wording's language."""
    if hit is None or not hit.quotes:
        return cell("–")
    start, end = QUOTE_MARKS[lang]
    items: tuple[Item, ...] = tuple(
        Item(
            (
                run(f"{start}{q.text}{end} "),
                run(f"— {q.respondent}, {probes.get(q.probe, q.probe)}", "muted"),
            ),
            (("segment", q.segment_id),),
            language,
        )
        for q in hit.quotes
    )
    return Cell(kind="quotes", items=items)


def alpha_rows(
    rows: Sequence[AlphaRow], lang: Lang, names: dict[str, str] | None = None
) -> list[Row]:
    """Alpha per slice, grouped by scope; ``names`` shows codes and wordings by their
    labels."""
    names = names or {}
    out = []
    scope = ""
    for row in rows:
        if row.scope != scope:
            scope = row.scope
            out.append(group_row(t("scope-" + row.scope, lang), 7))
        flagged = not row.reliable_enough
        ci = t("too-few-uses", lang) if row.too_few_uses else i18n.interval(row.ci, 3)
        key = (
            cell(names[row.key]) if row.key in names else cell(i18n.key_text(row.key, lang), "code")
        )
        cells = (
            key,
            num(row.value, i18n.alpha(row.value), "alpha", flagged=flagged),
            num(None, ci, "ci", kind="interval"),
            num(row.p_below_tentative, i18n.num(row.p_below_tentative, 3), "p_below_tentative"),
            cell(label_message(row.verdict).text(lang), "verdict", data=(("verdict", row.verdict),)),
            num(row.n_units, str(row.n_units), "n_units"),
            num(row.n_pairable, str(row.n_pairable), "n_pairable"),
        )
        out.append(Row(cells, flagged=flagged, data=(("scope", row.scope), ("key", row.key))))
    return out


def undefined_notes(rows: Sequence[AlphaRow], lang: Lang, names: dict[str, str]) -> list[Block]:
    """Why each undefined alpha is undefined, one note per reason, naming its rows (the
    table's verdict cell only says "undefined")."""
    by_reason: dict[str, list[str]] = {}
    for row in rows:
        if row.verdict == "undefined" and row.note:
            shown = names.get(row.key) or i18n.key_text(row.key, lang)
            by_reason.setdefault(row.note_in(lang), []).append(shown)
    return [note(t("undefined-because", lang, rows=", ".join(keys), why=why.rstrip(".")))
            for why, keys in by_reason.items()]


def agreement_section(r: Report, lang: Lang) -> Section:
    a = r.agreement
    blocks: list[Block] = [frame_paragraph(r, lang)]
    if r.summary.unreliable_codes:
        codes = code_list(r, r.summary.unreliable_codes, lang)
        blocks.append(para(t("codes-unreliable-plain", lang, codes=codes), kind="warning"))
    every = [a.overall, *a.by_code, *a.by_variant, *a.by_probe, *a.by_pair, *a.by_time, *a.intra]
    names = {**variant_names(r, lang), **code_names(r, lang)}
    rows = alpha_rows(every, lang, names)
    columns = [
        ("", False),
        (t("alpha", lang), True),
        (t("ci-level", lang, level="95%"), True),
        (t("p-below", lang), True),
        (t("verdict", lang), False),
        (t("units", lang), True),
        (t("pairable", lang), True),
    ]
    blocks.append(table(columns, rows))
    blocks += undefined_notes(every, lang, names)
    method = f"{t('agreement-method', lang)}: {agreement_method(a, lang)}. "
    blocks.append(note(method + t("agreement-verdict-source", lang)))
    return section(t("sec-agreement", lang), 2, blocks, id="agreement")
