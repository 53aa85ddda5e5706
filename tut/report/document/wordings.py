"""The wordings side by side: each wording, its flags, and the word-level changes."""

from __future__ import annotations

from tut.report import i18n
from tut.report.document.model import Block, BulletList, Group, Quote, Run, Section
from tut.report.document.parts import FLAG, item, note, para, run, section
from tut.report.i18n import Lang, t
from tut.report.model import Report, WordingFlagView, WordingPair, WordingView
from tut.report.phrases import flag_words, shown_flags, variant_name, wording_meta


def wordings_section(r: Report, lang: Lang) -> Section:
    blocks: list[Block] = [_wording(w, lang) for w in r.wordings]
    if r.pairs:
        pairs = [_pair(r, p, lang) for p in r.pairs]
        blocks.append(section(t("sub-diff", lang), 3, pairs))
    return section(t("sec-wordings", lang), 2, blocks, id="wordings")


def _wording(w: WordingView, lang: Lang) -> Section:
    """One wording as written, where it comes from, and what the checks flag."""
    name = (w.label_es if lang == "es" else w.label) or w.id
    if not w.wording:
        return section(
            name,
            3,
            [para(t("no-wording", lang), kind="warning")],
            id=f"w-{w.id}",
            kind="wording-block",
        )
    blocks: list[Block] = [Quote((run(w.wording),), w.language)]
    bits: list[Run] = [run(wording_meta(w, lang))]
    if w.source:
        bits.append(run(f" · {t('source', lang)}: {w.source}"))
    if w.citation:
        bits += [run(f" · {t('citation', lang)}: "), run(w.citation, "code")]
    if w.key_terms:
        bits.append(run(f" · {t('key-terms', lang)}: {', '.join(w.key_terms)}"))
    blocks.append(para(*bits, kind="meta"))
    if not w.read_out:
        status = i18n.named(i18n.TEXT_STATUS_NAMES, w.text_status, lang)
        blocks.append(para(f"{FLAG} {t('not-read-out', lang, status=status)}", kind="warning"))
    flags = shown_flags(w)
    if flags:
        blocks.append(note(f"{t('sub-flags', lang)}:"))
        blocks.append(BulletList(tuple(_flag_item(f, lang) for f in flags), kind="flags"))
    else:
        blocks.append(note(t("no-flags", lang)))
    return section(name, 3, blocks, id=f"w-{w.id}", kind="wording-block")


def _flag_item(f: WordingFlagView, lang: Lang):  # type: ignore[no-untyped-def]
    name, severity, message = flag_words(f, lang)
    mark = FLAG if f.severity == "warning" else "·"
    runs: list[Run | str] = [f"{mark} ", run(name, "strong"), f" ({severity}): {message}"]
    if f.evidence:
        runs += [" — ", run(f.evidence, "code")]
    return item(*runs, check=f.check)


def _pair(r: Report, p: WordingPair, lang: Lang) -> Group:
    """Reference → alternative, their similarity, and the words deleted and inserted."""
    style = {"delete": "deleted", "insert": "inserted"}
    pieces = tuple(run(x.text, style.get(x.kind, "text")) for x in p.pieces)
    line = para(
        f"{variant_name(r, p.reference, lang)} ({t('reference', lang)}) → "
        f"{variant_name(r, p.alternative, lang)} ({t('alternative', lang)}); "
        f"{t('similarity', lang)} ",
        run(f"{p.similarity:.2f}", data=(("value", repr(p.similarity)),)),
        pair=f"{p.reference}|{p.alternative}",
    )
    return Group((line, Quote(pieces)), "wording-block")
