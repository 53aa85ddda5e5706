"""Design-based estimates of ratio type (means, proportions) for many domains at once.

Every estimate tut reports is a ratio of two weighted totals over a domain: a mean is
``sum(w*y*d) / sum(w*d)``, a proportion the same with a 0/1 ``y``, a participation rate
``sum(w*[y>0]*d) / sum(w*d)``, the mean among participants ``sum(w*y*d) / sum(w*[y>0]*d)``.

So one pass over the data collects weighted totals of a few statistics per *group* (the
finest cross of variant and domain categories); any domain is a union of groups. Domain
estimation is done the textbook way: rows outside the domain count as zeros in the full
design (they are never dropped), which is what R's ``svyby``/``subset`` do.

With replicate weights the totals are accumulated batch by batch while the file is read
(:func:`add_replicate_totals`): per batch one matrix product ``R x rows`` weights times
``rows x S`` statistics, so 160 replicates cost little more than reading them and are
never all in memory at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tut.compare.design import (
    ReplicateDesign,
    TaylorDesign,
    replicate_vcov,
    two_stage_vcov,
)
from tut.compare.variance import CellVariance

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Totals:
    """Weighted totals of S statistics in G groups: all a ratio estimate needs."""

    full: np.ndarray
    """(G, S) with the full-sample weight."""
    by_psu: np.ndarray | None
    """(P, G, S) per PSU (Taylor designs)."""
    replicates: np.ndarray | None
    """(R, G, S) with each replicate weight (replicate designs)."""


@dataclass(frozen=True)
class Ratios:
    """K ratio estimates: numerator and denominator statistic, and member groups."""

    num: np.ndarray
    """(K,) statistic index of each numerator."""
    den: np.ndarray
    """(K,) statistic index of each denominator."""
    members: np.ndarray
    """(K, G) 1.0 where the group belongs to the estimate's domain."""
    rows: np.ndarray | None = None
    """(K,) statistic that marks the estimate's rows (for strata present and degrees of
    freedom); None: the denominator. A denominator of -1 is the constant 1 (a total)."""


@dataclass(frozen=True)
class RatioEstimates:
    """Point estimates, their covariance and their denominators."""

    estimate: np.ndarray
    """(K,)"""
    vcov: np.ndarray
    """(K, K) design-based covariance."""
    den_total: np.ndarray
    """(K,) weighted denominator (the weighted population of the domain)."""
    variance: CellVariance | None = None
    """What R-style covariances of a few cells need (dropped replicates, strata present)."""
    degf: np.ndarray | None = None
    """(K,) degrees of freedom of each cell's domain as R's ``degf(subset(design, ...))``:
    PSUs minus strata with rows in it (Taylor designs; None for replicate designs, whose
    subsets keep the design's)."""


def group_totals(
    stats: np.ndarray,
    groups: np.ndarray,
    n_groups: int,
    weight: np.ndarray,
    design: TaylorDesign | ReplicateDesign,
    replicate_totals: np.ndarray | None = None,
) -> Totals:
    """Weighted totals of each statistic in each group, for the design's variance method.

    Parameters
    ----------
    stats : ndarray, shape (N, S)
        Per-row statistics (0/1 indicators, values, squares); rows outside a domain are 0.
    groups : ndarray, shape (N,)
        Group index 0..G-1 of each row.
    n_groups : int
        G.
    weight : ndarray, shape (N,)
        Full-sample weight.
    design : TaylorDesign or ReplicateDesign
    replicate_totals : ndarray, shape (R, G, S), optional
        Required for a replicate design: the same totals with each replicate weight,
        accumulated while the file is read (:func:`add_replicate_totals`).
    """
    n, s = stats.shape
    # one column at a time: stats * weight[:, None] broadcasts along rows of 6 and took
    # 0.1 s on a million rows; the products and their sums are the same
    weighted = (stats[:, j] * weight for j in range(s))
    full = np.zeros((n_groups, s))
    if isinstance(design, TaylorDesign):
        units = design.n_units  # PSUs, or second-stage units of a two-stage design
        cell = design.units * n_groups + groups
        size = units * n_groups
        by_psu = np.empty((units, n_groups, s))
        for j, column in enumerate(weighted):
            full[:, j] = np.bincount(groups, weights=column, minlength=n_groups)
            by_psu[:, :, j] = np.bincount(cell, weights=column, minlength=size).reshape(
                units, n_groups
            )
        return Totals(full=full, by_psu=by_psu, replicates=None)
    for j, column in enumerate(weighted):
        full[:, j] = np.bincount(groups, weights=column, minlength=n_groups)
    if replicate_totals is None:
        raise ValueError("a replicate design needs its replicate totals")
    return Totals(full=full, by_psu=None, replicates=replicate_totals)


ONE_HOT_LIMIT = 64
"""Up to this many (group x statistic) columns one GEMM against a one-hot expansion is
faster than sorting the replicate weights by group (which moves all of them in memory)."""


def add_replicate_totals(
    out: np.ndarray, weights_t: np.ndarray, stats: np.ndarray, keys: np.ndarray
) -> None:
    """Add one batch's replicate-weighted totals per key to ``out`` in place.

    Parameters
    ----------
    out : ndarray, shape (F, R, S)
        Running totals per key.
    weights_t : ndarray, shape (R, C)
        The batch's replicate weights, one row per replicate (C-contiguous).
    stats : ndarray, shape (C, S)
        Per-row statistics of the batch.
    keys : ndarray, shape (C,)
        Key 0..F-1 of each row.
    """
    s = stats.shape[1]
    counts = np.bincount(keys)
    present = np.flatnonzero(counts)
    position = np.zeros(len(counts), dtype=np.int64)
    position[present] = np.arange(len(present))
    inverse = position[keys]
    k = len(present)
    if k * s <= ONE_HOT_LIMIT:
        expanded = np.zeros((len(keys), k, s))  # each row's statistics under its key
        expanded[np.arange(len(keys)), inverse] = stats  # one pass, not a mask per key
        sums = (weights_t @ expanded.reshape(len(keys), k * s)).reshape(-1, k, s)
        out[present] += sums.transpose(1, 0, 2)
        return
    order = np.argsort(inverse, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(counts[present])))
    sorted_w = np.take(weights_t, order, axis=1)
    sorted_x = stats[order]
    for j in range(k):
        a, b = bounds[j], bounds[j + 1]
        out[present[j]] += sorted_w[:, a:b] @ sorted_x[a:b]


def domain_totals(t: np.ndarray, stat: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Sum group totals ``t[..., G, S]`` over each estimate's groups: shape (..., K)."""
    out = np.empty((*t.shape[:-2], len(stat)))
    for s in np.unique(stat):
        ks = np.flatnonzero(stat == s)
        out[..., ks] = t[..., :, s] @ members[ks].T
    return out


def ratio_estimates(
    totals: Totals, ratios: Ratios, design: TaylorDesign | ReplicateDesign
) -> RatioEstimates:
    """Ratio estimates and their design-based covariance.

    Taylor: the linearised score of ``A/B`` in a PSU is ``(A_psu - (A/B) B_psu) / B``
    (R's ``svymean``/``svyratio`` influence functions). Replicates: each ratio is
    recomputed with each replicate weight.
    """
    total = ratios.den < 0
    den_stat = np.where(total, ratios.num, ratios.den)
    rows_stat = den_stat if ratios.rows is None else ratios.rows
    num = domain_totals(totals.full, ratios.num, ratios.members)
    den = np.where(total, 1.0, domain_totals(totals.full, den_stat, ratios.members))
    with np.errstate(invalid="ignore", divide="ignore"):
        est = num / den
        if isinstance(design, TaylorDesign):
            assert totals.by_psu is not None
            num_p = domain_totals(totals.by_psu, ratios.num, ratios.members)
            den_p = np.where(total, 0.0, domain_totals(totals.by_psu, den_stat, ratios.members))
            scores = (num_p - est * den_p) / den
            vcov = two_stage_vcov(scores, design)
            variance = CellVariance(vcov)
            lonely = design.psus_per_stratum == 1
            psu_has = design.psu_totals(
                np.abs(domain_totals(totals.by_psu, rows_stat, ratios.members))) != 0
            present = np.zeros((design.n_strata, len(est)))
            np.add.at(present, design.psu_stratum, psu_has)
            degf = psu_has.sum(axis=0) - (present > 0).sum(axis=0)
            if design.lonely_psu == "average" and lonely.any():
                variance = CellVariance(vcov, present=present.T > 0, lonely=lonely)
        else:
            assert totals.replicates is not None
            num_r = domain_totals(totals.replicates, ratios.num, ratios.members)
            den_r = np.where(total, 1.0,
                             domain_totals(totals.replicates, den_stat, ratios.members))
            reps = num_r / den_r
            vcov = replicate_vcov(reps, est, design)
            variance = CellVariance(vcov, replicates=reps, design=design, full=est)
            degf = None
    return RatioEstimates(estimate=est, vcov=vcov, den_total=den, variance=variance, degf=degf)
