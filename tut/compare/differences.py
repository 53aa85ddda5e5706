"""Differences between wording variants, gender gaps and difference in differences.

All are linear contrasts ``c' theta`` of the cell estimates, with variance ``c' V c`` from
the joint design covariance: within one survey V carries the covariance between variants
(R: ``svycontrast`` on ``svyby(..., covmat=TRUE)``, or the contrast recomputed in each
replicate); two surveys are independent, so their block of V is zero and
``Var = V_a + V_b``.

Tests are Wald tests. The reference distribution is the normal by default, which is what
R's ``confint`` and ``svycontrast`` use; ``test: t`` in the spec uses a t with the design
degrees of freedom (#PSU - #strata, or the rank of the replicate weights - 1, as R's ``degf``;
for two surveys the smaller of the two).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from tut.compare.cells import CellKey, DatasetCells
from tut.compare.model import TestDistribution
from tut.compare.results import (
    Difference,
    Domain,
    Estimate,
    Gap,
    Interval,
    MissingCount,
    NonresponseDifference,
    Test,
)
from tut.compare.variance import CellVariance


def critical(ci_level: float, df: float | None) -> float:
    """Two-sided quantile for a ``ci_level`` interval: normal when ``df`` is None.

    scipy is only imported for the t distribution (``test: t``): importing it costs more
    than the whole estimation on a survey of ordinary size.
    """
    q = 1.0 - (1.0 - ci_level) / 2.0
    if df is None:
        return NormalDist().inv_cdf(q)
    from scipy.special import stdtrit

    return float(stdtrit(df, q))


def _two_sided_p(stat: float, df: float | None) -> float:
    if df is None:
        return math.erfc(abs(stat) / math.sqrt(2.0))
    from scipy.special import stdtr

    return float(2 * stdtr(df, -abs(stat)))


def interval(estimate: float, se: float, ci_level: float, df: float | None) -> Interval:
    half = critical(ci_level, df) * se
    return Interval(estimate, se, estimate - half, estimate + half)


def wald(estimate: float, se: float, ci_level: float, df: float | None) -> Test:
    """Wald test of ``estimate == 0``; two-sided p from the normal or t(df)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = estimate / se if se > 0 else math.nan
    p = math.nan if math.isnan(stat) else _two_sided_p(stat, df)
    return Test(value=interval(estimate, se, ci_level, df), statistic=stat, p=p)


def holm(p: Sequence[float]) -> list[float]:
    """Holm step-down adjusted p-values (R: ``p.adjust(p, "holm")``); NaN stays NaN."""
    arr = np.asarray(p, dtype=np.float64)
    out = np.full(arr.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(arr))
    m = len(ok)
    if m == 0:
        return out.tolist()
    order = ok[np.argsort(arr[ok], kind="stable")]
    adjusted = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * arr[order]))
    out[order] = adjusted
    return out.tolist()


def cohens_h(p_a: float, p_b: float) -> float:
    """Effect size of two proportions: ``2 asin(sqrt(p_b)) - 2 asin(sqrt(p_a))``."""
    if not (0 <= p_a <= 1 and 0 <= p_b <= 1):
        return math.nan
    return 2 * math.asin(math.sqrt(p_b)) - 2 * math.asin(math.sqrt(p_a))


def cohens_d(diff: float, sd_a: float | None, sd_b: float | None) -> float:
    """Difference of means over the root mean of the two weighted variances."""
    if sd_a is None or sd_b is None:
        return math.nan
    pooled = math.sqrt((sd_a**2 + sd_b**2) / 2)
    return diff / pooled if pooled > 0 else math.nan


def ratio_delta(a: float, b: float, vaa: float, vbb: float, vab: float) -> tuple[float, float]:
    """``b / a`` and its delta-method SE (R: ``svycontrast(x, quote(b/a))``)."""
    if a == 0:
        return math.nan, math.nan
    r = b / a
    var = (vbb - 2 * r * vab + r * r * vaa) / (a * a)
    return r, math.sqrt(var) if var >= 0 else math.nan


def _key(domain: Domain) -> Domain:
    return tuple(sorted(domain))


@dataclass
class Pool:
    """The estimates of every dataset with one joint (block-diagonal) covariance."""

    theta: np.ndarray
    blocks: list[tuple[int, CellVariance]]
    """(first position, covariance) of each dataset's cells."""
    block_of: np.ndarray
    """(K,) block of each position."""
    index: dict[tuple[str, CellKey], int]
    """(dataset, cell with domain in canonical order) -> position."""
    den: np.ndarray
    degf: dict[str, int]
    dataset_of_variant: dict[str, str]
    ci_level: float
    test: TestDistribution

    @classmethod
    def of(cls, cells: Sequence[DatasetCells], variants: dict[str, str], ci_level: float,
           test: TestDistribution) -> Pool:
        k = sum(len(c.keys) for c in cells)
        theta = np.empty(k)
        den = np.empty(k)
        block_of = np.empty(k, dtype=np.int64)
        blocks: list[tuple[int, CellVariance]] = []
        index: dict[tuple[str, CellKey], int] = {}
        start = 0
        for b, c in enumerate(cells):
            size = len(c.keys)
            theta[start:start + size] = c.estimates.estimate
            den[start:start + size] = c.estimates.den_total
            block_of[start:start + size] = b
            blocks.append((start, c.estimates.variance or CellVariance(c.estimates.vcov)))
            for i, key in enumerate(c.keys):
                canon = CellKey(key.outcome, key.variant, _key(key.domain), key.measure)
                index[(c.name, canon)] = start + i
            start += size
        return cls(theta, blocks, block_of, index, den, {c.name: c.degf for c in cells},
                   variants, ci_level, test)

    def find(self, outcome: str, variant: str, domain: Domain, measure: str) -> int | None:
        """Position of a cell, or None when it does not exist or has no respondents."""
        ds = self.dataset_of_variant[variant]
        key = CellKey(outcome, variant, _key(domain), measure)  # type: ignore[arg-type]
        i = self.index.get((ds, key))
        if i is None or not self.den[i] > 0:
            return None
        return i

    def df(self, variants: Iterable[str]) -> float | None:
        if self.test == "normal":
            return None
        return float(min(self.degf[self.dataset_of_variant[v]] for v in variants))

    def cov(self, idx: Sequence[int]) -> np.ndarray:
        """Covariance of the cells ``idx`` as R reports it; zero between datasets."""
        pos = np.asarray(idx, dtype=np.int64)
        out = np.zeros((len(pos), len(pos)))
        for b in np.unique(self.block_of[pos]):
            start, variance = self.blocks[b]
            mine = np.flatnonzero(self.block_of[pos] == b)
            out[np.ix_(mine, mine)] = variance.cov(pos[mine] - start)
        return out

    def dropped(self, i: int) -> int:
        """Replicates left out of cell i's variance (no respondents in them)."""
        start, variance = self.blocks[int(self.block_of[i])]
        return variance.dropped(i - start)

    def contrast(self, coef: dict[int, float], variants: Iterable[str]) -> Test:
        idx = list(coef)
        c = np.fromiter(coef.values(), dtype=np.float64)
        est = float(c @ self.theta[idx])
        var = float(c @ self.cov(idx) @ c)
        se = math.sqrt(var) if var >= 0 else math.nan
        return wald(est, se, self.ci_level, self.df(variants))

    def value(self, i: int, variants: Iterable[str]) -> Interval:
        v = float(self.cov([i])[0, 0])
        se = math.sqrt(max(v, 0.0)) if not math.isnan(v) else math.nan
        return interval(float(self.theta[i]), se, self.ci_level, self.df(variants))

    def independent(self, a: str, b: str) -> bool:
        return self.dataset_of_variant[a] != self.dataset_of_variant[b]


def variant_differences(
    pool: Pool,
    pairs: Sequence[tuple[str, str]],
    estimates: Sequence[Estimate],
) -> list[Difference]:
    """b - a for every pair, outcome and domain both variants have; Holm across domains."""
    by_cell = {(e.outcome, e.variant, _key(e.domain)): e for e in estimates}
    out: list[Difference] = []
    for a, b in pairs:
        outcomes = list(dict.fromkeys(e.outcome for e in estimates if e.variant == a))
        for outcome in outcomes:
            family: list[Difference] = []
            for ea in (e for e in estimates if e.variant == a and e.outcome == outcome):
                eb = by_cell.get((outcome, b, _key(ea.domain)))
                if eb is None:
                    continue
                ia = pool.find(outcome, a, ea.domain, "value")
                ib = pool.find(outcome, b, ea.domain, "value")
                if ia is None or ib is None:
                    continue
                test = pool.contrast({ib: 1.0, ia: -1.0}, (a, b))
                v = pool.cov([ia, ib])
                r, r_se = ratio_delta(pool.theta[ia], pool.theta[ib], v[0, 0], v[1, 1], v[0, 1])
                ratio = interval(r, r_se, pool.ci_level, pool.df((a, b)))
                if ea.kind == "proportion":
                    effect, effect_kind = cohens_h(ea.value.estimate, eb.value.estimate), "cohens_h"
                else:
                    effect = cohens_d(test.value.estimate, ea.sd, eb.sd)
                    effect_kind = "cohens_d"
                part, h_part = None, None
                pa = pool.find(outcome, a, ea.domain, "participation")
                pb = pool.find(outcome, b, ea.domain, "participation")
                if pa is not None and pb is not None:
                    part = pool.contrast({pb: 1.0, pa: -1.0}, (a, b))
                    h_part = cohens_h(pool.theta[pa], pool.theta[pb])
                family.append(Difference(
                    outcome=outcome, a=a, b=b, domain=ea.domain, unit=ea.unit, test=test,
                    independent=pool.independent(a, b), ratio=ratio, effect_size=effect,
                    effect_size_kind=effect_kind, participation=part,
                    cohens_h_participation=h_part,
                ))
            out.extend(_with_holm(family))
    return out


def _with_holm(family: list[Difference]) -> list[Difference]:
    if not family:
        return family
    adj = holm([d.test.p for d in family])
    part_p = [d.participation.p if d.participation else math.nan for d in family]
    part_adj = holm(part_p)
    out = []
    for d, p, pp in zip(family, adj, part_adj, strict=True):
        part = d.participation
        if part is not None:
            part = Test(part.value, part.statistic, part.p, pp)
        out.append(Difference(
            outcome=d.outcome, a=d.a, b=d.b, domain=d.domain, unit=d.unit,
            test=Test(d.test.value, d.test.statistic, d.test.p, p), independent=d.independent,
            ratio=d.ratio, effect_size=d.effect_size, effect_size_kind=d.effect_size_kind,
            participation=part, cohens_h_participation=d.cohens_h_participation,
        ))
    return out


def gaps(
    pool: Pool,
    gap_domain: str,
    first: str,
    second: str,
    contexts: Sequence[Domain],
    outcomes: Sequence[tuple[str, str]],
    variants: Sequence[str],
    pairs: Sequence[tuple[str, str]],
) -> list[Gap]:
    """first - second within each variant and context, then its change between variants.

    ``outcomes`` are (name, unit). The difference in differences for a pair (a, b) is
    ``(first_b - second_b) - (first_a - second_a)``, with Holm across contexts.
    """
    out: list[Gap] = []
    for outcome, unit in outcomes:
        cells: dict[tuple[str, Domain], tuple[int, int]] = {}
        for v in variants:
            for ctx in contexts:
                i1 = pool.find(outcome, v, (*ctx, (gap_domain, first)), "value")
                i2 = pool.find(outcome, v, (*ctx, (gap_domain, second)), "value")
                if i1 is None or i2 is None:
                    continue
                cells[(v, ctx)] = (i1, i2)
                out.append(Gap(outcome=outcome, domain=ctx, gap_domain=gap_domain, first=first,
                               second=second, unit=unit,
                               test=pool.contrast({i1: 1.0, i2: -1.0}, (v,)), variant=v))
        for a, b in pairs:
            family: list[Gap] = []
            for ctx in contexts:
                if (a, ctx) not in cells or (b, ctx) not in cells:
                    continue
                a1, a2 = cells[(a, ctx)]
                b1, b2 = cells[(b, ctx)]
                test = pool.contrast({b1: 1.0, b2: -1.0, a1: -1.0, a2: 1.0}, (a, b))
                family.append(Gap(outcome=outcome, domain=ctx, gap_domain=gap_domain,
                                  first=first, second=second, unit=unit, test=test, a=a, b=b))
            adj = holm([g.test.p for g in family])
            for g, p in zip(family, adj, strict=True):
                t = g.test
                out.append(Gap(outcome=g.outcome, domain=g.domain, gap_domain=gap_domain,
                               first=first, second=second, unit=unit,
                               test=Test(t.value, t.statistic, t.p, p), a=a, b=b))
    return out


def nonresponse_differences(
    pool: Pool, pairs: Sequence[tuple[str, str]], missing: Sequence[MissingCount]
) -> list[NonresponseDifference]:
    """Does item non-response differ by wording? b - a in the weighted non-response rate."""
    out = []
    outcomes = list(dict.fromkeys(m.outcome for m in missing))
    for a, b in pairs:
        for outcome in outcomes:
            ia = pool.find(outcome, a, (), "nonresponse")
            ib = pool.find(outcome, b, (), "nonresponse")
            if ia is None or ib is None:
                continue
            out.append(NonresponseDifference(
                outcome=outcome, a=a, b=b, test=pool.contrast({ib: 1.0, ia: -1.0}, (a, b)),
                independent=pool.independent(a, b),
            ))
    return out
