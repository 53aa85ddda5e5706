"""polars-readstat, the bulk reader: lazy column selection, batches, Rust speed.

It reads what pyreadstat refuses (Stata format 102) and is an order of magnitude faster
on wide files, but it turns SPSS user-missing codes into nulls and converts some Stata
period formats to dates. This module undoes both so its output equals pyreadstat's:
user-missing codes are recovered from its ``informative_nulls`` indicator columns, and
every column is cast to tut's dtype for its kind.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

from tut.microdata.codebook import Codebook, FileFormat, Variable, kind_from_format
from tut.microdata.prefetch import prefetch
from tut.microdata.sniff import FileHeader
from tut.microdata.temporal import STATA_EPOCH_DAYS, from_raw

NAME = "polars-readstat"
_INDICATOR = "__tut_missing_code__"
"""Suffix of polars-readstat's indicator columns (checked against the file's names)."""

# SPSS format type codes (as in the .sav dictionary) -> format names.
_SPSS_FORMATS = {
    1: "A", 2: "AHEX", 3: "COMMA", 4: "DOLLAR", 5: "F", 6: "IB", 7: "PIBHEX", 8: "P",
    9: "PIB", 10: "PK", 11: "RB", 12: "RBHEX", 15: "Z", 16: "N", 17: "E", 20: "DATE",
    21: "TIME", 22: "DATETIME", 23: "ADATE", 24: "JDATE", 25: "DTIME", 26: "WKDAY",
    27: "MONTH", 28: "MOYR", 29: "QYR", 30: "WKYR", 31: "PCT", 32: "DOT", 33: "CCA",
    34: "CCB", 35: "CCC", 36: "CCD", 37: "CCE", 38: "EDATE", 39: "SDATE", 40: "MTIME",
    41: "YMDHMS",
}


_ALWAYS_DECIMALS = {"F", "COMMA", "DOLLAR", "PCT", "DOT", "E", "CCA", "CCB", "CCC", "CCD", "CCE"}


def _spss_format(v: dict[str, Any]) -> str:
    """Format as pyreadstat spells it: ``F8.0``, ``N6``, ``ADATE10``, ``TIME11.2``, ``A1024``."""
    code = int(v.get("format_type") or 0)
    if code > 82:  # some writers of portable files shift date codes by 82
        code -= 82
    name = _SPSS_FORMATS.get(code, "F")
    if name == "A":
        return f"A{max(int(v.get('string_len') or 0), int(v.get('format_width') or 0))}"
    width = v.get("format_width") or 0
    decimals = v.get("format_decimals") or 0
    if decimals or name in _ALWAYS_DECIMALS:
        return f"{name}{width}.{decimals}"
    return f"{name}{width}"


def _bound(x: float) -> float:
    if x <= -1.79e308:
        return -math.inf
    if x >= 1.79e308:
        return math.inf
    return float(x)


def _label_key(fmt: FileFormat, key: str, is_string: bool) -> float | str:
    if is_string:
        return key
    if key.startswith("MISSING_"):
        return "." + key.removeprefix("MISSING_")
    try:
        return float(key)
    except ValueError:
        return key


def _metadata(path: Path) -> tuple[pl.Schema, dict[str, Any]]:
    import polars_readstat as pr

    reader = pr.ScanReadstat(str(path))
    return reader.schema, reader.metadata


def codebook(path: Path, header: FileHeader) -> Codebook:
    """Codebook from polars-readstat's metadata (used when pyreadstat cannot read the file)."""
    fmt = header.format
    schema, meta = _metadata(path)
    spss = fmt != "dta"
    variables: dict[str, Variable] = {}
    for v in meta.get("variables", []):
        name = v["name"]
        is_string = str(v.get("type", "")).startswith("Str")
        display = _spss_format(v) if spss else str(v.get("format") or "")
        labels = {
            _label_key(fmt, str(k), is_string): str(lab)
            for k, lab in (v.get("value_labels") or {}).items()
        }
        values: list[float | str] = []
        ranges: list[tuple[float, float]] = []
        if spss:
            doubles = [float(x) for x in v.get("missing_doubles") or []]
            if v.get("missing_range") and len(doubles) >= 2:
                ranges.append((_bound(doubles[0]), _bound(doubles[1])))
                doubles = doubles[2:]
            values.extend(doubles)
            values.extend(str(s) for s in v.get("missing_strings") or [])
        else:
            values.extend(k for k in labels if isinstance(k, str) and k.startswith("."))
        measure = str(v.get("measure") or "unknown").lower()
        variables[name] = Variable(
            name=name,
            label=v.get("label") or "",
            kind=kind_from_format(fmt, display, is_string),
            value_labels=labels,
            missing_values=tuple(values),
            missing_ranges=tuple(ranges),
            measure=measure,
            format=display,
        )
    n_rows = meta.get("row_count")
    if n_rows is None or n_rows < 0:
        n_rows = _count_rows(path, next(iter(variables)))
    label = meta.get("file_label") if spss else meta.get("data_label")
    return Codebook(
        path=path,
        format=fmt,
        n_rows=int(n_rows),
        file_label=(label or "").strip() if fmt == "por" else (label or ""),
        encoding=str(meta.get("encoding") or "").lower(),
        variables=variables,
        reader=NAME,
    )


def _count_rows(path: Path, first: str) -> int:
    import polars_readstat as pr

    return int(pr.scan_readstat(str(path)).select(first).collect().height)


def schema(path: Path) -> pl.Schema:
    """The dtypes polars-readstat will produce, to spot columns it cannot represent."""
    import polars_readstat as pr

    if path.suffix.lower() == ".por":
        return pr.scan_readstat(str(path)).collect_schema()
    return pl.Schema(pr.ScanReadstat(str(path)).schema)


def lossy_columns(book: Codebook, names: list[str]) -> list[str]:
    """Columns whose polars-readstat dtype loses values tut must keep.

    SPSS TIME read as ``pl.Time`` drops values of 24 h and more; Stata ``%tc`` with a
    display mask (``%tcCCYY-NN-DD``) comes back as an empty ``pl.Time``.
    """
    dtypes = schema(book.path)
    theirs = _file_names(book)
    out = []
    for name in names:
        kind = book.variables[name].kind
        dtype = dtypes.get(theirs[name])
        if kind == "datetime" and not isinstance(dtype, pl.Datetime):
            out.append(name)
        elif kind == "time" and not isinstance(dtype, (pl.Duration, pl.Float64)):
            out.append(name)
    return out


def _file_names(book: Codebook) -> dict[str, str]:
    """tut name -> polars-readstat name.

    polars-readstat decodes variable names as UTF-8 even in a windows-1252 file
    (``überhaupt`` becomes ``\ufffdberhaupt``); both list variables in file order, so
    names are matched by position.
    """
    theirs = schema(book.path).names()
    ours = list(book.variables)
    if len(theirs) != len(ours):
        return {n: n for n in ours}
    return dict(zip(ours, theirs, strict=True))


def batches(
    book: Codebook,
    names: list[str],
    *,
    batch_rows: int | None = None,
    missing_tags: bool = False,
) -> Iterator[pl.DataFrame]:
    """Raw columns in tut's dtypes, one frame per polars-readstat batch, in file order."""
    import polars_readstat as pr

    path = str(book.path)
    theirs = _file_names(book)
    if book.format == "por":
        # polars-readstat reads portable files whole and knows no missing declarations.
        frame = pr.scan_readstat(path).select([pl.col(theirs[n]).alias(n) for n in names]).collect()
        yield _canonical(frame, book, names, set(), missing_tags=False)
        return
    if any(n + _INDICATOR in book.variables for n in names):
        raise ValueError(f"the file has a variable ending in {_INDICATOR}; read it with pyreadstat")
    restore = [n for n in names if book.variables[n].has_user_missing and book.format != "dta"]
    if missing_tags and book.format == "dta":
        restore = [n for n in names if book.variables[n].kind != "string"]
    if not restore:
        yield from _plain(book, names, theirs, batch_rows, missing_tags)
        return
    if missing_tags or len(restore) * RESTORE_APART > len(names):
        yield from _restoring(book, names, theirs, restore, batch_rows, missing_tags)
        return
    # A few columns with user-missing codes among many: asking for the codes slows the
    # whole read down (1M rows x 164 columns: 3.0 s instead of 1.9 s), while those few
    # columns alone read in a fraction of that. So a second reader, on its own thread,
    # reads them with their codes beside the plain read of the rest, and each batch gets
    # its restored columns put in.
    # (the reader of the codes gives its first batch only once it has read them all, and
    # without a batch size that is sooner)
    restored = prefetch(_restoring(book, restore, theirs, restore, None, False))
    try:
        yield from _put_back(_plain(book, names, theirs, batch_rows, False), restored, restore)
    finally:
        restored.close()  # stops the second reader when the first fails or is abandoned


def _put_back(
    plain: Iterator[pl.DataFrame], restored: Iterator[pl.DataFrame], restore: list[str]
) -> Iterator[pl.DataFrame]:
    """Each plain batch with the same rows of the restored columns (which may come in
    batches of other sizes)."""
    held: list[pl.DataFrame] = []
    have = done = 0
    for frame in plain:
        if frame.height == 0:
            continue
        while have < frame.height:
            part = next(restored, None)
            if part is None:
                raise ValueError(f"the file gave {done + have} rows of {', '.join(restore)} "
                                 f"but more rows of the other columns")
            held.append(part.select(restore))
            have += part.height
        rows = pl.concat(held, rechunk=False) if len(held) > 1 else held[0]
        held = [rows.slice(frame.height)] if rows.height > frame.height else []
        have -= frame.height
        done += frame.height
        yield frame.with_columns(rows.slice(0, frame.height).get_columns())
    extra = have + sum(p.height for p in restored)
    if extra:
        raise ValueError(f"the file gave {done + extra} rows of {', '.join(restore)} "
                         f"but {done} rows of the other columns")


RESTORE_APART = 4
"""Columns with user-missing codes are read apart when they are at most 1 in this many of
the columns asked for (so holding them whole costs at most a quarter of a whole read)."""


def _plain(
    book: Codebook, names: list[str], theirs: dict[str, str], batch_rows: int | None,
    missing_tags: bool,
) -> Iterator[pl.DataFrame]:
    """Batches without user-missing codes (they come back as null)."""
    import polars_readstat as pr

    lf = pr.scan_readstat(str(book.path), preserve_order=True, batch_size=batch_rows)
    wanted = [pl.col(theirs[n]).alias(n) for n in names]
    for frame in lf.select(wanted).collect_batches():
        yield _canonical(frame, book, names, set(), missing_tags)


def _restoring(
    book: Codebook, names: list[str], theirs: dict[str, str], restore: list[str],
    batch_rows: int | None, missing_tags: bool,
) -> Iterator[pl.DataFrame]:
    """Batches with the user-missing codes of ``restore`` put back from the indicators."""
    import polars_readstat as pr

    opts = {"columns": [theirs[n] for n in restore], "mode": "separate_column",
            "suffix": _INDICATOR, "use_value_labels": False}
    # polars' projection pushdown would ask the file for the indicator columns by name
    # and fail; the source object takes the file's columns and adds the indicators.
    src = pr.PyPolarsReadstat(
        path=str(book.path), size_hint=batch_rows, n_rows=None, threads=None,
        missing_string_as_null=False, value_labels_as_strings=False, preserve_order=True,
        compress=None, informative_nulls=opts, row_index_name=None, data=None,
        storage_options=None,
    )
    src.set_with_columns([theirs[n] for n in names])
    rename = {theirs[n]: n for n in names} | {
        theirs[n] + _INDICATOR: n + _INDICATOR for n in restore
    }
    rename = {k: v for k, v in rename.items() if k != v}
    while (frame := src.next()) is not None:
        if rename:
            present = set(frame.columns)
            frame = frame.rename({k: v for k, v in rename.items() if k in present})
        yield _canonical(frame, book, names, set(restore), missing_tags)


def _canonical(
    frame: pl.DataFrame, book: Codebook, names: list[str], restore: set[str], missing_tags: bool
) -> pl.DataFrame:
    exprs: list[pl.Expr] = []
    schema = frame.schema
    tags = missing_tags and book.format == "dta"
    for name in names:
        var = book.variables[name]
        col = pl.col(name)
        dtype = schema[name]
        if dtype == var.dtype and name not in restore and not tags:
            exprs.append(col)  # already what tut returns: no copy
            continue
        ind = pl.col(name + _INDICATOR)
        if var.kind == "string":
            expr = pl.coalesce(col, ind) if name in restore else col
            exprs.append(expr.cast(pl.String).alias(name))
            continue
        if var.kind == "numeric":
            if dtype == pl.Date:
                # Stata %tw/%tm/%tq/%th/%ty: polars-readstat takes the period number for
                # days since 1960; undo that to get the number back.
                col = col.cast(pl.Int32) + STATA_EPOCH_DAYS
            elif isinstance(dtype, pl.Datetime):
                col = col.dt.epoch("ms")
            expr = col.cast(pl.Float64)
            if name in restore and book.format != "dta":
                expr = pl.coalesce(expr, ind.cast(pl.Float64, strict=False))
        elif var.kind == "date":
            expr = col if dtype == pl.Date else from_raw(col, book.format, "date")
            expr = expr.cast(pl.Date)
        elif var.kind == "datetime":
            expr = col.cast(pl.Datetime("ms")) if isinstance(dtype, pl.Datetime) else from_raw(
                col, book.format, "datetime")
        else:
            if dtype == pl.Time:
                expr = col.cast(pl.Int64).cast(pl.Duration("ns")).cast(pl.Duration("ms"))
            elif isinstance(dtype, pl.Duration):
                expr = col.cast(pl.Duration("ms"))
            else:
                expr = from_raw(col, book.format, "time")
        exprs.append(expr.alias(name))
        if tags:
            exprs.append(ind.cast(pl.String).alias(f"{name}.missing"))
    return frame.select(exprs)


def raw_metadata_json(path: Path) -> str:
    """polars-readstat's own metadata, for debugging reader differences."""
    return json.dumps(_metadata(path)[1], default=str, ensure_ascii=False, indent=2)
