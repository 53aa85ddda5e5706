"""Journal lines: events as JSON objects, and a journal file's bytes split into events.

Part of the code store (:mod:`tut.coding.store`, which re-exports these names; the line
format is described there). Reading is the hot path of opening a large study (three
coders' journals of 100,000 lines each): the common line is parsed without the general
``json.loads`` wrapper; any other line takes the general path, so the result is the same.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from json import scanner
from pathlib import Path
from typing import Any

from tut.coding.model import Action, Event
from tut.coding.study_files import STUDY_FILE_MAX_BYTES
from tut.messages import Message
from tut.userfiles import read_limited

ACTIONS: tuple[Action, ...] = ("set", "clear", "memo", "adjudicate")
VIAS = ("", "undo", "redo")
"""An event's optional ``via``: written by the coder's undo or redo (kept apart in the audit)."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while many acyclic objects are made (events,
    codings, segments): each collection walks every object made so far, which made reading
    a large study's journals twice as slow. Also a decorator."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def event_to_json(ev: Event) -> dict[str, object]:
    out: dict[str, object] = {
        "seq": ev.seq,
        "time": ev.time,
        "coder": ev.coder,
        "action": ev.action,
        "segment_id": ev.segment_id,
    }
    if ev.action in ("set", "adjudicate"):
        out["codes"] = list(ev.codes)
    if ev.action == "memo":
        out["memo"] = ev.memo
    if ev.action == "adjudicate":
        out["rationale"] = ev.rationale
    out["round"] = ev.round
    if ev.via:
        out["via"] = ev.via
    if ev.revises:
        out["revises"] = ev.revises
    return out


def event_from_json(obj: object) -> Event:
    """Rebuild an event; ValueError says what is wrong with the line."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    try:
        seq, time, coder = obj["seq"], obj["time"], obj["coder"]
        action, segment_id = obj["action"], obj["segment_id"]
    except KeyError:
        missing = [k for k in ("seq", "time", "coder", "action", "segment_id") if k not in obj]
        raise ValueError(f"missing {', '.join(missing)}") from None
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    codes = obj.get("codes", _NO_CODES)
    if type(codes) is not list or not all(type(c) is str for c in codes):
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ValueError("codes is not a list of strings")
    rnd = obj.get("round", 1)
    if type(seq) is not int or type(rnd) is not int:
        if not isinstance(seq, int) or not isinstance(rnd, int):
            raise ValueError("seq and round must be integers")
    via = obj.get("via", "")
    if not isinstance(via, str):
        raise ValueError("via is not a string")
    revises = obj.get("revises", "")  # adjudication: whose decision it revises (optional)
    if not isinstance(revises, str):
        raise ValueError("revises is not a string")
    memo = obj.get("memo", "")
    rationale = obj.get("rationale", "")
    return _event(
        seq,
        time if type(time) is str else str(time),
        coder if type(coder) is str else str(coder),
        action,
        segment_id if type(segment_id) is str else str(segment_id),
        tuple(codes),
        memo if type(memo) is str else str(memo),
        rnd,
        rationale if type(rationale) is str else str(rationale),
        via,
        revises,
    )


_NO_CODES: list[str] = []
_PLAIN_EVENT = (
    tuple(f.name for f in fields(Event))
    == ("seq", "time", "coder", "action", "segment_id", "codes", "memo", "round", "rationale",
        "via", "revises")
    and not hasattr(Event, "__slots__")
    and not hasattr(Event, "__post_init__")
)


def _event(
    seq: int, time: str, coder: str, action: Action, segment_id: str, codes: tuple[str, ...],
    memo: str, rnd: int, rationale: str, via: str, revises: str,
) -> Event:
    """``Event(...)``, filled in through the new instance's own ``__dict__`` (it keeps the
    class's shared keys, so no more memory) instead of the frozen dataclass's eleven
    ``object.__setattr__`` calls: half the time of reading a journal of 100,000 lines.
    Only while Event is a plain frozen dataclass of exactly these fields."""
    if not _PLAIN_EVENT:
        return Event(seq, time, coder, action, segment_id, codes, memo, rnd, rationale, via,
                     revises)
    ev = object.__new__(Event)
    d = ev.__dict__
    d["seq"], d["time"], d["coder"], d["action"], d["segment_id"] = (
        seq, time, coder, action, segment_id)
    d["codes"], d["memo"], d["round"], d["rationale"], d["via"], d["revises"] = (
        codes, memo, rnd, rationale, via, revises)
    return ev
_scan = scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # stub's typo


_TEXT = r'"([^"\\\x00-\x1f]*)"'  # a JSON string with no escape and no control character
_INT = r"(0|[1-9][0-9]*)"
plain_set = re.compile(
    r'\{"seq": ' + _INT + r', "time": ' + _TEXT + r', "coder": ' + _TEXT
    + r', "action": "set", "segment_id": ' + _TEXT
    + r', "codes": \[((?:"[^"\\\x00-\x1f]*"(?:, "[^"\\\x00-\x1f]*")*)?)\], "round": '
    + _INT + r"\}"
).fullmatch
"""A ``set`` line exactly as tut writes it (every line of a coder's first pass): strings
without escapes or control characters, so each is its own text; any other line is parsed
as JSON."""


def _set_event(found: re.Match[str]) -> Event:
    """The event of a :data:`plain_set` line: what ``event_from_json(json.loads(line))``
    gives for it."""
    seq, time, coder, segment_id, codes, rnd = found.groups()
    listed = tuple(codes[1:-1].split('", "')) if codes else ()
    return _event(int(seq), time, coder, "set", segment_id, listed, "", int(rnd), "", "", "")


def scan_object(text: str) -> dict[str, Any] | None:
    """``json.loads(text)`` when ``text`` is one JSON object with nothing around it (every
    line tut writes), straight from the decoder's scanner without the wrapper's work; None
    for anything else (then ``json.loads`` says what is wrong)."""
    if text[:1] == "{" and text[-1:] == "}":
        try:
            obj, end = _scan(text, 0)
        except StopIteration:
            return None
        if end == len(text):
            return obj  # type: ignore[no-any-return]
    return None


def _loads(text: str) -> Any:
    obj = scan_object(text)
    return json.loads(text) if obj is None else obj


@dataclass(frozen=True)
class SkippedLine:
    """A journal line that is not an event: a torn last write, or a damaged line."""

    path: Path
    line: int
    torn: bool
    """The last line, cut short by a crash while it was written (never shown as saved)."""
    size: int
    """Its length in bytes."""
    reason: str = ""
    unknown_code: str = ""
    """A valid event naming a code the frame does not have (a hand edit, a copied file)."""
    unknown_segment: str = ""
    """A valid event naming a segment the study does not have."""

    def message(self, file: str | None = None) -> Message:
        """What the line says, one catalogue text per kind (``coding.journal-*``, for the CLI
        and the screens alike); ``file`` replaces its path (a screen shows the file's name)."""
        where = {"file": str(self.path) if file is None else file, "line": self.line}
        if self.unknown_code:
            return Message("coding.journal-unknown-code", where | {"code": repr(self.unknown_code)})
        if self.unknown_segment:
            return Message(
                "coding.journal-unknown-segment", where | {"segment": repr(self.unknown_segment)}
            )
        if self.torn:
            return Message("coding.journal-torn", where | {"size": self.size})
        return Message("coding.journal-bad-line", where | {"detail": self.reason})


@dataclass
class JournalContents:
    """What a journal file holds: the valid events and what was skipped (with line numbers)."""

    path: Path
    events: list[Event] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    torn_tail: bool = False
    """The file ends in an incomplete line (a write was cut short)."""
    unterminated: bool = False
    """The last event is complete but has no newline after it."""
    lines: list[int] = field(default_factory=list)
    """The line number of each event (same order as ``events``)."""
    messages: list[Message] = field(default_factory=list)
    """What was set aside (each skipped line, a copied journal), as catalogue messages worded
    in the reader's language when shown; :attr:`warnings` is their English."""

    @property
    def warnings(self) -> list[str]:
        """:attr:`messages` in English (``--json``, logs)."""
        return [m.text() for m in self.messages]

    def set_aside(self, line: SkippedLine) -> None:
        """Record a skipped line with what it says."""
        self.skipped.append(line)
        self.messages.append(line.message())


@gc_paused()
def parse_journal(data: bytes, path: Path) -> JournalContents:
    """Split journal bytes into events; bad or torn lines become warnings, never errors."""
    out = JournalContents(path=path)
    chunks = data.split(b"\n")
    tail = chunks.pop()  # b"" when the file ends with a newline
    events, lines, loads = out.events, out.lines, _loads
    for lineno, raw in enumerate(chunks, start=1):
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
            found = plain_set(text)
            events.append(_set_event(found) if found else event_from_json(loads(text)))
            lines.append(lineno)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            out.set_aside(SkippedLine(path, lineno, False, len(raw), _short(exc)))
    if tail.strip():
        lineno = len(chunks) + 1
        try:
            out.events.append(event_from_json(json.loads(tail.decode("utf-8"))))
            out.lines.append(lineno)
            out.unterminated = True
        except (ValueError, UnicodeDecodeError, RecursionError):
            out.torn_tail = True
            out.set_aside(SkippedLine(path, lineno, True, len(tail)))
    return out


def _short(exc: Exception) -> str:
    """Why a line is not an event, in words (not Python's codec or parser message)."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text: byte 0x{exc.object[exc.start]:02x} at column {exc.start + 1}"
    if isinstance(exc, json.JSONDecodeError):
        what = exc.msg.lower().removesuffix(" at")  # "unterminated string starting at"
        return f"not JSON: {what} at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "not an event: lists or objects nested too deep"
    text = str(exc)
    return text if len(text) < 80 else text[:77] + "..."


def read_journal(path: Path) -> JournalContents:
    """Read a journal without taking its lock (for status, export, adjudication views)."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return JournalContents(path=path)
    return parse_journal(read_limited(path, STUDY_FILE_MAX_BYTES, "a journal"), path)
