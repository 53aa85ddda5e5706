"""Small constructors the section builders share: runs, paragraphs, cells and tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tut.report.document.model import (
    Cell,
    CellKind,
    Column,
    Data,
    Item,
    Paragraph,
    ParagraphKind,
    Row,
    Run,
    Section,
    Table,
)
from tut.report.i18n import Lang, t
from tut.report.model import Report
from tut.report.phrases import caveat_line, frame_text

FLAG = "⚠"
QUOTE_MARKS = {"en": ("“", "”"), "es": ("«", "»")}
"""Quotation marks around respondents' answers, per report language."""


def data(**pairs: Any) -> Data:
    """``data`` pairs from keywords (``_`` in a name becomes ``-``); None values left out."""
    return tuple((k.replace("_", "-"), _value(v)) for k, v in pairs.items() if v is not None)


def _value(v: Any) -> str:
    return repr(float(v)) if isinstance(v, float) else str(v)


def run(text: Any, style: Any = "text", **kw: Any) -> Run:
    return Run("" if text is None else str(text), style, **kw)


def para(*runs: Run | str, kind: ParagraphKind = "text", id: str = "", **pairs: Any) -> Paragraph:
    """A paragraph; plain strings are text runs."""
    return Paragraph(
        tuple(r if isinstance(r, Run) else run(r) for r in runs), kind, id, data(**pairs)
    )


def note(text: str) -> Paragraph:
    return para(text, kind="note")


def item(*runs: Run | str, **pairs: Any) -> Item:
    return Item(tuple(r if isinstance(r, Run) else run(r) for r in runs), data(**pairs))


def section(heading: str | Sequence[Run], level: int, blocks: Iterable[Any], **kw: Any) -> Section:
    runs = (run(heading),) if isinstance(heading, str) else tuple(heading)
    return Section(runs, level, tuple(b for b in blocks if b is not None), **kw)


def cell(text: Any = "", kind: CellKind = "text", **kw: Any) -> Cell:
    """A text cell (``kind`` ``code`` shows an identifier in monospace)."""
    style = "code" if kind == "code" else "text"
    return Cell((run(text, style),) if text != "" else (), kind, **kw)


def num(
    value: float | int | None,
    text: str,
    field: str = "",
    *,
    flagged: bool = False,
    kind: CellKind = "number",
    **where: Any,
) -> Cell:
    """A right-aligned cell with the exact value behind the shown text; ``field`` and
    ``where`` name the value in ``report.json``."""
    pairs = data(field=field or None, **where)
    if value is not None:
        pairs += (("value", _value(value)),)
    return Cell((run(text),), kind, value, pairs, flagged)


def group_row(text: str, span: int) -> Row:
    return Row((Cell((run(text),), span=span),), "group")


def table(
    columns: Sequence[tuple[str, bool]], rows: Iterable[Row], kind: str = "", id: str = ""
) -> Table:
    """``columns`` as (heading, numeric)."""
    return Table(tuple(Column(h, n) for h, n in columns), tuple(rows), kind, id)


def kv_table(pairs: Iterable[tuple[str, Cell]], id: str = "") -> Table | None:
    """A two-column table of names and values (None when there is nothing to show)."""
    rows = tuple(Row((cell(k), v), "data", data=()) for k, v in pairs)
    return Table((), rows, "kv", id) if rows else None


def frame_paragraph(r: Report, lang: Lang) -> Paragraph:
    """Whether the coding frame is reliable enough, with ⚠ when it is not."""
    text, warning = frame_text(r, lang)
    if warning:
        return para(f"{FLAG} ", run(text, "strong"), kind="warning")
    return para(text)


def microdata_caveat_paras(r: Report, lang: Lang) -> list[Paragraph]:
    """What the microdata findings must be read with (wordings the interviews did not
    test), flagged, right below them on the first page and in the microdata section."""
    return [
        para(f"{FLAG} ", caveat_line(k, p, lang, r), kind="warning")
        for k, p in r.summary.microdata_caveats
    ]


def heading(key: str, lang: Lang, **params: Any) -> tuple[Run, ...]:
    return (run(t(key, lang, **params)),)
