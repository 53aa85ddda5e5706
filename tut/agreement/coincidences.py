"""Krippendorff's coincidence matrix, built from the pairable units' count patterns.

Alpha (:mod:`.alpha`) and the pair bootstrap (:mod:`.bootstrap`) both start here. Units that
only one coder coded drop out: they have no pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tut.agreement.coefficients import Matrix, Note, _undefined_reason, distance_matrix
from tut.agreement.data import ReliabilityData

MAX_MATRIX_CELLS = 25_000_000
"""Largest values x values array alpha may build (8 bytes a cell: 200 MB, and a few are alive
at once); above it, alpha on that many distinct values is refused before allocating."""


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


def compact(data: ReliabilityData) -> bool:
    """Whether the count vectors fit one integer key each (few categories or coders); else
    the pieces are computed from each unit's codes, never from (units x categories) arrays."""
    v = data.n_categories
    return bool(v) and (data.n_coders + 1) ** v <= 1 << 24


def coder_pairs(m: int) -> list[tuple[int, int]]:
    """Ordered pairs of different coders."""
    return [(i, j) for i in range(m) for j in range(m) if i != j]


def pair_sums(codes: npt.NDArray[np.int64], table: Matrix) -> Matrix:
    """Per unit (column of ``codes``, -1 = no code): the sum of ``table[c_i, c_j]`` over the
    ordered pairs of different coders who both coded it. O(N M^2), no (N, V) array."""
    out = np.zeros(codes.shape[1])
    valid = codes >= 0
    for i, j in coder_pairs(codes.shape[0]):
        both = valid[i] & valid[j]
        out[both] += table[codes[i, both], codes[j, both]]
    return out


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
    if compact(data):
        p = patterns(data)
        scaled = p.counts * (p.weight / (p.m - 1.0))[:, None]
        o = scaled.T @ p.counts - np.diag(scaled.sum(axis=0))
        m_u, k = p.m, p.weight
    else:
        o, m_u = _coincidences_from_codes(data)
        k = np.ones_like(m_u)
    d = distance_matrix(data, o.sum(axis=0))
    n_pairs = int(round(float((k * m_u * (m_u - 1.0) / 2.0).sum())))
    out = Coincidences(o, d, float((k * m_u).sum()), n_pairs)
    data.cache["coincidences"] = out
    return out


def _coincidences_from_codes(data: ReliabilityData) -> tuple[Matrix, Matrix]:
    """The coincidence matrix pair by pair of coders (many categories, e.g. sets of codes):
    each ordered pair of values in a unit adds 1 / (m_u - 1)."""
    codes = data.codes[:, data.pairable]
    valid = codes >= 0
    m_u = valid.sum(axis=0).astype(np.float64)
    v = data.n_categories
    o = np.zeros(v * v)
    for i, j in coder_pairs(codes.shape[0]):
        both = valid[i] & valid[j]
        o += np.bincount(
            codes[i, both] * v + codes[j, both], weights=1.0 / (m_u[both] - 1.0), minlength=v * v
        )
    return o.reshape(v, v), m_u


def alpha_undefined(data: ReliabilityData) -> Note:
    """Why alpha cannot be computed on these data (an empty, false note when it can)."""
    if reason := _undefined_reason(data):
        return reason
    if data.n_categories < 2:
        return Note("agreement.no-variation")
    return Note()
