"""Wording variants of survey questions, as typed objects.

The distinction between text read to respondents and a data-file label matters: a label
or a paraphrase must never be presented as the wording respondents heard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TextStatus = Literal["verbatim", "variable-label", "secondary-source", "paraphrase", "candidate"]
"""Where the wording text comes from: read-out text (verbatim), a data-file variable label,
a third-party copy (secondary-source), a paraphrase, or a new candidate rewording."""

VariantStatus = Literal["in-use", "candidate", "retired"]


@dataclass(frozen=True)
class Source:
    """Where a wording was found: survey, year, section and a citation (URL)."""

    survey: str
    year: str = ""
    section: str = ""
    citation: str = ""


@dataclass(frozen=True)
class MicrodataLink:
    """How answers to a variant appear in microdata."""

    dataset: str
    variables: tuple[str, ...]
    value_labels: dict[str, str] = field(default_factory=dict)
    missing_codes: tuple[int, ...] = ()
    unit: str = ""


@dataclass(frozen=True)
class ChangelogEntry:
    version: str
    date: str
    change: str


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

    @property
    def is_read_out_text(self) -> bool:
        """True when ``wording`` is what respondents heard (not a label or paraphrase)."""
        return self.text_status in ("verbatim", "candidate")
