"""Labels and help of the coding UI in English and Spanish.

Coders in national statistics offices of Latin America code Spanish interviews, so every
label, key description and the help screen exist in both languages. The language comes from
``--lang`` or else from the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``). The words
themselves are the ``tui.`` keys of the one message catalogue (:mod:`tut.messages.tui`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from tut.messages import LANGS, Lang, text_or
from tut.messages.tui import TUI_TEXT

__all__ = ["EN", "ES", "LANGS", "Labels", "Lang", "detect_lang"]


def detect_lang(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> Lang:
    """``--lang`` if given, else Spanish when the locale says so, else English."""
    if explicit:
        code = explicit.lower().split("_")[0].split("-")[0]
        return "es" if code == "es" else "en"
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


EN: dict[str, str] = {name: en for name, (en, _es) in TUI_TEXT.items()}
"""The screens' words in English (a view on the catalogue's ``tui.`` keys)."""
ES: dict[str, str] = {name: es for name, (_en, es) in TUI_TEXT.items()}
"""The screens' words in Spanish."""


class Labels:
    """The label catalogue of one language; ``labels("key", name=...)`` formats a label."""

    def __init__(self, lang: Lang = "en") -> None:
        self.lang: Lang = lang

    def __call__(self, name: str, /, **values: object) -> str:
        return text_or(f"tui.{name}", name, self.lang, **values)

    def code_label(self, label: str, label_es: str = "") -> str:
        """A code's label in the coder's language (Spanish when the frame has one)."""
        return label_es if self.lang == "es" and label_es else label
