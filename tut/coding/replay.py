"""Replay: a coder's current codes and memos, and the adjudications, from journal events.

Part of the code store (:mod:`tut.coding.store`, which re-exports these names). Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

from tut.coding.journal_lines import gc_paused
from tut.coding.model import Adjudication, Event, SegmentCoding


def apply_event(state: dict[str, SegmentCoding], ev: Event) -> None:
    """Fold one set/clear/memo event into a coder's state (adjudications are kept apart)."""
    if ev.action == "adjudicate":
        return
    prev = state.get(ev.segment_id)
    codes = prev.codes if prev else ()
    memo = prev.memo if prev else ""
    if ev.action == "set":
        codes = ev.codes
    elif ev.action == "clear":
        codes = ()
    elif ev.action == "memo":
        memo = ev.memo
    state[ev.segment_id] = SegmentCoding(ev.segment_id, codes, memo, ev.round, ev.time)


@gc_paused()
def replay(events: Iterable[Event], round: int = 1) -> dict[str, SegmentCoding]:
    """Current codes and memo per segment for one round: the latest action wins.

    The same as :func:`apply_event` on each event in turn, with one ``SegmentCoding`` made
    per segment rather than per event (a study's journals hold hundreds of thousands)."""
    codes: dict[str, tuple[str, ...]] = {}
    memos: dict[str, str] = {}
    last: dict[str, Event] = {}
    for ev in events:
        if ev.round != round:
            continue
        action = ev.action
        if action == "set":
            codes[ev.segment_id] = ev.codes
        elif action == "clear":
            codes[ev.segment_id] = ()
        elif action == "memo":
            memos[ev.segment_id] = ev.memo
        else:
            continue  # adjudications are kept apart
        last[ev.segment_id] = ev
    return {
        sid: _coding(sid, codes.get(sid, ()), memos.get(sid, ""), ev.round, ev.time)
        for sid, ev in last.items()
    }


_PLAIN_CODING = (
    tuple(f.name for f in fields(SegmentCoding)) == ("segment_id", "codes", "memo", "round", "updated")
    and not hasattr(SegmentCoding, "__slots__")
    and not hasattr(SegmentCoding, "__post_init__")
)


def _coding(sid: str, codes: tuple[str, ...], memo: str, rnd: int, updated: str) -> SegmentCoding:
    """``SegmentCoding(...)`` filled in through its own ``__dict__`` (as
    :func:`tut.coding.journal_lines.event_from_json` makes events): a study's replay makes
    one per coder and segment."""
    if not _PLAIN_CODING:
        return SegmentCoding(sid, codes, memo, rnd, updated)
    made = object.__new__(SegmentCoding)
    d = made.__dict__
    d["segment_id"], d["codes"], d["memo"], d["round"], d["updated"] = (
        sid, codes, memo, rnd, updated)
    return made


def replay_adjudications(events: Iterable[Event]) -> dict[str, Adjudication]:
    """Latest adjudication per segment, in the order the events are given."""
    out: dict[str, Adjudication] = {}
    for ev in events:
        if ev.action == "adjudicate":
            out[ev.segment_id] = Adjudication(
                ev.segment_id, ev.codes, ev.coder, ev.rationale, ev.time, ev.revises
            )
    return out
