"""Replicate-weighted totals, accumulated batch by batch while a file is read."""

from __future__ import annotations

import numpy as np
import polars as pl

from tut.compare.checks import (
    WEIGHT_TOO_LARGE_FIX,
    check_replicate_batch,
    check_replicate_columns,
    replicate_pointer,
)
from tut.compare.columns import (
    STAT_ALL,
    STAT_Y2,
    STATS_PER_OUTCOME,
    ColumnPlan,
    factorize_small,
    prepare_outcome,
    row_statistics,
    small_codes,
    stat_base,
    too_large,
)
from tut.compare.design import ReplicateRank
from tut.compare.estimate import add_replicate_totals
from tut.compare.spec import ComparisonSpec, DatasetSpec, ReplicateSpec
from tut.microdata.codebook import Codebook


class ReplicateStream:
    """Replicate-weighted totals, accumulated batch by batch while a file is read.

    Rows are keyed by the raw values of the ballot and domain variables (the final groups
    are only known once every row has been seen); :meth:`totals` regroups the keys. Each
    batch's replicate weights are checked (empty or negative) and then dropped, so 160
    replicate weights of a large file are never all in memory.
    """

    def __init__(
        self, spec: ComparisonSpec, ds: DatasetSpec, book: Codebook, plan: ColumnPlan
    ) -> None:
        self.spec, self.ds, self.book, self.plan = spec, ds, book, plan
        keys = [ds.variant.variable] if ds.variant.variable else []
        keys += [d.variable for d in ds.domains]
        self.key_columns = list(dict.fromkeys(keys))
        self.rows = 0
        self._ids: list[dict[object, int]] = [{} for _ in self.key_columns]
        self._fine: dict[tuple[int, ...], int] = {}
        self._first_row: list[int] = []
        self.n_stats = 1 + STATS_PER_OUTCOME * len(ds.outcomes)
        # squares only serve the design effect, which uses the full-sample weight
        squares = {stat_base(i) + STAT_Y2 for i in range(len(ds.outcomes))}
        self._columns = np.array([j for j in range(self.n_stats) if j not in squares])
        self._sums = np.zeros((16, len(plan.replicate_columns), len(self._columns)))
        self._rank = ReplicateRank(len(plan.replicate_columns))
        self._buffer = np.empty((0, 0))
        self._nonzero = np.zeros(len(plan.replicate_columns), dtype=bool)

    def add(self, batch: pl.DataFrame) -> None:
        """Add a batch of rows (with the replicate, ballot, domain and outcome columns)."""
        n = batch.height
        if n == 0:
            return
        weights_t = self.weights(batch)
        self._nonzero |= check_replicate_batch(self.spec, self.ds, self.plan.replicate_columns,
                                               weights_t, self.rows)
        outcomes = [prepare_outcome(self.spec, self.ds, o, self.book, batch, self.rows)
                    for o in self.ds.outcomes]
        with np.errstate(over="ignore", invalid="ignore"):  # overflow: refused by check()
            self._rank.add(weights_t)
            stats = row_statistics(outcomes, n)[:, self._columns]
            keys = self._keys(batch)
            add_replicate_totals(self._sums, weights_t, stats, keys)
        self.rows += n

    def check(self, weight: np.ndarray) -> None:
        """After the last batch: no replicate weight is zero in every row, and no
        replicate-weighted total overflowed."""
        check_replicate_columns(self.spec, self.ds, self.plan.replicate_columns, self._nonzero)
        finite = np.isfinite(self._sums).all(axis=(0, 1))
        if finite.all():
            return
        stat = int(self._columns[np.flatnonzero(~finite)[0]])
        if stat == STAT_ALL:
            raise self.spec.error(
                replicate_pointer(self.ds),
                f"the replicate weights of {self.ds.file.name} add up to more than the largest "
                "number a computer holds", WEIGHT_TOO_LARGE_FIX)
        raise too_large(self.spec, self.ds, self.ds.outcomes[(stat - 1) // STATS_PER_OUTCOME])

    @property
    def rank(self) -> int:
        """Rank of the replicate weights seen so far (R's degrees of freedom + 1)."""
        return self._rank.rank

    def weights(self, batch: pl.DataFrame) -> np.ndarray:
        """The batch's replicate weights as (R, rows), one replicate per row.

        Copied column by column into a buffer kept from batch to batch: a fresh array
        per batch costs more in page faults than the copy itself.
        """
        shape = (len(self.plan.replicate_columns), batch.height)
        if self._buffer.shape != shape:
            self._buffer = np.empty(shape)
        for row, name in zip(self._buffer, self.plan.replicate_columns, strict=True):
            row[:] = batch.get_column(name).to_numpy()
        design = self.ds.design
        if isinstance(design, ReplicateSpec) and not design.combined:
            # replicate factors: times the final weight (an empty weight is refused later)
            weight = batch.get_column(self.ds.weight).cast(pl.Float64).to_numpy()
            self._buffer *= np.nan_to_num(weight, nan=0.0)
        return self._buffer

    def totals(self, groups: np.ndarray, n_groups: int) -> np.ndarray:
        """(R, G, S) totals, given the final group of every row (squares left at 0)."""
        group_of_key = groups[np.asarray(self._first_row, dtype=np.int64)]
        out = np.zeros((self._sums.shape[1], n_groups, self.n_stats))
        for key, g in enumerate(group_of_key):
            out[:, g, self._columns] += self._sums[key]
        return out

    def _keys(self, batch: pl.DataFrame) -> np.ndarray:
        """Key of each row: its combination of raw ballot and domain values."""
        n = batch.height
        ids = np.zeros((n, max(len(self.key_columns), 1)), dtype=np.int64)
        combined = np.zeros(n, dtype=np.int64)
        size = 1
        for j, name in enumerate(self.key_columns):
            codes, inverse = small_codes(batch[name])
            lookup = self._ids[j]
            ids[:, j] = np.array([lookup.setdefault(c, len(lookup)) for c in codes],
                                 dtype=np.int64)[inverse]
            radix = int(ids[:, j].max()) + 1
            if size * radix >= 1 << 62:  # keep the mixed-radix code in range
                _, _, combined = factorize_small(combined)
                size = int(combined.max()) + 1
            combined = combined * radix + ids[:, j]
            size *= radix
        present, first, inverse = factorize_small(combined)
        fine = np.empty(len(present), dtype=np.int64)
        for u, row in enumerate(first.tolist()):
            key = tuple(ids[row].tolist())
            if key not in self._fine:
                self._fine[key] = len(self._fine)
                self._first_row.append(self.rows + int(first[u]))
            fine[u] = self._fine[key]
        if len(self._fine) > len(self._sums):
            grown = np.zeros((2 * len(self._fine), *self._sums.shape[1:]))
            grown[: len(self._sums)] = self._sums
            self._sums = grown
        return fine[inverse]
