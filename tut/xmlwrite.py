"""Writing XML that other programs read (REFI-QDA projects, DDI codebooks).

Trees are built with ElementTree (``{namespace}Tag`` names) and written here through lxml, so
the document's namespace is the default one (``<Project xmlns="urn:QDA-XML:project:1.0">``,
as QDA programs and DDI catalogues write it) without registering a prefix for the whole
process, and any character XML 1.0 cannot hold (a control character in a memo) is written as
U+FFFD instead of making a file no parser opens.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from lxml import etree

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str | None) -> str | None:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD."""
    return None if text is None else _NOT_XML.sub("\ufffd", text)


def _copy(el: ET.Element, parent: etree._Element | None, default_ns: str) -> etree._Element:
    attrib = {k: xml_text(v) or "" for k, v in el.attrib.items()}
    if parent is None:
        new = etree.Element(el.tag, attrib, nsmap={None: default_ns})
    else:
        new = etree.SubElement(parent, el.tag, attrib)
    new.text, new.tail = xml_text(el.text), xml_text(el.tail)
    for child in el:
        _copy(child, new, default_ns)
    return new


def xml_document(root: ET.Element, default_ns: str) -> bytes:
    """The whole document, UTF-8, with an XML declaration and ``default_ns`` unprefixed."""
    tree = _copy(root, None, default_ns)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
