"""The report as Markdown: the same sections and numbers as the HTML, without the charts.

Text from respondents and files is escaped so that it renders as text: ``<``, ``>`` and
``&`` become entities (an answer with ``<script>`` stays visible text in any Markdown
viewer), and Markdown's own markup characters are backslash-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
)
from tut.report.model import AlphaRow, Report
from tut.report.outcomes import PRECISION_MARK, OutcomeBlock
from tut.report.phrases import (
    agreement_method,
    caveat_line,
    ci_text,
    code_list,
    code_names,
    consensus_text,
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
from tut.safe_text import visible

FLAG = "⚠"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")


def md(text: object) -> str:
    """Escape text for Markdown (one line: newlines become spaces)."""
    s = visible("" if text is None else str(text), multiline=True)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def code(text: object) -> str:
    """Inline code; backticks inside are replaced so the span cannot be broken out of."""
    s = visible(str(text).replace("\n", " ")).replace("`", "'")
    return f"`{s}`"


def mtable(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "| " + " | ".join(headers) + " |"
    rule = "|" + "|".join("---" for _ in headers) + "|"
    body = ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join([head, rule, *body])


def alpha_md(
    rows: Sequence[AlphaRow], lang: Lang, names: dict[str, str] | None = None
) -> list[list[str]]:
    """Alpha per slice; ``names`` shows codes and wordings by their labels."""
    names = names or {}
    out = []
    for row in rows:
        mark = f"{FLAG} " if not row.reliable_enough else ""
        out.append(
            [
                md(t("scope-" + row.scope, lang)),
                md(names[row.key]) if row.key in names else code(i18n.key_text(row.key, lang)),
                mark + i18n.alpha(row.value),
                t("too-few-uses", lang) if row.too_few_uses else i18n.interval(row.ci, 3),
                i18n.num(row.p_below_tentative, 3),
                md(t("verdict-" + row.verdict, lang)),
                str(row.n_units),
                str(row.n_pairable),
            ]
        )
    return out


def _est(x: Estimate | None) -> str:
    if x is None:
        return "–"
    v = x.value

    def f(value: float) -> str:
        return i18n.pct(value, 1) if x.kind == "proportion" else i18n.num(value, 1)

    mark = PRECISION_MARK.get(x.reliability, "").replace("*", "\\*")
    return f"{f(v.estimate)}{mark} \\[{f(v.low)}, {f(v.high)}\\]"


def _brackets(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def _outcome_table(
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
                _brackets(
                    f"{value_text(tv.estimate, block.kind, sign=True)} "
                    f"{ci_text((tv.low, tv.high), block.kind, sign=True)}"
                ),
                md(i18n.pval(d.test.p_holm)),
                i18n.num(d.effect_size, 2),
            ]
        rows.append(cells)
    return mtable([md(h) for h in headers], rows)


def _outcome_heading(block: OutcomeBlock, r: Report, lang: Lang) -> str:
    name = outcome_name(block.outcome, r.outcome_labels, lang)
    unit = unit_text(block.unit, block.kind, lang)
    ident = f" {code(block.outcome)}" if name != block.outcome else ""
    return f"#### {md(name)} ({md(unit)}){ident}"


def _summary(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    s = r.summary
    L += [f"## {md(t('sec-summary', lang))}", "", f"**{md(headline_text(r, lang))}**", ""]
    text, warning = frame_text(r, lang)
    if warning:
        L += [f"{FLAG} **{md(text)}**", ""]
    if s.warnings:
        L += [f"- {FLAG} {md(caveat_line(k, p, lang, r))}" for k, p in s.warnings]
        L.append("")
    names = variant_names(r, lang)
    for f in ordered_findings(r, lang):
        line = f"- **{md(finding_title(f, lang, r))}**"
        if f.finding == "inconclusive" and f.reasons:  # the numbers are in the key table
            line += " " + md(finding_reason(f, 0, lang, r))
        L.append(line)
    L.append("")
    for m in s.microdata:
        L += [md(micro_short(m, lang, r.outcome_labels, names)), ""]
    L += [f"### {md(t('key-numbers', lang))}", ""]
    header: list[str] = []
    rows: list[list[str]] = []
    for row in key_rows(r, lang):
        if row.head:
            cells = [f"**{md(c)}**" if c else "" for c in row.cells]
            if header:
                rows.append(cells)
            else:
                header = cells
            continue
        mark = f"{FLAG} " if row.flagged else ""
        label, *values = row.cells
        rows.append([md(label), *[md(mark + v) if v else "" for v in values]])
    if header:
        L += [mtable(header, rows), "", f"*{md(share_note(r, lang))}*", ""]
    if s.caveats:
        L += [f"### {md(t('main-caveats', lang))}", ""]
        L += [f"- {md(caveat_line(k, p, lang, r))}" for k, p in s.caveats]
        L.append("")
    L += [f"*{md(t('better-means', lang))}*", ""]
    return L


def _wordings(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    L += [f"## {md(t('sec-wordings', lang))}", ""]
    for w in r.wordings:
        L += [f"### {md((w.label_es if lang == 'es' else w.label) or w.id)}", ""]
        if not w.wording:
            L += [md(t("no-wording", lang)), ""]
            continue
        L += [f"> {md(w.wording)}", ""]
        bits = [md(wording_meta(w, lang))]
        if w.source:
            bits.append(f"{md(t('source', lang))}: {md(w.source)}")
        if w.citation:
            bits.append(f"{md(t('citation', lang))}: {code(w.citation)}")
        L += [" · ".join(bits), ""]
        if not w.read_out:
            status = i18n.named(i18n.TEXT_STATUS_NAMES, w.text_status, lang)
            L += [f"{FLAG} {md(t('not-read-out', lang, status=status))}", ""]
        for f in shown_flags(w):
            name, _severity, message = flag_words(f, lang)
            mark = FLAG if f.severity == "warning" else "·"
            L.append(f"- {mark} **{md(name)}**: {md(message)}")
        L.append("")
    if r.pairs:
        L += [f"### {md(t('sub-diff', lang))}", ""]
    for p in r.pairs:
        marked = "".join(
            f"~~{md(x.text)}~~"
            if x.kind == "delete"
            else f"**{md(x.text)}**"
            if x.kind == "insert"
            else md(x.text)
            if x.text.strip()
            else " "
            for x in p.pieces
        )
        L += [
            f"{md(variant_name(r, p.reference, lang))} → "
            f"{md(variant_name(r, p.alternative, lang))} ({md(t('similarity', lang))} "
            f"{p.similarity:.2f})",
            "",
            f"> {marked}",
            "",
        ]
    return L


QUOTE_MARKS = {"en": ("“", "”"), "es": ("«", "»")}


def _interviews(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    L += [f"## {md(t('sec-interviews', lang))}", "", f"### {md(t('sub-readings', lang))}", ""]
    frame_flag = not r.agreement.overall.reliable_enough
    mark = f"{FLAG} " if frame_flag else ""
    names = variant_names(r, lang)
    L.append(
        mtable(
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
    )
    L += ["", f"### {md(t('sub-distribution', lang))}", ""]
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
    L.append(
        mtable(
            [
                t("code", lang),
                t("role", lang),
                *[md(names.get(c.variant, c.variant)) for c in r.coding],
                t("alpha", lang),
            ],
            rows,
        )
    )
    L += ["", f"*{md(t('flag-mark-note', lang))}*", "", f"### {md(t('sub-quotes', lang))}", ""]
    L += [f"*{md(t('quotes-note', lang, n=QUOTES_PER_CODE))}*", ""]
    by_variant = {c.variant: c for c in r.coding}
    probes = probe_names(r, lang)
    start, end = QUOTE_MARKS[lang]
    for language, variants in language_groups(r):
        name = i18n.named(i18n.LANGUAGE_NAMES, language, lang)
        name = name.lower() if lang == "es" else name  # "Citas en inglés"
        L += [f"#### {md(t('quotes-language', lang, language=name))}", ""]
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
        L += [mtable([t("code", lang), *[md(names.get(v, v)) for v in variants]], rows), ""]
    return L


def _agreement(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    a = r.agreement
    L += [f"## {md(t('sec-agreement', lang))}", "", md(frame_text(r, lang)[0]), ""]
    if r.summary.unreliable_codes:
        codes = code_list(r, r.summary.unreliable_codes, lang)
        L += [md(t("codes-unreliable-plain", lang, codes=codes)), ""]
    L.append(
        mtable(
            [
                "",
                "",
                t("alpha", lang),
                t("ci-level", lang, level="95%"),
                t("p-below", lang),
                t("verdict", lang),
                t("units", lang),
                t("pairable", lang),
            ],
            alpha_md(
                [
                    a.overall,
                    *a.by_code,
                    *a.by_variant,
                    *a.by_probe,
                    *a.by_pair,
                    *a.by_time,
                    *a.intra,
                ],
                lang,
                {**variant_names(r, lang), **code_names(r, lang)},
            ),
        )
    )
    L += [
        "",
        md(f"{t('agreement-method', lang)}: {agreement_method(a, lang)}.")
        + " "
        + md(t("agreement-verdict-source", lang)),
        "",
    ]
    return L


def _gap_rows(gaps: Sequence[Gap], res: ComparisonResult, r: Report, lang: Lang) -> str:
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
                _brackets(ci_text((tv.low, tv.high), kind, 2, sign=True)),
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


def _microdata(r: Report, lang: Lang) -> list[str]:
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
            _outcome_heading(block, r, lang),
            "",
            _outcome_table(block, lv, lang, main, variant_names(r, lang)),
            "",
        ]
    L += [md(t("precision-note", lang)), ""]
    if appendix_outcomes(res) or appendix_gaps(res):
        L += [md(t("main-domains-note", lang)), ""]
    gaps = main_gaps(res)
    if gaps:
        first, second = i18n.label(gaps[0].first, lang), i18n.label(gaps[0].second, lang)
        L += [f"### {md(t('sub-gaps', lang, first=first, second=second))}", ""]
        L += [_gap_rows(gaps, res, r, lang), ""]
    if res.missing:
        L += [f"### {md(t('sub-nonresponse', lang))}", "", _nonresponse(res, r, lang), ""]
    if res.caveats:
        L += [f"### {md(t('caveats', lang))}", ""]
        L += [f"- {md(i18n.caveat_text(c, lang))}" for c in res.caveats]
        L.append("")
    return L


def _note_fields(fields: dict[str, object], lang: Lang) -> list[str]:
    return [
        f"- {md(i18n.pick(i18n.NOTE_FIELDS.get(k, (k, k)), lang))}: {md(v)}"
        for k, v in fields.items()
        if v and not isinstance(v, (list, dict))
    ]


def _methods(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    n = r.notes.in_language(lang)
    s = r.sample
    L += [f"## {md(t('sec-methods', lang))}", "", md(t("cirf-intro", lang)), ""]
    for key, value in (
        ("cirf-objectives", n.objectives),
        ("cirf-design", n.design),
        ("cirf-ethics", n.ethics),
    ):
        if value:
            L += [f"### {md(t(key, lang))}", "", md(value), ""]
    L += [f"### {md(t('cirf-sample', lang))}", ""]
    counts = {k: s[k] for k in ("respondents", "interviews", "segments")}
    L += [md(t("sample-line", lang, **counts)), ""]
    if r.pseudonymised:
        L += [md(t("pseudonymised-note", lang)), ""]
    L += _note_fields(dict(n.sample), lang)
    languages = ", ".join(
        f"{md(i18n.named(i18n.LANGUAGE_NAMES, k, lang))} {v}" for k, v in s["by_language"].items()
    )
    L.append(f"- {md(t('by-language', lang))}: {languages}")
    for attr, values in s["by_attribute"].items():
        name = i18n.named(i18n.ATTRIBUTE_NAMES, attr, lang)
        shown = ", ".join(f"{md(i18n.label(k, lang))} {v}" for k, v in values.items())
        L.append(f"- {md(name)}: {shown}")
    L += ["", f"### {md(t('cirf-collection', lang))}", ""]
    line = t(
        "protocol-line", lang, protocol=r.protocol_id, version=r.protocol_version, frame=r.frame_id
    )
    L += [md(line), ""]
    if r.frame_revisions:
        L += [md(t("frame-revised", lang, version=r.frame_version)), ""]
        L += [f"- {md(x)}" for x in r.frame_revisions] + [""]
    L += _note_fields(dict(n.data_collection), lang)
    L.append("")
    headers = [t("probe", lang), t("kind", lang), t("mode", lang), t("text", lang)]
    headers.append(t("segments", lang))
    L.append(
        mtable(
            headers,
            (
                [
                    code(p["id"]),
                    md(i18n.named(i18n.PROBE_KINDS, p["kind"], lang)),
                    md(i18n.named(i18n.PROBE_KINDS, p["mode"], lang)),
                    md(p["text_es"] if lang == "es" else p["text"]),
                    p["segments"],
                ]
                for p in r.probes
            ),
        )
    )
    L.append("")
    if n.interviewers:
        L += [f"### {md(t('cirf-interviewers', lang))}", ""]
        L += [
            f"- {md(i.get('id', ''))} ({md(i.get('language', ''))}): {md(i.get('background', ''))}"
            for i in n.interviewers
        ]
        L.append("")
    elif s["interviewers"]:
        L += [f"### {md(t('cirf-interviewers', lang))}", "", md(", ".join(s["interviewers"])), ""]
    coders = ", ".join(s["coders"]) or "–"
    adjudicators = ", ".join(s["adjudicators"]) or "–"
    L += [
        f"### {md(t('cirf-analysis', lang))}",
        "",
        md(t("coders-line", lang, coders=coders, adjudicators=adjudicators)),
        "",
        md(consensus_text(s, lang)),
        "",
    ]
    L += _note_fields({k: v for k, v in n.analysis.items() if k != "steps"}, lang)
    L.append("")
    for i, step in enumerate(n.analysis.get("steps") or [], start=1):
        L.append(f"{i}. {md(step)}")
    L += ["", md(f"{t('agreement-method', lang)}: {agreement_method(r.agreement, lang)}."), ""]
    L += [f"### {md(t('sec-rules', lang))}", ""]
    L += [f"{i}. {md(x)}" for i, x in enumerate(rule_texts(r, lang), start=1)]
    if n.limitations:
        L += ["", f"### {md(t('cirf-limitations', lang))}", ""]
        L += [f"- {md(x)}" for x in n.limitations]
    L += ["", f"*{md(t('frame-in-appendix', lang))}*", ""]
    return L


def _provenance(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    p = r.provenance
    L += [f"## {md(t('sec-provenance', lang))}", ""]
    L.append(f"- {md(t('generated', lang))}: {md(p.generated)}")
    L.append(f"- {md(t('seed', lang))}: {md(p.seed)}")
    if p.command:
        L.append(f"- {md(t('command', lang))}: {code(p.command)}")
    software = ", ".join(f"{md(k)} {md(v)}" for k, v in p.software.items())
    L += [f"- {md(t('software', lang))}: {software}", ""]
    L.append(
        mtable(
            ["", t("file", lang), t("sha256", lang), t("bytes", lang)],
            (
                [
                    md(i18n.named(i18n.FILE_ROLES, f.role, lang)),
                    code(f.path),
                    code(f.sha256),
                    f"{f.bytes:,}",
                ]
                for f in p.files
            ),
        )
    )
    if p.spec_text:
        fence = "~~~~"
        while fence in p.spec_text:
            fence += "~"
        L += ["", f"### {md(t('spec', lang))}", "", f"{fence}yaml", p.spec_text.rstrip(), fence]
    L.append("")
    return L


def _appendix(r: Report, lang: Lang) -> list[str]:
    L: list[str] = [f"## {md(t('sec-appendix', lang))}", ""]
    res = r.comparison
    if res is not None:
        lv = i18n.level_text(res.level)
        cross_outcomes = appendix_outcomes(res)
        if cross_outcomes:
            L += [f"### {md(t('app-estimates', lang))}", ""]
            for block, cross in cross_outcomes:
                L += [_outcome_heading(block, r, lang), ""]
                L += [_outcome_table(block, lv, lang, cross, variant_names(r, lang)), ""]
        gaps = appendix_gaps(res)
        if gaps:
            L += [f"### {md(t('app-gaps', lang))}", "", _gap_rows(gaps, res, r, lang), ""]
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


def render_markdown(report: Report, lang: Lang = "en") -> str:
    """The whole report as a Markdown document (same sections as the HTML)."""
    if lang not in i18n.LANGS:
        raise ValueError(f"unknown report language {lang!r}")
    r = report
    L: list[str] = [f"# {md(t('report-title', lang))}: {md(r.title)}", ""]
    L += [f"{md(r.protocol_id)} · {md(r.provenance.generated)}", ""]
    if r.notes.illustrative:
        L += [f"> **{md(t('illustrative-banner', lang))}**", ""]
    for section in (
        _summary,
        _wordings,
        _interviews,
        _agreement,
        _microdata,
        _methods,
        _provenance,
        _appendix,
    ):
        L += section(r, lang)
    return "\n".join(L)
