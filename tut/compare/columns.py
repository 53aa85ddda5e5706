"""From raw columns to numbers: code keys, non-answers, an outcome's values, per-row
statistics.

Used on a whole file by :mod:`tut.compare.prepare` and batch by batch by
:mod:`tut.compare.stream` (replicate weights are summed while the file is read).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from tut.compare.checks import TOO_LARGE_FIX, check_finite_outcome
from tut.compare.spec import ComparisonSpec, DatasetSpec, OutcomeSpec, code_text
from tut.errors import TutError, number_text
from tut.microdata.codebook import Codebook, Variable

SYSTEM_MISSING = "system missing"


@dataclass(frozen=True)
class ColumnPlan:
    """The columns one dataset needs, resolved against its codebook."""

    columns: tuple[str, ...]
    replicate_columns: tuple[str, ...]
    frame_columns: tuple[str, ...] = ()
    """The columns kept in memory: all but the replicate weights (which are summed while
    reading), unless a replicate column also serves as something else."""


@dataclass(frozen=True)
class PreparedOutcome:
    """An outcome's values with non-answers separated out."""

    spec: OutcomeSpec
    values: np.ndarray
    """(n,) in the reported unit (0/1 for proportions); 0 where not valid."""
    valid: np.ndarray
    """(n,) bool: an answer that enters the estimate."""
    missing: np.ndarray
    """(n,) bool: a declared non-answer code or an empty cell."""
    missing_codes: dict[str, np.ndarray]
    """Label (``"-2 Don't know"``) -> (n,) bool, for counting by code."""
    denominator: np.ndarray | None = None
    """(n,) kind: ratio: the denominator's values where valid, else 0."""


STAT_ALL = 0
"""Column of the statistics matrix that is 1 on every row."""
STAT_VALID, STAT_Y, STAT_Y2, STAT_PART, STAT_MISS = range(5)
"""Offsets within each outcome's block: answered, value, value squared, value > 0, non-answer."""
STATS_PER_OUTCOME = 5


def stat_base(outcome_index: int) -> int:
    """First column of an outcome's block in the statistics matrix."""
    return 1 + STATS_PER_OUTCOME * outcome_index


def too_large(spec: ComparisonSpec, ds: DatasetSpec, o: OutcomeSpec) -> TutError:
    """The error for an outcome whose weighted totals or variance overflow."""
    return spec.error(
        f"{o.pointer}/variable",
        f"outcome {o.name!r}: the values of {o.variable} in {ds.file.name}, times the weights, "
        "are too large to compute with (the totals overflow)",
        TOO_LARGE_FIX,
    )


def row_statistics(outcomes: Sequence[PreparedOutcome], n: int) -> np.ndarray:
    """(N, 1 + 5*O) per-row statistics; every estimate is a ratio of their weighted totals.

    Squares that overflow become inf (no warning); :func:`too_large` reports them.
    """
    out = np.empty((n, 1 + STATS_PER_OUTCOME * len(outcomes)), order="F")  # read by column
    out[:, STAT_ALL] = 1.0
    for i, o in enumerate(outcomes):
        base = stat_base(i)
        out[:, base + STAT_VALID] = o.valid
        out[:, base + STAT_Y] = o.values
        with np.errstate(over="ignore"):
            out[:, base + STAT_Y2] = o.values * o.values
        # a ratio (never a time outcome) keeps its denominator where participation would be
        out[:, base + STAT_PART] = (o.valid & (o.values > 0) if o.denominator is None
                                    else o.denominator)
        out[:, base + STAT_MISS] = o.missing
    return out


def small_codes(col: pl.Series) -> tuple[list[str], np.ndarray]:
    """Like :func:`code_keys`, in linear time for the usual case of small integer codes."""
    if col.dtype != pl.String:
        values = col.cast(pl.Float64).to_numpy()
        finite = values[~np.isnan(values)]
        if len(finite):
            lo, hi = finite.min(), finite.max()
            if hi - lo < 4096 and np.array_equal(finite, np.floor(finite)):
                idx = np.where(np.isnan(values), hi - lo + 1, values - lo).astype(np.int64)
                present, _, inverse = factorize_small(idx)
                nan_code = int(hi - lo + 1)
                codes = ["" if v == nan_code else code_text(float(v + lo)) for v in present.tolist()]
                return codes, inverse
    return code_keys(col)


def factorize_small(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct non-negative ints, the first row of each and each row's index, in O(n).

    Falls back to sorting when the values are too spread out for a lookup table.
    """
    if len(values) and values.max() < 4 * len(values) + 65536:
        counts = np.bincount(values)
        present = np.flatnonzero(counts)
        index = np.full(len(counts), -1, dtype=np.int64)
        index[present] = np.arange(len(present))
        inverse = index[values]
        first = np.full(len(present), len(values), dtype=np.int64)
        np.minimum.at(first, inverse, np.arange(len(values)))
        return present, first, inverse
    present, first, inverse = np.unique(values, return_index=True, return_inverse=True)
    return present, first, inverse.reshape(-1)


def code_keys(col: pl.Series) -> tuple[list[str], np.ndarray]:
    """Distinct values as normalised code text ("" for empty) and each row's index into them.

    Codes are matched as text so that 1, 1.0 and "1" in the spec are the same code.
    """
    if col.dtype == pl.String:
        uniq, inverse = np.unique(col.fill_null("").to_numpy().astype(str), return_inverse=True)
        return [str(u) for u in uniq], inverse.reshape(-1)
    values = col.cast(pl.Float64).to_numpy()
    uniq, inverse = np.unique(values, return_inverse=True)
    return ["" if math.isnan(u) else code_text(float(u)) for u in uniq], inverse.reshape(-1)


def declared_missing(ds: DatasetSpec, var: Variable, col: pl.Series) -> np.ndarray:
    """True where the file or the spec says the value is not an answer."""
    codes = {code_text(c) for c in ds.missing.get(var.name, ())}
    codes |= {code_text(c) for c in var.missing_values}
    if col.dtype == pl.String:
        return col.is_in(list(codes)).fill_null(False).to_numpy()
    values = col.cast(pl.Float64).to_numpy()
    out = np.zeros(len(values), dtype=bool)
    numeric = [float(c) for c in codes if is_number(c)]
    if numeric:
        out |= np.isin(values, numeric)
    with np.errstate(invalid="ignore"):
        for lo, hi in var.missing_ranges:
            out |= (values >= lo) & (values <= hi)
    return out


def _empty_codes(
    empty: np.ndarray, frame: pl.DataFrame, variable: str, labels: dict[str, str]
) -> dict[str, np.ndarray]:
    """Empty answers by Stata extended missing code (``.a Refused``), the rest system missing.

    The tags are in the column ``<variable>.missing`` when the reader was asked for them
    (``missing_tags=True``, Stata files only).
    """
    out: dict[str, np.ndarray] = {}
    rest = empty
    tag_column = f"{variable}.missing"
    if tag_column in frame.columns:
        tags = frame[tag_column].fill_null("").to_numpy().astype(str)
        rest = empty & (tags == "")
        for tag in sorted(set(tags[empty].tolist()) - {""}):
            out[f"{tag} {labels[tag]}" if tag in labels else tag] = empty & (tags == tag)
    if rest.any():
        out = {SYSTEM_MISSING: rest, **out}
    return out


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def prepare_outcome(
    spec: ComparisonSpec, ds: DatasetSpec, o: OutcomeSpec, book: Codebook, frame: pl.DataFrame,
    first_row: int = 0,
) -> PreparedOutcome:
    """An outcome's values and non-answers; ``first_row`` numbers the rows of a batch."""
    var = book.variables[o.variable]
    col = frame[o.variable]
    if col.dtype == pl.String:  # the codebook said numeric but the reader disagrees
        raise spec.error(f"{o.pointer}/variable",
                         f"outcome {o.name!r}: {o.variable} holds text, a number is needed",
                         "point variable at a numeric variable")
    raw = col.cast(pl.Float64).to_numpy()
    empty = np.isnan(raw)
    declared = declared_missing(ds, var, col)
    check_finite_outcome(spec, ds, o, raw, declared, first_row)
    missing = empty | declared
    codes: dict[str, np.ndarray] = {}
    labels = {code_text(k): str(v) for k, v in var.value_labels.items()}
    if empty.any():
        codes.update(_empty_codes(empty, frame, o.variable, labels))
    for value in sorted(np.unique(raw[declared]), key=abs):
        key = code_text(float(value))
        name = f"{key} {labels[key]}" if key in labels else key
        codes[name] = declared & (raw == value)
    answered = ~missing
    values = np.where(answered, raw, 0.0)
    if o.kind == "proportion":
        if o.condition is not None:
            valid = answered
            values = np.where(answered & o.condition.holds(raw), 1.0, 0.0)
        else:
            odd = answered & (values != 0) & (values != 1)
            if odd.any():
                example = values[np.flatnonzero(odd)[0]]
                raise spec.error(
                    o.pointer,
                    f"outcome {o.name!r} is a proportion but {o.variable} has values other "
                    f"than 0 and 1 (e.g. {number_text(example)})",
                    "add a condition such as '> 0' (the share above 0), or list the other "
                    f"codes under missing.{o.variable}",
                )
            valid = answered
    else:
        valid = answered & o.condition.holds(raw) if o.condition is not None else answered
        denominator = None
        if o.denominator is not None:
            x = frame[o.denominator].cast(pl.Float64).to_numpy()
            x_missing = np.isnan(x) | declared_missing(ds, book.variables[o.denominator],
                                                       frame[o.denominator])
            valid = valid & ~x_missing
            denominator = np.where(valid, x, 0.0)
        values = np.where(valid, values, 0.0)
        if o.convert is not None:
            with np.errstate(over="ignore"):  # an overflow is refused after estimation
                values = values * o.convert.factor
        return PreparedOutcome(spec=o, values=values, valid=valid, missing=missing,
                               missing_codes=codes, denominator=denominator)
    return PreparedOutcome(spec=o, values=values, valid=valid, missing=missing,
                           missing_codes=codes)
