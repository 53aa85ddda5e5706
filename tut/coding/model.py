"""Studies, segments and coding events, as typed objects.

A *segment* is the unit of coding: the answer of one respondent to one probe after one
wording variant. Coders' actions are *events* appended to their own journal; the current
codes are the replay of those events (see :mod:`tut.coding.store`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Action = Literal["set", "clear", "memo", "adjudicate"]


@dataclass(frozen=True)
class Segment:
    """One answer to one probe after one wording, by one respondent."""

    id: str
    respondent_id: str
    interview_id: str
    variant_id: str
    probe_id: str
    answer: str
    notes: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    """Respondent attributes such as sex, age group, has children under 13."""


@dataclass(frozen=True)
class Study:
    """A protocol, the variants it tests, the interview segments and who codes them."""

    name: str
    protocol_id: str
    frame_id: str
    variants: tuple[str, ...]
    created: str
    """ISO 8601 timestamp."""
    description: str = ""
    protocol_version: str = ""
    """Version of the protocol when the study was created (a frozen copy is kept with it)."""
    segments_source: str = ""
    """The segments file the study was created from."""
    segment_count: int = 0


@dataclass(frozen=True)
class Event:
    """One action of one coder, as written (one JSON line) in that coder's journal."""

    seq: int
    """1-based position in the journal."""
    time: str
    """ISO 8601 UTC timestamp."""
    coder: str
    action: Action
    segment_id: str
    codes: tuple[str, ...] = ()
    memo: str = ""
    round: int = 1
    """1 for first coding; 2 for a blind recode (intra-coder reliability)."""
    rationale: str = ""
    """Adjudication only: why this consensus."""
    via: str = ""
    """``"undo"`` or ``"redo"`` when the coder's undo or redo wrote this event, else empty
    (older journals have no such field: their undos read as ordinary events)."""
    revises: str = ""
    """Adjudication only: the adjudicator whose decision this one explicitly revises (the
    writer's own id for their own); empty for a plain decision (older journals)."""


@dataclass(frozen=True)
class SegmentCoding:
    """The current codes and memo of one coder on one segment (replayed from events)."""

    segment_id: str
    codes: tuple[str, ...] = ()
    memo: str = ""
    round: int = 1
    updated: str = ""

    @property
    def is_coded(self) -> bool:
        return bool(self.codes)


@dataclass(frozen=True)
class Adjudication:
    """The consensus codes an adjudicator chose for a segment where coders disagreed."""

    segment_id: str
    codes: tuple[str, ...]
    adjudicator: str
    rationale: str = ""
    time: str = ""
    revises: str = ""
    """The adjudicator whose earlier decision this one revises (see :mod:`tut.coding.decisions`)."""


@dataclass(frozen=True)
class Disagreement:
    """A segment that two or more coders coded, with different codes."""

    segment_id: str
    by_coder: dict[str, tuple[str, ...]]
    """Codes of every coder who coded the segment (uncoded coders are left out)."""


@dataclass(frozen=True)
class WordingCopy:
    """The wording of a variant as it stood when a study was created (kept with the study,
    so coders see what respondents heard even after the registry changes)."""

    variant_id: str
    wording: str
    language: str = ""
    text_status: str = ""
    """verbatim, variable-label, secondary-source, paraphrase or candidate."""
    version: str = ""
    key_terms: tuple[str, ...] = ()
    """The wording's key phrases; the first fills a probe's ``[TERM]``."""
