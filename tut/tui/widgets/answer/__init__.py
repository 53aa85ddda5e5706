"""The right-hand side of the coding screen: wording and probe, answer, memo."""

from tut.tui.widgets.answer.context import AnswerPanel, WordingPanel
from tut.tui.widgets.answer.memo import MemoBox

__all__ = ["AnswerPanel", "MemoBox", "WordingPanel"]
