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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from tut.agreement.coefficients import CI_LEVEL, Bootstrap, Matrix, pairable_part
from tut.agreement.data import ReliabilityData
from tut.agreement.unit_bootstrap import (
    BLOCK_CELLS,
    alpha_statistic,
    intervals_of,
    statistics,
    unit_patterns,
)

GROUP_CELLS = 4_000_000
"""Largest (group units x resamples) slice of the draws summed at once (float32 cells)."""


@dataclass(frozen=True)
class SharedDraws:
    """How many times each of a study's pairable units is drawn, per resample."""

    counts: npt.NDArray[np.unsignedinteger]  # (n units, resamples)
    seed: int

    @property
    def resamples(self) -> int:
        return int(self.counts.shape[1])


def shared_draws(n: int, resamples: int, seed: int) -> SharedDraws:
    """n units drawn with replacement, ``resamples`` times, in blocks (bounded memory)."""
    rng = np.random.default_rng(seed)
    out: npt.NDArray[np.unsignedinteger] = np.zeros((n, resamples), dtype=np.uint8)
    block = max(1, BLOCK_CELLS // max(n, 1))
    kind = np.int32 if n * block < 2**31 else np.int64
    for lo in range(0, resamples, block):
        b = min(block, resamples - lo)
        drawn = rng.integers(0, n, size=(b, n), dtype=kind)
        np.add(drawn, (np.arange(b, dtype=kind) * n)[:, None], out=drawn)
        counts = np.bincount(drawn.ravel(), minlength=b * n).reshape(b, n)
        if counts.max(initial=0) > np.iinfo(out.dtype).max:  # a unit drawn 256+ times
            out = out.astype(np.uint32)
        out[:, lo : lo + b] = counts.T
    return SharedDraws(out, seed)


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
    d = pairable_part(data)
    pos = positions[data.pairable]
    if (pos < 0).any():
        raise ValueError("a pairable unit of the group is not among the drawn units")
    pat = unit_patterns(d, keep_order=True)
    if pat.n < 2 or not (names or alphas):
        return {}
    stats = statistics(d, names, pat)
    for name, other in (alphas or {}).items():
        stats[name] = alpha_statistic(pairable_part(other), pat)
    # (patterns x group units) 0/1 in float32: exact for counts under 2^24, and the sparse
    # product is several times faster than in float64 or with np.add.reduceat
    ones = np.ones(pos.size, dtype=np.float32)
    per_pattern = sparse.csc_matrix(  # one entry per column (unit): built without sorting
        (ones, pat.index, np.arange(pos.size + 1)), shape=(pat.weight.size, pos.size)
    )
    values: dict[str, list[Matrix]] = {name: [] for name in stats}
    step = max(1, GROUP_CELLS // max(pos.size, 1))
    for lo in range(0, draws.resamples, step):
        part = draws.counts[pos, lo : lo + step].astype(np.float32)
        t = (per_pattern @ part).T.astype(np.float64)  # (b, patterns)
        with np.errstate(divide="ignore", invalid="ignore"):
            for name, stat in stats.items():
                values[name].append(stat(t))
    return intervals_of(values, draws.resamples, draws.seed, pat.n, ci_level, shared=True)
