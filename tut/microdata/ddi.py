"""IPUMS extracts: the DDI Codebook 2.5 XML that describes a fixed-width data file.

An IPUMS extract is two files, ``atus_00034.xml`` (the DDI) and ``atus_00034.dat.gz``
(the data). The DDI says where each variable sits on a line (1-based ``StartPos`` ..
``EndPos``), its label, its value labels, implied decimals (``dcml``), whether it is text
(``varFormat type="character"``) and, in a hierarchical extract, the record type each
variable belongs to (household, person, activity ... records interleaved in one file, told
apart by ``RECTYPE``). Each record type becomes a table of its own.

The XML is parsed by :mod:`tut.xmlsafe` (DTDs and entities refused: a DDI never needs
them); every problem names the DDI and the line of the variable at fault.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tut.errors import TutError
from tut.xmlsafe import named_lines, parse_xml

Structure = Literal["rectangular", "hierarchical"]

_NS = {"ddi": "ddi:codebook:2_5"}


@dataclass(frozen=True)
class DdiVariable:
    """One variable as the DDI places it on a line."""

    name: str
    label: str
    start: int
    """First column, 1-based (DDI ``StartPos``)."""
    end: int
    """Last column, inclusive (DDI ``EndPos``)."""
    is_text: bool
    """``varFormat type="character"``: kept as text (clock times ``04:00:00``, codes)."""
    decimals: int
    """Implied decimal places (``dcml``): ``1234`` with dcml 2 is 12.34 unless a point is written."""
    value_labels: dict[float | str, str]
    record_types: tuple[str, ...]
    """Record types that carry it (hierarchical extracts); empty in rectangular ones."""
    line: int
    """Line of its ``<var>`` in the DDI, for messages."""


@dataclass(frozen=True)
class RecordType:
    """One record type of a hierarchical extract (a table once read)."""

    code: str
    """The value of the record-type variable on its lines (``"3"``)."""
    label: str
    """As the DDI words it (``Activity Record``)."""
    table: str
    """Table name users write: the label without 'Record', lower-case (``activity``)."""
    key: str
    """The variable linking it to its parent records (``CASEID``); empty for the top level."""


@dataclass(frozen=True)
class DdiFile:
    """What a DDI says about its data file."""

    path: Path
    data_name: str
    """The data file name the DDI gives (``atus_00034.dat``)."""
    structure: Structure
    encoding: str
    title: str
    variables: dict[str, DdiVariable]
    record_types: tuple[RecordType, ...] = ()
    record_type_variable: str = ""
    """``RECTYPE`` in hierarchical extracts."""
    citation: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def record_type(self, table: str) -> RecordType:
        """A record type by table name or code, failing with the ones the extract has."""
        for rt in self.record_types:
            if table in (rt.table, rt.code):
                return rt
        names = ", ".join(f"{rt.table} ({rt.code})" for rt in self.record_types)
        raise TutError.at(self.path, "", f"no record type {table!r} in this extract",
                          f"name one of: {names}")

    def variables_of(self, table: str) -> list[DdiVariable]:
        """The variables one table (record type) carries, in DDI order."""
        if self.structure == "rectangular":
            return list(self.variables.values())
        code = self.record_type(table).code
        return [v for v in self.variables.values() if code in v.record_types]

    def record_width(self, table: str) -> int:
        """Line length of the table's records: the last column any of its variables uses."""
        return max((v.end for v in self.variables_of(table)), default=0)


def _parse_xml(path: Path) -> ET.Element:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TutError.at(path, "", f"cannot open the DDI: {exc.strerror}",
                          "check the path and the file name") from None
    if size == 0:
        raise TutError.at(path, "", "the DDI is empty (0 bytes)", "download the extract's DDI again")
    return parse_xml(path)  # DTDs, entities, deep nesting and huge files refused, located


def _text(elt: ET.Element | None) -> str:
    return "".join(elt.itertext()).strip() if elt is not None else ""


def _int_attr(path: Path, line: int, name: str, loc: ET.Element, key: str) -> int:
    raw = loc.get(key)
    try:
        value = int(str(raw))
    except ValueError:
        raise TutError.at(path, f"line {line}", f"variable {name}: {key} is {raw!r}, not a column number",
                          "the DDI is damaged; download it again") from None
    return value


def _variable(path: Path, elt: ET.Element, line: int, codes: set[str]) -> DdiVariable:
    name = elt.get("name") or elt.get("ID") or ""
    if not name:
        raise TutError.at(path, f"line {line}", "a <var> has no name", "the DDI is damaged")
    loc = elt.find("ddi:location", _NS)
    if loc is None:
        raise TutError.at(path, f"line {line}", f"variable {name} has no <location> (columns)",
                          "the DDI is damaged or is not an IPUMS fixed-width codebook")
    start = _int_attr(path, line, name, loc, "StartPos")
    end = _int_attr(path, line, name, loc, "EndPos")
    if start < 1 or end < start:
        raise TutError.at(path, f"line {line}",
                          f"variable {name}: columns {start}..{end} are not a valid range",
                          "StartPos must be at least 1 and EndPos at least StartPos")
    width = loc.get("width")
    if width is not None and width.strip().isdigit() and int(width) != end - start + 1:
        raise TutError.at(path, f"line {line}",
                          f"variable {name}: width {width} disagrees with columns {start}..{end}",
                          "the DDI is damaged; download it again")
    fmt = elt.find("ddi:varFormat", _NS)
    is_text = fmt is not None and fmt.get("type", "numeric") == "character"
    try:
        decimals = int(elt.get("dcml") or 0)
    except ValueError:
        decimals = 0
    labels: dict[float | str, str] = {}
    for cat in elt.findall("ddi:catgry", _NS):
        value = _text(cat.find("ddi:catValu", _NS))
        label = _text(cat.find("ddi:labl", _NS))
        if not value or not label:
            continue
        labels[_code(value, is_text)] = label
    rtypes = tuple((elt.get("rectype") or "").split())
    unknown = [r for r in rtypes if codes and r not in codes]
    if unknown:
        raise TutError.at(path, f"line {line}",
                          f"variable {name} is on record type {unknown[0]}, which the file "
                          "description does not declare", "the DDI is damaged; download it again")
    return DdiVariable(name=name, label=_text(elt.find("ddi:labl", _NS)), start=start, end=end,
                       is_text=is_text, decimals=max(decimals, 0), value_labels=labels,
                       record_types=rtypes, line=line)


def _code(value: str, is_text: bool) -> float | str:
    if is_text:
        return value
    try:
        return float(value)
    except ValueError:
        return value


def _table_name(label: str, code: str) -> str:
    words = re.sub(r"\brecord\b", "", label, flags=re.IGNORECASE).strip().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", words).strip("_")
    return slug or f"rectype_{code}"


def _record_types(root: ET.Element) -> tuple[tuple[RecordType, ...], str]:
    groups = root.findall("ddi:fileDscr/ddi:fileTxt/ddi:fileStrc/ddi:recGrp", _NS)
    types = []
    idvar = ""
    for g in groups:
        code = g.get("rectype") or ""
        idvar = idvar or g.get("recidvar") or ""
        label = _text(g.find("ddi:labl", _NS)) or f"record type {code}"
        types.append(RecordType(code=code, label=label, table=_table_name(label, code),
                                key=g.get("keyvar") or ""))
    # IPUMS lists the lowest level first; users think top-down.
    types.sort(key=lambda rt: (rt.key != "", rt.code))
    return tuple(types), idvar


def read_ddi(path: str | Path) -> DdiFile:
    """Parse and check an IPUMS DDI codebook (no data is read)."""
    path = Path(path)
    root = _parse_xml(path)
    if root.tag != "{ddi:codebook:2_5}codeBook":
        raise TutError.at(path, "line 1",
                          f"the XML's root element is {root.tag.split('}')[-1]!r}, not a DDI codeBook",
                          "name the .xml codebook IPUMS delivered with the extract")
    txt = root.find("ddi:fileDscr/ddi:fileTxt", _NS)
    if txt is None:
        raise TutError.at(path, "", "the DDI has no file description (fileDscr/fileTxt)",
                          "the DDI is damaged; download it again")
    data_name = _text(txt.find("ddi:fileName", _NS))
    strc = txt.find("ddi:fileStrc", _NS)
    structure = strc.get("type", "rectangular") if strc is not None else "rectangular"
    if structure not in ("rectangular", "hierarchical"):
        raise TutError.at(path, "", f"file structure {structure!r} is not rectangular or hierarchical",
                          "tut reads IPUMS rectangular and hierarchical fixed-width extracts")
    ftype = txt.find("ddi:fileType", _NS)
    encoding = (ftype.get("charset") if ftype is not None else None) or "iso-8859-1"
    record_types, idvar = _record_types(root) if structure == "hierarchical" else ((), "")
    codes = {rt.code for rt in record_types}
    lines = named_lines(path.read_text("utf-8", errors="replace"), "var")
    variables: dict[str, DdiVariable] = {}
    for elt in root.findall("ddi:dataDscr/ddi:var", _NS):
        name = elt.get("name") or ""
        var = _variable(path, elt, lines.get(name, 0), codes)
        if var.name in variables:
            raise TutError.at(path, f"line {var.line}", f"variable {var.name} is described twice",
                              "the DDI is damaged; download it again")
        variables[var.name] = var
    if not variables:
        raise TutError.at(path, "", "the DDI describes no variables (dataDscr/var)",
                          "name the extract's codebook; it lists every variable with its columns")
    if structure == "hierarchical":
        _check_hierarchy(path, variables, record_types, idvar)
    citation = _text(root.find("ddi:stdyDscr/ddi:dataAccs/ddi:useStmt/ddi:citReq", _NS))
    title = _text(root.find("ddi:stdyDscr/ddi:citation/ddi:titlStmt/ddi:titl", _NS))
    return DdiFile(path=path, data_name=data_name, structure=structure,  # type: ignore[arg-type]
                   encoding=encoding.lower(), title=title, variables=variables,
                   record_types=record_types, record_type_variable=idvar, citation=citation)


def _check_hierarchy(path: Path, variables: dict[str, DdiVariable],
                     record_types: tuple[RecordType, ...], idvar: str) -> None:
    if not record_types:
        raise TutError.at(path, "", "a hierarchical extract without record types (recGrp)",
                          "the DDI is damaged; download it again")
    if idvar not in variables:
        raise TutError.at(path, "", f"the record-type variable {idvar or '(none)'} is not described",
                          "the DDI is damaged; download it again")
    for rt in record_types:
        if rt.key and rt.key not in variables:
            raise TutError.at(path, "", f"record type {rt.table}: key variable {rt.key} is not described",
                              "the DDI is damaged; download it again")
    tables = [rt.table for rt in record_types]
    if len(set(tables)) != len(tables):
        raise TutError.at(path, "", "two record types have the same name",
                          "the DDI is damaged; download it again")


def data_file(ddi: DdiFile) -> Path:
    """The fixed-width file beside the DDI: the name it gives, gzipped or not."""
    folder = ddi.path.parent
    stems = [ddi.data_name] if ddi.data_name else []
    stems.append(ddi.path.with_suffix(".dat").name)
    for stem in stems:
        for name in (stem + ".gz", stem):
            candidate = folder / name
            if candidate.is_file():
                return candidate
    wanted = stems[0]
    raise TutError.at(ddi.path, "", f"the data file {wanted}(.gz) is not beside the DDI",
                      f"put {wanted}.gz (as downloaded from IPUMS) in {folder}")
