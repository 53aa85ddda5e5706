"""The document as Markdown: headings, paragraphs, lists, block quotes, pipe tables and a
fenced block for the spec; a chart is its title and its text alternative.

Every text is escaped so that it renders as text: ``<``, ``>`` and ``&`` become entities
(an answer with ``<script>`` stays visible text in any Markdown viewer), Markdown's own
markup characters are backslash-escaped, and control characters are made visible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tut.report.document import build_document
from tut.report.document.model import (
    Block,
    BulletList,
    Cell,
    CodeBlock,
    Document,
    Figure,
    Group,
    Paragraph,
    Quote,
    Row,
    Run,
    Section,
    Table,
)
from tut.report.i18n import Lang
from tut.report.model import Report
from tut.safe_text import visible

FLAG = "⚠"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")
_SPACE = re.compile(r"\s+")
_MARKS = {"strong": "**", "emphasis": "*", "deleted": "~~", "inserted": "**"}


def md(text: object) -> str:
    """Text escaped for Markdown, on one line (runs of white space become one space)."""
    s = visible("" if text is None else str(text), multiline=True)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPACE.sub(" ", _MD_SPECIAL.sub(r"\\\1", s))


def code(text: object, in_table: bool = False) -> str:
    """Inline code; backticks inside are replaced so the span cannot be broken out of (and
    a pipe is escaped inside a table, where it would end the cell)."""
    s = visible(str(text).replace("\n", " ")).replace("`", "'")
    return f"`{s.replace('|', chr(92) + '|') if in_table else s}`"


def inline(runs: Sequence[Run], in_table: bool = False) -> str:
    """Runs as inline Markdown; a styled run's outer spaces stay outside its marks."""
    out = []
    for r in runs:
        if r.style == "code":
            text = code(r.text, in_table)
        else:
            text = md(r.text)
            mark = _MARKS.get(r.style, "")
            if mark and text.strip():
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                text = f"{lead}{mark}{text.strip()}{mark}{trail}"
        out.append(text + ("<br>" if r.break_after else ""))
    return "".join(out)


def _line(runs: Sequence[Run]) -> str:
    return " ".join(inline(runs).split(" ")).strip()


def paragraph(p: Paragraph) -> list[str]:
    text = _line(p.runs)
    if p.kind == "note":
        text = f"*{text}*"
    elif p.kind == "headline":
        text = f"**{text}**"
    elif p.kind == "banner":
        text = f"> **{text}**"
    return [text, ""]


def bullets(b: BulletList) -> list[str]:
    return [
        f"{i}. {_line(x.runs)}" if b.ordered else f"- {_line(x.runs)}"
        for i, x in enumerate(b.items, start=1)
    ] + [""]


def _cell(c: Cell) -> str:
    if c.items:
        body = "<br>".join(inline(i.runs, True).strip() for i in c.items)
    else:
        body = inline(c.runs, True).strip()
    return f"{FLAG} {body}" if c.flagged else body


def _row(r: Row, width: int) -> list[str]:
    if r.kind == "group":
        return [f"**{inline(r.cells[0].runs, True).strip()}**"] + [""] * (width - 1)
    cells = [_cell(c) for c in r.cells]
    if r.kind == "head":
        cells = [f"**{c}**" if c else "" for c in cells]
    return cells + [""] * (width - len(cells))


def table(t: Table) -> list[str]:
    """A pipe table; without column headings the first ``head`` row is the heading (or an
    empty one, for a table of names and values)."""
    width = t.width
    rows = list(t.rows)
    if t.columns:
        header = [md(c.text) for c in t.columns]
    elif rows and rows[0].kind == "head":
        header = [_cell(c) for c in rows.pop(0).cells]
    else:
        header = [""] * width
    body = [_row(r, width) for r in rows]
    lines = ["| " + " | ".join(cells) + " |" for cells in (header, *body)]
    lines.insert(1, "|" + "|".join("---" for _ in header) + "|")
    caption = [f"**{md(t.caption)}**", ""] if t.caption else []
    return [*caption, *lines, ""]


def code_block(b: CodeBlock) -> list[str]:
    fence = "~~~~"
    while fence in b.text:
        fence += "~"
    return [f"{fence}{b.language}", b.text.rstrip(), fence, ""]


def figure(f: Figure) -> list[str]:
    """A chart in words: its title and its text alternative."""
    return [f"*{md(f.title)}:* {md(f.alt)}", ""]


def block(b: Block) -> list[str]:
    if isinstance(b, Paragraph):
        return paragraph(b)
    if isinstance(b, BulletList):
        return bullets(b)
    if isinstance(b, Quote):
        return [f"> {_line(b.runs)}", ""]
    if isinstance(b, CodeBlock):
        return code_block(b)
    if isinstance(b, Table):
        return table(b)
    if isinstance(b, Figure):
        return figure(b)
    if isinstance(b, Group):
        return [line for x in b.blocks for line in block(x)]
    return section(b)


def section(s: Section) -> list[str]:
    lines = [f"{'#' * s.level} {_line(s.heading)}", ""]
    for b in s.blocks:
        lines += block(b)
    return lines


def render_document_markdown(doc: Document) -> str:
    """A document as Markdown (a string)."""
    lines = [f"# {md(doc.title)}: {md(doc.subtitle)}", "", " · ".join(md(m) for m in doc.meta), ""]
    if doc.banner:
        lines += [f"> **{md(doc.banner)}**", ""]
    for s in doc.sections:
        lines += section(s)
    lines += ["---", "", md(doc.footer), ""]
    return "\n".join(lines)


def render_markdown(report: Report, lang: Lang = "en") -> str:
    """The whole report as a Markdown document (same sections as the HTML)."""
    return render_document_markdown(build_document(report, lang))
