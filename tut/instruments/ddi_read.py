"""Labels and question texts from any DDI Codebook 2.5 file (a NADA or INEGI catalogue's, or
tut's own export), to show beside a data file and the registry's wordings.

IPUMS extracts, whose DDI also places each variable on a fixed-width line, are read by
:mod:`tut.microdata.ddi`; this reader needs no ``location`` and reads only what describes a
variable: ``labl``, ``qstn/qstnLit`` (with ``xml:lang``), ``catgry``. A DDI of another version
(2.1's ICPSR namespace, DDI Lifecycle 3) is refused with the file and the line, as is any DTD
or entity (:mod:`tut.xmlsafe`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from tut.errors import TutError
from tut.instruments.ddi_export import DDI_NS, XML_LANG
from tut.userfiles import XML_MAX_BYTES, read_limited
from tut.xmlsafe import named_lines, parse_xml

_NS = {"ddi": DDI_NS}


@dataclass(frozen=True)
class DdiVarText:
    """What a DDI says of one variable."""

    name: str
    label: str
    questions: tuple[tuple[str, str], ...] = ()
    """(language, literal question text) pairs; the language may be empty."""
    categories: dict[str, str] = field(default_factory=dict)
    line: int = 0


def _text(el: ET.Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def check_ddi25(root: ET.Element, path: str | Path) -> None:
    """Refuse XML that is not a DDI Codebook 2.5 ``codeBook``."""
    ns, _, tag = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", root.tag)
    fix = "export or download the codebook as DDI Codebook 2.5 (namespace ddi:codebook:2_5)"
    if tag != "codeBook":
        what = "DDI Lifecycle 3" if "ddi:instance" in ns or tag == "DDIInstance" else f"<{tag}>"
        raise TutError.at(path, "line 1", f"the root element is {what}, not a DDI Codebook 2.5 "
                          "codeBook", fix)
    if ns != DDI_NS:
        raise TutError.at(path, "line 1", f"a DDI codeBook of another version (namespace "
                          f"{ns or 'none'}), not DDI Codebook 2.5", fix)
    version = root.get("version", "2.5")
    if version != "2.5":
        raise TutError.at(path, "line 1", f"codeBook version {version!r}, not 2.5", fix)


def read_ddi_texts(path: str | Path) -> dict[str, DdiVarText]:
    """Variables by name with their labels, question texts and categories."""
    path = Path(path)
    data = read_limited(path, XML_MAX_BYTES, "a DDI codebook", folder_fix="name the .xml codebook")
    root = parse_xml(data, path)
    check_ddi25(root, path)
    lines = named_lines(data.decode("utf-8", errors="replace"), "var")
    out: dict[str, DdiVarText] = {}
    for el in root.iterfind("ddi:dataDscr/ddi:var", _NS):
        name = el.get("name", "")
        questions = tuple((q.get(XML_LANG, "") or qstn.get(XML_LANG, ""), _text(q))
                          for qstn in el.iterfind("ddi:qstn", _NS)
                          for q in qstn.iterfind("ddi:qstnLit", _NS) if _text(q))
        cats = {_text(c.find("ddi:catValu", _NS)): _text(c.find("ddi:labl", _NS))
                for c in el.iterfind("ddi:catgry", _NS)}
        if name and name not in out:
            out[name] = DdiVarText(name, _text(el.find("ddi:labl", _NS)), questions, cats,
                                   lines.get(name, 0))
    if not out:
        raise TutError.at(path, "", "the DDI describes no variables (dataDscr/var)",
                          "name the codebook that goes with the data file")
    return out
