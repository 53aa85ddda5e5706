"""Key bindings whose descriptions are label keys, translated when a screen is built."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.keys import _character_to_key

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
