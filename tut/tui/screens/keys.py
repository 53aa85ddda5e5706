"""Key bindings whose descriptions are label keys, translated when a screen is built."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from textual import events
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.keys import _character_to_key
from textual.screen import Screen
from textual.widgets import Input
from textual.widgets.input import Selection

from tut.tui.i18n import Labels


def translate_bindings(node: DOMNode, labels: Labels) -> None:
    """Replace each binding description (a label key such as ``key_undo``) by its label."""
    translated = {
        key: [
            dataclasses.replace(b, description=labels(b.description)) if b.description else b
            for b in bindings
        ]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(translated)


RESERVED_KEYS = frozenset("qjknpurm/f? ")
"""Keys the screens use for moving and editing; a frame hotkey on one of them is ignored."""


def bind_hotkeys(
    node: DOMNode, hotkeys: Mapping[str, str], action: str, shifted_action: str = ""
) -> None:
    """Bind each code hotkey (``{key character: code id}``) to ``action(code_id)``.

    Code keys must go through the bindings like the moving keys: a handler on ``on_key``
    runs before the bindings of keys typed earlier, so a quick ``j j 1`` coded the segment
    the cursor was leaving. With ``shifted_action``, the upper-case letter of a hotkey
    (when it is not a hotkey itself) is bound to ``shifted_action(code_id)``.
    """
    for char, code_id in hotkeys.items():
        node._bindings.bind(_character_to_key(char), f"{action}({code_id!r})", show=False)
        upper = char.upper()
        if shifted_action and upper != char and len(upper) == 1 and upper not in hotkeys:
            node._bindings.bind(
                _character_to_key(upper), f"{shifted_action}({code_id!r})", show=False
            )


@runtime_checkable
class TakesTypeAhead(Protocol):
    """A screen that takes keys typed ahead of a focus change (see :func:`into_box`)."""

    def typed_ahead(self, event: events.Key) -> bool: ...


def into_box(screen: Screen[Any], box: Input, event: events.Key) -> bool:
    """A letter that reached the app's bindings while ``box`` has (or is about to have) the
    focus was typed before the box had it (``/`` then a code's name, typed fast: the keys
    went to the list the dialog opened over). It goes into the box, in the order typed,
    instead of being lost, where an Enter read next would pick from what the coder did not
    type. True when it went there."""
    if screen.focused not in (None, box) or not event.is_printable or not event.character:
        return False
    if screen.focused is None:
        screen.set_focus(box)
        # what the focus does (select what the box holds, so typing replaces it), now: the
        # focus event comes after these letters and must not select them
        box.selection = Selection(0, len(box.value))
        box.select_on_focus = False
    selection = box.selection  # as the box itself types a letter
    if selection.is_empty:
        box.insert_text_at_cursor(event.character)
    else:
        box.replace(event.character, *selection)
    return True
