"""Sentences and labels of the report, built from report objects (used by the document
builder, :mod:`tut.report.document`, and by ``report.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from tut.compare.results import ComparisonResult
from tut.instruments.checks import MESSAGES, render_message
from tut.report import i18n
from tut.report.decide import SUBSTANTIVE_H_PER_WEEK, SUBSTANTIVE_MIN_PER_DAY, SUBSTANTIVE_RELATIVE
from tut.report.i18n import Lang, t
from tut.report.model import (
    AgreementSummary,
    LanguageFinding,
    MicrodataFinding,
    Report,
    WordingFlagView,
    WordingView,
)


def variant_names(r: Report, lang: Lang) -> dict[str, str]:
    """Variant id -> its short label in ``lang`` (ids appear only in the appendix): the
    registry's label of every wording the report shows, the interviews' and the
    microdata's; a study's frozen copy the registry lacks by its own label."""
    names = {w.id: (w.label_es if lang == "es" else w.label) or w.id for w in r.wordings}
    for vid, labels in r.variant_labels.items():
        names[vid] = labels.get(lang) or labels.get("en") or names.get(vid, vid)
    return names


def variant_name(r: Report, vid: str, lang: Lang) -> str:
    return variant_names(r, lang).get(vid, vid)


def probe_names(r: Report, lang: Lang) -> dict[str, str]:
    """Probe id -> the kind of probe in ``lang`` ("comprensión"), for quote attributions: a
    probe id is an English identifier, not words of the report."""
    return {p["id"]: i18n.named(i18n.PROBE_KINDS, p["kind"], lang) for p in r.probes}


def code_names(r: Report, lang: Lang) -> dict[str, str]:
    """Code id -> its label in ``lang`` (Spanish labels fall back to the English ones)."""
    return {
        c["id"]: (c.get("label_es") if lang == "es" else c.get("label")) or c["id"]
        for c in r.frame_codes
    }


def code_list(r: Report, codes: str | Sequence[str], lang: Lang) -> str:
    """A list of code ids (or a comma-joined string of them) as labels in ``lang``."""
    ids = [c.strip() for c in codes.split(",")] if isinstance(codes, str) else list(codes)
    names = code_names(r, lang)
    return ", ".join(names.get(c, c) for c in ids if c)


def reading_cell(n: int, share: float, ci: Sequence[float] | None) -> str:
    """``14 (64%; 43–80%)``: respondents, their share and its Wilson interval."""
    text = f"{n} ({i18n.pct(share)}"
    if ci:
        text += f"; {i18n.pct(ci[0])}–{i18n.pct(ci[1])}"
    return text + ")"


def spec_label(text: str, lang: Lang, texts: Mapping[str, str] | None = None) -> str:
    """A label of the spec or the data in ``lang``: the spec's own (``texts``, from
    :func:`spec_texts`) first, then the labels tut knows, else as written."""
    return (texts or {}).get(text) or i18n.label(text, lang)


def domain_text(
    domain: dict[str, str] | Sequence[tuple[str, str]],
    lang: Lang,
    texts: Mapping[str, str] | None = None,
) -> str:
    items = list(domain.items()) if isinstance(domain, dict) else list(domain)
    if not items:
        return t("all", lang)
    parts = []
    for k, v in items:
        name = (
            i18n.pick(i18n.ATTRIBUTE_NAMES[k], lang)
            if k in i18n.ATTRIBUTE_NAMES
            else i18n.label(k, lang)
        )
        parts.append(f"{name[:1].upper()}{name[1:]}: {spec_label(v, lang, texts)}")
    return ", ".join(parts)


def spec_texts(res: ComparisonResult | None, lang: Lang) -> Mapping[str, str]:
    """The comparison spec's own texts in ``lang`` (labels and units it gives as
    ``{en: ..., es: ...}``), by their English text; ``{}`` in English."""
    return res.texts_es if res is not None and lang == "es" else {}


def outcome_labels(r: Report, lang: Lang) -> dict[str, str]:
    """Outcome name -> its spec label in ``lang`` (the English one when the spec gives no
    other; :func:`outcome_name` then translates the labels tut knows)."""
    texts = spec_texts(r.comparison, lang)
    return {k: texts.get(v, v) for k, v in r.outcome_labels.items()}


def outcome_name(outcome: str, labels: dict[str, str], lang: Lang) -> str:
    """The outcome as readers know it: its spec label (in Spanish when tut knows it)."""
    return i18n.label(labels[outcome], lang) if labels.get(outcome) else outcome


def in_sentence(text: str) -> str:
    """A label inside a sentence: "Secondary childcare" -> "secondary childcare", but an
    acronym ("ATUS care") keeps its capitals."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def unit_text(unit: str, kind: str, lang: Lang, texts: Mapping[str, str] | None = None) -> str:
    """A unit as shown: ``texts`` (:func:`spec_texts`) first, then the units tut knows."""
    if kind == "proportion":
        return "%"
    return spec_label(unit, lang, texts)


def value_text(x: float | None, kind: str, digits: int = 1, sign: bool = False) -> str:
    """An estimate (or, with ``sign``, a difference) as shown: proportions in % or pp."""
    if x is None:
        return "–"
    if kind == "proportion":
        return f"{i18n.signed(100 * x, digits)} pp" if sign else i18n.pct(x, digits)
    return i18n.signed(x, digits) if sign else i18n.num(x, digits)


def ci_text(ci: Sequence[float] | None, kind: str, digits: int = 1, sign: bool = False) -> str:
    if not ci or ci[0] is None or ci[1] is None:
        return "–"
    if kind == "proportion" and not sign:
        return f"[{i18n.pct(ci[0], digits)}, {i18n.pct(ci[1], digits)}]"
    scale = 100.0 if kind == "proportion" else 1.0
    fmt = i18n.signed if sign else i18n.num
    return f"[{fmt(scale * ci[0], digits)}, {fmt(scale * ci[1], digits)}]"


EFFECT_NAMES = {"cohens_d": "Cohen's d", "cohens_h": "Cohen's h"}
EFFECT_NAMES_ES = {"cohens_d": "d de Cohen", "cohens_h": "h de Cohen"}


def effect_name(kind: str, lang: Lang) -> str:
    names = EFFECT_NAMES_ES if lang == "es" else EFFECT_NAMES
    return names.get(kind, kind) if kind else t("effect", lang)


def effect_text(kind: str, value: float | None, lang: Lang) -> str:
    """``Cohen's d = 0.12, negligible by Cohen's benchmarks`` (0.2 small, 0.5 medium, 0.8
    large: Cohen 1988, for d and for h)."""
    if value is None:
        return f"{effect_name(kind, lang)} = –"
    size = abs(value)
    word = (
        "effect-negligible"
        if size < 0.2
        else "effect-small"
        if size < 0.5
        else "effect-medium"
        if size < 0.8
        else "effect-large"
    )
    return t(
        "effect-words",
        lang,
        kind=effect_name(kind, lang),
        value=i18n.num(value, 2),
        size=t(word, lang),
    )


def domain_key(domain: dict[str, str] | Sequence[tuple[str, str]]) -> str:
    items = list(domain.items()) if isinstance(domain, dict) else list(domain)
    return json.dumps(dict(items), sort_keys=True, ensure_ascii=False)


def _micro_params(
    m: MicrodataFinding,
    lang: Lang,
    labels: dict[str, str] | None,
    names: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The finding's words and numbers as both sentences (long and short) show them;
    ``texts``: the spec's own texts in ``lang`` (:func:`spec_texts`: units, categories)."""
    labels = labels or ({m.outcome: m.label} if m.label else {})
    names = names or {}
    return {
        "a": names.get(m.a, m.a),
        "b": names.get(m.b, m.b),
        "outcome": in_sentence(outcome_name(m.outcome, labels, lang)),
        "diff": value_text(m.diff, m.kind, sign=True),
        "unit": "" if m.kind == "proportion" else unit_text(m.unit, m.kind, lang, texts),
        "relative": i18n.signed_pct(m.relative),
        "first": spec_label(m.gap_first, lang, texts),
        "second": spec_label(m.gap_second, lang, texts),
        "gap_a": value_text(m.gap_a, m.kind, sign=True),
        "gap_b": value_text(m.gap_b, m.kind, sign=True),
        "did": value_text(m.did, m.kind, sign=True),
        "did_p": i18n.p_is(m.did_p),
    }


def micro_text(
    m: MicrodataFinding,
    level: float,
    lang: Lang,
    labels: dict[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
) -> str:
    """The microdata finding with every number: CI, p and Holm p, effect size, the gap."""
    params = _micro_params(m, lang, labels, names, texts)
    params.update(
        level=i18n.level_text(level),
        ci=ci_text(m.ci, m.kind, sign=True),
        p=i18n.p_is(m.p),
        p_holm=i18n.p_is(m.p_holm),
        effect=effect_text(m.effect_size_kind, m.effect_size, lang),
        did_ci=ci_text(m.did_ci, m.kind, sign=True),
    )
    text = t("micro-line", lang, **params).replace("  ", " ")
    text += " " + judgement_text(m, lang, params["a"])
    if m.did is not None:
        text += " " + t("micro-gap", lang, **params)
    return text


def micro_short(
    m: MicrodataFinding,
    lang: Lang,
    labels: dict[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
) -> str:
    """The microdata finding in words for the first page (its numbers are in the table)."""
    params = _micro_params(m, lang, labels, names, texts)
    text = t("micro-short", lang, **params).replace("  ", " ")
    text += " " + judgement_text(m, lang, params["a"])
    if m.did is not None:
        text += " " + t("micro-gap-short", lang, **params)
    return text


def judgement_text(m: MicrodataFinding, lang: Lang, a_name: str = "") -> str:
    """Significant, and whether it matters by the report's one rule (which part decided)."""
    rule = {
        "min_day": f"{SUBSTANTIVE_MIN_PER_DAY:g}",
        "h_week": f"{SUBSTANTIVE_H_PER_WEEK:g}",
        "relative": i18n.pct(SUBSTANTIVE_RELATIVE),
        "a": a_name or m.a,
    }
    if m.significant and m.substantive:
        key = {
            "minutes-per-day": "matters-minutes",
            "hours-per-week": "matters-hours",
        }.get(m.substantive_by, "matters-relative")
        return t("micro-judgement-sig-sub", lang, by=t(key, lang, **rule))
    if m.significant:
        return t("micro-judgement-sig", lang, rule=t("matters-rule", lang, **rule))
    return t("micro-judgement-none", lang)


def caveat_line(key: str, params: dict[str, Any], lang: Lang, r: Report) -> str:
    """One caveat or warning of the first page (see :func:`tut.report.build.main_caveats`),
    with wordings and codes named by their labels in ``lang``."""
    return t(key, lang, **shown_params(params, lang, r))


def shown_params(params: Mapping[str, Any], lang: Lang, r: Report) -> dict[str, Any]:
    """The parameters of a first-page sentence (the headline, a finding's reasons, a caveat)
    as it shows them in ``lang``: wordings and codes by their labels, why the frame's
    agreement is undefined in ``lang``, numbers as the report writes them. The one builder
    of them all: a parameter a sentence does not have is left out, the rest pass as given."""
    shown = dict(params)
    names = variant_names(r, lang)
    for k in ("reference", "alternative", "a", "b"):
        if k in shown:
            shown[k] = names.get(str(shown[k]), shown[k])
    if "wordings" in shown:  # a comma-joined list of variant ids
        shown["wordings"] = "; ".join(names.get(v, v) for v in str(shown["wordings"]).split(","))
    words: dict[str, Callable[[Any], str]] = {
        "alpha": i18n.alpha,
        "p": i18n.p_is,
        "delta": i18n.points,
        "margin": lambda m: f"{100 * (m or 0):.0f} pp",
        "level": lambda x: f"{x:g}",
        "test": lambda x: t(f"test-{x}", lang) if x else "–",
        "codes": lambda x: code_list(r, str(x), lang),
        "why": lambda _x: why_undefined(r, lang),
        "rate_a": lambda x: i18n.pct(x, 1),
        "rate_b": lambda x: i18n.pct(x, 1),
        "diff": lambda x: value_text(x, "proportion", sign=True),
    }
    for k, say in words.items():
        if k in shown:
            shown[k] = say(shown[k])
    return shown


def why_undefined(r: Report, lang: Lang) -> str:
    """Why the frame's agreement is undefined, in ``lang`` (the ``why`` of the sentences
    that say so; the report's data keep the agreement stage's English)."""
    return r.agreement.overall.note_in(lang) or "–"


def finding_reason(f: LanguageFinding, i: int, lang: Lang, r: Report) -> str:
    """The finding's ``i``-th reason in words."""
    return t(f.reasons[i], lang, **shown_params(f.params, lang, r))


def ordered_findings(r: Report, lang: Lang) -> list[Any]:
    """The findings with the report language's own comparison first."""
    return sorted(r.summary.languages, key=lambda f: 0 if f.language == lang else 1)


def banner_text(r: Report, lang: Lang) -> str:
    """The warning above everything: invented interviews (the example study), else
    synthetic microdata (`tut demo-data`); ``""`` for a report on real data."""
    if r.notes.illustrative:
        return t("illustrative-banner", lang)
    if r.summary.synthetic:
        return t("synthetic-banner", lang, datasets=", ".join(r.summary.synthetic))
    return ""


def headline_text(r: Report, lang: Lang) -> str:
    """The answer the report leads with, in its language, wordings named by their labels."""
    key, params = r.summary.headlines.get(lang, r.summary.headline)
    text = t(key, lang, **shown_params(params, lang, r))
    return text[:1].upper() + text[1:]


def frame_text(r: Report, lang: Lang) -> tuple[str, bool]:
    """The plain sentence on the frame's reliability, and whether it is a warning."""
    o = r.agreement.overall
    if o.verdict == "undefined":
        return t("frame-undefined-plain", lang, why=why_undefined(r, lang)), True
    if o.verdict == "unreliable":
        return t("frame-unreliable-plain", lang, alpha=i18n.alpha(o.value)), True
    ci = f"{t('ci-level', lang, level='95%')} {i18n.interval(o.ci, 3)}"
    key = "frame-reliable-plain" if o.verdict == "reliable" else "frame-tentative-plain"
    return t(key, lang, alpha=i18n.alpha(o.value), ci=ci), False


def finding_title(f: LanguageFinding, lang: Lang, r: Report) -> str:
    """``English: "Responsible ..." vs ATUS "in your care": better (tentatively).``"""
    return t("finding-line", lang, **finding_names(f, lang, r), finding=finding_words(f, lang))


def finding_names(f: LanguageFinding, lang: Lang, r: Report) -> dict[str, str]:
    """The language and the two wordings a finding compares, as the reader knows them."""
    names = variant_names(r, lang)
    return {
        "language": i18n.named(i18n.LANGUAGE_NAMES, f.language, lang),
        "alternative": names.get(f.alternative, f.alternative),
        "reference": names.get(f.reference, f.reference),
    }


def finding_words(f: LanguageFinding, lang: Lang) -> str:
    """A language's finding, hedged when tentative: ``better (tentatively)``."""
    words = t(f"finding-{f.finding}", lang)
    return f"{words} ({t('finding-tentative', lang)})" if f.hedged else words


def finding_verdict(f: LanguageFinding, lang: Lang) -> str:
    """The verdict a language's finding gives: :func:`finding_words`, then the exact test and
    its p when one was run (``better (tentatively); McNemar p = 0.012``). The key numbers'
    verdict cell and the lines `tut report` prints both say it with this."""
    words = finding_words(f, lang)
    if not f.test:
        return words
    return words + "; " + t("key-test", lang, test=t(f"test-{f.test}", lang), p=i18n.p_is(f.p))


def rule_texts(r: Report, lang: Lang) -> list[str]:
    target = code_list(r, [f["id"] for f in r.frame_codes if f["role"] == "target"], lang)
    off = code_list(r, [f["id"] for f in r.frame_codes if f["role"] == "off-target"], lang)
    rules = r.rules
    return [
        t("rule-1", lang, target=target or "–", off=off or "–"),
        t(
            "rule-2",
            lang,
            margin=f"{100 * rules['fit_margin']:.0f} pp",
            p=f"{rules['p_level']:g}",
        ),
        t("rule-3", lang),
        t(
            "rule-4",
            lang,
            p=rules["p_level"],
            min_day=f"{rules['substantive_minutes_per_day']:g}",
            h_week=f"{rules['substantive_hours_per_week']:g}",
            relative=i18n.pct(rules["substantive_relative"]),
        ),
        t("rule-consensus", lang),
    ]


def agreement_method(a: AgreementSummary, lang: Lang) -> str:
    """How agreement was measured, in the report's language."""
    parts = [t("method-alpha", lang)]
    if a.sets:
        parts.append(t("method-sets", lang))
    if a.bootstrap:
        parts.append(t("method-bootstrap", lang, n=a.bootstrap, seed=a.seed))
    else:
        parts.append(t("method-analytic", lang))
    parts.append(
        t(
            "method-units",
            lang,
            n=a.overall.n_units - a.single_coded_units,
            once=a.single_coded_units,
        )
    )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def wording_meta(w: WordingView, lang: Lang) -> str:
    """Language, kind of text, status and version of a wording, in one line."""
    return t(
        "wording-meta",
        lang,
        language=w.language,
        text_status=i18n.named(i18n.TEXT_STATUS_NAMES, w.text_status, lang),
        status=i18n.named(i18n.STATUS_NAMES, w.status, lang),
        version=w.version or "–",
    )


def shown_flags(w: WordingView) -> list[WordingFlagView]:
    """The wording-check flags to print: the text-status flag only repeats the warning the
    report already prints for a text respondents did not hear."""
    return [f for f in w.flags if w.read_out or f.check != "text-status"]


def flag_words(f: WordingFlagView, lang: Lang) -> tuple[str, str, str]:
    """(check name, severity, message) of a wording-check flag in the report's language; a
    flag without a message key (older results) gets the check's generic Spanish explanation."""
    if lang != "es":
        message = f.message
    elif f.key in MESSAGES:
        message = render_message(f.key, f.params, lang)
    else:
        message = i18n.CHECK_EXPLAINED_ES.get(f.check, f.message)
    return (
        i18n.named(i18n.CHECK_NAMES, f.check, lang),
        i18n.named(i18n.SEVERITY_NAMES, f.severity, lang),
        message,
    )


def frame_definition(code: dict[str, str], lang: Lang) -> str:
    """A frame code's definition for the appendix: Spanish in the Spanish report (reports
    saved before the frame had Spanish definitions carry only the English one)."""
    return (code.get("definition_es") or code["definition"]) if lang == "es" else code["definition"]


def consensus_text(sample: dict[str, Any], lang: Lang) -> str:
    c = sample["consensus"]
    return t(
        "consensus-line",
        lang,
        adjudicated=c["adjudicated"],
        agreed=c["agreed"],
        single=c["single-coder"],
        unresolved=c["unresolved"],
    )


def shown_file(path: str, r: Report) -> str:
    """A data file as provenance names it (relative to the project), never by a path of
    the machine: the provenance entry of the same file name, else the name alone."""
    name = PurePath(path).name
    known = [f.path for f in r.provenance.files if PurePath(f.path).name == name]
    return known[0] if len(known) == 1 else name
