"""Degrees of freedom of a subset of a replicate design, as R's ``degf(subset(design, ...))``.

R's ``subset`` of a ``svrepdesign`` drops the other rows and recomputes ``degf`` as the rank
of the rows' replicate weights minus one (``qr(weights, tol = 1e-5)$rank - 1``). A domain
that misses whole PSUs (a school type found in few districts) has fewer. R's
``svyciprop``, ``svyquantile`` and ``svychisq`` use it for their t and F; ``confint`` of
``svyby`` is normal unless given ``df`` (tut's ``test: t`` gives the design's, as
``df = degf(design)``).

The replicate weights are read again, batch by batch, only until every subset shows full
rank (:class:`tut.compare.design.ReplicateRank` probes 2R rows of each batch): usually the
first batch; a rank-deficient subset is read to the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np

from tut.compare.design import ReplicateRank

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
    start = 0
    for weights_t in batches():
        end = start + weights_t.shape[1]
        for k, rank in ranks.items():
            if rank.full:
                continue
            rows = np.flatnonzero(firsts[k][start:end])
            if len(rows):
                rank.add(weights_t[:, rows])
        start = end
        if all(r.full for r in ranks.values()):
            break
    return [ranks[k].rank - 1 for k in keys]
