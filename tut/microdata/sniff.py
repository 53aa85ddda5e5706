"""Check a file is what its extension says before any reader touches it.

ReadStat's own messages ("Unable to read from file", "failed to fill whole buffer") do
not tell a methodologist what is wrong; the first bytes usually do (empty, plain text,
a header no SPSS or Stata version writes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tut.errors import TutError
from tut.microdata.codebook import FileFormat
from tut.userfiles import check_file as check_regular_file

EXTENSIONS: dict[str, FileFormat] = {
    ".sav": "sav",
    ".zsav": "zsav",
    ".por": "por",
    ".dta": "dta",
    ".csv": "csv",
    ".xml": "ddi",
}

_KIND: dict[FileFormat, str] = {
    "sav": "SPSS .sav",
    "zsav": "SPSS .zsav",
    "por": "SPSS portable .por",
    "dta": "Stata .dta",
    "csv": "CSV",
    "ddi": "IPUMS DDI (.xml)",
}

_OLD_STATA_VERSIONS = set(range(102, 116))
"""Format versions of pre-XML .dta files (the first byte of the file)."""


@dataclass(frozen=True)
class FileHeader:
    """What the first bytes say: enough to pick a reader and to name a format version."""

    format: FileFormat
    version: int | None = None
    """Stata format version (102..119); None for other formats."""
    compressed: str = ""
    """SPSS: ``$FL2`` (uncompressed or bytecode) or ``$FL3`` (zlib)."""


def kind_name(fmt: FileFormat) -> str:
    return _KIND[fmt]


def a_kind(fmt: FileFormat) -> str:
    """``an SPSS .sav``, ``a Stata .dta``: the kind with its article."""
    kind = _KIND[fmt]
    return ("an " if kind[0] in "AEIOSaeio" and not kind.startswith("St") else "a ") + kind


def file_format(path: Path) -> FileFormat:
    """The format the extension promises; anything else is refused up front."""
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        shown = path.suffix or "(no extension)"
        raise TutError.at(
            path,
            "",
            f"unknown microdata file type {shown}",
            "use .sav, .zsav, .por, .dta, .csv with a data dictionary beside it, or an "
            "IPUMS extract's .xml codebook",
        )
    return fmt


ANY_SIZE = 1 << 62
"""Microdata files have no size limit: they are read in batches, never whole."""


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable / len(text) > 0.95


def _text_start(head: bytes) -> str:
    first = head.decode("utf-8", "replace").splitlines()[0] if head.strip() else ""
    return first[:40] + ("..." if len(first) > 40 else "")


def check_file(path: Path, fmt: FileFormat) -> FileHeader:
    """Refuse missing, empty, text and wrong-format files with one clear message (a pipe,
    a device or a symlink loop too, each said as what it is)."""
    check_regular_file(path, ANY_SIZE, "a data file", folder_fix="name the file itself")
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise TutError.at(path, "", f"cannot open the file: {exc.strerror}", "check permissions") from None
    if not head:
        raise TutError.at(path, "", "the file is empty (0 bytes)", "copy or export the file again")
    if fmt == "csv":
        return FileHeader("csv")
    if fmt == "ddi":
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return FileHeader("ddi")
        raise TutError.at(path, "line 1", "not an XML codebook: it does not start with '<'",
                          "name the .xml DDI codebook IPUMS delivered with the extract")
    if fmt in ("sav", "zsav"):
        if head[:4] in (b"$FL2", b"$FL3"):
            return FileHeader(fmt, compressed=head[:4].decode())
        raise _not_this_format(path, fmt, head)
    if fmt == "por":
        flat = head.replace(b"\r", b"").replace(b"\n", b"")
        if b"SPSSPORT" in flat or b"SPSS PORT FILE" in flat:
            return FileHeader("por")
        raise _not_this_format(path, fmt, head)
    # Stata: XML-like header from format 117 on, one version byte before that.
    if head.startswith(b"<stata_dta>"):
        m = re.search(rb"<release>(\d+)</release>", head)
        return FileHeader("dta", version=int(m.group(1)) if m else None)
    if head[0] in _OLD_STATA_VERSIONS:
        return FileHeader("dta", version=head[0])
    raise _not_this_format(path, fmt, head)


def _not_this_format(path: Path, fmt: FileFormat, head: bytes) -> TutError:
    article = a_kind(fmt)
    if _looks_like_text(head):
        start = _text_start(head)
        looks_csv = "," in start or ";" in start or "\t" in start
        fix = (
            "if it is a CSV table, rename it to .csv and add a data dictionary beside it"
            if looks_csv
            else f"export the data again as {article} file"
        )
        return TutError.at(path, "", f"not {article} file: it is plain text ({start!r})", fix)
    source = "Stata" if fmt == "dta" else "SPSS"
    return TutError.at(
        path,
        "",
        f"not {article} file: its header is not one {source} writes (damaged or another format)",
        f"check the file type, or copy or export it again from {source}",
    )
