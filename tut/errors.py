"""Errors the user can fix, and how they are shown.

Every stage raises :class:`TutError` (or a subclass) for bad input. The CLI prints
``error: <file>:<place>: <what> (<how to fix>)`` and exits 2; tracebacks are only for
bugs (or ``--debug``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_LINE = re.compile(r"^line (\d+)\b")


@dataclass
class Problem:
    """One thing wrong in one place of one file."""

    file: str
    """Path of the file as the user named it (or a short label such as ``<table>``)."""
    place: str
    """Where in the file: ``line 12``, ``/variants/3/wording``, ``key design.psu`` ..."""
    what: str
    """What is wrong, in the user's words."""
    fix: str = ""
    """How to fix it; empty when obvious."""

    @property
    def line(self) -> int:
        """Line number of a ``line N ...`` place (0 when the place is not a line), for sorting."""
        m = _LINE.match(self.place)
        return int(m.group(1)) if m else 0

    def __str__(self) -> str:
        loc = f"{self.file}:{self.place}" if self.place else self.file
        return f"{loc}: {self.what}" + (f" ({self.fix})" if self.fix else "")


class TutError(Exception):
    """Bad input the user can fix; carries one or more :class:`Problem`."""

    def __init__(self, problems: Problem | list[Problem]) -> None:
        self.problems: list[Problem] = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, file: str | Path, place: str, what: str, fix: str = "") -> TutError:
        """Shortcut for the common single-problem case."""
        return cls(Problem(str(file), place, what, fix))

    def lines(self) -> list[str]:
        return [f"error: {p}" for p in self.problems]


def did_you_mean(word: str, known: Iterable[str], otherwise: str = "") -> str:
    """``did you mean 'x'?`` with the closest known name (most unknown names are typos),
    else ``otherwise`` (typically the list of names to choose from)."""
    from difflib import get_close_matches  # only when a name is wrong: keeps start-up lean

    close = get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else otherwise


def close_names(word: str, known: Iterable[str]) -> str:
    """``; did you mean a, b?`` with up to three close names, to end a message; else ""."""
    from difflib import get_close_matches

    close = get_close_matches(word, list(known), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""


def number_text(x: object) -> str:
    """A number from a user's file as a message shows it: ``1e+308``, never 309 digits.

    Whole numbers up to 15 digits print as integers (codes, counts); anything longer,
    fractional or non-finite in Python's shortest form that reads back as the same number.
    """
    if isinstance(x, int) and not isinstance(x, bool) and abs(x) < 10**15:
        return str(x)
    try:
        f = float(x)  # type: ignore[arg-type]
    except OverflowError:
        return f"a number of {len(str(x).lstrip('-'))} digits"
    except (TypeError, ValueError):
        return repr(x)
    if f.is_integer() and abs(f) < 1e15:
        return str(int(f))
    return repr(f)


@dataclass
class ValidationReport:
    """Every problem found while checking files; empty means valid."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_if_any(self) -> None:
        if self.problems:
            raise TutError(self.problems)
