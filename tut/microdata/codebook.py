"""What a microdata file declares about its variables, independent of the reader used.

The comparison stage needs labels and missing-value declarations before it reads any
data (to map codes, exclude non-answers and count them), so the codebook is a small
frozen value built from metadata alone. Every reader maps its own metadata onto these
classes, and :data:`DTYPES` is the one place that says how each kind of variable looks
once read.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import polars as pl

from tut.errors import TutError
from tut.messages import plural

VariableKind = Literal["numeric", "string", "date", "datetime", "time"]
FileFormat = Literal["sav", "zsav", "por", "dta", "csv", "ddi"]

DTYPES: dict[VariableKind, pl.DataType] = {
    "numeric": pl.Float64(),
    "string": pl.String(),
    "date": pl.Date(),
    "datetime": pl.Datetime("ms"),
    "time": pl.Duration("ms"),
}
"""How a variable of each kind comes out of :func:`tut.microdata.read_columns`.

SPSS TIME/DTIME values are elapsed time (a clock time is the duration since midnight and
may pass 24 h), so they are durations, not ``pl.Time``.
"""

STATA_MISSING_TAGS: tuple[str, ...] = tuple(f".{c}" for c in "abcdefghijklmnopqrstuvwxyz")
"""Stata's extended missing values, as written in value labels and codebooks."""

_SPSS_DATE = {"DATE", "ADATE", "EDATE", "JDATE", "SDATE", "QYR", "MOYR", "WKYR"}
_SPSS_DATETIME = {"DATETIME", "YMDHMS"}
_SPSS_TIME = {"TIME", "DTIME", "MTIME"}


def kind_from_format(file_format: FileFormat, display_format: str, is_string: bool) -> VariableKind:
    """The kind a user sees in SPSS or Stata, decided by the display format alone.

    Both readers agree on it because it needs no data: SPSS date formats (including
    QYR, MOYR, WKYR) are dates, DATETIME/YMDHMS datetimes, TIME/DTIME/MTIME times; Stata
    ``%td``/``%d`` are dates and ``%tc``/``%tC`` datetimes. Stata weekly, monthly,
    quarterly, half-yearly and yearly counts (``%tw`` .. ``%ty``) stay numeric: they
    are period numbers, not days.
    """
    if is_string:
        return "string"
    f = display_format.strip()
    if file_format == "dta":
        low = f.lower().replace("%-", "%", 1)  # "%-td" is a left-aligned %td
        if low.startswith("%tc"):
            return "datetime"
        if low.startswith(("%td", "%d")):
            return "date"
        return "numeric"
    head = re.sub(r"[0-9.]+$", "", f.upper())
    if head in _SPSS_DATETIME:
        return "datetime"
    if head in _SPSS_DATE:
        return "date"
    if head in _SPSS_TIME:
        return "time"
    return "numeric"


@dataclass(frozen=True)
class Variable:
    """One column as the file declares it."""

    name: str
    """Name as stored in the file (case kept)."""
    label: str
    """Variable label; empty when the file has none."""
    kind: VariableKind
    """numeric, string, date, datetime or time (see :data:`DTYPES`)."""
    value_labels: dict[float | str, str] = field(default_factory=dict)
    """Code -> label. Numeric codes are floats; Stata labels on extended missings use
    the keys ``".a"`` .. ``".z"``."""
    missing_values: tuple[float | str, ...] = ()
    """Discrete user-defined missing codes (SPSS), plus for Stata the extended missing
    tags (``".a"``) the file labels; these are codes that are not answers."""
    missing_ranges: tuple[tuple[float, float], ...] = ()
    """SPSS missing ranges, inclusive; ``-inf``/``inf`` stand for LO and HI."""
    measure: str = "unknown"
    """SPSS measurement level (nominal, ordinal, scale) or ``unknown``."""
    format: str = ""
    """Display format as SPSS (``F8.2``, ``ADATE10``) or Stata (``%9.0g``) writes it."""

    @property
    def dtype(self) -> pl.DataType:
        return DTYPES[self.kind]

    @property
    def has_user_missing(self) -> bool:
        """True when the file declares codes of this variable that are not answers."""
        return bool(self.missing_values or self.missing_ranges)

    @property
    def missing_tags(self) -> tuple[str, ...]:
        """The Stata extended-missing tags among the declared missing values."""
        return tuple(v for v in self.missing_values if isinstance(v, str) and _is_tag(v))

    def is_missing_code(self, value: float | str | None) -> bool:
        """True when a raw value is a declared non-answer (not system missing)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return False
        if isinstance(value, str):
            return value in self.missing_values
        return value in self.missing_values or any(
            lo <= value <= hi for lo, hi in self.missing_ranges
        )

    def missing_expr(self, column: str | None = None) -> pl.Expr:
        """Polars expression: True where the raw value is a declared missing code."""
        col = pl.col(column or self.name)
        codes = [v for v in self.missing_values if not (isinstance(v, str) and _is_tag(v))]
        if self.kind == "string":
            return col.is_in([str(c) for c in codes]).fill_null(False)
        if self.kind != "numeric":
            return pl.repeat(False, pl.len())
        expr = col.is_in([float(c) for c in codes if not isinstance(c, str)])
        for lo, hi in self.missing_ranges:
            expr = expr | col.is_between(lo, hi)
        return expr.fill_null(False)

    def describe_missing(self) -> list[str]:
        """Missing declarations as SPSS/Stata users write them (``-1``, ``LO THRU -1``, ``.a``)."""
        out = [_fmt_code(v) for v in self.missing_values]
        for lo, hi in self.missing_ranges:
            lo_s = "LO" if lo == -math.inf else _fmt_code(lo)
            hi_s = "HI" if hi == math.inf else _fmt_code(hi)
            out.append(f"{lo_s} THRU {hi_s}")
        return out


def _is_tag(value: str) -> bool:
    return value in STATA_MISSING_TAGS


def _fmt_code(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass(frozen=True)
class Codebook:
    """The metadata of one file: enough to plan a read and to describe the file."""

    path: Path
    """The data file as the user named it."""
    format: FileFormat
    """File type, from the extension (content is checked when read)."""
    n_rows: int
    """Number of cases."""
    file_label: str
    """File (dataset) label; empty when none."""
    encoding: str
    """Text encoding used to decode strings and labels."""
    variables: dict[str, Variable]
    """Variables by name, in file order."""
    reader: str = "pyreadstat"
    """Which library read the metadata: ``pyreadstat``, ``polars-readstat``, ``csv`` or ``ddi``."""
    notes: tuple[str, ...] = ()
    """Workarounds used and reader differences met, in words for the user."""
    table: str = ""
    """The record type read from a hierarchical IPUMS extract (``activity``); else empty."""

    def variable(self, name: str) -> Variable:
        """Look a variable up, failing with the closest names the file does have."""
        try:
            return self.variables[name]
        except KeyError:
            pass
        raise TutError.at(self.path, "", f"no variable named {name!r}", self._hint(name))

    def _hint(self, name: str) -> str:
        folded = {n.lower(): n for n in self.variables}
        if name.lower() in folded:
            return f"did you mean {folded[name.lower()]}? names are case-sensitive"
        close = difflib.get_close_matches(name, list(self.variables), n=3, cutoff=0.6)
        if close:
            return "did you mean " + ", ".join(close) + "?"
        shown = ", ".join(list(self.variables)[:8])
        more = ", ..." if len(self.variables) > 8 else ""
        return f"the file has {plural(len(self.variables), 'variable')}: {shown}{more}"

    @property
    def names(self) -> list[str]:
        return list(self.variables)
