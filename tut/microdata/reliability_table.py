"""Reliability tables from SPSS (.sav, .zsav) and Stata (.dta) files, read through
:mod:`tut.microdata.readers`, so a broken file, SPSS user-missing codes and ranges and Stata
extended missings are handled as for survey microdata, in one place.

:mod:`tut.agreement` reads CSV tables itself and stays free of tut.microdata (it imports
with tut.microdata blocked); this adapter hands it the rows of a statistics file.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import polars as pl

from tut.agreement.data import ReliabilityData
from tut.agreement.table import Layout, number_or_none
from tut.agreement.table import load_table as load_agreement_table
from tut.microdata.readers import read_codebook, read_columns


def stat_rows(path: Path, missing: str | None) -> tuple[list[list[Any]], list[str]]:
    """Rows of raw values (``""`` where missing) and the variable names of a .sav/.dta.

    Missing: system missing and Stata ``.``/``.a``-``.z``, the codes and ranges the file
    declares missing (SPSS user-missing), and the ``--missing`` token. Value labels are not
    applied: the codes are what coders agree on, whatever their labels say.
    """
    book = read_codebook(path, count_rows=False)
    names = list(book.variables)
    frame = _plain_values(read_columns(path, names, codebook=book))
    declared = [book.variable(name) for name in names]
    token = number_or_none(missing) if missing is not None else None
    rows: list[list[Any]] = []
    for record in frame.iter_rows():
        row: list[Any] = []
        for v, var in zip(record, declared, strict=True):
            if v is None or (isinstance(v, float) and math.isnan(v)) or var.is_missing_code(v):
                row.append("")
            elif missing is not None and _same(v, missing, token):
                row.append("")
            else:
                row.append(v)
        rows.append(row)
    return rows, names


def _plain_values(frame: pl.DataFrame) -> pl.DataFrame:
    """Dates as text and times as numbers, so that no row becomes a Python ``datetime``: a
    date SPSS stores outside Python's range (haven's datetime.sav holds the year 201416)
    stopped the whole read with a ValueError."""
    return frame.with_columns(pl.col(pl.Date, pl.Datetime).dt.to_string(),
                              pl.col(pl.Duration, pl.Time).to_physical())


def _same(v: Any, missing: str, token: float | None) -> bool:
    if token is not None and isinstance(v, int | float) and not isinstance(v, bool):
        return float(v) == token
    return str(v).strip() == missing.strip()


def load_table(
    path: str | Path,
    level: str,
    *,
    layout: Layout | str = "units-x-coders",
    missing: str | None = None,
    encoding: str = "utf-8",
) -> ReliabilityData:
    """:func:`tut.agreement.table.load_table` that also reads SPSS and Stata files."""
    return load_agreement_table(
        path, level, layout=layout, missing=missing, encoding=encoding, read_stat=stat_rows
    )
