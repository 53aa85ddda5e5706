"""``level`` is the level of measurement in every public coefficient (``ci_level`` the
confidence level): an explicit level that contradicts the prepared data is an error, never
silently ignored, and weighted coefficients refuse nominal codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tut.agreement import (
    ReliabilityDataError,
    agreement_report,
    bootstrap_alpha,
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    krippendorff_alpha,
    percent_agreement,
    reliability_data,
    scott_pi,
)

CODES = [[1, 2, 3, 3, 2, 1, 4], [1, 2, 3, 2, 2, 1, 4]]

ENTRIES: dict[str, Callable[..., Any]] = {
    "krippendorff_alpha": krippendorff_alpha,
    "bootstrap_alpha": bootstrap_alpha,
    "agreement_report": agreement_report,
    "cohen_kappa": cohen_kappa,
    "conger_kappa": conger_kappa,
    "fleiss_kappa": fleiss_kappa,
    "scott_pi": scott_pi,
    "gwet_ac1": gwet_ac1,
    "gwet_ac2": gwet_ac2,
    "brennan_prediger": brennan_prediger,
    "percent_agreement": percent_agreement,
}


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_a_level_that_contradicts_the_prepared_data_is_refused(name: str) -> None:
    prepared = reliability_data(CODES, "ordinal")
    with pytest.raises(ReliabilityDataError, match="'interval' contradicts the prepared data's "
                       "level 'ordinal'"):
        ENTRIES[name](prepared, level="interval")


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_the_same_level_or_none_gives_the_same_result(name: str) -> None:
    prepared = reliability_data(CODES, "ordinal")
    fn = ENTRIES[name]
    kw: dict[str, Any] = {"seed": 3} if name == "bootstrap_alpha" else {}
    assert repr(fn(prepared, level="ordinal", **kw)) == repr(fn(prepared, **kw))


@pytest.mark.parametrize("name", ["krippendorff_alpha", "fleiss_kappa", "agreement_report"])
def test_raw_codes_take_the_level_given(name: str) -> None:
    """On raw codes, ``level`` prepares the data: interval alpha differs from nominal."""
    if name == "agreement_report":
        nominal = agreement_report(CODES, level="nominal")["krippendorff_alpha"].value
        interval = agreement_report(CODES, level="interval")["krippendorff_alpha"].value
        assert nominal != pytest.approx(interval)
    else:
        fn = ENTRIES[name]
        assert fn(CODES, level="interval").value == fn(reliability_data(CODES, "interval")).value


@pytest.mark.parametrize("weights", ["linear", "quadratic"])
def test_weighted_coefficients_refuse_nominal_codes(weights: str) -> None:
    nominal = reliability_data(CODES, "nominal")
    for c in (
        cohen_kappa(nominal, weights),  # type: ignore[arg-type]
        conger_kappa(nominal, weights),  # type: ignore[arg-type]
        fleiss_kappa(nominal, weights),  # type: ignore[arg-type]
        gwet_ac2(nominal, weights),  # type: ignore[arg-type]
        brennan_prediger(nominal, weights),  # type: ignore[arg-type]
        percent_agreement(nominal, weights),  # type: ignore[arg-type]
    ):
        assert not c.defined, c.name
        assert c.value is None, c.name  # no number is shown
        assert "the level is nominal" in c.reason, c.name
    ordinal = reliability_data(CODES, "ordinal")
    assert cohen_kappa(ordinal, weights).defined  # type: ignore[arg-type]


def test_the_report_refuses_weighted_kappa_on_nominal_codes() -> None:
    report = agreement_report(CODES, level="nominal")
    for name in ("cohen_kappa_linear", "cohen_kappa_quadratic"):
        assert not report[name].defined
        assert "the level is nominal" in report[name].reason
    assert report["cohen_kappa"].defined
    assert report["krippendorff_alpha"].label == "Krippendorff's alpha (nominal)"
