"""One set of unit resamples for every group of a study's breakdowns.

Bootstrapping each group (variant, probe, coder pair, third of the work) on its own redraws
the study's units once per group: on 100,000 segments that was most of the report's time.
Here the study's n pairable units are drawn once per seed: a (units x resamples) matrix of
how many times each unit is drawn in each resample (uint8: 100 MB for 100,000 x 1,000).
A group's resample is that draw restricted to the group's units, summed per pattern of codes
(:func:`tut.agreement.unit_bootstrap.unit_patterns`), and every coefficient is the same
function of those pattern counts as in the group's own bootstrap.

This is a bootstrap over the study's units: the number of a group's units in a resample
varies (about binomially) instead of being fixed at the group's size, which is what the
method label says. Coefficients are ratios, so their intervals are close to the per-group
bootstrap's; the overall interval keeps its own resamples (unchanged).

Several groups are summed in one pass over the draws (:func:`run_groups`): each slice of
resamples is converted to float once and multiplied by every group's (patterns x units)
0/1 matrix. The overall's own bootstrap over units rides along when it
would draw exactly these units (same n, seed, resamples and blocks: a study with many
patterns of codes), so its resamples are not drawn twice; otherwise it draws its own.
A group's statistics are computed on the same blocks of resamples, in the same memory
order, as when it is bootstrapped alone, so every number is the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from tut.agreement.coefficients import CI_LEVEL, Bootstrap, Matrix
from tut.agreement.data import ReliabilityData
from tut.agreement.unit_bootstrap import (
    BLOCK_CELLS,
    Statistic,
    bootstrap_plan,
    draw_layout,
    intervals_of,
)

GROUP_CELLS = 4_000_000
"""Largest (units x resamples) slice of the draws converted to float32 at once."""
STORE_CELLS = 20_000_000
"""Resamples x units counted before they are stored (transposed) into the draws at once."""
PASS_CELLS = 32_000_000
"""Largest sum of the groups' (patterns x resamples per block) float32 buffers in one pass."""


@dataclass(frozen=True)
class SharedDraws:
    """How many times each of a study's pairable units is drawn, per resample."""

    counts: npt.NDArray[np.unsignedinteger]  # (n units, resamples)
    seed: int

    @property
    def resamples(self) -> int:
        return int(self.counts.shape[1])


def shared_draws(n: int, resamples: int, seed: int) -> SharedDraws:
    """n units drawn with replacement, ``resamples`` times, in blocks (bounded memory).

    The generator is called as :func:`tut.agreement.unit_bootstrap.draw_blocks` calls it
    when it draws units (blocks of ``BLOCK_CELLS // n`` resamples): the same seed draws the
    same units. Blocks are gathered resample by resample and stored transposed a chunk at
    a time (one column at a time was most of the cost)."""
    rng = np.random.default_rng(seed)
    out: npt.NDArray[np.unsignedinteger] = np.zeros((n, resamples), dtype=np.uint8)
    block, kind = _unit_blocks(n)
    chunk = block * max(1, STORE_CELLS // max(n * block, 1))
    gathered: npt.NDArray[np.unsignedinteger] = np.zeros((min(chunk, resamples), n), out.dtype)
    start = 0
    for lo in range(0, resamples, block):
        b = min(block, resamples - lo)
        drawn = rng.integers(0, n, size=(b, n), dtype=kind)
        np.add(drawn, (np.arange(b, dtype=kind) * n)[:, None], out=drawn)
        counts = np.bincount(drawn.ravel(), minlength=b * n).reshape(b, n)
        if counts.max(initial=0) > np.iinfo(out.dtype).max:  # a unit drawn 256+ times
            out, gathered = out.astype(np.uint32), gathered.astype(np.uint32)
        gathered[lo - start : lo - start + b] = counts
        if lo + b - start == chunk or lo + b == resamples:
            out[:, start : lo + b] = gathered[: lo + b - start].T
            start = lo + b
    return SharedDraws(out, seed)


def _unit_blocks(n: int) -> tuple[int, type[np.signedinteger[Any]]]:
    """Resamples per call of the generator and the integer type it draws n units' indices
    in: what :func:`shared_draws` uses, and what :func:`own_draws` needs the overall's
    own draws to use (the same seed then draws the same units)."""
    block = max(1, BLOCK_CELLS // max(n, 1))
    return block, (np.int32 if n * block < 2**31 else np.int64)


@dataclass(frozen=True)
class GroupDraws:
    """One group's bootstrap on the shared draws: its statistics, and for each of its
    pairable units the draws' row and its pattern of codes."""

    stats: dict[str, Statistic]
    rows: npt.NDArray[np.int64]
    index: npt.NDArray[np.int64]
    patterns: int
    n: int
    """Pairable units of the group (the bootstrap's n)."""
    step: int
    """Resamples per statistics call, as when the group is bootstrapped alone."""
    own: bool = False
    """The overall's own bootstrap over units (blocks in C order, not labelled shared)."""


def group_draws(
    data: ReliabilityData,
    names: Sequence[str],
    positions: npt.NDArray[np.int64],
    alphas: Mapping[str, ReliabilityData] | None = None,
) -> GroupDraws | None:
    """A group of :func:`shared_bootstrap` (None: nothing to bootstrap)."""
    pos = positions[data.pairable]
    if (pos < 0).any():
        raise ValueError("a pairable unit of the group is not among the drawn units")
    plan = bootstrap_plan(data, names, alphas, keep_order=True)
    if plan is None:
        return None
    pat, stats = plan
    step = max(1, GROUP_CELLS // max(pos.size, 1))
    return GroupDraws(stats, pos, pat.index, int(pat.weight.size), pat.n, step)


def own_draws(
    data: ReliabilityData,
    names: Sequence[str],
    drawn: tuple[int, int, int],
    resamples: int,
    seed: int,
    alphas: Mapping[str, ReliabilityData] | None = None,
) -> GroupDraws | None:
    """:func:`tut.agreement.unit_bootstrap.unit_bootstrap` of the whole study taken from
    the shared draws of ``drawn`` = (units, resamples, seed); None when it would not draw
    exactly these units (other resamples or seed; few patterns: it draws patterns; or
    another n or block)."""
    n, shared_resamples, shared_seed = drawn
    if (resamples, seed) != (shared_resamples, shared_seed):
        return None
    plan = bootstrap_plan(data, names, alphas)
    if plan is None:
        return None
    pat, stats = plan
    layout = draw_layout(pat)
    block, kind = _unit_blocks(n)
    if not layout.by_unit or pat.n != n or (layout.block, layout.kind) != (block, kind):
        return None
    rows = np.arange(n, dtype=np.int64)  # draw k is the k-th unit in pattern order
    return GroupDraws(stats, rows, pat.index, int(pat.weight.size), n, block, own=True)


def shared_bootstrap(
    data: ReliabilityData,
    names: Sequence[str],
    draws: SharedDraws,
    positions: npt.NDArray[np.int64],
    *,
    ci_level: float = CI_LEVEL,
    alphas: Mapping[str, ReliabilityData] | None = None,
) -> dict[str, Bootstrap]:
    """:func:`tut.agreement.unit_bootstrap.unit_bootstrap` on the shared draws.

    ``positions``: for each unit of ``data``, its row in ``draws`` (-1: not drawn; such a
    unit must not be pairable in ``data``).
    """
    return run_groups([group_draws(data, names, positions, alphas)], draws, ci_level)[0]


def run_groups(
    groups: Sequence[GroupDraws | None], draws: SharedDraws, ci_level: float = CI_LEVEL
) -> list[dict[str, Bootstrap]]:
    """Every group's intervals (None: none), the groups summed in as few passes over the
    draws as :data:`PASS_CELLS` allows."""
    out: list[dict[str, Bootstrap]] = [{} for _ in groups]
    for batch in _batches([(k, g) for k, g in enumerate(groups) if g is not None]):
        values = _one_pass([g for _, g in batch], draws)
        for (k, g), vals in zip(batch, values, strict=True):
            out[k] = intervals_of(
                vals, draws.resamples, draws.seed, g.n, ci_level, shared=not g.own
            )
    return out


def _batches(
    groups: list[tuple[int, GroupDraws]],
) -> Iterator[list[tuple[int, GroupDraws]]]:
    batch: list[tuple[int, GroupDraws]] = []
    cells = 0
    for k, g in groups:
        size = g.patterns * g.step
        if batch and cells + size > PASS_CELLS:
            yield batch
            batch, cells = [], 0
        batch.append((k, g))
        cells += size
    if batch:
        yield batch


def _one_pass(groups: list[GroupDraws], draws: SharedDraws) -> list[dict[str, list[Matrix]]]:
    """Each group's statistics on every resample: a slice of the draws at a time, converted
    to float32 once (exact for counts under 2^24) and multiplied by each group's
    (patterns x draw rows) 0/1 matrix; each group's sums gathered into blocks of its
    ``step`` resamples, the blocks it would have alone. One product per group: its
    (patterns x resamples) sums stay in cache, which a product of all groups stacked did not."""
    n, total = draws.counts.shape
    per_pattern = [  # (patterns x draw rows), one entry per unit of the group
        sparse.csc_matrix(
            (np.ones(g.rows.size, dtype=np.float32), (g.index, g.rows)), shape=(g.patterns, n)
        )
        for g in groups
    ]
    buffers = [np.empty((g.patterns, min(g.step, total)), dtype=np.float32) for g in groups]
    filled = [0] * len(groups)
    done = [0] * len(groups)
    values: list[dict[str, list[Matrix]]] = [{name: [] for name in g.stats} for g in groups]
    width = max(1, GROUP_CELLS // max(n, 1))
    for lo in range(0, total, width):
        part = draws.counts[:, lo : lo + width].astype(np.float32)
        for j, g in enumerate(groups):
            mine = per_pattern[j] @ part
            used = 0
            while used < mine.shape[1]:
                size = min(g.step, total - done[j])
                take = min(size - filled[j], mine.shape[1] - used)
                buffers[j][:, filled[j] : filled[j] + take] = mine[:, used : used + take]
                filled[j] += take
                used += take
                if filled[j] == size:
                    block = buffers[j][:, :size].T  # (resamples, patterns)
                    t = block.astype(np.float64, order="C" if g.own else "F")
                    with np.errstate(divide="ignore", invalid="ignore"):
                        for name, stat in g.stats.items():
                            values[j][name].append(stat(t))
                    done[j] += size
                    filled[j] = 0
    return values
