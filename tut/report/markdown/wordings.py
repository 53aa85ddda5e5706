"""The wordings side by side: each wording, its flags, and the word-level changes."""

from __future__ import annotations

from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.markdown.cells import FLAG, code, md
from tut.report.model import Report
from tut.report.phrases import flag_words, shown_flags, variant_name, wording_meta


def wordings_section(r: Report, lang: Lang) -> list[str]:
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
