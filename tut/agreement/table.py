"""Reading reliability tables (CSV, SPSS .sav, Stata .dta) so published data can be checked.

Layouts:

- ``units-x-coders`` (default): one row per unit, one column per coder; a header row names
  the coders; a first column headed ``unit``/``id``/``segment`` (or left blank) names units;
- ``coders-x-units``: one row per coder (first column may name the coder), one column per unit;
- ``long``: one row per code with columns unit, coder, value (found by name, else the first
  three columns in that order).

A CSV's first row is a header unless every cell in it is a number. Empty cells, ``NA``,
``NaN``, ``.`` and the ``--missing`` token are missing. SPSS and Stata files are read by
:mod:`tut.microdata.reliability_table` (through tut.microdata's readers, given here as
``read_stat``), where SPSS user-missing and Stata extended-missing values are missing too.

Anything wrong with the table raises one :class:`~tut.errors.TutError` naming the file and
the place: an empty file, ragged rows, one coder, no unit coded twice, one value in the
whole table, text where the level needs numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt

from tut.agreement.data import (
    MISSING_TEXT,
    ReliabilityData,
    ReliabilityDataError,
    reliability_data,
)
from tut.agreement.table_csv import csv_records, csv_text
from tut.errors import TutError
from tut.userfiles import TABLE_MAX_BYTES, check_file

Layout = Literal["units-x-coders", "coders-x-units", "long"]
StatReader = Callable[[Path, "str | None"], tuple[list[list[Any]], list[str]]]
"""Reads a .sav/.dta: rows of raw values (``""`` where missing) and the variable names."""
LAYOUTS: tuple[str, ...] = get_args(Layout)

STAT_SUFFIXES = (".sav", ".zsav", ".dta")
MISSING_TOKENS = MISSING_TEXT | {"."}  # "." is SPSS and Stata's missing in exported text
# Header names (lower case) that mark the unit, coder and value columns, in English and
# Spanish (ENUT files name their cases ``folio``).
UNIT_HEADERS = frozenset(
    {"unit", "units", "unit_id", "id", "segment", "segment_id", "item", "subject", "case"}
    | {"case_id", "caseid", "respondent", "respondent_id", "resp_id"}
    | {"unidad", "segmento", "id_segmento", "caso", "folio", "informante"}
)
CODER_HEADERS = frozenset(
    {"coder", "coders", "coder_id", "rater", "raters", "observer", "judge", "annotator"}
    | {"codificador", "codificadora", "evaluador", "evaluadora", "observador"}
)
VALUE_HEADERS = frozenset(
    {"value", "code", "rating", "category", "score", "label"}
    | {"valor", "codigo", "código", "categoria", "categoría"}
)


@dataclass(frozen=True)
class Cell:
    """One non-missing value and where it came from (for messages)."""

    value: float | str
    place: str
    written: str = ""
    """The cell's text when it reads as a number other than it looks (``1e999`` is inf)."""


@dataclass(frozen=True)
class RawTable:
    """Values as read, coders x units, with the place of every cell.

    A wide table whose every cell is a number or missing comes as ``numbers`` (NaN =
    missing) and no ``cells``: a million cells then read in a second, not in ten.
    """

    cells: list[list[Cell | None]]
    coders: tuple[str, ...]
    units: tuple[str, ...]
    numbers: npt.NDArray[np.float64] | None = None


def load_table(
    path: str | Path,
    level: str,
    *,
    layout: Layout | str = "units-x-coders",
    missing: str | None = None,
    encoding: str = "utf-8",
    read_stat: StatReader | None = None,
) -> ReliabilityData:
    """Read a reliability table and check it can give agreement figures at all.
    ``encoding``: a CSV's text encoding when it is not UTF-8 (``latin-1``, ``windows-1252``).
    ``read_stat`` reads SPSS/Stata files (:func:`tut.microdata.reliability_table.stat_rows`;
    this package does not depend on tut.microdata)."""
    path = Path(path)
    if layout not in LAYOUTS:
        raise TutError.at(
            path, "", f"unknown layout {layout!r}", f"use one of: {', '.join(LAYOUTS)}"
        )
    raw = read_table(path, layout, missing, encoding, read_stat)
    return check_table(path, raw, level)


def read_table(
    path: Path,
    layout: str,
    missing: str | None = None,
    encoding: str = "utf-8",
    read_stat: StatReader | None = None,
) -> RawTable:
    """The raw values of a CSV, .sav or .dta reliability table (no checks on agreement yet)."""
    check_file(path, TABLE_MAX_BYTES, "a reliability table")
    if path.stat().st_size == 0:
        raise TutError.at(path, "", "the file is empty", "export the reliability table again")
    suffix = path.suffix.lower()
    tokens = MISSING_TOKENS | ({missing.strip().lower()} if missing is not None else set())
    header: list[str] | None
    rows: list[list[Any]]
    if suffix in STAT_SUFFIXES:
        if read_stat is None:
            raise TutError.at(
                path, "", "SPSS and Stata tables are read through tut.microdata",
                "use tut.microdata.reliability_table.load_table, or export the table as CSV",
            )
        rows, header = read_stat(path, missing)
        places = [f"case {i}" for i in range(1, len(rows) + 1)]
    else:
        numbered, header = _read_csv(path, encoding)
        places = [f"line {i}" for i, _ in numbered]
        rows = [row for _, row in numbered]
    if not rows and header is None:
        raise TutError.at(path, "", "the file is empty", "export the reliability table again")
    if not rows:
        raise TutError.at(path, "", "the table has a header but no data rows")
    if layout == "long":
        return _long(path, rows, places, header, tokens)
    return _wide(path, rows, places, header, tokens, layout)


def _read_csv(path: Path, encoding: str) -> tuple[list[tuple[int, list[str]]], list[str] | None]:
    """Non-blank rows with their line numbers, and the header if the first row is one."""
    text = csv_text(path, encoding)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = csv_records(path, text, dialect)
    if not rows:
        return [], None
    expected = len(rows[0][1])
    for i, row in rows:
        if len(row) != expected:
            raise TutError.at(
                path,
                f"line {i}",
                f"ragged row: {len(row)} cells where the first row has {expected}",
                "give every row the same number of cells (leave missing codes empty)",
            )
    first = rows[0][1]
    if all(number_or_none(c) is not None or c.strip().lower() in MISSING_TOKENS for c in first):
        return rows, None
    return rows[1:], [c.strip() for c in first]


def number_or_none(cell: Any) -> float | None:
    """The cell as a number, None when it is not one (or NaN)."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    try:
        f = float(str(cell).strip())
    except ValueError:
        return None
    return None if np.isnan(f) else f


def _cell(raw: Any, tokens: frozenset[str], place: str) -> Cell | None:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Cell(float(raw), place)
    text = str(raw).strip()
    if text.lower() in tokens:
        return None
    num = number_or_none(text)
    if num is not None and not np.isfinite(num):
        return Cell(num, place, text)
    return Cell(num if num is not None else text, place)


def _col_name(j: int) -> str:
    return f"column {j + 1}"


def _where(j: int, header: list[str] | None, stat: bool) -> str:
    """A cell's column as the user sees it: the SPSS/Stata variable, or the CSV column."""
    name = header[j] if header is not None and j < len(header) else ""
    if stat and name:
        return f"variable {name}"
    return f"{_col_name(j)} ({name})" if name else _col_name(j)


def _wide(
    path: Path,
    rows: list[list[Any]],
    places: list[str],
    header: list[str] | None,
    tokens: frozenset[str],
    layout: str,
) -> RawTable:
    names = {h.strip().lower() for h in header or ()}
    if layout == "units-x-coders" and names & CODER_HEADERS and names & VALUE_HEADERS:
        # Read as wide, a long table gives an alpha between its coder and code columns.
        raise TutError.at(
            path,
            "header",
            f"the header ({', '.join(header or ())}) is that of a long table, one row per code",
            "add --layout long",
        )
    label_word = UNIT_HEADERS if layout == "units-x-coders" else CODER_HEADERS
    has_labels = header is not None and (header[0] == "" or header[0].lower() in label_word)
    start = 1 if has_labels else 0
    width = len(rows[0])
    if width - start < 1:
        raise TutError.at(path, places[0], "no columns of codes")
    col_names = (
        tuple(header[start:])
        if header is not None
        else tuple(_col_name(j) for j in range(start, width))
    )
    row_names = tuple(
        str(r[0]).strip() if has_labels else f"row {i + 1}" for i, r in enumerate(rows)
    )
    _check_once(path, col_names, row_names, places, layout)
    numbers = _numeric_block(rows, start, tokens)
    if numbers is not None:
        if layout == "units-x-coders":
            return RawTable([], col_names, row_names, np.ascontiguousarray(numbers.T))
        return RawTable([], row_names, col_names, numbers)
    stat = path.suffix.lower() in STAT_SUFFIXES
    where = [_where(j, header, stat) for j in range(width)]
    grid: list[list[Cell | None]] = [
        [_cell(r[j], tokens, f"{place}, {where[j]}") for j in range(start, width)]
        for r, place in zip(rows, places, strict=True)
    ]
    if layout == "units-x-coders":
        cells = [list(col) for col in zip(*grid, strict=True)]
        return RawTable(cells, col_names, row_names)
    return RawTable(grid, row_names, col_names)


def _check_once(path: Path, col_names: tuple[str, ...], row_names: tuple[str, ...],
                places: list[str], layout: str) -> None:
    """A coder or a unit named twice is refused: read as two, one coder's codes would agree
    with themselves, or one unit would count twice."""
    cols, rows = ("coder", "unit") if layout == "units-x-coders" else ("unit", "coder")
    for j, name in enumerate(col_names):
        if name.strip() and name in col_names[:j]:
            raise TutError.at(path, "header", f"{cols} '{name}' has two columns ({col_names.index(name) + 1}"
                              f" and {j + 1} of the codes)", f"give each {cols} one column")
    seen: dict[str, int] = {}
    for i, name in enumerate(row_names):
        if name in seen:
            raise TutError.at(path, places[i], f"{rows} '{name}' has a second row (the first is "
                              f"{places[seen[name]]})", f"give each {rows} one row")
        seen[name] = i


def _numeric_block(
    rows: list[list[Any]], start: int, tokens: frozenset[str]
) -> npt.NDArray[np.float64] | None:
    """The code cells as numbers (NaN = missing), or None if any cell is text (or infinite):
    the cell-by-cell path then says which one."""
    block = np.array([r[start:] for r in rows], dtype=object)
    text = np.char.lower(np.char.strip(block.astype(str)))
    missing = np.isin(text, sorted(tokens))
    try:
        values = np.where(missing, "nan", text).astype(np.float64)
    except ValueError:
        return None
    if np.isinf(values).any() or (np.isnan(values) & ~missing).any():
        return None  # 'inf', '1e999', '-nan': the cell path names the cell
    return values


def _long(
    path: Path,
    rows: list[list[Any]],
    places: list[str],
    header: list[str] | None,
    tokens: frozenset[str],
) -> RawTable:
    if len(rows[0]) < 3:
        raise TutError.at(
            path, places[0], "the long layout needs three columns: unit, coder, value"
        )
    names = [h.lower() for h in header] if header is not None else []

    def find(wanted: frozenset[str], default: int) -> int:
        return next((i for i, h in enumerate(names) if h in wanted), default)

    iu, ic, iv = find(UNIT_HEADERS, 0), find(CODER_HEADERS, 1), find(VALUE_HEADERS, 2)
    units: dict[str, int] = {}
    coders: dict[str, int] = {}
    seen: dict[tuple[int, int], Cell] = {}
    for r, line in zip(rows, places, strict=True):
        unit, coder = str(r[iu]).strip(), str(r[ic]).strip()
        if not unit or not coder:
            raise TutError.at(path, line, "a row without unit or coder", "fill both columns")
        u = units.setdefault(unit, len(units))
        c = coders.setdefault(coder, len(coders))
        cell = _cell(r[iv], tokens, line)
        if cell is None:
            continue
        prev = seen.get((c, u))
        if prev is not None and prev.value != cell.value:
            raise TutError.at(
                path,
                line,
                f"coder {coder} gave unit {unit} two values ({prev.value} at {prev.place}, "
                f"{cell.value} here)",
                "keep one value per coder and unit",
            )
        seen[(c, u)] = cell
    cells: list[list[Cell | None]] = [[None] * len(units) for _ in coders]
    for (c, u), cell in seen.items():
        cells[c][u] = cell
    return RawTable(cells, tuple(coders), tuple(units))


def check_table(path: Path, raw: RawTable, level: str) -> ReliabilityData:
    """Turn raw values into reliability data, or say in one message why agreement is impossible."""
    if raw.numbers is not None:
        return _check_numbers(path, raw, raw.numbers, level)
    present = [cell for row in raw.cells for cell in row if cell is not None]
    if not present:
        raise TutError.at(path, "", "the table holds no codes at all (every cell is missing)")
    infinite = next((c for c in present if isinstance(c.value, float)
                     and not np.isfinite(c.value)), None)
    if infinite is not None:
        shown = repr(infinite.written) if infinite.written else str(infinite.value)
        raise TutError.at(path, infinite.place, f"{shown} is not a finite number",
                          "write the code as a finite number, or leave the cell empty if it "
                          "was not coded")
    texts = [c for c in present if isinstance(c.value, str)]
    if texts and level != "nominal":
        first = texts[0]
        raise TutError.at(
            path,
            first.place,
            f"{first.value!r} is text, but --level {level} needs numbers",
            _text_fix(str(first.value)),
        )
    coded = [name for name, row in zip(raw.coders, raw.cells, strict=True) if any(row)]
    per_unit = [sum(row[u] is not None for row in raw.cells) for u in range(len(raw.units))]
    values = {c.value if isinstance(c.value, str) else float(c.value) for c in present}
    _check_counts(path, coded, max(per_unit, default=0), values)
    matrix: np.ndarray[Any, Any]
    if not texts:
        matrix = np.array(
            [[np.nan if c is None else float(c.value) for c in row] for row in raw.cells],
            dtype=np.float64,
        )
    else:
        matrix = np.array(
            [[None if c is None else _text(c.value) for c in row] for row in raw.cells],
            dtype=object,
        )
    try:
        return reliability_data(matrix, level, coders=raw.coders, units=raw.units)
    except ReliabilityDataError as exc:
        raise TutError.at(path, "", str(exc)) from None


def _text_fix(value: str) -> str:
    """How to fix text where numbers are needed: a lone '*' or '-' is most often a
    missing-value token that was not given."""
    if not any(ch.isalnum() for ch in value):
        return f"if {value!r} marks a missing code, add --missing {value!r}"
    return "use --level nominal for text categories, or recode them as numbers"


def _check_counts(
    path: Path, coded: list[str], most_per_unit: int, values: set[float | str]
) -> None:
    """The checks every table passes: two coders, a unit coded twice, two values."""
    if len(coded) < 2:
        who = f" ({coded[0]})" if coded else ""
        raise TutError.at(
            path,
            "",
            f"only one coder{who} has codes: agreement needs two or more",
            "check --layout (coders are columns in units-x-coders, rows in coders-x-units)",
        )
    if most_per_unit < 2:
        raise TutError.at(
            path,
            "",
            "no unit was coded by two or more coders: there is nothing to compare",
            "check --layout and the missing-value token",
        )
    if len(values) == 1:
        only = next(iter(values))
        shown = int(only) if isinstance(only, float) and only.is_integer() else only
        raise TutError.at(
            path,
            "",
            f"every code in the table is {shown!r}: without variation agreement is undefined",
            "check the file holds the codes you meant to test",
        )


def _check_numbers(
    path: Path, raw: RawTable, numbers: npt.NDArray[np.float64], level: str
) -> ReliabilityData:
    """:func:`check_table` for an all-number table, vectorised."""
    coded_mask = ~np.isnan(numbers)
    if not coded_mask.any():
        raise TutError.at(path, "", "the table holds no codes at all (every cell is missing)")
    by_coder: list[bool] = np.asarray(coded_mask.any(axis=1)).tolist()
    coded = [name for name, k in zip(raw.coders, by_coder, strict=True) if k]
    most = int(coded_mask.sum(axis=0).max(initial=0))
    distinct = np.unique(numbers[coded_mask])
    values: set[float | str] = {float(v) for v in distinct[:2]}
    _check_counts(path, coded, most, values)
    try:
        return reliability_data(numbers, level, coders=raw.coders, units=raw.units)
    except ReliabilityDataError as exc:
        raise TutError.at(path, "", str(exc)) from None


def _text(v: float | str) -> str:
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else str(v)
    return v
