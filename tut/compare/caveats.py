"""Caveats about cells R's survey package would warn about or leave out silently."""

from __future__ import annotations

from collections.abc import Sequence

from tut.compare.cells import DatasetCells
from tut.compare.differences import Pool
from tut.compare.results import Domain


def domain_text(domain: Domain) -> str:
    """``sex=Female, age group=15-24``; ``all`` for the whole population."""
    return ", ".join(f"{name}={label}" for name, label in domain) or "all"


def dropped_replicates(cells: Sequence[DatasetCells], pool: Pool) -> list[str]:
    """Cells with no respondents under some replicate weights: R drops those replicates."""
    out = []
    for c in cells:
        if c.estimates.variance is None or not c.estimates.variance.any_dropped:
            continue
        assert c.estimates.variance.replicates is not None
        r = c.estimates.variance.replicates.shape[0]
        found = []
        for key in c.keys:
            i = pool.find(key.outcome, key.variant, key.domain, key.measure)
            if i is not None and key.measure == "value" and (k := pool.dropped(i)):
                found.append(f"{key.outcome} {key.variant} {domain_text(key.domain)} ({k})")
        if found:
            shown = "; ".join(found[:5]) + (f"; and {len(found) - 5} more" if len(found) > 5
                                             else "")
            out.append(f"{c.name}: {len(found)} estimates have no respondents under some of the "
                       f"{r} replicate weights; those replicates (how many in brackets) are "
                       f"left out of their SE and of the differences that use them, as R's "
                       f"survey does: {shown}")
    return out


def weightless(cells: Sequence[DatasetCells]) -> list[str]:
    """Cells whose respondents all have weight 0: no estimate, said rather than left out."""
    out = []
    for c in cells:
        found = [f"{key.outcome} {key.variant} {domain_text(key.domain)} ({int(c.n[i])})"
                 for i, key in enumerate(c.keys)
                 if key.measure == "value" and c.n[i] > 0 and c.estimates.den_total[i] == 0]
        if found:
            shown = "; ".join(found[:5]) + (f"; and {len(found) - 5} more" if len(found) > 5
                                             else "")
            out.append(f"{c.name}: {len(found)} domains have respondents (how many in brackets) "
                       f"whose weights are all 0, so they have no estimate: {shown}")
    return out
