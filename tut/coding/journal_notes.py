"""What reading a coder's journal set aside, in the reader's language.

A journal line that is not replayed (torn by a crash, damaged, naming a code the frame lacks
or a segment the study lacks) is a :class:`~tut.coding.store.SkippedLine` record: file, line
and what kind of line it is. Its text is one catalogue template per kind
(``coding.journal-*``), for the CLI and the TUI alike; the stage's English warnings (``--json``
output, logs) are those templates in English (``tests/test_journal_notes.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Sequence

from tut.coding.store import SkippedLine
from tut.messages import Message, language, render


def skipped_message(line: SkippedLine, file: str | None = None) -> Message:
    """What ``line`` says, as a catalogue message; ``file`` replaces its path (the TUI shows
    the file's name)."""
    where = {"file": str(line.path) if file is None else file, "line": line.line}
    if line.unknown_code:
        return Message("coding.journal-unknown-code", where | {"code": repr(line.unknown_code)})
    if line.unknown_segment:
        return Message(
            "coding.journal-unknown-segment", where | {"segment": repr(line.unknown_segment)}
        )
    if line.torn:
        return Message("coding.journal-torn", where | {"size": line.size})
    return Message("coding.journal-bad-line", where | {"detail": line.reason})


def journal_said(warnings: Sequence[str], skipped: Sequence[SkippedLine]) -> list[str | Message]:
    """A study's (or a journal's) warnings in their order, each set-aside line as the message
    of its record; any other warning (two files holding one coder's codes) as the stage
    wrote it."""
    said = {render(m, "en"): m for m in map(skipped_message, skipped)}
    return [said.get(w, w) for w in warnings]


def journal_warnings(
    warnings: Sequence[str], skipped: Sequence[SkippedLine], lang: str
) -> list[str]:
    """:func:`journal_said` in ``lang``."""
    if language(lang) == "en":
        return list(warnings)
    return [said_in(w, lang) for w in journal_said(warnings, skipped)]


def said_in(said: str | Message, lang: str) -> str:
    """A warning in ``lang`` (a message rendered, text as written)."""
    return render(said, lang) if isinstance(said, Message) else said
