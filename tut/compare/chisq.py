"""Rao-Scott test of a categorical answer by wording, as R's ``svychisq`` (its default F).

Pearson's X^2 of the weighted table (scaled to the number of respondents) divided by the
mean generalised design effect ``tr(Delta)``, referred to F with ``d0 = tr(Delta)^2 /
tr(Delta^2)`` and ``d0 * nu`` degrees of freedom, nu as R's ``degf`` of the rows tested
(PSUs minus strata; with replicate weights the rank of their replicate weights minus one).

A proportion's answer has two categories (meets it or not); an outcome with
``categorical: true`` has its codes. Each pair of variants of one survey gives an R x 2
table, and a survey with more than two variants an R x C table of all of them; each is
tested in the whole population and in each category of each domain: the respondents with
an answer given one of those variants (R: ``svychisq(~answer + variant, subset(design,
!is.na(answer) & variant %in% c(a, b) & domain))``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tut.compare.cells import domain_cells, group_keys
from tut.compare.columns import STAT_VALID, STAT_Y, PreparedOutcome, stat_base
from tut.compare.design import ReplicateDesign, TaylorDesign, replicate_vcov, two_stage_vcov
from tut.compare.model import ComparisonSpec
from tut.compare.prepare import PreparedDataset
from tut.compare.results import Domain
from tut.compare.subset_degf import DomainDegf, ReplicateBatches
from tut.compare.variance import average_factor

MAX_CATEGORIES = 50
"""More codes than this is no categorical answer (minutes, an id)."""


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
    domain: Domain = ()
    """``()`` for the whole population, else the domain category tested."""
    categories: int = 2
    """Answer categories among the rows tested (the table is categories x variants)."""
    variants: tuple[str, ...] = ()
    """The variants tested: (a, b) for a pair; every variant of a survey that has more than
    two (then a and b are empty)."""

    def to_dict(self) -> dict[str, Any]:
        def num(x: float) -> float | None:
            return x if math.isfinite(x) else None

        pair = {"a": self.a, "b": self.b} if self.a else {}
        return {"outcome": self.outcome, **pair, "variants": list(self.variants),
                "domain": dict(self.domain), "categories": self.categories, "F": num(self.f),
                "ndf": num(self.ndf), "ddf": num(self.ddf), "p": num(self.p)}


@dataclass(frozen=True)
class RaoScottTable:
    """One test: its rows, answer codes 0..r-1 and variant column 0..c-1 on those rows."""

    outcome: str
    variants: tuple[str, ...]
    """The columns' variants; a pair is (a, b)."""
    pair: bool
    domain: Domain
    constraints: dict[int, int]
    rows: np.ndarray
    """(n,) bool."""
    answer: np.ndarray
    column: np.ndarray
    categories: int
    outcome_index: int

    @property
    def columns(self) -> int:
        return len(self.variants)

    @property
    def cells(self) -> np.ndarray:
        """Cell of each row, rows varying fastest (as R's interaction() and expand.grid)."""
        return self.answer + self.categories * self.column

    def result(self, f: float, ndf: float, ddf: float, p: float) -> RaoScott:
        a, b = (self.variants[0], self.variants[1]) if self.pair else ("", "")
        return RaoScott(self.outcome, a, b, f, ndf, ddf, p, self.domain, self.categories,
                        self.variants)


def rao_scott_tests(
    prepared: Sequence[PreparedDataset], replicate_batches: Sequence[ReplicateBatches | None],
    degf: Sequence[DomainDegf | None], tables: Sequence[list[RaoScottTable]],
) -> list[RaoScott]:
    """Each proportion and categorical outcome by each pair of variants of one survey (and
    by all of them when it has more than two), in the whole population and each domain
    category (Taylor designs, one or two stages, and replicate weights). Per dataset:
    ``tables``, its :func:`rao_scott_tables`; ``degf``, its subset degrees of freedom
    (the rows of those tables among them; set where it has replicate batches)."""
    out = []
    for prep, batches, measured, found in zip(prepared, replicate_batches, degf, tables,
                                              strict=True):
        if not found:
            continue
        if isinstance(prep.design, TaylorDesign):
            out += [_taylor_test(t, prep, prep.design) for t in found]
        elif isinstance(prep.design, ReplicateDesign) and batches is not None:
            assert measured is not None
            out += _replicate_tests(prep, prep.design, found, batches, measured)
    return out


def rao_scott_tables(
    spec: ComparisonSpec, prep: PreparedDataset, pairs: Sequence[tuple[str, str]]
) -> list[RaoScottTable]:
    """The tables to test in one dataset (their rows: the subsets whose degf they take)."""
    groups: list[tuple[str, ...]] = [(a, b) for a, b in pairs
                                     if a in prep.variants and b in prep.variants]
    if len(prep.variants) > 2:
        groups.append(tuple(prep.variants))
    out = []
    cells = domain_cells(prep, None)
    for group in groups:
        position = np.full(len(prep.variants) + 1, -1, dtype=np.int64)  # -1: no variant
        for j, v in enumerate(group):
            position[prep.variants.index(v)] = j
        in_group = position[prep.variant_index] >= 0
        for k, o in enumerate(prep.outcomes):
            if o.spec.kind != "proportion" and not o.spec.categorical:
                continue
            if o.spec.category is not None:
                continue  # one category's share: its outcome's table tests them all
            codes = _codes(spec, prep, o)
            for domain, constraints in cells:
                rows = o.valid & in_group
                for pos, j in constraints.items():
                    rows &= prep.domains[pos].index == j
                idx = np.flatnonzero(rows)
                present, answer = np.unique(codes[idx], return_inverse=True)
                used, column = np.unique(position[prep.variant_index[idx]], return_inverse=True)
                if len(present) < 2 or len(used) < 2:
                    continue  # nothing to test (R: a table with one row or column)
                if len(group) > 2 and len(used) == 2:
                    continue  # two variants in this domain: the pair's test is the same
                out.append(RaoScottTable(
                    o.spec.name, tuple(group[j] for j in used), len(group) == 2, domain,
                    constraints, rows, answer.reshape(-1).astype(np.int64),
                    column.reshape(-1).astype(np.int64), len(present), k))
    return out


def _codes(spec: ComparisonSpec, prep: PreparedDataset, o: PreparedOutcome) -> np.ndarray:
    """The answer's category of each row: meets the proportion or not, or the codes."""
    if o.spec.kind == "proportion":
        return (o.values > 0).astype(np.float64)
    values = o.values[o.valid]
    distinct = np.unique(values)
    if len(distinct) > MAX_CATEGORIES:
        raise spec.error(f"{o.spec.pointer}/categorical",
                         f"outcome {o.spec.name!r}: {o.spec.variable} has {len(distinct):,} "
                         f"distinct answers in {prep.spec.file.name}, too many categories for "
                         "a Rao-Scott test", f"categorical is for at most {MAX_CATEGORIES} codes "
                         "(group them first), or remove it")
    return o.values


def _taylor_test(t: RaoScottTable, prep: PreparedDataset, design: TaylorDesign) -> RaoScott:
    """svychisq on a Taylor design: the cell shares' covariance from their unit scores
    (two stages as R's multistage), nu from the PSUs and strata with rows tested."""
    idx = np.flatnonzero(t.rows)
    k = t.categories * t.columns
    cell = t.cells
    w = prep.weight[idx]
    total = float(w.sum())
    p = np.bincount(cell, weights=w, minlength=k) / total
    units = design.units[idx]
    share = w / total
    by_unit = np.bincount(units * k + cell, weights=share, minlength=design.n_units * k)
    scores = by_unit.reshape(design.n_units, k) - np.outer(
        np.bincount(units, weights=share, minlength=design.n_units), p)
    psus = np.unique(design.psu[idx])
    strata = np.unique(design.psu_stratum[psus])
    with np.errstate(all="ignore"):  # no spread (SE 0): F undefined, shown as NaN
        v = two_stage_vcov(scores, design)
        lonely = design.psus_per_stratum == 1
        if design.lonely_psu == "average" and lonely.any():
            present = np.zeros(design.n_strata, dtype=bool)
            present[strata] = True
            v = v * (average_factor(lonely, present) / average_factor(lonely, None))
        f, ndf, ddf, pv = _rao_scott_from(p, v, t.categories, t.columns, len(idx),
                                          len(psus) - len(strata))
    return t.result(f, ndf, ddf, pv)


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
    if not (math.isfinite(f) and math.isfinite(d0)):
        return math.nan, d0, d0 * nu, math.nan
    if nu <= 0:  # no degrees of freedom (a domain in one PSU per stratum): R's p is NaN
        return f, d0, d0 * nu, math.nan
    return f, d0, d0 * nu, float(fdtrc(d0, d0 * nu, f))


def _replicate_tests(
    prep: PreparedDataset, design: ReplicateDesign, tables: list[RaoScottTable],
    batches: ReplicateBatches, degf: DomainDegf,
) -> list[RaoScott]:
    """svychisq on a replicate design: the cell shares' covariance from the replicates (a
    proportion's from the totals summed while the file was read; a categorical answer's
    from one more pass over the replicate weights), nu from the rank of the replicate
    weights of the rows tested (R's ``degf`` of the subset)."""
    streamed = [t for t in tables if t.categories == 2 and
                prep.outcomes[t.outcome_index].spec.kind == "proportion"]
    counts = dict(zip(map(id, streamed), _streamed_counts(prep, streamed), strict=True))
    rest = [t for t in tables if id(t) not in counts]
    counts.update(zip(map(id, rest), _second_pass_counts(prep, rest, batches,
                                                         design.n_replicates), strict=True))
    out = []
    for t in tables:
        nu = degf.of(t.rows)
        idx = np.flatnonzero(t.rows)
        full = np.bincount(t.cells, weights=prep.weight[idx],
                           minlength=t.categories * t.columns)
        reps = counts[id(t)]
        with np.errstate(invalid="ignore", divide="ignore"):
            r = reps / reps.sum(axis=1, keepdims=True)
        kept = ~np.isnan(r).any(axis=1)  # svrVar drops the replicates where a share is 0/0
        sub = dataclasses.replace(design, rscales=design.rscales[kept])
        p = full / full.sum()
        with np.errstate(all="ignore"):
            f, ndf, ddf, pv = _rao_scott_from(p, replicate_vcov(r[kept], p, sub),
                                              t.categories, t.columns, len(idx), nu)
        out.append(t.result(f, ndf, ddf, pv))
    return out


def _streamed_counts(prep: PreparedDataset, tables: list[RaoScottTable]) -> list[np.ndarray]:
    """(R, 2 x variants) replicate totals of a proportion's table from the totals by variant
    and domain categories summed while the file was read (no second pass)."""
    if not tables:
        return []
    assert prep.replicates is not None
    groups, keys = group_keys(prep)
    reps = prep.replicates.totals(groups, len(keys))  # (R, G, S)
    out = []
    for t in tables:
        base = stat_base(t.outcome_index)
        inside = np.ones(len(keys), dtype=bool)
        for pos, j in t.constraints.items():
            inside &= keys[:, 1 + pos] == j
        shares = []
        for v in t.variants:
            member = inside & (keys[:, 0] == prep.variants.index(v))
            valid = reps[:, member, base + STAT_VALID].sum(axis=1)
            yes = reps[:, member, base + STAT_Y].sum(axis=1)
            shares += [valid - yes, yes]
        out.append(np.column_stack(shares))
    return out


def _second_pass_counts(
    prep: PreparedDataset, tables: list[RaoScottTable], batches: ReplicateBatches, n_replicates: int
) -> list[np.ndarray]:
    """(R, categories x variants) replicate totals of each table's cells, from the
    replicate weights read once more (each batch's cell indicators built for that batch
    only)."""
    if not tables:
        return []
    cells = [(np.flatnonzero(t.rows), t.cells) for t in tables]
    widths = [t.categories * t.columns for t in tables]
    offsets = np.concatenate([[0], np.cumsum(widths)])
    sums = np.zeros((n_replicates, int(offsets[-1])))
    start = 0
    for weights_t in batches():
        end = start + weights_t.shape[1]
        stats = np.zeros((end - start, int(offsets[-1])))
        for (idx, cell), lo in zip(cells, offsets, strict=False):
            a, b = np.searchsorted(idx, [start, end])
            stats[idx[a:b] - start, lo + cell[a:b]] = 1.0
        sums += weights_t @ stats
        start = end
    return [sums[:, lo:hi] for lo, hi in zip(offsets[:-1], offsets[1:], strict=True)]
