"""Read SPSS, Stata, dictionary-described CSV and IPUMS DDI microdata: metadata first, then columns.

Two libraries, one contract. pyreadstat is the reference: it reads the codebook.
polars-readstat does the bulk reads (lazy column selection, batches, many times faster
on wide files). Both produce the same frame — raw values in tut's dtypes
(:data:`tut.microdata.codebook.DTYPES`):

* numbers as Float64; SPSS user-missing codes kept as their values (-1, 9, 2500),
  system missing and Stata ``.`` and ``.a``-``.z`` as null;
* strings as String (empty cells stay ``""``);
* dates as Date, datetimes as Datetime(ms), SPSS TIME/DTIME as Duration(ms).

When the chosen library cannot read a file, the other is tried before the user sees an
error; if neither can, one :class:`~tut.errors.TutError` names the file and both reasons.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Literal

import polars as pl

from tut.errors import TutError
from tut.microdata.codebook import Codebook, FileFormat, Variable
from tut.microdata.sniff import a_kind, check_file, file_format

__all__ = [
    "Codebook",
    "Engine",
    "Progress",
    "Variable",
    "file_format",
    "iter_batches",
    "read_codebook",
    "read_columns",
]

Progress = Callable[[int, int], None]
"""Called as ``progress(rows_done, rows_total)`` after each batch."""
Engine = Literal["auto", "pyreadstat", "polars-readstat"]

_FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)
"""Never swallowed; anything else a library raises (pyo3 panics are BaseException) is
turned into a reason for trying the other library."""

_PYREADSTAT = "pyreadstat"
_POLARS = "polars-readstat"
_MODULES = {
    _PYREADSTAT: "tut.microdata.pyreadstat_reader",
    _POLARS: "tut.microdata.polars_reader",
    "csv": "tut.microdata.csv_reader",
    "ddi": "tut.microdata.fixed_width",
}
"""Reader name (each module's ``NAME``) -> module."""


def _engine(name: str) -> ModuleType:
    """A reader module, imported on first use: an IPUMS extract needs neither pyreadstat
    nor the YAML validator, and a .sav needs no fixed-width reader."""
    return importlib.import_module(_MODULES[name])


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return first[:160]


def _unreadable(path: Path, fmt: FileFormat, failures: list[tuple[str, BaseException]]) -> TutError:
    reasons = "; ".join(f"{name}: {_reason(exc)}" for name, exc in failures)
    source = "Stata" if fmt == "dta" else "SPSS"
    return TutError.at(
        path,
        "",
        f"cannot read it as {a_kind(fmt)} file; it looks damaged or cut short ({reasons})",
        f"copy the file again or re-export it from {source}",
    )


def _engine_order(engine: Engine, preferred: Sequence[str]) -> list[str]:
    if engine == "auto":
        return list(preferred)
    if engine not in (_PYREADSTAT, _POLARS):
        raise ValueError(f"engine must be auto, pyreadstat or polars-readstat, not {engine!r}")
    return [engine]


def read_codebook(
    path: str | Path, *, dictionary: str | Path | None = None, engine: Engine = "auto",
    table: str | None = None, count_rows: bool = True,
) -> Codebook:
    """Read the file's metadata only: names, labels, value labels, missing declarations.

    pyreadstat reads it (``metadataonly=True``); if it refuses the file (Stata format
    102, for one) polars-readstat is tried, and the codebook notes say so. A ``.csv``
    needs a data dictionary beside it (see :mod:`tut.microdata.csv_reader`). An ``.xml``
    is an IPUMS DDI whose fixed-width data sit beside it; ``table`` names the record type
    of a hierarchical extract (see :mod:`tut.microdata.fixed_width`); counting its rows
    decompresses the data, which ``count_rows=False`` skips (``n_rows`` is then 0).
    """
    path = Path(path)
    fmt = file_format(path)
    header = check_file(path, fmt)
    if table and fmt != "ddi":
        raise TutError.at(path, "", f"table {table!r} given, but only IPUMS hierarchical "
                          "extracts hold several tables", "leave table out")
    if fmt == "ddi":
        ddi_book: Codebook = _engine("ddi").codebook(path, table, count=count_rows)
        return ddi_book
    if fmt == "csv":
        csv_book: Codebook = _engine("csv").codebook(path, Path(dictionary) if dictionary else None)
        return csv_book
    failures: list[tuple[str, BaseException]] = []
    for name in _engine_order(engine, [_PYREADSTAT, _POLARS]):
        try:
            book: Codebook = _engine(name).codebook(path, header)
        except TutError:
            raise
        except _FATAL:
            raise
        except BaseException as exc:  # noqa: BLE001 - library errors (even Rust panics) become one line
            failures.append((name, exc))
            continue
        if not book.variables:
            failures.append((name, ValueError("the file declares no variables")))
            continue
        notes = tuple(
            f"{other} cannot read this file ({_reason(exc)}); read with {name}"
            for other, exc in failures
        )
        return dataclasses.replace(book, notes=book.notes + notes) if notes else book
    raise _unreadable(path, fmt, failures)


def _plan(book: Codebook, names: list[str], engine: Engine) -> list[str]:
    """Which library reads the data, in the order to try them."""
    if engine != "auto":
        return _engine_order(engine, [])
    if book.reader == _POLARS:  # pyreadstat already refused this file
        return [_POLARS, _PYREADSTAT]
    if book.format == "por":  # small legacy files; polars-readstat ignores their missings
        return [_PYREADSTAT, _POLARS]
    if book.format == "dta" and any(book.variables[n].kind == "string" for n in names):
        # polars-readstat silently replaces undecodable bytes (latin1 text in a UTF-8
        # format 118 file); pyreadstat raises, and then reads it as latin1.
        return [_PYREADSTAT, _POLARS]
    try:
        lossy = _engine(_POLARS).lossy_columns(book, names)
    except _FATAL:
        raise
    except BaseException:  # noqa: BLE001 - polars-readstat cannot even open it: use pyreadstat
        return [_PYREADSTAT, _POLARS]
    if lossy:
        return [_PYREADSTAT, _POLARS]
    return [_POLARS, _PYREADSTAT]


def _check_columns(book: Codebook, columns: Iterable[str]) -> list[str]:
    if isinstance(columns, str):
        columns = [columns]
    names: list[str] = []
    for column in columns:
        name = book.variable(column).name
        if name not in names:
            names.append(name)
    return names


def _empty(book: Codebook, names: list[str], missing_tags: bool) -> pl.DataFrame:
    schema: dict[str, pl.DataType] = {}
    for n in names:
        schema[n] = book.variables[n].dtype
        if missing_tags and book.format == "dta" and book.variables[n].kind != "string":
            schema[f"{n}.missing"] = pl.String()
    return pl.DataFrame(schema=schema)


def iter_batches(
    path: str | Path,
    columns: Iterable[str],
    *,
    codebook: Codebook | None = None,
    batch_rows: int | None = None,
    progress: Progress | None = None,
    engine: Engine = "auto",
    missing_tags: bool = False,
) -> Iterator[pl.DataFrame]:
    """Yield the columns batch by batch, for files larger than memory.

    ``batch_rows`` sets the batch size (polars-readstat otherwise sizes batches from the
    row width). A library that fails before its first batch is replaced by the other;
    a failure after some rows were yielded is reported as a damaged file.
    ``missing_tags=True`` adds, for each numeric Stata column, a String column
    ``"<name>.missing"`` holding ``".a"`` .. ``".z"`` where the value is an extended missing.
    """
    path = Path(path)
    book = codebook or read_codebook(path, count_rows=False)
    names = _check_columns(book, columns)
    total = book.n_rows
    plan = [book.format] if book.format in ("csv", "ddi") else _plan(book, names, engine)
    failures: list[tuple[str, BaseException]] = []
    for name in plan:
        done = 0
        try:
            for frame in _engine(name).batches(
                book, names, batch_rows=batch_rows, missing_tags=missing_tags
            ):
                done += frame.height
                yield frame
                if progress is not None:
                    progress(done, max(total, done))
        except TutError:
            raise
        except _FATAL:
            raise
        except BaseException as exc:  # noqa: BLE001
            if done:
                raise TutError.at(
                    path, f"row {done + 1}", f"the file is damaged after row {done} ({name}: {_reason(exc)})",
                    "copy the file again or re-export it",
                ) from None
            failures.append((name, exc))
            continue
        if done == 0 and progress is not None:
            progress(0, total)
        return
    raise _unreadable(path, book.format, failures)


def read_columns(
    path: str | Path,
    columns: Iterable[str],
    *,
    codebook: Codebook | None = None,
    progress: Progress | None = None,
    engine: Engine = "auto",
    missing_tags: bool = False,
) -> pl.DataFrame:
    """Read only ``columns`` (in the order given), raw, as one frame in file row order.

    See the module docstring for the values and dtypes; missing declarations are in the
    codebook (``codebook.variable(name).missing_values`` / ``missing_ranges`` /
    ``missing_expr()``) so callers can count non-answers.
    """
    path = Path(path)
    book = codebook or read_codebook(path, count_rows=False)
    names = _check_columns(book, columns)
    frames = list(
        iter_batches(path, names, codebook=book, progress=progress, engine=engine,
                     missing_tags=missing_tags)
    )
    if not frames:
        return _empty(book, names, missing_tags)
    if len(frames) == 1:
        return frames[0]
    # No rechunk: it would hold the data twice at the peak; polars and to_numpy() work
    # on chunked columns.
    return pl.concat(frames, how="vertical", rechunk=False)
