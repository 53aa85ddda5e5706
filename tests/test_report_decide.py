"""The interview decision on constructed readings whose answer is known: "better" needs the
exact test and the threshold, a large untested difference is only suggestive, and a code
the decision rests on below the reliability threshold hedges the headline."""

from __future__ import annotations

import pytest

from tut.report.decide import (
    MARGIN,
    headline,
    language_finding,
    verdict,
    wilson,
)
from tut.report.i18n import t
from tut.report.model import AgreementSummary, AlphaRow, Reading, VariantCoding


def _alpha(key: str, value: float, scope: str = "code") -> AlphaRow:
    verdict_ = "reliable" if value >= 0.8 else "tentative" if value >= 0.667 else "unreliable"
    return AlphaRow(scope, key, value, (value - 0.05, value + 0.05), verdict_, 100, 300)


def _agreement(frame: float = 0.85, **codes: float) -> AgreementSummary:
    return AgreementSummary(
        coders=("ana", "ben"),
        overall=_alpha("overall", frame, "overall"),
        by_code=tuple(_alpha(k.replace("_", "-"), v) for k, v in codes.items()),
    )


def _wording(variant: str, on: dict[str, bool], off: dict[str, bool] | None = None):
    """A wording read on target by the respondents marked True (off target otherwise)."""
    off = off if off is not None else {r: not v for r, v in on.items()}
    n = len(on)
    k_on, k_off = sum(on.values()), sum(off.values())
    reading = Reading(
        variant,
        n,
        k_on,
        k_off,
        both=sum(1 for r in on if on[r] and off[r]),
        neither=sum(1 for r in on if not on[r] and not off[r]),
        target_ci=wilson(k_on, n),
    )
    return VariantCoding(variant, n, n, 0, n, (), reading), on


def _respondents(n: int, on: int, prefix: str = "r") -> dict[str, bool]:
    return {f"{prefix}{i:03d}": i < on for i in range(n)}


def _finding(ref_on, alt_on, agreement=None, ref_off=None, alt_off=None):
    ref, on_ref = _wording("in-use", ref_on, ref_off)
    alt, on_alt = _wording("new", alt_on, alt_off)
    return language_finding(
        "en",
        ref,
        alt,
        on_ref,
        on_alt,
        agreement or _agreement(responsibility=0.9, presence_only=0.9),
        ("responsibility",),
        ("presence-only",),
    )


def test_the_verdict_needs_both_the_test_and_the_threshold():
    assert verdict(0.40, 0.01) == "better"
    assert verdict(-0.40, 0.01) == "worse"
    assert verdict(0.40, 0.20) == "suggestive-better"
    assert verdict(-0.40, None) == "suggestive-worse"
    assert verdict(MARGIN / 2, 0.0001) == "no-clear-difference"
    assert verdict(0.0, 1.0) == "no-clear-difference"


def test_a_large_significant_paired_difference_is_better():
    # 60 respondents heard both: 10 on target with the wording in use, 40 with the new one
    f = _finding(_respondents(60, 10), _respondents(60, 40))
    assert f.test == "mcnemar" and f.paired == 60
    assert f.p is not None and f.p < 0.001
    assert f.delta == pytest.approx(0.5)
    assert f.finding == "better"
    assert not f.hedged
    key, params = headline(_agreement(), [f], "en")
    assert key == "headline-better" and params["alternative"] == "new"


def test_a_large_difference_on_few_respondents_is_only_suggestive():
    # 6 respondents: 1 vs 4 on target is +50 points, but McNemar p = 0.25
    f = _finding(_respondents(6, 1), _respondents(6, 4))
    assert f.delta >= MARGIN
    assert f.p == pytest.approx(0.25)
    assert f.finding == "suggestive-better"
    assert headline(_agreement(), [f], "en")[0] == "headline-suggestive-better"


def test_different_respondents_are_compared_with_fishers_exact_test():
    f = _finding(_respondents(30, 5, "a"), _respondents(30, 25, "b"))
    assert f.test == "fisher" and f.paired == 0 and f.mcnemar_p is None
    assert f.p is not None and f.p < 0.001 and f.finding == "better"


def test_a_code_the_decision_rests_on_with_alpha_one_half_hedges_the_headline():
    agreement = _agreement(responsibility=0.5, presence_only=0.9)
    f = _finding(_respondents(60, 10), _respondents(60, 40), agreement)
    assert f.finding == "better" and f.hedged
    assert f.rule_codes == ("responsibility",)
    key, _params = headline(agreement, [f], "en")
    assert key == "headline-better-tentative"
    assert t(key, "en", alternative="new", reference="old").startswith("Tentatively")
    assert t(key, "es", alternative="new", reference="old").startswith("De forma tentativa")


def test_off_target_is_dropped_when_it_is_one_minus_on_target():
    complementary = _finding(_respondents(20, 5), _respondents(20, 12))
    assert not complementary.show_off_target
    assert "reason-off-target" not in complementary.reasons
    # one respondent read the new wording neither way: now the off-target share says more
    alt_on = _respondents(20, 12)
    alt_off = {r: not v for r, v in alt_on.items()}
    alt_off["r019"] = False
    partial = _finding(_respondents(20, 5), alt_on, alt_off=alt_off)
    assert partial.show_off_target
    # an unreliable off-target code matters only when off target is part of the decision
    agreement = _agreement(responsibility=0.9, presence_only=0.4)
    assert not _finding(_respondents(20, 5), _respondents(20, 12), agreement).hedged
    assert _finding(_respondents(20, 5), alt_on, agreement, alt_off=alt_off).hedged


def test_an_unreliable_frame_gives_no_verdict():
    agreement = _agreement(0.5, responsibility=0.9)
    f = _finding(_respondents(60, 10), _respondents(60, 40), agreement)
    assert f.finding == "inconclusive" and not f.hedged
    assert headline(agreement, [f], "en")[0] == "headline-inconclusive"


def test_each_language_leads_with_its_own_comparison():
    en = _finding(_respondents(60, 10), _respondents(60, 40))
    es = language_finding(
        "es",
        *_wording("es-in-use", _respondents(20, 10))[:1],
        *_wording("es-new", _respondents(20, 11))[:1],
        _respondents(20, 10),
        _respondents(20, 11),
        _agreement(responsibility=0.9),
        ("responsibility",),
    )
    assert headline(_agreement(), [en, es], "en")[1]["alternative"] == "new"
    key, params = headline(_agreement(), [en, es], "es")
    assert key == "headline-no-difference" and params["alternative"] == "es-new"


def test_wilson_intervals_match_known_values():
    low, high = wilson(0, 10)
    assert low == pytest.approx(0.0, abs=1e-9) and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    assert wilson(0, 0) is None


def test_every_verdict_renders_in_html_markdown_and_word():
    """Suggestive and Fisher-tested findings read in both languages in every format."""
    import io
    from dataclasses import replace
    from pathlib import Path

    from docx import Document

    from tut.examples import EXAMPLE_STUDY
    from tut.project import find_project
    from tut.report import build_report, render_html, render_markdown
    from tut.report.inputs import load_report_input
    from tut.report.word import render_docx

    repo = Path(__file__).resolve().parents[1]
    report = build_report(load_report_input(EXAMPLE_STUDY, project=find_project(repo), bootstrap=0))
    en, es = sorted(report.summary.languages, key=lambda f: f.language)
    agreement = _agreement(responsibility=0.9, presence_only=0.9)
    ref, on_ref = _wording(en.reference, _respondents(6, 1, "a"))
    alt, on_alt = _wording(en.alternative, _respondents(6, 4, "b"))
    suggestive = language_finding(
        "en", ref, alt, on_ref, on_alt, agreement, ("responsibility",), ("presence-only",)
    )
    assert suggestive.finding == "suggestive-better" and suggestive.test == "fisher"
    summary = replace(
        report.summary,
        languages=(suggestive, es),
        headlines={lang: headline(agreement, [suggestive, es], lang) for lang in ("en", "es")},
    )
    report = replace(report, summary=summary)
    html = render_html(report, "en")
    assert "may measure supervisory care better than" in html
    assert "suggestive: may be better, not confirmed by the test" in html
    assert "Fisher p = " in html
    assert "indicio: podría ser mejor" in render_markdown(report, "es")
    doc = Document(io.BytesIO(render_docx(report, "es", charts=False)))
    assert any("Fisher" in c.text for t in doc.tables for row in t.rows for c in row.cells)
