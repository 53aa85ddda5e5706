"""The left-hand list of segments (or of disagreements, on the adjudication screen)."""

from tut.tui.widgets.segments.segment_list import SegmentList, fit

__all__ = ["SegmentList", "fit"]
