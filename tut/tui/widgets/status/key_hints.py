"""The key hints at the bottom: on a narrow terminal the help and quit keys come first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST = ("help", "quit")
"""Actions whose keys a narrow footer shows first: ``?`` lists every other key."""
NARROW = 80


class KeyHints(Footer):
    """Textual's footer, except below 80 columns: ``?`` and ``q`` first, so the keys cut
    at the right end are ones the help lists, and no command palette key (ctrl+p still works)."""

    def compose(self) -> ComposeResult:
        items = list(super().compose())
        if self.app.size.width >= NARROW:
            yield from items
            return
        keys = [w for w in items if isinstance(w, FooterKey) and "-command-palette" not in w.classes]
        first = [k for a in FIRST for k in keys if k.action == a]
        yield from first + [w for w in keys if w not in first]
