"""Reading interview segments from CSV or JSON Lines, with every problem reported at once.

Files come from transcription spreadsheets, often in Spanish and often saved by Excel
(BOM, semicolons, Windows-1252). Nothing is imported unless the whole file is clean, and
the error lists every bad line so the user fixes the file in one pass.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from tut.coding.model import Segment
from tut.errors import Problem, TutError
from tut.protocols.model import Protocol
from tut.userfiles import (
    CELL_MAX_CHARS,
    LINE_MAX_CHARS,
    SEGMENTS_MAX_BYTES,
    SEGMENTS_MAX_COLUMNS,
    binary_error,
    capped,
    control_problems,
    first_utf8_line,
    long_line,
    read_limited,
)

REQUIRED = ("respondent_id", "interview_id", "variant_id", "probe_id", "answer")
KNOWN = ("segment_id", *REQUIRED, "notes")
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Row:
    """One record of the input file and the line it starts on."""

    line: int
    values: dict[str, object]


def read_segments(path: str | Path, protocol: Protocol, *, encoding: str = "utf-8") -> list[Segment]:
    """All segments of a CSV or JSONL file, checked against the protocol; else one TutError.

    ``encoding``: the file's encoding when it is not UTF-8 (``latin-1``, ``windows-1252``)."""
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".ndjson", ".csv", ".tsv", ".txt"):
        raise TutError.at(file, "", f"unknown segments format '{suffix}'", "use .csv or .jsonl")
    data = read_limited(path, SEGMENTS_MAX_BYTES, "a segments file")
    binary = binary_error(data, file, "save the segments as CSV UTF-8 (in "
                          "Excel: Save As, CSV UTF-8) or as JSON Lines")
    if binary is not None:
        raise binary
    text, problems = decode_text(data, file, encoding)
    if problems and not text:  # refused whole (UTF-16, the wrong encoding): nothing to parse
        raise TutError(problems)
    too_long = long_line(text)
    if too_long is not None:
        raise TutError.at(
            file, f"line {too_long[0]}", f"the line is {too_long[1]:,} characters long; a line "
            f"may be at most {LINE_MAX_CHARS:,}", "check it is a segments file: one answer of at "
            f"most {CELL_MAX_CHARS:,} characters per row; a line this long is usually a binary "
            "file or a broken export",
        )
    problems += control_problems(text, file)
    if suffix in (".jsonl", ".ndjson"):
        rows, more = jsonl_rows(text, file)
    else:
        rows, more = csv_rows(text, file, variants=protocol.variants)
    problems += more
    segments, more = segments_from_rows(rows, protocol, file)
    problems += more
    if problems:
        raise TutError(capped(sorted(problems, key=_line_of)))
    return segments


def _line_of(problem: Problem) -> int:
    """Problems in file order, so the user can walk down the file fixing them."""
    place = problem.place
    return int(place[5:]) if place.startswith("line ") and place[5:].isdigit() else 0


def decode_utf8(data: bytes, file: str) -> tuple[str, list[Problem]]:
    """Text without BOM; each line that is not UTF-8 is a problem (decoded with U+FFFD)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", [Problem(file, "line 1", "the file is UTF-16", "save it as UTF-8 (CSV UTF-8 in Excel)")]
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problems = []
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = raw[exc.start]
            problems.append(
                Problem(
                    file,
                    f"line {lineno}",
                    f"not UTF-8 (byte 0x{byte:02x} at column {exc.start + 1}; "
                    f"the file looks like Latin-1/Windows-1252)",
                    "save the file as UTF-8 (in Excel: CSV UTF-8), or add --encoding "
                    "windows-1252 if the whole file is in that encoding",
                )
            )
    return data.decode("utf-8", errors="replace"), problems


def decode_text(data: bytes, file: str, encoding: str = "utf-8") -> tuple[str, list[Problem]]:
    """Text in the encoding the user named (Excel in Mexico often saves Latin-1 or
    Windows-1252); a file that is really UTF-8 is refused rather than read garbled."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise TutError.at(
            file, "", f"unknown encoding '{encoding}'", "use utf-8, latin-1 or windows-1252"
        ) from None
    if codec in ("utf-8", "utf-8-sig"):
        return decode_utf8(data, file)
    if data.startswith(BOM) or (not data.isascii() and _is_utf8(data)):
        what = f"the file is UTF-8, not {encoding}: read as {encoding} its accents would be garbled"
        return "", [Problem(file, "line 1", what, "leave out --encoding")]
    utf8_line = first_utf8_line(data)
    if utf8_line:  # two exports pasted together: one part would be garbled whichever is used
        what = (f"this line is UTF-8 but the file is not: it mixes two encodings, so reading it "
                f"as {encoding} would garble this line's accents")
        return "", [Problem(file, f"line {utf8_line}", what,
                            "save the whole file in one encoding (UTF-8)")]
    problems = []
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode(codec)
        except UnicodeDecodeError as exc:
            what = f"byte 0x{raw[exc.start]:02x} at column {exc.start + 1} is not {encoding}"
            problems.append(Problem(file, f"line {lineno}", what, "check the file's encoding"))
    return data.decode(codec, errors="replace"), problems


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _header_key(name: str) -> str:
    key = name.strip().lstrip("\ufeff")
    return key.lower() if key.lower() in KNOWN else key


def csv_rows(
    text: str, file: str, *, variants: Collection[str] = ()
) -> tuple[list[Row], list[Problem]]:
    """Records of a CSV (comma, semicolon or tab, sniffed from the header line).

    A quote that is opened and never closed would make the rest of the file one answer;
    that is an error, and so is an answer that runs over lines which look like records of
    their own (a lone quote closed by another one further down). ``variants`` are the
    variant ids that tell such a line.
    """
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[Problem] = []
    rows: list[Row] = []
    header: list[str] | None = None
    end = 0
    try:
        for record in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                if len(record) > SEGMENTS_MAX_COLUMNS:
                    problems.append(_too_many_columns(file, start, len(record)))
                    return [], problems
                header = [_header_key(c) for c in record]
                dupes = sorted(h for h, n in Counter(header).items() if n > 1)
                if dupes:
                    problems.append(Problem(file, f"line {start}", f"repeated column(s): {', '.join(dupes)}"))
                missing = [c for c in REQUIRED if c not in header]
                if missing:
                    problems.append(
                        Problem(
                            file,
                            f"line {start}",
                            f"missing column(s): {', '.join(missing)}",
                            f"the header needs {', '.join(REQUIRED)} (segment_id and notes optional)",
                        )
                    )
                    return [], problems
                continue
            if len(record) != len(header):
                problems.append(
                    Problem(
                        file,
                        f"line {start}",
                        f"{len(record)} fields but the header has {len(header)}",
                        "check quotes and separators on this line",
                    )
                )
                continue
            values: dict[str, object] = dict(zip(header, record, strict=True))
            long_cell = _long_cell(values, file, start)
            if long_cell is not None:
                problems.append(long_cell)
                continue
            swallowed = swallowed_line(values, header, delimiter, variants)
            if swallowed:
                problems.append(
                    Problem(
                        file,
                        f"line {start}",
                        f"a quoted field runs on to line {end} and holds what looks like "
                        f"another segment ({swallowed!r})",
                        "a quote is probably not closed; inside a quoted field write a quote "
                        'twice ("")',
                    )
                )
                continue
            rows.append(Row(start, values))
    except csv.Error as exc:
        if "field limit" in str(exc):
            what = f"a field that starts on this line is longer than {CELL_MAX_CHARS:,} characters"
        elif "end of data" in str(exc):
            what = "a quote opened on this line is never closed (the rest of the file would be one field)"
        elif "expected after" in str(exc):
            what = (
                f"the quoted field opened on this line closes on line {reader.line_num} and "
                "text follows the closing quote"
            )
        else:
            what = f"cannot read CSV ({exc})"
        fix = _LONG_FIX if "field limit" in str(exc) else (
            'check the quotes; inside a quoted field write a quote twice ("")'
        )
        problems.append(Problem(file, f"line {end + 1}", what, fix))
    if header is None:
        problems.append(Problem(file, "line 1", "empty file", f"the header needs {', '.join(REQUIRED)}"))
    return rows, problems


def _too_many_columns(file: str, line: int, n: int) -> Problem:
    return Problem(
        file, f"line {line}", f"{n:,} columns; a segments file may have at most "
        f"{SEGMENTS_MAX_COLUMNS:,}", "keep the segment columns and the respondent attributes "
        "coders need; check the separator",
    )


def _long_cell(values: dict[str, object], file: str, line: int) -> Problem | None:
    """A cell over the one limit that CSV and JSON Lines share, else None."""
    for key, value in values.items():
        if isinstance(value, str) and len(value) > CELL_MAX_CHARS:
            return Problem(
                file, f"line {line}", f"the {key} is {len(value):,} characters long; a cell may "
                f"hold at most {CELL_MAX_CHARS:,}", _LONG_FIX,
            )
    return None


_LONG_FIX = (
    "an answer is one respondent's answer to one probe: split a longer one into several "
    "segments (in a CSV, a quote that is never closed also makes a field this long)"
)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number tut stores")


class _KeyTwice(ValueError):
    """A JSON object naming one key twice."""


def _no_twice(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object whose keys are all different (json.loads keeps the last of two)."""
    obj = dict(pairs)
    if len(obj) < len(pairs):
        keys = [k for k, _v in pairs]
        raise _KeyTwice(next(k for i, k in enumerate(keys) if k in keys[:i]))
    return obj


def _json_object(line: str, file: str, lineno: int) -> dict[str, object] | Problem:
    """One JSON Lines record, or the problem with it (never an exception)."""
    try:
        obj = json.loads(line, parse_constant=_refuse_constant, object_pairs_hook=_no_twice)
    except json.JSONDecodeError as exc:
        return Problem(file, f"line {lineno}", f"not valid JSON ({exc.msg})")
    except _KeyTwice as exc:
        return Problem(file, f"line {lineno}", f"the key '{exc}' appears twice: one of its "
                       "values would be lost", "keep the one that is right")
    except ValueError as exc:  # NaN/Infinity, or an integer of thousands of digits
        return Problem(file, f"line {lineno}", f"not valid JSON ({exc})")
    except RecursionError:
        return Problem(file, f"line {lineno}", "not valid JSON (nested too deep)",
                       "each line is one flat object of texts and numbers")
    if not isinstance(obj, dict):
        return Problem(file, f"line {lineno}", "not a JSON object")
    if len(obj) > SEGMENTS_MAX_COLUMNS:
        return _too_many_columns(file, lineno, len(obj))
    return obj


def _bad_json_values(values: dict[str, object], file: str, lineno: int) -> Problem | None:
    """A list or object where a text belongs, or a text over the cell limit, else None."""
    if len(values) > SEGMENTS_MAX_COLUMNS:
        return _too_many_columns(file, lineno, len(values))
    for key, value in values.items():
        if isinstance(value, list | dict):
            return Problem(file, f"line {lineno}", f"{key} is a JSON {type(value).__name__}, "
                           "not a text or number", "write it as text")
    return _long_cell(values, file, lineno)


def swallowed_line(
    values: dict[str, object], header: list[str], delimiter: str, variants: Collection[str]
) -> str:
    """The first line inside a multi-line field that reads as a full record of its own
    (as many fields as the header, a known variant id in the variant column), else ""."""
    if not variants or "variant_id" not in header:
        return ""
    column = header.index("variant_id")
    for value in values.values():
        if not isinstance(value, str) or "\n" not in value:
            continue
        for line in value.split("\n")[1:]:
            cells = next(csv.reader([line], delimiter=delimiter), [])
            if len(cells) == len(header) and cells[column].strip() in variants:
                return line.strip()
    return ""


def jsonl_rows(text: str, file: str) -> tuple[list[Row], list[Problem]]:
    """Records of a JSON Lines file: one object per line; blank lines ignored."""
    rows: list[Row] = []
    problems: list[Problem] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        obj = _json_object(line, file, lineno)
        if isinstance(obj, Problem):
            problems.append(obj)
            continue
        values: dict[str, object] = {}
        for key, value in obj.items():
            if key == "attributes" and isinstance(value, dict):
                values.update({str(k).strip(): v for k, v in value.items()})
            else:
                values[_header_key(str(key))] = value
        bad = _bad_json_values(values, file, lineno)
        if bad is not None:
            problems.append(bad)
            continue
        missing = [c for c in REQUIRED if c not in values]
        if missing:
            problems.append(Problem(file, f"line {lineno}", f"missing field(s): {', '.join(missing)}"))
            continue
        rows.append(Row(lineno, values))
    if not rows and not problems:
        problems.append(Problem(file, "", "no segments in the file"))
    return rows, problems


def _text(value: object) -> str:
    """Cell value as clean text: NFC (Spanish accents compose the same way), no outer spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def segments_from_rows(
    rows: list[Row], protocol: Protocol, file: str
) -> tuple[list[Segment], list[Problem]]:
    """Check records against the protocol and build segments; pure."""
    problems: list[Problem] = []
    segments: list[Segment] = []
    probe_ids = {p.id for p in protocol.probes}
    seen: dict[str, int] = {}
    for row in rows:
        v = {k: _text(row.values.get(k)) for k in KNOWN}
        where = f"line {row.line}"
        bad = False
        for key in ("respondent_id", "interview_id", "variant_id", "probe_id"):
            if not v[key]:
                problems.append(Problem(file, where, f"empty {key}"))
                bad = True
        if v["variant_id"] and v["variant_id"] not in protocol.variants:
            problems.append(
                Problem(
                    file,
                    where,
                    f"unknown variant '{v['variant_id']}'",
                    f"protocol {protocol.id} tests: {', '.join(protocol.variants)}",
                )
            )
            bad = True
        if v["probe_id"] and v["probe_id"] not in probe_ids:
            problems.append(
                Problem(
                    file,
                    where,
                    f"unknown probe '{v['probe_id']}'",
                    f"probes in protocol {protocol.id}: {', '.join(sorted(probe_ids))}",
                )
            )
            bad = True
        elif (
            v["variant_id"] in protocol.variants
            and v["probe_id"]
            and v["probe_id"] not in {p.id for p in protocol.probes_for(v["variant_id"])}
        ):
            problems.append(
                Problem(
                    file,
                    where,
                    f"probe '{v['probe_id']}' is not asked after variant '{v['variant_id']}' "
                    f"in protocol {protocol.id}",
                    "probes asked after it: "
                    + ", ".join(p.id for p in protocol.probes_for(v["variant_id"]))
                    + "; or list the probe under probes_by_variant in the protocol",
                )
            )
            bad = True
        if not v["answer"]:
            problems.append(Problem(file, where, "empty answer", "every segment needs the answer text"))
            bad = True
        sid = v["segment_id"] or f"{v['respondent_id']}-{v['variant_id']}-{v['probe_id']}"
        if sid in seen:
            what = (
                f"duplicate segment id '{sid}'"
                if v["segment_id"]
                else f"second answer of respondent '{v['respondent_id']}' to probe "
                f"'{v['probe_id']}' after variant '{v['variant_id']}'"
            )
            fix = f"first on line {seen[sid]}" + (
                "" if v["segment_id"] else "; add a segment_id column to keep both"
            )
            problems.append(Problem(file, where, what, fix))
            bad = True
        else:
            seen[sid] = row.line
        if bad:
            continue
        attributes = {
            k: _text(val) for k, val in row.values.items() if k not in KNOWN and k != "attributes"
        }
        segments.append(
            Segment(
                id=sid,
                respondent_id=v["respondent_id"],
                interview_id=v["interview_id"],
                variant_id=v["variant_id"],
                probe_id=v["probe_id"],
                answer=unicodedata.normalize("NFC", str(row.values.get("answer") or "")).strip(),
                notes=v["notes"],
                attributes=attributes,
            )
        )
    return segments, problems
