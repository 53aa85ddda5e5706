"""The practice round of calibration: the coding screen on the training set. A segment is
*answered* when the coder leaves it with codes on it; then the reference codes are shown,
with whether the coder's codes match, and the answer can no longer be changed, so the
practice journal holds what the coder chose before seeing the reference (what
``tut study calibration`` compares)."""

from __future__ import annotations

from collections.abc import Mapping

from tut.coding.practice import practice_note
from tut.tui.i18n import Labels
from tut.tui.screens.coding import CodingScreen
from tut.tui.session import CodingSession
from tut.tui.texts import TextLookup


class PracticeScreen(CodingScreen):
    """Codes go to the coder's practice journal; leaving a coded segment shows the reference
    (``last_note`` keeps it for the screen and the tests)."""

    def __init__(
        self,
        session: CodingSession,
        texts: TextLookup,
        labels: Labels,
        reference: Mapping[str, tuple[str, ...]],
        *,
        study_name: str = "",
        auto_advance: bool = False,
    ) -> None:
        super().__init__(session, texts, labels, study_name=study_name, auto_advance=auto_advance)
        self.reference = dict(reference)
        self.answered: set[str] = {s.id for s in session.segments if session.is_coded(s.id)}
        """Segments whose reference the coder has seen (or coded in an earlier session)."""
        self.last_note: tuple[str, str, bool] | None = None
        """(segment, what was shown, matched) after the latest answer."""

    def leave_row(self) -> None:
        super().leave_row()
        seg = self.session.current
        if seg is not None and seg.id not in self.answered and self.session.is_coded(seg.id):
            self.answered.add(seg.id)
            self._show_reference(seg.id)

    def _show_reference(self, segment_id: str) -> None:
        text, same = practice_note(self.session.frame, self.reference.get(segment_id, ()),
                                   self.session.codes_of(segment_id), self.labels.lang)
        self.last_note = (segment_id, text, same)
        self.notify(text, title=self.labels("practice_title"), severity="information" if same else "warning",
                    timeout=8)

    def _locked(self, segment_id: str) -> bool:
        if segment_id in self.answered:
            self.notify(self.labels("practice_answered"), title=self.labels("practice_title"),
                        severity="warning")
            self._show_reference(segment_id)
            return True
        return False

    def press_code(self, code_id: str, *, advance: bool = False) -> None:
        seg = self.session.current
        if seg is not None and self._locked(seg.id):
            return
        super().press_code(code_id, advance=advance)

    def action_undo(self) -> None:
        stack = self.session.undo_stack
        if stack and not stack[-1].is_memo and self._locked(stack[-1].segment_id):
            return
        super().action_undo()

    def action_redo(self) -> None:
        stack = self.session.redo_stack
        if stack and not stack[-1].is_memo and self._locked(stack[-1].segment_id):
            return
        super().action_redo()
