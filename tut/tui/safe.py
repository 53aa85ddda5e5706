"""User text for Textual widgets: shown as the characters it holds, never as markup.

Every answer, wording, label, definition, memo, id and toast built from user data goes
through these (see :mod:`tut.safe_text`): a ``str`` handed to a Label, a border title, a
DataTable cell or a toast is read as markup, so ``[/x]`` crashed a screen and
``[@click=app.quit]`` became a live action; control characters reached the terminal raw.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.fuzzy import Matcher

from tut.safe_text import visible


def plain(text: str, *, multiline: bool = False) -> Content:
    """Content that shows ``text`` as written (controls visible, no markup)."""
    return Content(visible(text, multiline=multiline))


def plain_cell(text: str, style: str = "") -> Text:
    """A Rich Text (DataTable cells) that shows ``text`` as written."""
    return Text(visible(text), style=style)


def highlighted(matcher: Matcher, label: str) -> Content:
    """The label with the matched letters marked; Textual's ``Matcher.highlight`` reads the
    label as markup (a label holding ``[/x]`` crashed the picker)."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets if score else ():
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
