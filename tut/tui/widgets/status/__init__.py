"""The status line at the top of the coding and adjudication screens, and the key hints."""

from tut.tui.widgets.status.key_hints import KeyHints
from tut.tui.widgets.status.status_bar import StatusBar

__all__ = ["KeyHints", "StatusBar"]
