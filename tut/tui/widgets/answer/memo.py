"""The memo box: free text a coder keeps on a segment, saved when the coder leaves it."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea

from tut.safe_text import visible


class MemoBox(TextArea):
    """A TextArea that says ``Done`` (with its segment) when focus leaves it."""

    class Done(Message):
        def __init__(self, memo: MemoBox, segment_id: str, text: str) -> None:
            self.memo = memo
            self.segment_id = segment_id
            self.text = text
            super().__init__()

    def __init__(self, placeholder: str = "", *, id: str | None = None) -> None:
        super().__init__(
            "",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            compact=True,
            placeholder=placeholder,
            id=id,
        )
        self.segment_id = ""
        self._saved = ""
        """The text as saved: shown with control characters made visible."""
        self._left = False
        """Escape was pressed: keys typed after it, before focus moved, are not memo text."""

    def load(self, segment_id: str, text: str) -> None:
        self.segment_id = segment_id
        self._saved = text
        self.load_text(visible(text, multiline=True))

    @property
    def value(self) -> str:
        """What to save: the saved text while the coder has not edited the visible form
        (so opening a memo with escape characters never rewrites it), else the box's text."""
        return self._saved if self.text == visible(self._saved, multiline=True) else self.text

    async def _on_key(self, event: events.Key) -> None:
        """After Escape the keys still queued for the box (typed fast) go on to the screen,
        where they act as typed (a code hotkey codes), instead of ending up in the memo."""
        if self._left:
            event.prevent_default()  # TextArea's handler does not insert it; it bubbles on
        elif event.key == "escape":
            self._left = True

    def on_focus(self) -> None:
        self._left = False

    def on_blur(self, event: events.Blur) -> None:
        if self.segment_id:
            self.post_message(self.Done(self, self.segment_id, self.value))
