"""The one way tut reads XML (REFI-QDA projects, DDI codebooks): no DTD, no entities.

An XML file can declare entities that expand to gigabytes ("billion laughs") or that pull in
another file (``<!ENTITY x SYSTEM "file:///etc/passwd">``) and so leak it into a report. No
export tut reads needs a DTD, so any ``<!DOCTYPE``/``<!ENTITY`` is refused, with its line,
before it is expanded (defusedxml's parser). Nesting is capped while the tree is built, and a
``.qdpx`` member is read with its size capped, so a zip bomb is refused too.

Readers call :func:`parse_xml` (a path or bytes) or :func:`read_zip_member` then
:func:`parse_xml`; every problem is a located :class:`~tut.errors.TutError`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path
from typing import Any

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from tut.errors import TutError
from tut.userfiles import MB, XML_MAX_BYTES, check_file, read_limited, too_big

XML_MAX_DEPTH = 256
"""Element nesting; REFI-QDA code trees and DDI codebooks nest a few dozen levels at most."""

_NO_DTD_FIX = (
    "tut reads REFI-QDA and DDI exports, which need no DTD: export the file again, or delete "
    "the <!DOCTYPE ...> part"
)


class _Deep(Exception):
    pass


class _DepthLimitedBuilder(ET.TreeBuilder):
    """A tree builder that stops at :data:`XML_MAX_DEPTH` open elements."""

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        self._depth += 1
        if self._depth > XML_MAX_DEPTH:
            raise _Deep
        return super().start(tag, attrs)

    def end(self, tag: Any) -> ET.Element:
        self._depth -= 1
        return super().end(tag)


def parse_xml(source: bytes | str | Path, name: str | Path | None = None) -> ET.Element:
    """The root element of an XML file (a path) or document (bytes; ``name`` labels messages).

    Refuses a DTD, any entity declaration and external references, nesting deeper than
    :data:`XML_MAX_DEPTH` and files over :data:`~tut.userfiles.XML_MAX_BYTES`."""
    if isinstance(source, bytes):
        data, label = source, str(name or "<xml>")
        if len(data) > XML_MAX_BYTES:
            raise too_big(label, len(data), XML_MAX_BYTES, "an XML file")
    else:
        data, label = read_limited(source, XML_MAX_BYTES, "an XML file"), str(name or source)
    parser = DefusedXMLParser(target=_DepthLimitedBuilder(), forbid_dtd=True,
                              forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        root: ET.Element = parser.close()
    except DTDForbidden as exc:
        raise _at(parser, label, f"the XML declares a DTD (<!DOCTYPE {exc.name}>)",
                  _NO_DTD_FIX) from None
    except EntitiesForbidden as exc:
        where = f" that reads {exc.system_id}" if exc.system_id else ""
        raise _at(parser, label, f"the XML declares an entity '{exc.name}'{where}",
                  _NO_DTD_FIX) from None
    except ExternalReferenceForbidden as exc:
        raise _at(parser, label, f"the XML refers to an outside file ({exc.system_id})",
                  _NO_DTD_FIX) from None
    except _Deep:
        raise _at(parser, label, f"elements nested more than {XML_MAX_DEPTH} deep",
                  "check it is a REFI-QDA or DDI export") from None
    except (LookupError, ValueError, UnicodeError) as exc:  # the declaration's encoding
        raise _at(parser, label, f"the XML declares an encoding tut cannot read ({exc})",
                  "export it as UTF-8") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise TutError.at(label, f"line {line}", f"not well-formed XML ({_reason(exc)}, "
                          f"column {column + 1})", "check the file is a complete XML export") from None
    return root


def _at(parser: DefusedXMLParser, label: str, what: str, fix: str) -> TutError:
    line = getattr(parser.parser, "CurrentLineNumber", 0)
    return TutError.at(label, f"line {line}" if line else "", what, fix)


def _reason(exc: ET.ParseError) -> str:
    reason = str(exc).split(":", 1)[0]  # "mismatched tag: line 2, column 5"
    if reason.startswith("not well-formed (") and reason.endswith(")"):
        reason = reason[len("not well-formed ("):-1]
    return reason


ARCHIVE_MAX_BYTES = 2_000 * MB
"""A .docx or .qdpx named to be read: only the member asked for is inflated (within
XML_MAX_BYTES), so this bounds only a file that is plainly not one."""


def read_zip_member(path: str | Path, member: str, limit: int = XML_MAX_BYTES) -> bytes:
    """One member of a zip archive (a ``.qdpx`` project's ``project.qde``), read only up to
    ``limit`` bytes whatever size the archive declares."""
    label = f"{path}:{member}"
    check_file(path, ARCHIVE_MAX_BYTES, "an archive", folder_fix="name the file")  # not a pipe
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(member)
            if info.file_size > limit:
                raise too_big(label, info.file_size, limit, "a file inside an archive")
            with archive.open(info) as fh:
                data = fh.read(limit + 1)
    except KeyError:
        raise TutError.at(path, "", f"the archive has no {member}",
                          "check it is a REFI-QDA project (.qdpx)") from None
    except FileNotFoundError:
        raise TutError.at(path, "", "file not found", "check the path") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError,
            zlib.error) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise TutError.at(path, "", f"not a readable zip archive ({why})",
                          "export the project again") from None
    if len(data) > limit:
        raise too_big(label, len(data), limit, "a file inside an archive")
    return data


def named_lines(text: str, tag: str) -> dict[str, int]:
    """Line of the first ``<tag ... name="X"`` (any namespace prefix) for each X, since
    ElementTree keeps no line numbers and errors should point at the line a person edits."""
    lines: dict[str, int] = {}
    for m in re.finditer(rf"<(?:\w+:)?{re.escape(tag)}\b[^>]*?\bname=\"([^\"]*)\"", text):
        lines.setdefault(m.group(1), text.count("\n", 0, m.start()) + 1)
    return lines
