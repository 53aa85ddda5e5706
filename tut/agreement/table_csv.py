"""Reading the text of a CSV reliability table within tut's limits (see tut/userfiles.py).

Kept apart from :mod:`tut.agreement.table`, which turns the records into reliability data.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from tut.errors import TutError
from tut.userfiles import (
    CELL_MAX_CHARS,
    LINE_MAX_CHARS,
    TABLE_MAX_BYTES,
    TABLE_MAX_CELLS,
    TABLE_MAX_COLUMNS,
    control_character,
    decode_text,
    long_line,
    read_limited,
)


def csv_text(path: Path, encoding: str) -> str:
    """The text of a CSV table within the limits, in the encoding the user named."""
    text = decode_text(read_limited(path, TABLE_MAX_BYTES, "a reliability table"), path, encoding)
    too_long = long_line(text)
    if too_long is not None:
        raise TutError.at(
            path, f"line {too_long[0]}", f"the line is {too_long[1]:,} characters long; a line "
            f"may be at most {LINE_MAX_CHARS:,}", "check it is a table of codes (this is usually "
            "a binary file or a broken export)",
        )
    control = control_character(text, path)
    if control is not None:
        raise control
    return text


def csv_records(path: Path, text: str, dialect: Any) -> list[tuple[int, list[str]]]:
    """Non-blank records with the line each starts on, within the column, cell and size limits."""
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[str]]] = []
    cells, end = 0, 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) > TABLE_MAX_COLUMNS:
                raise TutError.at(path, f"line {start}", f"{len(row):,} columns; a reliability "
                                  f"table may have at most {TABLE_MAX_COLUMNS:,}",
                                  "check the separator and --layout")
            cells += len(row)
            if cells > TABLE_MAX_CELLS:
                raise TutError.at(path, f"line {start}", f"more than {TABLE_MAX_CELLS:,} cells; a "
                                  "reliability table may have at most that many",
                                  "split the table, or sample units from it")
            long_cell = next((c for c in row if len(c) > CELL_MAX_CHARS), None)
            if long_cell is not None:
                raise _long_cell(path, f"line {start}")
            rows.append((start, row))
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise _long_cell(path, f"line {end + 1}") from None
        raise TutError.at(path, f"line {end + 1}", f"cannot read the CSV ({exc})",
                          'check the quotes; inside a quoted field write a quote twice ("")') from None
    return rows


def _long_cell(path: Path, place: str) -> TutError:
    return TutError.at(path, place, f"a cell longer than {CELL_MAX_CHARS:,} characters",
                       "a code is a number or a short label: check the quotes and the file")
