"""What a microdata file declares about its variables, independent of the reader used.

The comparison stage needs labels and missing-value declarations before it reads any
data (to map codes, exclude non-answers and count them), so the codebook is a small
frozen value built from metadata alone.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tut.errors import TutError

VariableKind = Literal["numeric", "string", "date", "datetime", "time"]
FileFormat = Literal["sav", "zsav", "por", "dta", "csv"]

STATA_MISSING_TAGS: tuple[str, ...] = tuple(f".{c}" for c in "abcdefghijklmnopqrstuvwxyz")
"""Stata's extended missing values, as they are written in value labels and codebooks."""


@dataclass(frozen=True)
class Variable:
    """One column as the file declares it."""

    name: str
    label: str
    kind: VariableKind
    value_labels: dict[float | str, str] = field(default_factory=dict)
    """Code -> label. Stata labels on extended missings use the keys ".a" .. ".z"."""
    missing_values: tuple[float | str, ...] = ()
    """Discrete user-defined missing codes (SPSS), or the Stata tags (".a") that are labelled."""
    missing_ranges: tuple[tuple[float, float], ...] = ()
    """SPSS missing ranges, inclusive; ``-inf``/``inf`` stand for LO and HI."""
    measure: str = ""
    format: str = ""

    def is_missing_code(self, value: float | str | None) -> bool:
        """True when a raw value is a declared non-answer (not system missing)."""
        if value is None:
            return False
        if value in self.missing_values:
            return True
        if isinstance(value, str):
            return False
        return any(lo <= value <= hi for lo, hi in self.missing_ranges)

    @property
    def has_user_missing(self) -> bool:
        return bool(self.missing_values or self.missing_ranges)


@dataclass(frozen=True)
class Codebook:
    """The metadata of one file: enough to plan a read and to describe the file."""

    path: Path
    format: FileFormat
    n_rows: int
    file_label: str
    encoding: str
    variables: dict[str, Variable]
    """In file order."""

    def variable(self, name: str) -> Variable:
        """Look a variable up, failing with the closest names the file does have."""
        try:
            return self.variables[name]
        except KeyError:
            pass
        folded = {n.lower(): n for n in self.variables}
        if name.lower() in folded:
            hint = f"did you mean {folded[name.lower()]}? names are case-sensitive"
        else:
            close = difflib.get_close_matches(name, list(self.variables), n=3, cutoff=0.6)
            if close:
                hint = "did you mean " + ", ".join(close) + "?"
            else:
                shown = ", ".join(list(self.variables)[:8])
                more = " ..." if len(self.variables) > 8 else ""
                hint = f"the file has {len(self.variables)} variables: {shown}{more}"
        raise TutError.at(self.path, "", f"no variable named {name!r}", hint)

    @property
    def names(self) -> list[str]:
        return list(self.variables)
