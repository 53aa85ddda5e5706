"""Attach the quantiles a spec asks for to the estimates of each variant and domain.

Taylor designs: each cell's Woodruff interval from its PSU scores. Replicate designs: the
estimates first, then one more pass over the replicate weights (``replicate_batches``)
that sums, per cell, the replicate-weighted share at or below each estimate; the t takes
the cell's subset degrees of freedom, measured once for every estimate of the dataset
(:class:`~tut.compare.subset_degf.DomainDegf`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from tut.compare.cells import domain_cells
from tut.compare.columns import PreparedOutcome
from tut.compare.design import ReplicateDesign, TaylorDesign, replicate_vcov
from tut.compare.model import ComparisonSpec
from tut.compare.prepare import PreparedDataset
from tut.compare.quantiles import Quantile, cell_quantiles, qrule_math, sorted_cell, woodruff
from tut.compare.results import Domain, Estimate
from tut.compare.subset_degf import DomainDegf, ReplicateBatches, domain_rows

Key = tuple[str, str, str, Domain]
Cell = tuple[Key, PreparedOutcome, np.ndarray]
"""(dataset, outcome, variant, domain), the outcome, and the cell's answered rows."""


def with_quantiles(
    spec: ComparisonSpec,
    prepared: Sequence[PreparedDataset],
    estimates: list[Estimate],
    gap_domain: str | None,
    ci_level: float,
    replicate_batches: Sequence[ReplicateBatches | None],
    degf: Sequence[DomainDegf | None],
) -> list[Estimate]:
    """The estimates, those of outcomes with ``quantiles`` carrying them; ``degf``: each
    dataset's subset degrees of freedom (:func:`quantile_rows` among them; set where it has
    replicate batches)."""
    found: dict[Key, tuple[Quantile, ...]] = {}
    for p, batches, measured in zip(prepared, replicate_batches, degf, strict=True):
        wanted = [o for o in p.outcomes if o.spec.quantiles]
        if not wanted:
            continue
        design = p.design
        if isinstance(design, ReplicateDesign) and batches is None:
            first = wanted[0].spec
            raise spec.error(f"{first.pointer}/quantiles",
                             f"outcome {first.name!r}: quantiles need the replicate weights "
                             "read again, which this dataset cannot", "remove quantiles")
        cells = _cells(p, gap_domain)
        if isinstance(design, TaylorDesign):
            for key, o, rows in cells:
                found[key] = cell_quantiles(o.values, p.weight, rows, design,
                                            o.spec.quantiles, ci_level)
        else:
            assert batches is not None and measured is not None
            found.update(_replicate_quantiles(p, design, cells, batches, measured, ci_level))
    if not found:
        return estimates
    out = []
    for e in estimates:
        q = found.get((e.dataset, e.outcome, e.variant, tuple(sorted(e.domain))))
        out.append(dataclasses.replace(e, quantiles=q) if q else e)
    return out


def quantile_rows(p: PreparedDataset, gap_domain: str | None) -> list[np.ndarray]:
    """The subsets whose degrees of freedom the quantiles' t take (R's ``subset(design,
    variant == v & domain == d)``: answered or not)."""
    return [domain_rows(p, key[2], key[3]) for key, _o, _rows in _cells(p, gap_domain)]


def _cells(p: PreparedDataset, gap_domain: str | None) -> list[Cell]:
    """Each variant and domain category, with answers, of each outcome with quantiles."""
    cells = []
    for o in p.outcomes:
        if not o.spec.quantiles:
            continue
        for vi, v in enumerate(p.variants):
            base = o.valid & (p.variant_index == vi)
            for domain, constraints in domain_cells(p, gap_domain):
                rows = base.copy()
                for pos, level_index in constraints.items():
                    rows &= p.domains[pos].index == level_index
                if rows.any():
                    cells.append(((p.spec.name, o.spec.name, v, tuple(sorted(domain))), o, rows))
    return cells


def _replicate_quantiles(
    p: PreparedDataset, design: ReplicateDesign, cells: list[Cell], batches: ReplicateBatches,
    degf: DomainDegf, ci_level: float,
) -> dict[Key, tuple[Quantile, ...]]:
    """Woodruff intervals with the share's variance from a second pass over the replicates."""
    columns = []  # (n,) per column: cell membership, then membership at or below each q
    sorted_cells = []
    for _key, o, rows in cells:
        idx, x, xs, total, cumw = sorted_cell(o.values, p.weight, rows)
        qs = [qrule_math(xs, cumw, total, q) for q in o.spec.quantiles]
        sorted_cells.append((xs, total, cumw, qs, idx, x))
        columns.append(rows.astype(np.float64))
        columns += [(rows & (o.values <= q)).astype(np.float64) for q in qs]
    stats = np.column_stack(columns)
    sums = np.zeros((design.n_replicates, stats.shape[1]))
    start = 0
    for weights_t in batches():
        end = start + weights_t.shape[1]
        sums += weights_t @ stats[start:end]
        start = end
    full = p.weight @ stats
    out: dict[Key, tuple[Quantile, ...]] = {}
    col = 0
    for (key, o, _rows), (xs, total, cumw, qs, _idx, _x) in zip(cells, sorted_cells,
                                                                 strict=True):
        df = degf.of(domain_rows(p, key[2], key[3]))
        den_r, den = sums[:, col], full[col]
        found = []
        for j, (pq, q) in enumerate(zip(o.spec.quantiles, qs, strict=True)):
            with np.errstate(invalid="ignore", divide="ignore"):
                share_r = sums[:, col + 1 + j] / den_r
            share = full[col + 1 + j] / den
            kept = ~np.isnan(share_r)
            sub = dataclasses.replace(design, rscales=design.rscales[kept])
            var = float(replicate_vcov(share_r[kept, None], np.array([share]), sub)[0, 0])
            found.append(woodruff(xs, cumw, total, pq, q, share, var, float(df), ci_level))
        out[key] = tuple(found)
        col += 1 + len(qs)
    return out
