"""A text a user's YAML may give in one language or in both: ``text`` or ``{en: .., es: ..}``.

The study notes (``methods.yaml``) and the comparison spec (outcome labels, units, title)
read their texts with :func:`text_in` and check them with :data:`TEXT_SCHEMA`, so a text
means the same thing in every file tut reads.
"""

from __future__ import annotations

from typing import Any

SCALAR_SCHEMA: dict[str, Any] = {"type": ["string", "number", "boolean"]}
TEXT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        SCALAR_SCHEMA,
        {
            "type": "object",
            "properties": {"en": SCALAR_SCHEMA, "es": SCALAR_SCHEMA},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}
"""A plain text, or ``{en: .., es: ..}`` with one or both languages."""


def text_in(value: Any, lang: str = "en") -> str:
    """``value`` in ``lang``: a plain text as it is; of ``{en: ..., es: ...}`` the one in
    ``lang``, else the English, else the other (a language left out falls back)."""
    if isinstance(value, dict):
        value = value.get(lang) or value.get("en") or next(iter(value.values()), "")
    return "" if value is None else str(value).strip()


def translations(value: Any, lang: str = "es") -> dict[str, str]:
    """``{English text: its text in lang}`` of a text given in both languages (``{}`` for
    a plain one, or one whose two texts are the same)."""
    if not isinstance(value, dict):
        return {}
    en, other = text_in(value, "en"), text_in(value, lang)
    return {en: other} if en and other and other != en else {}
