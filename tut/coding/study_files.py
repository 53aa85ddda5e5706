"""Reading the JSON files tut keeps in a study folder, for every one of them the same way.

``study.json``, ``protocol.json``, ``frame.json``, ``wordings.json``, ``segments.jsonl``, the
frame revisions, withdrawals, training set and recode samples are written by tut, but they
live in a folder users copy, sync and sometimes edit. A file that is damaged (cut short,
saved in another encoding, replaced by a folder or a pipe, hand-edited into another shape)
is one located error naming it, never a Python exception and never a read that blocks.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tut.errors import TutError
from tut.userfiles import MB, check_file, decode_utf8, read_limited

STUDY_FILE_MAX_BYTES = 500 * MB
"""One file of a study folder (segments.jsonl holds every answer: a 50 MB segments file
becomes about as much)."""

RESTORE = "restore it from a backup or a copy of the study; never edit it by hand"
KIND = "a study file"
TOO_DEEP = "lists or objects nested too deep to be anything tut writes"
T = TypeVar("T")


def damaged(path: str | Path, place: str, what: str, fix: str = RESTORE) -> TutError:
    """The error for a study file that is not what tut wrote."""
    return TutError.at(path, place, f"damaged file: {what}", fix)


def read_study_json(path: Path, *, fix: str = RESTORE, required: bool = True) -> Any:
    """The JSON value a study file holds; None when it is absent and not ``required``."""
    if not required and not os.path.lexists(path):
        return None
    if required and not os.path.lexists(path):
        raise TutError.at(path, "", "missing from the study folder", fix)
    text = decode_utf8(read_limited(path, STUDY_FILE_MAX_BYTES, KIND), path, fix=fix)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise damaged(path, f"line {exc.lineno}, column {exc.colno}",
                      f"not JSON ({exc.msg.lower()})", fix) from None
    except ValueError as exc:
        raise damaged(path, "", str(exc), fix) from None
    except RecursionError:
        raise damaged(path, "", TOO_DEEP, fix) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number tut writes")


def study_json_lines(path: Path, *, fix: str = RESTORE) -> Iterator[tuple[int, str]]:
    """The numbered non-blank lines of a JSON Lines study file, read as a stream; a line that
    is not UTF-8 is a located error."""
    if not os.path.lexists(path):
        raise TutError.at(path, "", "missing from the study folder", fix)
    check_file(path, STUDY_FILE_MAX_BYTES, KIND)
    try:
        with open(path, "rb") as fh:
            for lineno, raw in enumerate(fh, start=1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise TutError.at(path, f"line {lineno}", f"not UTF-8 text (byte "
                                      f"0x{raw[exc.start]:02x} at column {exc.start + 1})",
                                      fix) from None
                if line.strip():
                    yield lineno, line
    except OSError as exc:
        raise TutError.at(path, "", f"cannot read the file ({exc.strerror or exc})",
                          "check the study folder's permissions") from None


def shape_error(path: str | Path, exc: Exception, place: str = "", fix: str = RESTORE) -> TutError:
    """A study file whose JSON is valid but not shaped as tut writes it (a key missing, a
    value of the wrong kind), said in words rather than as Python's exception text."""
    if isinstance(exc, KeyError):
        what = f"no '{exc.args[0]}' entry" if exc.args else "an entry is missing"
    else:
        what = "an entry is not of the kind tut writes (a list, text or number where another is expected)"
    return damaged(path, place, what, fix)


def shaped(path: Path, raw: Any, build: Callable[[Any], T], fix: str = RESTORE) -> T:
    """``build(raw)``; JSON not shaped as tut writes it (a key missing, a list where an
    object belongs) is a damaged-file error naming the file, not a Python exception."""
    try:
        return build(raw)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise shape_error(path, exc, fix=fix) from None
