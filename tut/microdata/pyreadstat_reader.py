"""pyreadstat, the reference reader: metadata, labels, missing declarations, odd files.

It is slower on bulk reads than polars-readstat, but it is the library SPSS/Stata users
already trust for metadata and the one with the workarounds SOURCES.md documents
(``disable_datetime_conversion``, ``encoding="latin1"``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from tut.microdata.codebook import Codebook, FileFormat, Variable, kind_from_format
from tut.microdata.sniff import FileHeader
from tut.microdata.temporal import from_raw

NAME = "pyreadstat"
LATIN1_NOTE = "strings are not valid UTF-8 although the format says so; decoded as latin1"


def _reader(fmt: FileFormat) -> Callable[..., Any]:
    import pyreadstat

    if fmt == "dta":
        return pyreadstat.read_dta
    if fmt == "por":
        return pyreadstat.read_por
    return pyreadstat.read_sav


def _call(fmt: FileFormat, path: Path, **kwargs: Any) -> tuple[Any, Any]:
    if fmt != "por":
        kwargs.setdefault("user_missing", True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _reader(fmt)(str(path), disable_datetime_conversion=True, **kwargs)  # type: ignore[no-any-return]


def _label_key(fmt: FileFormat, key: Any, is_string: bool) -> float | str:
    if is_string:
        return str(key)
    if isinstance(key, str):
        # Stata labels on extended missings come back as the bare letter ("a").
        return "." + key if fmt == "dta" and len(key) == 1 else key
    return float(key)


def _bound(x: float) -> float:
    """SPSS writes LO/HI as +-DBL_MAX; pyreadstat may give that or infinity."""
    x = float(x)
    if x <= -1.79e308:
        return -math.inf
    if x >= 1.79e308:
        return math.inf
    return x


def codebook(path: Path, header: FileHeader) -> Codebook:
    """Metadata only (``metadataonly=True``); a .por file has no row count, so count it.

    ``output_format="dict"`` keeps pyreadstat from importing pandas (0.2-0.3 s) just to
    build the empty frame a metadata read returns.
    """
    fmt = header.format
    notes: tuple[str, ...] = ()
    try:
        _, meta = _call(fmt, path, metadataonly=True, output_format="dict")
    except UnicodeDecodeError:
        if fmt != "dta":
            raise
        # A format 118+ file whose labels are latin1 although the format says UTF-8.
        _, meta = _call(fmt, path, metadataonly=True, encoding="latin1", output_format="dict")
        notes = (LATIN1_NOTE,)
    variables: dict[str, Variable] = {}
    for name in meta.column_names:
        is_string = meta.readstat_variable_types.get(name) == "string"
        display = meta.original_variable_types.get(name) or ""
        labels = {
            _label_key(fmt, k, is_string): str(v)
            for k, v in (meta.variable_value_labels.get(name) or {}).items()
        }
        values: list[float | str] = []
        ranges: list[tuple[float, float]] = []
        for item in (meta.missing_ranges or {}).get(name, []):
            lo, hi = item["lo"], item["hi"]
            if isinstance(lo, str) or isinstance(hi, str):
                values.append(str(lo))
            elif lo == hi:
                values.append(float(lo))
            else:
                ranges.append((_bound(lo), _bound(hi)))
        if fmt == "dta":
            values.extend(k for k in labels if isinstance(k, str) and k.startswith("."))
        measure = (meta.variable_measure or {}).get(name) or "unknown"
        variables[name] = Variable(
            name=name,
            label=(meta.column_names_to_labels or {}).get(name) or "",
            kind=kind_from_format(fmt, display, is_string),
            value_labels=labels,
            missing_values=tuple(values),
            missing_ranges=tuple(ranges),
            measure=measure,
            format=display,
        )
    n_rows = meta.number_rows
    if n_rows is None or n_rows < 0:
        first = meta.column_names[:1]
        columns, _ = _call(fmt, path, usecols=first, output_format="dict")
        n_rows = len(next(iter(columns.values()), ()))
    return Codebook(
        path=path,
        format=fmt,
        n_rows=int(n_rows),
        file_label=meta.file_label or "",
        encoding="latin1" if notes else _encoding(meta.file_encoding, header),
        variables=variables,
        reader=NAME,
        notes=notes,
    )


def _encoding(reported: str | None, header: FileHeader) -> str:
    if reported:
        return str(reported).lower()
    if header.format == "dta":
        # pyreadstat does not report Stata's encoding: UTF-8 from format 118, else the
        # Windows code page Stata used before Unicode.
        return "utf-8" if (header.version or 0) >= 118 else "windows-1252"
    return ""


def batches(
    book: Codebook,
    names: list[str],
    *,
    batch_rows: int | None = None,
    missing_tags: bool = False,
) -> Iterator[pl.DataFrame]:
    """Raw columns in tut's dtypes; one frame unless ``batch_rows`` asks for chunks.

    pyreadstat re-reads from the start for every chunk offset, so chunks are only used
    when memory requires them.
    """
    import pyreadstat

    fmt = book.format
    kwargs: dict[str, Any] = {"usecols": names}
    if fmt != "por":
        # SPSS: keep user-missing codes as their values. Stata: only when the tags are
        # wanted (they come back as letters in an object column).
        kwargs["user_missing"] = fmt != "dta" or missing_tags
    if LATIN1_NOTE in book.notes:
        kwargs["encoding"] = "latin1"
    try:
        yield from _chunks(pyreadstat, book, names, kwargs, batch_rows, missing_tags)
    except UnicodeDecodeError:
        if "encoding" in kwargs or fmt != "dta":
            raise
        kwargs["encoding"] = "latin1"
        yield from _chunks(pyreadstat, book, names, kwargs, batch_rows, missing_tags)


def _chunks(
    pyreadstat: Any,
    book: Codebook,
    names: list[str],
    kwargs: dict[str, Any],
    batch_rows: int | None,
    missing_tags: bool,
) -> Iterator[pl.DataFrame]:
    fmt = book.format
    if batch_rows is None:
        df, _ = _call(fmt, book.path, **kwargs)
        yield _to_polars(df, book, names, missing_tags)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chunks = pyreadstat.read_file_in_chunks(
            _reader(fmt), str(book.path), chunksize=batch_rows,
            disable_datetime_conversion=True, **kwargs,
        )
        for df, _ in chunks:
            yield _to_polars(df, book, names, missing_tags)


def _to_polars(df: Any, book: Codebook, names: list[str], missing_tags: bool) -> pl.DataFrame:
    columns: list[pl.Series] = []
    for name in names:
        var = book.variables[name]
        raw = df[name]
        if var.kind == "string":
            values = [None if _is_na(v) else str(v) for v in raw.tolist()]
            columns.append(pl.Series(name, values, dtype=pl.String))
            continue
        tags: list[str | None] | None = None
        if getattr(raw.dtype, "kind", "O") not in "fiub":
            # Stata extended missings read with user_missing=True: letters among numbers.
            items = raw.tolist()
            tags = [("." + v) if isinstance(v, str) else None for v in items]
            numbers = np.array(
                [np.nan if isinstance(v, str) or _is_na(v) else float(v) for v in items],
                dtype=np.float64,
            )
        else:
            numbers = raw.to_numpy(dtype=np.float64, na_value=np.nan)
        series = pl.Series(name, numbers, dtype=pl.Float64, nan_to_null=True)
        if var.kind != "numeric":
            series = pl.select(from_raw(pl.lit(series), book.format, var.kind)).to_series().alias(name)
        columns.append(series)
        if missing_tags and book.format == "dta":
            columns.append(pl.Series(f"{name}.missing", tags or [None] * len(raw), dtype=pl.String))
    return pl.DataFrame(columns)


def _is_na(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False
