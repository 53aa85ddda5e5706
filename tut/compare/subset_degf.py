"""Degrees of freedom of a subset of a replicate design, as R's ``degf(subset(design, ...))``.

R's ``subset`` of a ``svrepdesign`` drops the other rows and recomputes ``degf`` as the rank
of the rows' replicate weights minus one (``qr(weights, tol = 1e-5)$rank - 1``). A domain
that misses whole PSUs (a school type found in few districts) has fewer. R's
``svyciprop``, ``svyquantile`` and ``svychisq`` use it for their t and F; ``confint`` of
``svyby`` is normal unless given ``df`` (tut's ``test: t`` gives the design's, as
``df = degf(design)``).

The replicate weights are read again, batch by batch, only until every subset shows full
rank (:class:`tut.compare.design.ReplicateRank` probes 2R rows of each batch) or has had all
its rows seen: usually the first batch; a rank-deficient subset is read to its last row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np

from tut.compare.cells import CellKey
from tut.compare.design import ReplicateDesign, ReplicateRank
from tut.compare.prepare import PreparedDataset
from tut.compare.results import Domain

ReplicateBatches = Callable[[], Iterator[np.ndarray]]
"""Yields the replicate weights again, (R, rows) per batch, in file row order."""


def subset_degf(
    batches: ReplicateBatches, masks: Sequence[np.ndarray], n_replicates: int
) -> list[int]:
    """``degf(subset(design, mask))`` for each (n,) bool mask of rows."""
    unique: dict[bytes, int] = {}
    keys = []
    for m in masks:
        keys.append(unique.setdefault(np.packbits(m).tobytes(), len(unique)))
    firsts = {k: m for k, m in zip(keys, masks, strict=True)}
    ranks = {k: ReplicateRank(n_replicates) for k in firsts}
    last = {k: int(np.flatnonzero(m)[-1]) if m.any() else -1 for k, m in firsts.items()}
    start = 0
    for weights_t in batches():
        end = start + weights_t.shape[1]
        for k, rank in ranks.items():
            if rank.full or last[k] < start:
                continue
            rows = np.flatnonzero(firsts[k][start:end])
            if len(rows):
                rank.add(weights_t[:, rows])
        start = end
        if all(r.full or last[k] < end for k, r in ranks.items()):
            break  # every rank full, or every row of a subset seen
    return [ranks[k].rank - 1 for k in keys]


def domain_rows(prepared: PreparedDataset, variant: str, domain: Domain) -> np.ndarray:
    """(n,) bool: the rows given ``variant`` in the domain category (answered or not, as
    R's ``subset(design, variant == v & domain == d)``)."""
    rows = prepared.variant_index == prepared.variants.index(variant)
    by_name = {d.name: d for d in prepared.domains}
    for name, label in domain:
        d = by_name[name]
        rows &= d.index == d.labels.index(label)
    return rows


def proportion_degf(
    prepared: PreparedDataset, keys: Sequence[CellKey], batches: ReplicateBatches | None
) -> dict[int, int]:
    """Cell position -> ``degf`` of its subset, for the proportions of a replicate design
    (their svyciprop intervals use it); empty for Taylor designs, whose cells carry it."""
    if not isinstance(prepared.design, ReplicateDesign) or batches is None:
        return {}
    kinds = {o.spec.name: o.spec.kind for o in prepared.outcomes}
    wanted = [i for i, k in enumerate(keys)
              if k.measure == "value" and kinds.get(k.outcome) == "proportion"]
    masks = [domain_rows(prepared, keys[i].variant, keys[i].domain) for i in wanted]
    return dict(zip(wanted, subset_degf(batches, masks, prepared.design.n_replicates),
                    strict=True))
