"""Agreement coefficients, each with its standard error and confidence interval.

The kappa family follows Gwet (2014, *Handbook of Inter-Rater Reliability*, 4th ed.) and his
irrCAC package, on the units two or more coders coded (see :func:`pairable_part`):

- observed agreement, category prevalence and the variance all come from the pairable
  units. irrCAC also takes prevalence and the variance's unit count from units coded once;
  ``all_units=True`` does the same, to reproduce its figures;
- variances are Gwet's linearisations ``v = (1 / (n (n - 1))) sum_i (c*_i - c)^2`` over the n
  units, with the ``c*_i`` of each coefficient; intervals are ``c +/- t(n-1) se`` with the
  upper bound capped at 1, as irrCAC reports them.

Krippendorff's alpha is in :mod:`.alpha`, the bootstraps in :mod:`.bootstrap` and
:mod:`.unit_bootstrap`. A coefficient the data cannot define (one category only, no unit
coded twice, ...) comes back as a :class:`Coefficient` with ``defined=False`` and the
reason: never NaN, never an exception.

Reasons and interval methods are catalogue notes (:class:`~tut.agreement.model.Note`, with the
coefficient and bootstrap objects in :mod:`.model`): a key of ``agreement.*`` in
:mod:`tut.messages` and its parameters, worded in English for the JSON output and in the
reader's language for people, from the same template.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy.special import stdtrit

from tut.agreement.data import ReliabilityData, ReliabilityDataError, reliability_data
from tut.agreement.model import (
    CI_LEVEL,
    WEIGHTED_KAPPA_TEXT,
    Coefficient,
    Note,
    coefficient_label,
)
from tut.agreement.model import WEIGHTED_KAPPA_NOMINAL as WEIGHTED_KAPPA_NOMINAL  # re-export
from tut.agreement.model import AlphaBootstrap as AlphaBootstrap  # re-export
from tut.agreement.model import Bootstrap as Bootstrap  # re-export

Weights = Literal["identity", "linear", "quadratic"]
Matrix = npt.NDArray[np.float64]


def as_data(data: ReliabilityData | npt.ArrayLike, level: str | None = None) -> ReliabilityData:
    """Accept prepared data as is; validate anything else once (at ``level``, nominal when
    not given). ``level`` is the level of measurement; one that contradicts the level the
    data were prepared at is an error, not silently ignored."""
    if isinstance(data, ReliabilityData):
        if level is not None and level != data.level:
            raise ReliabilityDataError(
                f"level {level!r} contradicts the prepared data's level {data.level!r} "
                "(prepare the data at that level, or leave level out)"
            )
        return data
    return reliability_data(data, level or "nominal")


# --- weights and distances -------------------------------------------------------------------


def weight_matrix(data: ReliabilityData, weights: Weights | Matrix = "identity") -> Matrix:
    """Agreement weights (1 on the diagonal) over the categories, as in irrCAC.

    Linear ``1 - |x_k - x_l| / (x_max - x_min)`` and quadratic
    ``1 - (x_k - x_l)^2 / (x_max - x_min)^2`` use the category scores (numbers, or the rank
    of ordered text categories).
    """
    q = data.n_categories
    if not isinstance(weights, str):
        w = np.asarray(weights, dtype=np.float64)
        if w.shape != (q, q):
            raise ValueError(f"weights must be a {q} x {q} matrix")
        return w
    if weights == "identity":
        return np.eye(q)
    x = _scores(data)
    span = float(x.max() - x.min()) if q else 0.0
    if span == 0:
        return np.eye(q)
    diff = np.abs(x[:, None] - x[None, :]) / span
    if weights == "linear":
        return 1.0 - diff
    if weights == "quadratic":
        return 1.0 - diff**2
    raise ValueError(f"unknown weights {weights!r}: identity, linear or quadratic")


def _scores(data: ReliabilityData) -> Matrix:
    if data.scores is not None:
        return data.scores
    return np.arange(data.n_categories, dtype=np.float64)


def distance_matrix(data: ReliabilityData, marginals: Matrix | None = None) -> Matrix:
    """Krippendorff's squared difference function for the data's level, shape (V, V).

    ``marginals`` (the coincidence totals n_v) are needed for the ordinal level.
    """
    q = data.n_categories
    if "distance" in data.extra:
        return np.asarray(data.extra["distance"], dtype=np.float64)
    if data.level == "nominal":
        return 1.0 - np.eye(q)
    x = _scores(data)
    if data.level == "interval":
        return (x[:, None] - x[None, :]) ** 2
    if data.level == "ratio":
        num = x[:, None] - x[None, :]
        den = x[:, None] + x[None, :]
        return np.divide(num, den, out=np.zeros((q, q)), where=den != 0) ** 2
    n_v = np.zeros(q) if marginals is None else marginals
    cum = np.concatenate(([0.0], np.cumsum(n_v)))
    i = np.arange(q)
    lo, hi = np.minimum(i[:, None], i[None, :]), np.maximum(i[:, None], i[None, :])
    between = cum[hi + 1] - cum[lo]
    return (between - (n_v[:, None] + n_v[None, :]) / 2.0) ** 2


# --- shared pieces ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Agreement:
    """Per-unit observed agreement, shared by the kappa family (Gwet's notation)."""

    counts: Matrix  # (n, q) coders per unit and category
    r: Matrix  # (n,) coders per unit
    two: npt.NDArray[np.bool_]  # (n,) coded by two or more
    w: Matrix  # (q, q)
    pa_i: Matrix  # (n,) agreement of each unit (0 where r < 2)
    pa: float

    @property
    def n(self) -> int:
        return int(self.r.shape[0])

    @property
    def n2(self) -> int:
        return int(self.two.sum())


def _float_counts(data: ReliabilityData) -> Matrix:
    if "fcounts" not in data.cache:
        data.cache["fcounts"] = data.counts.astype(np.float64)
    return np.asarray(data.cache["fcounts"])


def _observed(data: ReliabilityData, w: Matrix) -> _Agreement:
    identity = w.shape[0] == w.shape[1] and np.array_equal(w, np.eye(w.shape[0]))
    if identity and "observed" in data.cache:
        return data.cache["observed"]  # type: ignore[no-any-return]
    counts = _float_counts(data)
    r = counts.sum(axis=1)
    weighted = counts if identity else counts @ w.T
    sum_q = (counts * (weighted - 1.0)).sum(axis=1)
    den = r * (r - 1.0)
    two = r >= 2
    pa_i = np.divide(sum_q, den, out=np.zeros_like(sum_q), where=two)
    pa = float(pa_i[two].mean()) if two.any() else float("nan")
    out = _Agreement(counts, r, two, w, pa_i, pa)
    if identity:
        data.cache["observed"] = out
    return out


def _prevalence(a: _Agreement) -> Matrix:
    """pi_k: mean over coded units of the share of coders choosing k."""
    return (a.counts / a.r[:, None]).mean(axis=0)


def _interval(
    value: float, se: float | None, n: int, ci_level: float
) -> tuple[float, float] | None:
    if se is None or n < 2:
        return None
    t = float(stdtrit(n - 1, 0.5 + ci_level / 2.0))
    return (value - t * se, min(1.0, value + t * se))


def _gwet_se(terms: Matrix, centre: float, n: int, weight: Matrix | None = None) -> float | None:
    """Gwet's standard error ``sqrt(sum w (terms - centre)^2 / (n (n - 1)))`` over n units
    (``weight``: how many units share each term); None below two units."""
    if n < 2:
        return None
    squares = (terms - centre) ** 2
    if weight is not None:
        squares = weight * squares
    return float(np.sqrt(squares.sum() / (n * (n - 1.0))))


def _gwet_interval(
    value: float, se: float | None, n: int, ci_level: float
) -> tuple[tuple[float, float] | None, Note]:
    """The interval ``value +/- t(n-1) se`` and how it was computed (empty without one)."""
    ci = _interval(value, se, n, ci_level)
    return ci, gwet_method(n - 1) if ci else Note()


def gwet_method(df: int) -> Note:
    """How a linearised interval was made: Gwet's variance, a t quantile with ``df``."""
    return Note("agreement.ci-gwet", {"df": df})


def _linearised(
    name: str,
    value: float,
    terms: Matrix,
    n: int,
    ci_level: float,
    centre: float | None = None,
) -> Coefficient:
    """Coefficient with Gwet's variance ``sum (terms - centre)^2 / (n (n - 1))``."""
    se = _gwet_se(terms, value if centre is None else centre, n)
    ci, method = _gwet_interval(value, se, n, ci_level)
    return Coefficient(name, float(value), se, label_note=coefficient_label(name)).with_method(
        ci, method
    )


def _undefined_reason(data: ReliabilityData, weights: Any = "identity") -> Note:
    named = isinstance(weights, str)
    if named and weights not in ("identity", "linear", "quadratic"):
        raise ValueError(f"unknown weights {weights!r}: identity, linear or quadratic")
    if named and weights != "identity" and data.scores is None:
        return Note(f"agreement.{weights}-weights-text")
    if named and weights != "identity" and data.level == "nominal":
        return Note(f"agreement.{weights}-weights-nominal")
    if data.n_coders < 2:
        return Note("agreement.fewer-than-two-coders")
    if not data.pairable.any():
        return Note("agreement.nothing-pairable")
    return Note()


def _chance_corrected(
    name: str,
    a: _Agreement,
    pe: float,
    pe_i: Matrix | None,
    ci_level: float,
) -> Coefficient:
    """(pa - pe) / (1 - pe) with Gwet's variance; ``pe_i`` None when pe is fixed (BP)."""
    if pe >= 1.0 - 1e-12:
        return Coefficient.undefined(name, Note("agreement.chance-agreement-one"))
    value = (a.pa - pe) / (1.0 - pe)
    n, n2 = a.n, a.n2
    terms = (n / n2) * (a.pa_i - pe * a.two) / (1.0 - pe)
    if pe_i is not None:
        terms = terms - 2.0 * (1.0 - value) * (pe_i - pe) / (1.0 - pe)
    return _linearised(name, value, terms, n, ci_level)


# --- coefficients ------------------------------------------------------------------------------
#
# Every coefficient below works on the pairable units only (coded by two or more coders):
# a unit coded once says nothing about agreement, and letting it into the prevalence and the
# variance (as irrCAC does) halves the standard error of a study that double-codes a
# subsample. ``all_units=True`` keeps irrCAC's behaviour, to reproduce its figures.


def pairable_part(d: ReliabilityData, all_units: bool = False) -> ReliabilityData:
    """The data restricted to the units two or more coders coded (the same data if all are,
    or with ``all_units``); categories are kept, so Brennan-Prediger and AC1 count the same
    categories on offer."""
    if all_units or bool(d.pairable.all()):
        return d
    if "pairable_data" not in d.cache:
        d.cache["pairable_data"] = d.subset(units=d.pairable)
    return d.cache["pairable_data"]  # type: ignore[no-any-return]


def _prepared(
    data: ReliabilityData | npt.ArrayLike, weights: Any, all_units: bool, level: str | None
) -> tuple[ReliabilityData, Note]:
    """The data a kappa-type coefficient is computed on, or why it is undefined."""
    d = as_data(data, level)
    if reason := _undefined_reason(d, weights):
        return d, reason
    return pairable_part(d, all_units), Note()


def percent_agreement(
    data: ReliabilityData | npt.ArrayLike,
    weights: Weights | Matrix = "identity",
    *,
    level: str | None = None,
    ci_level: float = CI_LEVEL,
    all_units: bool = False,
) -> Coefficient:
    """Share of agreeing coder pairs per unit, averaged over units coded twice or more."""
    name = "percent_agreement"
    d, reason = _prepared(data, weights, all_units, level)
    if reason:
        return Coefficient.undefined(name, reason)
    a = _observed(d, weight_matrix(d, weights))
    terms = (a.n / a.n2) * a.pa_i
    return _linearised(name, a.pa, terms, a.n, ci_level)


def fleiss_kappa(
    data: ReliabilityData | npt.ArrayLike,
    weights: Weights | Matrix = "identity",
    *,
    level: str | None = None,
    ci_level: float = CI_LEVEL,
    all_units: bool = False,
    name: str = "fleiss_kappa",
) -> Coefficient:
    """Fleiss' (1971) kappa: chance from the pooled category prevalence (Scott's pi idea)."""
    d, reason = _prepared(data, weights, all_units, level)
    if reason:
        return Coefficient.undefined(name, reason)
    a = _observed(d, weight_matrix(d, weights))
    pi = _prevalence(a)
    pe = float(pi @ a.w @ pi)
    pi_w = (a.w @ pi + a.w.T @ pi) / 2.0
    pe_i = (a.counts @ pi_w) / a.r
    return _chance_corrected(name, a, pe, pe_i, ci_level)


def scott_pi(
    data: ReliabilityData | npt.ArrayLike,
    weights: Weights | Matrix = "identity",
    *,
    level: str | None = None,
    ci_level: float = CI_LEVEL,
    all_units: bool = False,
) -> Coefficient:
    """Scott's (1955) pi; with more than two coders, its generalisation by Fleiss (1971)."""
    d = as_data(data, level)
    c = fleiss_kappa(d, weights, ci_level=ci_level, all_units=all_units, name="scott_pi")
    if c.defined and d.n_coders > 2:
        return c.with_reason(Note("agreement.scott-pi-fleiss"))
    return c


def conger_kappa(
    data: ReliabilityData | npt.ArrayLike,
    weights: Weights | Matrix = "identity",
    *,
    level: str | None = None,
    ci_level: float = CI_LEVEL,
    all_units: bool = False,
    name: str = "conger_kappa",
) -> Coefficient:
    """Conger's (1980) kappa: chance from each coder's own prevalence (Cohen's kappa for two)."""
    d, reason = _prepared(data, weights, all_units, level)
    if reason:
        return Coefficient.undefined(name, reason)
    a = _observed(d, weight_matrix(d, weights))
    m, q = d.n_coders, d.n_categories
    codes = d.codes
    valid = codes >= 0
    coder_idx = np.broadcast_to(np.arange(m)[:, None], codes.shape)[valid]
    classif = np.bincount(coder_idx * q + codes[valid], minlength=m * q).reshape(m, q)
    ng = classif.sum(axis=1).astype(np.float64)
    pgk = classif / ng[:, None]
    p_mean = pgk.mean(axis=0)
    s2 = (pgk.T @ pgk - m * np.outer(p_mean, p_mean)) / (m - 1.0)
    pe = float((a.w * (np.outer(p_mean, p_mean) - s2 / m)).sum())
    # Gwet's linearisation of pe for Conger's kappa (irrCAC conger.kappa.raw), vectorised:
    n = a.n
    shift = m * p_mean[None, :] - pgk  # (m, q)
    c = shift @ a.w  # (m, q)
    e = (c * pgk).sum(axis=1)  # (m,)
    term1 = np.where(valid, np.take_along_axis(c, np.where(valid, codes, 0), axis=1), 0.0)
    lam = (n / ng)[:, None] * (term1 - (valid - (ng / n)[:, None]) * e[:, None])
    pe_i = lam.sum(axis=0) / (m * (m - 1.0))
    return _chance_corrected(name, a, pe, pe_i, ci_level)


def cohen_kappa(
    data: ReliabilityData | npt.ArrayLike,
    weights: Weights | Matrix = "identity",
    *,
    level: str | None = None,
    ci_level: float = CI_LEVEL,
    all_units: bool = False,
) -> Coefficient:
    """Cohen's (1960) kappa for two coders, weighted (Cohen 1968) with linear/quadratic weights.

    Conger's kappa with two coders (Gwet's linearised SE, as irrCAC). ``se_table`` is the
    contingency-table ASE of Fleiss, Cohen and Everitt (1969) that SPSS and SAS print, on
    the units both coders coded.
    """
    d = as_data(data, level)
    name = (
        "cohen_kappa"
        if isinstance(weights, str) and weights == "identity"
        else (f"cohen_kappa_{weights}" if isinstance(weights, str) else "cohen_kappa_weighted")
    )
    if d.n_coders != 2:
        return Coefficient.undefined(
            name,
            Note("agreement.cohen-two-coders", {"coders": d.n_coders}),
        )
    if isinstance(weights, str) and weights != "identity" and d.scores is None:
        return Coefficient.undefined(name, WEIGHTED_KAPPA_TEXT)
    c = conger_kappa(d, weights, ci_level=ci_level, all_units=all_units, name=name)
    if not c.defined:
        return c
    return replace(c, se_table=table_ase(d, weight_matrix(d, weights)))


def table_ase(d: ReliabilityData, w: Matrix) -> float | None:
    """Cohen's kappa's asymptotic SE from the two coders' contingency table (Fleiss, Cohen
    and Everitt 1969, not assuming kappa = 0), as SPSS CROSSTABS and SAS FREQ print it;
    weighted with ``w``. Units one coder left uncoded are left out; None below two units."""
    both = (d.codes >= 0).all(axis=0)
    n = int(both.sum())
    q = d.n_categories
    if n < 2:
        return None
    first, second = d.codes[0, both], d.codes[1, both]
    p = np.bincount(first * q + second, minlength=q * q).reshape(q, q) / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    po = float((w * p).sum())
    pe = float((w * np.outer(rows, cols)).sum())
    if pe >= 1.0 - 1e-12:
        return None
    kappa = (po - pe) / (1.0 - pe)
    w_row = w @ cols  # w-bar_i. = sum_j p_.j w_ij
    w_col = rows @ w  # w-bar_.j = sum_i p_i. w_ij
    dev = w - (w_row[:, None] + w_col[None, :]) * (1.0 - kappa)
    var = ((p * dev**2).sum() - (kappa - pe * (1.0 - kappa)) ** 2) / (n * (1.0 - pe) ** 2)
    return float(np.sqrt(max(var, 0.0)))


def gwet_ac1(
    data: ReliabilityData | npt.ArrayLike,
    *,
    level: str | None = None,
    ci_level: float = CI_LEVEL,
    all_units: bool = False,
) -> Coefficient:
    """Gwet's (2008) AC1: chance agreement from how far prevalence is from uniform."""
    return _gwet_ac(as_data(data, level), "identity", ci_level, all_units, "gwet_ac1")


def gwet_ac2(
    data: ReliabilityData | npt.ArrayLike,
    weights: Weights | Matrix = "quadratic",
    *,
    level: str | None = None,
    ci_level: float = CI_LEVEL,
    all_units: bool = False,
) -> Coefficient:
    """Gwet's AC2: AC1 with agreement weights for ordered categories."""
    return _gwet_ac(as_data(data, level), weights, ci_level, all_units, "gwet_ac2")


def _gwet_ac(
    data: ReliabilityData | npt.ArrayLike,
    weights: Weights | Matrix,
    ci_level: float,
    all_units: bool,
    name: str,
) -> Coefficient:
    d, reason = _prepared(data, weights, all_units, None)
    if reason:
        return Coefficient.undefined(name, reason)
    q = d.n_categories
    if q < 2:
        return Coefficient.undefined(
            name,
            Note("agreement.one-category-chance-undefined"),
        )
    a = _observed(d, weight_matrix(d, weights))
    pi = _prevalence(a)
    tw = float(a.w.sum())
    pe = tw * float((pi * (1.0 - pi)).sum()) / (q * (q - 1.0))
    pe_i = tw / (q * (q - 1.0)) * (a.counts @ (1.0 - pi)) / a.r
    return _chance_corrected(name, a, pe, pe_i, ci_level)


def brennan_prediger(
    data: ReliabilityData | npt.ArrayLike,
    weights: Weights | Matrix = "identity",
    *,
    level: str | None = None,
    ci_level: float = CI_LEVEL,
    all_units: bool = False,
) -> Coefficient:
    """Brennan and Prediger (1981): chance agreement 1/q over the q categories on offer."""
    name = "brennan_prediger"
    d, reason = _prepared(data, weights, all_units, level)
    if reason:
        return Coefficient.undefined(name, reason)
    q = d.n_categories
    if q < 2:
        return Coefficient.undefined(
            name,
            Note("agreement.one-category-chance-one"),
        )
    a = _observed(d, weight_matrix(d, weights))
    pe = float(a.w.sum()) / q**2
    return _chance_corrected(name, a, pe, None, ci_level)
