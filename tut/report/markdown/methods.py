"""Methods (the CIRF headings) and provenance (files, hashes, command, spec)."""

from __future__ import annotations

from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.markdown.cells import code, md, mtable
from tut.report.model import Report, StudyNotes
from tut.report.phrases import agreement_method, consensus_text, rule_texts


def _note_fields(fields: dict[str, object], lang: Lang) -> list[str]:
    return [
        f"- {md(i18n.pick(i18n.NOTE_FIELDS.get(k, (k, k)), lang))}: {md(v)}"
        for k, v in fields.items()
        if v and not isinstance(v, (list, dict))
    ]


def methods_section(r: Report, lang: Lang) -> list[str]:
    """The study's methods under the CIRF headings, then the rules behind the answer."""
    L: list[str] = []
    n = r.notes.in_language(lang)
    L += [f"## {md(t('sec-methods', lang))}", "", md(t("cirf-intro", lang)), ""]
    for key, value in (
        ("cirf-objectives", n.objectives),
        ("cirf-design", n.design),
        ("cirf-ethics", n.ethics),
    ):
        if value:
            L += [f"### {md(t(key, lang))}", "", md(value), ""]
    L += _sample(r, n, lang)
    L += _collection(r, n, lang)
    L += _analysis(r, n, lang)
    L += ["", f"*{md(t('frame-in-appendix', lang))}*", ""]
    return L


def _sample(r: Report, n: StudyNotes, lang: Lang) -> list[str]:
    """CIRF sample: counts, then respondents by language and attribute."""
    s = r.sample
    L: list[str] = []
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
    return L


def _collection(r: Report, n: StudyNotes, lang: Lang) -> list[str]:
    """CIRF data collection: protocol, frame revisions, probes asked, interviewers."""
    s = r.sample
    L: list[str] = []
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
    return L


def _analysis(r: Report, n: StudyNotes, lang: Lang) -> list[str]:
    """CIRF analysis: coders, consensus, steps, agreement method, rules, limitations."""
    s = r.sample
    L: list[str] = []
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
    return L


def provenance_section(r: Report, lang: Lang) -> list[str]:
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
