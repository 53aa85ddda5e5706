"""Each coder's codes on one unit, side by side, for the adjudicator, with the decisions
already recorded on it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from tut.coding.model import Adjudication
from tut.protocols.model import CodingFrame
from tut.safe_text import visible
from tut.tui.i18n import Labels
from tut.tui.safe import plain_cell

DIFFERS = "≠"
"""Marks a coder whose codes are not the majority's, and decisions in conflict (no colour needed)."""


@dataclass(frozen=True)
class UnitView:
    """What the panel draws for one unit."""

    by_coder: Mapping[str, tuple[str, ...]]
    differing: set[str] = field(default_factory=set)
    taken_from: str = ""
    consensus: tuple[tuple[str, ...], str] | None = None
    """The draft and its state (draft, recorded at ..., revising ...)."""
    decisions: Mapping[str, Adjudication] = field(default_factory=dict)
    standing: Mapping[str, Adjudication] = field(default_factory=dict)
    conflict: bool = False
    segment_id: str = ""
    """The unit's segment: drawn again for the same unit, the panel keeps its cursor row."""


class CoderCodes(DataTable[str | Text]):
    """First the consensus drafted so far; then each adjudicator's recorded decision (who,
    codes, when, rationale); then one row per coder, ``≠`` where their codes differ from the
    majority's. Long code lists wrap; the panel scrolls (Tab reaches it, arrows move); click a
    coder's row to take their codes."""

    CONSENSUS = "\x00consensus"
    """Row key of the consensus row (not a coder id: coder ids are plain)."""
    DECISION = "\x00decision:"
    """Row key prefix of an adjudicator's decision."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, show_header=False)
        self._last: tuple[UnitView, CodingFrame, Labels] | None = None

    def on_resize(self, event: events.Resize) -> None:
        if self._last is not None:
            self.show(*self._last)

    def show(self, view: UnitView, frame: CodingFrame, labels: Labels) -> None:
        same = self._last is not None and self._last[0].segment_id == view.segment_id
        keep = self.cursor_row if same else 0
        self._last = (view, frame, labels)
        self.clear(columns=True)
        self._fill(view, frame, labels)
        if keep:
            self.move_cursor(row=min(keep, self.row_count - 1), animate=False)

    def _fill(self, view: UnitView, frame: CodingFrame, labels: Labels) -> None:

        def names(codes: tuple[str, ...]) -> str:
            out = []
            for cid in codes:
                try:
                    code = frame.code(cid)
                    out.append(f"{code.hotkey} {labels.code_label(code.label, code.label_es)}")
                except KeyError:
                    out.append(cid)
            return visible("; ".join(out) or "—")

        who = ["= " + labels("consensus")] + [f"⚖{DIFFERS} {a}" for a in view.decisions]
        who += [f"▶{DIFFERS} {c}" for c in view.by_coder]
        first = min(24, max(cell_len(visible(w)) for w in who))
        # two cells of padding per column and the scrollbar
        rest = max(20, (self.size.width or 80) - first - 6)
        self.add_column(labels("coder_col"), key="coder", width=first)
        self.add_column(labels("codes_col"), key="codes", width=rest)
        if view.consensus is not None:
            draft, state = view.consensus
            self.add_row(
                Text("= " + labels("consensus"), style="bold"),
                Text.assemble(f"({state}) ", (names(draft), "bold")),  # state first: never cut
                key=self.CONSENSUS, height=None,
            )
        for adjudicator, adj in sorted(view.decisions.items(), key=lambda kv: kv[1].time):
            mark = DIFFERS if view.conflict and adjudicator in view.standing else " "
            when = adj.time[:16].replace("T", " ")
            said = labels("decision_row", codes=names(adj.codes), time=when,
                          rationale=visible(adj.rationale))
            if adjudicator not in view.standing:
                said = labels("decision_revised") + " " + said
            elif adj.revises and adj.revises != adjudicator:
                said = labels("decision_revises", who=visible(adj.revises)) + " " + said
            self.add_row(plain_cell(f"⚖{mark} {adjudicator}"), plain_cell(said),
                         key=self.DECISION + adjudicator, height=None)
        for coder in sorted(view.by_coder):
            mark = ("▶" if coder == view.taken_from else " ") + (
                DIFFERS if coder in view.differing else " ")
            self.add_row(plain_cell(f"{mark} {coder}"), plain_cell(names(view.by_coder[coder])),
                         key=coder, height=None)
