"""Key bindings whose descriptions are label keys, translated when a screen is built; and
the keys typed ahead of a focus change (the text boxes that take them)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar, runtime_checkable

from textual import events
from textual.binding import BindingsMap
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.keys import _character_to_key
from textual.screen import ModalScreen, Screen
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


Result = TypeVar("Result")


class TypeAheadDialog(ModalScreen[Result]):
    """A dialog with a text box (``BOX``) that takes what is typed right after the key that
    opened it: kept while the dialog is not built yet and typed in once it is (call
    :meth:`type_kept_keys` in ``on_mount``), then letters into the box (:func:`into_box`)
    and Enter to :meth:`enter_typed_ahead`."""

    BOX = ""
    """The query of the dialog's text box."""

    def __init__(self) -> None:
        super().__init__()
        self._early: list[events.Key] = []
        """Keys typed ahead before the dialog was built (see ``typed_ahead``)."""

    def type_kept_keys(self) -> None:
        early, self._early = self._early, []
        for event in early:
            self.typed_ahead(event)

    def typed_ahead(self, event: events.Key) -> bool:
        try:
            box = self.query_one(self.BOX, Input)
        except NoMatches:  # typed before the dialog was built: typed in once it is
            self._early.append(event)
            return True
        return into_box(self, box, event) or (event.key == "enter" and self.enter_typed_ahead())

    def enter_typed_ahead(self) -> bool:
        """An Enter typed ahead: act on it as the dialog's Enter; True when it did."""
        raise NotImplementedError

    def _close(self, result: Result) -> None:
        """Dismiss once: a second Enter typed fast would pop the screen under it."""
        if self.is_current:
            self.dismiss(result)
