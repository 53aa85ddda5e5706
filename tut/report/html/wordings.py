"""The wordings side by side: each wording, its flags, and the word-level changes."""

from __future__ import annotations

from tut.report import i18n
from tut.report.html.cells import FLAG, e
from tut.report.i18n import Lang, t
from tut.report.model import Report, WordingFlagView
from tut.report.phrases import flag_words, shown_flags, variant_name, wording_meta


def wordings_section(r: Report, lang: Lang) -> list[str]:
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
