"""Read SPSS, Stata and dictionary-described CSV microdata: metadata first, then columns.

Every reader returns the same thing (a :class:`Codebook`, then a polars frame of raw
values), so the comparison stage never knows which library read the file.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from tut.errors import TutError
from tut.microdata.codebook import Codebook, FileFormat, Variable, VariableKind

__all__ = ["Codebook", "Variable", "read_codebook", "read_columns", "file_format"]

Progress = Callable[[int, int], None]

_EXTENSIONS: dict[str, FileFormat] = {
    ".sav": "sav",
    ".zsav": "zsav",
    ".por": "por",
    ".dta": "dta",
    ".csv": "csv",
}

_SPSS_DATE = ("DATE", "ADATE", "EDATE", "JDATE", "SDATE", "QYR", "MOYR", "WKYR")
_SPSS_DATETIME = ("DATETIME", "YMDHMS")
_SPSS_TIME = ("TIME", "DTIME")


def file_format(path: Path) -> FileFormat:
    """The format the extension promises; anything else is refused up front."""
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise TutError.at(
            path,
            "",
            f"unknown microdata file type {path.suffix or '(no extension)'!r}",
            "use .sav, .zsav, .por, .dta, or .csv with a data dictionary",
        )
    return fmt


def _kind(fmt: FileFormat, display_format: str, readstat_type: str) -> VariableKind:
    """Variable kind from the display format, as SPSS and Stata users see it."""
    if readstat_type == "string":
        return "string"
    f = display_format.upper()
    if fmt == "dta":
        if f.startswith(("%TC",)):
            return "datetime"
        if f.startswith(("%TD", "%D")):
            return "date"
        return "numeric"
    head = f.rstrip("0123456789.")
    if head in _SPSS_DATETIME:
        return "datetime"
    if head in _SPSS_DATE:
        return "date"
    if head in _SPSS_TIME:
        return "time"
    return "numeric"


def _label_key(fmt: FileFormat, key: Any) -> float | str:
    if isinstance(key, str):
        # pyreadstat gives Stata labels on extended missings as the bare letter.
        if fmt == "dta" and len(key) == 1 and key.isalpha():
            return "." + key
        return key
    return float(key)


def _codebook_from_pyreadstat(path: Path, fmt: FileFormat, meta: Any, n_rows: int) -> Codebook:
    variables: dict[str, Variable] = {}
    for name in meta.column_names:
        rtype = meta.readstat_variable_types.get(name, "double")
        display = meta.original_variable_types.get(name) or ""
        labels = {
            _label_key(fmt, k): str(v)
            for k, v in (meta.variable_value_labels.get(name) or {}).items()
        }
        values: list[float | str] = []
        ranges: list[tuple[float, float]] = []
        for item in (meta.missing_ranges or {}).get(name, []):
            lo, hi = item["lo"], item["hi"]
            if lo == hi:
                values.append(lo if isinstance(lo, str) else float(lo))
            else:
                ranges.append((float(lo), float(hi)))
        if fmt == "dta":
            values.extend(k for k in labels if isinstance(k, str) and k.startswith("."))
        variables[name] = Variable(
            name=name,
            label=meta.column_names_to_labels.get(name) or "",
            kind=_kind(fmt, display, rtype),
            value_labels=labels,
            missing_values=tuple(values),
            missing_ranges=tuple(ranges),
            measure=(meta.variable_measure or {}).get(name, "unknown") or "unknown",
            format=display,
        )
    return Codebook(
        path=path,
        format=fmt,
        n_rows=n_rows,
        file_label=meta.file_label or "",
        encoding=meta.file_encoding or ("utf-8" if fmt == "dta" else ""),
        variables=variables,
    )


def _pyreadstat_reader(fmt: FileFormat) -> Callable[..., Any]:
    import pyreadstat

    return {"dta": pyreadstat.read_dta, "por": pyreadstat.read_por}.get(fmt, pyreadstat.read_sav)


def _unreadable(path: Path, fmt: FileFormat, exc: BaseException) -> TutError:
    kind = {"dta": "Stata", "csv": "CSV"}.get(fmt, "SPSS")
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return TutError.at(
        path,
        "",
        f"cannot read this as a {kind} .{fmt} file: {detail}",
        "check that the file is complete and really is that format; re-export it from "
        f"{kind if kind != 'CSV' else 'the source'} if needed",
    )


def read_codebook(path: str | Path) -> Codebook:
    """Read the file's metadata only: names, labels, value labels, missing declarations."""
    path = Path(path)
    fmt = file_format(path)
    if not path.is_file():
        raise TutError.at(path, "", "file not found", "check the path")
    if path.stat().st_size == 0:
        raise TutError.at(path, "", "the file is empty (0 bytes)", "copy or export it again")
    reader = _pyreadstat_reader(fmt)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extra = {} if fmt == "por" else {"user_missing": True}
            _, meta = reader(str(path), metadataonly=True, **extra)
    except Exception as exc:  # noqa: BLE001 - any reader failure is a user-facing file problem
        raise _unreadable(path, fmt, exc) from exc
    n_rows = meta.number_rows
    if n_rows is None:
        df, _ = reader(str(path), usecols=[meta.column_names[0]])
        n_rows = len(df)
    return _codebook_from_pyreadstat(path, fmt, meta, int(n_rows))


def read_columns(
    path: str | Path,
    columns: Sequence[str],
    *,
    codebook: Codebook | None = None,
    progress: Progress | None = None,
) -> pl.DataFrame:
    """Read only ``columns``, raw: user-missing codes kept, system/Stata missings as null."""
    path = Path(path)
    book = codebook or read_codebook(path)
    names = [book.variable(c).name for c in columns]
    fmt = book.format
    reader = _pyreadstat_reader(fmt)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extra = {"user_missing": True} if fmt in ("sav", "zsav") else {}
            df, _ = reader(str(path), usecols=names, **extra)
    except Exception as exc:  # noqa: BLE001
        raise _unreadable(path, fmt, exc) from exc
    out = pl.from_pandas(df[names], nan_to_null=True)
    out = out.with_columns(
        pl.col(c).cast(pl.Float64) for c in names if book.variables[c].kind == "numeric"
    )
    if progress is not None:
        progress(out.height, out.height)
    return out


def _is_nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)
