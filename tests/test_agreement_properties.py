"""Properties every agreement coefficient must have, checked on generated tables."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tut.agreement import agreement_report, krippendorff_alpha, reliability_data
from tut.agreement.coincidences import coincidences

LEVELS = ("nominal", "ordinal", "interval", "ratio")


@st.composite
def tables(draw: st.DrawFn, min_coders: int = 2, max_coders: int = 5) -> np.ndarray:
    """(M, N) codes 1..V with some missing, at least one unit coded twice, two values used."""
    m = draw(st.integers(min_coders, max_coders))
    n = draw(st.integers(3, 25))
    v = draw(st.integers(2, 6))
    codes = draw(
        st.lists(st.lists(st.integers(1, v), min_size=n, max_size=n), min_size=m, max_size=m)
    )
    holes = draw(st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=m, max_size=m))
    x = np.array(codes, dtype=float)
    x[np.array(holes) & (np.arange(m)[:, None] >= 2)] = np.nan  # keep coders 1 and 2 complete
    x[0, 0], x[1, 0] = 1.0, 1.0
    x[0, 1] = 2.0
    return x


def _values(report) -> dict[str, float | None]:
    return {c.name: c.value for c in report.coefficients}


def _same(a: dict[str, float | None], b: dict[str, float | None]) -> None:
    assert a.keys() == b.keys()
    for k in a:
        if a[k] is None or b[k] is None:
            assert a[k] is None and b[k] is None, k
        else:
            assert abs(a[k] - b[k]) < 1e-9, k


@settings(max_examples=60, deadline=None)
@given(x=tables(), level=st.sampled_from(LEVELS))
def test_perfect_agreement_gives_one(x: np.ndarray, level: str) -> None:
    perfect = np.where(np.isnan(x), np.nan, np.nanmax(x, axis=0, keepdims=True))
    perfect[:, 1] = np.where(np.isnan(perfect[:, 1]), np.nan, 2.0)
    perfect[:, 0] = np.where(np.isnan(perfect[:, 0]), np.nan, 1.0)
    report = agreement_report(perfect, level)
    for c in report.coefficients:
        if c.name in ("cohen_kappa_linear", "cohen_kappa_quadratic") and level == "nominal":
            assert not c.defined
            continue
        assert c.defined, (c.name, c.reason)
        assert abs(c.value - 1.0) < 1e-9, c.name


@settings(max_examples=60, deadline=None)
@given(x=tables(), level=st.sampled_from(LEVELS), seed=st.integers(0, 2**32 - 1))
def test_permuting_units_changes_nothing(x: np.ndarray, level: str, seed: int) -> None:
    perm = np.random.default_rng(seed).permutation(x.shape[1])
    _same(_values(agreement_report(x, level)), _values(agreement_report(x[:, perm], level)))


@settings(max_examples=60, deadline=None)
@given(x=tables(), level=st.sampled_from(LEVELS), seed=st.integers(0, 2**32 - 1))
def test_permuting_coders_changes_nothing(x: np.ndarray, level: str, seed: int) -> None:
    perm = np.random.default_rng(seed).permutation(x.shape[0])
    a, b = agreement_report(x, level), agreement_report(x[perm], level)
    _same(_values(a), _values(b))
    for name in ("krippendorff_alpha", "fleiss_kappa", "conger_kappa", "gwet_ac1"):
        if a[name].se is not None:
            assert abs(a[name].se - b[name].se) < 1e-9, name


@settings(max_examples=60, deadline=None)
@given(x=tables(), seed=st.integers(0, 2**32 - 1), words=st.booleans())
def test_relabelling_categories_leaves_nominal_values_unchanged(
    x: np.ndarray, seed: int, words: bool
) -> None:
    values = np.unique(x[~np.isnan(x)])
    new = np.random.default_rng(seed).permutation(len(values)) * 7 + 3
    mapping = dict(zip(values, new, strict=True))
    if words:
        relabelled = np.array(
            [[None if np.isnan(v) else f"code-{mapping[v]}" for v in row] for row in x],
            dtype=object,
        )
    else:
        relabelled = np.array(
            [[np.nan if np.isnan(v) else float(mapping[v]) for v in row] for row in x]
        )
    a = _values(agreement_report(x, "nominal"))
    b = _values(agreement_report(relabelled, "nominal"))
    _same(a, b)


@settings(max_examples=40, deadline=None)
@given(x=tables(min_coders=2, max_coders=2))
def test_cohen_kappa_and_scott_pi_equal_their_textbook_formulas(x: np.ndarray) -> None:
    # Two complete coders: p_o the share of units they agree on; chance from each coder's
    # own category shares (Cohen 1960) or from the pooled shares (Scott 1955).
    report = agreement_report(x, "ordinal")
    a, b = x[0], x[1]
    cats = np.unique(x[:2])
    pa, pb = (np.array([np.mean(r == c) for c in cats]) for r in (a, b))
    po = float(np.mean(a == b))
    for name, pe in (
        ("cohen_kappa", float(pa @ pb)),
        ("scott_pi", float((((pa + pb) / 2) ** 2).sum())),
    ):
        c = report[name]
        if pe >= 1.0 - 1e-12:
            assert not c.defined, name
            continue
        assert c.value is not None and abs(c.value - (po - pe) / (1 - pe)) < 1e-9, name


@settings(max_examples=40, deadline=None)
@given(x=tables(), level=st.sampled_from(LEVELS))
def test_alpha_matches_gwet_weighted_form_and_the_package(x: np.ndarray, level: str) -> None:
    """The package's alpha and Krippendorff's formula on our coincidence matrix agree."""
    d = reliability_data(x, level)
    alpha = krippendorff_alpha(d)
    co = coincidences(d)
    if not alpha.defined:
        assert co.expected_disagreement == 0 or d.n_categories < 2
        return
    ours = 1.0 - co.observed_disagreement / co.expected_disagreement
    assert abs(alpha.value - ours) < 1e-9
