"""What the coding and adjudication screens show and do, without any Textual.

The screens only draw these view models and forward keys to them, so the rules (exclusive
vs multiple frames, undo through the store, filters, next uncoded; adjudication drafts are
in :mod:`tut.tui.adjudication_session`)
are plain Python. Every change goes through the coder's journal first; the state shown
is updated only after the journal call returned, i.e. after the line was fsynced.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import Protocol

from tut.coding.model import Event, Segment, SegmentCoding
from tut.coding.store import SkippedLine
from tut.protocols.model import CodingFrame

# --- what the screens need from the store (tut.coding.store.CoderJournal) -----------------


class Journal(Protocol):
    """The part of :class:`tut.coding.store.CoderJournal` the coding screen uses."""

    coder: str
    round: int
    skipped: list[SkippedLine]

    @property
    def warnings(self) -> list[str]: ...

    @property
    def state(self) -> Mapping[str, SegmentCoding]: ...

    def set_codes(self, segment_id: str, codes: Iterable[str], *, via: str = "") -> Event: ...

    def clear(self, segment_id: str, *, via: str = "") -> Event: ...

    def memo(self, segment_id: str, text: str, *, via: str = "") -> Event: ...

    def close(self) -> None: ...


# --- filters -------------------------------------------------------------------------------


def fold(text: str) -> str:
    """``text`` without case or accents, so ``nino`` finds ``Niño`` and ``cafe`` ``café``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


folded = lru_cache(maxsize=1 << 12)(fold)
""":func:`fold`, cached for the short texts asked again and again (what is typed in the find
box, each character of an answer being highlighted); the answers are folded once, by
:class:`FoldedTexts`."""

SEP = "\x00"
"""Between the folded texts of one segment, so a find never matches across two of them."""


class FoldedTexts:
    """Every segment's answer and notes (and apart its ids) folded once, when a find first
    needs them, and kept: each key typed in the find box is then one scan of these strings
    (re-folding 100,000 answers on each key took about half a second)."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self._segments = segments
        self._texts: list[str] | None = None
        self._ids: list[str] | None = None

    def _texts_folded(self) -> list[str]:
        if self._texts is None:
            self._texts = [fold(s.answer) + SEP + fold(s.notes) for s in self._segments]
        return self._texts

    def _ids_folded(self) -> list[str]:
        if self._ids is None:
            self._ids = [
                SEP.join((fold(s.id), fold(s.respondent_id), fold(s.interview_id)))
                for s in self._segments
            ]
        return self._ids

    def hits(self, text: str, ids: bool) -> list[bool]:
        """For each segment, whether ``text`` is in its answer or notes (or ids, with ``ids``)
        ignoring case and accents: :meth:`SegmentFilter.matches`'s rule, for all at once."""
        needle = folded(text)
        if SEP in needle:  # cannot be typed; keep the rule exact anyway
            flt = SegmentFilter(text=text, ids=ids)
            return [flt.matches(s, False) for s in self._segments]
        found = [needle in h for h in self._texts_folded()]
        if ids:
            found = [f or needle in h for f, h in zip(found, self._ids_folded(), strict=True)]
        return found


def found_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text`` ignoring case and accents, as (start, end)
    character offsets of ``text`` itself (to highlight what a find matched)."""
    want = folded(needle)
    if not want:
        return []
    flat: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = folded(ch)
        flat.append(piece)
        origin.extend([i] * len(piece))
    hay = "".join(flat)
    spans = []
    start = hay.find(want)
    while start >= 0:
        end = start + len(want)
        spans.append((origin[start], origin[end - 1] + 1))
        start = hay.find(want, end)
    return spans


@dataclass(frozen=True)
class SegmentFilter:
    """Which segments the list shows: text search plus variant and probe filters.

    The text is looked for in the answer and the interviewer's notes, ignoring case and
    accents; in the segment, respondent and interview ids only with ``ids``.
    """

    text: str = ""
    variant_id: str = ""
    probe_id: str = ""
    uncoded_only: bool = False
    ids: bool = False

    @property
    def active(self) -> bool:
        return bool(self.text or self.variant_id or self.probe_id or self.uncoded_only)

    def matches(self, seg: Segment, coded: bool) -> bool:
        if self.variant_id and seg.variant_id != self.variant_id:
            return False
        if self.probe_id and seg.probe_id != self.probe_id:
            return False
        if self.uncoded_only and coded:
            return False
        if self.text:
            needle = folded(self.text)
            hay: tuple[str, ...] = (seg.answer, seg.notes)
            if self.ids:
                hay += (seg.id, seg.respondent_id, seg.interview_id)
            return any(needle in fold(h) for h in hay)
        return True

    def select(
        self, segments: Sequence[Segment], done: Callable[[int], bool], texts: FoldedTexts
    ) -> list[int]:
        """Indexes of the ``segments`` that match, as :meth:`matches` says (``done(i)``: the
        i-th counts as coded), the text looked for in ``texts``, folded once."""
        rows: Iterable[int] = range(len(segments))
        if self.text:
            rows = compress(rows, texts.hits(self.text, self.ids))
        if self.variant_id:
            rows = (i for i in rows if segments[i].variant_id == self.variant_id)
        if self.probe_id:
            rows = (i for i in rows if segments[i].probe_id == self.probe_id)
        if self.uncoded_only:
            rows = (i for i in rows if not done(i))
        return list(rows)

    def describe(self) -> str:
        """Short form for the status line, e.g. ``"care" · atus-incare-en · meaning``."""
        parts = []
        if self.text:
            parts.append(f'"{self.text}"' + (" +id" if self.ids else ""))
        parts += [p for p in (self.variant_id, self.probe_id) if p]
        if self.uncoded_only:
            parts.append("∅")
        return " · ".join(parts)


def toggled(frame: CodingFrame, codes: Sequence[str], code_id: str) -> tuple[str, ...]:
    """The codes after pressing ``code_id``: exclusive frames replace, multiple frames toggle."""
    if code_id in codes:
        chosen = set(codes) - {code_id}
    elif frame.mode == "exclusive":
        chosen = {code_id}
    else:
        chosen = set(codes) | {code_id}
    return tuple(c.id for c in frame.codes if c.id in chosen)


class RowCursor:
    """A cursor over the rows in view: moving, and jumping to the next row still to do.
    Shared by the coding and the adjudication session."""

    cursor: int

    def _rows(self) -> int:
        raise NotImplementedError

    @property
    def row_count(self) -> int:
        return self._rows()

    def move(self, delta: int) -> bool:
        """Move the cursor; False when it cannot move (start or end of the list)."""
        n = self._rows()
        if not n:
            return False
        new = max(0, min(n - 1, self.cursor + delta))
        moved = new != self.cursor
        self.cursor = new
        return moved

    def move_to(self, index: int) -> None:
        n = self._rows()
        if n:
            self.cursor = max(0, min(n - 1, index))

    def _next_where(self, step: int, wanted: Callable[[int], bool]) -> bool:
        """Put the cursor on the next (``step=-1``: previous) wanted row, wrapping around."""
        n = self._rows()
        for k in range(1, n + 1):
            i = (self.cursor + step * k) % n
            if wanted(i):
                self.cursor = i
                return True
        return False


# --- coding -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One code or memo change, kept so undo and redo can write its inverse through the
    store (marked ``via`` undo or redo in the journal)."""

    segment_id: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    memo_before: str = ""
    memo_after: str = ""
    is_memo: bool = False


class CodingSession(RowCursor):
    """One coder's pass over a list of segments: cursor, filter, codes, undo and progress."""

    def __init__(self, segments: Sequence[Segment], frame: CodingFrame, journal: Journal) -> None:
        self.segments: list[Segment] = list(segments)
        self.frame = frame
        self.journal = journal
        self._index = {s.id: i for i, s in enumerate(self.segments)}
        state = journal.state
        self._codings: dict[str, SegmentCoding] = {
            sid: sc for sid, sc in state.items() if sid in self._index
        }
        self.coded_count = sum(1 for sc in self._codings.values() if sc.is_coded)
        self.filter = SegmentFilter()
        self.texts = FoldedTexts(self.segments)
        self.view: list[int] = list(range(len(self.segments)))
        self.cursor = 0
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []
        self.last_event: Event | None = None

    # -- reading --

    @property
    def total(self) -> int:
        return len(self.segments)

    @property
    def current(self) -> Segment | None:
        if not self.view:
            return None
        return self.segments[self.view[self.cursor]]

    def row(self, view_index: int) -> Segment:
        return self.segments[self.view[view_index]]

    def codes_of(self, segment_id: str) -> tuple[str, ...]:
        sc = self._codings.get(segment_id)
        return sc.codes if sc else ()

    def memo_of(self, segment_id: str) -> str:
        sc = self._codings.get(segment_id)
        return sc.memo if sc else ""

    def is_coded(self, segment_id: str) -> bool:
        sc = self._codings.get(segment_id)
        return bool(sc and sc.codes)

    def variants(self) -> list[str]:
        return sorted({s.variant_id for s in self.segments})

    def probes(self) -> list[str]:
        return sorted({s.probe_id for s in self.segments})

    # -- moving --

    def _rows(self) -> int:
        return len(self.view)

    def next_uncoded(self, step: int = 1) -> bool:
        """Jump to the next (or previous, ``step=-1``) uncoded segment in view, wrapping."""
        return self._next_where(step, lambda i: not self.is_coded(self.row(i).id))

    def show(self, segment_id: str) -> bool:
        """Put the cursor on a segment if it is in view."""
        i = self._index.get(segment_id)
        if i is None:
            return False
        try:
            self.cursor = self.view.index(i)
        except ValueError:
            return False
        return True

    def _select(self, flt: SegmentFilter) -> list[int]:
        return flt.select(self.segments, lambda i: self.is_coded(self.segments[i].id), self.texts)

    def count(self, flt: SegmentFilter) -> int:
        """How many segments ``flt`` would show."""
        return len(self._select(flt))

    def apply_filter(self, flt: SegmentFilter) -> None:
        """Show only matching segments; the cursor stays on the same segment when it can."""
        keep = self.current
        self.filter = flt
        self.view = self._select(flt)
        self.cursor = 0
        if keep is not None:
            self.show(keep.id)

    # -- coding --

    def toggled(self, code_id: str) -> tuple[str, ...]:
        seg = self.current
        if seg is None:
            return ()
        return toggled(self.frame, self.codes_of(seg.id), code_id)

    def toggle(self, code_id: str) -> Event | None:
        """Press a code on the current segment; saved before this returns."""
        seg = self.current
        if seg is None:
            return None
        return self.set_codes(seg.id, self.toggled(code_id))

    def set_codes(self, segment_id: str, codes: Sequence[str]) -> Event:
        """Write the codes through the journal (TutError if refused), then remember the change."""
        before = self.codes_of(segment_id)
        ev = self._write(segment_id, tuple(codes))
        self.undo_stack.append(Change(segment_id, before, self.codes_of(segment_id)))
        self.redo_stack.clear()
        return ev

    def undo(self) -> Change | None:
        """Write back the codes a segment had before the last change (kept in the journal)."""
        return self._replay(self.undo_stack, self.redo_stack, undo=True)

    def redo(self) -> Change | None:
        return self._replay(self.redo_stack, self.undo_stack, undo=False)

    def _replay(self, source: list[Change], target: list[Change], *, undo: bool) -> Change | None:
        """Write the last change of ``source`` back (or again); it moves to ``target`` only
        once the journal accepted it, so a refused write leaves both stacks as they were."""
        if not source:
            return None
        change = source[-1]
        via = "undo" if undo else "redo"
        if change.is_memo:
            text = change.memo_before if undo else change.memo_after
            self.last_event = self.journal.memo(change.segment_id, text, via=via)
            self._refresh(change.segment_id)
        else:
            self._write(change.segment_id, change.before if undo else change.after, via=via)
        source.pop()
        target.append(change)
        return change

    def save_memo(self, segment_id: str, text: str) -> Event | None:
        """Record the memo if it changed (a memo is kept apart from the codes)."""
        before = self.memo_of(segment_id)
        if text == before:
            return None
        ev = self.journal.memo(segment_id, text)
        self._refresh(segment_id)
        self.last_event = ev
        codes = self.codes_of(segment_id)
        self.undo_stack.append(Change(segment_id, codes, codes, before, text, is_memo=True))
        self.redo_stack.clear()
        return ev

    def _write(self, segment_id: str, codes: tuple[str, ...], via: str = "") -> Event:
        was = self.is_coded(segment_id)
        if codes:
            ev = self.journal.set_codes(segment_id, codes, via=via)
        else:
            ev = self.journal.clear(segment_id, via=via)
        self._refresh(segment_id)
        self.coded_count += int(self.is_coded(segment_id)) - int(was)
        self.last_event = ev
        return ev

    def _refresh(self, segment_id: str) -> None:
        sc = self.journal.state.get(segment_id)
        if sc is None:
            self._codings.pop(segment_id, None)
        else:
            self._codings[segment_id] = sc


# --- agreement summary ------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeAgreement:
    code_id: str
    units: int
    """Units coded by two or more coders."""
    agree: int
    """Units where every coder agrees whether the code applies."""
    used: int
    """Units where at least one coder used the code."""

    @property
    def percent(self) -> float:
        return 100.0 * self.agree / self.units if self.units else float("nan")


@dataclass(frozen=True)
class AgreementSummary:
    """Percent agreement per code and overall, over units coded by two or more coders."""

    coders: tuple[str, ...]
    units: int
    same: int
    """Units where all coders chose exactly the same codes."""
    per_code: tuple[CodeAgreement, ...] = field(default_factory=tuple)

    @property
    def percent(self) -> float:
        return 100.0 * self.same / self.units if self.units else float("nan")


def percent_agreement(
    codings: Mapping[str, Mapping[str, SegmentCoding]], frame: CodingFrame
) -> AgreementSummary:
    """Agreement on natural units: a segment counts only if two or more coders coded it."""
    units: dict[str, list[frozenset[str]]] = {}
    for coder in sorted(codings):
        for sid, sc in codings[coder].items():
            if sc.is_coded:
                units.setdefault(sid, []).append(frozenset(sc.codes))
    multi = [sets for sets in units.values() if len(sets) >= 2]
    same = sum(1 for sets in multi if len(set(sets)) == 1)
    per_code = []
    for code in frame.codes:
        agree = used = 0
        for sets in multi:
            has = {code.id in s for s in sets}
            agree += len(has) == 1
            used += True in has
        per_code.append(CodeAgreement(code.id, len(multi), agree, used))
    return AgreementSummary(tuple(sorted(codings)), len(multi), same, tuple(per_code))
