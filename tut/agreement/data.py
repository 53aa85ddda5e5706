"""Reliability data: the one place where raw codes become integer category codes.

Every coefficient works on a :class:`ReliabilityData`: an (M coders, N units) matrix of
integer category codes with ``-1`` for *missing* (a coder who left a unit without a code:
missing, never a category). Categories may be numbers or text labels; they are mapped to
integer codes here, once, and validated here only (the helpers trust the arrays).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt

from tut.errors import number_text

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[str, ...] = get_args(Level)

MAX_SCORE = 1e100
"""Largest code value at the interval and ratio levels: their squared differences, summed
over every pair, must stay finite."""

MISSING = -1
"""Integer code of a missing value in :attr:`ReliabilityData.codes`."""

MISSING_TEXT = frozenset({"", "na", "n/a", "nan", "none", "null"})
"""Cell text that means a coder left no code (lower case, stripped)."""


class ReliabilityDataError(ValueError):
    """Reliability data the agreement engine cannot use; the message says what to fix."""


@dataclass(frozen=True, eq=False)
class ReliabilityData:
    """Codes of M coders on N units, as integer category codes (``-1`` = missing).

    Units no coder coded and coders who coded nothing are dropped at the entry (they carry
    no information); their numbers are kept so reports can say so.
    """

    codes: npt.NDArray[np.int64]
    """Shape (M, N): index into :attr:`categories`, or -1 where the coder left no code."""
    categories: tuple[Any, ...]
    """Shape (V,): the category labels (numbers or text), in order (sorted numbers, or the
    order the caller gave)."""
    level: Level
    coders: tuple[str, ...]
    units: Sequence[str]
    """Unit names (default ``unit 1``.. made on demand, not N strings up front)."""
    scores: npt.NDArray[np.float64] | None = None
    """Numeric value of each category (None for unordered text): distances and weights."""
    dropped_units: int = 0
    """Units no coder coded (left out)."""
    dropped_coders: tuple[str, ...] = ()
    """Coders with no code at all (left out)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Annotations: a custom ``distance`` matrix (sets of codes) and its ``distance_name``."""
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Intermediate results shared by the coefficients of one report."""

    @property
    def n_coders(self) -> int:
        return int(self.codes.shape[0])

    @property
    def n_units(self) -> int:
        return int(self.codes.shape[1])

    @property
    def n_categories(self) -> int:
        return len(self.categories)

    @cached_property
    def counts(self) -> npt.NDArray[np.int64]:
        """Shape (N, V): how many coders put each category on each unit."""
        m, n = self.codes.shape
        v = max(self.n_categories, 1)
        valid = self.codes >= 0
        units = np.broadcast_to(np.arange(n), (m, n))[valid]
        flat = np.bincount(units * v + self.codes[valid], minlength=n * v)
        return flat.reshape(n, v)

    @cached_property
    def values_per_unit(self) -> npt.NDArray[np.int64]:
        """Shape (N,): how many coders coded each unit (m_u)."""
        return np.asarray((self.codes >= 0).sum(axis=0), dtype=np.int64)

    @property
    def pairable(self) -> npt.NDArray[np.bool_]:
        """Shape (N,): units coded by two or more coders (the only ones alpha can pair)."""
        return self.values_per_unit >= 2

    @property
    def n_pairable(self) -> int:
        """Number of pairable values: codes on units that at least two coders coded."""
        m_u = self.values_per_unit
        return int(m_u[m_u >= 2].sum())

    @property
    def single_coded_units(self) -> tuple[str, ...]:
        """Units only one coder coded: reported, and left out of the pairable values."""
        idx = np.flatnonzero(self.values_per_unit == 1)
        return tuple(self.units[int(i)] for i in idx)

    def subset(
        self,
        units: npt.ArrayLike | None = None,
        coders: Sequence[int] | None = None,
    ) -> ReliabilityData:
        """The same data restricted to some units (mask or indices) and/or coders (indices).

        Categories are kept, so a breakdown stays comparable with the whole.
        """
        codes = self.codes
        coder_names = self.coders
        unit_names = self.units
        if coders is not None:
            idx = list(coders)
            codes = codes[idx]
            coder_names = tuple(self.coders[i] for i in idx)
        if units is not None:
            sel = np.asarray(units)
            codes = codes[:, sel]
            pick = np.flatnonzero(sel) if sel.dtype == bool else sel
            unit_names = pick_names(self.units, pick)
        return from_codes(
            codes, self.categories, self.level, coder_names, unit_names, self.scores, self.extra
        )


def reliability_data(
    data: npt.ArrayLike,
    level: Level | str = "nominal",
    *,
    categories: Sequence[Any] | None = None,
    coders: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
) -> ReliabilityData:
    """Validate raw codes once and map them to integer category codes.

    Parameters
    ----------
    data : array_like, with shape (M, N)
        Codes of M coders (rows) on N units (columns). Missing: ``NaN``, ``None`` or an
        empty/``NA`` string. Numbers or text labels.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement. Interval and ratio need numbers; ordinal needs numbers or an
        ordered ``categories``.
    categories : sequence, optional
        Every category a coder could use, in order (default: the values seen, sorted).
        Unused categories matter for Brennan-Prediger and Gwet's AC1 (they count the
        categories on offer).
    coders, units : sequence of str, optional
        Names for reports (default: ``coder 1..M``, ``unit 1..N``).

    Returns
    -------
    ReliabilityData
    """
    if level not in LEVELS:
        raise ReliabilityDataError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    lvl: Level = level  # type: ignore[assignment]
    _check_rectangular(data)
    arr = np.asarray(data)
    if arr.ndim != 2:
        raise ReliabilityDataError(
            f"reliability data must be a 2-D table (coders x units); got {arr.ndim} dimension(s)"
        )
    m, n = arr.shape
    coder_names = tuple(names_or_default(coders, m, "coder"))
    unit_names = names_or_default(units, n, "unit")
    if arr.dtype.kind in "biuf":
        codes, cats, scores = _numeric_codes(arr.astype(np.float64), categories, lvl)
    else:
        codes, cats, scores = _label_codes(arr, categories, lvl)
    if m < 2:
        raise ReliabilityDataError("agreement needs at least two coders; the data have one")
    if lvl == "ratio" and scores is not None and scores.size and float(scores.min()) < 0:
        raise ReliabilityDataError(
            f"{number_text(scores.min())} is negative, but the ratio level needs values of 0 or more "
            "(a ratio scale has a true zero; use the interval level)"
        )
    if lvl in ("interval", "ratio") and scores is not None and scores.size:
        big = float(scores[np.argmax(np.abs(scores))])
        if abs(big) > MAX_SCORE:
            raise ReliabilityDataError(
                f"{number_text(big)} is too large for distances between codes at the {lvl} "
                f"level (squared differences overflow above {number_text(MAX_SCORE)}; a "
                "missing-value code such as 9.99e+200 should be declared missing)"
            )
    return from_codes(codes, cats, lvl, coder_names, unit_names, scores, {})


def _check_rectangular(data: Any) -> None:
    if isinstance(data, np.ndarray) or not isinstance(data, Sequence):
        return
    lengths = {len(row) for row in data if isinstance(row, Sequence) and not isinstance(row, str)}
    if len(lengths) > 1:
        raise ReliabilityDataError(
            f"rows have different lengths ({', '.join(map(str, sorted(lengths)))}): "
            "every coder needs one cell per unit (leave missing cells empty)"
        )


class DefaultNames(Sequence[str]):
    """``unit 1``, ``unit 2``, ... for the kept positions, built only when asked for."""

    def __init__(self, word: str, positions: npt.NDArray[np.int64]) -> None:
        self.word = word
        self.positions = positions

    def __len__(self) -> int:
        return int(self.positions.shape[0])

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [f"{self.word} {j + 1}" for j in self.positions[i]]
        return f"{self.word} {int(self.positions[i]) + 1}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"DefaultNames({self.word!r}, n={len(self)})"


def pick_names(names: Sequence[str], idx: npt.ArrayLike) -> Sequence[str]:
    """Names at the given positions (lazy for default names)."""
    pos = np.asarray(idx, dtype=np.int64)
    if isinstance(names, DefaultNames):
        return DefaultNames(names.word, names.positions[pos])
    at = pos.tolist()
    if len(at) < 2:
        return tuple(names[i] for i in at)
    return itemgetter(*at)(names)  # type: ignore[no-any-return]  # a tuple; fast on 100,000


def names_or_default(given: Sequence[str] | None, k: int, word: str) -> Sequence[str]:
    """The k names given (checked to be k), or ``<word> 1`` .. ``<word> k``."""
    if given is None:
        return DefaultNames(word, np.arange(k, dtype=np.int64))
    names = tuple(str(x) for x in given)
    if len(names) != k:
        raise ReliabilityDataError(f"{len(names)} {word} names for {k} {word}s")
    return names


def _numeric_codes(
    arr: npt.NDArray[np.float64], categories: Sequence[Any] | None, level: Level
) -> tuple[npt.NDArray[np.int64], tuple[Any, ...], npt.NDArray[np.float64] | None]:
    valid = ~np.isnan(arr)
    seen = arr[valid]
    if categories is not None:
        cats = np.asarray(list(categories))
        if cats.dtype.kind not in "biuf":
            return _label_codes(arr.astype(object), categories, level)
        cats = cats.astype(np.float64)
        order = np.argsort(cats, kind="stable")
        pos = np.searchsorted(cats[order], seen)
        pos = np.clip(pos, 0, len(cats) - 1)
        ok = cats[order][pos] == seen
        if not ok.all():
            bad = np.unique(seen[~ok])[:5]
            raise ReliabilityDataError(
                f"values not among the categories: {', '.join(number_text(x) for x in bad)}"
            )
        inv = order[pos]
        labels = tuple(_plain(x) for x in cats)
        scores = cats
    else:
        uniq, inv = _unique_inverse(seen)
        labels = tuple(_plain(x) for x in uniq)
        scores = uniq
    codes = np.full(arr.shape, MISSING, dtype=np.int64)
    codes[valid] = inv
    return codes, labels, np.asarray(scores, dtype=np.float64)


def _unique_inverse(seen: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], Any]:
    """Sorted distinct values and each value's index; a counting pass for small integers."""
    if seen.size:
        lo, hi = float(seen.min()), float(seen.max())
        if hi - lo < 65536 and np.array_equal(seen, np.floor(seen)):
            offset = (seen - lo).astype(np.int64)
            present = np.bincount(offset, minlength=int(hi - lo) + 1) > 0
            lookup = np.cumsum(present) - 1
            return np.flatnonzero(present).astype(np.float64) + lo, lookup[offset]
    uniq, inv = np.unique(seen, return_inverse=True)
    return uniq, inv


def _label_codes(
    arr: npt.NDArray[Any], categories: Sequence[Any] | None, level: Level
) -> tuple[npt.NDArray[np.int64], tuple[Any, ...], npt.NDArray[np.float64] | None]:
    flat = [_clean(x) for x in arr.ravel()]
    present = [x for x in flat if x is not None]
    if categories is not None:
        cats = [_clean(c) for c in categories]
        if any(c is None for c in cats):
            raise ReliabilityDataError("categories must not contain missing values")
        index = {c: i for i, c in enumerate(cats)}
        unknown = sorted({str(x) for x in present if x not in index})
        if unknown:
            raise ReliabilityDataError(f"values not among the categories: {', '.join(unknown[:5])}")
    else:
        numbers_only = all(isinstance(x, float) for x in present)
        if numbers_only:
            cats = sorted(set(present))
        else:
            present = [_as_text(x) for x in present]
            flat = [None if x is None else _as_text(x) for x in flat]
            cats = sorted(set(present))
        index = {c: i for i, c in enumerate(cats)}
    all_numbers = all(isinstance(c, float) for c in cats)
    if level in ("interval", "ratio") and not all_numbers:
        text = next(str(c) for c in cats if not isinstance(c, float))
        raise ReliabilityDataError(
            f"{text!r} is text, but the {level} level needs numbers "
            "(recode text categories as numbers, or use the nominal level)"
        )
    if level == "ordinal" and not all_numbers and categories is None:
        raise ReliabilityDataError(
            "text categories have no order, but the ordinal level needs one "
            "(recode them as numbers, 1 = lowest, or give the categories in order)"
        )
    codes = np.fromiter(
        (MISSING if x is None else index[x] for x in flat), dtype=np.int64, count=len(flat)
    ).reshape(arr.shape)
    if all_numbers:
        scores: npt.NDArray[np.float64] | None = np.asarray(cats, dtype=np.float64)
        labels = tuple(_plain(c) for c in cats)
    else:
        scores = np.arange(len(cats), dtype=np.float64) if level == "ordinal" else None
        labels = tuple(cats)
    return codes, labels, scores


def _clean(x: Any) -> Any:
    """Missing -> None; numbers -> float; text stripped (numeric text stays text)."""
    if x is None:
        return None
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        f = float(x)
        return None if math.isnan(f) else f
    if isinstance(x, bool | np.bool_):
        return float(x)
    s = str(x).strip()
    return None if s.lower() in MISSING_TEXT else s


def _as_text(x: Any) -> str:
    return _fmt(x) if isinstance(x, float) else str(x)


def _plain(x: Any) -> Any:
    """1.0 -> 1 so integer codes print as integers."""
    f = float(x)
    return int(f) if f.is_integer() else f


def _fmt(x: Any) -> str:
    return str(_plain(x))


def from_codes(
    codes: npt.NDArray[np.int64],
    categories: tuple[Any, ...],
    level: Level,
    coders: tuple[str, ...],
    units: Sequence[str],
    scores: npt.NDArray[np.float64] | None = None,
    extra: dict[str, Any] | None = None,
) -> ReliabilityData:
    """Reliability data from integer codes already checked (-1 = missing); drops units no
    coder coded and coders who coded nothing."""
    valid = codes >= 0
    keep_units = np.asarray(valid.any(axis=0))
    keep_coders = np.asarray(valid.any(axis=1))
    kept: list[bool] = [bool(k) for k in keep_coders.tolist()]
    dropped_coders = tuple(c for c, k in zip(coders, kept, strict=True) if not k)
    if not keep_units.all():
        codes = codes[:, keep_units]
        units = pick_names(units, np.flatnonzero(keep_units))
    if not keep_coders.all():
        codes = codes[keep_coders]
        coders = tuple(c for c, k in zip(coders, kept, strict=True) if k)
    return ReliabilityData(
        codes=np.ascontiguousarray(codes),
        categories=categories,
        level=level,
        coders=coders,
        units=units,
        scores=scores,
        dropped_units=int((~keep_units).sum()),
        dropped_coders=dropped_coders,
        extra=extra or {},
    )
