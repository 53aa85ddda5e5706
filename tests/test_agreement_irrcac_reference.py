"""Reference values from Gwet's irrCAC R code for the tricky cases: missing ratings, units
coded by one coder only, 2, 3, 4 and 5 coders, linear and quadratic weights (AC2), and
categories on offer that nobody used.

``tests/fixtures/agreement/irrcac_reference.R`` sources irrCAC's own functions from a
checkout of kgwet/irrCAC (commit 7fb7509236672b8601c96366ca720f12a0d5bb7b; alpha as revised
on 2021-08-17, commit 00b845116dd7b18188202cf4ed3fccec8b81a0bc) with rounding switched off,
and wrote ``irrcac_reference.csv`` (R 4.2.2) from the tables in ``irrcac/*.csv`` (units as
rows, coders as columns). R is not needed to run these tests.

Each table was given to irrCAC twice: whole ("all": irrCAC takes prevalence and the
variance over units coded once too, tut's ``all_units=True``) and with only the units two or
more coders coded ("pairable": tut's default, which must give the same figures on the
whole table).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from tut.agreement import (
    Coefficient,
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    krippendorff_alpha,
    percent_agreement,
    reliability_data,
)
from tut.agreement.data import ReliabilityData

FIXTURES = Path(__file__).parent / "fixtures" / "agreement"
TOL = 1e-12
"""irrCAC's figures are printed with 15 significant digits; both sides agree to rounding."""


def _rows() -> list[dict[str, str]]:
    with (FIXTURES / "irrcac_reference.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _table(name: str) -> np.ndarray:
    """Coders x units, as tut takes them (the file has units as rows, as R got them)."""
    with (FIXTURES / "irrcac" / f"{name}.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    return np.array([[float(x) if x else np.nan for x in r] for r in rows]).T


def _data(row: dict[str, str]) -> ReliabilityData:
    level = "nominal" if row["weights"] == "unweighted" else "interval"
    offered = range(1, 7) if row["categories"] == "1-6" else None
    return reliability_data(_table(row["data"]), level, categories=offered)


def _coefficient(row: dict[str, str]) -> Coefficient:
    d = _data(row)
    w = "identity" if row["weights"] == "unweighted" else row["weights"]
    every = row["units"] == "all"
    if row["coefficient"] == "gwet":
        if w == "identity":
            return gwet_ac1(d, all_units=every)
        return gwet_ac2(d, w, all_units=every)  # type: ignore[arg-type]
    fn = {
        "percent_agreement": percent_agreement,
        "fleiss_kappa": fleiss_kappa,
        "conger_kappa": conger_kappa,
        "brennan_prediger": brennan_prediger,
    }[row["coefficient"]]
    return fn(d, w, all_units=every)  # type: ignore[operator]


KAPPAS = [r for r in _rows() if r["coefficient"] != "krippendorff_alpha"]
# alpha: unweighted is nominal alpha, quadratic weights interval alpha (linear weights are
# no level of measurement)
ALPHAS = [
    r for r in _rows() if r["coefficient"] == "krippendorff_alpha" and r["weights"] != "linear"
]


def _id(row: dict[str, str]) -> str:
    return "-".join(row[k] for k in ("data", "units", "coefficient", "weights", "categories"))


@pytest.mark.parametrize("row", KAPPAS, ids=_id)
def test_value_standard_error_and_interval_match_irrcac(row: dict[str, str]) -> None:
    c = _coefficient(row)
    assert c.defined, c.reason
    assert c.value == pytest.approx(float(row["value"]), abs=TOL)
    assert c.se == pytest.approx(float(row["se"]), abs=TOL)
    assert c.ci is not None
    assert c.ci[0] == pytest.approx(float(row["lower"]), abs=TOL)
    assert c.ci[1] == pytest.approx(float(row["upper"]), abs=TOL)


@pytest.mark.parametrize("row", ALPHAS, ids=_id)
def test_alpha_value_and_standard_error_match_current_irrcac(row: dict[str, str]) -> None:
    d = _data(row)
    alpha = krippendorff_alpha(d)
    assert alpha.value == pytest.approx(float(row["value"]), abs=TOL)
    assert alpha.se == pytest.approx(float(row["se"]), abs=TOL)
    if row["units"] == "all":
        # irrCAC's t has n0 - 1 degrees of freedom, n0 every unit of the table it was given
        assert alpha.ci is not None
        assert alpha.ci[0] == pytest.approx(float(row["lower"]), abs=TOL)
        assert alpha.ci[1] == pytest.approx(float(row["upper"]), abs=TOL)


@pytest.mark.parametrize("weights", ["unweighted", "linear", "quadratic"])
def test_cohen_kappa_is_irrcac_conger_for_two_coders_on_both_unit_sets(weights: str) -> None:
    for units in ("all", "pairable"):
        row = next(
            r
            for r in KAPPAS
            if (r["data"], r["units"], r["coefficient"], r["weights"], r["categories"])
            == ("C", units, "conger_kappa", weights, "seen")
        )
        w = "identity" if weights == "unweighted" else weights
        kappa = cohen_kappa(_data(row), w, all_units=units == "all")  # type: ignore[arg-type]
        assert kappa.value == pytest.approx(float(row["value"]), abs=TOL)
        assert kappa.se == pytest.approx(float(row["se"]), abs=TOL)


def test_the_reference_covers_units_coded_once() -> None:
    # the pairable run differs from the whole one wherever units were coded once (B, C)
    def se(data: str, units: str) -> float:
        return next(
            float(r["se"])
            for r in KAPPAS
            if (r["data"], r["units"], r["coefficient"], r["weights"], r["categories"])
            == (data, units, "fleiss_kappa", "unweighted", "seen")
        )

    assert se("C", "all") != pytest.approx(se("C", "pairable"), abs=1e-4)
    assert se("raw4raters", "all") != pytest.approx(se("raw4raters", "pairable"), abs=1e-4)
