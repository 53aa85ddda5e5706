"""Typed messages between the screens, the workers and the app (and for tests to watch)."""

from __future__ import annotations

from textual.message import Message

from tut.coding.model import Event


class CodesSaved(Message):
    """The store returned (the line is fsynced): the codes may now be shown as saved."""

    def __init__(self, event: Event) -> None:
        self.event = event
        super().__init__()


class CodesRefused(Message):
    """The store refused a change; nothing was written."""

    def __init__(self, segment_id: str, reason: str) -> None:
        self.segment_id = segment_id
        self.reason = reason
        super().__init__()


class AdjudicationRecorded(Message):
    def __init__(self, event: Event) -> None:
        self.event = event
        super().__init__()


class AlphaComputed(Message):
    """Krippendorff's alpha from the thread worker (``None`` when it cannot be computed)."""

    def __init__(self, alpha: float | None, note: str = "") -> None:
        self.alpha = alpha
        self.note = note
        super().__init__()
