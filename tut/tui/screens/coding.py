"""The coding screen: segment list, wording and probe, answer, codes, memo.

Keys go to the :class:`~tut.tui.session.CodingSession`; the screen only redraws what
changed. A code is drawn as saved only after the journal call has returned (the line is
fsynced by then); a refused code is a notification and nothing else.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding

from tut.coding.model import Event
from tut.errors import TutError
from tut.tui.commands import PaletteCommand
from tut.tui.i18n import Labels
from tut.tui.messages import CodesRefused, CodesSaved
from tut.tui.safe import plain
from tut.tui.screens.base import (
    SegmentScreen,
    codes_title,
    column_widths,
    notify_skipped,
    saved_time,
    usable_hotkeys,
)
from tut.tui.screens.find import FindScreen
from tut.tui.screens.help import HelpScreen
from tut.tui.screens.keys import bind_hotkeys
from tut.tui.screens.picker import CodePicker
from tut.tui.session import CodingSession, SegmentFilter
from tut.tui.texts import TextLookup
from tut.tui.widgets.answer import AnswerPanel, MemoBox
from tut.tui.widgets.codebook import CodeDefinition
from tut.tui.widgets.status import StatusBar


class CodingScreen(SegmentScreen):
    """One coder codes segments; everything they see is their own (blind coding)."""

    BINDINGS = [
        Binding("n", "next_uncoded(1)", "key_next_uncoded"),
        Binding("p", "next_uncoded(-1)", "key_prev_uncoded", show=False),
        Binding("enter", "advance", "key_advance", show=False),
        Binding("space", "toggle_highlighted", "key_toggle", show=False),
        Binding("slash", "picker", "key_picker", key_display="/"),
        Binding("m", "note", "key_memo"),
        Binding("u", "undo", "key_undo"),
        Binding("r,ctrl+r", "redo", "key_redo", show=False),
        Binding("f,ctrl+f", "find", "key_find"),
        Binding("escape", "escape", show=False),
        Binding("ctrl+a", "auto_advance", "key_auto", show=False),
        Binding("question_mark", "help", "key_help", key_display="?"),
        Binding("q", "quit", "key_quit"),
    ]

    def __init__(
        self,
        session: CodingSession,
        texts: TextLookup,
        labels: Labels,
        *,
        study_name: str = "",
        auto_advance: bool = False,
    ) -> None:
        super().__init__(texts, labels)
        self.session = session
        self.study_name = study_name
        self.auto_advance = auto_advance
        self.hotkeys, self.hotkey_clashes = usable_hotkeys(session.frame.codes)
        bind_hotkeys(
            self, {k: c.id for k, c in self.hotkeys.items()}, "code", shifted_action="code_advance"
        )
        self._saved_note = ""
        self._widths = column_widths(session.segments)
        self._variants = session.variants()

    @property
    def memo_box(self) -> MemoBox:
        return self.note_box

    def on_mount(self) -> None:
        s = self.session
        labels = self.labels
        frame = s.frame
        self.codebook.set_frame(frame, labels)
        self.fit_frame(self.app.size.height)
        self.query_one("#definition", CodeDefinition).border_title = labels("definition")
        self.memo_box.border_title = labels("memo")
        self._reload_rows()
        self.seglist.focus()
        # who and which round first: on 80 columns the end of this line is cut
        where = [s.journal.coder, self.study_name]
        if s.journal.round > 1:
            where.insert(1, labels("recode_banner", round=s.journal.round))
        self.query_one(StatusBar).set_where(" · ".join(where))
        if s.total and s.is_coded(s.segments[0].id):
            s.next_uncoded()  # reopening a study: carry on where the coder stopped
        self._show_current()
        self._update_status()
        notify_skipped(self, s.journal.skipped, labels)
        if self.hotkey_clashes:
            self.notify(
                ", ".join(self.hotkey_clashes),
                title=labels("hotkey_clash"),
                severity="warning",
            )

    # -- drawing --

    def _reload_rows(self) -> None:
        s = self.session
        self.seglist.set_rows(
            len(s.view), s.row, s.is_coded, widths=self._widths, variants=self._variants
        )
        self.seglist.border_title = self.labels("segments")
        self.seglist.border_subtitle = (
            f"{len(s.view):,}/{s.total:,}" if s.filter.active else f"{s.total:,}"
        )

    def _show_current(self) -> None:
        """Draw the segment under the cursor (wording, answer, codes, memo)."""
        s = self.session
        self.seglist.cursor = s.cursor
        seg = s.current
        answer = self.query_one("#answer", AnswerPanel)
        if seg is None:
            self._shown_id = ""
            answer.show(None, self.labels)
            self.codebook.show_codes(())
            self.codebook.border_title = self.labels("codes")
            self.memo_box.load("", "")
            return
        if seg.id != self._shown_id:
            self.show_texts(seg, highlight=s.filter.text)
            self.memo_box.load(seg.id, s.memo_of(seg.id))
        codes = s.codes_of(seg.id)
        self.codebook.show_codes(codes)
        title = plain(codes_title(self.labels, s.frame, codes))
        if self.codebook.border_title != title.markup:  # a new title repaints the panel
            self.codebook.border_title = title

    def _update_status(self) -> None:
        s = self.session
        labels = self.labels
        bar = self.query_one(StatusBar)
        bar.set_progress(s.coded_count, s.total, labels("coded"))
        parts = []
        if s.filter.active:
            parts.append(f"{labels('filter')}: {s.filter.describe()}")
        if self.auto_advance:
            parts.append(labels("auto_on"))
        if self._saved_note:
            parts.append(self._saved_note)
        bar.set_state(" · ".join(parts))

    # -- coding --

    def press_code(self, code_id: str, *, advance: bool = False) -> None:
        """Toggle a code on the current segment through the store, then redraw."""
        s = self.session
        seg = s.current
        if seg is None:
            return
        self._flush_memo()
        try:
            event = s.toggle(code_id)
        except (TutError, OSError) as exc:
            self._refused(seg.id, exc)
            return
        self.codebook.highlight_code(code_id)
        self._saved(event)
        if advance:
            self.action_move(1)

    def _saved(self, event: Event | None) -> None:
        if event is None:
            return
        self._saved_note = self.labels("saved_at", time=saved_time(event))
        self.seglist.refresh_row(self.session.cursor)
        self._show_current()
        self._update_status()
        self.post_message(CodesSaved(event))

    def _refused(self, segment_id: str, exc: Exception) -> None:
        """Nothing was written: say why, keep showing what is on disk."""
        if isinstance(exc, TutError):
            reason = "; ".join(p.what + (f" ({p.fix})" if p.fix else "") for p in exc.problems)
            title = self.labels("refused")
        else:  # the disk said no (full, read-only, gone): the journal line was not written
            reason = str(exc)
            title = self.labels("store_error")
        self.notify(reason, title=title, severity="error", timeout=10)
        self.post_message(CodesRefused(segment_id, reason))

    def action_code(self, code_id: str) -> None:
        """A code hotkey: toggle the code (and move on when auto-advance is on)."""
        self.press_code(code_id, advance=self.auto_advance)

    def action_code_advance(self, code_id: str) -> None:
        """The upper-case hotkey: toggle the code and move to the next segment."""
        self.press_code(code_id, advance=True)

    def choose_code(self, code_id: str) -> None:
        self.press_code(code_id)

    # -- moving --

    @property
    def rows(self) -> CodingSession:
        return self.session

    def leave_row(self) -> None:
        self._flush_memo()

    def _moved(self) -> None:
        self._flush_memo()
        self._show_current()

    def action_advance(self) -> None:
        self.action_move(1)

    def action_next_uncoded(self, step: int) -> None:
        if self.session.next_uncoded(step):
            self._moved()
        else:
            self.notify(self.labels("all_coded"))

    # -- undo --

    def action_undo(self) -> None:
        self._undo_redo(redo=False)

    def action_redo(self) -> None:
        self._undo_redo(redo=True)

    def _undo_redo(self, *, redo: bool) -> None:
        s = self.session
        self._flush_memo()
        try:
            change = s.redo() if redo else s.undo()
        except (TutError, OSError) as exc:
            self._refused(s.current.id if s.current else "", exc)
            return
        if change is None:
            self.notify(self.labels("nothing_to_redo" if redo else "nothing_to_undo"))
            return
        if not s.show(change.segment_id):  # filtered out: the filter goes, the segment shows
            self.apply_filter(SegmentFilter())
            s.show(change.segment_id)
        if change.is_memo:
            memo = change.memo_after if redo else change.memo_before
            key = "memo_redone" if redo else "memo_undone"
            self.notify(self.labels(key, segment=change.segment_id, memo=memo or "—"))
        else:
            codes = change.after if redo else change.before
            names = ", ".join(codes) or self.labels("no_codes")
            key = "redone" if redo else "undone"
            self.notify(self.labels(key, segment=change.segment_id, codes=names))
        self._saved(s.last_event)
        if change.is_memo:  # same segment: the box is not reloaded by a move
            self.memo_box.load(change.segment_id, s.memo_of(change.segment_id))

    # -- memo --

    def action_note(self) -> None:
        self.focus_note()

    def _flush_memo(self) -> None:
        """Save the memo box if it holds unsaved text (before the segment changes)."""
        box = self.memo_box
        if box.segment_id:
            self._save_memo(box.segment_id, box.value)

    def _save_memo(self, segment_id: str, text: str) -> None:
        try:
            event = self.session.save_memo(segment_id, text)
        except (TutError, OSError) as exc:
            self._refused(segment_id, exc)
            return
        if event is not None:
            self._saved_note = self.labels("saved_at", time=saved_time(event))
            self._update_status()
            self.notify(self.labels("memo_saved"), timeout=2)

    @on(MemoBox.Done)
    def _memo_done(self, event: MemoBox.Done) -> None:
        self._save_memo(event.segment_id, event.text)

    def action_escape(self) -> None:
        if self.focused is self.memo_box:
            self._flush_memo()
            self.focus_now(self.seglist)
        elif self.session.filter.active:
            self.apply_filter(SegmentFilter())
        elif self.focused is not self.seglist:
            self.focus_now(self.seglist)

    # -- find and filter --

    def action_find(self) -> None:
        s = self.session
        self._flush_memo()
        self.app.push_screen(
            FindScreen(s.filter, s.variants(), s.probes(), self.labels, s.count, s.total),
            self._found,
        )

    def _found(self, flt: SegmentFilter | None) -> None:
        if flt is not None:
            self.apply_filter(flt)

    def apply_filter(self, flt: SegmentFilter) -> None:
        self._flush_memo()
        self.session.apply_filter(flt)
        self._shown_id = ""
        self._reload_rows()
        self._show_current()
        self._update_status()

    # -- other screens --

    def action_picker(self) -> None:
        seg = self.session.current
        if seg is None:
            return
        self._flush_memo()
        checked = self.session.codes_of(seg.id)
        self.app.push_screen(CodePicker(self.session.frame, checked, self.labels), self._picked)

    def _picked(self, code_id: str | None) -> None:
        if code_id:
            self.press_code(code_id)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("coding", self.labels))

    def action_auto_advance(self) -> None:
        self.auto_advance = not self.auto_advance
        self.notify(self.labels("auto_now_on" if self.auto_advance else "auto_now_off"))
        self._update_status()

    async def action_quit(self) -> None:
        self._flush_memo()
        self.app.exit()

    def palette_commands(self) -> list[PaletteCommand]:
        labels = self.labels
        s = self.session
        out: list[PaletteCommand] = [
            (labels("key_auto"), labels("help_auto"), self.action_auto_advance),
            (labels("key_find"), labels("help_find"), self.action_find),
            (labels("key_picker"), labels("help_picker"), self.action_picker),
            (labels("key_help"), labels("help_help"), self.action_help),
            (labels("palette_uncoded"), "", lambda: self.apply_filter(SegmentFilter(uncoded_only=True))),
            (labels("key_clear_filter"), "", lambda: self.apply_filter(SegmentFilter())),
        ]
        for v in s.variants():
            out.append(
                (labels("palette_filter_variant", variant=v), "",
                 lambda v=v: self.apply_filter(SegmentFilter(variant_id=v)))  # type: ignore[misc]
            )
        for p in s.probes():
            out.append(
                (labels("palette_filter_probe", probe=p), "",
                 lambda p=p: self.apply_filter(SegmentFilter(probe_id=p)))  # type: ignore[misc]
            )
        return out
