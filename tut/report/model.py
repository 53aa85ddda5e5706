"""The wording-comparison report as typed objects.

:class:`ReportInput` gathers what the stages produced (study and codes, wordings, agreement,
microdata comparison, study notes, provenance); :func:`tut.report.build.build_report` turns
it into a :class:`Report`, from which the HTML, Markdown and JSON renderers only format.
Every number a renderer shows lives in the report, so ``report.json`` holds all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

from tut.agreement.model import Note
from tut.coding.model import Adjudication, Segment, Study
from tut.compare.results import ComparisonResult
from tut.instruments.model import Variant
from tut.messages import Message
from tut.protocols.model import CodingFrame, Protocol

AlphaVerdict = Literal["reliable", "tentative", "unreliable", "undefined"]
Finding = Literal[
    "better",
    "worse",
    "suggestive-better",
    "suggestive-worse",
    "no-clear-difference",
    "inconclusive",
    "reference",
]
"""``better``/``worse``: the test supports the difference at the chosen level and it passes
the substantive threshold; ``suggestive-*``: it passes the threshold but the test does not
support it (too few respondents to be sure)."""


# --- inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlphaRow:
    """Krippendorff's alpha for one slice of the coding, with its interval and verdict."""

    scope: str
    """``overall``, ``code``, ``variant``, ``probe``, ``coder-pair``, ``time`` or
    ``intra-coder``."""
    key: str
    value: float | None
    ci: tuple[float, float] | None
    verdict: AlphaVerdict
    n_units: int
    n_pairable: int
    p_below_tentative: float | None = None
    """Bootstrap probability that alpha is below 0.667 (None without bootstrap)."""
    p_below_reliable: float | None = None
    said: Note = Note()
    """Why the value is undefined, or how the interval was computed: the agreement stage's
    note, worded when shown (:meth:`note_in`)."""
    too_few_uses: bool = False
    """By code: the code is on too few segments for an interval (the value stays)."""

    @property
    def note(self) -> str:
        """:attr:`said` in English (report.json, the decision's data)."""
        return self.said.text()

    @property
    def note_message(self) -> Message | None:
        """:attr:`said` as a catalogue message; None when the stage gave it no key."""
        return self.said.message()

    def note_in(self, lang: str) -> str:
        """:attr:`said` in ``lang`` (as the stage wrote it when it has no key)."""
        return self.said.text(lang)

    def to_json(self) -> dict[str, Any]:
        """The row as report.json has it: the note in English beside its key and parameters."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "said"}
        note = self.note_message
        shown = {"note": self.note, "too_few_uses": out.pop("too_few_uses")}
        return out | shown | {"note_message": None if note is None else note.to_dict()}

    @property
    def reliable_enough(self) -> bool:
        """At least tentative (alpha >= 0.667): numbers resting on it may be used with care."""
        return self.verdict in ("reliable", "tentative")


@dataclass(frozen=True)
class AgreementSummary:
    """The agreement the report shows: overall, per code, per variant, per coder pair."""

    coders: tuple[str, ...]
    overall: AlphaRow
    by_code: tuple[AlphaRow, ...] = ()
    by_variant: tuple[AlphaRow, ...] = ()
    by_probe: tuple[AlphaRow, ...] = ()
    by_pair: tuple[AlphaRow, ...] = ()
    by_time: tuple[AlphaRow, ...] = ()
    """First vs last third of each coder's work (drift)."""
    intra: tuple[AlphaRow, ...] = ()
    """Blind recode (round 2) against the same coder's first codes."""
    method: str = ""
    bootstrap: int = 0
    seed: int | None = None
    single_coded_units: int = 0
    sets: bool = False
    """Several codes per unit: sets compared with the MASI distance, each code present/absent."""

    def code(self, code_id: str) -> AlphaRow | None:
        for row in self.by_code:
            if row.key == code_id:
                return row
        return None


@dataclass(frozen=True)
class StudyNotes:
    """The study's own account for the methods section (``methods.yaml``, CIRF headings)."""

    illustrative: bool = False
    objectives: str = ""
    design: str = ""
    ethics: str = ""
    sample: dict[str, str] = field(default_factory=dict)
    interviewers: tuple[dict[str, str], ...] = ()
    data_collection: dict[str, str] = field(default_factory=dict)
    analysis: dict[str, Any] = field(default_factory=dict)
    limitations: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()
    off_target_codes: tuple[str, ...] = ()
    translations: dict[str, StudyNotes] = field(default_factory=dict)
    """The same notes in another report language (``es``), when methods.yaml gives texts
    as ``{en: ..., es: ...}``."""

    def in_language(self, lang: str) -> StudyNotes:
        """The notes as written for ``lang`` (these notes when there is no translation)."""
        return self.translations.get(lang, self)


@dataclass(frozen=True)
class InputFile:
    """A file the report was made from, so a reader can check they have the same one."""

    role: str
    path: str
    sha256: str
    bytes: int


@dataclass(frozen=True)
class Provenance:
    """What is needed to reproduce the report."""

    generated: str
    """ISO 8601 UTC time the report was built."""
    files: tuple[InputFile, ...] = ()
    software: dict[str, str] = field(default_factory=dict)
    seed: int | None = None
    command: str = ""
    spec_text: str = ""
    """The comparison spec as written (YAML)."""


@dataclass(frozen=True)
class ReportInput:
    """Everything the stages produced that the report needs; no file is read after this."""

    study: Study
    protocol: Protocol
    frame: CodingFrame
    segments: tuple[Segment, ...]
    codings: dict[str, dict[str, tuple[str, ...]]]
    """Round-1 codes by coder and segment id (uncoded segments absent)."""
    adjudications: dict[str, Adjudication]
    agreement: AgreementSummary
    variants: dict[str, Variant]
    """Wordings of the study's variants (from the registry or the study's frozen copy), and
    of the microdata's variants the registry knows (for their labels)."""
    provenance: Provenance
    notes: StudyNotes = field(default_factory=StudyNotes)
    comparison: ComparisonResult | None = None
    comparison_outcome: str = ""
    """Outcome the summary and chart use (default: the first one)."""
    pseudonymise: bool = False
    title: str = ""
    outcome_labels: dict[str, str] = field(default_factory=dict)
    """Outcome name -> its label in the comparison spec."""
    frame_revisions: tuple[str, ...] = ()
    """The frame's revisions during the study, one line each (``frame.version`` is the last)."""
    conflicts: tuple[str, ...] = ()
    """Segments whose adjudicators decided differently (left out, like unresolved ones)."""
    withdrawn: int = 0
    """Respondents who withdrew consent (their segments are not in ``segments``)."""


# --- the report -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of a word-level diff: ``equal``, ``delete`` (only in a) or ``insert`` (only in b)."""

    kind: str
    text: str


@dataclass(frozen=True)
class WordingFlagView:
    check: str
    severity: str
    message: str
    evidence: str
    key: str = ""
    """Kind of message (``tut.instruments.checks.MESSAGES``), to word it in the report's language."""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class WordingView:
    """One wording as the report shows it."""

    id: str
    language: str
    wording: str
    text_status: str
    read_out: bool
    """False when the text is a label or paraphrase, not what respondents heard."""
    status: str
    source: str
    citation: str
    flags: tuple[WordingFlagView, ...] = ()
    key_terms: tuple[str, ...] = ()
    version: str = ""
    label: str = ""
    """Short human name in English reports (ids are only shown in the appendix)."""
    label_es: str = ""
    """Short human name in Spanish reports."""


@dataclass(frozen=True)
class WordingPair:
    """A reference wording and an alternative in the same language, word by word."""

    language: str
    reference: str
    alternative: str
    pieces: tuple[Piece, ...]
    similarity: float


@dataclass(frozen=True)
class Quote:
    segment_id: str
    respondent: str
    """Respondent id, or its pseudonym."""
    probe: str
    text: str


@dataclass(frozen=True)
class CodeCount:
    """How often the consensus codes of one variant's segments carry one code."""

    code: str
    label: str
    label_es: str
    count: int
    share: float
    """Of the variant's segments with consensus codes."""
    role: str
    """``target``, ``off-target`` or ``boundary``."""
    alpha: float | None
    unreliable: bool
    """The code's own alpha is below 0.667 (or undefined): its counts are flagged."""
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Reading:
    """How respondents read one wording, from their comprehension answers."""

    variant: str
    respondents: int
    target: int
    """Respondents with at least one target-concept code on a comprehension probe."""
    off_target: int
    both: int = 0
    """Respondents with a target and an off-target reading."""
    neither: int = 0
    """Respondents with coded answers but neither a target nor an off-target reading."""
    target_ci: tuple[float, float] | None = None
    """Wilson interval of the share on target (respondents are the unit)."""
    off_target_ci: tuple[float, float] | None = None

    @property
    def complementary(self) -> bool:
        """Every respondent is on target or off target, never both: the off-target share is
        one minus the on-target share and adds nothing."""
        return self.both == 0 and self.neither == 0

    @property
    def target_share(self) -> float:
        return self.target / self.respondents if self.respondents else 0.0

    @property
    def off_target_share(self) -> float:
        return self.off_target / self.respondents if self.respondents else 0.0

    @property
    def net_fit(self) -> float:
        return self.target_share - self.off_target_share


@dataclass(frozen=True)
class VariantCoding:
    """What the interviews revealed about one wording."""

    variant: str
    segments: int
    coded: int
    """Segments with consensus codes (adjudicated, agreed or coded once)."""
    unresolved: int
    respondents: int
    codes: tuple[CodeCount, ...]
    reading: Reading


@dataclass(frozen=True)
class LanguageFinding:
    """The answer for one language: does the alternative measure the concept better?"""

    language: str
    reference: str
    alternative: str
    finding: Finding
    reference_reading: Reading
    alternative_reading: Reading
    paired: int
    """Respondents who heard both wordings."""
    mcnemar_p: float | None
    """Exact McNemar test on target readings of respondents who heard both."""
    reasons: tuple[str, ...]
    """Message keys with parameters, rendered in the report language (see i18n)."""
    params: dict[str, Any] = field(default_factory=dict)
    delta: float = 0.0
    """Share on target under the alternative minus under the reference (the decision's
    measure; net fit would double it when every respondent is on or off target)."""
    test: str = ""
    """``mcnemar`` (respondents heard both), ``fisher`` (different respondents) or ``""``."""
    p: float | None = None
    """p-value of ``test`` (two-sided, exact)."""
    show_off_target: bool = True
    """False when every respondent is on or off target: the off-target row adds nothing."""
    hedged: bool = False
    """A code the decision rests on (or the frame) is below the reliability threshold."""
    rule_codes: tuple[str, ...] = ()
    """Codes the decision rests on that are below the reliability threshold."""


@dataclass(frozen=True)
class MicrodataFinding:
    """What the split-ballot (or two-survey) data say about switching wordings."""

    outcome: str
    unit: str
    a: str
    b: str
    diff: float | None
    ci: tuple[float, float] | None
    p: float | None
    p_holm: float | None
    relative: float | None
    effect_size: float | None
    effect_size_kind: str
    significant: bool
    substantive: bool
    """It matters by the report's one rule (see ``substantive_by``)."""
    gap_a: float | None = None
    gap_b: float | None = None
    did: float | None = None
    did_ci: tuple[float, float] | None = None
    did_p: float | None = None
    kind: str = "mean"
    """``mean`` or ``proportion`` (shown as percentages)."""
    label: str = ""
    """The outcome's label from the spec (e.g. "Secondary childcare, children under 13")."""
    estimate_a: float | None = None
    ci_a: tuple[float, float] | None = None
    estimate_b: float | None = None
    ci_b: tuple[float, float] | None = None
    gap_a_ci: tuple[float, float] | None = None
    gap_b_ci: tuple[float, float] | None = None
    gap_first: str = ""
    gap_second: str = ""
    nonresponse_a: float | None = None
    """Weighted item non-response rate of the outcome's variable under a."""
    nonresponse_b: float | None = None
    nonresponse_diff: float | None = None
    nonresponse_p: float | None = None
    substantive_by: str = ""
    """Which part of the rule it passes: ``minutes-per-day``, ``hours-per-week``,
    ``relative`` or ``""``."""


@dataclass(frozen=True)
class Summary:
    frame_alpha: AlphaRow
    languages: tuple[LanguageFinding, ...]
    microdata: tuple[MicrodataFinding, ...]
    unreliable_codes: tuple[str, ...]
    headline: tuple[str, Any]
    """(message key, params) of the answer up front."""
    caveats: tuple[tuple[str, dict[str, Any]], ...] = ()
    """The main caveats of the first page, as (message key, params)."""
    headlines: dict[str, tuple[str, Any]] = field(default_factory=dict)
    """The answer as each report language leads with it: its own language's comparison."""
    warnings: tuple[tuple[str, dict[str, Any]], ...] = ()
    """Counted problems of the coding the reader must know (unadjudicated segments,
    adjudication conflicts, withdrawn respondents), as (message key, params)."""
    synthetic: tuple[str, ...] = ()
    """The microdata's datasets that are `tut demo-data` output (invented data)."""
    microdata_caveats: tuple[tuple[str, dict[str, Any]], ...] = ()
    """What the microdata findings must be read with, shown beside them (wordings the
    interviews did not test), as (message key, params)."""


@dataclass(frozen=True)
class Report:
    """All content of the wording-comparison report."""

    title: str
    study: Study
    protocol_id: str
    protocol_version: str
    frame_id: str
    summary: Summary
    wordings: tuple[WordingView, ...]
    pairs: tuple[WordingPair, ...]
    coding: tuple[VariantCoding, ...]
    agreement: AgreementSummary
    comparison: ComparisonResult | None
    comparison_outcome: str
    notes: StudyNotes
    provenance: Provenance
    sample: dict[str, Any]
    """Counts for the methods section: respondents, interviews, segments, by language ..."""
    probes: tuple[dict[str, str], ...]
    """Probes asked in the study: id, kind, text, text_es, segments."""
    pseudonymised: bool
    rules: dict[str, float]
    """Thresholds of the decision rules (documented in the report)."""
    frame_codes: tuple[dict[str, str], ...] = ()
    """Every code of the frame with label, role and definition (appendix); ``label_es`` and
    ``definition_es`` fall back to the English text when the frame has no Spanish."""
    outcome_labels: dict[str, str] = field(default_factory=dict)
    frame_version: int = 1
    """Version of the coding frame every code is read under (1: never revised)."""
    frame_revisions: tuple[str, ...] = ()
    """Each revision of the frame during the study, for the methods."""
    confusion: dict[str, Any] = field(default_factory=dict)
    """Which codes coders swap, pooled over pairs (``tut.agreement.confusion.pooled_summary``)."""
    variant_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """Variant id -> its label per report language, for every wording the report shows
    (the study's and the microdata's), from the registry."""
