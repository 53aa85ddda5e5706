"""User text shown in a terminal, made inert.

Answers, wordings, code labels, memos and coder ids come from files anyone can edit (or
copy from another study). Written raw to a terminal, ``"\\x1b]0;pwned\\x07"`` retitles the
window and ``"\\x1b[2J"`` clears it; passed to Rich or Textual markup, ``[@click=app.quit]``
becomes a live action and ``[/x]`` raises ``MarkupError``. ``visible`` turns every control
character into a printable stand-in (``␛]0;pwned␇``), and ``markup_safe`` also escapes the
square brackets markup would read, so the reader sees exactly the characters in the file.
"""

from __future__ import annotations

import re

from rich.markup import escape

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
"""NUL..US shown as the Unicode control pictures ␀..␟ (ESC is ␛, BEL ␇)."""

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Direction marks and overrides: they reorder what follows on screen (Trojan Source)."""

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f" + _BIDI + "\u2028\u2029\ufff9-\ufffb]"
)


def _stand_in(ch: str, multiline: bool) -> str:
    code = ord(ch)
    if multiline and ch in "\n\t":
        return ch
    if code < 0x20:
        return _C0_PICTURES[code]
    if code == 0x7F:
        return "␡"
    if code <= 0x9F:  # C1 controls (0x9b is a one-byte CSI on some terminals)
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control, escape and direction character replaced by a visible
    stand-in. ``multiline=True`` keeps line breaks and tabs (answers, memos, wordings);
    a Windows ``\\r\\n`` counts as a line break there."""
    if multiline:
        text = text.replace("\r\n", "\n")
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: _stand_in(m.group(), multiline), text)


def markup_safe(text: str, *, multiline: bool = False) -> str:
    """:func:`visible` text that Rich or Textual markup shows as written (brackets escaped)."""
    return escape(visible(text, multiline=multiline))
