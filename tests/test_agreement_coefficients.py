"""Coefficients as a caller meets them: missing data, text labels, undefined cases, verdicts."""

from __future__ import annotations

import json

import numpy as np
import pytest
from agreement_tables import JSON_KEYS_MORE, JSON_KEYS_TWO

from tut.agreement import (
    AgreementReport,
    ReliabilityDataError,
    agreement_report,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    reliability_data,
    verdict,
)

NA = np.nan


def test_json_keys_for_two_coders_are_exactly_the_documented_ones() -> None:
    report = agreement_report([[1, 2, 3, 1, 2], [1, 2, 3, 2, 2]], "ordinal")
    out = report.to_json()
    assert list(out) == JSON_KEYS_TWO
    for key in JSON_KEYS_TWO[:-5]:
        assert {"value", "ci"} <= set(out[key])
    json.dumps(out)  # plain JSON, no numpy scalars or NaN
    assert "NaN" not in json.dumps(out)


def test_json_keys_for_three_coders_leave_cohen_out() -> None:
    report = agreement_report([[1, 2, 3, 1], [1, 2, 3, 2], [1, 2, 2, 2]], "nominal")
    assert list(report.to_json()) == JSON_KEYS_MORE


def test_missing_codes_are_missing_never_a_category() -> None:
    with_gaps = reliability_data([[1, NA, 2, 2], [1, 1, None, 2]], "nominal")
    assert with_gaps.categories == (1, 2)
    assert with_gaps.codes.tolist() == [[0, -1, 1, 1], [0, 0, -1, 1]]
    text = reliability_data([["yes", "", "no", "NA"], ["yes", "no", None, "no"]], "nominal")
    assert text.categories == ("no", "yes")
    assert (text.codes == -1).sum() == 3


def test_units_coded_once_are_reported_and_not_paired() -> None:
    report = agreement_report([[1, 2, 3, 1, NA], [1, 2, 3, NA, NA], [1, 2, NA, NA, 2]])
    assert report.single_coded_units == ("unit 4", "unit 5")
    assert report.n_pairable == 3 + 3 + 2
    assert report.n_units == 5


def test_units_no_one_coded_and_silent_coders_are_dropped_and_counted() -> None:
    d = reliability_data([[1, 2, NA], [2, 2, NA], [NA, NA, NA]])
    assert d.n_units == 2 and d.dropped_units == 1
    assert d.coders == ("coder 1", "coder 2") and d.dropped_coders == ("coder 3",)


def test_text_labels_give_the_same_figures_as_numbers() -> None:
    numbers = [[1, 2, 3, 3, 2, 1], [1, 2, 3, 3, 1, 1], [2, 2, 3, 3, 2, NA]]
    words = [[None if x is NA else ["low", "mid", "high"][int(x) - 1] for x in r] for r in numbers]
    a = agreement_report(numbers, "nominal")
    b = agreement_report(words, "nominal")
    for name in a.names:
        assert a[name].value == pytest.approx(b[name].value), name


def test_text_at_interval_level_is_refused_at_the_entry() -> None:
    with pytest.raises(ReliabilityDataError, match="'low' is text, but the interval level"):
        reliability_data([["low", "mid"], ["low", "low"]], "interval")
    with pytest.raises(ReliabilityDataError, match="no order"):
        reliability_data([["low", "mid"], ["low", "low"]], "ordinal")


def test_ordered_text_categories_can_be_given() -> None:
    d = reliability_data(
        [["low", "mid", "high"], ["low", "high", "high"]],
        "ordinal",
        categories=["low", "mid", "high"],
    )
    assert d.categories == ("low", "mid", "high")
    assert cohen_kappa(d, "linear").defined


def test_entry_refuses_what_is_not_a_table() -> None:
    with pytest.raises(ReliabilityDataError, match="2-D"):
        reliability_data([1, 2, 3])
    with pytest.raises(ReliabilityDataError, match="at least two coders"):
        reliability_data([[1, 2, 3]])
    with pytest.raises(ReliabilityDataError, match="different lengths"):
        reliability_data([[1, 2, 3], [1, 2]])
    with pytest.raises(ReliabilityDataError, match="level must be one of"):
        reliability_data([[1, 2], [1, 2]], "binary")
    with pytest.raises(ReliabilityDataError, match="not among the categories: 9"):
        reliability_data([[1, 9], [1, 2]], categories=[1, 2])


def test_undefined_coefficients_say_why_instead_of_nan() -> None:
    one_category = agreement_report([[1, 1, 1], [1, 1, NA]])
    alpha = one_category["krippendorff_alpha"]
    assert not alpha.defined and alpha.value is None
    assert "same value" in alpha.reason
    kappa = one_category["cohen_kappa"]
    assert not kappa.defined and "chance agreement is 1" in kappa.reason
    assert one_category["percent_agreement"].value == 1.0
    out = json.dumps(one_category.to_json())
    assert "NaN" not in out and '"undefined"' in out


def test_no_pairable_unit_makes_every_coefficient_undefined() -> None:
    report = agreement_report([[1, NA, 2], [NA, 2, NA]])
    for c in report.coefficients:
        assert not c.defined
        assert c.reason
    assert report.n_pairable == 0


def test_no_variation_among_pairable_values_leaves_alpha_undefined() -> None:
    # two categories exist, but only one is ever paired
    alpha = krippendorff_alpha([[1, 1, 2, NA], [1, 1, NA, 2]])
    assert not alpha.defined
    assert "expected disagreement is 0" in alpha.reason


def test_cohen_kappa_needs_two_coders_and_ordered_categories_for_weights() -> None:
    three = cohen_kappa([[1, 2], [1, 2], [2, 2]])
    assert not three.defined and "two coders" in three.reason
    words = cohen_kappa(reliability_data([["a", "b", "a"], ["a", "b", "b"]]), "linear")
    assert not words.defined and "order" in words.reason
    report = agreement_report([[1, 2, 3], [1, 2, 2]], "nominal")
    assert not report["cohen_kappa_linear"].defined
    assert "nominal" in report["cohen_kappa_linear"].reason


def test_gwet_coefficients_count_the_categories_on_offer() -> None:
    x = [[1, 2, 1, 1], [1, 2, 2, 1]]
    seen = brennan_prediger(x).value
    offered = brennan_prediger(reliability_data(x, categories=[1, 2, 3, 4])).value
    pa = percent_agreement(x).value
    assert seen == pytest.approx((pa - 1 / 2) / (1 - 1 / 2))
    assert offered == pytest.approx((pa - 1 / 4) / (1 - 1 / 4))
    assert gwet_ac1(reliability_data(x, categories=[1, 2, 3])).value != gwet_ac1(x).value


def test_intervals_are_around_the_value_and_capped_at_one() -> None:
    report = agreement_report(
        [[1, 2, 3, 1, 2, 3, 1, 2], [1, 2, 3, 1, 2, 3, 1, 3], [1, 2, 3, 1, 2, 2, 1, 2]]
    )
    for c in report.coefficients:
        assert c.ci is not None and c.se is not None
        assert c.ci[0] <= c.value <= c.ci[1] <= 1.0


def test_verdicts_name_their_source_and_read_the_interval() -> None:
    alpha = krippendorff_alpha(
        [[1, 2, 3, 1, 2, 3, 1, 2, 3, 1], [1, 2, 3, 1, 2, 3, 1, 2, 3, 2]], "nominal"
    )
    v = verdict(alpha)
    assert v.source == "Krippendorff 2004"
    assert v.label in ("reliable", "tentative", "unreliable")
    assert "interval" in v.note.text()
    fk = verdict(fleiss_kappa([[1, 2, 1, 2], [1, 2, 2, 2]]))
    assert fk.source == "Landis & Koch 1977"
    assert verdict(percent_agreement([[1, 2], [1, 2]])).label == "no benchmark"


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0.85, "reliable"),
        (0.800, "reliable"),
        (0.70, "tentative"),
        (0.667, "tentative"),
        (0.5, "unreliable"),
    ],
)
def test_krippendorff_thresholds(value: float, label: str) -> None:
    from tut.agreement.verdicts import alpha_verdict

    assert alpha_verdict(value).label == label


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (-0.1, "poor"),
        (0.1, "slight"),
        (0.3, "fair"),
        (0.5, "moderate"),
        (0.7, "substantial"),
        (0.9, "almost perfect"),
    ],
)
def test_landis_koch_labels(value: float, label: str) -> None:
    from tut.agreement.verdicts import landis_koch_label

    assert landis_koch_label(value) == label


def test_a_value_on_a_boundary_keeps_its_band_whatever_the_summing_order() -> None:
    """Fleiss' kappa of one study came out 0.4 or 0.40000000000000024 by the order its segments
    were listed: it must not read 'moderate' instead of 'fair', nor 0.667 'unreliable'."""
    from tut.agreement.verdicts import alpha_verdict, landis_koch_label

    assert landis_koch_label(0.40000000000000024) == "fair" == landis_koch_label(0.4)
    assert alpha_verdict(0.667 - 1e-15).label == "tentative"
    assert alpha_verdict(0.6669).label == "unreliable"


def test_report_is_a_frozen_value_object() -> None:
    report = agreement_report([[1, 2, 3], [1, 2, 2]])
    assert isinstance(report, AgreementReport)
    with pytest.raises(AttributeError):
        report.n_units = 3  # type: ignore[misc]
    assert report.get("no_such") is None


def test_weights_on_unordered_text_categories_are_undefined_not_arbitrary() -> None:
    words = reliability_data([["a", "b", "a", "c"], ["a", "b", "b", "c"], ["a", "c", "b", "c"]])
    for fn in (fleiss_kappa, percent_agreement, brennan_prediger):
        c = fn(words, "quadratic")
        assert not c.defined and "ordered categories" in c.reason, c.name
    assert fleiss_kappa(words).defined
    with pytest.raises(ValueError, match="unknown weights"):
        fleiss_kappa([[1, 2], [1, 2]], "cubic")  # type: ignore[arg-type]


def test_negative_values_are_refused_at_the_ratio_level() -> None:
    # a ratio scale has a true zero: Krippendorff's ratio difference ((c - k) / (c + k))^2
    # is meaningless for -1 and 1 (it would call them identical)
    with pytest.raises(ReliabilityDataError, match="-3 is negative, but the ratio level"):
        reliability_data([[-1, 1, 2, 3], [1, 1, 2, -3]], "ratio")
    assert krippendorff_alpha([[-1, 1, 2, 3], [1, 1, 2, -3]], "interval").defined
