"""Which estimates one dataset needs (outcome x variant x domain x measure), computed at once.

A *cell* is one ratio estimate. For each outcome, variant and domain tut estimates the
outcome itself (``value``); time outcomes add the participation rate and the mean among
participants; the whole population adds the item non-response rate. Domains are the
whole population, each category of each domain variable, and, when a gap is asked for,
each gap category crossed with each category of the other domain variables (so that the
gender gap can be read within, say, parents of children under 13).

All cells of a dataset share one pass over the data (:func:`tut.compare.estimate.group_totals`)
and one covariance matrix, so contrasts between any of them carry their design covariance.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import numpy as np

from tut.compare.columns import (
    STAT_ALL,
    STAT_MISS,
    STAT_PART,
    STAT_VALID,
    STAT_Y,
    STAT_Y2,
    row_statistics,
    stat_base,
)
from tut.compare.estimate import (
    RatioEstimates,
    Ratios,
    domain_totals,
    group_totals,
    ratio_estimates,
)
from tut.compare.prepare import PreparedDataset
from tut.compare.results import Domain

Measure = Literal["value", "participation", "participants", "nonresponse", "total"]


@dataclass(frozen=True)
class CellKey:
    """One ratio estimate of a dataset."""

    outcome: str
    variant: str
    domain: Domain
    measure: Measure


@dataclass(frozen=True)
class DatasetCells:
    """Every cell of one dataset with its estimate, covariance and counts."""

    name: str
    keys: tuple[CellKey, ...]
    estimates: RatioEstimates
    n: np.ndarray
    """(K,) unweighted rows in each cell's denominator."""
    second_moment: np.ndarray
    """(K,) weighted mean of the squared values (value cells; NaN elsewhere)."""
    n_positive: np.ndarray
    """(K,) rows with a positive weight in the denominator (for the design effect)."""
    degf: int

    def index(self) -> dict[CellKey, int]:
        return {k: i for i, k in enumerate(self.keys)}


def domain_cells(
    prepared: PreparedDataset, gap_domain: str | None
) -> list[tuple[Domain, dict[int, int]]]:
    """(domain labels, {domain position: category}) for every domain to estimate."""
    doms = prepared.domains
    out: list[tuple[Domain, dict[int, int]]] = [((), {})]
    for i, d in enumerate(doms):
        out.extend((((d.name, lab),), {i: j}) for j, lab in enumerate(d.labels))
    gi = next((i for i, d in enumerate(doms) if d.name == gap_domain), None)
    if gi is not None:
        for i, d in enumerate(doms):
            if i == gi:
                continue
            for j, lab in enumerate(d.labels):
                for gj, glab in enumerate(doms[gi].labels):
                    pairs = {gi: (doms[gi].name, glab), i: (d.name, lab)}
                    domain = tuple(pairs[k] for k in sorted(pairs))
                    out.append((domain, {gi: gj, i: j}))
    return out


CELL_LIMIT = 50_000_000
"""Most (estimates x groups) one dataset may need: the membership matrix is that many
float64 (400 MB). A respondent id used as a domain would need tens of GB."""


def cell_count(prepared: PreparedDataset, gap_domain: str | None) -> tuple[int, int]:
    """How many estimates and how many groups :func:`estimate_cells` would work with."""
    per_outcome = sum(4 if o.spec.is_time else 2 for o in prepared.outcomes)
    domains = len(domain_cells(prepared, gap_domain))
    k = len(prepared.variants) * (len(prepared.outcomes) + per_outcome * domains)
    _, keys = _groups(prepared)
    return k, len(keys)


def estimate_cells(prepared: PreparedDataset, gap_domain: str | None) -> DatasetCells:
    """Estimate every cell of one dataset with its design-based covariance."""
    groups, keys = _groups(prepared)
    n_groups = len(keys)
    stats = row_statistics(prepared.outcomes, prepared.n_rows)
    cells = list(_cells(prepared, gap_domain))
    members = np.zeros((len(cells), n_groups))
    num = np.empty(len(cells), dtype=np.int64)
    den = np.empty(len(cells), dtype=np.int64)
    second = np.full(len(cells), -1, dtype=np.int64)
    rows = np.empty(len(cells), dtype=np.int64)
    variant_of = {v: i for i, v in enumerate(prepared.variants)}
    outcome_of = {o.spec.name: i for i, o in enumerate(prepared.outcomes)}
    for k, (key, constraints) in enumerate(cells):
        mask = keys[:, 0] == variant_of[key.variant]
        for pos, level in constraints.items():
            mask &= keys[:, 1 + pos] == level
        members[k] = mask
        base = stat_base(outcome_of[key.outcome])
        num[k], den[k] = {
            "value": (base + STAT_Y, base + STAT_VALID),
            "participation": (base + STAT_PART, base + STAT_VALID),
            "participants": (base + STAT_Y, base + STAT_PART),
            "nonresponse": (base + STAT_MISS, STAT_ALL),
            "total": (base + STAT_Y, -1),
        }[key.measure]
        if key.measure == "value" and prepared.outcomes[outcome_of[key.outcome]].spec.kind \
                == "ratio":
            den[k] = base + STAT_PART  # the denominator's values (columns.row_statistics)
        rows[k] = base + STAT_VALID if key.measure in ("total", "value") else den[k]
        if key.measure == "value" and den[k] == base + STAT_VALID:
            second[k] = base + STAT_Y2
    reps = None
    if prepared.replicates is not None:
        reps = prepared.replicates.totals(groups, n_groups)
    totals = group_totals(stats, groups, n_groups, prepared.weight, prepared.design, reps)
    est = ratio_estimates(totals, Ratios(num=num, den=den, members=members, rows=rows),
                          prepared.design)
    counts = _count_totals(stats, groups, n_groups, None, rows)
    positive = _count_totals(stats, groups, n_groups, prepared.weight > 0, rows)
    has_second = second >= 0
    moment = np.full(len(cells), np.nan)
    if has_second.any():
        with np.errstate(invalid="ignore", divide="ignore"):
            moment[has_second] = (
                domain_totals(totals.full, second[has_second], members[has_second])
                / est.den_total[has_second]
            )
    return DatasetCells(
        name=prepared.spec.name,
        keys=tuple(key for key, _ in cells),
        estimates=est,
        n=np.rint(domain_totals(counts, rows, members)).astype(np.int64),
        second_moment=moment,
        n_positive=np.rint(domain_totals(positive, rows, members)).astype(np.int64),
        degf=prepared.design.degf,
    )


def _cells(
    prepared: PreparedDataset, gap_domain: str | None
) -> Iterator[tuple[CellKey, dict[int, int]]]:
    domains = domain_cells(prepared, gap_domain)
    for o in prepared.outcomes:
        name = o.spec.name
        for v in prepared.variants:
            yield CellKey(name, v, (), "nonresponse"), {}
            for domain, constraints in domains:
                yield CellKey(name, v, domain, "value"), constraints
                yield CellKey(name, v, domain, "total"), constraints
                if o.spec.is_time:
                    yield CellKey(name, v, domain, "participation"), constraints
                    yield CellKey(name, v, domain, "participants"), constraints


def group_keys(prepared: PreparedDataset) -> tuple[np.ndarray, np.ndarray]:
    """Row -> group and group -> (variant, domain categories), as the estimates use them."""
    return _groups(prepared)


def _groups(prepared: PreparedDataset) -> tuple[np.ndarray, np.ndarray]:
    """Finest cross of variant and domain categories: row -> group, group -> categories.

    Rows with no variant or no category go to an extra level of their own, so they stay
    in the design (domain estimation without subsetting) but in no domain.
    """
    parts = [np.where(prepared.variant_index < 0, len(prepared.variants), prepared.variant_index)]
    sizes = [len(prepared.variants) + 1]
    for d in prepared.domains:
        parts.append(np.where(d.index < 0, len(d.labels), d.index))
        sizes.append(len(d.labels) + 1)
    code = np.zeros(prepared.n_rows, dtype=np.int64)
    for part, size in zip(parts, sizes, strict=True):
        code = code * size + part
    uniq, groups = _unique_codes(code, math.prod(sizes))
    keys = np.empty((len(uniq), len(sizes)), dtype=np.int64)
    rest = uniq.copy()
    for j in range(len(sizes) - 1, -1, -1):
        keys[:, j] = rest % sizes[j]
        rest //= sizes[j]
    keys[:, 0] = np.where(keys[:, 0] == len(prepared.variants), -1, keys[:, 0])
    for j, d in enumerate(prepared.domains, start=1):
        keys[:, j] = np.where(keys[:, j] == len(d.labels), -1, keys[:, j])
    return groups.reshape(-1).astype(np.int64), keys


def _unique_codes(code: np.ndarray, space: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(code, return_inverse=True)``; by counting when the codes are few (no sort
    of a million rows: 30-100 ms less), the same arrays either way."""
    if space > max(len(code), 1 << 16):
        return np.unique(code, return_inverse=True)
    uniq = np.flatnonzero(np.bincount(code, minlength=space))
    position = np.zeros(space, dtype=np.int64)
    position[uniq] = np.arange(len(uniq))
    return uniq, position[code]


def _count_totals(
    stats: np.ndarray, groups: np.ndarray, n_groups: int, rows: np.ndarray | None,
    used: np.ndarray,
) -> np.ndarray:
    """(G, S) unweighted sums of the 0/1 statistics (counts of rows); only the ``used``
    columns are summed (the others, never read, stay 0)."""
    out = np.zeros((n_groups, stats.shape[1]))
    for j in np.unique(used).tolist():
        w = stats[:, j] if rows is None else stats[:, j] * rows
        out[:, j] = np.bincount(groups, weights=w, minlength=n_groups)
    return out
