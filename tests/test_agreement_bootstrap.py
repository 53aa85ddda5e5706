"""The alpha bootstrap of Hayes and Krippendorff (2007): pairs resampled, seeded, vectorised."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from agreement_tables import KRIPPENDORFF_2011, NA

from tut.agreement import agreement_report, bootstrap_alpha, krippendorff_alpha
from tut.agreement.coincidences import coincidences
from tut.agreement.data import reliability_data


def _coded(m: int, n: int, agree: float, seed: int, missing: float = 0.1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, n)
    x = np.where(rng.random((m, n)) < agree, truth, rng.integers(1, 6, (m, n))).astype(float)
    x[rng.random((m, n)) < missing] = np.nan
    return x


def test_same_seed_same_distribution_other_seed_other_draws() -> None:
    a = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", resamples=500, seed=7)
    b = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", resamples=500, seed=7)
    c = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", resamples=500, seed=8)
    assert a is not None and b is not None and c is not None
    assert np.array_equal(a.alphas, b.alphas)
    assert a.ci == b.ci and a.p_below == b.p_below
    assert not np.array_equal(a.alphas, c.alphas)


def test_draws_as_many_pairs_as_the_data_hold() -> None:
    # Krippendorff (2011) data: units with 3, 4 (x8), 3, 2 values and one single value:
    # 3 + 8 * 6 + 3 + 1 = 55 pairs of pairable values.
    boot = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", resamples=10, seed=1)
    assert boot is not None and boot.pairs_per_resample == 55


def test_interval_and_probabilities_describe_the_resampled_alphas() -> None:
    x = _coded(4, 300, 0.75, seed=3)
    alpha = krippendorff_alpha(x, "nominal", bootstrap=2000, seed=11)
    boot = alpha.bootstrap
    assert boot is not None
    assert alpha.ci == boot.ci
    lo, hi = boot.ci
    assert lo < alpha.value < hi
    assert np.all(np.diff(boot.alphas) >= 0)  # kept sorted
    # the distribution is centred on the observed alpha (D_e is held fixed)
    assert abs(float(np.mean(boot.alphas)) - alpha.value) < 0.01
    p667, p800 = (p for _, p in boot.p_below)
    assert 0.0 <= p667 <= p800 <= 1.0
    assert p667 == pytest.approx(float(np.mean(boot.alphas < 0.667)))


def test_bootstrap_spread_shrinks_with_more_data() -> None:
    small = bootstrap_alpha(_coded(3, 100, 0.7, seed=1), "nominal", resamples=1000, seed=1)
    large = bootstrap_alpha(_coded(3, 3000, 0.7, seed=1), "nominal", resamples=1000, seed=1)
    assert small is not None and large is not None
    assert (large.ci[1] - large.ci[0]) < (small.ci[1] - small.ci[0]) / 3


def test_works_at_every_level_and_respects_the_metric() -> None:
    for level in ("nominal", "ordinal", "interval", "ratio"):
        boot = bootstrap_alpha(KRIPPENDORFF_2011, level, resamples=200, seed=2)
        assert boot is not None
        assert -1.0 <= boot.alphas.min() <= boot.alphas.max() <= 1.0


def test_never_calls_alpha_in_a_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 resamples are one multinomial draw and one matrix product, not 1,000 alphas."""
    calls = []
    real = krippendorff.alpha

    def counting(*args: object, **kwargs: object) -> float:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(krippendorff, "alpha", counting)
    krippendorff_alpha(_coded(5, 2000, 0.8, seed=4), "nominal", bootstrap=1000, seed=1)
    assert len(calls) == 1  # the point estimate only


def test_resamples_without_variation_count_as_zero() -> None:
    # 5 units coded (1, 1), one (2, 2), one (1, 2): o_11 = 10, o_22 = 2, o_12 = o_21 = 1,
    # n.. = 14, 7 pairs per resample. A resample whose 7 pairs all fall in cell (1, 1) has no
    # variation (alpha 0/0) and counts as 0 (Krippendorff's algorithm); one with both
    # diagonal cells and no disagreement is a genuine alpha of 1.
    x = np.array([[1, 1, 1, 1, 1, 2, 1], [1, 1, 1, 1, 1, 2, 2]], dtype=float)
    co = coincidences(reliability_data(x))
    assert co.n_pairs == 7 and co.n_pairable == 14
    boot = bootstrap_alpha(x, "nominal", resamples=4000, seed=5)
    assert boot is not None
    p_11, p_22, p_agree = 10 / 14, 2 / 14, 12 / 14
    p_zero = p_11**7 + p_22**7
    assert np.mean(boot.alphas == 0.0) == pytest.approx(p_zero, abs=0.015)
    assert np.mean(boot.alphas == 1.0) == pytest.approx(p_agree**7 - p_zero, abs=0.02)


def test_undefined_alpha_has_no_bootstrap() -> None:
    assert bootstrap_alpha([[1, 1, 1], [1, 1, 1]], "nominal", resamples=10) is None
    report = agreement_report([[1, 1, 1], [1, 1, 1]], bootstrap=100, seed=1)
    assert report["krippendorff_alpha"].bootstrap is None


def test_bootstrap_is_in_the_json_of_alpha() -> None:
    out = agreement_report(KRIPPENDORFF_2011, "interval", bootstrap=300, seed=9).to_json()
    boot = out["krippendorff_alpha"]["bootstrap"]
    assert boot["resamples"] == 300 and boot["seed"] == 9
    assert set(boot["p_below"]) == {"0.667", "0.800"}
    assert out["krippendorff_alpha"]["ci"] == boot["ci"]


def test_interval_is_read_off_the_sorted_alphas_as_the_kalpha_macro_does() -> None:
    # KALPHA 3.0 (Hayes): low95 = btalp(trunc(.025 * btn)), high95 = btalp(trunc(.975 * btn) + 1)
    # on the sorted bootstrap alphas, 1-based: the 25th and the 976th of 1,000.
    boot = bootstrap_alpha(_coded(3, 200, 0.7, seed=6), "nominal", resamples=1000, seed=3)
    assert boot is not None
    assert boot.ci == (boot.alphas[24], boot.alphas[975])
    small = bootstrap_alpha(KRIPPENDORFF_2011, "interval", resamples=10, seed=3)
    assert small is not None
    assert small.ci == (small.alphas[0], small.alphas[9])  # trunc(0.25) -> kept at the 1st


def test_each_draw_is_a_cell_of_the_coincidence_matrix_with_its_probability() -> None:
    # Hayes and Krippendorff (2007): pairs of pairable values are drawn, not units. The share
    # of draws landing on an off-diagonal cell (c, k) is 2 o_ck / n..: check on the mean
    # observed disagreement of many resamples, which must equal D_o of the data.
    x = _coded(4, 400, 0.6, seed=9)
    d = reliability_data(x, "interval")
    co = coincidences(d)
    boot = bootstrap_alpha(d, resamples=4000, seed=2)
    assert boot is not None
    mean_do = float(np.mean((1.0 - boot.alphas) * co.expected_disagreement))
    assert mean_do == pytest.approx(co.observed_disagreement, rel=0.01)
    # a unit one coder coded is never drawn: adding one changes nothing
    extra = np.concatenate([x, np.array([[5.0], [NA], [NA], [NA]])], axis=1)
    again = bootstrap_alpha(extra, "interval", resamples=4000, seed=2)
    assert again is not None and np.array_equal(again.alphas, boot.alphas)


def test_a_seed_is_drawn_and_reported_when_none_is_given() -> None:
    a = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", resamples=200)
    assert a is not None and isinstance(a.seed, int)
    b = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", resamples=200, seed=a.seed)
    assert b is not None and np.array_equal(a.alphas, b.alphas)
