"""Krippendorff's alpha with its standard error and interval.

The value comes from the ``krippendorff`` package on small tables, and from the coincidence
matrix on large ones; on many distinct values without any V x V matrix: nominal from each
unit's value counts (:func:`nominal_alpha`), interval from sums of values and squares
(:func:`interval_alpha`), ordinal as interval alpha on mid-ranks. Ratio alpha has no such
form and keeps the matrix, refused above ``MAX_MATRIX_CELLS``. All routes are tested equal. The
standard error is Gwet's (2014) linearisation with weights ``1 - delta / max delta``, as in
irrCAC's ``krippen.alpha.raw`` since its revision of 2021-08-17 (kgwet/irrCAC commit
00b845116dd7b18188202cf4ed3fccec8b81a0bc, unchanged up to 7fb7509236672b8601c96366ca720f12a0d5bb7b):
pa' (not pa) in the unit terms, and the t quantile with n0 - 1 degrees of freedom, n0 the
units at least one coder coded. The interval is ``alpha +/- t se``, the upper bound capped
at 1, unless a bootstrap is asked for: over units (default, :mod:`.unit_bootstrap`) or
over pairs of values (Hayes and Krippendorff 2007, :mod:`.bootstrap`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import krippendorff
import numpy as np
import numpy.typing as npt

from tut.agreement.bootstrap import bootstrap_from_coincidences
from tut.agreement.coefficients import (
    CI_LEVEL,
    Bootstrap,
    Coefficient,
    Matrix,
    Note,
    _gwet_se,
    _interval,
    _scores,
    as_data,
    gwet_method,
)
from tut.agreement.coincidences import (
    MAX_MATRIX_CELLS,
    alpha_undefined,
    coincidences,
    compact,
    pair_sums,
    pairable_counts,
    patterns,
)
from tut.agreement.data import ReliabilityData, ReliabilityDataError
from tut.agreement.unit_bootstrap import unit_bootstrap

BootstrapMethod = Literal["units", "pairs"]
BOOTSTRAP_METHODS: tuple[str, ...] = ("units", "pairs")

MANY_VALUES = 256
"""Above this many distinct values, nominal, ordinal and interval alpha are computed without
V x V matrices (:func:`nominal_alpha`, :func:`interval_alpha`)."""
PACKAGE_CELLS = 2_000_000
"""The package holds (units x V x V) arrays and is slow on many units: above this many
cells alpha comes from the coincidence matrix instead (the same formula, tested equal to
the package's value; every published example in the tests is below it)."""

SeTerms = tuple[Matrix, Matrix, float]


def alpha_label(d: ReliabilityData) -> str:
    return alpha_name(d).text()


def alpha_name(d: ReliabilityData) -> Note:
    """Alpha's name for people, with its level or distance, and its catalogue key."""
    if "distance" in d.extra:
        distance = str(d.extra.get("distance_name", "custom"))
        return Note("agreement.alpha-distance", {"distance": distance})
    return Note(f"agreement.alpha-{d.level}")


def krippendorff_alpha(
    data: ReliabilityData | npt.ArrayLike,
    level: str | None = None,
    *,
    ci_level: float = CI_LEVEL,
    bootstrap: int = 0,
    seed: int | None = None,
    bootstrap_method: BootstrapMethod = "units",
) -> Coefficient:
    """Krippendorff's alpha at the data's level of measurement (see module docstring).

    With ``bootstrap`` resamples the interval is the bootstrap's (over units, or over pairs
    of values with ``bootstrap_method="pairs"``); the SE stays the linearised one.
    """
    d = as_data(data, level)
    name = "krippendorff_alpha"
    named = alpha_name(d)
    if reason := alpha_undefined(d):
        return Coefficient.undefined(name, reason, named)
    fast = _without_matrices(d)
    if fast:
        value, se_terms = _alpha_without_matrices(d)
    else:
        _check_matrix_size(d)
        co = coincidences(d)
        if co.expected_disagreement <= 0:
            value = float("nan")
        elif int(d.pairable.sum()) * d.n_categories**2 <= PACKAGE_CELLS:
            value = _package_alpha(d)
        else:
            value = 1.0 - co.observed_disagreement / co.expected_disagreement
        if np.isfinite(value):
            se_terms = _alpha_se_terms(d) if compact(d) else _alpha_se_terms_by_codes(d)
    if not np.isfinite(value):
        return Coefficient.undefined(name, Note("agreement.no-expected-disagreement"), named)
    se: float | None = None
    if se_terms is not None:
        terms, weight, centre = se_terms
        se = _gwet_se(terms, centre, int(d.pairable.sum()), weight)
    # irrCAC (2021-08-17): t with n0 - 1 degrees of freedom, n0 = every unit coded
    ci = _interval(value, se, d.n_units, ci_level)
    method = gwet_method(d.n_units - 1) if ci else Note()
    boot: Bootstrap | None = None
    if bootstrap:
        if bootstrap_method == "pairs":
            if fast:
                raise ValueError("the pair bootstrap needs the coincidence matrix: use units")
            boot = bootstrap_from_coincidences(
                coincidences(d), bootstrap, seed=seed, ci_level=ci_level
            )
        else:
            boot = unit_bootstrap(d, [name], bootstrap, seed=seed, ci_level=ci_level).get(name)
        if boot is not None:
            ci, method = boot.ci, boot.note()
    return Coefficient(name, value, se, label_note=named, bootstrap=boot).with_method(ci, method)


def _without_matrices(d: ReliabilityData) -> bool:
    return (
        d.level in ("nominal", "ordinal", "interval")
        and "distance" not in d.extra
        and d.n_categories > MANY_VALUES
    )


def _alpha_without_matrices(d: ReliabilityData) -> tuple[float, SeTerms | None]:
    if d.level == "nominal":
        return nominal_alpha(d)
    if d.level == "ordinal":
        return interval_alpha(d, midranks(d))
    return interval_alpha(d)


def _check_matrix_size(d: ReliabilityData) -> None:
    """Refuse, before allocating, a values x values matrix too large for memory: ratio alpha
    on very many distinct values. The ratio metric ((c - k) / (c + k))^2 does not split into
    sums over units the way the squared difference does (interval) or into counts of equal
    values (nominal), so ratio alpha needs the full matrix."""
    v = d.n_categories
    if v * v > MAX_MATRIX_CELLS:
        raise ReliabilityDataError(
            f"{v} distinct values at the {d.level} level: alpha would need a {v} x {v} matrix "
            f"(over {MAX_MATRIX_CELLS} cells) "
            "(bin the values, e.g. round minutes to 5 or 10, or use the interval level)"
        )


def midranks(d: ReliabilityData) -> Matrix:
    """Each category's mid-rank among the pairable values, ``N_<=c - n_c / 2``: Krippendorff's
    ordinal metric is the squared difference of mid-ranks, so ordinal alpha is interval alpha
    on them."""
    codes = d.codes[:, d.pairable]
    n_v = np.bincount(codes[codes >= 0], minlength=d.n_categories).astype(np.float64)
    return np.cumsum(n_v) - n_v / 2.0


def _package_alpha(d: ReliabilityData) -> float:
    # int16 counts: the package's (N, V, V) products are then cheaper, the result identical
    counts = pairable_counts(d)
    if "distance" in d.extra:
        dist = np.asarray(d.extra["distance"], dtype=np.float64)

        def metric(v1: Any, v2: Any, i1: Any, i2: Any, n_v: Any, dtype: Any = np.float64) -> Any:
            return dist[np.asarray(i1), np.asarray(i2)].astype(dtype)

        domain: Any = np.arange(d.n_categories)
        lvl: Any = metric
    else:
        domain = _scores(d) if d.scores is not None else np.arange(d.n_categories)
        lvl = d.level
    return float(
        krippendorff.alpha(value_counts=counts, value_domain=domain, level_of_measurement=lvl)
    )


def _alpha_se_terms(d: ReliabilityData) -> SeTerms | None:
    """Gwet's (2014) variance terms for alpha, weights ``1 - delta / max delta``: the term of
    each count pattern, how many units share it, and the centre (alpha'), as irrCAC's
    ``krippen.alpha.raw`` (commit 00b8451, 2021-08-17)."""
    co = coincidences(d)
    dmax = float(co.d.max())
    if dmax <= 0:
        return None
    w = 1.0 - co.d / dmax
    p = patterns(d)
    counts, r, k = p.counts, p.m, p.weight
    n = float(k.sum())
    r_mean = float((k * r).sum()) / n
    sum_q = (counts * (counts @ w.T - 1.0)).sum(axis=1)
    pi = (k[:, None] * counts).sum(axis=0) / (n * r_mean)
    return _gwet_terms(w, sum_q, r, k, r_mean, pi, lambda pi_w: counts @ pi_w)


def _alpha_se_terms_by_codes(d: ReliabilityData) -> SeTerms | None:
    """:func:`_alpha_se_terms` unit by unit from the codes (many categories): the sums over
    a unit's values are sums over pairs of its coders, so no (units x V) array is built."""
    co = coincidences(d)
    dmax = float(co.d.max())
    if dmax <= 0:
        return None
    w = 1.0 - co.d / dmax
    codes = d.codes[:, d.pairable]
    valid = codes >= 0
    r = valid.sum(axis=0).astype(np.float64)
    r_mean = float(r.sum()) / float(r.shape[0])
    sum_q = pair_sums(codes, w)  # w_kk = 1: the diagonal cancels the "- 1" of Gwet's sum
    pi = co.marginals / float(r.sum())

    def own(pi_w: Matrix) -> Matrix:
        return np.where(valid, pi_w[np.where(valid, codes, 0)], 0.0).sum(axis=0)

    return _gwet_terms(w, sum_q, r, np.ones_like(r), r_mean, pi, own)


def _gwet_terms(
    w: Matrix, sum_q: Matrix, r: Matrix, k: Matrix, r_mean: float, pi: Matrix,
    own: Callable[[Matrix], Matrix],
) -> SeTerms | None:
    """The terms both forms share, from each unit's (or pattern's) weighted agreement sum
    ``sum_q``, value count ``r`` and multiplicity ``k``; ``own(pi_w)`` sums the symmetrised
    weighted marginals over a unit's values (by pattern counts, or code by code)."""
    n = float(k.sum())
    pa_prime = float((k * sum_q / (r_mean * (r - 1.0))).sum() / n)
    pe = float(pi @ w @ pi)
    if pe >= 1.0 - 1e-12:
        return None
    alpha_prime = (pa_prime - pe) / (1.0 - pe)
    pa_i = sum_q / (r_mean * (r - 1.0)) - pa_prime * (r - r_mean) / r_mean
    a_i = (pa_i - pe) / (1.0 - pe)
    pi_w = (w @ pi + w.T @ pi) / 2.0
    pe_i = own(pi_w) / r_mean - pe * (r - r_mean) / r_mean
    terms = a_i - 2.0 * (1.0 - alpha_prime) * (pe_i - pe) / (1.0 - pe)
    return terms, k, alpha_prime


def interval_alpha(
    d: ReliabilityData, scores: Matrix | None = None
) -> tuple[float, SeTerms | None]:
    """Interval alpha and its SE terms from each pairable unit's count m, sum S1 and sum of
    squares S2 of values: O(N) time and memory, whatever the number of distinct values.

    Within a unit, sum_{j,k} (x_j - x_k)^2 = 2 (m S2 - S1^2); over all pairable values,
    2 (n.. T2 - T1^2). Gwet's weights ``1 - (x_k - x_l)^2 / D`` (D the largest squared
    difference) expand the same way, so the SE needs no V x V matrix either. ``scores``
    replace the categories' values (the mid-ranks make it ordinal alpha).
    """
    scores = d.scores if scores is None else scores
    assert scores is not None
    codes = d.codes[:, d.pairable]
    valid = codes >= 0
    x = np.where(valid, scores[np.where(valid, codes, 0)], 0.0)
    r = valid.sum(axis=0).astype(np.float64)
    s1 = x.sum(axis=0)
    s2 = (x * x).sum(axis=0)
    total, t1, t2 = float(r.sum()), float(s1.sum()), float(s2.sum())
    expected = 2.0 * (total * t2 - t1 * t1)
    if expected <= 0:
        return float("nan"), None
    within = 2.0 * (r * s2 - s1 * s1)
    value = 1.0 - (total - 1.0) * float((within / (r - 1.0)).sum()) / expected
    dmax = float(scores.max() - scores.min()) ** 2  # over every category, as irrCAC
    n = float(r.shape[0])
    r_mean = total / n
    sum_q = r * r - within / dmax - r
    pa_prime = float((sum_q / (r_mean * (r - 1.0))).sum() / n)
    p1, p2 = t1 / (n * r_mean), t2 / (n * r_mean)
    pe = 1.0 - 2.0 * (p2 - p1 * p1) / dmax
    if pe >= 1.0 - 1e-12:
        return value, None
    alpha_prime = (pa_prime - pe) / (1.0 - pe)
    pa_i = sum_q / (r_mean * (r - 1.0)) - pa_prime * (r - r_mean) / r_mean
    a_i = (pa_i - pe) / (1.0 - pe)
    pe_i = (r - (s2 - 2.0 * s1 * p1 + r * p2) / dmax) / r_mean - pe * (r - r_mean) / r_mean
    terms = a_i - 2.0 * (1.0 - alpha_prime) * (pe_i - pe) / (1.0 - pe)
    return value, (terms, np.ones_like(terms), alpha_prime)


def nominal_alpha(d: ReliabilityData) -> tuple[float, SeTerms | None]:
    """Nominal alpha and its SE terms from each pairable unit's value counts n_uc (sorted, not
    as a units x values array) and the pooled counts n_c: no V x V matrix.

    The coincidences on the diagonal sum to sum_u (sum_c n_uc^2 - m_u) / (m_u - 1), so
    alpha = 1 - (n.. - 1) (n.. - that) / (n..^2 - sum_c n_c^2). Gwet's weights are the
    identity here, and his unit terms need the same sums and the pooled shares.
    """
    codes = d.codes[:, d.pairable]
    valid = codes >= 0
    n_units, v = codes.shape[1], d.n_categories
    r = valid.sum(axis=0).astype(np.float64)
    unit = np.broadcast_to(np.arange(n_units, dtype=np.int64), codes.shape)[valid]
    keys, tally = np.unique(unit * v + codes[valid], return_counts=True)
    squares = np.bincount(keys // v, weights=tally.astype(np.float64) ** 2, minlength=n_units)
    n_v = np.bincount(codes[valid], minlength=v).astype(np.float64)
    total = float(r.sum())
    expected = total * total - float((n_v * n_v).sum())
    if expected <= 0:
        return float("nan"), None
    sum_q = squares - r  # agreeing ordered pairs of each unit's values
    value = 1.0 - (total - 1.0) * (total - float((sum_q / (r - 1.0)).sum())) / expected
    n = float(n_units)
    r_mean = total / n
    pa_prime = float((sum_q / (r_mean * (r - 1.0))).sum() / n)
    pi = n_v / total
    pe = float((pi * pi).sum())
    if pe >= 1.0 - 1e-12:
        return value, None
    alpha_prime = (pa_prime - pe) / (1.0 - pe)
    pa_i = sum_q / (r_mean * (r - 1.0)) - pa_prime * (r - r_mean) / r_mean
    a_i = (pa_i - pe) / (1.0 - pe)
    own = np.where(valid, pi[np.where(valid, codes, 0)], 0.0).sum(axis=0)
    pe_i = own / r_mean - pe * (r - r_mean) / r_mean
    terms = a_i - 2.0 * (1.0 - alpha_prime) * (pe_i - pe) / (1.0 - pe)
    return value, (terms, np.ones_like(terms), alpha_prime)
