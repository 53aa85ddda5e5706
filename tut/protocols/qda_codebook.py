"""A draft protocol from a QDA codebook (``.qdc``, or the codebook of a ``.qdpx`` project).

A codebook made in NVivo, MAXQDA, ATLAS.ti or QualCoder is a tree of codes; a tut frame is a
tree of families holding codes. A code with codes under it becomes a family (and, when it can
be coded itself, also the family's first code, of the same name); a code without children
becomes a code; codes without a parent at the top are gathered in one family. Ids are made
from the names (lower case, hyphens, unique), or taken from the ``Id:`` line tut writes in its
own exports; descriptions become definitions (tut's ``Include:``/``Exclude:``/``Example:``
lines become rules again); hotkeys are given in the order of the suggested keys while they
last. Variants and probes are placeholders to replace: the draft validates as it is.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

from ruamel.yaml import YAML

from tut.protocols.qda_format import QdaCode, parse_description
from tut.protocols.registry import SUGGESTED_HOTKEYS

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def slug(name: str, fallback: str = "code") -> str:
    """An id of lower-case ASCII letters and digits joined by hyphens (``Sleep counts`` ->
    ``sleep-counts``, ``niño`` -> ``nino``)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-") or fallback


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def new(self, wanted: str, fallback: str) -> str:
        base = wanted if ID_PATTERN.fullmatch(wanted) else slug(wanted, fallback)
        name, k = base, 2
        while name in self.used:
            name, k = f"{base}-{k}", k + 1
        self.used.add(name)
        return name


class _Draft:
    def __init__(self, origin: str) -> None:
        self.codes, self.families = _Ids(), _Ids()
        self.keys = list(SUGGESTED_HOTKEYS)
        self.origin = origin or "the QDA program"
        self.count = 0

    def code(self, node: QdaCode) -> dict[str, Any]:
        said = parse_description(node.description)
        label = node.name.strip() or "(unnamed)"
        out: dict[str, Any] = {
            "id": self.codes.new(said.id or node.name, "code"),
            "label": label,
            "definition": said.definition or f"(no description in {self.origin}: write the "
                                              "definition coders apply)",
        }
        for key, rules in (("include", said.include), ("exclude", said.exclude),
                           ("examples", said.examples)):
            if rules:
                out[key] = list(rules)
        if self.keys:
            out["hotkey"] = self.keys.pop(0)
        self.count += 1
        return out

    def family(self, node: QdaCode) -> dict[str, Any]:
        said = parse_description(node.description)
        out: dict[str, Any] = {"id": self.families.new(said.id or node.name, "family"),
                               "label": node.name.strip() or "(unnamed)"}
        if said.definition:
            out["description"] = said.definition
        codes = [self.code(node)] if node.codable else []
        families = []
        for child in node.children:
            if child.children:
                families.append(self.family(child))
            else:
                codes.append(self.code(child))
        if codes:
            out["codes"] = codes
        if families:
            out["families"] = families
        return out


def draft_protocol(codes: tuple[QdaCode, ...], *, protocol_id: str, title: str, origin: str,
                   variants: list[str]) -> tuple[dict[str, Any], int]:
    """The draft protocol (plain data for YAML) and how many codes it holds (pure)."""
    draft = _Draft(origin)
    families: list[dict[str, Any]] = []
    loose = [c for c in codes if not c.children]
    for node in codes:
        if node.children:
            families.append(draft.family(node))
    if loose:
        families.append({"id": draft.families.new("ungrouped", "ungrouped"),
                         "label": "Codes without a parent",
                         "codes": [draft.code(c) for c in loose]})
    protocol = {
        "id": protocol_id,
        "title": title,
        "version": "0.1",
        "description": f"Draft made by 'tut protocols import-codebook' from a codebook of "
                       f"{draft.origin}: replace the variants and probes, check every definition.",
        "variants": variants,
        "probes": [{"id": "tell-me-more", "kind": "general", "mode": "scripted",
                    "text": "Can you tell me more about your answer?"}],
        "frames": [{"id": protocol_id, "label": title, "mode": "multiple",
                    "families": families}],
    }
    return protocol, draft.count


HEADER = """\
# Draft protocol from a QDA codebook ({source}).
# TO DO before coding: list the wording variants you test, write the probes, check each
# code's definition (codes without a description say so), then 'tut protocols validate'.
"""


def protocol_yaml(protocol: dict[str, Any], source: str) -> str:
    yaml = YAML()
    yaml.width = 100
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(protocol, buffer)
    return HEADER.format(source=source) + buffer.getvalue()
