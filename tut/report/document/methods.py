"""Methods (the CIRF headings) and provenance (files, hashes, command, spec)."""

from __future__ import annotations

from typing import Any

from tut.report import i18n
from tut.report.document.model import Block, BulletList, Cell, CodeBlock, Row, Section, Table
from tut.report.document.parts import (
    cell,
    data,
    item,
    kv_table,
    note,
    num,
    para,
    run,
    section,
    table,
)
from tut.report.i18n import Lang, t
from tut.report.model import Report, StudyNotes
from tut.report.phrases import agreement_method, consensus_text, rule_texts


def _fields(fields: dict[str, Any], lang: Lang) -> list[tuple[str, Cell]]:
    """The study notes' free fields as (name, value), lists and maps left out."""
    return [
        (i18n.pick(i18n.NOTE_FIELDS.get(k, (k, k)), lang), cell(v))
        for k, v in fields.items()
        if v and not isinstance(v, (list, dict))
    ]


def methods_section(r: Report, lang: Lang) -> Section:
    """The study's methods under the CIRF headings, then the rules behind the answer."""
    n: StudyNotes = r.notes.in_language(lang)
    blocks: list[Block] = [para(t("cirf-intro", lang))]
    for key, value in (
        ("cirf-objectives", n.objectives),
        ("cirf-design", n.design),
        ("cirf-ethics", n.ethics),
    ):
        if value:
            blocks.append(section(t(key, lang), 3, [para(value)]))
    blocks.append(_sample(r, n, lang))
    blocks += _collection(r, n, lang)
    blocks += _analysis(r, n, lang)
    blocks.append(note(t("frame-in-appendix", lang)))
    return section(t("sec-methods", lang), 2, blocks, id="methods")


def _counts(pairs: dict[str, int], field: str, name: Any) -> Cell:
    """``name count, name count`` with each count's value behind it."""
    runs = []
    for i, (k, v) in enumerate(pairs.items()):
        runs.append(run(("" if i == 0 else ", ") + f"{name(k)} "))
        runs.append(run(v, data=data(field=f"{field}:{k}", value=v)))
    return Cell(tuple(runs))


def _sample(r: Report, n: StudyNotes, lang: Lang) -> Section:
    """CIRF sample: counts, then respondents by language and attribute."""
    s = r.sample
    counts = {k: s[k] for k in ("respondents", "interviews", "segments")}
    blocks: list[Block] = [para(t("sample-line", lang, **counts), sample="counts")]
    if r.pseudonymised:
        blocks.append(note(t("pseudonymised-note", lang)))
    notes = kv_table(_fields(dict(n.sample), lang))
    if notes is not None:
        blocks.append(notes)
    pairs = [
        (
            t("by-language", lang),
            _counts(
                s["by_language"], "language", lambda k: i18n.named(i18n.LANGUAGE_NAMES, k, lang)
            ),
        )
    ]
    for attr, values in s["by_attribute"].items():
        name = i18n.named(i18n.ATTRIBUTE_NAMES, attr, lang)
        pairs.append((name, _counts(values, attr, lambda k: i18n.label(k, lang))))
    per = ", ".join(f"{k}: {v}" for k, v in s["variants_per_respondent"].items())
    pairs.append((t("wordings-per-respondent", lang), cell(per)))
    blocks.append(Table((), tuple(Row((cell(k), v)) for k, v in pairs), "kv", "sample-attributes"))
    return section(t("cirf-sample", lang), 3, blocks)


def _collection(r: Report, n: StudyNotes, lang: Lang) -> list[Block]:
    """CIRF data collection: protocol, frame revisions, probes asked, interviewers."""
    s = r.sample
    line = t(
        "protocol-line", lang, protocol=r.protocol_id, version=r.protocol_version, frame=r.frame_id
    )
    blocks: list[Block] = [para(line)]
    if r.frame_revisions:
        blocks.append(para(t("frame-revised", lang, version=r.frame_version)))
        items = tuple(item(x) for x in r.frame_revisions)
        blocks.append(BulletList(items, id="frame-revisions"))
    notes = kv_table(_fields(dict(n.data_collection), lang))
    if notes is not None:
        blocks.append(notes)
    rows = [
        Row(
            (
                cell(p["id"], "code"),
                cell(i18n.named(i18n.PROBE_KINDS, p["kind"], lang)),
                cell(i18n.named(i18n.PROBE_KINDS, p["mode"], lang)),
                cell(p["text_es"] if lang == "es" else p["text"]),
                num(int(p["segments"]), str(p["segments"]), "segments"),
            ),
            data=(("probe", p["id"]),),
        )
        for p in r.probes
    ]
    blocks.append(para(f"{t('probes-asked', lang)}:"))
    columns = [(t(k, lang), False) for k in ("probe", "kind", "mode", "text")]
    blocks.append(table([*columns, (t("segments", lang), True)], rows))
    out: list[Block] = [section(t("cirf-collection", lang), 3, blocks)]
    if n.interviewers:
        who = [
            Row(tuple(cell(i.get(k, "")) for k in ("id", "language", "background")))
            for i in n.interviewers
        ]
        columns = [("id", False), (t("language", lang), False), (t("background", lang), False)]
        out.append(section(t("cirf-interviewers", lang), 3, [table(columns, who)]))
    elif s["interviewers"]:
        out.append(section(t("cirf-interviewers", lang), 3, [para(", ".join(s["interviewers"]))]))
    return out


def _analysis(r: Report, n: StudyNotes, lang: Lang) -> list[Block]:
    """CIRF analysis: coders, consensus, steps, agreement method, rules, limitations."""
    s = r.sample
    coders = ", ".join(s["coders"]) or "–"
    adjudicators = ", ".join(s["adjudicators"]) or "–"
    blocks: list[Block] = [
        para(t("coders-line", lang, coders=coders, adjudicators=adjudicators)),
        para(consensus_text(s, lang), consensus="counts"),
    ]
    notes = kv_table(_fields({k: v for k, v in n.analysis.items() if k != "steps"}, lang))
    if notes is not None:
        blocks.append(notes)
    steps = n.analysis.get("steps") or []
    if steps:
        blocks.append(BulletList(tuple(item(x) for x in steps), ordered=True))
    blocks.append(para(f"{t('agreement-method', lang)}: {agreement_method(r.agreement, lang)}."))
    out: list[Block] = [section(t("cirf-analysis", lang), 3, blocks)]
    rules = BulletList(tuple(item(x) for x in rule_texts(r, lang)), ordered=True)
    out.append(section(t("sec-rules", lang), 3, [rules], id="rules"))
    if n.limitations:
        items = tuple(item(x) for x in n.limitations)
        out.append(section(t("cirf-limitations", lang), 3, [BulletList(items)]))
    return out


def provenance_section(r: Report, lang: Lang) -> Section:
    p = r.provenance
    software = ", ".join(f"{k} {v}" for k, v in p.software.items())
    pairs = [(t("generated", lang), cell(p.generated)), (t("seed", lang), cell(p.seed))]
    if p.command:
        pairs.append((t("command", lang), cell(p.command, "code")))
    pairs.append((t("software", lang), cell(software)))
    blocks: list[Block] = [Table((), tuple(Row((cell(k), v)) for k, v in pairs), "kv")]
    rows = [
        Row(
            (
                cell(i18n.named(i18n.FILE_ROLES, f.role, lang)),
                Cell((run(f.path, "code", break_after=True), run(f.sha256, "code"))),
                num(f.bytes, f"{f.bytes:,}", "bytes"),
            ),
            data=(("file", f.path),),
        )
        for f in p.files
    ]
    columns = [("", False), (f"{t('file', lang)} · {t('sha256', lang)}", False)]
    blocks.append(table([*columns, (t("bytes", lang), True)], rows))
    if p.spec_text:
        blocks.append(section(t("spec", lang), 3, [CodeBlock(p.spec_text, "yaml", "spec")]))
    return section(t("sec-provenance", lang), 2, blocks, id="provenance")
