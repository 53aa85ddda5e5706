"""Quantiles (medians) of an outcome per variant and domain, as R's ``svyquantile``.

R's defaults (survey 4.1): ``qrule = "math"`` (the smallest value whose weighted share of
the domain reaches p), Woodruff's interval ``interval.type = "mean"``: the share of the
domain at or below the estimate, its design-based CI with a t on the domain's degrees of
freedom (``degf(subset(design, ...))``), mapped back through the same rule; the SE is the
interval's width over ``2 t``. Minutes of care are skewed, and medians are what statistics
offices publish next to means.

With replicate weights the share at or below the estimate needs each replicate weight
again once the estimate is known: :mod:`tut.compare.quantile_cells` reads them a second
time (only them), and the share's SE comes from the replicates as ``svymean`` would give
it; the t uses the domain's degrees of freedom as R's ``degf(subset(design, ...))``: the
rank of the domain's replicate weights minus one (:mod:`tut.compare.subset_degf`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tut.compare.design import TaylorDesign, two_stage_vcov
from tut.compare.results import Interval
from tut.compare.variance import average_factor


@dataclass(frozen=True)
class Quantile:
    """One quantile of one outcome in one cell."""

    p: float
    value: Interval
    """Estimate, SE (R's: interval width / 2t) and Woodruff interval (NaN ends as R)."""

    def to_dict(self) -> dict[str, object]:
        def num(x: float) -> float | None:
            return x if math.isfinite(x) else None

        v = self.value
        return {"p": self.p, "estimate": num(v.estimate), "se": num(v.se),
                "ci": [num(v.low), num(v.high)]}


def qrule_math(x_sorted: np.ndarray, cumw: np.ndarray, total: float, p: float) -> float:
    """R's ``qrule_math`` on values sorted with their cumulated weights (no zero weights);
    ``total`` is the weights' sum as R's ``sum`` gives it (extended precision: fsum)."""
    if not len(x_sorted):
        return math.nan
    pos = int(np.searchsorted(cumw, p * total, side="right")) - 1  # last cumw <= p * total
    pos = max(pos, 0)  # R's survey:::last() gives the first when none qualifies
    if p - cumw[pos] / total == 0:
        return float(x_sorted[pos])
    return float(x_sorted[min(pos + 1, len(x_sorted) - 1)])


def sorted_cell(values: np.ndarray, weight: np.ndarray, rows: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, np.ndarray]:
    """(indices, x, sorted x, total weight, cumulated weights) of a cell's rows with weight."""
    idx = np.flatnonzero(rows & (weight > 0))
    x = values[idx]
    order = np.argsort(x, kind="stable")
    w = weight[idx]
    return idx, x, x[order], (math.fsum(w.tolist()) if len(w) else math.nan), np.cumsum(w[order])


def woodruff(xs: np.ndarray, cumw: np.ndarray, total: float, p: float, q: float,
             share: float, var: float, df: float, ci_level: float) -> Quantile:
    """Woodruff's interval: the share at or below q, its CI mapped back through the rule."""
    from scipy.special import stdtrit

    crit = float(stdtrit(df, 1 - (1 - ci_level) / 2)) if df >= 1 else math.nan
    half = crit * math.sqrt(var) if var >= 0 else math.nan
    p_low, p_high = share - half, share + half
    low = qrule_math(xs, cumw, total, p_low) if p_low >= 0 else math.nan
    high = qrule_math(xs, cumw, total, p_high) if p_high <= 1 else math.nan
    se = (high - low) / (2 * crit) if crit else math.nan
    return Quantile(p, Interval(q, se, low, high))


def cell_quantiles(
    values: np.ndarray,
    weight: np.ndarray,
    rows: np.ndarray,
    design: TaylorDesign,
    ps: Sequence[float],
    ci_level: float,
) -> tuple[Quantile, ...]:
    """Quantiles ``ps`` of ``values`` over the domain ``rows`` (bool) of a Taylor design
    (two stages: the share's scores by second-stage unit, as R's multistage; df from the
    PSUs and strata of the domain, R's ``degf``)."""
    idx, x, xs, total, cumw = sorted_cell(values, weight, rows)
    w = weight[idx]
    units = design.units[idx]
    psus = np.unique(design.psu[idx])
    strata = np.unique(design.psu_stratum[psus])
    df = len(psus) - len(strata)
    factor = 1.0
    lonely = design.psus_per_stratum == 1
    if design.lonely_psu == "average" and lonely.any():
        present = np.zeros(design.n_strata, dtype=bool)
        present[strata] = True
        factor = average_factor(lonely, present) / average_factor(lonely, None)
    out = []
    for p in ps:
        q = qrule_math(xs, cumw, total, p)
        below = (x <= q).astype(np.float64)
        share = float(w @ below) / total
        scores = np.bincount(units, weights=w * (below - share) / total,
                             minlength=design.n_units)
        var = float(two_stage_vcov(scores[:, None], design)[0, 0]) * factor
        out.append(woodruff(xs, cumw, total, p, q, share, var, df, ci_level))
    return tuple(out)
