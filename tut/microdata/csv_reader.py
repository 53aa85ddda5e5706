"""CSV microdata with a data dictionary beside it.

A CSV has no labels or missing declarations, so tut asks for a small dictionary file
(``DATA.dictionary.yaml``, ``.yml`` or ``.json`` next to ``DATA.csv``) that says what
SPSS or Stata would have stored. Example::

    file_label: ENUT 2019 extract (synthetic)
    encoding: utf-8            # optional; the CSV's text encoding
    delimiter: ","             # optional
    null_values: ["NA"]        # optional; an empty cell is always system missing
    variables:
      sexo:
        label: Sex of the respondent
        value_labels: {1: Male, 2: Female}
      cuidado_min:
        label: Minutes of supervisory care yesterday
        missing_values: [-1, -2]
        missing_ranges: [[900, HI]]
      folio: {label: Household id, kind: string}
      fecha: {label: Interview date, kind: date}     # ISO 8601 unless format is given

Columns the dictionary leaves out are read with no labels (numbers if they look numeric).
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

from tut.errors import TutError
from tut.microdata.codebook import Codebook, Variable, VariableKind
from tut.userfiles import line_and_column
from tut.yamlio import YamlDocument, load_validated

NAME = "csv"
DICTIONARY_SUFFIXES = (".dictionary.yaml", ".dictionary.yml", ".dictionary.json")


def find_dictionary(csv_path: Path) -> Path:
    """The dictionary beside the CSV, or a clear error saying where to put one."""
    stem = csv_path.with_suffix("")
    for suffix in DICTIONARY_SUFFIXES:
        candidate = stem.parent / (stem.name + suffix)
        if candidate.is_file():
            return candidate
    raise TutError.at(
        csv_path,
        "",
        "a CSV needs a data dictionary (labels, value labels, missing codes) and none was found",
        f"write {stem.name}.dictionary.yaml beside it; the format is in 'tut microdata --help'",
    )


def _options(doc: YamlDocument) -> tuple[str, str, list[str]]:
    data = doc.data
    encoding = str(data.get("encoding") or "utf-8")
    delimiter = str(data.get("delimiter") or ",")
    nulls = [""] + [str(x) for x in data.get("null_values") or []]
    return encoding, delimiter, nulls


def _source(csv_path: Path, encoding: str) -> Path | io.BytesIO:
    """Polars reads UTF-8 only; other encodings are decoded in memory first."""
    try:
        with csv_path.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise TutError.at(csv_path, "", f"cannot read the file ({exc.strerror or exc})",
                          "check the path") from None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TutError.at(csv_path, "line 1", "the file is UTF-16",
                          "save it as UTF-8 (CSV UTF-8 in Excel)")
    if encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig", "ascii"):
        return csv_path
    data = csv_path.read_bytes()
    try:
        text = data.decode(encoding)
    except LookupError:
        raise TutError.at(csv_path, "", f"unknown text encoding {encoding!r} in the dictionary",
                          "use utf-8, latin1 or windows-1252") from None
    except UnicodeDecodeError as exc:
        line, column = line_and_column(data, exc.start)
        raise TutError.at(csv_path, f"line {line}", f"not {encoding} text (byte "
                          f"0x{data[exc.start]:02x} at column {column})",
                          "fix 'encoding' in the data dictionary") from None
    return io.BytesIO(text.encode("utf-8"))


def _damaged(csv_path: Path, doc: YamlDocument, exc: Exception) -> TutError:
    """The error for a CSV polars could not read, at the line a plain reading finds wrong."""
    encoding, delimiter, _ = _options(doc)
    found = _first_bad_line(csv_path, encoding, delimiter)
    if found is not None:
        line, what, fix = found
        return TutError.at(csv_path, f"line {line}", what, fix)
    return TutError.at(csv_path, "", f"cannot read this CSV: {str(exc).splitlines()[0]}",
                       "check the delimiter and encoding in the data dictionary")


def _first_bad_line(path: Path, encoding: str, delimiter: str) -> tuple[int, str, str] | None:
    """Line, what and fix of the first line that is not text in the encoding or has more
    cells than the header, or of a quote never closed; None if none is found."""
    codec = "utf-8-sig" if encoding.lower().replace("-", "").replace("_", "") == "utf8" else encoding
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                raw.decode(codec)
            except UnicodeDecodeError as exc:
                return (number, f"not {encoding} text (byte 0x{raw[exc.start]:02x} at column "
                        f"{exc.start + 1})", "set 'encoding' in the data dictionary (latin1, "
                        "windows-1252 ...) or save the file as UTF-8")
            except LookupError:
                return None
    with path.open(encoding=codec, errors="replace", newline="") as text:
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        width, end = 0, 0
        try:
            for row in reader:
                start, end = end + 1, reader.line_num
                width = width or len(row)
                if len(row) > width:
                    return (start, f"{len(row)} cells where the header has {width}",
                            "check quotes and separators on this line")
        except csv.Error as exc:
            return (end + 1, f"the CSV breaks here ({exc})",
                    'check the quotes; inside a quoted cell write a quote twice ("")')
    return None


def _scan(csv_path: Path, doc: YamlDocument) -> pl.LazyFrame:
    encoding, delimiter, nulls = _options(doc)
    return pl.scan_csv(
        _source(csv_path, encoding), separator=delimiter, infer_schema=False,
        null_values=nulls,
    )


def _code(doc: YamlDocument, pointer: str, raw: Any, kind: VariableKind) -> float | str:
    if kind == "string":
        return str(raw)
    if isinstance(raw, bool):
        raw = int(raw)
    try:
        return float(raw)
    except (TypeError, ValueError):
        raise TutError.at(doc.path, doc.place(pointer), f"{raw!r} is not a number",
                          "codes of a numeric variable must be numbers") from None


def _bound(doc: YamlDocument, pointer: str, raw: Any, kind: VariableKind) -> float:
    if isinstance(raw, str) and raw.upper() in ("LO", "HI"):
        return -math.inf if raw.upper() == "LO" else math.inf
    value = _code(doc, pointer, raw, kind)
    return float(value)


def codebook(csv_path: Path, dictionary: Path | None = None) -> Codebook:
    """Codebook from the dictionary, checked against the CSV's header."""
    dict_path = dictionary or find_dictionary(csv_path)
    doc = load_validated(dict_path, "data_dictionary")
    lf = _scan(csv_path, doc)
    try:
        header = lf.collect_schema().names()
        sample = lf.head(1000).collect()
        n_rows = int(lf.select(pl.len()).collect().item())
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise _damaged(csv_path, doc, exc) from None
    entries: dict[str, Any] = doc.data["variables"]
    for name in entries:
        if name not in header:
            raise TutError.at(
                dict_path, doc.place(f"/variables/{name}"),
                f"variable {name!r} is not a column of {csv_path.name}",
                "fix the name or remove the entry; columns: " + ", ".join(header[:10]),
            )
    variables: dict[str, Variable] = {}
    guessed = _guess_kinds(sample)
    for name in header:
        spec = entries.get(name)
        if spec is None:
            variables[name] = Variable(name=name, label="", kind=guessed[name])
            continue
        kind: VariableKind = spec.get("kind", "numeric")
        ptr = f"/variables/{name}"
        labels = {
            _code(doc, f"{ptr}/value_labels/{k}", k, kind): str(v)
            for k, v in (spec.get("value_labels") or {}).items()
        }
        values = tuple(
            _code(doc, f"{ptr}/missing_values/{i}", v, kind)
            for i, v in enumerate(spec.get("missing_values") or [])
        )
        ranges = tuple(
            (_bound(doc, f"{ptr}/missing_ranges/{i}/0", lo, kind),
             _bound(doc, f"{ptr}/missing_ranges/{i}/1", hi, kind))
            for i, (lo, hi) in enumerate(spec.get("missing_ranges") or [])
        )
        variables[name] = Variable(
            name=name, label=spec.get("label", ""), kind=kind, value_labels=labels,
            missing_values=values, missing_ranges=ranges,
            measure=spec.get("measure", "unknown"), format=spec.get("format", ""),
        )
    encoding, _, _ = _options(doc)
    return Codebook(
        path=csv_path, format="csv", n_rows=n_rows, file_label=doc.data.get("file_label", ""),
        encoding=encoding.lower(), variables=variables, reader=NAME,
        notes=(f"data dictionary: {dict_path}",),
    )


def _guess_kinds(sample: pl.DataFrame) -> dict[str, VariableKind]:
    """Numeric where every present value of the sample reads as a number (or none is
    present), else string; all columns at once (100,000 columns one by one took 14 s)."""
    present = sample.null_count().row(0)
    numbers = sample.select(pl.all().cast(pl.Float64, strict=False)).null_count().row(0)
    return {
        name: "numeric" if n == p else "string"
        for name, p, n in zip(sample.columns, present, numbers, strict=True)
    }


def _dictionary_of(book: Codebook) -> Path:
    for note in book.notes:
        if note.startswith("data dictionary: "):
            return Path(note.removeprefix("data dictionary: "))
    return find_dictionary(book.path)


def batches(
    book: Codebook, names: list[str], *, batch_rows: int | None = None, missing_tags: bool = False
) -> Iterator[pl.DataFrame]:
    """Columns in tut's dtypes; a cell that does not parse is an error naming its line."""
    doc = load_validated(_dictionary_of(book), "data_dictionary")
    lf = _scan(book.path, doc).select(names)
    try:
        frames = lf.collect_batches(chunk_size=batch_rows) if batch_rows else iter([lf.collect()])
        offset = 0
        for frame in frames:
            yield _typed(frame, book, names, offset)
            offset += frame.height
    except pl.exceptions.PolarsError as exc:
        raise _damaged(book.path, doc, exc) from None


def _typed(frame: pl.DataFrame, book: Codebook, names: list[str], offset: int) -> pl.DataFrame:
    out = []
    for name in names:
        var = book.variables[name]
        text = frame[name]
        if var.kind == "string":
            out.append(text)
            continue
        parsed = _parse(text.str.strip_chars(), var)
        bad = parsed.is_null() & text.is_not_null()
        if var.kind == "numeric":  # 'nan', 'inf', '1e999' read as numbers no estimate can use
            bad = bad | ~parsed.is_finite().fill_null(True)
        if bad.any():
            row = int(bad.arg_true()[0])
            what = f"a {var.kind} value" if parsed[row] is None else "a finite number"
            raise TutError.at(
                book.path, f"line {offset + row + 2}, column {name}", f"{text[row]!r} is not {what}",
                "fix the cell, declare it in null_values, or change kind in the data dictionary",
            )
        out.append(parsed.alias(name))
    return pl.DataFrame(out)


def _parse(text: pl.Series, var: Variable) -> pl.Series:
    fmt = var.format or None
    if var.kind == "numeric":
        return text.cast(pl.Float64, strict=False)
    if var.kind == "date":
        return text.str.to_date(fmt, strict=False)
    if var.kind == "datetime":
        return text.str.to_datetime(fmt, strict=False, time_unit="ms")
    # time: [-]HH:MM[:SS[.fff]] as elapsed time
    parts = text.str.extract_groups(r"^(-?)(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$")
    frame = parts.struct.unnest()
    sign = pl.when(pl.col("1") == "-").then(-1.0).otherwise(1.0)
    ms = sign * (
        pl.col("2").cast(pl.Float64) * 3_600_000
        + pl.col("3").cast(pl.Float64) * 60_000
        + pl.col("4").cast(pl.Float64).fill_null(0.0) * 1000
    )
    return frame.select(ms.round(0).cast(pl.Int64).cast(pl.Duration("ms"))).to_series()
