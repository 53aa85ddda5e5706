"""The practice round of calibration: the coding screen on the training set, and after each
answer the reference codes and whether the coder's codes match them."""

from __future__ import annotations

from collections.abc import Mapping

from tut.coding.practice import practice_note
from tut.tui.i18n import Labels
from tut.tui.messages import CodesSaved
from tut.tui.screens.coding import CodingScreen
from tut.tui.session import CodingSession
from tut.tui.texts import TextLookup


class PracticeScreen(CodingScreen):
    """Codes go to the coder's practice journal; each saved answer is followed by a toast
    with the reference codes (``last_note`` keeps it for the screen and the tests)."""

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
        self.last_note: tuple[str, str, bool] | None = None
        """(segment, what was shown, matched) after the latest practice answer."""

    def on_codes_saved(self, message: CodesSaved) -> None:
        ev = message.event
        if ev.action != "set" or not ev.codes or ev.segment_id not in self.reference:
            return
        text, same = practice_note(self.session.frame, self.reference[ev.segment_id], ev.codes,
                                   self.labels.lang)
        self.last_note = (ev.segment_id, text, same)
        title = "Práctica" if self.labels.lang == "es" else "Practice"
        self.notify(text, title=title, severity="information" if same else "warning", timeout=8)
