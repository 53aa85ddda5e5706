"""What the adjudication screen shows and does, without any Textual.

The adjudicator's pass over the units where coders disagree: a draft consensus per unit
(with undo and redo of its changes), find and filters, and one recorded ``adjudicate`` event
per decision, in the adjudicator's own journal. Other adjudicators' decisions are shown:
recording a different one makes a *conflict* (both kept); only the explicit "revise
decision" (``revises`` in the journal) sets another's decision aside (see
:mod:`tut.coding.decisions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tut.coding.decisions import in_conflict, standing
from tut.coding.model import Adjudication, Event, Segment
from tut.errors import TutError
from tut.protocols.model import CodingFrame
from tut.tui.session import FoldedTexts, Journal, RowCursor, SegmentFilter, toggled


class AdjudicatorJournal(Journal, Protocol):
    @property
    def adjudications(self) -> Mapping[str, Adjudication]: ...

    def adjudicate(
        self, segment_id: str, codes: Iterable[str], rationale: str = "", *, revises: str = ""
    ) -> Event: ...


@dataclass
class Unit:
    """One unit where coders disagree, with the adjudicator's draft or recorded decision."""

    segment: Segment
    by_coder: dict[str, tuple[str, ...]]
    draft: tuple[str, ...] = ()
    rationale: str = ""
    taken_from: str = ""
    recorded: Adjudication | None = None
    """This adjudicator's own latest decision."""
    dirty: bool = False
    """The draft differs from what is recorded."""
    decisions: dict[str, Adjudication] = field(default_factory=dict)
    """Every adjudicator's latest decision on the unit (this adjudicator's too)."""
    revising: str = ""
    """Set by "revise decision": the adjudicator whose decision the next record revises."""

    @property
    def standing(self) -> dict[str, Adjudication]:
        return standing(self.decisions)

    @property
    def in_conflict(self) -> bool:
        return in_conflict(self.decisions)

    @property
    def settled(self) -> bool:
        return bool(self.decisions) and not self.in_conflict

    def differing_coders(self) -> set[str]:
        """Coders whose codes are not the majority's (every coder when there is none)."""
        sets = [frozenset(c) for c in self.by_coder.values()]
        top = max(sets, key=sets.count, default=frozenset())
        if sets.count(top) * 2 <= len(sets):
            return set(self.by_coder)
        return {who for who, c in self.by_coder.items() if frozenset(c) != top}


@dataclass(frozen=True)
class DraftChange:
    """One change of a unit's draft, kept for undo and redo (drafts are not journaled)."""

    segment_id: str
    before: tuple[tuple[str, ...], str]
    after: tuple[tuple[str, ...], str]
    """(codes, coder taken from)"""


class AdjudicationSession(RowCursor):
    """The adjudicator's pass over the disagreements: drafts, then one recorded event each."""

    def __init__(
        self,
        segments: Sequence[Segment],
        frame: CodingFrame,
        disagreements: Mapping[str, Mapping[str, tuple[str, ...]]],
        journal: AdjudicatorJournal,
        others: Mapping[str, Mapping[str, Adjudication]] | None = None,
    ) -> None:
        """``others``: adjudicator -> segment -> that adjudicator's latest decision."""
        self.frame = frame
        self.journal = journal
        me = journal.coder
        recorded = journal.adjudications
        self.units: list[Unit] = []
        for seg in segments:
            if seg.id not in disagreements:
                continue
            unit = Unit(seg, dict(disagreements[seg.id]))
            for who, theirs in (others or {}).items():
                if who != me and seg.id in theirs and theirs[seg.id].codes:
                    unit.decisions[who] = theirs[seg.id]
            adj = recorded.get(seg.id)
            if adj is not None:
                unit.recorded = unit.decisions[me] = adj
                unit.draft = adj.codes
                unit.rationale = adj.rationale
            self.units.append(unit)
        self._units_by_id = {u.segment.id: u for u in self.units}
        self._segments = [u.segment for u in self.units]
        self._texts = FoldedTexts(self._segments)
        self.coders: list[str] = sorted({c for u in self.units for c in u.by_coder})
        self.filter = SegmentFilter()
        self.view: list[int] = list(range(len(self.units)))
        self.cursor = 0
        self.undo_stack: list[DraftChange] = []
        self.redo_stack: list[DraftChange] = []

    @property
    def me(self) -> str:
        return self.journal.coder

    @property
    def current(self) -> Unit | None:
        return self.units[self.view[self.cursor]] if self.view else None

    @property
    def segments(self) -> list[Segment]:
        return [u.segment for u in self.units]

    @property
    def done_count(self) -> int:
        return sum(1 for u in self.units if u.settled)

    def row(self, index: int) -> Segment:
        return self.units[self.view[index]].segment

    def is_done(self, segment_id: str) -> bool:
        """Decided, by this adjudicator or another, and not in conflict."""
        unit = self._units_by_id.get(segment_id)
        return unit is not None and unit.settled

    def _rows(self) -> int:
        return len(self.view)

    def next_open(self, step: int = 1) -> bool:
        """Jump to the next (or previous) unit not yet decided, or in conflict, wrapping."""
        return self._next_where(step, lambda i: not self.units[self.view[i]].settled)

    # -- find and filters --

    def variants(self) -> list[str]:
        return sorted({u.segment.variant_id for u in self.units})

    def probes(self) -> list[str]:
        return sorted({u.segment.probe_id for u in self.units})

    def _select(self, flt: SegmentFilter) -> list[int]:
        return flt.select(self._segments, lambda i: self.units[i].settled, self._texts)

    def count(self, flt: SegmentFilter) -> int:
        return len(self._select(flt))

    def apply_filter(self, flt: SegmentFilter) -> None:
        """Show only matching units ("uncoded only": not yet decided); the cursor stays on
        the same unit when it can."""
        keep = self.current
        self.filter = flt
        self.view = self._select(flt)
        self.cursor = 0
        if keep is not None:
            self.show(keep.segment.id)

    def show(self, segment_id: str) -> bool:
        unit = self._units_by_id.get(segment_id)
        if unit is None:
            return False
        i = self.units.index(unit)
        if i not in self.view:
            return False
        self.cursor = self.view.index(i)
        return True

    # -- the draft --

    def _set_draft(self, codes: tuple[str, ...], taken_from: str) -> None:
        unit = self.current
        if unit is None:
            return
        before = (unit.draft, unit.taken_from)
        if before == (codes, taken_from):
            return
        unit.draft, unit.taken_from, unit.dirty = codes, taken_from, True
        self.undo_stack.append(DraftChange(unit.segment.id, before, (codes, taken_from)))
        self.redo_stack.clear()

    def toggle(self, code_id: str) -> tuple[str, ...]:
        unit = self.current
        if unit is None:
            return ()
        self._set_draft(toggled(self.frame, unit.draft, code_id), "")
        return unit.draft

    def take_next_coder(self) -> str:
        """Set the draft to the next coder's codes (cycling through the coders of the unit)."""
        unit = self.current
        if unit is None or not unit.by_coder:
            return ""
        coders = sorted(unit.by_coder)
        if unit.taken_from in coders:
            nxt = coders[(coders.index(unit.taken_from) + 1) % len(coders)]
        else:
            nxt = coders[0]
        self.take(nxt)
        return nxt

    def take(self, coder: str) -> None:
        unit = self.current
        if unit is None or coder not in unit.by_coder:
            return
        self._set_draft(unit.by_coder[coder], coder)

    def take_decision(self, adjudicator: str) -> None:
        """Set the draft to a recorded decision's codes (to agree with it, or start from it)."""
        unit = self.current
        if unit is None or adjudicator not in unit.decisions:
            return
        self._set_draft(unit.decisions[adjudicator].codes, "")

    def undo(self) -> DraftChange | None:
        """Put back the draft of the last change (moving to its unit, clearing a filter that
        hides it); a recorded decision is changed only by revising it."""
        return self._replay(self.undo_stack, self.redo_stack, undo=True)

    def redo(self) -> DraftChange | None:
        return self._replay(self.redo_stack, self.undo_stack, undo=False)

    def _replay(
        self, source: list[DraftChange], target: list[DraftChange], *, undo: bool
    ) -> DraftChange | None:
        if not source:
            return None
        change = source.pop()
        if not self.show(change.segment_id):
            self.apply_filter(SegmentFilter())
            self.show(change.segment_id)
        unit = self._units_by_id[change.segment_id]
        unit.draft, unit.taken_from = change.before if undo else change.after
        unit.dirty = unit.recorded is None or unit.draft != unit.recorded.codes
        target.append(change)
        return change

    def set_rationale(self, text: str) -> None:
        unit = self.current
        if unit is not None and text != unit.rationale:
            unit.rationale = text
            unit.dirty = True

    # -- revising and recording --

    def revise(self) -> str:
        """Start the explicit "revise decision" on the current unit: the decision revised is
        the latest other adjudicator's that stands, else this adjudicator's own. The rationale
        is emptied (a revision says its own why). Returns whose decision, "" if none."""
        unit = self.current
        if unit is None:
            return ""
        others = [a for who, a in unit.standing.items() if who != self.me]
        if others:
            target = max(others, key=lambda a: a.time).adjudicator
        elif unit.recorded is not None:
            target = self.me
        else:
            return ""
        unit.revising = target
        unit.rationale = ""
        unit.dirty = True
        return target

    def missing(self) -> str:
        """What the current unit still needs before it can be recorded: codes, rationale,
        revise (its own decision is recorded: changing it is a revision) or ""."""
        unit = self.current
        if unit is None:
            return ""
        if not unit.draft:
            return "codes"
        if unit.recorded is not None and not unit.revising:
            return "revise"
        if not unit.rationale.strip():
            return "rationale"
        return ""

    def record(self) -> Event:
        """Write the adjudication through the journal (which refuses codes not in the frame)."""
        unit = self.current
        if unit is None or self.missing():
            place = unit.segment.id if unit else ""
            raise TutError.at("<adjudication>", place, f"{self.missing() or 'unit'} missing")
        ev = self.journal.adjudicate(
            unit.segment.id, unit.draft, unit.rationale.strip(), revises=unit.revising
        )
        unit.recorded = self.journal.adjudications.get(unit.segment.id) or Adjudication(
            unit.segment.id, ev.codes, ev.coder, ev.rationale, ev.time, ev.revises
        )
        unit.decisions[self.me] = unit.recorded
        unit.draft = unit.recorded.codes
        unit.revising = ""
        unit.dirty = False
        return ev
