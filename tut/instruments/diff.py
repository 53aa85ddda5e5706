"""Word-level difference of two wordings, and of their metadata.

Methodologists compare wordings word by word ("in your care" vs "responsible for"), so the
diff works on word tokens, keeps punctuation as tokens of its own, and never splits a fill
such as ``[NAME(S)]``. The plain form ``[-old-]{+new+}`` is the one ``git diff
--word-diff`` uses; it is what non-terminal output and the report show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from tut.instruments.model import Variant

ChangeKind = Literal["equal", "delete", "insert"]

_TOKEN = re.compile(r"\[[^\]]*\]|\w+(?:['’\-]\w+)*|[^\w\s]")
_NO_SPACE_BEFORE = set(".,;:?!)]»”’…/")
_NO_SPACE_AFTER = set("([«“‘¿¡/")


def tokenize(text: str) -> list[str]:
    """Words (with inner hyphens/apostrophes), fills in brackets, and punctuation marks."""
    return _TOKEN.findall(text)


def _space_between(left: str, right: str) -> bool:
    return not (right in _NO_SPACE_BEFORE or left in _NO_SPACE_AFTER)


def join_tokens(tokens: tuple[str, ...] | list[str]) -> str:
    """Tokens back to readable text (no space before a comma, after an opening ``¿`` ...)."""
    out = ""
    for i, token in enumerate(tokens):
        if i and _space_between(tokens[i - 1], token):
            out += " "
        out += token
    return out


@dataclass(frozen=True)
class WordChange:
    """A run of tokens that both wordings share, or that only one of them has."""

    kind: ChangeKind
    tokens: tuple[str, ...]

    @property
    def text(self) -> str:
        return join_tokens(self.tokens)


def diff_wordings(a: str, b: str) -> list[WordChange]:
    """Runs of equal, deleted (only in ``a``) and inserted (only in ``b``) tokens, in order."""
    ta, tb = tokenize(a), tokenize(b)
    changes: list[WordChange] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            changes.append(WordChange("equal", tuple(ta[i1:i2])))
            continue
        if i2 > i1:
            changes.append(WordChange("delete", tuple(ta[i1:i2])))
        if j2 > j1:
            changes.append(WordChange("insert", tuple(tb[j1:j2])))
    return changes


_MARKS = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}


def layout(changes: list[WordChange] | tuple[WordChange, ...]) -> list[tuple[ChangeKind, str]]:
    """Pieces of text to print in order, spaces included (as ``equal`` pieces).

    Renderers (plain text here, colours in the CLI, HTML in the report) only style pieces.
    """
    pieces: list[tuple[ChangeKind, str]] = []
    previous = ""
    for change in changes:
        if not change.tokens:
            continue
        if previous and _space_between(previous, change.tokens[0]):
            pieces.append(("equal", " "))
        pieces.append((change.kind, change.text))
        previous = change.tokens[-1]
    return pieces


def render_plain(changes: list[WordChange] | tuple[WordChange, ...]) -> str:
    """``[-old-]{+new+}`` form, readable without colour."""
    return "".join(f"{_MARKS[kind][0]}{text}{_MARKS[kind][1]}" for kind, text in layout(changes))


def similarity(changes: list[WordChange] | tuple[WordChange, ...]) -> float:
    """Share of tokens the two wordings have in common (1.0 = same words in the same order)."""
    same = sum(len(c.tokens) for c in changes if c.kind == "equal")
    total = sum(len(c.tokens) * (2 if c.kind == "equal" else 1) for c in changes)
    return 2 * same / total if total else 1.0


@dataclass(frozen=True)
class FieldDifference:
    """A metadata field whose value differs between two variants."""

    field: str
    a: str
    b: str


COMPARED_FIELDS = (
    "family", "concept", "language", "text_status", "status", "version", "response_format",
    "reference_period", "target_population", "interviewer_instructions", "key_terms",
    "definitions", "source", "microdata", "translation_of",
)
"""Metadata compared by :func:`diff_variants`, in display order."""


def field_text(variant: Variant, name: str) -> str:
    """One metadata field as a line of text."""
    value: Any = getattr(variant, name)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class VariantDiff:
    """How two variants differ: their wordings word by word, and their metadata."""

    a: str
    b: str
    wording: tuple[WordChange, ...]
    fields: tuple[FieldDifference, ...]
    notes: tuple[str, ...] = ()
    """Warnings a reader must see, e.g. that one side is a variable label."""

    @property
    def plain(self) -> str:
        return render_plain(self.wording)

    @property
    def similarity(self) -> float:
        return similarity(self.wording)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "similarity": round(self.similarity, 3),
            "wording_plain": self.plain,
            "wording": [{"kind": c.kind, "text": c.text} for c in self.wording],
            "fields": [{"field": f.field, "a": f.a, "b": f.b} for f in self.fields],
            "notes": list(self.notes),
        }


def diff_variants(a: Variant, b: Variant) -> VariantDiff:
    """Word-level wording diff plus the metadata fields that differ."""
    fields = tuple(
        FieldDifference(name, field_text(a, name), field_text(b, name))
        for name in COMPARED_FIELDS
        if field_text(a, name) != field_text(b, name)
    )
    notes = tuple(
        f"{v.id}: {v.text_status_note}" for v in (a, b) if not v.is_read_out_text
    )
    return VariantDiff(a.id, b.id, tuple(diff_wordings(a.wording, b.wording)), fields, notes)
