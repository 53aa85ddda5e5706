"""Degrees of freedom of a subset of a replicate design, as R's ``degf(subset(design, ...))``.

R's ``subset`` of a ``svrepdesign`` drops the other rows and recomputes ``degf`` as the rank
of the rows' replicate weights minus one (``qr(weights, tol = 1e-5)$rank - 1``). A domain
that misses whole PSUs (a school type found in few districts) has fewer. R's
``svyciprop``, ``svyquantile`` and ``svychisq`` use it for their t and F; ``confint`` of
``svyby`` is normal unless given ``df`` (tut's ``test: t`` gives the design's, as
``df = degf(design)``).

All the subsets that one dataset's estimates need (proportions' intervals, quantiles,
Rao-Scott tests) are measured together, in one pass over the replicate weights (from
memory, or read once more from the file), into a :class:`DomainDegf` that every estimate
looks its subset up in. The pass stops early once every subset shows full rank (that of
all the replicate weights, which may be below R) or has had all its rows seen; each
subset's rank is a :class:`~tut.compare.design.ReplicateRank` of its rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from tut.compare.cells import CellKey
from tut.compare.design import ReplicateDesign, ReplicateRank
from tut.compare.prepare import PreparedDataset
from tut.compare.results import Domain

ReplicateBatches = Callable[[], Iterator[np.ndarray]]
"""Yields the replicate weights again, (R, rows) per batch, in file row order."""


@dataclass(frozen=True)
class DomainDegf:
    """``degf(subset(design, rows))`` of each subset of one dataset's rows, measured once."""

    by_rows: dict[bytes, int]

    @classmethod
    def measure(cls, batches: ReplicateBatches, masks: Iterable[np.ndarray],
                design: ReplicateDesign) -> DomainDegf:
        """The degrees of freedom of every subset ``masks``, in one pass over the weights."""
        return cls(subset_degf(batches, masks, design.n_replicates, design.rank))

    def of(self, rows: np.ndarray) -> int:
        """The degrees of freedom of the subset ``rows`` ((n,) bool), which was measured."""
        return self.by_rows[_key(rows)]


HELD_ROWS = 1 << 17
"""Rows of replicate weights held back (copied; two batches) for subsets whose probe may yet
show full rank: the Gram matrices of a batch's rows are summed only once the next two
batches' probes have not shown it (sorted SDR rows: a first batch of rank 106 of 160, full
with the next one or two)."""


def subset_degf(
    batches: ReplicateBatches, masks: Iterable[np.ndarray], n_replicates: int,
    design_rank: int | None = None,
) -> dict[bytes, int]:
    """``degf(subset(design, mask))`` of each (n,) bool mask of rows, by :func:`_key`;
    ``design_rank``: the rank of all the replicate weights (a subset has at most that).
    The weights are read once, and not at all when there is no mask."""
    firsts: dict[bytes, np.ndarray] = {}
    for m in masks:
        firsts.setdefault(_key(m), m)
    if not firsts:
        return {}
    target = n_replicates if design_rank is None else design_rank
    ranks = {k: ReplicateRank(n_replicates, target) for k in firsts}
    last = {k: int(np.flatnonzero(m)[-1]) if m.any() else -1 for k, m in firsts.items()}
    held: deque[_Held] = deque()
    start = 0
    for weights_t in batches():
        end = start + weights_t.shape[1]
        short = {}
        for k, rank in ranks.items():
            if rank.full or last[k] < start:
                continue
            rows = np.flatnonzero(firsts[k][start:end])
            if not len(rows):
                continue
            if rank.probes is None and len(rows) < 4 * n_replicates:
                rank.include(weights_t, rows)  # too few to probe: a cheap Gram matrix
            elif not rank.probe(weights_t, rows):
                short[k] = rows
        if short:
            while held and sum(h.size for h in held) + weights_t.shape[1] > HELD_ROWS:
                held.popleft().include(ranks)
            held.append(_Held.of(weights_t, short))
        start = end
        if all(r.full or last[k] < end for k, r in ranks.items()):
            break  # every rank full, or every row of a subset seen
    for h in held:
        h.include(ranks)
    return {k: r.rank - 1 for k, r in ranks.items()}


@dataclass(frozen=True)
class _Held:
    """A batch's rows of the subsets its probe left short of full rank, kept for later."""

    weights_t: np.ndarray
    """(R, rows) copy: the batches' buffer is reused."""
    rows: dict[bytes, np.ndarray]
    """Subset -> its columns of ``weights_t``."""

    @classmethod
    def of(cls, weights_t: np.ndarray, short: dict[bytes, np.ndarray]) -> _Held:
        union = np.zeros(weights_t.shape[1], dtype=bool)
        for rows in short.values():
            union[rows] = True
        if 2 * union.sum() > len(union):  # most of the batch: one plain copy is quicker
            return cls(weights_t.copy(), short)
        position = np.cumsum(union) - 1
        return cls(weights_t[:, union], {k: position[rows] for k, rows in short.items()})

    @property
    def size(self) -> int:
        return self.weights_t.shape[1]

    def include(self, ranks: dict[bytes, ReplicateRank]) -> None:
        """Sum the rows into the Gram matrices of the subsets still short of full rank."""
        for k, rows in self.rows.items():
            if not ranks[k].full:
                ranks[k].include(self.weights_t, rows)


def _key(mask: np.ndarray) -> bytes:
    return np.packbits(mask).tobytes()


def domain_rows(prepared: PreparedDataset, variant: str, domain: Domain) -> np.ndarray:
    """(n,) bool: the rows given ``variant`` in the domain category (answered or not, as
    R's ``subset(design, variant == v & domain == d)``)."""
    rows = prepared.variant_index == prepared.variants.index(variant)
    by_name = {d.name: d for d in prepared.domains}
    for name, label in domain:
        d = by_name[name]
        rows &= d.index == d.labels.index(label)
    return rows


def proportion_rows(prepared: PreparedDataset, keys: Sequence[CellKey]) -> dict[int, np.ndarray]:
    """Cell position -> rows of its subset, for the proportions' cells (their svyciprop
    intervals take its degrees of freedom)."""
    kinds = {o.spec.name: o.spec.kind for o in prepared.outcomes}
    return {i: domain_rows(prepared, k.variant, k.domain) for i, k in enumerate(keys)
            if k.measure == "value" and kinds.get(k.outcome) == "proportion"}


def proportion_degf(
    prepared: PreparedDataset, keys: Sequence[CellKey], degf: DomainDegf | None
) -> dict[int, int]:
    """Cell position -> ``degf`` of its subset, for the proportions of a replicate design;
    empty for Taylor designs, whose cells carry it."""
    if degf is None:
        return {}
    return {i: degf.of(rows) for i, rows in proportion_rows(prepared, keys).items()}
