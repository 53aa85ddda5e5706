"""Raw SPSS/Stata time stamps -> polars dates, datetimes and durations.

Both readers are asked for raw numbers where they would convert differently (or fail:
pyreadstat overflows on a DATETIME far outside Python's range), and tut converts them
here, once, so a date means the same thing whichever library read it.
"""

from __future__ import annotations

import polars as pl

from tut.microdata.codebook import FileFormat, VariableKind

SPSS_EPOCH_DAYS = 141_428
"""Days from SPSS's origin (1582-10-14) to 1970-01-01. SPSS stores seconds since its origin."""
STATA_EPOCH_DAYS = 3_653
"""Days from Stata's origin (1960-01-01) to 1970-01-01. Stata stores days (%td) or ms (%tc)."""
_MS_PER_DAY = 86_400_000


def from_raw(expr: pl.Expr, file_format: FileFormat, kind: VariableKind) -> pl.Expr:
    """Convert a raw Float64 column of a date/datetime/time variable to tut's dtype."""
    x = expr.cast(pl.Float64)
    if file_format == "dta":
        if kind == "date":
            return (x.floor() - STATA_EPOCH_DAYS).cast(pl.Int32).cast(pl.Date)
        if kind == "datetime":
            ms = x.round(0) - STATA_EPOCH_DAYS * _MS_PER_DAY
            return ms.cast(pl.Int64).cast(pl.Datetime("ms"))
        return x.round(0).cast(pl.Int64).cast(pl.Duration("ms"))
    if kind == "date":
        return ((x / 86_400).floor() - SPSS_EPOCH_DAYS).cast(pl.Int32).cast(pl.Date)
    ms = (x * 1000).round(0)
    if kind == "datetime":
        return (ms - SPSS_EPOCH_DAYS * _MS_PER_DAY).cast(pl.Int64).cast(pl.Datetime("ms"))
    return ms.cast(pl.Int64).cast(pl.Duration("ms"))
