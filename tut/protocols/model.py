"""Cognitive-interview protocols and coding frames, as typed objects.

Parsing from YAML lives in :mod:`tut.protocols.registry`; everything downstream (coding
store, TUI, agreement, report) works on these objects only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

from tut.instruments.model import ChangelogEntry, base_language

ProbeKind = Literal["comprehension", "paraphrase", "recall", "judgement", "response-mapping", "general"]
ProbeMode = Literal["scripted", "spontaneous"]
CodeMode = Literal["exclusive", "multiple"]
_T = TypeVar("_T", str, tuple[str, ...])
RESERVED_HOTKEYS: frozenset[str] = frozenset("qjknpurm/f? \t\n")
"""Keys the coding screen keeps for itself (quit, move, next, previous, undo, redo, memo,
search, filter, help); a code cannot use them."""


@dataclass(frozen=True)
class Probe:
    """A question the interviewer asks after a wording, to see how it was understood."""

    id: str
    text: str
    kind: ProbeKind
    mode: ProbeMode = "scripted"
    language: str = "en"
    translations: dict[str, str] = field(default_factory=dict)
    """Text of the same probe in other languages, by language code."""
    purpose: str = ""
    """What the probe is meant to reveal (for interviewers and the report)."""

    def text_in(self, language: str) -> str:
        """The probe as asked in ``language`` (``es-MX`` falls back to ``es``), else as written."""
        if language == self.language:
            return self.text
        for lang in (language, base_language(language)):
            if lang in self.translations:
                return self.translations[lang]
        return self.text


def _in(language: str, english: _T, spanish: _T) -> _T:
    """Frames are written in English with optional Spanish fields: the Spanish text for
    ``es``/``es-MX`` when present, otherwise the English (never an empty panel)."""
    return spanish if base_language(language) == "es" and spanish else english


@dataclass(frozen=True)
class Code:
    """One code of a coding frame, with what a coder needs to apply it consistently."""

    id: str
    label: str
    definition: str
    hotkey: str = ""
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    family: str = ""
    """Id of the family (group) this code sits under, empty at top level."""
    label_es: str = ""
    definition_es: str = ""
    """Spanish definition, so Spanish-speaking coders apply the code from their own language."""
    include_es: tuple[str, ...] = ()
    exclude_es: tuple[str, ...] = ()

    def label_in(self, language: str) -> str:
        """The label for coders working in ``language`` (``es``/``es-MX``), else English."""
        return _in(language, self.label, self.label_es)

    def definition_in(self, language: str) -> str:
        """The definition in ``language`` when the frame gives one, else the English one."""
        return _in(language, self.definition, self.definition_es)

    def include_in(self, language: str) -> tuple[str, ...]:
        """Include rules in ``language`` when the frame gives them, else the English ones."""
        return _in(language, self.include, self.include_es)

    def exclude_in(self, language: str) -> tuple[str, ...]:
        """Exclude rules in ``language`` when the frame gives them, else the English ones."""
        return _in(language, self.exclude, self.exclude_es)


@dataclass(frozen=True)
class CodeFamily:
    """A group of codes under a stage or theme (frames can be nested)."""

    id: str
    label: str
    description: str = ""
    codes: tuple[Code, ...] = ()
    families: tuple[CodeFamily, ...] = ()
    label_es: str = ""
    description_es: str = ""

    def label_in(self, language: str) -> str:
        return _in(language, self.label, self.label_es)

    def description_in(self, language: str) -> str:
        return _in(language, self.description, self.description_es)

    def all_codes(self) -> Iterator[Code]:
        yield from self.codes
        for fam in self.families:
            yield from fam.all_codes()

    def walk(self, depth: int = 0) -> Iterator[tuple[int, CodeFamily]]:
        """This family and the ones nested in it, with their depth (for trees)."""
        yield depth, self
        for fam in self.families:
            yield from fam.walk(depth + 1)


@dataclass(frozen=True)
class CodingFrame:
    """The codes a coder may put on a segment; exclusive frames allow one code per segment."""

    id: str
    label: str
    mode: CodeMode
    families: tuple[CodeFamily, ...]
    description: str = ""
    label_es: str = ""
    defined_in: str = ""
    """Id of the protocol whose file defines this frame (another one when borrowed)."""
    description_es: str = ""
    version: int = 1
    """1 as created; each revision during a study adds one (see :mod:`tut.coding.revisions`)."""
    retired: tuple[str, ...] = ()
    """Codes no coder may give any more (merged or retired by a revision): still readable."""
    merged_into: dict[str, str] = field(default_factory=dict)
    """Merged code -> the code it is read as (chains resolved by :meth:`read_as`)."""
    hidden_codes: tuple[Code, ...] = ()
    """Retired codes taken out of the families by :meth:`codable` (found by :meth:`code`)."""

    def label_in(self, language: str) -> str:
        return _in(language, self.label, self.label_es)

    def description_in(self, language: str) -> str:
        return _in(language, self.description, self.description_es)

    def read_as(self, code_id: str) -> str:
        """The code ``code_id`` counts as under this version (itself unless merged)."""
        seen = {code_id}
        while code_id in self.merged_into:
            code_id = self.merged_into[code_id]
            if code_id in seen:  # a loop is never written; stop rather than spin
                break
            seen.add(code_id)
        return code_id

    def codable(self) -> CodingFrame:
        """The frame as the coding screen shows it: retired codes out of the lists and
        hotkeys, still known by id so codes given before stay readable."""
        if not self.retired:
            return self
        gone = set(self.retired)

        def keep(fam: CodeFamily) -> CodeFamily:
            return replace(fam, codes=tuple(c for c in fam.codes if c.id not in gone),
                           families=tuple(keep(f) for f in fam.families))

        hidden = tuple(c for c in self.codes if c.id in gone)
        return replace(self, families=tuple(keep(f) for f in self.families),
                       hidden_codes=self.hidden_codes + hidden)

    def walk(self) -> Iterator[tuple[int, CodeFamily]]:
        """Every family, depth first, with its nesting depth (0 = top level)."""
        for fam in self.families:
            yield from fam.walk()

    def family(self, family_id: str) -> CodeFamily:
        for _depth, fam in self.walk():
            if fam.id == family_id:
                return fam
        raise KeyError(family_id)

    @property
    def codes(self) -> tuple[Code, ...]:
        """All codes, depth first, in file order."""
        return tuple(c for fam in self.families for c in fam.all_codes())

    def code(self, code_id: str) -> Code:
        for c in (*self.codes, *self.hidden_codes):
            if c.id == code_id:
                return c
        raise KeyError(code_id)

    @property
    def code_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in (*self.codes, *self.hidden_codes))

    def by_hotkey(self) -> dict[str, Code]:
        return {c.hotkey: c for c in self.codes if c.hotkey}


@dataclass(frozen=True)
class Protocol:
    """Which variants are tested, the probes after each, and the frames used to code answers."""

    id: str
    title: str
    version: str
    variants: tuple[str, ...]
    """Instrument variant ids tested by this protocol."""
    probes: tuple[Probe, ...]
    frames: tuple[CodingFrame, ...]
    probes_by_variant: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Probe ids asked after each variant; a variant not listed gets every probe."""
    description: str = ""
    source_file: str = ""
    changelog: tuple[ChangelogEntry, ...] = ()
    references: tuple[str, ...] = ()
    """Sources the probes and codes rest on."""

    def probe(self, probe_id: str) -> Probe:
        for p in self.probes:
            if p.id == probe_id:
                return p
        raise KeyError(probe_id)

    def frame(self, frame_id: str | None = None) -> CodingFrame:
        """The named frame, or the first (main) one."""
        if frame_id is None:
            return self.frames[0]
        for f in self.frames:
            if f.id == frame_id:
                return f
        raise KeyError(frame_id)

    def probes_for(self, variant_id: str) -> tuple[Probe, ...]:
        """Probes asked after ``variant_id``, in the order the protocol lists for it."""
        ids = self.probes_by_variant.get(variant_id)
        if ids is None:
            return self.probes
        by_id = {p.id: p for p in self.probes}
        return tuple(by_id[i] for i in ids if i in by_id)
