"""What the microdata measured: estimates per outcome, gaps and nonresponse."""

from __future__ import annotations

from collections.abc import Sequence

from tut.compare.results import ComparisonResult, Domain, Estimate, Gap
from tut.report import i18n
from tut.report.html.cells import e, group_row, num_td, table, td
from tut.report.i18n import Lang, t
from tut.report.layout import (
    appendix_gaps,
    appendix_outcomes,
    main_gaps,
    main_outcomes,
    nonresponse_groups,
)
from tut.report.model import Report
from tut.report.outcomes import PRECISION_MARK, OutcomeBlock
from tut.report.phrases import (
    ci_text,
    domain_key,
    domain_text,
    effect_name,
    micro_text,
    outcome_name,
    unit_text,
    value_text,
    variant_name,
    variant_names,
)


def _fmt_est(x: Estimate, value: float | None) -> str:
    return i18n.pct(value, 1) if x.kind == "proportion" else i18n.num(value, 1)


def _cell_text(x: Estimate | None) -> str:
    if x is None:
        return "–"
    v = x.value
    mark = PRECISION_MARK.get(x.reliability, "")
    return f"{_fmt_est(x, v.estimate)}{mark} [{_fmt_est(x, v.low)}, {_fmt_est(x, v.high)}]"


def outcome_table(
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
    return table(_outcome_headers(block, lv, lang, names), rows, raw=True)


def _outcome_headers(
    block: OutcomeBlock, lv: str, lang: Lang, names: dict[str, str]
) -> list[tuple[str, bool]]:
    """Domain, each wording's estimate, then per pair the difference, Holm p and effect."""
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
    return headers


def outcome_heading(block: OutcomeBlock, r: Report, lang: Lang) -> str:
    name = outcome_name(block.outcome, r.outcome_labels, lang)
    unit = unit_text(block.unit, block.kind, lang)
    ident = f" <code>{e(block.outcome)}</code>" if name != block.outcome else ""
    return f"<h4>{e(name)} ({e(unit)}){ident}</h4>"


def microdata_section(r: Report, lang: Lang) -> list[str]:
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
        out.append(outcome_heading(block, r, lang))
        out.append(outcome_table(block, lv, lang, main, variant_names(r, lang)))
    out.append(f'<p class="note">{e(t("precision-note", lang))}</p>')
    if appendix_outcomes(res) or appendix_gaps(res):
        out.append(f'<p class="note">{e(t("main-domains-note", lang))}</p>')
    gaps = main_gaps(res)
    if gaps:
        first, second = i18n.label(gaps[0].first, lang), i18n.label(gaps[0].second, lang)
        out.append(f"<h3>{e(t('sub-gaps', lang, first=first, second=second))}</h3>")
        out.append(gap_table(gaps, res, r, lv, lang))
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


def gap_table(gaps: Sequence[Gap], res: ComparisonResult, r: Report, lv: str, lang: Lang) -> str:
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
