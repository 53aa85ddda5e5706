"""The report as Markdown: the same sections and numbers as the HTML, without the charts.

Text from respondents and files is escaped so that it renders as text: ``<``, ``>`` and
``&`` become entities (an answer with ``<script>`` stays visible text in any Markdown
viewer), and Markdown's own markup characters are backslash-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tut import __version__
from tut.compare.results import Estimate
from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.model import AlphaRow, CodeCount, Report
from tut.report.outcomes import PRECISION_MARK, OutcomeBlock, outcome_blocks
from tut.report.phrases import (
    domain_text,
    finding_title,
    frame_text,
    headline_text,
    micro_text,
    reason_text,
    rule_texts,
)

FLAG = "⚠"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")


def md(text: object) -> str:
    """Escape text for Markdown (one line: newlines become spaces)."""
    s = "" if text is None else str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def code(text: object) -> str:
    """Inline code; backticks inside are replaced so the span cannot be broken out of."""
    s = str(text).replace("`", "'").replace("\n", " ")
    return f"`{s}`"


def mtable(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "| " + " | ".join(headers) + " |"
    rule = "|" + "|".join("---" for _ in headers) + "|"
    body = ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join([head, rule, *body])


def alpha_md(rows: Sequence[AlphaRow], lang: Lang) -> list[list[str]]:
    out = []
    for row in rows:
        mark = f"{FLAG} " if not row.reliable_enough else ""
        out.append(
            [
                md(t("scope-" + row.scope, lang)),
                code(i18n.key_text(row.key, lang)),
                mark + i18n.alpha(row.value),
                i18n.interval(row.ci, 3),
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
    return f"{f(v.estimate)}{mark} [{f(v.low)}, {f(v.high)}]".replace("[", "\\[").replace(
        "]", "\\]"
    )


def _outcome_table(block: OutcomeBlock, lv: str, lang: Lang) -> str:
    headers = [
        t("domain", lang),
        *[f"{v} ({t('ci-level', lang, level=lv)})" for v in block.variants],
    ]
    for a, b in block.pairs:
        headers += [f"{b} − {a}", t("p-holm", lang), t("effect", lang)]
    rows = []
    for dom in block.domains:
        cells = [md(domain_text(dom, lang))]
        cells += [_est(block.estimates.get((v, dom))) for v in block.variants]
        for a, b in block.pairs:
            d = block.differences.get((a, b, dom))
            if d is None:
                cells += ["–", "–", "–"]
                continue
            tv = d.test.value
            scale, suffix = (100.0, " pp") if block.kind == "proportion" else (1.0, "")
            cells += [
                f"{i18n.signed(scale * tv.estimate, 1)}{suffix} "
                f"\\[{i18n.signed(scale * tv.low, 1)}, {i18n.signed(scale * tv.high, 1)}\\]",
                md(i18n.pval(d.test.p_holm)),
                f"{i18n.num(d.effect_size, 2)} ({md(d.effect_size_kind)})",
            ]
        rows.append(cells)
    return mtable(headers, rows)


def _summary(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    L += [f"## {md(t('sec-summary', lang))}", "", f"**{md(headline_text(r, lang))}**", ""]
    text, warning = frame_text(r, lang)
    L += [(f"{FLAG} **{md(text)}**" if warning else md(text)), ""]
    if r.summary.unreliable_codes:
        L += [
            md(t("codes-unreliable-plain", lang, codes=", ".join(r.summary.unreliable_codes))),
            "",
        ]
    for f in r.summary.languages:
        L += [f"### {md(finding_title(f, lang))}", ""]
        L += [f"- {md(reason_text(k, f.params, lang))}" for k in f.reasons]
        L.append("")
    level = r.comparison.level if r.comparison else 0.95
    for m in r.summary.microdata:
        L += [md(micro_text(m, level, lang)), ""]
    L += [f"*{md(t('why-better', lang))}*", ""]
    return L


def _wordings(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    L += [f"## {md(t('sec-wordings', lang))}", ""]
    for w in r.wordings:
        L += [f"### {code(w.id)}", ""]
        if not w.wording:
            L += [md(t("no-wording", lang)), ""]
            continue
        L += [f"> {md(w.wording)}", ""]
        if not w.read_out:
            L += [f"{FLAG} {md(t('not-read-out', lang, status=w.text_status))}", ""]
        L.append(
            f"- {md(t('language', lang))}: {md(w.language)}; {md(t('text-status', lang))}: "
            f"{md(w.text_status)}; {md(t('status', lang))}: {md(w.status)}"
        )
        L.append(f"- {md(t('source', lang))}: {md(w.source)}")
        if w.citation:
            L.append(f"- {md(t('citation', lang))}: {code(w.citation)}")
        for f in w.flags:
            L.append(
                f"- {FLAG if f.severity == 'warning' else '·'} **{md(f.check)}**: {md(f.message)}"
            )
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
            f"{code(p.reference)} → {code(p.alternative)} ({md(t('similarity', lang))} "
            f"{p.similarity:.2f})",
            "",
            f"> {marked}",
            "",
        ]
    return L


def _interviews(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    L += [f"## {md(t('sec-interviews', lang))}", "", f"### {md(t('sub-readings', lang))}", ""]
    frame_flag = not r.agreement.overall.reliable_enough
    mark = f"{FLAG} " if frame_flag else ""
    L.append(
        mtable(
            [
                t("variant", lang),
                t("respondents", lang),
                t("on-target", lang),
                t("off-target", lang),
                t("net-fit", lang) + " (pp)",
            ],
            (
                [
                    code(c.variant),
                    str(c.reading.respondents),
                    f"{mark}{c.reading.target} ({i18n.pct(c.reading.target_share)})",
                    f"{mark}{c.reading.off_target} ({i18n.pct(c.reading.off_target_share)})",
                    i18n.points(c.reading.net_fit).replace(" pp", ""),
                ]
                for c in r.coding
            ),
        )
    )
    L += ["", f"### {md(t('sub-distribution', lang))}", ""]
    codes: dict[str, CodeCount] = {}
    for c in r.coding:
        for cc in c.codes:
            codes.setdefault(cc.code, cc)
    order = [fc["id"] for fc in r.frame_codes if fc["id"] in codes]
    rows = []
    for cid in order:
        cc = codes[cid]
        flagged = cc.unreliable or frame_flag
        cells = []
        for c in r.coding:
            hit = next((x for x in c.codes if x.code == cid), None)
            n, share = (hit.count, hit.share) if hit else (0, 0.0)
            cells.append(f"{FLAG + ' ' if flagged else ''}{n} ({i18n.pct(share)})")
        alpha = (f"{FLAG} " if cc.unreliable else "") + i18n.alpha(cc.alpha)
        rows.append([code(cid), md(t("role-" + cc.role, lang)), *cells, alpha])
    L.append(
        mtable(
            [t("code", lang), t("role", lang), *[c.variant for c in r.coding], t("alpha", lang)],
            rows,
        )
    )
    L += ["", f"*{md(t('flag-mark-note', lang))}*", "", f"### {md(t('sub-quotes', lang))}", ""]
    for c in r.coding:
        L += [f"#### {code(c.variant)}", ""]
        for cc in c.codes:
            if not cc.quotes:
                continue
            label = cc.label_es if lang == "es" else cc.label
            L.append(f"- {FLAG + ' ' if cc.unreliable else ''}**{md(cc.code)}** ({md(label)})")
            for q in cc.quotes:
                L.append(f"  - «{md(q.text)}» — {md(q.respondent)}, {md(q.probe)}")
        L.append("")
    return L


def _agreement(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    a = r.agreement
    L += [f"## {md(t('sec-agreement', lang))}", "", md(frame_text(r, lang)[0]), ""]
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
            ),
        )
    )
    L += [
        "",
        md(f"{t('agreement-method', lang)}: {a.method}. {t('agreement-verdict-source', lang)}"),
        "",
    ]
    return L


def _microdata(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    L += [f"## {md(t('sec-microdata', lang))}", ""]
    res = r.comparison
    if res is None:
        L += [md(t("no-microdata", lang)), ""]
    else:
        lv = i18n.level_text(res.level)
        if res.title:
            L += [f"**{md(res.title)}**", ""]
        L += [f"### {md(t('sub-estimates', lang))}", ""]
        for block in outcome_blocks(res):
            L += [f"#### {md(block.title)}", ""]
            L.append(_outcome_table(block, lv, lang))
            L.append("")
        L += [md(t("precision-note", lang)), ""]
        if res.gaps:
            L += ["", f"### {md(t('sub-gaps', lang))}", ""]
            L.append(
                mtable(
                    [
                        t("outcome", lang),
                        "",
                        t("domain", lang),
                        t("variant", lang),
                        t("estimate", lang),
                        t("ci-level", lang, level=lv),
                        t("p", lang),
                    ],
                    (
                        [
                            md(g.outcome),
                            md(t("gap", lang) if g.kind == "gap" else t("did", lang)),
                            md(domain_text(g.domain, lang)),
                            code(g.variant)
                            if g.variant is not None
                            else f"{code(g.a)} → {code(g.b)}",
                            i18n.signed(g.test.value.estimate, 2),
                            i18n.interval((g.test.value.low, g.test.value.high), 2),
                            i18n.pval(g.test.p),
                        ]
                        for g in res.gaps
                    ),
                )
            )
        if res.missing:
            L += ["", f"### {md(t('sub-nonresponse', lang))}", ""]
            L.append(
                mtable(
                    [
                        t("outcome", lang),
                        t("variant", lang),
                        t("n", lang),
                        t("missing-rate", lang),
                        "%",
                        t("weighted-rate", lang),
                    ],
                    (
                        [
                            md(m.outcome),
                            code(m.variant),
                            f"{m.n:,}",
                            f"{m.n_missing:,}",
                            i18n.pct(m.rate, 2),
                            i18n.pct(m.weighted_rate.estimate, 2),
                        ]
                        for m in res.missing
                    ),
                )
            )
        if res.caveats:
            L += ["", f"### {md(t('caveats', lang))}", ""] + [f"- {md(c)}" for c in res.caveats]
        L.append("")
    return L


def _methods(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    n = r.notes
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
    L += [
        md(t("sample-line", lang, **{k: s[k] for k in ("respondents", "interviews", "segments")})),
        "",
    ]
    if r.pseudonymised:
        L += [md(t("pseudonymised-note", lang)), ""]
    for k, v in n.sample.items():
        L.append(f"- {md(i18n.pick(i18n.NOTE_FIELDS.get(k, (k, k)), lang))}: {md(v)}")
    for k, v in s["by_language"].items():
        L.append(f"- {md(i18n.pick(i18n.LANGUAGE_NAMES.get(k, (k, k)), lang))}: {v}")
    for attr, counts in s["by_attribute"].items():
        name = i18n.pick(i18n.ATTRIBUTE_NAMES.get(attr, (attr, attr)), lang)
        L.append(f"- {md(name)}: " + ", ".join(f"{md(k)} {v}" for k, v in counts.items()))
    L += ["", f"### {md(t('cirf-collection', lang))}", ""]
    L += [
        md(
            t(
                "protocol-line",
                lang,
                protocol=r.protocol_id,
                version=r.protocol_version,
                frame=r.frame_id,
            )
        ),
        "",
    ]
    for k, v in n.data_collection.items():
        L.append(f"- {md(i18n.pick(i18n.NOTE_FIELDS.get(k, (k, k)), lang))}: {md(v)}")
    L.append("")
    L.append(
        mtable(
            [t("probe", lang), t("kind", lang), t("text", lang), t("segments", lang)],
            (
                [
                    code(p["id"]),
                    md(p["kind"]),
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
    c = s["consensus"]
    L += [
        f"### {md(t('cirf-analysis', lang))}",
        "",
        md(
            t(
                "coders-line",
                lang,
                coders=", ".join(s["coders"]) or "–",
                adjudicators=", ".join(s["adjudicators"]) or "–",
            )
        ),
        "",
        md(
            t(
                "consensus-line",
                lang,
                adjudicated=c["adjudicated"],
                agreed=c["agreed"],
                single=c["single-coder"],
                unresolved=c["unresolved"],
            )
        ),
        "",
    ]
    for i, step in enumerate(n.analysis.get("steps") or [], start=1):
        L.append(f"{i}. {md(step)}")
    L += ["", f"### {md(t('sec-rules', lang))}", ""]
    L += [f"{i}. {md(x)}" for i, x in enumerate(rule_texts(r, lang), start=1)]
    if n.limitations:
        L += ["", f"### {md(t('cirf-limitations', lang))}", ""] + [
            f"- {md(x)}" for x in n.limitations
        ]
    L += ["", f"### {md(t('sec-frame', lang))}", ""]
    L.append(
        mtable(
            [t("code", lang), t("label", lang), t("role", lang)],
            (
                [
                    code(fc["id"]),
                    md(fc["label_es"] if lang == "es" else fc["label"]),
                    md(t("role-" + fc["role"], lang)),
                ]
                for fc in r.frame_codes
            ),
        )
    )
    return L


def _provenance(r: Report, lang: Lang) -> list[str]:
    L: list[str] = []
    p = r.provenance
    L += ["", f"## {md(t('sec-provenance', lang))}", ""]
    L.append(f"- {md(t('generated', lang))}: {md(p.generated)}")
    L.append(f"- {md(t('seed', lang))}: {md(p.seed)}")
    if p.command:
        L.append(f"- {md(t('command', lang))}: {code(p.command)}")
    L.append(
        f"- {md(t('software', lang))}: "
        + ", ".join(f"{md(k)} {md(v)}" for k, v in p.software.items())
    )
    L.append("")
    L.append(
        mtable(
            ["", t("file", lang), t("sha256", lang), t("bytes", lang)],
            ([md(f.role), code(f.path), code(f.sha256), f"{f.bytes:,}"] for f in p.files),
        )
    )
    if p.spec_text:
        L += [
            "",
            f"### {md(t('spec', lang))}",
            "",
            "```yaml",
            p.spec_text.replace("```", "'''"),
            "```",
        ]
    L += ["", "---", "", md(t("footer", lang, version=__version__)), ""]
    return L


def render_markdown(report: Report, lang: Lang = "en") -> str:
    """The whole report as a Markdown document."""
    if lang not in i18n.LANGS:
        raise ValueError(f"unknown report language {lang!r}")
    r = report
    L: list[str] = [f"# {md(t('report-title', lang))}: {md(r.title)}", ""]
    L.append(f"{md(r.protocol_id)} · {md(r.provenance.generated)}")
    L.append("")
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
    ):
        L += section(r, lang)
    return "\n".join(L)
