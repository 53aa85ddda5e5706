"""Escaping and tables shared by every section of the Markdown report.

Text from respondents and files goes through :func:`md` (entities for ``<``, ``>``, ``&``;
Markdown's markup characters backslash-escaped) or :func:`code`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tut.safe_text import visible

FLAG = "⚠"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")


def md(text: object) -> str:
    """Escape text for Markdown (one line: newlines become spaces)."""
    s = visible("" if text is None else str(text), multiline=True)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def code(text: object) -> str:
    """Inline code; backticks inside are replaced so the span cannot be broken out of."""
    s = visible(str(text).replace("\n", " ")).replace("`", "'")
    return f"`{s}`"


def mtable(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "| " + " | ".join(headers) + " |"
    rule = "|" + "|".join("---" for _ in headers) + "|"
    body = ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join([head, rule, *body])


def brackets(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")
