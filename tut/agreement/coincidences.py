"""Krippendorff's coincidence matrix, built from the pairable units' count patterns.

Alpha (:mod:`.alpha`) and the pair bootstrap (:mod:`.bootstrap`) both start here. Units that
only one coder coded drop out: they have no pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tut.agreement.coefficients import Matrix, _undefined_reason, distance_matrix
from tut.agreement.data import ReliabilityData


@dataclass(frozen=True)
class Coincidences:
    """Krippendorff's coincidence matrix and what alpha, its SE and the bootstrap need."""

    o: Matrix  # (V, V) observed coincidences over pairable units
    d: Matrix  # (V, V) squared differences for the level
    n_pairable: float  # n.. (pairable values)
    n_pairs: int  # pairs of pairable values within units: sum m_u (m_u - 1) / 2

    @property
    def marginals(self) -> Matrix:
        return np.asarray(self.o.sum(axis=0))

    @property
    def expected(self) -> Matrix:
        n_v = self.marginals
        return (np.outer(n_v, n_v) - np.diag(n_v)) / (self.n_pairable - 1.0)

    @property
    def observed_disagreement(self) -> float:
        return float((self.o * self.d).sum() / self.n_pairable)

    @property
    def expected_disagreement(self) -> float:
        return float((self.expected * self.d).sum() / self.n_pairable)


@dataclass(frozen=True)
class Patterns:
    """Pairable units grouped by their count vector: alpha's sums need each distinct vector
    once, times how many units share it (a few hundred patterns instead of N units)."""

    counts: Matrix  # (P, V) distinct count vectors
    weight: Matrix  # (P,) units with that vector
    m: Matrix  # (P,) values per unit


def pairable_counts(data: ReliabilityData) -> npt.NDArray[np.integer[Any]]:
    """Counts of the pairable units as small integers (what the package is given)."""
    if "pairable_counts" not in data.cache:
        counts = data.counts[data.pairable]
        small = np.int16 if data.n_coders <= 181 else np.int64
        data.cache["pairable_counts"] = counts.astype(small)
    return data.cache["pairable_counts"]  # type: ignore[no-any-return]


def patterns(data: ReliabilityData) -> Patterns:
    if "patterns" in data.cache:
        return data.cache["patterns"]  # type: ignore[no-any-return]
    counts = pairable_counts(data).astype(np.int64)
    v = counts.shape[1]
    base = data.n_coders + 1
    if v and base**v <= 1 << 24:
        place = base ** np.arange(v, dtype=np.int64)
        keys = counts @ place
        tally = np.bincount(keys, minlength=1)
        found = np.flatnonzero(tally)
        rows = (found[:, None] // place[None, :]) % base
        out = Patterns(
            rows.astype(np.float64),
            tally[found].astype(np.float64),
            rows.sum(axis=1).astype(np.float64),
        )
    else:
        rows_f = counts.astype(np.float64)
        out = Patterns(rows_f, np.ones(rows_f.shape[0]), rows_f.sum(axis=1))
    data.cache["patterns"] = out
    return out


def coincidences(data: ReliabilityData) -> Coincidences:
    """The coincidence matrix in one matrix product (units only one coder coded drop out)."""
    if "coincidences" in data.cache:
        return data.cache["coincidences"]  # type: ignore[no-any-return]
    p = patterns(data)
    scaled = p.counts * (p.weight / (p.m - 1.0))[:, None]
    o = scaled.T @ p.counts - np.diag(scaled.sum(axis=0))
    d = distance_matrix(data, o.sum(axis=0))
    n_pairs = int(round(float((p.weight * p.m * (p.m - 1.0) / 2.0).sum())))
    out = Coincidences(o, d, float((p.weight * p.m).sum()), n_pairs)
    data.cache["coincidences"] = out
    return out


def alpha_undefined(data: ReliabilityData) -> str:
    """Why alpha cannot be computed on these data ('' when it can)."""
    if reason := _undefined_reason(data):
        return reason
    if data.n_categories < 2:
        return "every code in the data is the same value: there is no variation to agree on"
    return ""
