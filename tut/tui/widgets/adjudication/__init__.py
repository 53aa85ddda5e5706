"""Adjudication region: the coders' codes side by side."""

from tut.tui.widgets.adjudication.coder_codes import CoderCodes, UnitView

__all__ = ["CoderCodes", "UnitView"]
