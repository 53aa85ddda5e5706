"""Methods (the CIRF headings) and provenance (files, hashes, command, spec)."""

from __future__ import annotations

from typing import Any

from tut.report import i18n
from tut.report.html.cells import e, num_td, table, td
from tut.report.i18n import Lang, t
from tut.report.model import Report, StudyNotes
from tut.report.phrases import agreement_method, consensus_text, rule_texts


def _kv(fields: dict[str, Any], lang: Lang) -> str:
    rows = []
    for k, v in fields.items():
        if not v or isinstance(v, (list, dict)):
            continue
        name = i18n.pick(i18n.NOTE_FIELDS.get(k, (k, k)), lang)
        rows.append(f"<tr><th>{e(name)}</th>{td(v)}</tr>")
    return '<table class="kv">' + "".join(rows) + "</table>" if rows else ""


def methods_section(r: Report, lang: Lang) -> list[str]:
    """The study's methods under the CIRF headings, then the rules behind the answer."""
    n: StudyNotes = r.notes.in_language(lang)
    out = [f"<p>{e(t('cirf-intro', lang))}</p>"]
    if n.objectives:
        out += [f"<h3>{e(t('cirf-objectives', lang))}</h3>", f"<p>{e(n.objectives)}</p>"]
    if n.design:
        out += [f"<h3>{e(t('cirf-design', lang))}</h3>", f"<p>{e(n.design)}</p>"]
    if n.ethics:
        out += [f"<h3>{e(t('cirf-ethics', lang))}</h3>", f"<p>{e(n.ethics)}</p>"]
    out += _sample(r, n, lang)
    out += _collection(r, n, lang)
    out += _analysis(r, n, lang)
    out.append(f'<p class="note">{e(t("frame-in-appendix", lang))}</p>')
    return out


def _sample(r: Report, n: StudyNotes, lang: Lang) -> list[str]:
    """CIRF sample: counts, then respondents by language and attribute."""
    s = r.sample
    out: list[str] = []
    out.append(f"<h3>{e(t('cirf-sample', lang))}</h3>")
    counts = {k: s[k] for k in ("respondents", "interviews", "segments")}
    out.append(f'<p data-sample="counts">{e(t("sample-line", lang, **counts))}</p>')
    if r.pseudonymised:
        out.append(f'<p class="note">{e(t("pseudonymised-note", lang))}</p>')
    out.append(_kv(n.sample, lang))
    rows = [
        f"<tr><th>{e(t('by-language', lang))}</th><td>"
        + ", ".join(
            f"{e(i18n.named(i18n.LANGUAGE_NAMES, k, lang))} "
            f'<span data-field="language:{e(k)}" data-value="{v}">{v}</span>'
            for k, v in s["by_language"].items()
        )
        + "</td></tr>"
    ]
    for attr, values in s["by_attribute"].items():
        name = i18n.named(i18n.ATTRIBUTE_NAMES, attr, lang)
        rows.append(
            f"<tr><th>{e(name)}</th><td>"
            + ", ".join(
                f"{e(i18n.label(k, lang))} "
                f'<span data-field="{e(attr)}:{e(k)}" data-value="{v}">{v}</span>'
                for k, v in values.items()
            )
            + "</td></tr>"
        )
    rows.append(
        f"<tr><th>{e(t('wordings-per-respondent', lang))}</th><td>"
        + ", ".join(f"{e(k)}: {v}" for k, v in s["variants_per_respondent"].items())
        + "</td></tr>"
    )
    out.append(f'<table class="kv" id="sample-attributes">{"".join(rows)}</table>')
    return out


def _collection(r: Report, n: StudyNotes, lang: Lang) -> list[str]:
    """CIRF data collection: protocol, frame revisions, probes asked, interviewers."""
    s = r.sample
    out: list[str] = []
    out.append(f"<h3>{e(t('cirf-collection', lang))}</h3>")
    line = t(
        "protocol-line", lang, protocol=r.protocol_id, version=r.protocol_version, frame=r.frame_id
    )
    out.append(f"<p>{e(line)}</p>")
    if r.frame_revisions:
        out.append(f"<p>{e(t('frame-revised', lang, version=r.frame_version))}</p>")
        out.append(
            '<ul id="frame-revisions">'
            + "".join(f"<li>{e(x)}</li>" for x in r.frame_revisions)
            + "</ul>"
        )
    out.append(_kv(n.data_collection, lang))
    rows = [
        f'<tr data-probe="{e(p["id"])}"><td><code>{e(p["id"])}</code></td>'
        f"{td(i18n.named(i18n.PROBE_KINDS, p['kind'], lang))}"
        f"{td(i18n.named(i18n.PROBE_KINDS, p['mode'], lang))}"
        f"{td(p['text_es'] if lang == 'es' else p['text'])}"
        + num_td(int(p["segments"]), p["segments"], "segments")
        + "</tr>"
        for p in r.probes
    ]
    out.append(f"<p>{e(t('probes-asked', lang))}:</p>")
    out.append(
        table(
            [
                (t("probe", lang), False),
                (t("kind", lang), False),
                (t("mode", lang), False),
                (t("text", lang), False),
                (t("segments", lang), True),
            ],
            rows,
        )
    )
    if n.interviewers or s["interviewers"]:
        out.append(f"<h3>{e(t('cirf-interviewers', lang))}</h3>")
        if n.interviewers:
            rows = [
                "<tr>"
                + "".join(td(i.get(k, "")) for k in ("id", "language", "background"))
                + "</tr>"
                for i in n.interviewers
            ]
            out.append(
                table(
                    [("id", False), (t("language", lang), False), (t("background", lang), False)],
                    rows,
                )
            )
        else:
            out.append(f"<p>{e(', '.join(s['interviewers']))}</p>")
    return out


def _analysis(r: Report, n: StudyNotes, lang: Lang) -> list[str]:
    """CIRF analysis: coders, consensus, steps, agreement method, rules, limitations."""
    s = r.sample
    out: list[str] = []
    out.append(f"<h3>{e(t('cirf-analysis', lang))}</h3>")
    coders = ", ".join(s["coders"]) or "–"
    adjudicators = ", ".join(s["adjudicators"]) or "–"
    out.append(f"<p>{e(t('coders-line', lang, coders=coders, adjudicators=adjudicators))}</p>")
    line = consensus_text(s, lang)
    out.append(f'<p data-consensus="counts">{e(line)}</p>')
    out.append(_kv({k: v for k, v in n.analysis.items() if k != "steps"}, lang))
    steps = n.analysis.get("steps") or []
    if steps:
        out.append("<ol>" + "".join(f"<li>{e(x)}</li>" for x in steps) + "</ol>")
    out.append(
        f"<p>{e(t('agreement-method', lang))}: {e(agreement_method(r.agreement, lang))}.</p>"
    )
    out.append(f'<h3 id="rules">{e(t("sec-rules", lang))}</h3>')
    out.append("<ol>" + "".join(f"<li>{e(x)}</li>" for x in rule_texts(r, lang)) + "</ol>")
    if n.limitations:
        out.append(
            f"<h3>{e(t('cirf-limitations', lang))}</h3><ul>"
            + "".join(f"<li>{e(x)}</li>" for x in n.limitations)
            + "</ul>"
        )
    return out


def provenance_section(r: Report, lang: Lang) -> list[str]:
    p = r.provenance
    software = ", ".join(f"{k} {v}" for k, v in p.software.items())
    out = [
        '<table class="kv">'
        f"<tr><th>{e(t('generated', lang))}</th>{td(p.generated)}</tr>"
        f"<tr><th>{e(t('seed', lang))}</th>{td(p.seed)}</tr>"
        + (
            f"<tr><th>{e(t('command', lang))}</th><td><code>{e(p.command)}</code></td></tr>"
            if p.command
            else ""
        )
        + f'<tr><th>{e(t("software", lang))}</th><td id="software">{e(software)}</td></tr>'
        + "</table>"
    ]
    rows = [
        f'<tr data-file="{e(f.path)}">{td(i18n.named(i18n.FILE_ROLES, f.role, lang))}'
        f"<td><code>{e(f.path)}</code><br><code class=who>{e(f.sha256)}</code></td>"
        + num_td(f.bytes, f"{f.bytes:,}", "bytes")
        + "</tr>"
        for f in p.files
    ]
    out.append(
        table(
            [
                ("", False),
                (f"{t('file', lang)} · {t('sha256', lang)}", False),
                (t("bytes", lang), True),
            ],
            rows,
        )
    )
    if p.spec_text:
        out.append(f"<h3>{e(t('spec', lang))}</h3><pre class=spec>{e(p.spec_text)}</pre>")
    return out
