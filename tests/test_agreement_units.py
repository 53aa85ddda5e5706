"""Which units each coefficient uses, and the bootstrap over units.

- the kappa family on the units two or more coders coded: adding units coded once changes
  nothing (irrCAC's behaviour, prevalence and variance over every unit, stays available);
- the bootstrap over units: each resample, in its vectorised form, equals the coefficient
  recomputed on that resample's units by the ordinary functions; and its 95% interval
  covers a known population value about 95% of the time.
"""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

import krippendorff
import numpy as np
import pytest

from tut.agreement import (
    agreement_report,
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
    unit_bootstrap,
)
from tut.agreement.alpha import MANY_VALUES
from tut.agreement.unit_bootstrap import draw_blocks, statistics, unit_patterns

FIXTURES = Path(__file__).parent / "fixtures" / "agreement"
KAPPAS = (fleiss_kappa, conger_kappa, gwet_ac1, brennan_prediger, scott_pi, percent_agreement)


def _coded(m: int, n: int, agree: float, k: int, seed: int) -> np.ndarray:
    """m coders x n units: each coder gives the unit's true category with probability
    ``agree``, otherwise a category drawn uniformly from the k (the true one included)."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, k, n)
    return np.where(rng.random((m, n)) < agree, truth, rng.integers(0, k, (m, n))).astype(float)


def _with_single_coded(double: np.ndarray, extra: int, seed: int) -> np.ndarray:
    """The double-coded table plus ``extra`` units that only the first coder coded."""
    rng = np.random.default_rng(seed)
    once = np.full((double.shape[0], extra), np.nan)
    once[0] = rng.integers(0, 4, extra)
    return np.concatenate([double, once], axis=1)


def test_units_coded_once_change_no_kappa_type_coefficient() -> None:
    # The case: 200 segments double-coded and 800 coded once. Every coefficient is
    # the one of the 200 alone; irrCAC's way (all_units) inflates the kappas' SE (the units
    # coded once enter its variance as zero agreement, scaled up by n / n2).
    double = _coded(2, 200, 0.7, 4, seed=1)
    full = _with_single_coded(double, 800, seed=2)
    for fn in (*KAPPAS, cohen_kappa):
        mine, alone = fn(full), fn(double)
        assert (mine.value, mine.se, *mine.ci) == pytest.approx(  # type: ignore[misc]
            (alone.value, alone.se, *alone.ci),
            abs=1e-12,  # type: ignore[misc]
        ), fn.__name__
    irrcac = fleiss_kappa(full, all_units=True)
    assert irrcac.se > 1.2 * fleiss_kappa(full).se
    alpha_full, alpha_alone = krippendorff_alpha(full), krippendorff_alpha(double)
    assert alpha_full.value == pytest.approx(alpha_alone.value, abs=1e-12)
    assert alpha_full.se == pytest.approx(alpha_alone.se, abs=1e-12)


def test_perfect_agreement_with_units_coded_once_is_certain() -> None:
    # 10 units both coders agree on, 10 units coded once: percent agreement 1, interval [1, 1]
    # (irrCAC's way: the single-coded units count as zero agreement in the variance)
    double = np.array([[1, 2, 3, 1, 2, 3, 1, 2, 3, 1]] * 2, dtype=float)
    full = _with_single_coded(double, 10, seed=3)
    pa = percent_agreement(full)
    assert pa.value == 1.0 and pa.se == 0.0 and pa.ci == (1.0, 1.0)
    assert percent_agreement(full, all_units=True).ci[0] < 0.6  # type: ignore[index]


def test_report_counts_units_coded_by_two_or_more_and_once() -> None:
    full = _with_single_coded(_coded(3, 40, 0.8, 4, seed=4), 15, seed=5)
    out = agreement_report(full).to_json()
    assert (out["n_units"], out["n_pairable_units"], out["n_single_coded_units"]) == (55, 40, 15)


def _table(name: str) -> np.ndarray:
    with (FIXTURES / "irrcac" / f"{name}.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    return np.array([[float(x) if x else np.nan for x in r] for r in rows]).T


def test_cohen_table_ase_equals_psych_cohen_kappa() -> None:
    # tests/fixtures/agreement/cohen_table_ase.R: psych::cohen.kappa, Fleiss, Cohen and
    # Everitt's (1969) ASE, the figure SPSS CROSSTABS and SAS FREQ print
    with (FIXTURES / "cohen_table_ase.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4
    for row in rows:
        a, b = (int(i) - 1 for i in row["coders"].split("+"))
        kappa = cohen_kappa(_table(row["data"])[[a, b]])
        assert kappa.value == pytest.approx(float(row["kappa"]), abs=1e-12)
        assert kappa.se_table == pytest.approx(float(row["se_table"]), abs=1e-12)
        assert kappa.se != pytest.approx(kappa.se_table, abs=1e-4)  # Gwet's SE is another


# --- the bootstrap over units ------------------------------------------------------------------

ALL = {
    "krippendorff_alpha": None,
    "fleiss_kappa": fleiss_kappa,
    "scott_pi": scott_pi,
    "conger_kappa": conger_kappa,
    "gwet_ac1": gwet_ac1,
    "brennan_prediger": brennan_prediger,
    "percent_agreement": percent_agreement,
}


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_each_resample_equals_the_coefficients_recomputed_on_its_units(level: str) -> None:
    # The vectorised statistic against the ordinary functions on the resampled units, in a
    # loop: the same resamples (same generator), the same algorithm, a different code path.
    x = _coded(3, 60, 0.6, 5, seed=6) + 1
    x[np.random.default_rng(7).random(x.shape) < 0.15] = np.nan
    d = reliability_data(x, level, categories=[1, 2, 3, 4, 5])
    pairable = d.codes[:, d.pairable]
    pat = unit_patterns(d.subset(units=d.pairable))
    stats = statistics(d.subset(units=d.pairable), list(ALL), pat)
    block = next(draw_blocks(pat, 25, np.random.default_rng(8)))
    for row in block:
        chosen = np.repeat(np.arange(len(row)), row.astype(int))
        codes = pat.codes[chosen].T.astype(float)
        codes[codes < 0] = np.nan
        resample = reliability_data(codes + 1, level, categories=[1, 2, 3, 4, 5])
        for name, fn in ALL.items():
            expected = (krippendorff_alpha(resample) if fn is None else fn(resample)).value
            got = float(stats[name](row[None, :])[0])
            assert got == pytest.approx(expected, abs=1e-12), (name, level)
    assert pairable.shape[1] == pat.n


def test_weighted_cohen_and_ac2_resamples_equal_the_recomputed_coefficients() -> None:
    x = _coded(2, 50, 0.6, 4, seed=9) + 1
    d = reliability_data(x, "interval", categories=[1, 2, 3, 4])
    pat = unit_patterns(d)
    names = ["cohen_kappa", "cohen_kappa_linear", "cohen_kappa_quadratic", "gwet_ac2"]
    stats = statistics(d, names, pat)
    for row in next(draw_blocks(pat, 10, np.random.default_rng(1))):
        chosen = np.repeat(np.arange(len(row)), row.astype(int))
        r = reliability_data(pat.codes[chosen].T + 1.0, "interval", categories=[1, 2, 3, 4])
        expected = [
            cohen_kappa(r).value,
            cohen_kappa(r, "linear").value,
            cohen_kappa(r, "quadratic").value,
            gwet_ac2(r).value,
        ]
        got = [float(stats[n](row[None, :])[0]) for n in names]
        assert got == pytest.approx(expected, abs=1e-12)


def test_same_seed_same_intervals_and_every_coefficient_shares_the_resamples() -> None:
    x = _coded(4, 120, 0.7, 4, seed=10)
    a = agreement_report(x, bootstrap=300, seed=5)
    b = agreement_report(x, bootstrap=300, seed=5)
    assert a.to_json() == b.to_json()
    for c in a.coefficients:
        assert c.bootstrap is not None and c.bootstrap.method == "units"
        assert c.ci == c.bootstrap.ci
        assert c.ci_method == "bootstrap over units, 300 resamples, seed 5"
    c = agreement_report(x, bootstrap=300, seed=6)
    assert c["fleiss_kappa"].ci != a["fleiss_kappa"].ci


def test_many_patterns_draw_units_directly_with_the_same_result_shape() -> None:
    # nearly every unit its own pattern (interval codes): n uniform indices per resample
    rng = np.random.default_rng(11)
    truth = rng.normal(50, 10, 300)
    x = truth + rng.normal(0, 4, (3, 300))
    d = reliability_data(np.round(x, 1), "interval")
    pat = unit_patterns(d)
    assert pat.weight.shape[0] * 8 > pat.n  # the index path
    boot = unit_bootstrap(d, ["krippendorff_alpha"], 200, seed=1)["krippendorff_alpha"]
    alpha = krippendorff_alpha(d).value
    assert boot.ci[0] < alpha < boot.ci[1]
    assert boot.alphas.size == 200 and boot.undefined == 0


def _population_alpha(agree: float, k: int) -> float:
    """Alpha (and Fleiss' kappa) of the model of :func:`_coded` in the population: within a
    unit two coders agree with probability (a + (1-a)/k)^2 + (k-1) ((1-a)/k)^2; two values
    from different units, with probability 1/k (every category equally common)."""
    off = (1.0 - agree) / k
    within = (agree + off) ** 2 + (k - 1) * off**2
    return 1.0 - (1.0 - within) / (1.0 - 1.0 / k)


@pytest.mark.parametrize("coders", [2, 5])
def test_unit_bootstrap_interval_covers_the_population_value(coders: int) -> None:
    # 200 studies of 80 units, 400 resamples each: the 95% interval should cover the
    # population value in about 95% of them (binomial SE 1.5 points). bench/agreement_
    # coverage.py runs the large version (2, 5 and 10 coders, 1,000 studies).
    truth = _population_alpha(0.6, 4)
    hits = {"krippendorff_alpha": 0, "fleiss_kappa": 0}
    studies = 200
    for s in range(studies):
        x = _coded(coders, 80, 0.6, 4, seed=1000 + s)
        d = reliability_data(x, "nominal")
        boots = unit_bootstrap(d, list(hits), 400, seed=s)
        for name in hits:
            lo, hi = boots[name].ci
            hits[name] += lo <= truth <= hi
    for name, h in hits.items():
        assert 0.91 <= h / studies <= 0.99, (name, h / studies)


# --- interval alpha on many distinct values ------------------------------------------------------


def _minutes(units: int, values: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, values, units)
    other = np.clip(truth + rng.integers(-values // 30, values // 30, units), 0, values - 1)
    both = np.vstack([truth, other]).astype(float)
    both[1, rng.random(units) < 0.1] = np.nan  # some units coded once
    return both


def test_many_distinct_values_give_the_packages_interval_alpha() -> None:
    x = _minutes(200, 600, seed=12)
    d = reliability_data(x, "interval")
    assert d.n_categories > MANY_VALUES  # the path without V x V matrices
    theirs = krippendorff.alpha(x, level_of_measurement="interval")
    assert krippendorff_alpha(d).value == pytest.approx(theirs, abs=1e-12)


def test_many_values_se_equals_the_coincidence_matrix_se(monkeypatch: pytest.MonkeyPatch) -> None:
    # Gwet's SE from sums of values and squares against the same SE from V x V weights
    x = _minutes(200, 600, seed=13)
    fast = krippendorff_alpha(x, "interval")
    monkeypatch.setattr(importlib.import_module("tut.agreement.alpha"), "MANY_VALUES", 10**9)
    matrices = krippendorff_alpha(x, "interval")
    assert (fast.value, fast.se) == pytest.approx((matrices.value, matrices.se), abs=1e-12)
    assert fast.ci == pytest.approx(matrices.ci, abs=1e-12)


def test_a_million_values_never_build_a_values_by_values_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 100,000 distinct values: one V x V float matrix would take 80 GB. Alpha, its SE and a
    # bootstrap over units are computed while building one is made impossible.
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a V x V matrix was built")

    for module in ("coefficients", "coincidences", "unit_bootstrap"):
        where = importlib.import_module(f"tut.agreement.{module}")
        monkeypatch.setattr(where, "distance_matrix", refuse)
    x = _minutes(500_000, 100_000, seed=14)
    d = reliability_data(x, "interval")
    assert d.n_pairable > 800_000 and d.n_categories > 90_000
    alpha = krippendorff_alpha(d, bootstrap=20, seed=1)
    assert alpha.value is not None and 0.99 < alpha.value < 1.0
    assert alpha.se is not None and alpha.bootstrap is not None


@pytest.mark.parametrize("level", ["nominal", "interval", "ratio"])
def test_many_categories_pair_by_pair_equal_the_count_vector_route(
    level: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 30 categories and 3 coders: too many count vectors for one key each, so coincidences
    # and the SE come pair by pair of coders, and the value from the coincidences when the
    # package's (N, V, V) arrays would be large. Both routes forced on the same data:
    x = _coded(3, 400, 0.5, 30, seed=15) + 1
    x[np.random.default_rng(16).random(x.shape) < 0.2] = np.nan
    alpha_module = importlib.import_module("tut.agreement.alpha")
    coincidence_module = importlib.import_module("tut.agreement.coincidences")
    monkeypatch.setattr(alpha_module, "PACKAGE_CELLS", 0)  # value from the coincidences
    by_codes = krippendorff_alpha(x, level)
    monkeypatch.setattr(alpha_module, "PACKAGE_CELLS", 10**12)  # the package's value
    monkeypatch.setattr(alpha_module, "compact", lambda d: True)
    monkeypatch.setattr(coincidence_module, "compact", lambda d: True)
    by_vectors = krippendorff_alpha(x, level)
    package = krippendorff.alpha(x, level_of_measurement=level)
    assert by_codes.value == pytest.approx(package, abs=1e-12)
    assert (by_codes.value, by_codes.se) == pytest.approx(
        (by_vectors.value, by_vectors.se), abs=1e-12
    )


def test_weighted_coefficients_refuse_nominal_codes_and_levels_must_agree() -> None:
    nominal = reliability_data([[1, 2, 3, 1], [1, 3, 3, 2]], "nominal")
    for c in (
        cohen_kappa(nominal, "linear"),
        gwet_ac2(nominal),
        fleiss_kappa(nominal, "quadratic"),
    ):
        assert not c.defined and "the level is nominal" in c.reason
    ordinal = reliability_data([[1, 2, 3, 1], [1, 3, 3, 2]], "ordinal")
    assert cohen_kappa(ordinal, "linear").defined
    with pytest.raises(ValueError, match="contradicts"):
        krippendorff_alpha(nominal, "interval")
