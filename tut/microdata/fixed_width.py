"""Fixed-width data files described by an IPUMS DDI (``.dat`` or ``.dat.gz``).

The file is read in chunks of whole lines (a few MB at a time, so a 5-million-episode
extract never sits in memory as text); each chunk becomes one polars String column and
every wanted variable is a slice of it. Every line is checked against the DDI: its length
must be the record width the DDI gives (a shorter or longer line means the DDI does not
describe this file, or the file is damaged), a number must parse, and in a hierarchical
extract the record type must be one the DDI declares. Errors name the data file and line.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import polars as pl

from tut.errors import TutError
from tut.microdata.codebook import Codebook, Variable
from tut.microdata.ddi import DdiFile, DdiVariable, data_file, read_ddi

NAME = "ddi"
CHUNK_BYTES = 16 << 20


def _open(path: Path) -> BinaryIO:
    with path.open("rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if path.suffix == ".gz":
        raise TutError.at(path, "", "named .gz but not gzip-compressed",
                          "download the extract's data file again")
    return path.open("rb")


def _decode(path: Path, raw: bytes, encoding: str, first_line: int) -> bytes:
    """The bytes as UTF-8 (polars' only text encoding); ASCII passes untouched."""
    if raw.isascii():
        return raw
    try:
        return raw.decode(encoding).encode("utf-8")
    except LookupError:
        raise TutError.at(path, "", f"the DDI gives an unknown text encoding {encoding!r}",
                          "download the DDI again") from None
    except UnicodeDecodeError as exc:
        line = first_line + raw.count(b"\n", 0, exc.start)
        raise TutError.at(path, f"line {line}", f"not {encoding} text",
                          "download the extract's data file again") from None


def _series(text: bytes) -> pl.Series:
    try:
        frame = pl.read_csv(io.BytesIO(text), has_header=False, separator="\x1f",
                            quote_char=None, new_columns=["line"], schema={"line": pl.String})
        lines = frame.to_series().fill_null("")
    except pl.exceptions.PolarsError:  # a stray \x1f on a line: slower, exact
        lines = pl.Series("line", text.decode("utf-8").split("\n"), dtype=pl.String)
    return lines.str.strip_suffix("\r")


def iter_lines(path: Path, encoding: str, chunk_bytes: int = CHUNK_BYTES) -> Iterator[tuple[int, pl.Series]]:
    """``(number of the chunk's first line, its lines)``, whole lines only."""
    line_no = 1
    rest = b""
    try:
        with _open(path) as fh:
            while True:
                block = fh.read(chunk_bytes)
                if not block:
                    break
                block = rest + block
                cut = block.rfind(b"\n")
                if cut < 0:
                    rest = block
                    continue
                rest = block[cut + 1:]
                text = _decode(path, block[:cut], encoding, line_no)
                lines = _series(text)
                yield line_no, lines
                line_no += lines.len()
    except EOFError:
        raise TutError.at(path, f"line {line_no}", "the compressed file is cut short",
                          "download the extract's data file again") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise TutError.at(path, f"line {line_no}", f"the compressed file is damaged ({exc})",
                          "download the extract's data file again") from None
    if rest.strip(b"\r\n"):
        yield line_no, _series(_decode(path, rest, encoding, line_no))


@dataclass(frozen=True)
class Layout:
    """How to cut one table's records out of the lines."""

    data: Path
    ddi: DdiFile
    table: str
    width: int
    """Every line of this table is exactly this long."""
    record_code: str
    """Record-type code of this table; empty in a rectangular extract."""
    widths: dict[str, int]
    """Hierarchical: record code -> line length, to check every line."""

    @classmethod
    def of(cls, ddi: DdiFile, table: str, data: Path | None = None) -> Layout:
        data = data or data_file(ddi)
        if ddi.structure == "rectangular":
            return cls(data, ddi, "", ddi.record_width(""), "", {})
        rt = ddi.record_type(table)
        widths = {r.code: ddi.record_width(r.table) for r in ddi.record_types}
        return cls(data, ddi, rt.table, widths[rt.code], rt.code, widths)


def _check_lengths(layout: Layout, lines: pl.Series, first: int) -> pl.Series | None:
    """Refuse a line of the wrong length; return the record-type codes (hierarchical)."""
    length = lines.str.len_chars()
    if layout.record_code:
        rv = layout.ddi.variables[layout.ddi.record_type_variable]
        codes = lines.str.slice(rv.start - 1, rv.end - rv.start + 1).str.strip_chars()
        known = codes.is_in(list(layout.widths))
        if not known.all():
            i = int((~known).arg_true()[0])
            raise TutError.at(layout.data, f"line {first + i}",
                              f"record type {codes[i]!r} is not one the DDI declares "
                              f"({', '.join(layout.widths)})",
                              f"check that {layout.ddi.path.name} is the DDI of this data file")
        expected: pl.Series | int = codes.replace_strict(layout.widths, return_dtype=pl.UInt32)
    else:
        codes = None
        expected = layout.width
        if length.min() == length.max() == expected:  # the common case, checked in O(1) passes
            return None
    bad = length != expected
    if bad.any():
        i = int(bad.arg_true()[0])
        got = int(length[i])
        want = int(expected[i]) if isinstance(expected, pl.Series) else expected
        what = (f"the line is {got} characters long, but {layout.ddi.path.name} places its "
                f"variables on {want} columns")
        fix = ("the DDI does not describe this file; download both again"
               if got > want or first + i == 1 else "the file is damaged or cut short; download it again")
        raise TutError.at(layout.data, f"line {first + i}", what, fix)
    return codes


def _parse(variables: list[DdiVariable], lines: pl.Series, data: Path, first: int,
           rows: pl.Series | None) -> pl.DataFrame:
    """Each variable sliced out of the lines; a number that does not parse is an error
    naming its line and columns (an empty cell is a missing value)."""
    out = []
    for var in variables:
        cell = lines.str.slice(var.start - 1, var.end - var.start + 1)
        if var.is_text:
            out.append(cell.str.strip_chars_end().alias(var.name))
            continue
        cell = cell.str.strip_chars()
        value = cell.cast(pl.Float64, strict=False)
        if value.null_count():  # IPUMS pads numbers with zeros: blanks are rare, so check then
            bad = value.is_null() & (cell != "")
            if bad.any():
                i = int(bad.arg_true()[0])
                line = first + (int(rows[i]) if rows is not None else i)
                raise TutError.at(data, f"line {line}, columns {var.start}-{var.end}",
                                  f"{cell[i]!r} is not a number (variable {var.name})",
                                  "the DDI does not describe this file, or the file is damaged")
        if var.decimals:
            implied = ~cell.str.contains(".", literal=True)
            value = pl.select(pl.when(implied).then(value / 10**var.decimals).otherwise(value)).to_series()
        out.append(value.alias(var.name))
    return pl.DataFrame(out)


def read_table(layout: Layout, names: list[str], chunk_bytes: int = CHUNK_BYTES) -> Iterator[pl.DataFrame]:
    """The named variables of one table, chunk by chunk, every line checked."""
    variables = [layout.ddi.variables[n] for n in names]
    for first, lines in iter_lines(layout.data, layout.ddi.encoding, chunk_bytes):
        codes = _check_lengths(layout, lines, first)
        rows = None
        if codes is not None:
            mine = codes == layout.record_code
            rows = mine.arg_true()
            lines = lines.filter(mine)
        if lines.len() == 0:
            continue
        yield _parse(variables, lines, layout.data, first, rows)


def count_lines(path: Path) -> tuple[int, bytes]:
    """Lines of a file and its first line: a newline count, without parsing."""
    n = 0
    last = b"\n"
    first = b""
    try:
        with _open(path) as fh:
            while block := fh.read(CHUNK_BYTES):
                if not n and not first:
                    first = block.split(b"\n", 1)[0]
                n += block.count(b"\n")
                last = block[-1:]
    except EOFError:
        raise TutError.at(path, f"line {n + 1}", "the compressed file is cut short",
                          "download the extract's data file again") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise TutError.at(path, f"line {n + 1}", f"the compressed file is damaged ({exc})",
                          "download the extract's data file again") from None
    return n + (last != b"\n"), first


def count_records(layout: Layout) -> dict[str, int]:
    """Lines per record-type code (rectangular: ``{"": n}``).

    A rectangular extract is counted and its first line checked (the others are checked
    when read); a hierarchical one is parsed for its record types, checking every line.
    """
    if not layout.record_code:
        total, head = count_lines(layout.data)
        if total:  # a DDI that does not describe the file shows on line 1; the rest when read
            _check_lengths(layout, _series(_decode(layout.data, head, layout.ddi.encoding, 1)), 1)
        return {"": total}
    counts: dict[str, int] = {}
    for first, lines in iter_lines(layout.data, layout.ddi.encoding):
        codes = _check_lengths(layout, lines, first)
        if codes is None:
            counts[""] = counts.get("", 0) + lines.len()
            continue
        for code, n in codes.value_counts().iter_rows():
            counts[code] = counts.get(code, 0) + int(n)
    return counts


def _format(v: DdiVariable) -> str:
    width = v.end - v.start + 1
    if v.is_text:
        return f"A{width}"
    return f"F{width}.{v.decimals}" if v.decimals else f"F{width}"


def codebook(path: Path, table: str | None = None, *, count: bool = True) -> Codebook:
    """The codebook of an extract (of one record type when ``table`` is given).

    Counting the rows reads the data once (decompressing it; a hierarchical extract is
    also parsed for its record types).
    """
    ddi = read_ddi(path)
    data = data_file(ddi)
    hierarchical = ddi.structure == "hierarchical"
    if not hierarchical and table:
        raise TutError.at(path, "", f"table {table!r} given, but this extract is rectangular "
                          "(one table)", "leave table out")
    chosen = ddi.record_type(table) if hierarchical and table else None
    layout = Layout.of(ddi, chosen.table if chosen else (ddi.record_types[0].table if hierarchical else ""), data)
    if count or hierarchical:
        counts = count_records(layout)
    else:  # a rectangular extract about to be read whole: its lines are checked then
        counts = {"": 0}
    notes = [f"data file: {data}", f"IPUMS {ddi.structure} extract described by {path.name}"]
    if hierarchical:
        parts = [f"{rt.table} ({ddi.record_type_variable} {rt.code}): {counts.get(rt.code, 0):,} records"
                 + (f", linked by {rt.key}" if rt.key else "") for rt in ddi.record_types]
        notes.append("record types, each a table: " + "; ".join(parts))
        if chosen is None:
            notes.append("name a table to read (--table in describe, table: in a spec)")
    n_rows = counts.get(chosen.code, 0) if chosen else sum(counts.values())
    source = ddi.variables_of(chosen.table) if chosen else list(ddi.variables.values())
    variables = {
        v.name: Variable(name=v.name, label=v.label, kind="string" if v.is_text else "numeric",
                         value_labels=dict(v.value_labels), format=_format(v))
        for v in source
    }
    return Codebook(path=path, format="ddi", n_rows=n_rows, file_label=ddi.title,
                    encoding=ddi.encoding, variables=variables, reader=NAME, notes=tuple(notes),
                    table=chosen.table if chosen else "")


def batches(
    book: Codebook, names: list[str], *, batch_rows: int | None = None, missing_tags: bool = False
) -> Iterator[pl.DataFrame]:
    """Reader interface of :mod:`tut.microdata.readers` (``missing_tags`` is Stata-only)."""
    ddi = read_ddi(book.path)
    if ddi.structure == "hierarchical" and not book.table:
        names_ = ", ".join(rt.table for rt in ddi.record_types)
        raise TutError.at(book.path, "", "a hierarchical extract holds several tables; none was named",
                          f"name one of: {names_} (table: in the spec, --table on the command line)")
    layout = Layout.of(ddi, book.table)
    chunk = max(batch_rows * (layout.width + 1), 1 << 16) if batch_rows else CHUNK_BYTES
    yield from read_table(layout, names, chunk)
