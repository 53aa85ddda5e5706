"""Wording variants of survey questions, as typed objects.

The distinction between text read to respondents and a data-file label matters: a label
or a paraphrase must never be presented as the wording respondents heard.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

TextStatus = Literal["verbatim", "variable-label", "secondary-source", "paraphrase", "candidate"]
"""Where the wording text comes from: read-out text (verbatim), a data-file variable label,
a third-party copy (secondary-source), a paraphrase, or a new candidate rewording."""

VariantStatus = Literal["in-use", "candidate", "retired"]

TEXT_STATUS_NOTES: dict[str, str] = {
    "verbatim": "verbatim — the text read to (or shown to) respondents",
    "variable-label": "variable label — not the read-out text",
    "secondary-source": "secondary source — copied by a third party; verify before quoting",
    "paraphrase": "paraphrase — not the read-out text",
    "candidate": "candidate — new text written for testing, not yet fielded",
}
"""How each text status is shown wherever a wording is displayed (CLI, report)."""

TEXT_STATUS_NOTES_ES: dict[str, str] = {
    "verbatim": "textual — el texto leído (o mostrado) a las personas entrevistadas",
    "variable-label": "etiqueta de variable — no es el texto leído",
    "secondary-source": "fuente secundaria — copiada por terceros; cotejar antes de citar",
    "paraphrase": "paráfrasis — no es el texto leído",
    "candidate": "candidata — texto nuevo escrito para pruebas, aún no levantado",
}
"""The same notes for Spanish-speaking reviewers (``--lang es``)."""


def base_language(language: str) -> str:
    """Primary language subtag, ``es`` for ``es-MX``: wordings in the same base language are
    compared with each other, and probes and word lists exist per base language."""
    return language.split("-")[0].lower()


def text_status_note(text_status: str, lang: str = "en") -> str:
    """The note of a text status in ``lang`` (``es``/``es-MX``; anything else is English)."""
    notes = TEXT_STATUS_NOTES_ES if base_language(lang) == "es" else TEXT_STATUS_NOTES
    return notes[text_status]


def default_label(variant_id: str, survey: str, language: str) -> str:
    """A label for a wording without one: the survey's short name (the part in brackets,
    "ATUS" of "American Time Use Survey (ATUS)") and its language, else the id."""
    short = survey.rsplit("(", 1)[1].rstrip(") ") if "(" in survey else survey
    if not short or len(short) > 40:
        return variant_id
    return f"{short} ({language})" if language else short


@dataclass(frozen=True)
class Source:
    """Where a wording was found: survey, year, section and a citation (URL)."""

    survey: str
    year: str = ""
    section: str = ""
    citation: str = ""
    note: str = ""
    """What exactly was seen there (e.g. "public copy of the 2013 SPSS read-in program")."""

    def __str__(self) -> str:
        head = ", ".join(part for part in (self.survey, self.year, self.section) if part)
        return f"{head} <{self.citation}>" if self.citation else head


@dataclass(frozen=True)
class MicrodataLink:
    """How answers to a variant appear in microdata."""

    dataset: str
    variables: tuple[str, ...]
    value_labels: dict[str, str] = field(default_factory=dict)
    missing_codes: tuple[int, ...] = ()
    unit: str = ""
    ballot_variable: str = ""
    """In split-ballot data: the variable that says which wording a respondent got."""
    ballot_code: int | None = None
    """The value of ``ballot_variable`` for respondents asked this variant."""
    note: str = ""

    def __str__(self) -> str:
        text = f"{self.dataset}: {', '.join(self.variables)}"
        if self.unit:
            text += f" ({self.unit})"
        if self.ballot_variable:
            text += f" where {self.ballot_variable} = {self.ballot_code}"
        return text


@dataclass(frozen=True)
class ChangelogEntry:
    version: str
    date: str
    change: str


@dataclass(frozen=True)
class Family:
    """An instrument family: one registry file, the variants of one question."""

    id: str
    title: str
    concept: str
    sources: tuple[Source, ...] = ()
    notes: str = ""
    source_file: str = ""


@dataclass(frozen=True)
class Variant:
    """One wording of a question, in one language, with everything needed to compare it."""

    id: str
    family: str
    concept: str
    language: str
    wording: str
    text_status: TextStatus
    response_format: str
    reference_period: str
    target_population: str
    source: Source
    status: VariantStatus
    version: str
    interviewer_instructions: str = ""
    key_terms: tuple[str, ...] = ()
    """Terms the wording relies on (e.g. "in your care"); the check flags undefined ones."""
    definitions: dict[str, str] = field(default_factory=dict)
    """Definitions given to respondents or interviewers for key terms."""
    changelog: tuple[ChangelogEntry, ...] = ()
    microdata: tuple[MicrodataLink, ...] = ()
    translation_of: str = ""
    """Id of the variant this one translates, if any."""
    notes: str = ""
    source_file: str = ""
    label: str = ""
    """Short human name of the wording for headlines, tables and charts ("ATUS 'in your
    care'"); see :meth:`display_label`."""
    label_es: str = ""
    """The same name for Spanish reports."""

    def display_label(self, lang: str = "en") -> str:
        """The wording's short name in ``lang``: ``label_es`` in Spanish, else ``label``,
        else the survey it comes from with its language ("ATUS (en)"), else the id."""
        if base_language(lang) == "es" and self.label_es:
            return self.label_es
        if self.label:
            return self.label
        return default_label(self.id, self.source.survey, self.language)

    @property
    def is_read_out_text(self) -> bool:
        """True when ``wording`` is what respondents heard (not a label or paraphrase)."""
        return self.text_status in ("verbatim", "candidate")

    @property
    def text_status_note(self) -> str:
        """How to label the wording when showing it, e.g. "variable label — not the read-out text"."""
        return TEXT_STATUS_NOTES[self.text_status]

    @property
    def base_language(self) -> str:
        """Primary language subtag: ``es`` for ``es-MX``."""
        return base_language(self.language)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (what ``--json`` prints and the report stores)."""
        data = asdict(self)
        data["text_status_note"] = self.text_status_note
        data["is_read_out_text"] = self.is_read_out_text
        return data
