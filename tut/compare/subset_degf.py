"""Degrees of freedom of a subset of a replicate design, as R's ``degf(subset(design, ...))``.

R's ``subset`` of a ``svrepdesign`` drops the other rows and recomputes ``degf`` as the rank
of the rows' replicate weights minus one (``qr(weights, tol = 1e-5)$rank - 1``). A domain
that misses whole PSUs (a school type found in few districts) has fewer. R's
``svyciprop``, ``svyquantile`` and ``svychisq`` use it for their t and F; ``confint`` of
``svyby`` is normal unless given ``df`` (tut's ``test: t`` gives the design's, as
``df = degf(design)``).

The replicate weights are read again, batch by batch, only until every subset shows full
rank (that of all the replicate weights, which may be below R) or has had all its rows seen.
A large subset is probed with 2R of its rows per batch, their Gram matrices summed (a lower
bound of the rank, exact once it is full); one that falls short of full rank is swept again
with all its rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np

from tut.compare.cells import CellKey
from tut.compare.design import ReplicateDesign, gram_rank
from tut.compare.prepare import PreparedDataset
from tut.compare.results import Domain

ReplicateBatches = Callable[[], Iterator[np.ndarray]]
"""Yields the replicate weights again, (R, rows) per batch, in file row order."""


def subset_degf(
    batches: ReplicateBatches, masks: Sequence[np.ndarray], n_replicates: int,
    design_rank: int | None = None,
) -> list[int]:
    """``degf(subset(design, mask))`` for each (n,) bool mask of rows; ``design_rank``:
    the rank of all the replicate weights (a subset has at most that)."""
    if not masks:
        return []
    unique: dict[bytes, int] = {}
    keys = []
    for m in masks:
        keys.append(unique.setdefault(np.packbits(m).tobytes(), len(unique)))
    firsts = {k: m for k, m in zip(keys, masks, strict=True)}
    target = n_replicates if design_rank is None else design_rank
    ranks = {k: _SubsetRank(n_replicates, target) for k in firsts}
    last = {k: int(np.flatnonzero(m)[-1]) if m.any() else -1 for k, m in firsts.items()}
    _sweep(batches, firsts, ranks, last, probe=True)
    again = {k: r for k, r in ranks.items() if not r.full and r.sampled}
    if again:  # a subset whose sampled rows fell short: its exact rank from all its rows
        for r in again.values():
            r.reset()
        _sweep(batches, firsts, again, last, probe=False)
    return [ranks[k].rank - 1 for k in keys]


def _sweep(batches: ReplicateBatches, masks: dict[int, np.ndarray],
           ranks: dict[int, _SubsetRank], last: dict[int, int], probe: bool) -> None:
    start = 0
    for weights_t in batches():
        end = start + weights_t.shape[1]
        for k, rank in ranks.items():
            if rank.full or last[k] < start:
                continue
            rows = np.flatnonzero(masks[k][start:end])
            if len(rows):
                rank.add(weights_t, rows, probe)
        start = end
        if all(r.full or last[k] < end for k, r in ranks.items()):
            break  # every rank full, or every row of a subset seen


class _SubsetRank:
    """The rank of one subset's replicate weights from the Gram matrix of its rows, or of
    2R rows of each batch (a lower bound; enough once it reaches the design's rank). The
    rank is measured only when it is asked for and could have changed."""

    def __init__(self, n_replicates: int, target: int) -> None:
        self.n = n_replicates
        self.target = target
        self.reset()

    def reset(self) -> None:
        self.gram = np.zeros((self.n, self.n))
        self.rows = 0
        self.sampled = False
        self._rank: int | None = 0

    @property
    def rank(self) -> int:
        if self._rank is None:
            self._rank = gram_rank(self.gram)
        return self._rank

    @property
    def full(self) -> bool:
        """Full rank; not measured before the rows added could reach it."""
        return self.rows >= self.target and self.rank >= self.target

    def add(self, weights_t: np.ndarray, rows: np.ndarray, probe: bool) -> None:
        """Add the subset's ``rows`` of a batch of replicate weights given as (R, rows)."""
        step = len(rows) // (2 * self.n)
        if probe and step > 1:
            rows = rows[::step]
            self.sampled = True
        part = weights_t[:, rows]
        self.gram += part @ part.T
        self.rows += len(rows)
        self._rank = None


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
    design = prepared.design
    return dict(zip(wanted, subset_degf(batches, masks, design.n_replicates, design.rank),
                    strict=True))
