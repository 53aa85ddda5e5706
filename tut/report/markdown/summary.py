"""The first page: the answer, why, the key numbers and the caveats."""

from __future__ import annotations

from tut.report.i18n import Lang, t
from tut.report.layout import key_rows, share_note
from tut.report.markdown.cells import FLAG, md, mtable
from tut.report.model import Report
from tut.report.phrases import (
    caveat_line,
    finding_reason,
    finding_title,
    frame_text,
    headline_text,
    micro_short,
    ordered_findings,
    variant_names,
)


def summary_section(r: Report, lang: Lang) -> list[str]:
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
