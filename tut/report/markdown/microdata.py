"""What the microdata measured: estimates per outcome, gaps and nonresponse."""

from __future__ import annotations

from collections.abc import Sequence

from tut.compare.results import ComparisonResult, Domain, Estimate, Gap
from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.layout import (
    appendix_gaps,
    appendix_outcomes,
    main_gaps,
    main_outcomes,
    nonresponse_groups,
)
from tut.report.markdown.cells import brackets, code, md, mtable
from tut.report.model import Report
from tut.report.outcomes import PRECISION_MARK, OutcomeBlock
from tut.report.phrases import (
    ci_text,
    domain_text,
    effect_name,
    micro_text,
    outcome_name,
    unit_text,
    value_text,
    variant_name,
    variant_names,
)


def _est(x: Estimate | None) -> str:
    if x is None:
        return "–"
    v = x.value

    def f(value: float) -> str:
        return i18n.pct(value, 1) if x.kind == "proportion" else i18n.num(value, 1)

    mark = PRECISION_MARK.get(x.reliability, "").replace("*", "\\*")
    return f"{f(v.estimate)}{mark} \\[{f(v.low)}, {f(v.high)}\\]"


def outcome_table(
    block: OutcomeBlock,
    lv: str,
    lang: Lang,
    domains: Sequence[Domain],
    names: dict[str, str] | None = None,
) -> str:
    names = names or {}
    kind = next(iter(block.differences.values())).effect_size_kind if block.differences else ""
    headers = [
        t("domain", lang),
        *[f"{names.get(v, v)} ({t('ci-level', lang, level=lv)})" for v in block.variants],
    ]
    for a, b in block.pairs:
        headers += [
            f"{names.get(b, b)} − {names.get(a, a)}",
            t("p-holm", lang),
            effect_name(kind, lang),
        ]
    rows = []
    for dom in domains:
        cells = [md(domain_text(dom, lang))]
        cells += [_est(block.estimates.get((v, dom))) for v in block.variants]
        for a, b in block.pairs:
            d = block.differences.get((a, b, dom))
            if d is None:
                cells += ["–", "–", "–"]
                continue
            tv = d.test.value
            cells += [
                brackets(
                    f"{value_text(tv.estimate, block.kind, sign=True)} "
                    f"{ci_text((tv.low, tv.high), block.kind, sign=True)}"
                ),
                md(i18n.pval(d.test.p_holm)),
                i18n.num(d.effect_size, 2),
            ]
        rows.append(cells)
    return mtable([md(h) for h in headers], rows)


def outcome_heading(block: OutcomeBlock, r: Report, lang: Lang) -> str:
    name = outcome_name(block.outcome, r.outcome_labels, lang)
    unit = unit_text(block.unit, block.kind, lang)
    ident = f" {code(block.outcome)}" if name != block.outcome else ""
    return f"#### {md(name)} ({md(unit)}){ident}"


def gap_rows(gaps: Sequence[Gap], res: ComparisonResult, r: Report, lang: Lang) -> str:
    kinds = {x.outcome: x.kind for x in res.estimates}
    rows = []
    for g in gaps:
        kind = kinds.get(g.outcome, "mean")
        tv = g.test.value
        if g.variant is not None:
            first, second = i18n.label(g.first, lang), i18n.label(g.second, lang)
            gap = md(t("key-gap", lang, first=first, second=second))
            what = f"{gap}: {md(variant_name(r, g.variant, lang))}"
        else:
            what = (
                f"{md(t('did', lang))}: {md(variant_name(r, g.a or '', lang))} → "
                f"{md(variant_name(r, g.b or '', lang))}"
            )
        rows.append(
            [
                md(outcome_name(g.outcome, r.outcome_labels, lang)),
                md(domain_text(g.domain, lang)),
                what,
                value_text(tv.estimate, kind, 2, sign=True),
                brackets(ci_text((tv.low, tv.high), kind, 2, sign=True)),
                md(i18n.pval(g.test.p)),
            ]
        )
    lv = i18n.level_text(res.level)
    headers = [t("outcome", lang), t("domain", lang), "", t("estimate", lang)]
    headers += [t("ci-level", lang, level=lv), t("p", lang)]
    return mtable(headers, rows)


def _nonresponse(res: ComparisonResult, r: Report, lang: Lang) -> str:
    rows = []
    for g in nonresponse_groups(res):
        names = ", ".join(outcome_name(o, r.outcome_labels, lang) for o in g.outcomes)
        where = f"{code(g.variable)} ({md(names)})"
        for m in g.rows:
            rows.append(
                [
                    where,
                    md(variant_name(r, m.variant, lang)),
                    f"{m.n:,}",
                    f"{m.n_missing:,}",
                    i18n.pct(m.rate, 2),
                    i18n.pct(m.weighted_rate.estimate, 2),
                    md("; ".join(f"{i18n.missing_code(k, lang)}: {v}" for k, v in m.codes.items())),
                ]
            )
        for d in g.differences:
            rows.append(
                [
                    where,
                    md(
                        t(
                            "nr-difference",
                            lang,
                            a=variant_name(r, d.a, lang),
                            b=variant_name(r, d.b, lang),
                        )
                    ),
                    "",
                    "",
                    "",
                    value_text(d.test.value.estimate, "proportion", 2, sign=True),
                    md(f"p {i18n.p_is(d.test.p)}"),
                ]
            )
    headers = [t("outcome", lang), t("variant", lang), t("n", lang), t("missing-rate", lang)]
    headers += ["%", t("weighted-rate", lang), t("missing-codes", lang)]
    return mtable(headers, rows)


def microdata_section(r: Report, lang: Lang) -> list[str]:
    L: list[str] = [f"## {md(t('sec-microdata', lang))}", ""]
    res = r.comparison
    if res is None:
        return L + [md(t("no-microdata", lang)), ""]
    lv = i18n.level_text(res.level)
    if res.title:
        L += [f"**{md(res.title)}**", ""]
    for m in r.summary.microdata:
        L += [md(micro_text(m, res.level, lang, r.outcome_labels, variant_names(r, lang))), ""]
    headers = [t("datasets", lang), t("file", lang), t("rows", lang), t("variant", lang)]
    headers.append(t("design", lang))
    L.append(
        mtable(
            headers,
            (
                [
                    md(d.name),
                    code(d.file),
                    f"{d.rows:,}",
                    md(", ".join(variant_name(r, v, lang) for v in d.variants)),
                    md(d.design),
                ]
                for d in res.datasets
            ),
        )
    )
    L += ["", f"### {md(t('sub-estimates', lang))}", ""]
    for block, main in main_outcomes(res):
        L += [
            outcome_heading(block, r, lang),
            "",
            outcome_table(block, lv, lang, main, variant_names(r, lang)),
            "",
        ]
    L += [md(t("precision-note", lang)), ""]
    if appendix_outcomes(res) or appendix_gaps(res):
        L += [md(t("main-domains-note", lang)), ""]
    gaps = main_gaps(res)
    if gaps:
        first, second = i18n.label(gaps[0].first, lang), i18n.label(gaps[0].second, lang)
        L += [f"### {md(t('sub-gaps', lang, first=first, second=second))}", ""]
        L += [gap_rows(gaps, res, r, lang), ""]
    if res.missing:
        L += [f"### {md(t('sub-nonresponse', lang))}", "", _nonresponse(res, r, lang), ""]
    if res.caveats:
        L += [f"### {md(t('caveats', lang))}", ""]
        L += [f"- {md(i18n.caveat_text(c, lang))}" for c in res.caveats]
        L.append("")
    return L
