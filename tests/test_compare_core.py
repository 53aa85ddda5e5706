"""The numeric core on arrays: totals, ratio estimates, variance, tests and effect sizes."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tut.compare import subset_degf
from tut.compare.design import (
    ReplicateRank,
    TaylorDesign,
    gram_rank,
    replicate_design,
    replicate_vcov,
    taylor_vcov,
)
from tut.compare.differences import cohens_d, cohens_h, holm, ratio_delta, wald
from tut.compare.estimate import Ratios, add_replicate_totals, group_totals, ratio_estimates
from tut.compare.subset_degf import DomainDegf


def test_holm_matches_r_p_adjust() -> None:
    # R: p.adjust(c(0.01, 0.04, 0.03, 0.005, NA), "holm") -> 0.03 0.06 0.06 0.02 NA
    got = holm([0.01, 0.04, 0.03, 0.005, math.nan])
    assert got[:4] == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert math.isnan(got[4])
    assert holm([0.9, 0.8]) == [1.0, 1.0]


def test_effect_sizes() -> None:
    assert cohens_h(0.5, 0.5) == 0
    assert cohens_h(0.2, 0.5) == pytest.approx(2 * math.asin(math.sqrt(0.5))
                                               - 2 * math.asin(math.sqrt(0.2)))
    assert cohens_h(0.2, 0.5) == pytest.approx(0.6435011)  # Cohen (1988) table: 0.64
    assert cohens_d(10.0, 20.0, 20.0) == 0.5
    assert math.isnan(cohens_d(1.0, None, 2.0))


def test_ratio_delta_method_by_hand() -> None:
    r, se = ratio_delta(a=2.0, b=3.0, vaa=0.04, vbb=0.09, vab=0.01)
    assert r == 1.5
    assert se == pytest.approx(math.sqrt((0.09 - 2 * 1.5 * 0.01 + 1.5**2 * 0.04) / 4))


def test_wald_normal_and_t() -> None:
    z = wald(1.96, 1.0, 0.95, None)
    assert z.p == pytest.approx(0.05, abs=1e-4)
    assert z.value.low == pytest.approx(1.96 - 1.959964, abs=1e-6)
    t = wald(1.96, 1.0, 0.95, 10)
    assert t.p > z.p and t.value.low < z.value.low


def srs_mean_and_se(y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Textbook with-replacement SE of a weighted mean, written out independently."""
    n = len(y)
    mean = float(np.sum(w * y) / np.sum(w))
    z = w * (y - mean) / np.sum(w)
    return mean, math.sqrt(n / (n - 1) * float(np.sum((z - z.mean()) ** 2)))


def test_one_stratum_each_row_a_psu_is_the_textbook_formula() -> None:
    rng = np.random.default_rng(1)
    y, w = rng.normal(50, 10, 200), rng.uniform(1, 3, 200)
    design = TaylorDesign.from_codes(None, None, 200, "fail")
    totals = group_totals(np.column_stack([np.ones(200), y]), np.zeros(200, dtype=np.int64), 1,
                          w, design)
    est = ratio_estimates(totals, Ratios(np.array([1]), np.array([0]), np.ones((1, 1))), design)
    mean, se = srs_mean_and_se(y, w)
    assert est.estimate[0] == pytest.approx(mean)
    assert math.sqrt(est.vcov[0, 0]) == pytest.approx(se)
    assert design.degf == 199


def test_text_strata_and_psu_keys_are_nested() -> None:
    """ENUT stores EST_DIS / UPM_DIS as text; PSU '1' in two strata is two PSUs."""
    strata = np.array(["0901", "0901", "0902", "0902", "0902"], dtype=object)
    psu = np.array(["1", "2", "1", "1", "2"], dtype=object)
    d = TaylorDesign.from_codes(strata, psu, 5, "fail")
    assert d.n_psu == 4 and d.n_strata == 2 and d.degf == 2
    assert d.psu.tolist() == [0, 1, 2, 2, 3]


def test_lonely_psu_rules_on_scores() -> None:
    # strata: 0 has PSUs 0 and 1; 1 has only PSU 2
    d = {rule: TaylorDesign(np.array([0, 1, 2]), np.array([0, 0, 1]), rule)
         for rule in ("adjust", "certainty", "remove", "average")}
    scores = np.array([[1.0], [3.0], [2.0]])
    two_psu = 2 / 1 * ((1 - 2) ** 2 + (3 - 2) ** 2)
    assert taylor_vcov(scores, d["certainty"])[0, 0] == two_psu
    assert taylor_vcov(scores, d["remove"])[0, 0] == two_psu
    assert taylor_vcov(scores, d["adjust"])[0, 0] == two_psu + 2.0**2
    assert taylor_vcov(scores, d["average"])[0, 0] == two_psu * 2 / 1


def test_replicate_constants_follow_svrepdesign() -> None:
    assert replicate_design("brr", 8).scale == 1 / 8
    assert replicate_design("fay", 8, rho=0.5).scale == 1 / (8 * 0.25)
    assert replicate_design("jk1", 8).scale == 7 / 8
    assert replicate_design("bootstrap", 8).scale == 1 / 7
    sdr = replicate_design("sdr", 160)
    assert sdr.scale == 4 / 160 and sdr.mse
    assert not replicate_design("fay", 160, rho=0.5).mse
    assert replicate_design("brr", 4, scale=2.0, mse=True).scale == 2.0


def test_replicate_variance_centres() -> None:
    reps = np.array([[1.0], [3.0]])
    mse = replicate_design("brr", 2, mse=True)
    mean = replicate_design("brr", 2)
    assert replicate_vcov(reps, np.array([1.0]), mse)[0, 0] == (0 + 4) / 2
    assert replicate_vcov(reps, np.array([1.0]), mean)[0, 0] == (1 + 1) / 2


@settings(max_examples=30, deadline=None)
@given(st.integers(5, 300), st.integers(1, 64), st.integers(1, 30), st.integers(0, 2**31 - 1))
def test_replicate_totals_do_not_depend_on_batches(
    n: int, batch: int, n_keys: int, seed: int
) -> None:
    """Batch by batch, with either the one-hot product or the sort, as if in one go."""
    rng = np.random.default_rng(seed)
    stats = rng.normal(size=(n, 3))
    keys = rng.integers(0, n_keys, n)
    w = rng.uniform(1, 2, n)
    reps = np.stack([w * rng.choice([0.5, 1.5], n) for _ in range(5)])
    out = np.zeros((n_keys, 5, 3))
    for lo in range(0, n, batch):
        add_replicate_totals(out, np.ascontiguousarray(reps[:, lo:lo + batch]),
                             stats[lo:lo + batch], keys[lo:lo + batch])
    expect = np.array([[(r[keys == k, None] * stats[keys == k]).sum(0) for r in reps]
                       for k in range(n_keys)])
    np.testing.assert_allclose(out, expect, rtol=1e-10, atol=1e-9)


def test_domain_by_zeroing_keeps_the_full_design() -> None:
    """A domain estimate uses every PSU (zeros outside the domain), not a subset design."""
    rng = np.random.default_rng(3)
    n = 120
    y = rng.normal(10, 2, n)
    w = rng.uniform(1, 2, n)
    psu = np.repeat(np.arange(12), 10)
    strata = psu // 3
    domain = (psu % 3 == 0) | (rng.random(n) < 0.2)
    design = TaylorDesign.from_codes(strata, psu, n, "fail")
    stats = np.column_stack([np.ones(n), y])
    groups = domain.astype(np.int64)
    totals = group_totals(stats, groups, 2, w, design)
    est = ratio_estimates(totals, Ratios(np.array([1]), np.array([0]), np.array([[0.0, 1.0]])),
                          design)
    # the same by hand: scores zero outside the domain, all 12 PSUs, 4 strata of 3
    mean = np.sum(w * y * domain) / np.sum(w * domain)
    z = np.where(domain, w * (y - mean), 0.0) / np.sum(w * domain)
    zp = np.bincount(psu, weights=z)
    var = sum(3 / 2 * np.sum((zp[h * 3:(h + 1) * 3] - zp[h * 3:(h + 1) * 3].mean()) ** 2)
              for h in range(4))
    assert est.estimate[0] == pytest.approx(mean)
    assert est.vcov[0, 0] == pytest.approx(var)


def test_rank_of_replicate_weights_read_in_batches() -> None:
    """degf = rank - 1: two of eight replicate weights are combinations of the others."""
    rng = np.random.default_rng(5)
    base = rng.uniform(50, 150, (5_000, 6))
    weights = np.column_stack([base, base[:, 0] + base[:, 1], 2 * base[:, 2]])
    deficient = ReplicateRank(8)
    for lo in range(0, 5_000, 1_024):
        deficient.add(np.ascontiguousarray(weights[lo:lo + 1_024].T))
    assert deficient.rank == 6 == np.linalg.matrix_rank(weights)
    assert replicate_design("brr", 8, rank=deficient.rank).degf == 5
    independent = ReplicateRank(6)
    for lo in range(0, 5_000, 1_024):
        independent.add(np.ascontiguousarray(base[lo:lo + 1_024].T))
    assert independent.rank == 6
    assert not independent.gram.any()  # a spread-out probe of the first batch showed it
    assert replicate_design("brr", 6).degf == 5  # rank not measured: R - 1


@pytest.mark.parametrize("held_rows", [subset_degf.HELD_ROWS, 1_500])
def test_subsets_ranks_are_exact_after_one_pass_over_the_batches(
    held_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JK1 over 30 PSUs, rows sorted by PSU: a domain in 12 PSUs has rank 12 (degf 11), one
    spread over all of them the design's 30; both from one read of the weights, in six
    batches (a subset listed twice is measured once), whether the batches whose probe
    fell short are all held to the end or summed as soon as more than 1,500 rows wait."""
    monkeypatch.setattr(subset_degf, "HELD_ROWS", held_rows)
    rng = np.random.default_rng(8)
    psu = np.sort(rng.integers(0, 30, 6_000))
    weights = np.repeat(rng.uniform(50, 150, (6_000, 1)) * 30 / 29, 30, axis=1)
    weights[np.arange(6_000), psu] = 0.0
    few = psu < 12
    spread = rng.random(6_000) < 0.5
    reads = []

    def batches() -> Iterator[np.ndarray]:
        reads.append(1)
        for lo in range(0, 6_000, 1_000):
            yield np.ascontiguousarray(weights[lo:lo + 1_000].T)

    degf = DomainDegf.measure(batches, [few, spread, few.copy(), np.zeros(6_000, bool)],
                              replicate_design("jk1", 30, rank=30))
    assert len(reads) == 1
    assert degf.of(few) == np.linalg.matrix_rank(weights[few]) - 1 == 11
    assert degf.of(spread) == 29
    assert degf.of(np.zeros(6_000, bool)) == -1  # no rows: no degrees of freedom
    subset = ReplicateRank(30)
    for lo in range(0, 6_000, 1_000):
        rows = np.flatnonzero(few[lo:lo + 1_000])
        subset.add(np.ascontiguousarray(weights[lo:lo + 1_000].T), rows)
    assert subset.rank == 12 and not subset.full


def test_rank_sets_aside_columns_as_r_qr_does() -> None:
    # R: qr(cbind(x, 1e-7 * y + x, 0, y), tol = 1e-5)$rank is 2
    x = np.array([1.0, 2.0, 3.0, 4.0])
    y = np.array([1.0, -1.0, 2.0, 0.5])
    m = np.column_stack([x, 1e-7 * y + x, np.zeros(4), y])
    assert gram_rank(m.T @ m) == 2


def test_subsetting_the_design_would_give_another_se() -> None:
    """Why domains are not estimated on a subset: a PSU with nobody in the domain still
    counts in its stratum (R's svyby, tut); dropping it changes n_h and so the SE."""
    rng = np.random.default_rng(4)
    n = 120
    y, w = rng.normal(10, 2, n), rng.uniform(1, 2, n)
    psu = np.repeat(np.arange(12), 10)
    strata = psu // 3
    domain = (psu % 3 == 0) | ((psu % 3 == 1) & (rng.random(n) < 0.5))  # PSUs 2, 5, ... empty
    stats = np.column_stack([np.ones(n), y])
    ratio = Ratios(np.array([1]), np.array([0]), np.array([[0.0, 1.0]]))
    full = TaylorDesign.from_codes(strata, psu, n, "fail")
    right = ratio_estimates(group_totals(stats, domain.astype(np.int64), 2, w, full), ratio, full)
    rows = np.flatnonzero(domain)
    part = TaylorDesign.from_codes(strata[rows], psu[rows], len(rows), "fail")
    assert part.n_psu == 8 and full.n_psu == 12
    subset = ratio_estimates(group_totals(stats[rows], np.ones(len(rows), dtype=np.int64), 2,
                                          w[rows], part), ratio, part)
    assert subset.estimate[0] == pytest.approx(right.estimate[0])
    assert math.sqrt(subset.vcov[0, 0]) != pytest.approx(math.sqrt(right.vcov[0, 0]), rel=0.01)


def test_prefetch_keeps_order_reraises_errors_and_stops_early() -> None:
    from tut.microdata.prefetch import prefetch

    assert list(prefetch(iter(range(50)))) == list(range(50))

    def broken():
        yield 1
        raise ValueError("damaged after row 1")

    got = []
    with pytest.raises(ValueError, match="damaged after row 1"):
        for x in prefetch(broken()):
            got.append(x)
    assert got == [1]
    pulled = []

    def endless():
        i = 0
        while True:
            pulled.append(i)
            yield i
            i += 1

    for x in prefetch(endless(), depth=2):
        if x == 3:
            break
    assert len(pulled) < 10  # the reader stopped a few items ahead


def test_prefetch_runs_meanwhile_while_reading_and_its_error_stops_the_reader() -> None:
    import threading

    from tut.microdata.prefetch import prefetch

    started = threading.Event()

    def items():
        started.set()
        yield from range(5)

    def check() -> None:  # runs while the reader thread is already reading
        assert started.wait(5)

    assert list(prefetch(items(), meanwhile=check)) == list(range(5))
    pulled = []

    def endless():
        i = 0
        while True:
            pulled.append(i)
            yield i
            i += 1

    def refuse() -> None:
        raise ValueError("variant 'x' is not in the instruments registry")

    with pytest.raises(ValueError, match="not in the instruments registry"):
        for _ in prefetch(endless(), depth=2, meanwhile=refuse):
            pass
    assert len(pulled) < 10  # the reader stopped a few items ahead
