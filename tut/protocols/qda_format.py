"""What tut writes into and reads out of REFI-QDA (QDA-XML 1.0) files, in one place.

The exporter and the importers agree here on the namespaces, on stable GUIDs (the same study
exported twice gives the same GUIDs and code colours, so a QDA program sees one project
updated, not a new one), on how a code's definition and include/exclude rules are written into
a ``Description``, and on validating a project against the standard's schema (shipped in
``tut/schemas/refi-qda/Project.xsd``, MIT licence, from www.qdasoftware.org).
"""

from __future__ import annotations

import hashlib
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from tut.errors import TutError
from tut.protocols.model import Code, CodeFamily

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "refi-qda" / "Project.xsd"
_GUIDS = uuid.UUID("6f1d7a52-3c55-4a0e-9a3e-7d1c2b9f0a11")
"""Namespace of tut's name-based (version 5) GUIDs."""

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)
"""Distinct colours (Tableau/D3); a code's colour is picked by a hash of its id, so it is the
same in every export and does not shift when codes are added."""

INCLUDE, EXCLUDE, EXAMPLE, ID = "Include: ", "Exclude: ", "Example: ", "Id: "


def guid(*parts: str) -> str:
    """A GUID fixed by what it names (``guid("code", "on-call")``), stable across exports."""
    return str(uuid.uuid5(_GUIDS, "\x1f".join(parts)))


def colour(code_id: str) -> str:
    return PALETTE[int(hashlib.sha256(code_id.encode("utf-8")).hexdigest(), 16) % len(PALETTE)]


def q(tag: str, ns: str = PROJECT_NS) -> str:
    """``{urn:QDA-XML:project:1.0}Tag``: ElementTree's name for a QDA-XML element."""
    return f"{{{ns}}}{tag}"


def code_description(code: Code) -> str:
    """The definition, then one line per include/exclude rule and example, then the id."""
    lines = [code.definition]
    lines += [INCLUDE + r for r in code.include] + [EXCLUDE + r for r in code.exclude]
    lines += [EXAMPLE + e for e in code.examples] + [ID + code.id]
    return "\n".join(line.replace("\n", " ") for line in lines)


def family_description(family: CodeFamily) -> str:
    return "\n".join(x for x in (family.description.replace("\n", " "), ID + family.id) if x)


@dataclass(frozen=True)
class ParsedDescription:
    """A code's Description read back: tut's own layout, or free text as the definition."""

    definition: str = ""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    id: str = ""


def parse_description(text: str) -> ParsedDescription:
    rules: dict[str, list[str]] = {INCLUDE: [], EXCLUDE: [], EXAMPLE: [], ID: []}
    definition: list[str] = []
    for line in text.splitlines():
        prefix = next((p for p in rules if line.startswith(p)), None)
        if prefix is None:
            definition.append(line)
        else:
            rules[prefix].append(line[len(prefix):].strip())
    return ParsedDescription(
        "\n".join(definition).strip(), tuple(rules[INCLUDE]), tuple(rules[EXCLUDE]),
        tuple(rules[EXAMPLE]), rules[ID][0] if rules[ID] else "",
    )


@dataclass(frozen=True)
class QdaCode:
    """A code of a QDA codebook, with the codes nested under it."""

    guid: str
    name: str
    codable: bool
    description: str = ""
    colour: str = ""
    children: tuple[QdaCode, ...] = field(default_factory=tuple)

    def walk(self) -> list[QdaCode]:
        return [self, *(c for child in self.children for c in child.walk())]


def read_codes(codes_el: ET.Element | None, ns: str = PROJECT_NS) -> tuple[QdaCode, ...]:
    """The code tree under a ``Codes`` (or ``Code``) element."""
    if codes_el is None:
        return ()
    out = []
    for el in codes_el.findall(q("Code", ns)):
        desc = el.find(q("Description", ns))
        out.append(QdaCode(
            el.get("guid", ""), el.get("name", ""), el.get("isCodable", "true") in ("true", "1"),
            (desc.text or "") if desc is not None else "", el.get("color", ""),
            read_codes(el, ns),
        ))
    return tuple(out)


@cache
def _schema() -> Any:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def _lxml(data: bytes) -> Any:
    """The document as lxml sees it, for the schema only (it has already passed
    :func:`tut.xmlsafe.parse_xml`, so no DTD or entity is left to resolve)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(data, parser)


def _codebook_in_project(root: Any) -> Any:
    """A ``.qdc``'s codes moved into a minimal project (the codebook schema is the project's
    ``Code`` type in its own namespace); elements keep their source lines."""
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{CODEBOOK_NS}}}"):
            el.tag = q(el.tag.split("}", 1)[1])
    project = etree.Element(q("Project"), name="codebook")
    book = etree.SubElement(project, q("CodeBook"))
    book.extend(child for child in root if child.tag == q("Codes"))
    return project


def schema_problems(data: bytes, *, codebook: bool = False, at_most: int = 5) -> list[tuple[int, str]]:
    """(line, reason) where the document breaks the QDA-XML 1.0 schema, first few."""
    root = _lxml(data)
    if codebook:
        root = _codebook_in_project(root)
    schema = _schema()
    if schema.validate(root):
        return []
    out = []
    for err in list(schema.error_log)[:at_most]:
        message = err.message.replace(f"{{{PROJECT_NS}}}", "")
        out.append((err.line, message))
    return out


def check_schema(data: bytes, label: str, *, codebook: bool = False) -> None:
    """Refuse a project (or ``.qdc`` codebook) that is not valid QDA-XML 1.0, at the first
    place it breaks."""
    problems = schema_problems(data, codebook=codebook, at_most=1)
    if problems:
        line, what = problems[0]
        raise TutError.at(label, f"line {line}" if line else "",
                          f"not valid REFI-QDA (QDA-XML 1.0): {what}",
                          "export it again from the QDA program")


def codebook_as_project(codebook: ET.Element) -> ET.Element:
    """A ``.qdc`` codebook (an ElementTree element) moved into a minimal project, so a
    validator of the project schema can check it (the tests' independent check)."""
    project = ET.Element(q("Project"), {"name": "codebook"})
    book = ET.SubElement(project, q("CodeBook"))

    def moved(el: ET.Element) -> ET.Element:
        tag = el.tag.split("}", 1)[-1]
        new = ET.Element(q(tag), dict(el.attrib))
        new.text = el.text
        new.extend(moved(child) for child in el)
        return new

    codes = codebook.find(q("Codes", CODEBOOK_NS))
    if codes is not None:
        book.append(moved(codes))
    return project
