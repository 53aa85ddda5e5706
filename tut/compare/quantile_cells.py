"""Attach the quantiles a spec asks for to the estimates of each variant and domain."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from tut.compare.cells import domain_cells
from tut.compare.design import TaylorDesign
from tut.compare.model import ComparisonSpec
from tut.compare.prepare import PreparedDataset
from tut.compare.quantiles import Quantile, cell_quantiles
from tut.compare.results import Domain, Estimate


def with_quantiles(
    spec: ComparisonSpec,
    prepared: Sequence[PreparedDataset],
    estimates: list[Estimate],
    gap_domain: str | None,
    level: float,
) -> list[Estimate]:
    """The estimates, those of outcomes with ``quantiles`` carrying them."""
    found: dict[tuple[str, str, str, Domain], tuple[Quantile, ...]] = {}
    for p in prepared:
        wanted = [o for o in p.outcomes if o.spec.quantiles]
        if not wanted:
            continue
        if not isinstance(p.design, TaylorDesign) or p.design.ssu is not None:
            first = wanted[0].spec
            raise spec.error(f"{first.pointer}/quantiles",
                             f"outcome {first.name!r}: quantiles are estimated with Taylor designs "
                             "(strata and PSUs, one stage) only so far",
                             "remove quantiles, or give the design's strata and psu")
        domains = domain_cells(p, gap_domain)
        for o in wanted:
            for vi, v in enumerate(p.variants):
                base = o.valid & (p.variant_index == vi)
                for domain, constraints in domains:
                    rows = base.copy()
                    for pos, level_index in constraints.items():
                        rows &= p.domains[pos].index == level_index
                    if not rows.any():
                        continue
                    found[(p.spec.name, o.spec.name, v, tuple(sorted(domain)))] = cell_quantiles(
                        o.values, p.weight, rows, p.design, o.spec.quantiles, level)
    if not found:
        return estimates
    out = []
    for e in estimates:
        q = found.get((e.dataset, e.outcome, e.variant, tuple(sorted(e.domain))))
        out.append(dataclasses.replace(e, quantiles=q) if q else e)
    return out
