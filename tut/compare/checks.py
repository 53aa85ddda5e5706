"""Numbers no survey holds, refused with the key to edit and the first rows to look at.

A weight of ``inf`` or ``1e+308`` (often a missing-value code read as a number), an
infinite answer, a replicate weight that is zero in every row: left alone they turn
estimates into NaN with numpy warnings and a false note that a variant "has no
respondents". These checks run on the raw columns (:func:`weight_values`,
:func:`check_replicate_batch`, :func:`check_finite_outcome`) and on the estimates
(:func:`check_cells`: weighted totals or variances that overflow, a variant whose
respondents all have weight zero).

Rules (README, "Comparison spec"): an empty, NaN, infinite or negative weight is an
error, and so is a weight that is zero in every row, for every respondent of a variant,
or so small (below 1e-300) that its products underflow; an empty or NaN answer is a
non-answer (system missing); an infinite answer is an error unless the spec or the file
declares it missing.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from tut.compare.spec import ComparisonSpec, DatasetSpec, OutcomeSpec, ReplicateSpec
from tut.errors import number_text

TINY_WEIGHT = 1e-300
"""Positive weights below this underflow when multiplied by an answer: refused."""

TOO_LARGE_FIX = (
    "rescale the variable (e.g. minutes to hours, or weights divided by 1,000), or look for "
    "a missing-value code such as 1e+308 that should be declared missing"
)


WEIGHT_TOO_LARGE_FIX = (
    "divide the weights by a constant such as 1,000 (estimates do not change), or look for a "
    "missing-value code such as 1e+308 used as a weight"
)


def count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _rows(mask: np.ndarray, first_row: int = 0) -> tuple[int, int]:
    """How many rows are flagged, and the 1-based number of the first."""
    return int(mask.sum()), first_row + int(np.flatnonzero(mask)[0]) + 1


def weight_values(
    spec: ComparisonSpec, ds: DatasetSpec, frame: pl.DataFrame, name: str, pointer: str, role: str
) -> np.ndarray:
    """The full-sample weight as floats, or an error at ``pointer`` naming the first rows."""
    col = frame[name]
    values = col.cast(pl.Float64).to_numpy()
    where = f"{role} {name!r} in {ds.file.name}"
    fix_missing = "every row needs a weight; drop rows outside the sample before the analysis"
    if col.null_count():
        n, first = _rows(np.isnan(values))
        raise spec.error(pointer, f"{where} is empty in {count(n, 'row')} (first: row {first})",
                         fix_missing)
    if np.isnan(values).any():
        n, first = _rows(np.isnan(values))
        raise spec.error(pointer, f"{where} is not a number in {count(n, 'row')} "
                         f"(first: row {first})", fix_missing)
    infinite = np.isinf(values)
    if infinite.any():
        n, first = _rows(infinite)
        raise spec.error(
            pointer,
            f"{where} is infinite in {count(n, 'row')} (first: row {first}, value "
            f"{number_text(values[first - 1])})",
            "a weight is a finite number of people; an infinite value is damaged data or a "
            "missing-value code",
        )
    neg = values < 0
    if neg.any():
        n, first = _rows(neg)
        raise spec.error(
            pointer,
            f"{where} is negative in {count(n, 'row')} (first: row {first}, "
            f"value {number_text(values[first - 1])})",
            "use the survey's final (positive) weight; a negative code may be a missing "
            "value that must not be used as a weight",
        )
    if not values.any():
        raise spec.error(pointer, f"{where} is zero in every row",
                         "point weight at the final person weight")
    tiny = (values > 0) & (values < TINY_WEIGHT)
    if tiny.any():
        n, first = _rows(tiny)
        raise spec.error(
            pointer,
            f"{where} is too small to compute with in {count(n, 'row')} (first: row {first}, "
            f"value {number_text(values[first - 1])})",
            "multiply the weights by a constant (estimates do not change), or set such "
            "weights to 0",
        )
    with np.errstate(over="ignore"):
        total = values.sum()
    if not np.isfinite(total):
        raise spec.error(pointer, f"{where} adds up to more than the largest number a "
                         "computer holds", WEIGHT_TOO_LARGE_FIX)
    return values


def check_replicate_batch(
    spec: ComparisonSpec, ds: DatasetSpec, names: tuple[str, ...], weights_t: np.ndarray,
    first_row: int,
) -> np.ndarray:
    """Every replicate weight of a batch (given as (R, rows)) is a number, finite and >= 0.

    Returns which replicates are above 0 in some row of the batch (from the same pass over
    the weights as the check: one pass fewer per batch than asking for it apart)."""
    largest = weights_t.max(axis=1)
    if weights_t.min() >= 0 and largest.max() < np.inf:  # NaN fails this too
        return largest > 0
    bad = ~(weights_t >= 0) | np.isinf(weights_t)
    j, i = (int(x[0]) for x in np.nonzero(bad))
    value = weights_t[j, i]
    what = ("empty" if np.isnan(value) else "infinite" if np.isinf(value)
            else f"negative ({number_text(value)})")
    raise spec.error(
        replicate_pointer(ds),
        f"replicate weight {names[j]!r} is {what} in row {first_row + i + 1} of {ds.file.name}",
        "every row needs all its replicate weights, zero or positive",
    )


def check_replicate_columns(
    spec: ComparisonSpec, ds: DatasetSpec, names: tuple[str, ...], nonzero: np.ndarray
) -> None:
    """A replicate weight that is zero in every row is a column of something else."""
    empty = np.flatnonzero(~nonzero)
    if len(empty):
        listed = ", ".join(repr(names[j]) for j in empty[:5])
        raise spec.error(
            replicate_pointer(ds),
            f"replicate weight {listed} is zero in every row of {ds.file.name}",
            "check the prefix or columns: every replicate weight keeps most respondents",
        )


def replicate_pointer(ds: DatasetSpec) -> str:
    r = ds.design
    assert isinstance(r, ReplicateSpec)
    return r.pointer + ("/columns" if r.columns else "/prefix")


def check_finite_outcome(
    spec: ComparisonSpec, ds: DatasetSpec, o: OutcomeSpec, raw: np.ndarray,
    declared: np.ndarray, first_row: int = 0,
) -> None:
    """An infinite answer is an error unless it is declared missing (``.inf`` in missing)."""
    infinite = np.isinf(raw) & ~declared
    if infinite.any():
        n, first = _rows(infinite, first_row)
        raise spec.error(
            f"{o.pointer}/variable",
            f"outcome {o.name!r}: {o.variable} is infinite in {count(n, 'row')} (first: row "
            f"{first} of {ds.file.name})",
            f"an infinite value is not an answer: fix the file, or add inf (and -inf) to "
            f"missing.{o.variable} to count it as a non-answer",
        )
