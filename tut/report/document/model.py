"""The report as a document: sections, paragraphs, lists, quotes, tables of typed cells,
figures and notes, built once (:mod:`tut.report.document.build`) and rendered to HTML,
Markdown and Word.

Every text in the model is plain text, never markup: each renderer escapes it for its own
format, so nothing a respondent, coder or file wrote can become markup, a link or a field.
``data`` pairs are the machine-readable keys behind a shown number or row (the HTML writes
them as ``data-*`` attributes so a reader can match every number to ``report.json``; the
other formats leave them out).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tut.report.layout import SharePanel
from tut.report.svg import Point

Data = tuple[tuple[str, str], ...]
"""``(name, value)`` pairs: HTML ``data-name="value"``."""

RunStyle = Literal["text", "strong", "emphasis", "code", "deleted", "inserted", "muted", "link"]


@dataclass(frozen=True)
class Run:
    """A piece of inline text in one style. A link's ``href`` is an anchor of this
    document (``#summary``), never an address: the report loads and links nothing."""

    text: str
    style: RunStyle = "text"
    href: str = ""
    data: Data = ()
    break_after: bool = False
    """A line break after this run (within a paragraph or a table cell)."""


Runs = tuple[Run, ...]

ParagraphKind = Literal["text", "note", "warning", "headline", "meta", "banner", "finding"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline runs. ``kind`` says what it is for: a ``note`` is small print,
    a ``warning`` calls attention, the ``headline`` is the report's answer."""

    runs: Runs
    kind: ParagraphKind = "text"
    id: str = ""
    data: Data = ()


@dataclass(frozen=True)
class Item:
    """One entry of a list; ``language`` when it is quoted text in a language of its own
    (a respondent's answer, in the language of the wording they heard)."""

    runs: Runs
    data: Data = ()
    language: str = ""


@dataclass(frozen=True)
class BulletList:
    """A bulleted (or numbered, when ``ordered``) list; ``kind`` names its role (warnings,
    caveats, flags, quotes) for the page's style."""

    items: tuple[Item, ...]
    ordered: bool = False
    kind: str = ""
    id: str = ""


@dataclass(frozen=True)
class Quote:
    """Quoted text, shown as written: a wording (``language`` is the wording's) or the
    word-level changes between two wordings (runs marked deleted / inserted)."""

    runs: Runs
    language: str = ""
    kind: str = "wording"


@dataclass(frozen=True)
class CodeBlock:
    """Text shown verbatim in a monospace block (the comparison spec)."""

    text: str
    language: str = ""
    kind: str = ""


CellKind = Literal["text", "number", "interval", "verdict", "code", "quotes"]


@dataclass(frozen=True)
class Cell:
    """A table cell. ``number`` and ``interval`` cells are right-aligned and carry the exact
    ``value`` behind the formatted text; a ``flagged`` cell rests on a frame or code below
    the reliability floor (shown with ⚠); a ``quotes`` cell holds a list of quotes."""

    runs: Runs = ()
    kind: CellKind = "text"
    value: float | int | None = None
    data: Data = ()
    flagged: bool = False
    span: int = 1
    items: tuple[Item, ...] = ()
    nowrap: bool = False

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "interval")

    @property
    def text(self) -> str:
        """The cell as plain text (quotes one per line)."""
        body = "".join(r.text for r in self.runs)
        if self.items:
            body = "\n".join("".join(r.text for r in i.runs) for i in self.items)
        return f"⚠ {body}" if self.flagged else body


RowKind = Literal["data", "head", "group"]


@dataclass(frozen=True)
class Row:
    """A table row: ``head`` rows name the columns of the rows below them (within the
    table), a ``group`` row is one cell naming the rows that follow."""

    cells: tuple[Cell, ...]
    kind: RowKind = "data"
    flagged: bool = False
    data: Data = ()


@dataclass(frozen=True)
class Column:
    """A column heading; ``numeric`` columns are right-aligned."""

    text: str
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """A table: column headings (none when ``head`` rows inside name them) and rows.
    ``kind`` names its role (key numbers, key-value, quotes, confusion) for the page's
    style."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    kind: str = ""
    id: str = ""
    caption: str = ""

    @property
    def width(self) -> int:
        """Columns the table spans: its headings or its widest row, whichever is wider."""
        return max([len(self.columns), *(sum(c.span for c in r.cells) for r in self.rows)])


@dataclass(frozen=True)
class SharesChart:
    """Per language (small multiples on one 0-100% scale) the shares of respondents who
    read each wording on (and off) target, with their intervals."""

    panels: tuple[SharePanel, ...]


@dataclass(frozen=True)
class EstimatesChart:
    """Estimates by wording and domain with their intervals (dot and whisker)."""

    points: tuple[Point, ...]
    unit: str
    percent: bool


@dataclass(frozen=True)
class Figure:
    """A chart: its title, its text alternative (the numbers in words) and its data, so
    the HTML draws SVG, Word a PNG and Markdown the text alternative."""

    title: str
    alt: str
    chart: SharesChart | EstimatesChart
    id: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Group:
    """Blocks kept together (``kind`` ``side-by-side``: columns on a wide page; a group
    without kind is one of those columns). Markdown and Word show the blocks in order."""

    blocks: tuple[Block, ...]
    kind: str = ""


@dataclass(frozen=True)
class Section:
    """A heading and its blocks; subsections are blocks too. ``level`` 2 is a chapter
    of the report (with its ``id`` in the table of contents)."""

    heading: Runs
    level: int
    blocks: tuple[Block, ...] = ()
    id: str = ""
    kind: str = ""

    @property
    def title(self) -> str:
        return "".join(r.text for r in self.heading)


Block = Paragraph | BulletList | Quote | CodeBlock | Table | Figure | Group | Section


@dataclass(frozen=True)
class Document:
    """The whole report: title, subtitle (the study's title), meta line, a banner when the
    data are illustrative, the chapters and the footer."""

    title: str
    subtitle: str
    meta: tuple[str, ...]
    lang: str
    sections: tuple[Section, ...]
    banner: str = ""
    contents_label: str = ""
    footer: str = ""
