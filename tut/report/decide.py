"""Which wording reads better in the interviews, with its uncertainty: pure functions.

The measure is the share of respondents who read a wording as the target concept, with a
Wilson interval (respondents, not segments, are the unit). A difference is ``better`` only
when an exact test supports it at :data:`P_LEVEL` (McNemar when the same respondents heard
both wordings, Fisher's exact test when they did not) *and* it is at least
:data:`MARGIN`; a difference as large that the test does not support is ``suggestive``; a
smaller one is ``no-clear-difference``. The finding is hedged ("tentatively") whenever the
frame or a code the decision rests on is below the reliability threshold.

The off-target share is shown only when it adds something: when every respondent is on or
off target (never both, never neither) it is one minus the on-target share, and a "net fit"
would only double the on-target gap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from scipy.stats import binomtest, fisher_exact

from tut.coding.model import Segment
from tut.report.model import AgreementSummary, Finding, LanguageFinding, Reading, VariantCoding

MARGIN = 0.15
"""Difference in the share of respondents on target that is large enough to matter."""
P_LEVEL = 0.05
"""Level at which the exact test must support a difference."""
CI_LEVEL = 0.95
SUBSTANTIVE_RELATIVE = 0.10
SUBSTANTIVE_MIN_PER_DAY = 30.0
SUBSTANTIVE_H_PER_WEEK = 2.0
"""The one rule for whether a microdata difference matters (after BLS and INEGI practice):
at least 30 minutes a day, 2 hours a week, or 10% of the reference estimate."""


def substantive_by(diff: float, unit: str, relative: float | None) -> str:
    """Which part of the rule a difference passes (``""``: none): ``minutes-per-day``,
    ``hours-per-week`` or ``relative``."""
    u = unit.lower()
    if "minute" in u and "day" in u and abs(diff) >= SUBSTANTIVE_MIN_PER_DAY:
        return "minutes-per-day"
    if "hour" in u and "week" in u and abs(diff) >= SUBSTANTIVE_H_PER_WEEK:
        return "hours-per-week"
    if relative is not None and abs(relative) >= SUBSTANTIVE_RELATIVE:
        return "relative"
    return ""


def wilson(k: int, n: int, level: float = CI_LEVEL) -> tuple[float, float] | None:
    """Wilson score interval of k/n (None without respondents)."""
    if n <= 0:
        return None
    ci = binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
    return float(ci.low), float(ci.high)


def reading(
    variant: str,
    segments: Sequence[Segment],
    codes_of: Mapping[str, tuple[str, ...]],
    comprehension: set[str],
    target: set[str],
    off: set[str],
) -> tuple[Reading, dict[str, bool]]:
    """Respondent-level reading of one wording, and who read it on target (for the test)."""
    on: dict[str, bool] = {}
    off_by: dict[str, bool] = {}
    for s in segments:
        if s.variant_id != variant or s.probe_id not in comprehension:
            continue
        codes = set(codes_of.get(s.id, ()))
        if not codes:
            continue
        on[s.respondent_id] = on.get(s.respondent_id, False) or bool(codes & target)
        off_by[s.respondent_id] = off_by.get(s.respondent_id, False) or bool(codes & off)
    n = len(on)
    k_on, k_off = sum(on.values()), sum(off_by.values())
    rd = Reading(
        variant,
        n,
        k_on,
        k_off,
        both=sum(1 for r in on if on[r] and off_by[r]),
        neither=sum(1 for r in on if not on[r] and not off_by[r]),
        target_ci=wilson(k_on, n),
        off_target_ci=wilson(k_off, n),
    )
    return rd, on


def mcnemar_exact(a: Mapping[str, bool], b: Mapping[str, bool]) -> tuple[int, float | None]:
    """Paired respondents and the exact two-sided McNemar p-value for "on target"."""
    both = [r for r in a if r in b]
    only_a = sum(1 for r in both if a[r] and not b[r])
    only_b = sum(1 for r in both if b[r] and not a[r])
    if only_a + only_b == 0:
        return len(both), (1.0 if both else None)
    return len(both), float(binomtest(min(only_a, only_b), only_a + only_b, 0.5).pvalue)


def difference_test(
    ref: Reading, alt: Reading, on_ref: Mapping[str, bool], on_alt: Mapping[str, bool]
) -> tuple[str, int, float | None]:
    """(test, paired respondents, p): McNemar on the respondents who heard both when there
    are any, else Fisher's exact test on two groups of different respondents."""
    paired, p = mcnemar_exact(on_ref, on_alt)
    if paired:
        return "mcnemar", paired, p
    if ref.respondents == 0 or alt.respondents == 0:
        return "", 0, None
    table = [
        [alt.target, alt.respondents - alt.target],
        [ref.target, ref.respondents - ref.target],
    ]
    return "fisher", 0, float(fisher_exact(table).pvalue)


def verdict(
    delta: float, p: float | None, margin: float = MARGIN, level: float = P_LEVEL
) -> Finding:
    """``better``/``worse`` need both the test and the threshold; the threshold alone is
    ``suggestive``; anything smaller is no clear difference."""
    large = abs(delta) >= margin - 1e-12
    if not large:
        return "no-clear-difference"
    supported = p is not None and p < level
    if delta > 0:
        return "better" if supported else "suggestive-better"
    return "worse" if supported else "suggestive-worse"


def _gate(agreement: AgreementSummary, has_targets: bool, ref: Reading, alt: Reading) -> str:
    """The reason no conclusion can be drawn, or ``""``."""
    if agreement.overall.verdict == "undefined":
        return "reason-frame-undefined"
    if not agreement.overall.reliable_enough:
        return "reason-frame-unreliable"
    if not has_targets:
        return "reason-no-targets"
    if ref.respondents == 0 or alt.respondents == 0:
        return "reason-no-readings"
    return ""


NOTHING_TO_TEST = frozenset({"reason-no-targets", "reason-no-readings"})
"""Gates after which no share was read, so no test is run or shown."""


def unreliable_codes(agreement: AgreementSummary, codes: Sequence[str]) -> tuple[str, ...]:
    """The codes among ``codes`` whose own alpha is below the reliability threshold."""
    return tuple(c for c in codes if (r := agreement.code(c)) is not None and not r.reliable_enough)


def language_finding(
    lang: str,
    ref: VariantCoding,
    alt: VariantCoding,
    on_ref: Mapping[str, bool],
    on_alt: Mapping[str, bool],
    agreement: AgreementSummary,
    target_codes: Sequence[str],
    off_target_codes: Sequence[str] = (),
) -> LanguageFinding:
    """One language's answer: the verdict, the test behind it and whether it is hedged."""
    r, a = ref.reading, alt.reading
    gate = _gate(agreement, bool(target_codes), r, a)
    test, paired, p = difference_test(r, a, on_ref, on_alt)
    if gate in NOTHING_TO_TEST:  # "p = 1.000 (0 of 4 against 0 of 4)" would read as a result
        test, p = "", None
    delta = a.target_share - r.target_share
    show_off = not (r.complementary and a.complementary)
    rests_on = [*target_codes, *(off_target_codes if show_off else ())]
    flagged = unreliable_codes(agreement, rests_on)
    finding: Finding = "inconclusive" if gate else verdict(delta, p)
    reasons = [gate] if gate else []
    reasons.append("reason-target")
    if show_off:
        reasons.append("reason-off-target")
    if test:
        reasons.append(f"reason-{test}")
    if agreement.overall.verdict == "tentative":
        reasons.append("reason-frame-tentative")
    if flagged:
        reasons.append("reason-codes-flagged")
    hedged = not gate and (bool(flagged) or agreement.overall.verdict == "tentative")
    params: dict[str, Any] = {
        "reference": ref.variant,
        "alternative": alt.variant,
        "ref_target": r.target,
        "ref_off": r.off_target,
        "ref_n": r.respondents,
        "alt_target": a.target,
        "alt_off": a.off_target,
        "alt_n": a.respondents,
        "delta": delta,
        "margin": MARGIN,
        "level": P_LEVEL,
        "paired": paired,
        "p": p,
        "alpha": agreement.overall.value,
        "codes": ", ".join(flagged),
        "why": agreement.overall.note,
    }
    return LanguageFinding(
        lang,
        ref.variant,
        alt.variant,
        finding,
        r,
        a,
        paired,
        p if test == "mcnemar" else None,
        tuple(reasons),
        params,
        delta=delta,
        test=test,
        p=p,
        show_off_target=show_off,
        hedged=hedged,
        rule_codes=flagged,
    )


HEADLINE_KEYS: dict[str, str] = {
    "better": "headline-better",
    "worse": "headline-worse",
    "suggestive-better": "headline-suggestive-better",
    "suggestive-worse": "headline-suggestive-worse",
    "no-clear-difference": "headline-no-difference",
}


def headline(
    agreement: AgreementSummary,
    findings: Sequence[LanguageFinding],
    lang: str,
    study: str = "",
) -> tuple[str, dict[str, Any]]:
    """The answer a report in ``lang`` leads with: its own language's comparison (else the
    first one), hedged when that finding is. An inconclusive one says why, in the order
    :func:`_gate` checks (``study`` names the folder of the notes to write)."""
    if agreement.overall.verdict == "undefined":
        return "headline-undefined", {"why": agreement.overall.note}
    if not agreement.overall.reliable_enough:
        return "headline-inconclusive", {"alpha": agreement.overall.value}
    own = [f for f in findings if f.language == lang] or list(findings)
    if not own:
        return "headline-no-comparison", {}
    f = next((x for x in own if x.finding in ("better", "worse")), own[0])
    if f.finding == "inconclusive":
        if "reason-no-targets" in f.reasons:
            return "headline-no-targets", {"study": study}
        return "headline-no-readings", {"language": f.language}
    key = HEADLINE_KEYS[f.finding] + ("-tentative" if f.hedged else "")
    return key, {
        "alternative": f.alternative,
        "reference": f.reference,
        "language": f.language,
        "p": f.p,
        "delta": f.delta,
    }
