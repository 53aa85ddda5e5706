"""The top line: where you are (study, coder, round), how far, and what is on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from tut.tui.safe import plain


class StatusBar(Horizontal):
    """Study and coder, a progress bar with counts, then filter / auto-advance / last save."""

    def compose(self) -> ComposeResult:
        yield Label(id="status-where")
        yield ProgressBar(total=1, show_eta=False, show_percentage=True, id="status-progress")
        yield Label(id="status-count")
        yield Label(id="status-state")

    def set_where(self, text: str) -> None:
        self.query_one("#status-where", Label).update(plain(text))

    def set_progress(self, done: int, total: int, label: str) -> None:
        self.query_one("#status-progress", ProgressBar).update(total=max(total, 1), progress=done)
        # The count is padded to the total's width, so a save never changes its size and the
        # screen is not laid out again on every code.
        text = f"{done:>{len(f'{total:,}')},}/{total:,} {label}"
        count = self.query_one("#status-count", Label)
        count.update(text, layout=len(text) != len(str(count.content)))

    def set_state(self, text: str) -> None:
        """Filter, auto-advance and last save, right-aligned in the space left (fixed size)."""
        self.query_one("#status-state", Label).update(plain(text), layout=False)
