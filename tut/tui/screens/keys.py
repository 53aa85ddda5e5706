"""Key bindings whose descriptions are label keys, translated when a screen is built."""

from __future__ import annotations

import dataclasses

from textual.binding import BindingsMap
from textual.dom import DOMNode

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
