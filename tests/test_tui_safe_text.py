"""tut.safe_text: user text shown in a terminal is inert (no escapes, no live markup)."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from tut.safe_text import markup_safe, visible


def test_terminal_escapes_and_controls_become_visible() -> None:
    shown = visible("\x1b]0;pwned\x07 \x1b[2J\x00 \x9b2J \u202eabc \x7f")
    assert shown == "␛]0;pwned␇ ␛[2J␀ \\x9b2J \\u202eabc ␡"
    assert all(ch.isprintable() for ch in shown)


def test_line_breaks_are_kept_only_in_multiline_text() -> None:
    assert visible("one\ntwo\tthree") == "one␊two␉three"
    assert visible("one\r\ntwo\tthree\rfour", multiline=True) == "one\ntwo\tthree␍four"
    assert visible("niño · ✓ plain text") == "niño · ✓ plain text"


def test_markup_safe_text_reads_back_as_written_in_rich_and_textual() -> None:
    raw = "[@click=app.quit]quit[/] [/x] [b]bold \x1b[2J"
    safe = markup_safe(raw)
    assert Text.from_markup(safe).plain == visible(raw)
    content = Content.from_markup(safe)
    assert content.plain == visible(raw)
    assert not any(span.style for span in content.spans)
