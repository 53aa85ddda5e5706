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
from tut.compare.results import ComparisonResult, Estimate
from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.model import AlphaRow, CodeCount, Report, StudyNotes
from tut.report.outcomes import PRECISION_MARK, OutcomeBlock, outcome_blocks
from tut.report.phrases import (
    domain_key,
    domain_text,
    finding_title,
    frame_text,
    headline_text,
    micro_text,
    reason_text,
    rule_texts,
)
from tut.report.svg import Bar, Point, bar_chart, estimate_chart

SECTIONS = ("summary", "wordings", "interviews", "agreement", "microdata", "methods", "provenance")
SECTION_TITLES = {
    "summary": "sec-summary",
    "wordings": "sec-wordings",
    "interviews": "sec-interviews",
    "agreement": "sec-agreement",
    "microdata": "sec-microdata",
    "methods": "sec-methods",
    "provenance": "sec-provenance",
}
FLAG = "⚠"

CSS = """
:root { --ink:#1b1f24; --muted:#5b6470; --rule:#d5dae0; --accent:#0b5cad; --warn:#9a4a00;
        --bg-warn:#fff4e5; --del:#fde2e1; --ins:#dff3e4; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.45;
       font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
.meta, .note, figcaption { color: var(--muted); font-size: .88rem; }
.banner { background: var(--bg-warn); border: 1px solid var(--warn); color: var(--warn);
          padding: .6rem .8rem; font-weight: 600; margin: 1rem 0; }
.headline { font-size: 1.15rem; font-weight: 600; border-left: 4px solid var(--accent);
            padding: .4rem .8rem; background: #eef4fb; }
.warn { color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .86rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .4rem; text-align: left;
         vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.flagged td { background: var(--bg-warn); }
code { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: .85em; }
blockquote { margin: .3rem 0 .6rem; padding: .3rem .8rem; border-left: 3px solid var(--rule);
             background: #fafbfc; }
.wording { font-size: 1rem; }
del { background: var(--del); text-decoration: line-through; }
ins { background: var(--ins); text-decoration: none; }
ul.quotes { list-style: none; padding-left: 0; margin: .2rem 0 .8rem; }
ul.quotes li { margin: .15rem 0; }
.who { color: var(--muted); font-size: .8rem; }
nav ol { columns: 2; font-size: .9rem; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: .8rem;
      white-space: pre-wrap; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
svg .ttl { font-size: 13px; font-weight: 600; }
svg .grp { font-size: 11px; font-weight: 600; }
svg .lg, svg .val, svg .tick, svg .axis { font-size: 10.5px; fill: #333; }
svg .grid { stroke: #e3e6ea; stroke-width: 1; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem;
         border-top: 1px solid var(--rule); padding-top: .5rem; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  section { break-before: auto; }
  #methods, #provenance { break-before: page; }
  table, figure, blockquote, svg { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; }
  .banner, .headline, tr.flagged td, del, ins { -webkit-print-color-adjust: exact;
                                                 print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def e(value: Any) -> str:
    """Escaped text (quotes too, so it is safe in attributes)."""
    return escape("" if value is None else str(value), quote=True)


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


def table(headers: Sequence[tuple[str, bool]], rows: Iterable[str], cls: str = "") -> str:
    """``headers`` as (text, numeric); ``rows`` already rendered ``<tr>`` elements."""
    head = "".join(f"<th{' class=num' if n else ''}>{e(h)}</th>" for h, n in headers)
    body = "\n".join(rows)
    c = _attr("class", cls) if cls else ""
    return f"<table{c}><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def verdict_text(row: AlphaRow, lang: Lang) -> str:
    return t(f"verdict-{row.verdict}", lang)


# --- sections -----------------------------------------------------------------------------


def _summary(r: Report, lang: Lang) -> list[str]:
    s = r.summary
    out = [f'<p class="headline" id="headline">{e(headline_text(r, lang))}</p>']
    out.append(f"<p>{_frame_sentence(r, lang)}</p>")
    if s.unreliable_codes:
        text = t("codes-unreliable-plain", lang, codes=", ".join(s.unreliable_codes))
        out.append(f'<p class="warn">{e(text)}</p>')
    for f in s.languages:
        out.append(
            f'<h3 data-finding="{e(f.finding)}" data-language="{e(f.language)}">'
            f"{e(finding_title(f, lang))}</h3>"
        )
        out.append(
            "<ul>"
            + "".join(f"<li>{e(reason_text(k, f.params, lang))}</li>" for k in f.reasons)
            + "</ul>"
        )
    level = r.comparison.level if r.comparison else 0.95
    for m in s.microdata:
        out.append(f'<p data-micro="{e(m.a)}|{e(m.b)}">{e(micro_text(m, level, lang))}</p>')
    out.append(f'<p class="note">{e(t("why-better", lang))}</p>')
    return out


def _frame_sentence(r: Report, lang: Lang) -> str:
    text, warning = frame_text(r, lang)
    return f'<strong class="warn">{FLAG} {e(text)}</strong>' if warning else e(text)


def _wordings(r: Report, lang: Lang) -> list[str]:
    out = []
    for w in r.wordings:
        out.append(f'<h3 id="w-{e(w.id)}"><code>{e(w.id)}</code></h3>')
        if not w.wording:
            out.append(f'<p class="warn">{e(t("no-wording", lang))}</p>')
            continue
        out.append(
            f'<blockquote class="wording" lang="{e(w.language)}">{e(w.wording)}</blockquote>'
        )
        if not w.read_out:
            out.append(
                f'<p class="warn">{FLAG} {e(t("not-read-out", lang, status=w.text_status))}</p>'
            )
        rows = [
            f"<tr><th>{e(t('language', lang))}</th>{td(w.language)}</tr>",
            f"<tr><th>{e(t('text-status', lang))}</th>{td(w.text_status)}</tr>",
            f"<tr><th>{e(t('status', lang))}</th>{td(w.status)}</tr>",
            f"<tr><th>{e(t('source', lang))}</th>{td(w.source)}</tr>",
        ]
        if w.citation:
            rows.append(
                f"<tr><th>{e(t('citation', lang))}</th><td><code>{e(w.citation)}</code></td></tr>"
            )
        if w.key_terms:
            rows.append(f"<tr><th>{e(t('key-terms', lang))}</th>{td(', '.join(w.key_terms))}</tr>")
        out.append("<table>" + "".join(rows) + "</table>")
        if w.flags:
            items = "".join(
                f'<li data-check="{e(f.check)}"><strong>{e(f.check)}</strong> ({e(f.severity)}): '
                f"{e(f.message)}"
                + (f" — <code>{e(f.evidence)}</code>" if f.evidence else "")
                + "</li>"
                for f in w.flags
            )
            out.append(f"<p>{e(t('sub-flags', lang))}:</p><ul>{items}</ul>")
        else:
            out.append(f"<p>{e(t('no-flags', lang))}</p>")
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
            f'<p data-pair="{e(p.reference)}|{e(p.alternative)}"><code>{e(p.reference)}</code> '
            f"({e(t('reference', lang))}) → <code>{e(p.alternative)}</code> "
            f"({e(t('alternative', lang))}); {e(t('similarity', lang))} "
            f'<span data-value="{p.similarity!r}">{p.similarity:.2f}</span></p>'
            f'<blockquote class="wording">{pieces}</blockquote>'
        )
    return out


def _code_label(label: str, label_es: str, lang: Lang) -> str:
    return label_es if lang == "es" and label_es else label


def _interviews(r: Report, lang: Lang) -> list[str]:
    out = []
    frame_flag = not r.agreement.overall.reliable_enough
    if frame_flag:
        out.append(f"<p>{_frame_sentence(r, lang)}</p>")
    out.append(f"<h3>{e(t('sub-readings', lang))}</h3>")
    rows = []
    for c in r.coding:
        rd = c.reading
        cls = ' class="flagged"' if frame_flag else ""
        rows.append(
            f'<tr{cls} data-variant="{e(c.variant)}"><td><code>{e(c.variant)}</code></td>'
            + num_td(rd.respondents, str(rd.respondents), "respondents")
            + num_td(rd.target, f"{rd.target} ({i18n.pct(rd.target_share)})", "target")
            + num_td(
                rd.off_target, f"{rd.off_target} ({i18n.pct(rd.off_target_share)})", "off_target"
            )
            + num_td(rd.net_fit, i18n.points(rd.net_fit).replace(" pp", ""), "net_fit")
            + num_td(c.segments, str(c.segments), "segments")
            + num_td(c.unresolved, str(c.unresolved), "unresolved")
            + "</tr>"
        )
    out.append(
        table(
            [
                (t("variant", lang), False),
                (t("respondents", lang), True),
                (t("on-target", lang), True),
                (t("off-target", lang), True),
                (t("net-fit", lang) + " (pp)", True),
                (t("segments", lang), True),
                (t("unresolved", lang), True),
            ],
            rows,
        )
    )
    out.append(f"<h3>{e(t('sub-distribution', lang))}</h3>")
    variants = [c.variant for c in r.coding]
    codes: dict[str, CodeCount] = {}
    for c in r.coding:
        for cc in c.codes:
            codes.setdefault(cc.code, cc)
    order = [fc["id"] for fc in r.frame_codes if fc["id"] in codes]
    rows = []
    for code in order:
        cc = codes[code]
        flagged = cc.unreliable or frame_flag
        cells = []
        for c in r.coding:
            hit = next((x for x in c.codes if x.code == code), None)
            n, share = (hit.count, hit.share) if hit else (0, 0.0)
            mark = f"{FLAG} " if flagged else ""
            cells.append(num_td(n, f"{mark}{n} ({i18n.pct(share)})", f"count:{c.variant}"))
        alpha_txt = (f"{FLAG} " if cc.unreliable else "") + i18n.alpha(cc.alpha)
        rows.append(
            f'<tr{" class=flagged" if flagged else ""} data-code="{e(code)}">'
            f"<td><code>{e(code)}</code><br><span class=who>"
            f"{e(_code_label(cc.label, cc.label_es, lang))}</span></td>"
            f"{td(t('role-' + cc.role, lang))}"
            + "".join(cells)
            + num_td(cc.alpha, alpha_txt, "alpha")
            + "</tr>"
        )
    out.append(
        table(
            [
                (t("code", lang), False),
                (t("role", lang), False),
                *[(v, True) for v in variants],
                (t("alpha", lang), True),
            ],
            rows,
        )
    )
    out.append(f'<p class="note">{e(t("flag-mark-note", lang))}</p>')
    bars = [
        Bar(
            code,
            c.variant,
            next((x.share for x in c.codes if x.code == code), 0.0),
            codes[code].unreliable,
        )
        for code in order
        for c in r.coding
    ]
    out.append("<figure>" + bar_chart(bars, t("sub-chart-codes", lang)) + "</figure>")
    out.append(f"<h3>{e(t('sub-quotes', lang))}</h3>")
    for c in r.coding:
        out.append(f"<h4><code>{e(c.variant)}</code></h4>")
        for cc in c.codes:
            if not cc.quotes:
                continue
            mark = f"{FLAG} " if cc.unreliable else ""
            items = "".join(
                f'<li data-segment="{e(q.segment_id)}">«{e(q.text)}» '
                f'<span class="who">— {e(q.respondent)}, {e(q.probe)}</span></li>'
                for q in cc.quotes
            )
            out.append(
                f"<p><strong>{mark}<code>{e(cc.code)}</code></strong> "
                f"{e(_code_label(cc.label, cc.label_es, lang))}</p>"
                f'<ul class="quotes">{items}</ul>'
            )
    return out


def alpha_rows(rows: Sequence[AlphaRow], lang: Lang) -> list[str]:
    out = []
    for row in rows:
        flagged = not row.reliable_enough
        mark = f"{FLAG} " if flagged else ""
        out.append(
            f'<tr{" class=flagged" if flagged else ""} data-scope="{e(row.scope)}" '
            f'data-key="{e(row.key)}">'
            f"{td(t('scope-' + row.scope, lang))}"
            f"<td><code>{e(i18n.key_text(row.key, lang))}</code></td>"
            + num_td(row.value, mark + i18n.alpha(row.value), "alpha")
            + num_td(None, i18n.interval(row.ci, 3), "ci")
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
    rows = alpha_rows(
        [a.overall, *a.by_code, *a.by_variant, *a.by_probe, *a.by_pair, *a.by_time, *a.intra], lang
    )
    out.append(
        table(
            [
                ("", False),
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
        f'<p class="note">{e(t("agreement-method", lang))}: {e(a.method)}. '
        f"{e(t('agreement-verdict-source', lang))}</p>"
    )
    return out


def estimate_points(
    result: ComparisonResult, outcome: str, lang: Lang
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
        group = d[gap_dom] if d and gap_dom is not None else t("all", lang)
        v = x.value
        points.append(Point(group, x.variant, v.estimate, v.low, v.high))
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


def _outcome_table(block: OutcomeBlock, lv: str, lang: Lang) -> str:
    """Rows = domains; per variant the estimate with CI; then b - a with its test."""
    rows = []
    for dom in block.domains:
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
            proportion = block.kind == "proportion"
            diff_text = (
                "–"
                if tv is None
                else (
                    f"{i18n.signed(100 * tv.estimate, 1)} pp [{i18n.signed(100 * tv.low, 1)}, "
                    f"{i18n.signed(100 * tv.high, 1)}]"
                    if proportion
                    else f"{i18n.signed(tv.estimate, 1)} "
                    f"[{i18n.signed(tv.low, 1)}, {i18n.signed(tv.high, 1)}]"
                )
            )
            cells.append(
                num_td(
                    tv.estimate if tv else None,
                    diff_text,
                    "diff",
                    outcome=block.outcome,
                    a=a,
                    b=b,
                    domain=key,
                )
            )
            cells.append(
                num_td(
                    d.test.p_holm if d else None,
                    i18n.pval(d.test.p_holm) if d else "–",
                    "p_holm",
                    outcome=block.outcome,
                    a=a,
                    b=b,
                    domain=key,
                )
            )
            cells.append(
                num_td(
                    d.effect_size if d else None,
                    i18n.num(d.effect_size, 2) if d else "–",
                    "effect_size",
                    outcome=block.outcome,
                    a=a,
                    b=b,
                    domain=key,
                )
            )
        rows.append(f"<tr>{td(domain_text(dom, lang))}{''.join(cells)}</tr>")
    kind = next(iter(block.differences.values())).effect_size_kind if block.differences else ""
    headers = [(t("domain", lang), False)]
    headers += [(f"{v} ({t('ci-level', lang, level=lv)})", True) for v in block.variants]
    for a, b in block.pairs:
        headers += [
            (f"{b} − {a}", True),
            (t("p-holm", lang), True),
            (kind or t("effect", lang), True),
        ]
    return table(headers, rows)


def _microdata(r: Report, lang: Lang) -> list[str]:
    res = r.comparison
    if res is None:
        return [f"<p>{e(t('no-microdata', lang))}</p>"]
    out = []
    lv = i18n.level_text(res.level)
    if res.title:
        out.append(f"<p><strong>{e(res.title)}</strong></p>")
    rows = [
        f'<tr data-dataset="{e(d.name)}">{td(d.name)}<td><code>{e(d.file)}</code></td>'
        + num_td(d.rows, f"{d.rows:,}", "rows")
        + td(", ".join(d.variants))
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
    points, unit, percent = estimate_points(res, r.comparison_outcome, lang)
    out.append(
        "<figure>"
        + estimate_chart(
            points,
            f"{r.comparison_outcome}: " + t("sub-chart-estimates", lang, level=lv),
            unit,
            percent,
        )
        + "</figure>"
    )
    out.append(f"<h3>{e(t('sub-estimates', lang))}</h3>")
    for block in outcome_blocks(res):
        out.append(f"<h4>{e(block.title)}</h4>")
        out.append(_outcome_table(block, lv, lang))
    out.append(f'<p class="note">{e(t("precision-note", lang))}</p>')
    if res.gaps:
        out.append(f"<h3>{e(t('sub-gaps', lang))}</h3>")
        rows = []
        kinds = {x.outcome: x.kind for x in res.estimates}
        for g in res.gaps:
            tv = g.test.value
            scale, suffix = (100.0, " pp") if kinds.get(g.outcome) == "proportion" else (1.0, "")
            what = (
                f"<code>{e(g.variant)}</code>"
                if g.variant is not None
                else f"<code>{e(g.a)}</code> → <code>{e(g.b)}</code>"
            )
            label = t("gap", lang) if g.kind == "gap" else t("did", lang)
            rows.append(
                f'<tr data-row="{e(g.kind)}" data-outcome="{e(g.outcome)}" '
                f'data-variant="{e(g.variant or "")}" data-a="{e(g.a or "")}" '
                f"data-b=\"{e(g.b or '')}\" data-domain='{e(domain_key(g.domain))}'>"
                f"{td(g.outcome)}{td(label)}{td(domain_text(g.domain, lang))}"
                f"{td(f'{g.first} − {g.second}')}<td>{what}</td>"
                + num_td(tv.estimate, i18n.signed(scale * tv.estimate, 2) + suffix, g.kind)
                + num_td(None, i18n.interval((scale * tv.low, scale * tv.high), 2), "ci")
                + num_td(g.test.p, i18n.pval(g.test.p), "p")
                + "</tr>"
            )
        out.append(
            table(
                [
                    (t("outcome", lang), False),
                    ("", False),
                    (t("domain", lang), False),
                    (t("gap", lang), False),
                    (t("variant", lang), False),
                    (t("estimate", lang), True),
                    (t("ci-level", lang, level=lv), True),
                    (t("p", lang), True),
                ],
                rows,
            )
        )
    if res.missing:
        out.append(f"<h3>{e(t('sub-nonresponse', lang))}</h3>")
        rows = []
        for m in res.missing:
            codes = "; ".join(f"{k}: {v}" for k, v in m.codes.items())
            rows.append(
                f'<tr data-row="missing" data-outcome="{e(m.outcome)}" '
                f'data-variant="{e(m.variant)}">'
                f"{td(m.outcome)}<td><code>{e(m.variant)}</code></td>"
                + num_td(m.n, f"{m.n:,}", "n")
                + num_td(m.n_missing, f"{m.n_missing:,}", "n_missing")
                + num_td(m.rate, i18n.pct(m.rate, 2), "rate")
                + num_td(
                    m.weighted_rate.estimate, i18n.pct(m.weighted_rate.estimate, 2), "weighted_rate"
                )
                + td(codes)
                + "</tr>"
            )
        if res.nonresponse_differences:
            for d in res.nonresponse_differences:
                tv = d.test.value
                rows.append(
                    f'<tr data-row="nonresponse-difference">{td(d.outcome)}'
                    f"<td><code>{e(d.a)}</code> → <code>{e(d.b)}</code></td>"
                    + num_td(None, "", "")
                    + num_td(None, "", "")
                    + num_td(tv.estimate, i18n.signed(100 * tv.estimate, 2) + " pp", "diff")
                    + num_td(d.test.p, "p = " + i18n.pval(d.test.p), "p")
                    + td("")
                    + "</tr>"
                )
        out.append(
            table(
                [
                    (t("outcome", lang), False),
                    (t("variant", lang), False),
                    (t("n", lang), True),
                    (t("missing-rate", lang), True),
                    ("%", True),
                    (t("weighted-rate", lang), True),
                    ("", False),
                ],
                rows,
            )
        )
    if res.caveats:
        out.append(
            f"<h3>{e(t('caveats', lang))}</h3><ul>"
            + "".join(f"<li>{e(c)}</li>" for c in res.caveats)
            + "</ul>"
        )
    return out


def _kv(fields: dict[str, Any], lang: Lang) -> str:
    rows = []
    for k, v in fields.items():
        if not v or isinstance(v, (list, dict)):
            continue
        name = i18n.pick(i18n.NOTE_FIELDS.get(k, (k, k)), lang)
        rows.append(f"<tr><th>{e(name)}</th>{td(v)}</tr>")
    return "<table>" + "".join(rows) + "</table>" if rows else ""


def _methods(r: Report, lang: Lang) -> list[str]:
    n: StudyNotes = r.notes
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
        f"<tr>{td(i18n.pick(i18n.LANGUAGE_NAMES.get(k, (k, k)), lang))}"
        + num_td(v, str(v), f"language:{k}")
        + "</tr>"
        for k, v in s["by_language"].items()
    ]
    for attr, counts in s["by_attribute"].items():
        name = i18n.pick(i18n.ATTRIBUTE_NAMES.get(attr, (attr, attr)), lang)
        rows += [
            f"<tr>{td(f'{name}: {k}')}" + num_td(v, str(v), f"{attr}:{k}") + "</tr>"
            for k, v in counts.items()
        ]
    rows += [
        f"<tr>{td(t('wordings-per-respondent', lang) + ': ' + k)}"
        + num_td(v, str(v), f"wordings:{k}")
        + "</tr>"
        for k, v in s["variants_per_respondent"].items()
    ]
    out.append(table([("", False), (t("respondents", lang), True)], rows))
    out.append(f"<h3>{e(t('cirf-collection', lang))}</h3>")
    line = t("protocol-line", lang, protocol=r.protocol_id, version=r.protocol_version,
             frame=r.frame_id)
    out.append(f"<p>{e(line)}</p>")
    out.append(_kv(n.data_collection, lang))
    rows = [
        f'<tr data-probe="{e(p["id"])}"><td><code>{e(p["id"])}</code></td>{td(p["kind"])}'
        f"{td(p['mode'])}{td(p['text_es'] if lang == 'es' else p['text'])}"
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
    c = s["consensus"]
    line = t("consensus-line", lang, adjudicated=c["adjudicated"], agreed=c["agreed"],
             single=c["single-coder"], unresolved=c["unresolved"])
    out.append(f'<p data-consensus="counts">{e(line)}</p>')
    out.append(_kv({k: v for k, v in n.analysis.items() if k != "steps"}, lang))
    steps = n.analysis.get("steps") or []
    if steps:
        out.append("<ol>" + "".join(f"<li>{e(x)}</li>" for x in steps) + "</ol>")
    out.append(f"<p>{e(t('agreement-method', lang))}: {e(r.agreement.method)}.</p>")
    out.append(f'<h3 id="rules">{e(t("sec-rules", lang))}</h3>')
    out.append("<ol>" + "".join(f"<li>{e(x)}</li>" for x in rule_texts(r, lang)) + "</ol>")
    if n.limitations:
        out.append(
            f"<h3>{e(t('cirf-limitations', lang))}</h3><ul>"
            + "".join(f"<li>{e(x)}</li>" for x in n.limitations)
            + "</ul>"
        )
    out.append(f"<h3>{e(t('sec-frame', lang))}</h3>")
    rows = [
        f'<tr data-frame-code="{e(fc["id"])}"><td><code>{e(fc["id"])}</code></td>'
        f"{td(fc['label_es'] if lang == 'es' else fc['label'])}{td(t('role-' + fc['role'], lang))}"
        f"{td(fc['definition'])}</tr>"
        for fc in r.frame_codes
    ]
    out.append(
        table(
            [
                (t("code", lang), False),
                (t("label", lang), False),
                (t("role", lang), False),
                (t("definition", lang), False),
            ],
            rows,
        )
    )
    return out


def _provenance(r: Report, lang: Lang) -> list[str]:
    p = r.provenance
    out = [
        "<table>"
        f"<tr><th>{e(t('generated', lang))}</th>{td(p.generated)}</tr>"
        f"<tr><th>{e(t('seed', lang))}</th>{td(p.seed)}</tr>"
        + (
            f"<tr><th>{e(t('command', lang))}</th><td><code>{e(p.command)}</code></td></tr>"
            if p.command
            else ""
        )
        + "</table>"
    ]
    rows = [f"<tr>{td(k)}{td(v)}</tr>" for k, v in p.software.items()]
    out.append(table([(t("software", lang), False), ("", False)], rows))
    rows = [
        f'<tr data-file="{e(f.path)}">{td(f.role)}<td><code>{e(f.path)}</code></td>'
        f"<td><code>{e(f.sha256)}</code></td>" + num_td(f.bytes, f"{f.bytes:,}", "bytes") + "</tr>"
        for f in p.files
    ]
    out.append(
        table(
            [
                ("", False),
                (t("file", lang), False),
                (t("sha256", lang), False),
                (t("bytes", lang), True),
            ],
            rows,
        )
    )
    if p.spec_text:
        out.append(f"<h3>{e(t('spec', lang))}</h3><pre>{e(p.spec_text)}</pre>")
    return out


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
