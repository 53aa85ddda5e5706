"""The coding frame region: the list of codes and the definition of the highlighted one."""

from tut.tui.widgets.codebook.codebook import CodeBook, CodeDefinition

__all__ = ["CodeBook", "CodeDefinition"]
