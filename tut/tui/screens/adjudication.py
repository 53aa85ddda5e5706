"""The adjudication screen: where coders disagree, their codes side by side, the consensus.

The adjudicator builds a draft (code keys, or ``p`` to take a coder's codes; ``u``/``r``
undo and redo its changes), writes a rationale (``m``) and records it (Enter): one
``adjudicate`` event in the adjudicator's own journal. Decisions already recorded, by this
adjudicator or another, are shown; a different decision makes a visible conflict. Changing a
recorded decision is the explicit ``R`` (revise), with its own rationale. Coders' journals are
only read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from tut.coding.model import SegmentCoding
from tut.coding.store import SkippedLine
from tut.errors import TutError
from tut.tui.adjudication_session import AdjudicationSession, Unit
from tut.tui.commands import PaletteCommand
from tut.tui.i18n import Labels
from tut.tui.messages import AdjudicationRecorded, CodesRefused
from tut.tui.screens.base import (
    SegmentScreen,
    column_widths,
    notify_skipped,
    saved_time,
    usable_hotkeys,
)
from tut.tui.screens.find import FindScreen
from tut.tui.screens.help import HelpScreen
from tut.tui.screens.keys import bind_hotkeys
from tut.tui.screens.picker import CodePicker
from tut.tui.screens.summary import SummaryScreen
from tut.tui.session import SegmentFilter
from tut.tui.texts import TextLookup
from tut.tui.widgets.adjudication import CoderCodes, UnitView
from tut.tui.widgets.answer import AnswerPanel, MemoBox
from tut.tui.widgets.codebook import CodeDefinition
from tut.tui.widgets.status import StatusBar


class AdjudicationScreen(SegmentScreen):
    """The units where coders disagree, each coder's codes, the consensus and its rationale."""

    NOTE_ID = "rationale"
    ANSWER_ROWS = 8
    OTHER_ROWS = 14
    """Wording, the coders' codes (up to 6) and the rationale box."""

    BINDINGS = [
        Binding("n", "next_open", "key_next_uncoded", show=False),
        Binding("p", "take_coder", "key_pick_coder"),
        Binding("m", "note", "key_rationale"),
        Binding("enter", "record", "key_record", key_display="↵"),
        Binding("R", "revise", "key_revise", key_display="R"),
        Binding("u", "undo", "key_undo", show=False),
        Binding("r", "redo", "key_redo", show=False),
        Binding("f,ctrl+f", "find", "key_find", show=False),
        Binding("space", "toggle_highlighted", "key_toggle", show=False),
        Binding("slash", "picker", "key_picker", key_display="/", show=False),
        Binding("ctrl+g", "summary", "key_summary"),
        Binding("escape", "escape", show=False),
        Binding("question_mark", "help", "key_help", key_display="?"),
        Binding("q", "quit", "key_quit"),
    ]

    def __init__(
        self,
        session: AdjudicationSession,
        texts: TextLookup,
        labels: Labels,
        codings: Callable[[], Mapping[str, Mapping[str, SegmentCoding]]],
        *,
        study_name: str = "",
        skipped: Sequence[SkippedLine] = (),
    ) -> None:
        super().__init__(texts, labels)
        self.session = session
        self.codings = codings
        """Reads every coder's current codes (re-read each time: coders may still be coding)."""
        self.study_name = study_name
        self.skipped = list(skipped)
        self.hotkeys, _ = usable_hotkeys(session.frame.codes)
        bind_hotkeys(self, {k: c.id for k, c in self.hotkeys.items()}, "toggle_code")
        self._note = ""

    def compose_above_codes(self) -> ComposeResult:
        yield CoderCodes(id="coders")

    def note_placeholder(self) -> str:
        return self.labels("rationale_placeholder")

    @property
    def rationale_box(self) -> MemoBox:
        return self.note_box

    def on_mount(self) -> None:
        s = self.session
        labels = self.labels
        self.codebook.set_frame(s.frame, labels)
        self.fit_frame(self.app.size.height)
        self.query_one("#definition", CodeDefinition).border_title = labels("definition")
        self.query_one("#coders", CoderCodes).border_title = labels("coders_codes")
        self.rationale_box.border_title = labels("rationale")
        self._reload_rows()
        self.query_one(StatusBar).set_where(f"{s.journal.coder} · {self.study_name}")
        self.seglist.focus()
        if s.units and s.is_done(s.units[0].segment.id):
            s.next_open()
        self._show_current()
        self._update_status()
        if not s.units:
            self.notify(labels("no_disagreements"), timeout=10)
        notify_skipped(self, self.skipped, labels)

    # -- drawing --

    def _reload_rows(self) -> None:
        s = self.session
        self.seglist.set_rows(
            len(s.view),
            s.row,
            s.is_done,
            widths=column_widths(s.segments),
            variants={seg.variant_id for seg in s.segments},
        )
        self.seglist.border_title = self.labels("disagreements")
        self.seglist.border_subtitle = (
            f"{len(s.view):,}/{len(s.units):,}" if s.filter.active else f"{len(s.units):,}"
        )

    def _state(self, unit: Unit) -> str:
        """The consensus row's state: said first, so a narrow panel never cuts it."""
        labels = self.labels
        if unit.revising:
            return labels("revising_state", who=unit.revising)
        if unit.dirty:
            return labels("draft")
        if unit.in_conflict:
            return labels("conflict_state")
        if unit.recorded is not None:
            return labels("recorded", time=unit.recorded.time[11:19])
        if unit.decisions:
            return labels("decided_by", who=", ".join(sorted(unit.decisions)))
        return labels("open")

    def _show_current(self) -> None:
        s = self.session
        unit = s.current
        self.seglist.cursor = s.cursor
        answer = self.query_one("#answer", AnswerPanel)
        if unit is None:
            answer.show(None, self.labels)
            return
        seg = unit.segment
        if seg.id != self._shown_id:
            self.show_texts(seg)
            self.rationale_box.load(seg.id, unit.rationale)
        # the consensus sits under the coders' codes, so it is in sight even when the
        # code list below is scrolled past the chosen codes
        view = UnitView(
            unit.by_coder, unit.differing_coders(), unit.taken_from,
            (unit.draft, self._state(unit)), unit.decisions, unit.standing, unit.in_conflict,
            unit.segment.id,
        )
        self.query_one("#coders", CoderCodes).show(view, s.frame, self.labels)
        self.codebook.show_codes(unit.draft)
        mode = "mode_exclusive" if s.frame.mode == "exclusive" else "mode_multiple"
        self.codebook.border_title = f"{self.labels('consensus')} · {self.labels(mode)}"

    def _update_status(self) -> None:
        s = self.session
        bar = self.query_one(StatusBar)
        bar.set_progress(s.done_count, len(s.units), self.labels("adjudicated"))
        bar.set_state(self._note)

    # -- drafting --

    def action_toggle_code(self, code_id: str) -> None:
        self.toggle(code_id)

    def toggle(self, code_id: str) -> None:
        if self.session.current is None:
            return
        self.session.toggle(code_id)
        self.codebook.highlight_code(code_id)
        self._show_current()

    def choose_code(self, code_id: str) -> None:
        self.toggle(code_id)

    def action_take_coder(self) -> None:
        coder = self.session.take_next_coder()
        if coder:
            self.notify(self.labels("took_codes", coder=coder), timeout=3)
            self._show_current()

    @on(DataTable.RowSelected, "#coders")
    def _coder_clicked(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value or ""
        if key.startswith(CoderCodes.DECISION):
            self.session.take_decision(key.removeprefix(CoderCodes.DECISION))
        elif key and not key.startswith("\x00"):
            self.session.take(key)
        self._show_current()

    # -- rationale and recording --

    def action_note(self) -> None:
        self.focus_note()

    def _flush_rationale(self) -> None:
        box = self.rationale_box
        unit = self.session.current
        if unit is not None and box.segment_id == unit.segment.id:
            self.session.set_rationale(box.value)

    @on(MemoBox.Done)
    def _rationale_done(self, event: MemoBox.Done) -> None:
        unit = self.session.current
        if unit is not None and event.segment_id == unit.segment.id:
            self.session.set_rationale(event.text)
            self._show_current()

    def action_record(self) -> None:
        s = self.session
        self._flush_rationale()
        missing = s.missing()
        if missing == "codes":
            self.notify(self.labels("need_codes"), severity="warning")
            return
        if missing == "revise":
            self.notify(self.labels("revise_first"), severity="warning")
            return
        if missing == "rationale":
            self.notify(self.labels("need_rationale"), severity="warning")
            self.focus_now(self.rationale_box)
            return
        unit = s.current
        if unit is None:
            return
        try:
            event = s.record()
        except (TutError, OSError) as exc:
            if isinstance(exc, TutError):
                reason, title = "; ".join(p.what for p in exc.problems), self.labels("refused")
            else:
                reason, title = str(exc), self.labels("store_error")
            self.notify(reason, title=title, severity="error", timeout=10)
            self.post_message(CodesRefused(unit.segment.id, reason))
            return
        self._note = self.labels("saved_at", time=saved_time(event))
        self.seglist.refresh_row(s.cursor)
        if unit.in_conflict:
            self._say_conflict(unit)
            self._moved()
            return
        self.notify(self.labels("recorded_note", segment=unit.segment.id), timeout=3)
        self.post_message(AdjudicationRecorded(event))
        if not s.next_open():
            self.notify(self.labels("all_adjudicated"))
        self._moved()

    def _say_conflict(self, unit: Unit) -> None:
        """Both decisions are kept and shown; the unit stays in sight to be talked over."""
        others = ", ".join(sorted(w for w in unit.standing if w != self.session.me))
        self.notify(self.labels("conflict_note", segment=unit.segment.id, who=others),
                    title=self.labels("conflict_state"), severity="warning", timeout=10)

    def action_revise(self) -> None:
        """``R``: revise the decision recorded on this unit (another adjudicator's that
        stands, else one's own); a new rationale is required, the journal keeps ``revises``."""
        unit = self.session.current
        if unit is None:
            return
        self._flush_rationale()
        who = self.session.revise()
        if not who:
            self.notify(self.labels("nothing_to_revise"), severity="warning")
            return
        self.rationale_box.load(unit.segment.id, "")
        self.notify(self.labels("revising_note", who=who), timeout=6)
        self._show_current()
        self.focus_now(self.rationale_box)

    # -- undo, find --

    def action_undo(self) -> None:
        self._flush_rationale()
        if self.session.undo() is None:
            self.notify(self.labels("nothing_to_undo"))
        self._redraw()

    def action_redo(self) -> None:
        self._flush_rationale()
        if self.session.redo() is None:
            self.notify(self.labels("nothing_to_redo"))
        self._redraw()

    def _redraw(self) -> None:
        self._reload_rows()
        self._moved()

    def action_find(self) -> None:
        s = self.session
        self._flush_rationale()
        self.app.push_screen(
            FindScreen(s.filter, s.variants(), s.probes(), self.labels, s.count, len(s.units)),
            self._found,
        )

    def _found(self, flt: SegmentFilter | None) -> None:
        if flt is not None:
            self.apply_filter(flt)

    def apply_filter(self, flt: SegmentFilter) -> None:
        self._flush_rationale()
        self.session.apply_filter(flt)
        self._shown_id = ""
        self._redraw()

    # -- moving --

    def _moved(self) -> None:
        self._flush_rationale()
        self._show_current()
        self._update_status()

    @property
    def rows(self) -> AdjudicationSession:
        return self.session

    def leave_row(self) -> None:
        self._flush_rationale()

    def action_next_open(self) -> None:
        self._flush_rationale()
        if self.session.next_open():
            self._moved()

    def action_escape(self) -> None:
        self._flush_rationale()
        if self.focused is self.seglist and self.session.filter.active:
            self.apply_filter(SegmentFilter())
        self.focus_now(self.seglist)
        self._show_current()

    # -- other screens --

    def action_picker(self) -> None:
        unit = self.session.current
        if unit is None:
            return
        self.app.push_screen(
            CodePicker(self.session.frame, unit.draft, self.labels),
            lambda code_id: self.toggle(code_id) if code_id else None,
        )

    def action_summary(self) -> None:
        self.app.push_screen(SummaryScreen(self.codings(), self.session.frame, self.labels))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("adjudication", self.labels))

    async def action_quit(self) -> None:
        self.app.exit()

    def palette_commands(self) -> list[PaletteCommand]:
        labels = self.labels
        return [
            (labels("key_summary"), labels("help_summary"), self.action_summary),
            (labels("key_pick_coder"), labels("help_pick_coder"), self.action_take_coder),
            (labels("key_picker"), labels("help_picker"), self.action_picker),
            (labels("key_revise"), labels("help_revise"), self.action_revise),
            (labels("key_find"), labels("help_find"), self.action_find),
            (labels("key_help"), labels("help_help"), self.action_help),
        ]
