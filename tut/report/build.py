"""Build the report from the stages' objects: pure, no file is read or written here.

How the summary answers "which wording measures supervisory care better, and why" is a
set of explicit rules, printed in the report's methods section:

1. *Reading of the wording.* For each wording, a respondent "reads it as the target concept"
   when a consensus code on one of their comprehension answers (probes of kind comprehension
   or paraphrase) is a target code (e.g. responsibility, on-call, monitoring), and "reads it
   off target" when one is an off-target code (e.g. presence only, active care only,
   confusion). Shares are of respondents, with Wilson intervals.
2. *Comparison within a language* (:mod:`tut.report.decide`). An alternative is ``better``
   than the reference (the one in use) when the exact test (McNemar for respondents who
   heard both, else Fisher) supports the difference in the on-target share at p < 0.05 *and*
   the difference is at least :data:`~tut.report.decide.MARGIN`; ``suggestive`` when only
   the threshold is met; otherwise ``no-clear-difference`` (``worse`` mirrors ``better``).
   The finding is hedged when the frame or a code it rests on is below the reliability threshold.
3. *Reliability gate.* If the frame's overall alpha is below 0.667 (Krippendorff 2004) the
   finding is ``inconclusive``: the interview numbers are shown but flagged. Codes whose own
   alpha is below 0.667 are flagged wherever they appear.
4. *Consequence in the microdata.* The difference (b - a) of the main outcome in the whole
   population is ``significant`` when its (Holm-adjusted) p-value is below 0.05, and
   ``substantive`` when it is at least 30 minutes a day (2 hours a week) or 10% of the
   reference estimate (thresholds after BLS and INEGI practice, see DOMAIN notes); the
   change in the female-male gap is the difference in differences.

Consensus codes of a segment: the adjudicated codes; else the codes all its coders agree
on; else (one coder only) that coder's codes; segments still in disagreement are left out
of the distributions and counted as unresolved.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from tut.agreement.confusion import pooled_summary
from tut.coding.consensus import ConsensusSource, consensus
from tut.coding.model import Segment
from tut.compare.results import ComparisonResult
from tut.instruments.model import Variant
from tut.protocols.model import CodingFrame, Protocol
from tut.report.decide import (
    MARGIN,
    P_LEVEL,
    SUBSTANTIVE_H_PER_WEEK,
    SUBSTANTIVE_MIN_PER_DAY,
    SUBSTANTIVE_RELATIVE,
    headline,
    language_finding,
    reading,
    substantive_by,
)
from tut.report.model import (
    CodeCount,
    MicrodataFinding,
    Piece,
    Quote,
    Report,
    ReportInput,
    Summary,
    VariantCoding,
    WordingFlagView,
    WordingPair,
    WordingView,
)

QUOTES_PER_CODE = 2
QUOTE_CHARS = 130
COMPREHENSION_KINDS = ("comprehension", "paraphrase")
ATTRIBUTES = ("sex", "age_group", "has_child_u13")
"""Respondent attributes the methods section tabulates (others, like interviewer, apart)."""

DEFAULT_TARGET = ("responsibility", "on-call", "monitoring")
DEFAULT_OFF_TARGET = (
    "presence-only",
    "active-care",
    "status-not-time",
    "worry-mental-load",
    "counts-child-away",
    "confusion",
    "no-interpretation",
)
"""Used when the study notes do not say which codes match the concept (supervisory care as
Stewart and Allard 2015 define it: a general idea of what the child is doing and available
to help)."""


# --- respondents ------------------------------------------------------------------------


def pseudonyms(segments: Sequence[Segment]) -> dict[str, str]:
    """Stable pseudonyms R01, R02 ... in order of first appearance in the study."""
    ids = list(dict.fromkeys(s.respondent_id for s in segments))
    width = max(2, len(str(len(ids))))
    return {rid: f"R{i + 1:0{width}d}" for i, rid in enumerate(ids)}


# --- wordings -----------------------------------------------------------------------------


def _wording_view(variant: Variant) -> WordingView:
    from tut.instruments.checks import check_variant

    flags = tuple(
        WordingFlagView(f.check, f.severity, f.message, f.evidence, f.key, f.params)
        for f in check_variant(variant)
    )
    s = variant.source
    source = ", ".join(x for x in (s.survey, str(s.year or ""), s.section) if x)
    return WordingView(
        id=variant.id,
        language=variant.language,
        wording=variant.wording,
        text_status=variant.text_status,
        read_out=variant.is_read_out_text,
        status=variant.status,
        source=source,
        citation=s.citation,
        flags=flags,
        key_terms=tuple(variant.key_terms),
        version=variant.version,
        label=variant.display_label("en"),
        label_es=variant.display_label("es"),
    )


def _missing_wording(variant_id: str) -> WordingView:
    return WordingView(
        variant_id, "", "", "unknown", False, "", "", "", label=variant_id, label_es=variant_id
    )


def wording_pairs(order: Sequence[str], variants: Mapping[str, Variant]) -> list[WordingPair]:
    """Per language, the wording in use (else the first) against each other one."""
    from tut.instruments.diff import diff_wordings, layout, similarity

    by_lang: dict[str, list[Variant]] = {}
    for vid in order:
        if vid in variants:
            v = variants[vid]
            by_lang.setdefault(v.base_language, []).append(v)
    pairs: list[WordingPair] = []
    for lang, vs in by_lang.items():
        ref = next((v for v in vs if v.status == "in-use"), vs[0])
        for alt in vs:
            if alt.id == ref.id:
                continue
            changes = diff_wordings(ref.wording, alt.wording)
            pieces = tuple(Piece(kind, text) for kind, text in layout(changes))
            pairs.append(WordingPair(lang, ref.id, alt.id, pieces, similarity(changes)))
    return pairs


# --- interviews ---------------------------------------------------------------------------


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _core(text: str) -> str:
    """The words of an answer without a spoken opener, to avoid quoting the same words twice."""
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in text).split()
    return " ".join(words[-8:])


def choose_quotes(
    segments: Sequence[Segment],
    codes_of: Mapping[str, tuple[str, ...]],
    code: str,
    names: Mapping[str, str],
    n: int = QUOTES_PER_CODE,
    cores: dict[str, str] | None = None,
) -> tuple[Quote, ...]:
    """Short quotes for a code, chosen deterministically: answers that carry this code alone
    first, then fewer codes, mid-length answers, one per respondent and never the same words
    twice, by segment id. ``cores``: each answer's words (:func:`_core`) known so far, kept
    across calls (an answer met again, or under another code, is not read again)."""
    with_code = [s for s in segments if code in codes_of.get(s.id, ())]
    cores = {} if cores is None else cores

    def key(s: Segment) -> tuple[int, int, str]:
        length = len(s.answer)
        return (len(codes_of[s.id]), 0 if 30 <= length <= QUOTE_CHARS else 1, s.id)

    chosen: list[Quote] = []
    seen: set[str] = set()
    said: set[str] = set()
    for s in sorted(with_code, key=key):
        if s.respondent_id in seen:
            continue
        core = cores.get(s.answer)
        if core is None:
            core = cores[s.answer] = _core(s.answer)
        if core in said:
            continue
        seen.add(s.respondent_id)
        said.add(core)
        who = names.get(s.respondent_id, s.respondent_id)
        sid = s.id if who == s.respondent_id else f"{who}-{s.variant_id}-{s.probe_id}"
        chosen.append(Quote(sid, who, s.probe_id, _short(s.answer)))
        if len(chosen) == n:
            break
    return tuple(chosen)


def code_roles(frame: CodingFrame, target: Sequence[str], off: Sequence[str]) -> dict[str, str]:
    return {
        c.id: "target" if c.id in target else "off-target" if c.id in off else "boundary"
        for c in frame.codes
    }


# --- microdata ----------------------------------------------------------------------------


def _interval(low: float, high: float) -> tuple[float, float] | None:
    lo, hi = _finite(low), _finite(high)
    return None if lo is None or hi is None else (lo, hi)


def microdata_findings(
    result: ComparisonResult, outcome: str, labels: Mapping[str, str] | None = None
) -> list[MicrodataFinding]:
    """Switching wordings in the whole population: each estimate, the difference, the gap
    under each wording and its change, and the item non-response of the outcome."""
    out: list[MicrodataFinding] = []
    whole = {e.variant: e for e in result.estimates if e.outcome == outcome and not e.domain}
    gaps = {
        g.variant: g
        for g in result.gaps
        if g.outcome == outcome and not g.domain and g.variant is not None
    }
    missing = {m.variant: m for m in result.missing if m.outcome == outcome}
    for d in result.differences:
        if d.outcome != outcome or d.domain:
            continue
        t = d.test
        diff = t.value.estimate
        ea, eb = whole.get(d.a), whole.get(d.b)
        base = ea.value.estimate if ea is not None else math.nan
        relative = diff / base if base and not math.isnan(base) else None
        p_used = t.p_holm if t.p_holm is not None else t.p
        did = next(
            (
                g
                for g in result.gaps
                if g.outcome == outcome
                and not g.domain
                and g.variant is None
                and (g.a, g.b) == (d.a, d.b)
            ),
            None,
        )
        ga, gb = gaps.get(d.a), gaps.get(d.b)
        nr = next(
            (
                x
                for x in result.nonresponse_differences
                if x.outcome == outcome and (x.a, x.b) == (d.a, d.b)
            ),
            None,
        )
        ma, mb = missing.get(d.a), missing.get(d.b)
        first_gap = ga or gb or did
        matters_by = substantive_by(diff, d.unit, relative)
        out.append(
            MicrodataFinding(
                outcome=outcome,
                unit=d.unit,
                a=d.a,
                b=d.b,
                diff=_finite(diff),
                ci=(t.value.low, t.value.high),
                p=_finite(t.p),
                p_holm=_finite(t.p_holm),
                relative=relative,
                effect_size=_finite(d.effect_size),
                effect_size_kind=d.effect_size_kind,
                significant=p_used is not None and p_used < P_LEVEL,
                substantive=bool(matters_by),
                substantive_by=matters_by,
                gap_a=_finite(ga.test.value.estimate) if ga else None,
                gap_b=_finite(gb.test.value.estimate) if gb else None,
                did=_finite(did.test.value.estimate) if did else None,
                did_ci=(did.test.value.low, did.test.value.high) if did else None,
                did_p=_finite(did.test.p) if did else None,
                kind=ea.kind if ea is not None else "mean",
                label=(labels or {}).get(outcome, ""),
                estimate_a=_finite(ea.value.estimate) if ea else None,
                ci_a=_interval(ea.value.low, ea.value.high) if ea else None,
                estimate_b=_finite(eb.value.estimate) if eb else None,
                ci_b=_interval(eb.value.low, eb.value.high) if eb else None,
                gap_a_ci=_interval(ga.test.value.low, ga.test.value.high) if ga else None,
                gap_b_ci=_interval(gb.test.value.low, gb.test.value.high) if gb else None,
                gap_first=first_gap.first if first_gap else "",
                gap_second=first_gap.second if first_gap else "",
                nonresponse_a=_finite(ma.weighted_rate.estimate) if ma else None,
                nonresponse_b=_finite(mb.weighted_rate.estimate) if mb else None,
                nonresponse_diff=_finite(nr.test.value.estimate) if nr else None,
                nonresponse_p=_finite(nr.test.p) if nr else None,
            )
        )
    return out


def _finite(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


# --- the whole report ---------------------------------------------------------------------


def _comprehension_probes(protocol: Protocol) -> set[str]:
    return {p.id for p in protocol.probes if p.kind in COMPREHENSION_KINDS}


def _targets(inputs: ReportInput) -> tuple[tuple[str, ...], tuple[str, ...]]:
    known = inputs.frame.code_ids
    target = inputs.notes.target_codes or tuple(c for c in DEFAULT_TARGET if c in known)
    off = inputs.notes.off_target_codes or tuple(c for c in DEFAULT_OFF_TARGET if c in known)
    return tuple(c for c in target if c in known), tuple(c for c in off if c in known)


def build_report(inputs: ReportInput) -> Report:
    """The report: every number, quote and verdict the renderers show."""
    segments = inputs.segments
    names = pseudonyms(segments) if inputs.pseudonymise else {}
    cons = consensus([s.id for s in segments], inputs.codings, inputs.adjudications)
    codes_of = {sid: codes for sid, (codes, _src) in cons.items()}
    target, off = _targets(inputs)
    roles = code_roles(inputs.frame, target, off)
    comprehension = _comprehension_probes(inputs.protocol)
    agreement = inputs.agreement

    order = list(inputs.study.variants) or list(dict.fromkeys(s.variant_id for s in segments))
    coding: list[VariantCoding] = []
    on_target: dict[str, dict[str, bool]] = {}
    cores: dict[str, str] = {}
    for vid in order:
        segs = [s for s in segments if s.variant_id == vid]
        coded = [s for s in segs if codes_of.get(s.id)]
        counts: Counter[str] = Counter(c for s in coded for c in codes_of[s.id])
        carrying: dict[str, list[Segment]] = {}  # each code's segments, for its quotes
        for s in coded:
            for c in set(codes_of[s.id]):
                carrying.setdefault(c, []).append(s)
        rows: list[CodeCount] = []
        for code in inputs.frame.codes:
            if not counts[code.id]:
                continue
            row = agreement.code(code.id)
            rows.append(
                CodeCount(
                    code=code.id,
                    label=code.label,
                    label_es=code.label_es or code.label,
                    count=counts[code.id],
                    share=counts[code.id] / len(coded) if coded else 0.0,
                    role=roles.get(code.id, "boundary"),
                    alpha=row.value if row else None,
                    unreliable=not (row and row.reliable_enough),
                    quotes=choose_quotes(carrying.get(code.id, []), codes_of, code.id,
                                         names, cores=cores),
                )
            )
        rd, on = reading(vid, segments, codes_of, comprehension, set(target), set(off))
        on_target[vid] = on
        coding.append(
            VariantCoding(
                variant=vid,
                segments=len(segs),
                coded=len(coded),
                unresolved=sum(1 for s in segs if cons[s.id][1] == "unresolved"),
                respondents=len({s.respondent_id for s in segs}),
                codes=tuple(rows),
                reading=rd,
            )
        )

    by_variant = {c.variant: c for c in coding}
    pairs = wording_pairs(order, inputs.variants)
    languages = tuple(
        language_finding(
            p.language,
            by_variant[p.reference],
            by_variant[p.alternative],
            on_target[p.reference],
            on_target[p.alternative],
            agreement,
            target,
            off,
        )
        for p in pairs
        if p.reference in by_variant and p.alternative in by_variant
    )
    flagged = list(dict.fromkeys(c for f in languages for c in f.rule_codes))
    outcome = inputs.comparison_outcome
    if inputs.comparison is not None and not outcome and inputs.comparison.estimates:
        # one number per wording: a category's share only when every outcome is categorical
        ests = inputs.comparison.estimates
        outcome = next((e.outcome for e in ests if e.category is None), ests[0].outcome)
    micro = (
        tuple(microdata_findings(inputs.comparison, outcome, inputs.outcome_labels))
        if inputs.comparison
        else ()
    )
    unreliable = tuple(r.key for r in agreement.by_code if r.verdict == "unreliable")
    headlines = {lang: headline(agreement, languages, lang, inputs.study.name) for lang in ("en", "es")}

    wordings = tuple(
        _wording_view(inputs.variants[v]) if v in inputs.variants else _missing_wording(v)
        for v in order
    )
    return Report(
        title=inputs.title or inputs.study.name,
        study=inputs.study,
        protocol_id=inputs.protocol.id,
        protocol_version=inputs.protocol.version,
        frame_id=inputs.frame.id,
        summary=Summary(
            agreement.overall,
            languages,
            micro,
            unreliable,
            headlines["en"],
            caveats=main_caveats(inputs, flagged, unreliable, micro),
            headlines=headlines,
            warnings=coding_warnings(inputs, cons),
            microdata_caveats=microdata_caveats(inputs),
            synthetic=tuple(
                d.name for d in (inputs.comparison.datasets if inputs.comparison else ())
                if d.synthetic
            ),
        ),
        wordings=wordings,
        pairs=tuple(pairs),
        coding=tuple(coding),
        agreement=agreement,
        comparison=inputs.comparison,
        comparison_outcome=outcome,
        notes=inputs.notes,
        provenance=inputs.provenance,
        sample=sample_counts(inputs, cons),
        probes=probe_rows(inputs.protocol, segments),
        pseudonymised=inputs.pseudonymise,
        rules={
            "fit_margin": MARGIN,
            "alpha_tentative": 0.667,
            "alpha_reliable": 0.800,
            "p_level": P_LEVEL,
            "substantive_relative": SUBSTANTIVE_RELATIVE,
            "substantive_minutes_per_day": SUBSTANTIVE_MIN_PER_DAY,
            "substantive_hours_per_week": SUBSTANTIVE_H_PER_WEEK,
        },
        frame_codes=tuple(
            {
                "id": c.id,
                "label": c.label,
                "label_es": c.label_es or c.label,
                "role": roles.get(c.id, "boundary"),
                "definition": c.definition,
                "definition_es": c.definition_in("es"),
            }
            for c in inputs.frame.codes
        ),
        outcome_labels=dict(inputs.outcome_labels),
        frame_version=inputs.frame.version,
        frame_revisions=inputs.frame_revisions,
        confusion=pooled_summary([c.id for c in inputs.frame.codes], inputs.codings),
        variant_labels={
            vid: {"en": v.display_label("en"), "es": v.display_label("es")}
            for vid, v in inputs.variants.items()
        },
    )


def microdata_caveats(inputs: ReportInput) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Wordings the microdata compare that the interviews did not test: an expert group
    would otherwise read the two parts as one comparison."""
    if inputs.comparison is None:
        return ()
    tested = set(inputs.study.variants)
    compared = dict.fromkeys(v for d in inputs.comparison.datasets for v in d.variants)
    others = [v for v in compared if v not in tested]
    if not others:
        return ()
    return (("caveat-other-wordings", {"wordings": ",".join(others)}),)


def main_caveats(
    inputs: ReportInput,
    rule_codes_flagged: Sequence[str],
    unreliable: Sequence[str],
    micro: Sequence[MicrodataFinding],
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """What a reader of the first page must keep in mind, most serious first."""
    out: list[tuple[str, dict[str, Any]]] = []
    o = inputs.agreement.overall
    if o.verdict == "undefined":
        out.append(("caveat-frame-undefined", {"why": o.note or "–"}))
    elif o.verdict == "unreliable":
        out.append(("caveat-frame-unreliable", {"alpha": o.value}))
    elif o.verdict == "tentative":
        out.append(("caveat-frame-tentative", {"alpha": o.value}))
    if rule_codes_flagged:
        out.append(("caveat-rule-codes", {"codes": ", ".join(rule_codes_flagged)}))
    others = [c for c in unreliable if c not in rule_codes_flagged]
    if others:
        out.append(("caveat-other-codes", {"codes": ", ".join(others)}))
    respondents = len({s.respondent_id for s in inputs.segments})
    if respondents:
        out.append(("caveat-sample", {"respondents": respondents}))
    for m in micro:
        if m.nonresponse_p is not None and m.nonresponse_p < P_LEVEL:
            out.append(
                (
                    "caveat-nonresponse",
                    {
                        "a": m.a,
                        "b": m.b,
                        "rate_a": m.nonresponse_a,
                        "rate_b": m.nonresponse_b,
                        "diff": m.nonresponse_diff,
                        "p": m.nonresponse_p,
                    },
                )
            )
    comparison = inputs.comparison
    if comparison is not None and any(e.reliability == "low" for e in comparison.estimates):
        out.append(("caveat-low-precision", {}))
    return tuple(out)


def coding_warnings(
    inputs: ReportInput, cons: Mapping[str, tuple[tuple[str, ...], ConsensusSource]]
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """What the readings leave out, counted for page 1 and the CLI: segments coders still
    disagree on, segments whose adjudicators disagree, respondents who withdrew."""
    out: list[tuple[str, dict[str, Any]]] = []
    conflicts = set(inputs.conflicts)
    open_segs = [
        s for s in inputs.segments if cons[s.id][1] == "unresolved" and s.id not in conflicts
    ]
    if open_segs:
        respondents = len({s.respondent_id for s in open_segs})
        out.append(("warn-unresolved", {"segments": len(open_segs), "respondents": respondents}))
    if conflicts:
        out.append(("warn-conflicts", {"segments": len(conflicts)}))
    if inputs.withdrawn:
        out.append(("warn-withdrawn", {"respondents": inputs.withdrawn}))
    return tuple(out)


def sample_counts(
    inputs: ReportInput, cons: Mapping[str, tuple[tuple[str, ...], ConsensusSource]]
) -> dict[str, Any]:
    """Who was interviewed and how the coding went, for the CIRF sample and analysis parts."""
    segments = inputs.segments
    first: dict[str, Segment] = {}
    for s in segments:
        first.setdefault(s.respondent_id, s)
    by_attr: dict[str, dict[str, int]] = {}
    for attr in ATTRIBUTES:
        values = Counter(s.attributes.get(attr, "") for s in first.values())
        if any(values):
            by_attr[attr] = dict(sorted((k or "?", n) for k, n in values.items()))
    languages: Counter[str] = Counter()
    for s in first.values():
        v = inputs.variants.get(s.variant_id)
        languages[v.base_language if v else "?"] += 1
    interviewers = sorted(
        {s.attributes["interviewer"] for s in segments if s.attributes.get("interviewer")}
    )
    sources = Counter(src for _codes, src in cons.values())
    variants_of: dict[str, set[str]] = {}
    for s in segments:  # one pass: per respondent a scan of every segment was quadratic
        variants_of.setdefault(s.respondent_id, set()).add(s.variant_id)
    variants_per_respondent = Counter(len(v) for v in variants_of.values())
    return {
        "respondents": len(first),
        "interviews": len({s.interview_id for s in segments}),
        "segments": len(segments),
        "by_language": dict(sorted(languages.items())),
        "by_attribute": by_attr,
        "interviewers": interviewers,
        "variants_per_respondent": {str(k): n for k, n in sorted(variants_per_respondent.items())},
        "coders": list(inputs.agreement.coders),
        "adjudicators": sorted({a.adjudicator for a in inputs.adjudications.values()}),
        "consensus": {
            k: sources.get(k, 0)
            for k in ("adjudicated", "agreed", "single-coder", "unresolved", "uncoded")
        },
    }


def probe_rows(protocol: Protocol, segments: Sequence[Segment]) -> tuple[dict[str, str], ...]:
    used = Counter(s.probe_id for s in segments)
    return tuple(
        {
            "id": p.id,
            "kind": p.kind,
            "mode": p.mode,
            "text": p.text_in("en"),
            "text_es": p.text_in("es"),
            "segments": str(used[p.id]),
        }
        for p in protocol.probes
        if used[p.id]
    )
