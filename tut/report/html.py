"""The report as ONE self-contained HTML file: inline CSS and SVG, nothing fetched.

Every piece of text that comes from respondents, coders or files goes through
:func:`html.escape`. Citation URLs are printed as text, never as links or resources.
Numeric cells carry ``data-field`` and the exact ``data-value`` from ``report.json``, so a
reader (or a test) can match every number shown to the number computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from tut import __version__
from tut.compare.results import ComparisonResult, Domain, Estimate, Gap
from tut.report import i18n
from tut.report.build import QUOTES_PER_CODE
from tut.report.i18n import Lang, t
from tut.report.layout import (
    appendix_gaps,
    appendix_outcomes,
    code_count,
    codes_by_role,
    key_rows,
    language_groups,
    main_gaps,
    main_outcomes,
    nonresponse_groups,
    share_note,
    share_panels,
)
from tut.report.model import AlphaRow, CodeCount, Report, StudyNotes, WordingFlagView
from tut.report.outcomes import PRECISION_MARK, OutcomeBlock
from tut.report.phrases import (
    agreement_method,
    caveat_line,
    ci_text,
    code_list,
    code_names,
    consensus_text,
    domain_key,
    domain_text,
    effect_name,
    finding_reason,
    finding_title,
    flag_words,
    frame_definition,
    frame_text,
    headline_text,
    micro_short,
    micro_text,
    ordered_findings,
    outcome_name,
    probe_names,
    reading_cell,
    rule_texts,
    shown_flags,
    unit_text,
    value_text,
    variant_name,
    variant_names,
    wording_meta,
)
from tut.report.svg import Point, estimate_chart, share_chart
from tut.safe_text import visible

SECTIONS = (
    "summary",
    "wordings",
    "interviews",
    "agreement",
    "microdata",
    "methods",
    "provenance",
    "appendix",
)
SECTION_TITLES = {s: f"sec-{s}" for s in SECTIONS}
FLAG = "⚠"
KEEP_ROWS = 14
"""Tables with at most this many rows are never split across printed pages."""

CSS = """
:root { --ink:#1b1f24; --muted:#5b6470; --rule:#d5dae0; --accent:#0b5cad; --warn:#9a4a00;
        --bg-warn:#fff4e5; --del:#fde2e1; --ins:#dff3e4; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.4;
       font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
h4 { font-size: .95rem; margin: .9rem 0 .3rem; }
p { margin: .4rem 0; }
.meta, .note, figcaption { color: var(--muted); font-size: .86rem; }
.banner { background: var(--bg-warn); border: 1px solid var(--warn); color: var(--warn);
          padding: .45rem .7rem; font-weight: 600; margin: .6rem 0; }
.headline { font-size: 1.15rem; font-weight: 600; border-left: 4px solid var(--accent);
            padding: .35rem .7rem; background: #eef4fb; margin: .6rem 0; }
.warn { color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .9rem; font-size: .84rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .2rem .35rem; text-align: left;
         vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.flagged td { background: var(--bg-warn); }
tr.group th { background: #e8edf3; text-align: left; }
td.nowrap, th.nowrap { white-space: nowrap; }
table.key td:first-child { width: 28%; }
table.key td:nth-child(2), table.key td:nth-child(3) { width: 22%; }
table.key td, table.key th { padding-top: .12rem; padding-bottom: .12rem; }
table.key tr.head th { background: #e8edf3; }
table.key td { font-variant-numeric: tabular-nums; }
table.kv th { width: 22%; }
code { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: .85em; }
blockquote { margin: .25rem 0 .4rem; padding: .25rem .7rem; border-left: 3px solid var(--rule);
             background: #fafbfc; }
.wording { font-size: 1rem; }
del { background: var(--del); text-decoration: line-through; }
ins { background: var(--ins); text-decoration: none; }
ul.quotes { list-style: none; padding-left: 0; margin: 0; }
ul.quotes li { margin: 0 0 .25rem; }
table.quotes td { font-size: .8rem; }
table.quotes td:first-child { width: 22%; }
.who { color: var(--muted); font-size: .78rem; }
ul.flags { margin: .2rem 0 .6rem; padding-left: 1.2rem; font-size: .84rem; }
ul.caveats { margin: .3rem 0; padding-left: 1.2rem; }
ul.caveats li { margin: .1rem 0; }
nav ol { columns: 2; font-size: .9rem; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; font-size: .75rem;
      white-space: pre-wrap; }
figure { margin: .4rem 0; }
pre.spec { line-height: 1.3; }
.side-by-side { display: grid; grid-template-columns: 53% 45%; gap: 2%; align-items: start; }
.side-by-side > :only-child { grid-column: 1 / -1; }
#readings-chart .side-by-side { grid-template-columns: 49% 49%; }
figure.summary-chart figcaption { font-weight: 600; color: var(--ink); margin-bottom: .2rem;
                                  font-size: .86rem; }
ul.caveats { font-size: .86rem; padding-left: 1rem; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
svg .ttl { font-size: 13px; font-weight: 600; }
svg .grp { font-size: 11px; font-weight: 600; }
svg .lg, svg .val, svg .tick, svg .axis { font-size: 10.5px; fill: #333; }
svg .grid { stroke: #e3e6ea; stroke-width: 1; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem;
         border-top: 1px solid var(--rule); padding-top: .5rem; }
@page { size: A4; margin: 12mm 12mm 13mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  nav { display: none; }
  h1 { font-size: 16pt; }
  h2 { font-size: 13pt; margin-top: 1.1rem; break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 10.5pt; margin-top: .8rem; }
  table { font-size: 8pt; }
  table.quotes td { font-size: 8pt; }
  pre { font-size: 7.5pt; }
  .who { font-size: 7.4pt; }
  #summary { break-after: page; page-break-after: always; }
  #summary h2 { margin-top: .4rem; }
  #summary p { font-size: 9pt; }
  #summary p.note { font-size: 8pt; }
  #summary table.key { font-size: 7.6pt; }
  .banner { font-size: 8.5pt; padding: .3rem .6rem; }
  #summary li { font-size: 8.5pt; }
  .headline { font-size: 11.5pt; }
  #appendix { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tr, figure, blockquote, svg, table.key, table.kv, table.keep, .wording-block {
       break-inside: avoid;
       page-break-inside: avoid; }
  .banner, .headline, tr.flagged td, del, ins, th { -webkit-print-color-adjust: exact;
                                                   print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def e(value: Any) -> str:
    """Escaped text (quotes too, so it is safe in attributes)."""
    return escape(visible("" if value is None else str(value), multiline=True), quote=True)


def _attr(name: str, value: Any) -> str:
    return f' {name}="{e(value)}"'


def num_td(value: float | int | None, text: str, field: str = "", **extra: str) -> str:
    """A numeric cell with the exact value behind the shown text."""
    attrs = ' class="num"'
    if field:
        attrs += _attr("data-field", field)
    for k, v in extra.items():
        attrs += _attr("data-" + k.replace("_", "-"), v)
    if value is not None:
        attrs += _attr("data-value", repr(float(value)) if isinstance(value, float) else value)
    return f"<td{attrs}>{e(text)}</td>"


def td(text: Any, raw: bool = False) -> str:
    return f"<td>{text if raw else e(text)}</td>"


def table(
    headers: Sequence[tuple[str, bool]], rows: Iterable[str], cls: str = "", raw: bool = False
) -> str:
    """``headers`` as (text, numeric), already HTML when ``raw``; ``rows`` rendered ``<tr>``."""
    head = "".join(f"<th{' class=num' if n else ''}>{h if raw else e(h)}</th>" for h, n in headers)
    rows = list(rows)
    body = "\n".join(rows)
    if len(rows) <= KEEP_ROWS:
        cls = f"{cls} keep".strip()
    c = _attr("class", cls) if cls else ""
    return f"<table{c}><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def breakable(text: str) -> str:
    """An id that may wrap after its hyphens in a narrow column header."""
    return e(text).replace("-", "-<wbr>")


def group_row(text: str, span: int) -> str:
    return f'<tr class="group"><th colspan="{span}">{e(text)}</th></tr>'


def verdict_text(row: AlphaRow, lang: Lang) -> str:
    return t(f"verdict-{row.verdict}", lang)


# --- the first page -------------------------------------------------------------------------


def _summary(r: Report, lang: Lang) -> list[str]:
    """One page that stands alone: the answer, why, the key numbers, the chart, caveats."""
    s = r.summary
    out = [f'<p class="headline" id="headline">{e(headline_text(r, lang))}</p>']
    if frame_text(r, lang)[1]:
        out.append(f"<p>{_frame_sentence(r, lang)}</p>")
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


def _frame_sentence(r: Report, lang: Lang) -> str:
    text, warning = frame_text(r, lang)
    return f'<strong class="warn">{FLAG} {e(text)}</strong>' if warning else e(text)


# --- wordings -------------------------------------------------------------------------------


def _wordings(r: Report, lang: Lang) -> list[str]:
    out = []
    for w in r.wordings:
        name = (w.label_es if lang == "es" else w.label) or w.id
        out.append(f'<div class="wording-block"><h3 id="w-{e(w.id)}">{e(name)}</h3>')
        if not w.wording:
            out.append(f'<p class="warn">{e(t("no-wording", lang))}</p></div>')
            continue
        out.append(
            f'<blockquote class="wording" lang="{e(w.language)}">{e(w.wording)}</blockquote>'
        )
        bits = [e(wording_meta(w, lang))]
        if w.source:
            bits.append(f"{e(t('source', lang))}: {e(w.source)}")
        if w.citation:
            bits.append(f"{e(t('citation', lang))}: <code>{e(w.citation)}</code>")
        if w.key_terms:
            bits.append(f"{e(t('key-terms', lang))}: {e(', '.join(w.key_terms))}")
        out.append(f'<p class="meta">{" · ".join(bits)}</p>')
        if not w.read_out:
            status = i18n.named(i18n.TEXT_STATUS_NAMES, w.text_status, lang)
            out.append(f'<p class="warn">{FLAG} {e(t("not-read-out", lang, status=status))}</p>')
        flags = shown_flags(w)
        if flags:
            items = "".join(_flag_item(f, lang) for f in flags)
            out.append(
                f'<p class="note">{e(t("sub-flags", lang))}:</p><ul class="flags">{items}</ul>'
            )
        else:
            out.append(f'<p class="note">{e(t("no-flags", lang))}</p>')
        out.append("</div>")
    if r.pairs:
        out.append(f"<h3>{e(t('sub-diff', lang))}</h3>")
    for p in r.pairs:
        pieces = "".join(
            f"<del>{e(x.text)}</del>"
            if x.kind == "delete"
            else f"<ins>{e(x.text)}</ins>"
            if x.kind == "insert"
            else e(x.text)
            for x in p.pieces
        )
        out.append(
            f'<div class="wording-block"><p data-pair="{e(p.reference)}|{e(p.alternative)}">'
            f"{e(variant_name(r, p.reference, lang))} ({e(t('reference', lang))}) → "
            f"{e(variant_name(r, p.alternative, lang))} ({e(t('alternative', lang))}); "
            f"{e(t('similarity', lang))} "
            f'<span data-value="{p.similarity!r}">{p.similarity:.2f}</span></p>'
            f'<blockquote class="wording">{pieces}</blockquote></div>'
        )
    return out


def _flag_item(f: WordingFlagView, lang: Lang) -> str:
    name, severity, message = flag_words(f, lang)
    evidence = f" — <code>{e(f.evidence)}</code>" if f.evidence else ""
    return (
        f'<li data-check="{e(f.check)}"><strong>{e(name)}</strong> ({e(severity)}): '
        f"{e(message)}{evidence}</li>"
    )


# --- interviews -----------------------------------------------------------------------------


def _code_label(label: str, label_es: str, lang: Lang) -> str:
    return label_es if lang == "es" and label_es else label


def _interviews(r: Report, lang: Lang) -> list[str]:
    out = []
    frame_flag = not r.agreement.overall.reliable_enough
    if frame_flag:
        out.append(f"<p>{_frame_sentence(r, lang)}</p>")
    out.append(f"<h3>{e(t('sub-readings', lang))}</h3>")
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
    out.append(
        table(
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
    )
    out.append(f"<h3>{e(t('sub-distribution', lang))}</h3>")
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
    out.append(
        table(
            [
                (e(t("code", lang)), False),
                *[(e(names.get(c.variant, c.variant)), True) for c in r.coding],
                (e(t("alpha", lang)), True),
            ],
            rows,
            raw=True,
        )
    )
    out.append(f'<p class="note">{e(t("flag-mark-note", lang))}</p>')
    out.append(_readings_figure(r, lang))
    out.append(f"<h3>{e(t('sub-quotes', lang))}</h3>")
    out.append(f'<p class="note">{e(t("quotes-note", lang, n=QUOTES_PER_CODE))}</p>')
    by_variant = {c.variant: c for c in r.coding}
    probes = probe_names(r, lang)
    for language, variants in language_groups(r):
        name = i18n.named(i18n.LANGUAGE_NAMES, language, lang)
        name = name.lower() if lang == "es" else name  # "Citas en inglés"
        out.append(f"<h4>{e(t('quotes-language', lang, language=name))}</h4>")
        rows = []
        for role, codes in groups:
            shown = [
                cc
                for cc in codes
                if any(
                    x.code == cc.code and x.quotes for v in variants for x in by_variant[v].codes
                )
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
        out.append(
            table(
                [(e(t("code", lang)), False), *[(e(names.get(v, v)), False) for v in variants]],
                rows,
                cls="quotes",
                raw=True,
            )
        )
    return out


def points_text(points: Sequence[Point], percent: bool) -> str:
    """The estimate chart in words (its text alternative)."""

    def f(x: float) -> str:
        return i18n.pct(x, 1) if percent else i18n.num(x, 1)

    return "; ".join(
        f"{p.group}, {p.series}: {f(p.value)} [{f(p.low)}, {f(p.high)}]" for p in points
    )


def _readings_figure(r: Report, lang: Lang) -> str:
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


# --- agreement ------------------------------------------------------------------------------


def alpha_rows(
    rows: Sequence[AlphaRow], lang: Lang, names: dict[str, str] | None = None
) -> list[str]:
    """Alpha per slice; ``names`` shows codes and wordings by their labels."""
    names = names or {}
    out = []
    scope = ""
    for row in rows:
        if row.scope != scope:
            scope = row.scope
            out.append(group_row(t("scope-" + row.scope, lang), 7))
        flagged = not row.reliable_enough
        mark = f"{FLAG} " if flagged else ""
        out.append(
            f'<tr{" class=flagged" if flagged else ""} data-scope="{e(row.scope)}" '
            f'data-key="{e(row.key)}">'
            + (
                f"<td>{e(names[row.key])}</td>"
                if row.key in names
                else f"<td><code>{e(i18n.key_text(row.key, lang))}</code></td>"
            )
            + num_td(row.value, mark + i18n.alpha(row.value), "alpha")
            + num_td(
                None,
                t("too-few-uses", lang) if row.too_few_uses else i18n.interval(row.ci, 3),
                "ci",
            )
            + num_td(row.p_below_tentative, i18n.num(row.p_below_tentative, 3), "p_below_tentative")
            + f"{td(verdict_text(row, lang))}"
            + num_td(row.n_units, str(row.n_units), "n_units")
            + num_td(row.n_pairable, str(row.n_pairable), "n_pairable")
            + "</tr>"
        )
    return out


def _agreement(r: Report, lang: Lang) -> list[str]:
    a = r.agreement
    out = [f"<p>{_frame_sentence(r, lang)}</p>"]
    if r.summary.unreliable_codes:
        text = t(
            "codes-unreliable-plain", lang, codes=code_list(r, r.summary.unreliable_codes, lang)
        )
        out.append(f'<p class="warn">{e(text)}</p>')
    rows = alpha_rows(
        [a.overall, *a.by_code, *a.by_variant, *a.by_probe, *a.by_pair, *a.by_time, *a.intra],
        lang,
        {**variant_names(r, lang), **code_names(r, lang)},
    )
    out.append(
        table(
            [
                ("", False),
                (t("alpha", lang), True),
                (t("ci-level", lang, level="95%"), True),
                (t("p-below", lang), True),
                (t("verdict", lang), False),
                (t("units", lang), True),
                (t("pairable", lang), True),
            ],
            rows,
        )
    )
    out.append(
        f'<p class="note">{e(t("agreement-method", lang))}: {e(agreement_method(a, lang))}. '
        f"{e(t('agreement-verdict-source', lang))}</p>"
    )
    return out


# --- microdata ------------------------------------------------------------------------------


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


def _fmt_est(x: Estimate, value: float | None) -> str:
    return i18n.pct(value, 1) if x.kind == "proportion" else i18n.num(value, 1)


def _cell_text(x: Estimate | None) -> str:
    if x is None:
        return "–"
    v = x.value
    mark = PRECISION_MARK.get(x.reliability, "")
    return f"{_fmt_est(x, v.estimate)}{mark} [{_fmt_est(x, v.low)}, {_fmt_est(x, v.high)}]"


def _outcome_table(
    block: OutcomeBlock,
    lv: str,
    lang: Lang,
    domains: Sequence[Domain] | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """Rows = domains; per variant the estimate with CI; then b - a with its test."""
    names = names or {}
    rows = []
    for dom in block.domains if domains is None else domains:
        key = domain_key(dom)
        cells = []
        for v in block.variants:
            x = block.estimates.get((v, dom))
            cells.append(
                num_td(
                    x.value.estimate if x else None,
                    _cell_text(x),
                    "estimate",
                    outcome=block.outcome,
                    variant=v,
                    domain=key,
                )
            )
        for a, b in block.pairs:
            d = block.differences.get((a, b, dom))
            tv = d.test.value if d else None
            diff_text = (
                "–"
                if tv is None
                else f"{value_text(tv.estimate, block.kind, sign=True)} "
                f"{ci_text((tv.low, tv.high), block.kind, sign=True)}"
            )
            where = {"outcome": block.outcome, "a": a, "b": b, "domain": key}
            cells.append(num_td(tv.estimate if tv else None, diff_text, "diff", **where))
            cells.append(
                num_td(
                    d.test.p_holm if d else None,
                    i18n.pval(d.test.p_holm) if d else "–",
                    "p_holm",
                    **where,
                )
            )
            cells.append(
                num_td(
                    d.effect_size if d else None,
                    i18n.num(d.effect_size, 2) if d else "–",
                    "effect_size",
                    **where,
                )
            )
        rows.append(f"<tr><td class=nowrap>{e(domain_text(dom, lang))}</td>{''.join(cells)}</tr>")
    kind = next(iter(block.differences.values())).effect_size_kind if block.differences else ""
    headers = [(e(t("domain", lang)), False)]
    headers += [
        (f"{e(names.get(v, v))} ({e(t('ci-level', lang, level=lv))})", True) for v in block.variants
    ]
    for a, b in block.pairs:
        headers += [
            (f"{e(names.get(b, b))} − {e(names.get(a, a))}", True),
            (e(t("p-holm", lang)), True),
            (e(effect_name(kind, lang)), True),
        ]
    return table(headers, rows, raw=True)


def _outcome_heading(block: OutcomeBlock, r: Report, lang: Lang) -> str:
    name = outcome_name(block.outcome, r.outcome_labels, lang)
    unit = unit_text(block.unit, block.kind, lang)
    ident = f" <code>{e(block.outcome)}</code>" if name != block.outcome else ""
    return f"<h4>{e(name)} ({e(unit)}){ident}</h4>"


def _microdata(r: Report, lang: Lang) -> list[str]:
    res = r.comparison
    if res is None:
        return [f"<p>{e(t('no-microdata', lang))}</p>"]
    out = []
    lv = i18n.level_text(res.level)
    if res.title:
        out.append(f"<p><strong>{e(res.title)}</strong></p>")
    for m in r.summary.microdata:
        out.append(
            f"<p>{e(micro_text(m, res.level, lang, r.outcome_labels, variant_names(r, lang)))}</p>"
        )
    rows = [
        f'<tr data-dataset="{e(d.name)}">{td(d.name)}<td><code>{e(d.file)}</code></td>'
        + num_td(d.rows, f"{d.rows:,}", "rows")
        + td(", ".join(variant_name(r, v, lang) for v in d.variants))
        + td(d.design)
        + "</tr>"
        for d in res.datasets
    ]
    out.append(
        table(
            [
                (t("datasets", lang), False),
                (t("file", lang), False),
                (t("rows", lang), True),
                (t("variant", lang), False),
                (t("design", lang), False),
            ],
            rows,
        )
    )
    out.append(f'<p class="note">{e(t("chart-on-first-page", lang))}</p>')
    out.append(f"<h3>{e(t('sub-estimates', lang))}</h3>")
    for block, main in main_outcomes(res):
        out.append(_outcome_heading(block, r, lang))
        out.append(_outcome_table(block, lv, lang, main, variant_names(r, lang)))
    out.append(f'<p class="note">{e(t("precision-note", lang))}</p>')
    if appendix_outcomes(res) or appendix_gaps(res):
        out.append(f'<p class="note">{e(t("main-domains-note", lang))}</p>')
    gaps = main_gaps(res)
    if gaps:
        first, second = i18n.label(gaps[0].first, lang), i18n.label(gaps[0].second, lang)
        out.append(f"<h3>{e(t('sub-gaps', lang, first=first, second=second))}</h3>")
        out.append(_gap_table(gaps, res, r, lv, lang))
    if res.missing:
        out.append(f"<h3>{e(t('sub-nonresponse', lang))}</h3>")
        out.append(_nonresponse_table(res, r, lang))
    if res.caveats:
        out.append(
            f"<h3>{e(t('caveats', lang))}</h3><ul>"
            + "".join(f"<li>{e(i18n.caveat_text(c, lang))}</li>" for c in res.caveats)
            + "</ul>"
        )
    return out


def _gap_table(gaps: Sequence[Gap], res: ComparisonResult, r: Report, lv: str, lang: Lang) -> str:
    """Gaps under each wording and their change, grouped by outcome."""
    rows = []
    kinds = {x.outcome: x.kind for x in res.estimates}
    with_domain = any(g.domain for g in gaps)
    span = 5 if with_domain else 4
    outcome = None
    for g in gaps:
        if g.outcome != outcome:
            outcome = g.outcome
            rows.append(group_row(outcome_name(g.outcome, r.outcome_labels, lang), span))
        tv = g.test.value
        kind = kinds.get(g.outcome, "mean")
        if g.variant is not None:
            gap_name = t(
                "key-gap",
                lang,
                first=i18n.label(g.first, lang),
                second=i18n.label(g.second, lang),
            )
            what = f"{e(gap_name)}: {e(variant_name(r, g.variant, lang))}"
        else:
            what = (
                f"{e(t('did', lang))}: {e(variant_name(r, g.a or '', lang))} → "
                f"{e(variant_name(r, g.b or '', lang))}"
            )
        domain = f"<td class=nowrap>{e(domain_text(g.domain, lang))}</td>" if with_domain else ""
        rows.append(
            f'<tr data-row="{e(g.kind)}" data-outcome="{e(g.outcome)}" '
            f'data-variant="{e(g.variant or "")}" data-a="{e(g.a or "")}" '
            f"data-b=\"{e(g.b or '')}\" data-domain='{e(domain_key(g.domain))}'>"
            f"{domain}<td>{what}</td>"
            + num_td(tv.estimate, value_text(tv.estimate, kind, 2, sign=True), g.kind)
            + num_td(None, ci_text((tv.low, tv.high), kind, 2, sign=True), "ci")
            + num_td(g.test.p, i18n.pval(g.test.p), "p")
            + "</tr>"
        )
    headers = [(t("domain", lang), False)] if with_domain else []
    headers += [
        ("", False),
        (t("estimate", lang), True),
        (t("ci-level", lang, level=lv), True),
        (t("p", lang), True),
    ]
    return table(headers, rows)


def _nonresponse_table(res: ComparisonResult, r: Report, lang: Lang) -> str:
    rows = []
    for g in nonresponse_groups(res):
        names = ", ".join(outcome_name(o, r.outcome_labels, lang) for o in g.outcomes)
        rows.append(group_row(f"{g.variable} ({t('outcomes-shared', lang)}: {names})", 6))
        for m in g.rows:
            codes = "; ".join(f"{i18n.missing_code(k, lang)}: {v}" for k, v in m.codes.items())
            rows.append(
                f'<tr data-row="missing" data-outcome="{e(m.outcome)}" '
                f'data-variant="{e(m.variant)}"><td>{e(variant_name(r, m.variant, lang))}</td>'
                + num_td(m.n, f"{m.n:,}", "n")
                + num_td(m.n_missing, f"{m.n_missing:,}", "n_missing")
                + num_td(m.rate, i18n.pct(m.rate, 2), "rate")
                + num_td(
                    m.weighted_rate.estimate,
                    i18n.pct(m.weighted_rate.estimate, 2),
                    "weighted_rate",
                )
                + td(codes)
                + "</tr>"
            )
        for d in g.differences:
            tv = d.test.value
            rows.append(
                f'<tr data-row="nonresponse-difference" data-outcome="{e(d.outcome)}">'
                f"<td>{e(t('nr-difference', lang, a=variant_name(r, d.a, lang), b=variant_name(r, d.b, lang)))}</td>"
                "<td></td><td></td><td></td>"
                + num_td(tv.estimate, value_text(tv.estimate, "proportion", 2, sign=True), "diff")
                + td(f"p {i18n.p_is(d.test.p)}")
                + "</tr>"
            )
    return table(
        [
            (t("variant", lang), False),
            (t("n", lang), True),
            (t("missing-rate", lang), True),
            ("%", True),
            (t("weighted-rate", lang), True),
            (t("missing-codes", lang), False),
        ],
        rows,
    )


# --- methods and provenance -----------------------------------------------------------------


def _kv(fields: dict[str, Any], lang: Lang) -> str:
    rows = []
    for k, v in fields.items():
        if not v or isinstance(v, (list, dict)):
            continue
        name = i18n.pick(i18n.NOTE_FIELDS.get(k, (k, k)), lang)
        rows.append(f"<tr><th>{e(name)}</th>{td(v)}</tr>")
    return '<table class="kv">' + "".join(rows) + "</table>" if rows else ""


def _methods(r: Report, lang: Lang) -> list[str]:
    n: StudyNotes = r.notes.in_language(lang)
    s = r.sample
    out = [f"<p>{e(t('cirf-intro', lang))}</p>"]
    if n.objectives:
        out += [f"<h3>{e(t('cirf-objectives', lang))}</h3>", f"<p>{e(n.objectives)}</p>"]
    if n.design:
        out += [f"<h3>{e(t('cirf-design', lang))}</h3>", f"<p>{e(n.design)}</p>"]
    if n.ethics:
        out += [f"<h3>{e(t('cirf-ethics', lang))}</h3>", f"<p>{e(n.ethics)}</p>"]
    out.append(f"<h3>{e(t('cirf-sample', lang))}</h3>")
    counts = {k: s[k] for k in ("respondents", "interviews", "segments")}
    out.append(f'<p data-sample="counts">{e(t("sample-line", lang, **counts))}</p>')
    if r.pseudonymised:
        out.append(f'<p class="note">{e(t("pseudonymised-note", lang))}</p>')
    out.append(_kv(n.sample, lang))
    rows = [
        f"<tr><th>{e(t('by-language', lang))}</th><td>"
        + ", ".join(
            f"{e(i18n.named(i18n.LANGUAGE_NAMES, k, lang))} "
            f'<span data-field="language:{e(k)}" data-value="{v}">{v}</span>'
            for k, v in s["by_language"].items()
        )
        + "</td></tr>"
    ]
    for attr, values in s["by_attribute"].items():
        name = i18n.named(i18n.ATTRIBUTE_NAMES, attr, lang)
        rows.append(
            f"<tr><th>{e(name)}</th><td>"
            + ", ".join(
                f"{e(i18n.label(k, lang))} "
                f'<span data-field="{e(attr)}:{e(k)}" data-value="{v}">{v}</span>'
                for k, v in values.items()
            )
            + "</td></tr>"
        )
    rows.append(
        f"<tr><th>{e(t('wordings-per-respondent', lang))}</th><td>"
        + ", ".join(f"{e(k)}: {v}" for k, v in s["variants_per_respondent"].items())
        + "</td></tr>"
    )
    out.append(f'<table class="kv" id="sample-attributes">{"".join(rows)}</table>')
    out.append(f"<h3>{e(t('cirf-collection', lang))}</h3>")
    line = t(
        "protocol-line", lang, protocol=r.protocol_id, version=r.protocol_version, frame=r.frame_id
    )
    out.append(f"<p>{e(line)}</p>")
    if r.frame_revisions:
        out.append(f"<p>{e(t('frame-revised', lang, version=r.frame_version))}</p>")
        out.append(
            '<ul id="frame-revisions">'
            + "".join(f"<li>{e(x)}</li>" for x in r.frame_revisions)
            + "</ul>"
        )
    out.append(_kv(n.data_collection, lang))
    rows = [
        f'<tr data-probe="{e(p["id"])}"><td><code>{e(p["id"])}</code></td>'
        f"{td(i18n.named(i18n.PROBE_KINDS, p['kind'], lang))}"
        f"{td(i18n.named(i18n.PROBE_KINDS, p['mode'], lang))}"
        f"{td(p['text_es'] if lang == 'es' else p['text'])}"
        + num_td(int(p["segments"]), p["segments"], "segments")
        + "</tr>"
        for p in r.probes
    ]
    out.append(f"<p>{e(t('probes-asked', lang))}:</p>")
    out.append(
        table(
            [
                (t("probe", lang), False),
                (t("kind", lang), False),
                (t("mode", lang), False),
                (t("text", lang), False),
                (t("segments", lang), True),
            ],
            rows,
        )
    )
    if n.interviewers or s["interviewers"]:
        out.append(f"<h3>{e(t('cirf-interviewers', lang))}</h3>")
        if n.interviewers:
            rows = [
                "<tr>"
                + "".join(td(i.get(k, "")) for k in ("id", "language", "background"))
                + "</tr>"
                for i in n.interviewers
            ]
            out.append(
                table(
                    [("id", False), (t("language", lang), False), (t("background", lang), False)],
                    rows,
                )
            )
        else:
            out.append(f"<p>{e(', '.join(s['interviewers']))}</p>")
    out.append(f"<h3>{e(t('cirf-analysis', lang))}</h3>")
    coders = ", ".join(s["coders"]) or "–"
    adjudicators = ", ".join(s["adjudicators"]) or "–"
    out.append(f"<p>{e(t('coders-line', lang, coders=coders, adjudicators=adjudicators))}</p>")
    line = consensus_text(s, lang)
    out.append(f'<p data-consensus="counts">{e(line)}</p>')
    out.append(_kv({k: v for k, v in n.analysis.items() if k != "steps"}, lang))
    steps = n.analysis.get("steps") or []
    if steps:
        out.append("<ol>" + "".join(f"<li>{e(x)}</li>" for x in steps) + "</ol>")
    out.append(
        f"<p>{e(t('agreement-method', lang))}: {e(agreement_method(r.agreement, lang))}.</p>"
    )
    out.append(f'<h3 id="rules">{e(t("sec-rules", lang))}</h3>')
    out.append("<ol>" + "".join(f"<li>{e(x)}</li>" for x in rule_texts(r, lang)) + "</ol>")
    if n.limitations:
        out.append(
            f"<h3>{e(t('cirf-limitations', lang))}</h3><ul>"
            + "".join(f"<li>{e(x)}</li>" for x in n.limitations)
            + "</ul>"
        )
    out.append(f'<p class="note">{e(t("frame-in-appendix", lang))}</p>')
    return out


def _provenance(r: Report, lang: Lang) -> list[str]:
    p = r.provenance
    software = ", ".join(f"{k} {v}" for k, v in p.software.items())
    out = [
        '<table class="kv">'
        f"<tr><th>{e(t('generated', lang))}</th>{td(p.generated)}</tr>"
        f"<tr><th>{e(t('seed', lang))}</th>{td(p.seed)}</tr>"
        + (
            f"<tr><th>{e(t('command', lang))}</th><td><code>{e(p.command)}</code></td></tr>"
            if p.command
            else ""
        )
        + f'<tr><th>{e(t("software", lang))}</th><td id="software">{e(software)}</td></tr>'
        + "</table>"
    ]
    rows = [
        f'<tr data-file="{e(f.path)}">{td(i18n.named(i18n.FILE_ROLES, f.role, lang))}'
        f"<td><code>{e(f.path)}</code><br><code class=who>{e(f.sha256)}</code></td>"
        + num_td(f.bytes, f"{f.bytes:,}", "bytes")
        + "</tr>"
        for f in p.files
    ]
    out.append(
        table(
            [
                ("", False),
                (f"{t('file', lang)} · {t('sha256', lang)}", False),
                (t("bytes", lang), True),
            ],
            rows,
        )
    )
    if p.spec_text:
        out.append(f"<h3>{e(t('spec', lang))}</h3><pre class=spec>{e(p.spec_text)}</pre>")
    return out


# --- appendix -------------------------------------------------------------------------------


def _appendix(r: Report, lang: Lang) -> list[str]:
    out = []
    res = r.comparison
    if res is not None:
        lv = i18n.level_text(res.level)
        cross_outcomes = appendix_outcomes(res)
        if cross_outcomes:
            out.append(f"<h3>{e(t('app-estimates', lang))}</h3>")
            for block, cross in cross_outcomes:
                out.append(_outcome_heading(block, r, lang))
                out.append(_outcome_table(block, lv, lang, cross, variant_names(r, lang)))
        gaps = appendix_gaps(res)
        if gaps:
            out.append(f"<h3>{e(t('app-gaps', lang))}</h3>")
            out.append(_gap_table(gaps, res, r, lv, lang))
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


def render_html(report: Report, lang: Lang = "en") -> str:
    """The whole report as one HTML document (a string)."""
    if lang not in i18n.LANGS:
        raise ValueError(f"unknown report language {lang!r}")
    r = report
    body: list[str] = []
    title = f"{t('report-title', lang)}: {r.title}"
    body.append(
        f"<header><h1>{e(t('report-title', lang))}</h1>"
        f'<p class="meta"><strong>{e(r.title)}</strong> · {e(r.protocol_id)} '
        f"· {e(r.provenance.generated)}</p></header>"
    )
    if r.notes.illustrative:
        body.append(f'<p class="banner" id="illustrative">{e(t("illustrative-banner", lang))}</p>')
    toc = "".join(f'<li><a href="#{s}">{e(t(SECTION_TITLES[s], lang))}</a></li>' for s in SECTIONS)
    body.append(f"<nav><strong>{e(t('contents', lang))}</strong><ol>{toc}</ol></nav>")
    builders = {
        "summary": _summary,
        "wordings": _wordings,
        "interviews": _interviews,
        "agreement": _agreement,
        "microdata": _microdata,
        "methods": _methods,
        "provenance": _provenance,
        "appendix": _appendix,
    }
    for s in SECTIONS:
        body.append(f'<section id="{s}"><h2>{e(t(SECTION_TITLES[s], lang))}</h2>')
        body.extend(builders[s](r, lang))
        body.append("</section>")
    body.append(f"<footer>{e(t('footer', lang, version=__version__))}</footer>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
