"""What the microdata measured (estimates per outcome, a categorical outcome's shares with
its Rao-Scott tests, gaps, item non-response) and the appendix (cross-classified tables,
wording ids, the frame, which codes coders swap)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tut.compare.results import ComparisonResult, Difference, Domain, Estimate, Gap
from tut.report import i18n
from tut.report.document.model import Block, BulletList, Cell, Row, Section, Table
from tut.report.document.parts import (
    cell,
    group_row,
    item,
    microdata_caveat_paras,
    note,
    num,
    para,
    run,
    section,
    table,
)
from tut.report.i18n import Lang, t
from tut.report.layout import (
    appendix_gaps,
    appendix_outcomes,
    is_main_domain,
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
    frame_definition,
    micro_text,
    outcome_labels,
    outcome_name,
    shown_file,
    spec_label,
    spec_texts,
    unit_text,
    value_text,
    variant_name,
    variant_names,
)


def _estimate_text(x: Estimate | None) -> str:
    if x is None:
        return "–"
    v = x.value
    mark = PRECISION_MARK.get(x.reliability, "")
    est, low, high = (value_text(y, x.kind) for y in (v.estimate, v.low, v.high))
    return f"{est}{mark} [{low}, {high}]"


def _pair_cells(block: OutcomeBlock, a: str, b: str, dom: Domain) -> list[Cell]:
    """b - a with its interval, Holm's p and the effect size."""
    d = block.differences.get((a, b, dom))
    tv = d.test.value if d else None
    where: dict[str, Any] = {"outcome": block.outcome, "a": a, "b": b, "domain": domain_key(dom)}
    diff = (
        "–"
        if tv is None
        else f"{value_text(tv.estimate, block.kind, sign=True)} "
        f"{ci_text((tv.low, tv.high), block.kind, sign=True)}"
    )
    return [
        num(tv.estimate if tv else None, diff, "diff", kind="interval", **where),
        num(
            d.test.p_holm if d else None, i18n.pval(d.test.p_holm) if d else "–", "p_holm", **where
        ),
        num(
            d.effect_size if d else None,
            i18n.num(d.effect_size, 2) if d else "–",
            "effect_size",
            **where,
        ),
    ]


def outcome_table(
    block: OutcomeBlock, lv: str, lang: Lang, domains: Sequence[Domain], names: dict[str, str],
    texts: Mapping[str, str] | None = None,
) -> Table:
    """Rows = domains; per variant the estimate with CI; then b - a with its test
    (``texts``: the spec's own texts in ``lang``, :func:`spec_texts`)."""
    rows = []
    for dom in domains:
        cells = [cell(domain_text(dom, lang, texts), nowrap=True)]
        for v in block.variants:
            x = block.estimates.get((v, dom))
            cells.append(
                num(
                    x.value.estimate if x else None,
                    _estimate_text(x),
                    "estimate",
                    kind="interval",
                    outcome=block.outcome,
                    variant=v,
                    domain=domain_key(dom),
                )
            )
        for a, b in block.pairs:
            cells += _pair_cells(block, a, b, dom)
        rows.append(Row(tuple(cells)))
    kind = next(iter(block.differences.values())).effect_size_kind if block.differences else ""
    columns = [(t("domain", lang), False)]
    columns += [
        (f"{names.get(v, v)} ({t('ci-level', lang, level=lv)})", True) for v in block.variants
    ]
    for a, b in block.pairs:
        columns += [
            (f"{names.get(b, b)} − {names.get(a, a)}", True),
            (t("p-holm", lang), True),
            (effect_name(kind, lang), True),
        ]
    return table(columns, rows)


def outcome_section(
    block: OutcomeBlock, r: Report, lang: Lang, lv: str, domains: Sequence[Domain]
) -> Section:
    """One outcome: its name, unit and variable, then its table."""
    name = outcome_name(block.outcome, outcome_labels(r, lang), lang)
    units = spec_texts(r.comparison, lang)
    heading = [run(f"{name} ({unit_text(block.unit, block.kind, lang, units)})")]
    if name != block.outcome:
        heading += [run(" "), run(block.outcome, "code")]
    table = outcome_table(block, lv, lang, domains, variant_names(r, lang), units)
    return section(heading, 4, [table])


def _is_share(block: OutcomeBlock) -> bool:
    """A block of one category's share: shown in its outcome's table of shares instead."""
    return any(e.category is not None for e in block.estimates.values())


def _categorical(res: ComparisonResult) -> list[str]:
    """The categorical outcomes, in the order of their estimates."""
    return list(dict.fromkeys(e.category.outcome for e in res.estimates if e.category))


def shares_section(
    outcome: str, res: ComparisonResult, r: Report, lang: Lang, lv: str, main: bool
) -> Section | None:
    """A categorical outcome: each category's share per wording and the difference in pp,
    per domain (the main domains, or with ``main`` False the cross-classified ones), then
    its Rao-Scott tests. None when it has no such domain."""
    shares = [e for e in res.estimates if e.category and e.category.outcome == outcome]
    domains = [d for d in dict.fromkeys(e.domain for e in shares) if is_main_domain(d) == main]
    if not domains:
        return None
    names = variant_names(r, lang)
    variants = list(dict.fromkeys(e.variant for e in shares))
    shown = {e.outcome for e in shares}
    diffs = [d for d in res.differences if d.outcome in shown]
    pairs = list(dict.fromkeys((d.a, d.b) for d in diffs))
    by = {(e.outcome, e.variant, e.domain): e for e in shares}
    dby = {(d.outcome, d.a, d.b, d.domain): d for d in diffs}
    texts = spec_texts(res, lang)
    rows = []
    for dom in domains:
        rows.append(group_row(domain_text(dom, lang, texts), 1 + len(variants) + 2 * len(pairs)))
        for name in dict.fromkeys(e.outcome for e in shares):
            label = next(e.category.label for e in shares if e.outcome == name and e.category)
            where: dict[str, Any] = {"outcome": outcome, "category": label,
                                     "domain": domain_key(dom)}
            cells = [cell(i18n.label(label, lang))]
            for v in variants:
                x = by.get((name, v, dom))
                cells.append(num(x.value.estimate if x else None, _share_text(x), "estimate",
                                 kind="interval", variant=v, **where))
            for a, b in pairs:
                cells += _share_difference(dby.get((name, a, b, dom)), a, b, where)
            rows.append(Row(tuple(cells), data=tuple(where.items())))
    columns = [(t("category", lang), False)]
    columns += [(f"{names.get(v, v)} ({t('ci-level', lang, level=lv)})", True) for v in variants]
    for a, b in pairs:
        columns += [(t("diff-pp", lang, a=names.get(a, a), b=names.get(b, b)), True),
                    (t("p-holm", lang), True)]
    title = t("shares-heading", lang, outcome=outcome_name(outcome, outcome_labels(r, lang), lang))
    blocks: list[Block] = [table(columns, rows), note(t("shares-note", lang, level=lv))]
    blocks += _rao_scott_notes(outcome, res, domains, names, lang)
    return section([run(title), run(" "), run(outcome, "code")], 4, blocks)


def _share_text(x: Estimate | None) -> str:
    """A share with its Korn-Graubard interval (the Wald interval without one)."""
    if x is None:
        return "–"
    low, high = x.ci_beta if x.ci_beta is not None else (x.value.low, x.value.high)
    mark = PRECISION_MARK.get(x.reliability, "")
    return f"{i18n.pct(x.value.estimate, 1)}{mark} {ci_text((low, high), 'proportion')}"


def _share_difference(
    d: Difference | None, a: str, b: str, where: dict[str, Any]
) -> list[Cell]:
    """b - a in pp with its CI, and Holm's p; ``where`` names the share in report.json."""
    if d is None:
        return [cell("–"), cell("–")]
    tv = d.test.value
    text = f"{value_text(tv.estimate, 'proportion', sign=True)} " \
        f"{ci_text((tv.low, tv.high), 'proportion', sign=True)}"
    return [num(tv.estimate, text, "diff", kind="interval", a=a, b=b, **where),
            num(d.test.p_holm, i18n.pval(d.test.p_holm), "p_holm", a=a, b=b, **where)]


def _rao_scott_notes(
    outcome: str, res: ComparisonResult, domains: Sequence[Domain], names: dict[str, str],
    lang: Lang,
) -> list[Block]:
    """One line per pair (or all the variants) under the table: each domain's F test."""
    tests = [x for x in res.rao_scott if x.outcome == outcome and x.domain in domains]
    out: list[Block] = []
    for group in dict.fromkeys(x.variants or (x.a, x.b) for x in tests):
        shown = [names.get(v, v) for v in group]
        tested = (t("rao-scott-versus", lang, a=shown[0], b=shown[1]) if len(group) == 2
                  else ", ".join(shown))
        found = [x for x in tests if (x.variants or (x.a, x.b)) == group]
        results = "; ".join(
            t("rao-scott-result", lang, where=domain_text(x.domain, lang, spec_texts(res, lang)),
              f=i18n.num(x.f, 2),
              ndf=i18n.num(x.ndf, 2), ddf=i18n.num(x.ddf, 1), p=i18n.p_is(x.p))
            for x in found)
        heading = t("rao-scott", lang, categories=max(x.categories for x in found),
                    tested=tested)
        out.append(para(f"{heading}: {results}.", kind="note"))
    return out


def microdata_section(r: Report, lang: Lang) -> Section:
    res = r.comparison
    title = t("sec-microdata", lang)
    if res is None:
        return section(title, 2, [para(t("no-microdata", lang))], id="microdata")
    lv = i18n.level_text(res.ci_level)
    title_text = res.text_in(res.title, lang)
    blocks: list[Block] = [para(run(title_text, "strong"))] if res.title else []
    names = variant_names(r, lang)
    for m in r.summary.microdata:
        blocks.append(para(micro_text(m, res.ci_level, lang, outcome_labels(r, lang), names,
                                      spec_texts(res, lang))))
    blocks += microdata_caveat_paras(r, lang)
    blocks.append(_datasets_table(res, r, lang))
    blocks.append(note(t("chart-on-first-page", lang)))
    estimates: list[Block] = [
        outcome_section(b, r, lang, lv, main) for b, main in main_outcomes(res)
        if not _is_share(b)
    ]
    estimates += [s for o in _categorical(res) if (s := shares_section(o, res, r, lang, lv, True))]
    estimates.append(note(t("precision-note", lang)))
    if appendix_outcomes(res) or appendix_gaps(res):
        estimates.append(note(t("main-domains-note", lang)))
    blocks.append(section(t("sub-estimates", lang), 3, estimates))
    gaps = main_gaps(res)
    if gaps:
        texts = spec_texts(res, lang)
        first, second = spec_label(gaps[0].first, lang, texts), spec_label(gaps[0].second, lang,
                                                                            texts)
        heading = t("sub-gaps", lang, first=first, second=second)
        blocks.append(section(heading, 3, [gap_table(gaps, res, r, lv, lang)]))
    if res.missing:
        blocks.append(section(t("sub-nonresponse", lang), 3, [_nonresponse_table(res, r, lang)]))
    if res.caveats:
        items = tuple(item(i18n.caveat_text(c, lang)) for c in res.caveats)
        blocks.append(section(t("caveats", lang), 3, [BulletList(items)]))
    return section(title, 2, blocks, id="microdata")


def _datasets_table(res: ComparisonResult, r: Report, lang: Lang) -> Table:
    rows = [
        Row(
            (
                cell(d.name),
                cell(shown_file(d.file, r), "code"),
                num(d.rows, f"{d.rows:,}", "rows"),
                cell(", ".join(variant_name(r, v, lang) for v in d.variants)),
                cell(d.design_text(lang)),
            ),
            data=(("dataset", d.name),),
        )
        for d in res.datasets
    ]
    columns = [(t("datasets", lang), False), (t("file", lang), False), (t("rows", lang), True)]
    columns += [(t("variant", lang), False), (t("design", lang), False)]
    return table(columns, rows)


def _gap_what(g: Gap, r: Report, lang: Lang) -> str:
    if g.variant is not None:
        texts = spec_texts(r.comparison, lang)
        first, second = spec_label(g.first, lang, texts), spec_label(g.second, lang, texts)
        return (
            f"{t('key-gap', lang, first=first, second=second)}: {variant_name(r, g.variant, lang)}"
        )
    a, b = variant_name(r, g.a or "", lang), variant_name(r, g.b or "", lang)
    return f"{t('did', lang)}: {a} → {b}"


def _gap_outcome(g: Gap, r: Report, lang: Lang) -> str:
    """The outcome of a gap; a category's share as its outcome's label and the category."""
    if g.category is None:
        return outcome_name(g.outcome, outcome_labels(r, lang), lang)
    name = outcome_name(g.category.outcome, outcome_labels(r, lang), lang)
    return f"{name}: {i18n.label(g.category.label, lang)}"


def gap_table(gaps: Sequence[Gap], res: ComparisonResult, r: Report, lv: str, lang: Lang) -> Table:
    """Gaps under each wording and their change, grouped by outcome."""
    rows = []
    kinds = {x.outcome: x.kind for x in res.estimates}
    with_domain = any(g.domain for g in gaps)
    outcome = None
    for g in gaps:
        if g.outcome != outcome:
            outcome = g.outcome
            rows.append(group_row(_gap_outcome(g, r, lang), 5 if with_domain else 4))
        tv = g.test.value
        kind = kinds.get(g.outcome, "mean")
        shown = domain_text(g.domain, lang, spec_texts(res, lang))
        cells = [cell(shown, nowrap=True)] if with_domain else []
        cells += [
            cell(_gap_what(g, r, lang)),
            num(tv.estimate, value_text(tv.estimate, kind, 2, sign=True), g.kind),
            num(None, ci_text((tv.low, tv.high), kind, 2, sign=True), "ci", kind="interval"),
            num(g.test.p, i18n.pval(g.test.p), "p"),
        ]
        where = (
            ("row", g.kind),
            ("outcome", g.outcome),
            ("variant", g.variant or ""),
            ("a", g.a or ""),
            ("b", g.b or ""),
            ("domain", domain_key(g.domain)),
        )
        rows.append(Row(tuple(cells), data=where))
    columns = [(t("domain", lang), False)] if with_domain else []
    columns += [("", False), (t("estimate", lang), True), (t("ci-level", lang, level=lv), True)]
    columns.append((t("p", lang), True))
    return table(columns, rows)


def _nonresponse_table(res: ComparisonResult, r: Report, lang: Lang) -> Table:
    rows = []
    for g in nonresponse_groups(res):
        names = ", ".join(outcome_name(o, outcome_labels(r, lang), lang) for o in g.outcomes)
        rows.append(group_row(f"{g.variable} ({t('outcomes-shared', lang)}: {names})", 6))
        for m in g.rows:
            codes = "; ".join(f"{i18n.missing_code(k, lang)}: {v}" for k, v in m.codes.items())
            cells = (
                cell(variant_name(r, m.variant, lang)),
                num(m.n, f"{m.n:,}", "n"),
                num(m.n_missing, f"{m.n_missing:,}", "n_missing"),
                num(m.rate, i18n.pct(m.rate, 2), "rate"),
                num(
                    m.weighted_rate.estimate, i18n.pct(m.weighted_rate.estimate, 2), "weighted_rate"
                ),
                cell(codes),
            )
            where = (("row", "missing"), ("outcome", m.outcome), ("variant", m.variant))
            rows.append(Row(cells, data=where))
        for d in g.differences:
            tv = d.test.value
            a, b = variant_name(r, d.a, lang), variant_name(r, d.b, lang)
            cells = (
                cell(t("nr-difference", lang, a=a, b=b)),
                cell(),
                cell(),
                cell(),
                num(tv.estimate, value_text(tv.estimate, "proportion", 2, sign=True), "diff"),
                cell(f"p {i18n.p_is(d.test.p)}"),
            )
            rows.append(
                Row(cells, data=(("row", "nonresponse-difference"), ("outcome", d.outcome)))
            )
    columns = [(t("variant", lang), False), (t("n", lang), True), (t("missing-rate", lang), True)]
    columns += [("%", True), (t("weighted-rate", lang), True), (t("missing-codes", lang), False)]
    return table(columns, rows)


def appendix_section(r: Report, lang: Lang) -> Section:
    blocks: list[Block] = []
    res = r.comparison
    if res is not None:
        lv = i18n.level_text(res.ci_level)
        cross = [(b, domains) for b, domains in appendix_outcomes(res) if not _is_share(b)]
        parts: list[Section] = [outcome_section(b, r, lang, lv, domains) for b, domains in cross]
        parts += [s for o in _categorical(res) if (s := shares_section(o, res, r, lang, lv, False))]
        if parts:
            blocks.append(section(t("app-estimates", lang), 3, parts))
        gaps = appendix_gaps(res)
        if gaps:
            blocks.append(section(t("app-gaps", lang), 3, [gap_table(gaps, res, r, lv, lang)]))
    ids = [
        Row(
            (cell(variant_name(r, w.id, lang)), cell(w.id, "code"), cell(w.language)),
            data=(("wording-id", w.id),),
        )
        for w in r.wordings
    ]
    columns = [(t("wording", lang), False), (t("registry-id", lang), False)]
    columns.append((t("language", lang), False))
    blocks.append(section(t("app-wording-ids", lang), 3, [table(columns, ids)]))
    blocks.append(section(t("sec-frame", lang), 3, [_frame_table(r, lang)]))
    confusion = _confusion(r, lang)
    if confusion is not None:
        blocks.append(confusion)
    return section(t("sec-appendix", lang), 2, blocks, id="appendix")


def _frame_table(r: Report, lang: Lang) -> Table:
    rows = []
    for fc in r.frame_codes:
        label = fc["label_es"] if lang == "es" else fc["label"]
        code = Cell((run(fc["id"], "code", break_after=True), run(label, "muted")))
        cells = (code, cell(t("role-" + fc["role"], lang)), cell(frame_definition(fc, lang)))
        rows.append(Row(cells, data=(("frame-code", fc["id"]),)))
    columns = [(t("code", lang), False), (t("role", lang), False), (t("definition", lang), False)]
    return table(columns, rows)


def _confusion(r: Report, lang: Lang) -> Section | None:
    """The pooled code x code table of the codes coders swap."""
    cf = r.confusion
    if not cf.get("codes"):
        return None
    rows = [
        Row(
            (cell(str(i)), cell(c, "code"), *(num(x, str(x) if x else "·") for x in row)),
            data=(("confusion-row", c),),
        )
        for i, (c, row) in enumerate(zip(cf["codes"], cf["matrix"], strict=True), start=1)
    ]
    columns = [("#", False), (t("code", lang), False)]
    columns += [(str(i), True) for i in range(1, len(cf["codes"]) + 1)]
    heading = t("app-confusion", lang, segments=cf["segments"])
    return section(
        heading, 3, [note(t("confusion-note", lang)), table(columns, rows, kind="confusion")]
    )
