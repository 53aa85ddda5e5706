"""Table cells and escaping shared by every section of the HTML report.

Every piece of text that comes from respondents, coders or files goes through :func:`e`.
Numeric cells carry ``data-field`` and the exact ``data-value`` from ``report.json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from tut.report.i18n import Lang, t
from tut.report.model import AlphaRow, Report
from tut.report.phrases import frame_text
from tut.safe_text import visible

FLAG = "⚠"
KEEP_ROWS = 14
"""Tables with at most this many rows are never split across printed pages."""


def e(value: Any) -> str:
    """Escaped text (quotes too, so it is safe in attributes)."""
    return escape(visible("" if value is None else str(value), multiline=True), quote=True)


def _attr(name: str, value: Any) -> str:
    return f' {name}="{e(value)}"'


def num_td(value: float | int | None, text: str, field: str = "", **extra: str) -> str:
    """A numeric cell with the exact value behind the shown text."""
    attrs = ' class="num"'
    if field:
        attrs += _attr("data-field", field)
    for k, v in extra.items():
        attrs += _attr("data-" + k.replace("_", "-"), v)
    if value is not None:
        attrs += _attr("data-value", repr(float(value)) if isinstance(value, float) else value)
    return f"<td{attrs}>{e(text)}</td>"


def td(text: Any, raw: bool = False) -> str:
    return f"<td>{text if raw else e(text)}</td>"


def table(
    headers: Sequence[tuple[str, bool]], rows: Iterable[str], cls: str = "", raw: bool = False
) -> str:
    """``headers`` as (text, numeric), already HTML when ``raw``; ``rows`` rendered ``<tr>``."""
    head = "".join(f"<th{' class=num' if n else ''}>{h if raw else e(h)}</th>" for h, n in headers)
    rows = list(rows)
    body = "\n".join(rows)
    if len(rows) <= KEEP_ROWS:
        cls = f"{cls} keep".strip()
    c = _attr("class", cls) if cls else ""
    return f"<table{c}><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def breakable(text: str) -> str:
    """An id that may wrap after its hyphens in a narrow column header."""
    return e(text).replace("-", "-<wbr>")


def group_row(text: str, span: int) -> str:
    return f'<tr class="group"><th colspan="{span}">{e(text)}</th></tr>'


def verdict_text(row: AlphaRow, lang: Lang) -> str:
    return t(f"verdict-{row.verdict}", lang)


def frame_sentence(r: Report, lang: Lang) -> str:
    text, warning = frame_text(r, lang)
    return f'<strong class="warn">{FLAG} {e(text)}</strong>' if warning else e(text)
