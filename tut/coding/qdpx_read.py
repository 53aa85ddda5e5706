"""Reading a REFI-QDA project (``.qdpx``) or codebook (``.qdc``) that someone else wrote.

A project comes from NVivo, MAXQDA, ATLAS.ti or QualCoder, or from a colleague: it is
untrusted. Before anything is read the archive's table is checked (a zip, a ``project.qde``,
no more than :data:`QDPX_MAX_BYTES` once uncompressed, no member path that leaves the archive
folder); members are read into memory with their size capped, never extracted to disk.
``project.qde`` is parsed without DTDs or entities (:mod:`tut.xmlsafe`) and validated against
the QDA-XML 1.0 schema; every text source's plain text must be in the archive and every
selection must lie inside it without overlapping another. Each problem is one located
:class:`~tut.errors.TutError`; nothing is imported half way.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tut.errors import TutError
from tut.protocols.qda_format import (
    CODEBOOK_NS,
    PROJECT_NS,
    QdaCode,
    check_schema,
    q,
    read_codes,
)
from tut.userfiles import MB, XML_MAX_BYTES, read_limited, too_big
from tut.xmlsafe import parse_xml

QDPX_MAX_BYTES = 500 * MB
"""Uncompressed size of all members together (a zip bomb declares gigabytes)."""
QDPX_MAX_MEMBERS = 100_000
Member = Callable[[str], "bytes | None"]
"""Reads one archive member by name (None when the archive has no such member)."""


@dataclass(frozen=True)
class QdaCoding:
    code: str
    """GUID of the code."""
    user: str
    """GUID of the user who coded (may be empty)."""
    time: str
    notes: tuple[str, ...] = ()
    """GUIDs of notes the coding points to (tut: an adjudication's rationale)."""


@dataclass(frozen=True)
class QdaSelection:
    guid: str
    name: str
    start: int
    end: int
    text: str
    description: str
    codings: tuple[QdaCoding, ...]
    notes: tuple[str, ...]
    place: str


@dataclass(frozen=True)
class QdaNote:
    guid: str
    name: str
    text: str
    user: str
    time: str


@dataclass(frozen=True)
class QdaSource:
    guid: str
    name: str
    text: str
    selections: tuple[QdaSelection, ...]
    place: str


@dataclass(frozen=True)
class QdaCase:
    name: str
    attributes: dict[str, str]
    sources: tuple[str, ...]


@dataclass
class QdaProject:
    """What tut uses of a QDA project."""

    path: Path
    name: str
    origin: str
    users: dict[str, str]
    """User GUID -> name (or id when unnamed)."""
    codes: tuple[QdaCode, ...]
    sources: list[QdaSource] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Sources that are not plain text, as ``kind 'name'``."""
    notes: dict[str, QdaNote] = field(default_factory=dict)
    cases: list[QdaCase] = field(default_factory=list)

    def code_by_guid(self) -> dict[str, QdaCode]:
        return {c.guid: c for top in self.codes for c in top.walk()}


# --- the archive ----------------------------------------------------------------------------


def _open_archive(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise TutError.at(path, "", "file not found" if not path.exists() else "not a file",
                          "name a .qdpx project exported by a QDA program")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise TutError.at(path, "", f"not a zip archive, so not a REFI-QDA project ({exc})",
                          "export the project again as .qdpx") from None
    infos = archive.infolist()
    if len(infos) > QDPX_MAX_MEMBERS:
        raise TutError.at(path, "", f"the archive holds {len(infos)} files (at most "
                          f"{QDPX_MAX_MEMBERS:,} are read)", "check it is a REFI-QDA project")
    total = 0
    for info in infos:
        parts = info.filename.replace("\\", "/").split("/")
        if info.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise TutError.at(path, info.filename, "a path that leaves the archive folder",
                              "the archive was made to overwrite files; do not open it")
        total += info.file_size
        if total > QDPX_MAX_BYTES:
            raise too_big(path, total, QDPX_MAX_BYTES, "a REFI-QDA project once uncompressed")
    return archive


def _member(archive: zipfile.ZipFile, path: Path, name: str, limit: int = XML_MAX_BYTES) -> bytes:
    """One member, read into memory, at most ``limit`` bytes whatever its header says."""
    label = f"{path}:{name}"
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise too_big(label, info.file_size, limit, "a file inside a .qdpx project")
    try:
        with archive.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, zlib.error) as exc:
        raise TutError.at(path, name, f"cannot be read from the archive ({exc})",
                          "export the project again") from None
    if len(data) > limit:
        raise too_big(label, len(data), limit, "a file inside a .qdpx project")
    return data


def read_project(path: str | Path) -> QdaProject:
    """A checked project: schema-valid, with every text source's text and selections."""
    path = Path(path)
    with _open_archive(path) as archive:
        names = set(archive.namelist())
        if "project.qde" not in names:
            raise TutError.at(path, "", "the archive has no project.qde",
                              "check it is a REFI-QDA project (.qdpx), exported again if need be")
        label = f"{path}:project.qde"
        data = _member(archive, path, "project.qde")
        root = parse_xml(data, label)
        if root.tag != q("Project"):
            raise TutError.at(label, "line 1", f"the root element is {root.tag}, not a QDA-XML "
                              "1.0 Project", "export the project again as .qdpx")
        check_schema(data, label)
        return _project(root, path, lambda n: _member(archive, path, n) if n in names else None)


def read_codebook(path: str | Path) -> tuple[str, str, tuple[QdaCode, ...]]:
    """(origin, label, code tree) of a ``.qdc`` codebook or of the codebook in a ``.qdpx``."""
    path = Path(path)
    if path.suffix.lower() == ".qdpx":
        project = read_project(path)
        return project.origin, f"{path}:project.qde", project.codes
    data = read_limited(path, XML_MAX_BYTES, "a QDA codebook")
    root = parse_xml(data, path)
    if root.tag != q("CodeBook", CODEBOOK_NS):
        raise TutError.at(path, "line 1", f"the root element is {root.tag}, not a QDA-XML 1.0 "
                          "CodeBook", "give a .qdc codebook or a .qdpx project")
    check_schema(data, str(path), codebook=True)
    return root.get("origin", ""), str(path), read_codes(root.find(q("Codes", CODEBOOK_NS)),
                                                         CODEBOOK_NS)


# --- the project's parts --------------------------------------------------------------------


def _text(el: ET.Element | None) -> str:
    return (el.text or "") if el is not None else ""


def _project(root: ET.Element, path: Path, member: Member) -> QdaProject:
    users = {u.get("guid", ""): str(u.get("name") or u.get("id") or u.get("guid", ""))
             for u in root.iterfind(f"{q('Users')}/{q('User')}")}
    book = root.find(q("CodeBook"))
    project = QdaProject(path, root.get("name", ""), root.get("origin", ""), users,
                         read_codes(book.find(q("Codes")) if book is not None else None))
    for note in root.iterfind(f"{q('Notes')}/{q('Note')}"):
        g = note.get("guid", "")
        project.notes[g] = QdaNote(g, note.get("name", ""), _text(note.find(q("PlainTextContent"))),
                                   note.get("creatingUser", ""), note.get("creationDateTime", ""))
    variables = {v.get("guid", ""): v.get("name", "")
                 for v in root.iterfind(f"{q('Variables')}/{q('Variable')}")}
    for case in root.iterfind(f"{q('Cases')}/{q('Case')}"):
        values = {}
        for vv in case.iterfind(q("VariableValue")):
            ref = vv.find(q("VariableRef"))
            name = variables.get(ref.get("targetGUID", "") if ref is not None else "", "")
            value = next((child.text or "" for child in vv if child is not ref), "")
            if name:
                values[name] = value
        refs = tuple(r.get("targetGUID", "") for r in case.iterfind(q("SourceRef")))
        project.cases.append(QdaCase(case.get("name", ""), values, refs))
    sources = root.find(q("Sources"))
    counts: dict[str, int] = {}
    for src in sources if sources is not None else ():
        kind = src.tag.split("}", 1)[-1]
        counts[kind] = counts.get(kind, 0) + 1
        place = f"/Project/Sources/{kind}[{counts[kind]}]"
        if kind != "TextSource":
            project.skipped.append(f"{kind} '{src.get('name', src.get('guid', ''))}'")
            continue
        project.sources.append(_source(src, path, place, member))
    return project


def _source(src: ET.Element, path: Path, place: str, member: Member) -> QdaSource:
    label = f"{path}:project.qde"
    content = src.find(q("PlainTextContent"))
    plain = src.get("plainTextPath", "")
    if content is not None:
        text = content.text or ""
    elif plain.startswith("internal://"):
        name = "sources/" + plain[len("internal://"):]
        if posixpath.normpath(name) != name or not name.startswith("sources/"):
            raise TutError.at(label, place, f"plainTextPath {plain!r} leaves the sources folder",
                              "export the project again")
        data = member(name)
        if data is None:
            raise TutError.at(label, place, f"its plain text {plain!r} is not in the archive "
                              f"(no {name})", "export the project again with its sources")
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise TutError.at(f"{path}:{name}", f"byte {exc.start + 1}", "plain text is not UTF-8",
                              "export the project again") from None
    else:
        where = repr(plain) if plain else "no plainTextPath and no PlainTextContent"
        raise TutError.at(label, place, f"text source {src.get('name', '')!r} has no plain text "
                          f"in the archive ({where})",
                          "export the project with its sources inside (internal://)")
    selections = _selections(src, text, label, place)
    return QdaSource(src.get("guid", ""), src.get("name", ""), text, selections, place)


def _selections(src: ET.Element, text: str, label: str, place: str) -> tuple[QdaSelection, ...]:
    out = []
    for k, sel in enumerate(src.iterfind(q("PlainTextSelection")), start=1):
        where = f"{place}/PlainTextSelection[{k}]"
        start, end = int(sel.get("startPosition", "0")), int(sel.get("endPosition", "0"))
        if not 0 <= start < end <= len(text):
            raise TutError.at(label, where, f"selection {start}-{end} lies outside its text "
                              f"(0-{len(text)} characters) or is empty",
                              "export the project again; the text and its codings disagree")
        codings = tuple(
            QdaCoding(_ref(c, "CodeRef"), c.get("creatingUser", "") or sel.get("creatingUser", ""),
                      c.get("creationDateTime", "") or sel.get("creationDateTime", ""),
                      tuple(n.get("targetGUID", "") for n in c.iterfind(q("NoteRef"))))
            for c in sel.iterfind(q("Coding")))
        out.append(QdaSelection(
            sel.get("guid", ""), sel.get("name", ""), start, end, text[start:end],
            _text(sel.find(q("Description"))), codings,
            tuple(n.get("targetGUID", "") for n in sel.iterfind(q("NoteRef"))), where))
    ordered = sorted(out, key=lambda s: (s.start, s.end))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start < a.end and (a.start, a.end) != (b.start, b.end):
            raise TutError.at(label, b.place, f"selection {b.start}-{b.end} overlaps selection "
                              f"{a.start}-{a.end} ({a.place})",
                              "a segment is one answer: code whole answers, not parts that overlap")
    return tuple(out)


def _ref(el: ET.Element, tag: str) -> str:
    ref = el.find(q(tag))
    return ref.get("targetGUID", "") if ref is not None else ""


__all__ = ["PROJECT_NS", "QdaProject", "read_codebook", "read_project"]
