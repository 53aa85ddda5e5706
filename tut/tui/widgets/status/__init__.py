"""The status line at the top of the coding and adjudication screens."""

from tut.tui.widgets.status.status_bar import StatusBar

__all__ = ["StatusBar"]
