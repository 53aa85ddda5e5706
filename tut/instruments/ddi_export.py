"""The wording registry as a DDI Codebook 2.5 ``codeBook``, for NADA catalogues and the like.

Each microdata variable a wording produced is one ``var`` (a wording not fielded yet is a
``var`` named by its variant id), carrying the texts of every variant that produced it and of
their translations, each with its ``xml:lang``:

- only ``verbatim`` and ``secondary-source`` texts are ``qstn/qstnLit``, the question as read
  (with the interviewer instructions as ``ivuInstr``);
- a data-file variable label is a ``labl`` (``level="variable"``); a paraphrase or a candidate
  is a ``txt``; each such text has a ``notes`` (``type="tut:text-status"``) saying it is not
  the wording read to respondents, so a label is never passed off as the question;
- the target population is ``universe``, the family's concept ``concept``;
- categories (``catgry``) come from the registry's value labels and missing codes, and from
  the data file's own labels when ``--microdata FILE`` is given (the file is a ``fileDscr``).

Building is pure (:func:`codebook_element`); the CLI writes the bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tut.errors import number_text
from tut.instruments.model import TEXT_STATUS_NOTES, Variant
from tut.xmlwrite import xml_document

DDI_NS = "ddi:codebook:2_5"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
READ_OUT = ("verbatim", "secondary-source")
"""Text statuses that are the question as put to respondents (DDI ``qstnLit``)."""


def d(tag: str) -> str:
    return f"{{{DDI_NS}}}{tag}"


@dataclass(frozen=True)
class Category:
    value: str
    label: str
    missing: bool = False


@dataclass(frozen=True)
class FileVariable:
    """What a data file says of one of its variables (``--microdata``)."""

    label: str
    categories: tuple[Category, ...] = ()


@dataclass(frozen=True)
class DataFile:
    name: str
    cases: int
    variables: dict[str, FileVariable] = field(default_factory=dict)


@dataclass
class _Var:
    name: str
    dataset: str
    variants: list[Variant] = field(default_factory=list)
    categories: dict[str, Category] = field(default_factory=dict)


def _ncname(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", text)


def translation_groups(variants: Iterable[Variant]) -> dict[str, list[Variant]]:
    """Variant id -> every variant linked to it by ``translation_of`` (itself first)."""
    by_id = {v.id: v for v in variants}

    def root(v: Variant) -> str:
        seen = {v.id}
        while v.translation_of in by_id and v.translation_of not in seen:
            v = by_id[v.translation_of]
            seen.add(v.id)
        return v.id

    members: dict[str, list[Variant]] = {}
    for v in by_id.values():
        members.setdefault(root(v), []).append(v)
    return {v.id: [v, *(m for m in members[root(v)] if m.id != v.id)] for v in by_id.values()}


def _vars(variants: list[Variant]) -> list[_Var]:
    found: dict[tuple[str, str], _Var] = {}
    for v in variants:
        links = [(link, name) for link in v.microdata for name in link.variables]
        if not links:
            found[("", v.id)] = _Var(v.id, "", [v])
        for link, name in links:
            var = found.setdefault((link.dataset, name), _Var(name, link.dataset))
            var.variants.append(v)
            for code, label in link.value_labels.items():
                var.categories.setdefault(str(code), Category(str(code), label))
            for missing in link.missing_codes:
                old = var.categories.get(str(missing))
                var.categories[str(missing)] = Category(str(missing), old.label if old else "", True)
    return list(found.values())


def _text(parent: ET.Element, tag: str, text: str, lang: str = "", **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, d(tag), attrs)
    if lang:
        el.set(XML_LANG, lang)
    el.text = text
    return el


def _var_element(dscr: ET.Element, var: _Var, groups: Mapping[str, list[Variant]],
                 data: DataFile | None) -> ET.Element:
    in_file = data.variables.get(var.name) if data is not None else None
    attrs = {"ID": _ncname(f"V.{var.dataset}.{var.name}" if var.dataset else f"V.{var.name}"),
             "name": var.name}
    if in_file is not None:
        attrs["files"] = "F1"
    el = ET.SubElement(dscr, d("var"), attrs)
    texts = list({m.id: m for v in var.variants for m in groups[v.id]}.values())
    if in_file is not None and in_file.label:
        _text(el, "labl", in_file.label, level="variable", vendor="data file")
    for m in texts:
        if m.text_status == "variable-label":
            _text(el, "labl", m.wording, m.language, level="variable")
    for m in texts:
        if m.text_status in READ_OUT or m.interviewer_instructions:
            qstn = _text(el, "qstn", "", m.language)
            qstn.text = None
            if m.text_status in READ_OUT:
                _text(qstn, "qstnLit", m.wording)
            if m.interviewer_instructions:
                _text(qstn, "ivuInstr", m.interviewer_instructions)
    for m in texts:
        if m.target_population:
            _text(el, "universe", m.target_population, m.language)
    for m in texts:
        if m.text_status not in READ_OUT and m.text_status != "variable-label":
            _text(el, "txt", m.wording, m.language, level=m.text_status)
    categories = dict(var.categories)
    if in_file is not None:
        categories.update({c.value: c for c in in_file.categories})
    for cat in categories.values():
        c = ET.SubElement(el, d("catgry"), {"missing": "Y"} if cat.missing else {})
        _text(c, "catValu", cat.value)
        if cat.label:
            _text(c, "labl", cat.label)
    for concept in dict.fromkeys(m.concept for m in texts if m.concept):
        _text(el, "concept", concept)
    for m in texts:
        if m.text_status == "secondary-source":
            _text(el, "notes", f"The qstnLit in {m.language} (tut variant {m.id}) is a "
                  f"{TEXT_STATUS_NOTES[m.text_status]}.", "en", type="tut:text-status",
                  subject=m.id)
        elif m.text_status not in READ_OUT:
            where = "labl" if m.text_status == "variable-label" else "txt"
            _text(el, "notes", f"The {where} in {m.language} (tut variant {m.id}) is a "
                  f"{TEXT_STATUS_NOTES[m.text_status]}; it is not the question as read to "
                  "respondents.", "en", type="tut:text-status", subject=m.id)
    sources = "; ".join(f"{m.id} ({m.language}, {m.text_status}, {m.source})" for m in texts)
    _text(el, "notes", f"Wording variants in tut's registry: {sources}.", "en",
          type="tut:variants")
    return el


def codebook_element(variants: list[Variant], *, title: str, data: DataFile | None = None
                     ) -> ET.Element:
    """The ``codeBook`` of these variants (and of the data file's variables they produced)."""
    root = ET.Element(d("codeBook"), {"version": "2.5", XML_LANG: "en"})
    doc = ET.SubElement(ET.SubElement(root, d("docDscr")), d("citation"))
    _text(ET.SubElement(doc, d("titlStmt")), "titl", title)
    _text(ET.SubElement(doc, d("prodStmt")), "software", "tut")
    study = ET.SubElement(ET.SubElement(root, d("stdyDscr")), d("citation"))
    _text(ET.SubElement(study, d("titlStmt")), "titl", title)
    if data is not None:
        txt = ET.SubElement(ET.SubElement(root, d("fileDscr"), {"ID": "F1", "URI": data.name}),
                            d("fileTxt"))
        _text(txt, "fileName", data.name)
        dims = ET.SubElement(txt, d("dimensns"))
        _text(dims, "caseQnty", str(data.cases))
        _text(dims, "varQnty", str(len(data.variables)))
    dscr = ET.SubElement(root, d("dataDscr"))
    groups = translation_groups(variants)
    vars_ = _vars(variants)
    families = list(dict.fromkeys(v.family for v in variants))
    for family in families:
        ids = [_ncname(f"V.{x.dataset}.{x.name}" if x.dataset else f"V.{x.name}")
               for x in vars_ if any(v.family == family for v in x.variants)]
        grp = ET.SubElement(dscr, d("varGrp"), {"ID": _ncname(f"G.{family}"), "type": "version",
                                                "var": " ".join(dict.fromkeys(ids))})
        _text(grp, "labl", family)
        concept = next((v.concept for v in variants if v.family == family and v.concept), "")
        if concept:
            _text(grp, "concept", concept)
    for var in vars_:
        _var_element(dscr, var, groups, data)
    return root


def ddi_bytes(root: ET.Element) -> bytes:
    return xml_document(root, DDI_NS)


def file_variables(book_variables: Mapping[str, object]) -> dict[str, FileVariable]:
    """A microdata codebook's variables as DDI sees them: label, value labels, missing codes."""
    out = {}
    for name, var in book_variables.items():
        labels: Mapping[object, str] = getattr(var, "value_labels", {}) or {}
        missing = {number_text(m) for m in getattr(var, "missing_values", ())}
        cats = [Category(number_text(code), label, number_text(code) in missing)
                for code, label in labels.items()]
        cats += [Category(m, "", True) for m in sorted(missing - {c.value for c in cats})]
        out[name] = FileVariable(str(getattr(var, "label", "")), tuple(cats))
    return out
