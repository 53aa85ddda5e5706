"""Rao-Scott test of a categorical answer by wording, as R's ``svychisq`` (its default F).

Pearson's X^2 of the weighted table (scaled to the number of respondents) divided by the
mean generalised design effect ``tr(Delta)``, referred to F with ``d0 = tr(Delta)^2 /
tr(Delta^2)`` and ``d0 * nu`` degrees of freedom (nu: PSUs minus strata among the
respondents). For proportions the answer has two categories (meets it or not), so a pair
of variants gives a 2 x 2 table. Taylor designs.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tut.compare.cells import group_keys
from tut.compare.columns import STAT_VALID, STAT_Y, stat_base
from tut.compare.design import ReplicateDesign, TaylorDesign, replicate_vcov, taylor_vcov
from tut.compare.prepare import PreparedDataset


@dataclass(frozen=True)
class RaoScott:
    """svychisq(~answer + variant, design), statistic F."""

    outcome: str
    a: str
    b: str
    f: float
    ndf: float
    ddf: float
    p: float

    def to_dict(self) -> dict[str, Any]:
        def num(x: float) -> float | None:
            return x if math.isfinite(x) else None

        return {"outcome": self.outcome, "a": self.a, "b": self.b, "F": num(self.f),
                "ndf": num(self.ndf), "ddf": num(self.ddf), "p": num(self.p)}


def rao_scott_f(
    answer: np.ndarray, column: np.ndarray, w: np.ndarray, psu: np.ndarray, design: TaylorDesign
) -> tuple[float, float, float, float]:
    """(F, ndf, ddf, p) for codes ``answer`` 0..r-1 by ``column`` 0..c-1 (rows restricted)."""
    nr, nc = int(answer.max()) + 1, int(column.max()) + 1
    n = len(answer)
    cell = answer + nr * column  # rows vary fastest, as R's interaction() and expand.grid
    total = float(w.sum())
    p = np.bincount(cell, weights=w, minlength=nr * nc) / total
    onehot = np.zeros((n, nr * nc))
    onehot[np.arange(n), cell] = 1.0
    scores = (onehot - p) * (w / total)[:, None]
    by_psu = np.zeros((design.n_psu, nr * nc))
    np.add.at(by_psu, psu, scores)
    v = taylor_vcov(by_psu, design)
    psus = np.unique(psu)
    nu = len(psus) - len(np.unique(design.psu_stratum[psus]))
    with np.errstate(all="ignore"):  # no spread (SE 0): F undefined, shown as NaN
        return _rao_scott_from(p, v, nr, nc, n, nu)


def _rao_scott_from(
    p: np.ndarray, v: np.ndarray, nr: int, nc: int, n: int, nu: int
) -> tuple[float, float, float, float]:
    """svychisq's F from the cell shares p, their covariance v, n rows and nu df."""
    from scipy.special import fdtrc
    rows, cols = np.arange(nr * nc) % nr, np.arange(nr * nc) // nr
    x1 = np.column_stack([np.ones(nr * nc)] + [rows == i for i in range(1, nr)]
                         + [cols == j for j in range(1, nc)]).astype(np.float64)
    inter = np.column_stack([(rows == i) & (cols == j) for j in range(1, nc)
                             for i in range(1, nr)]).astype(np.float64)
    c = inter - x1 @ np.linalg.lstsq(x1, inter, rcond=None)[0]
    inv_d = np.diag(np.where(p > 0, 1 / np.where(p > 0, p, 1), 0.0))
    denom = c.T @ (inv_d / n) @ c
    numr = c.T @ inv_d @ v @ inv_d @ c
    delta = np.linalg.lstsq(denom, numr, rcond=None)[0]
    d0 = float(np.float64(np.trace(delta)) ** 2 / np.float64(np.trace(delta @ delta)))
    table = (p * n).reshape(nc, nr).T
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        pearson = float(np.nansum((table - expected) ** 2 / expected))
    f = float(np.float64(pearson) / np.float64(np.trace(delta)))
    if not (math.isfinite(f) and math.isfinite(d0) and nu > 0):
        return math.nan, d0, d0 * nu, math.nan
    return f, d0, d0 * nu, float(fdtrc(d0, d0 * nu, f))


def rao_scott_tests(
    prepared: Sequence[PreparedDataset], pairs: Sequence[tuple[str, str]]
) -> list[RaoScott]:
    """Each proportion outcome by each pair of variants of one survey (one-stage Taylor
    designs, or replicate weights)."""
    out = []
    for prep in prepared:
        if isinstance(prep.design, ReplicateDesign):
            out += _replicate_tests(prep, prep.design, pairs)
            continue
        if not isinstance(prep.design, TaylorDesign) or prep.design.ssu is not None:
            continue
        for a, b in pairs:
            if a not in prep.variants or b not in prep.variants:
                continue
            ia, ib = prep.variants.index(a), prep.variants.index(b)
            for o in prep.outcomes:
                if o.spec.kind != "proportion":
                    continue
                idx = np.flatnonzero(o.valid & np.isin(prep.variant_index, [ia, ib]))
                answer = (o.values[idx] > 0).astype(np.int64)
                column = (prep.variant_index[idx] == ib).astype(np.int64)
                if len(np.unique(answer)) < 2 or len(np.unique(column)) < 2:
                    continue
                f, ndf, ddf, p = rao_scott_f(answer, column, prep.weight[idx],
                                             prep.design.psu[idx], prep.design)
                out.append(RaoScott(o.spec.name, a, b, f, ndf, ddf, p))
    return out


def _replicate_tests(
    prep: PreparedDataset, design: ReplicateDesign, pairs: Sequence[tuple[str, str]],
) -> list[RaoScott]:
    """svychisq on a replicate design: the cell shares' covariance from the replicates,
    whose totals by variant were summed while the file was read (no second pass)."""
    assert prep.replicates is not None
    groups, keys = group_keys(prep)
    reps = prep.replicates.totals(groups, len(keys))  # (R, G, S)
    out = []
    for a, b in pairs:
        if a not in prep.variants or b not in prep.variants:
            continue
        ia, ib = prep.variants.index(a), prep.variants.index(b)
        for k, o in enumerate(prep.outcomes):
            if o.spec.kind != "proportion":
                continue
            rows = o.valid & np.isin(prep.variant_index, [ia, ib])
            cell = (o.values > 0).astype(np.int64) + 2 * (prep.variant_index == ib)
            full = np.bincount(cell[rows], weights=prep.weight[rows], minlength=4)
            if rows.sum() < 2 or (full > 0).sum() < 2:
                continue
            base = stat_base(k)
            shares = []
            for vi in (ia, ib):
                member = keys[:, 0] == vi
                valid = reps[:, member, base + STAT_VALID].sum(axis=1)
                yes = reps[:, member, base + STAT_Y].sum(axis=1)
                shares += [valid - yes, yes]
            counts = np.column_stack(shares)
            with np.errstate(invalid="ignore", divide="ignore"):
                r = counts / counts.sum(axis=1, keepdims=True)
            kept = ~np.isnan(r).any(axis=1)
            sub = dataclasses.replace(design, rscales=design.rscales[kept])
            p = full / full.sum()
            cov = replicate_vcov(r[kept], p, sub)
            with np.errstate(all="ignore"):
                f, ndf, ddf, pv = _rao_scott_from(p, cov, 2, 2, int(rows.sum()), design.degf)
            out.append(RaoScott(o.spec.name, a, b, f, ndf, ddf, pv))
    return out
