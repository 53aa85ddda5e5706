"""The limits on files users give tut, and the reading helpers that enforce them.

Every structured file a user hands over (wording and protocol YAML, study notes, comparison
specs, data dictionaries, segments, reliability tables, XML exports) is read through these,
so a hostile or broken file is refused before a parser spends time or memory on it, with the
file, the line and the limit named. The README's "File formats" states the same numbers.
"""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from tut.errors import Problem, TutError

MB = 1_000_000

YAML_MAX_BYTES = 2 * MB
"""A wording, protocol, spec, study-notes or dictionary YAML file (the largest shipped is 61 kB)."""
YAML_MAX_VALUES = 50_000
"""Keys, items and texts of one YAML file, counting every value an alias repeats."""
YAML_MAX_DEPTH = 50
"""Levels of nesting in one YAML file (shipped files nest at most 10 deep)."""

SEGMENTS_MAX_BYTES = 50 * MB
SEGMENTS_MAX_COLUMNS = 1_000
CELL_MAX_CHARS = 100_000
"""One cell of a segments file or reliability table; an answer is one respondent's answer to
one probe (100,000 characters is well over an hour of speech)."""
LINE_MAX_CHARS = 2 * MB
"""One line of a segments file or reliability table (an answer at the cell limit fits)."""

TABLE_MAX_BYTES = 50 * MB
TABLE_MAX_COLUMNS = 100_000
TABLE_MAX_CELLS = 2_000_000
"""Cells of a reliability table (e.g. 10 coders x 200,000 units)."""

XML_MAX_BYTES = 100 * MB
"""A REFI-QDA project.qde or a DDI codebook (sources sit beside it in the .qdpx)."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""C0 control characters other than tab, line feed and carriage return, and DEL."""


def read_limited(path: str | Path, limit: int, kind: str, *, folder_fix: str = "name a file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else a located TutError.

    Reads at most ``limit + 1`` bytes, so a device or a file that grows is refused as well.
    ``kind`` names the file in messages (``a segments file``); ``folder_fix`` is the fix
    when a folder is named.
    """
    path = check_file(path, limit, kind, folder_fix=folder_fix)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        raise TutError.at(path, "", "cannot read the file (permission denied)",
                          "check the file's permissions") from None
    except OSError as exc:
        raise TutError.at(path, "", f"cannot read the file ({exc.strerror or exc})",
                          "check the path") from None
    if len(data) > limit:
        raise too_big(path, len(data), limit, kind)
    return data


def check_file(path: str | Path, limit: int, kind: str, *, folder_fix: str = "name a file") -> Path:
    """The path, if it names a regular file of at most ``limit`` bytes; else a TutError.
    For files a library opens itself (SPSS, Stata)."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise TutError.at(path, "", "file not found", "check the path") from None
    except OSError as exc:
        raise TutError.at(path, "", f"cannot read the file ({exc.strerror or exc})",
                          "check the path") from None
    if stat.S_ISDIR(info.st_mode):
        raise TutError.at(path, "", f"is a folder, not {kind}", folder_fix)
    if not stat.S_ISREG(info.st_mode):
        raise TutError.at(path, "", "is not a regular file (a device, pipe or socket)",
                          "save the data to a file and name that")
    if info.st_size > limit:
        raise too_big(path, info.st_size, limit, kind)
    return path


def too_big(path: str | Path, size: int, limit: int, kind: str) -> TutError:
    return TutError.at(
        path, "", f"the file is {size:,} bytes; {kind} may be at most {limit:,} bytes",
        "check it is the file you meant (a file this large is almost always the wrong file or a "
        "broken export); split it if it is",
    )


def line_and_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a character (or byte) offset."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    before = text[:offset]
    line = before.count(newline) + 1  # type: ignore[arg-type]
    column = offset - (before.rfind(newline) + 1)  # type: ignore[arg-type]
    return line, column + 1


def decode_utf8(data: bytes, path: str | Path, *, fix: str = "save the file as UTF-8") -> str:
    """UTF-8 text without a BOM; bytes that are not UTF-8 are an error naming their line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TutError.at(path, "line 1", "the file is UTF-16, not UTF-8", fix)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = line_and_column(data, exc.start)
        raise TutError.at(
            path, f"line {line}",
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at column {column}; "
            "Latin-1 or Windows-1252 text looks like this)",
            fix,
        ) from None


_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
BINARY_SAMPLE = 8192


def binary_error(data: bytes, path: str | Path, fix: str) -> TutError | None:
    """One error for a file that is not text at all (a workbook, a zip, UTF-16 without its
    mark): more than 1 in 20 of its first bytes are control bytes, where text has almost
    none. Read line by line it would give a problem on every line."""
    sample = data[:BINARY_SAMPLE]
    if not sample or sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: said as such
        return None
    controls = len(_CONTROL_BYTES.findall(sample))
    if controls * 20 <= len(sample):
        return None
    return TutError.at(
        path, "", f"not text: {controls:,} of its first {len(sample):,} bytes are control "
        "bytes (a workbook, a zip file or UTF-16 text look like this)", fix,
    )


def control_character(text: str, path: str | Path) -> TutError | None:
    """The error for the first control character in the text (other than tab and line ends),
    or None. Such a character is invisible, and a NUL means the file is not plain text."""
    m = _CONTROL.search(text)
    if m is None:
        return None
    return control_error(text, m.start(), path)


def control_error(text: str, offset: int, path: str | Path) -> TutError:
    line, column = line_and_column(text, offset)
    return _control_error_at(path, line, column, ord(text[offset]))


def _control_error_at(path: str | Path, line: int, column: int, code: int) -> TutError:
    if code == 0:
        return TutError.at(
            path, f"line {line}", f"a NUL character (U+0000) at column {column}: this is not "
            "plain text", "save it as UTF-8 text; NULs come from UTF-16 or binary files",
        )
    if code == 0x0B:
        return TutError.at(
            path, f"line {line}", f"a vertical tab (U+000B) at column {column}, the line break "
            "Word puts in text copied out of it", "replace it by a line break or a space",
        )
    return TutError.at(
        path, f"line {line}", f"control character U+{code:04X} at column {column}",
        "delete it: it is invisible in most editors (it often comes from copying out of a "
        "terminal or a PDF)",
    )


def control_problems(text: str, path: str | Path, *, at_most: int = 100) -> list[Problem]:
    """One problem per line holding a control character (first ``at_most`` lines)."""
    problems: list[Problem] = []
    last_line = 0
    line, line_start = 1, 0
    for m in _CONTROL.finditer(text):
        # count the line ends between the previous match and this one only
        line += text.count("\n", line_start, m.start())
        line_start = m.start()
        if line == last_line:
            continue
        last_line = line
        column = m.start() - text.rfind("\n", 0, m.start())
        problems.extend(_control_error_at(path, line, column, ord(m.group())).problems)
        if len(problems) >= at_most:
            break
    return problems


def long_line(text: str, limit: int = LINE_MAX_CHARS) -> tuple[int, int] | None:
    """The number and length of the first line longer than ``limit`` characters, else None."""
    start, number = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limit:
            return number, end - start
        start, number = end + 1, number + 1
    return None


def capped(problems: list[Problem], at_most: int = 100) -> list[Problem]:
    """The first ``at_most`` problems and a last line counting the rest: a file that is wrong
    throughout (a binary file, the wrong encoding) should not print a million lines."""
    if len(problems) <= at_most:
        return problems
    rest = len(problems) - at_most
    first = problems[0]
    return [*problems[:at_most],
            Problem(first.file, "", f"and {rest:,} more problems like these",
                    "fix the ones shown first; they are often one cause")]


def decode_text(data: bytes, path: str | Path, encoding: str = "utf-8",
                *, option: str = "--encoding") -> str:
    """Text in the encoding the user named (``option`` is how they name it).

    UTF-8 unless told otherwise: a file that is not is refused at its first bad line, never
    read as Latin-1 by guess. A file that is UTF-8 while another encoding is named, or that
    mixes UTF-8 lines with others (two exports pasted together), is refused as well: either
    reading would garble the accents of part of it, and the same label would count as two
    different codes.
    """
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise TutError.at(path, "", f"unknown encoding '{encoding}'",
                          f"use {option} utf-8, latin-1 or windows-1252") from None
    if codec in ("utf-8", "utf-8-sig"):
        return decode_utf8(data, path, fix=f"save the file as UTF-8, or add {option} "
                           "windows-1252 if the whole file is in that encoding")
    if data.startswith(b"\xef\xbb\xbf"):
        raise TutError.at(path, "line 1", f"the file is UTF-8 (it starts with a BOM), not "
                          f"{encoding}", f"leave out {option}")
    utf8_line = first_utf8_line(data)
    if utf8_line:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            other = data.count(b"\n", 0, exc.start) + 1
            raise TutError.at(
                path, f"line {utf8_line}", f"this line is UTF-8 but line {other} is not: the "
                "file mixes two encodings, so one part of it would be read garbled",
                "save the whole file in one encoding (UTF-8)",
            ) from None
        raise TutError.at(path, f"line {utf8_line}", f"the file is UTF-8, not {encoding}: read "
                          f"as {encoding} its accents would be garbled", f"leave out {option}")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line, column = line_and_column(data, exc.start)
        raise TutError.at(path, f"line {line}", f"byte 0x{data[exc.start]:02x} at column "
                          f"{column} is not {encoding}", "check the file's encoding") from None


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def first_utf8_line(data: bytes) -> int:
    """The first line holding non-ASCII text that is valid UTF-8 (0 if none)."""
    checked = -1  # end of the last line looked at: each line is decoded once
    for m in _UTF8_MULTIBYTE.finditer(data):
        if m.start() < checked:
            continue
        start = data.rfind(b"\n", 0, m.start()) + 1
        end = data.find(b"\n", m.end())
        checked = len(data) if end < 0 else end
        try:
            data[start:checked].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return data.count(b"\n", 0, start) + 1
    return 0
