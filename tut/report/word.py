"""``report.docx``: the report as a Word document an expert group can edit and comment.

Same content as ``report.md``, section for section: the Markdown renderer's output (a small,
known subset: headings, paragraphs, lists, block quotes, pipe tables, code blocks, bold,
italic, code, strike-through) becomes real Word headings, lists and tables, and the charts
are inserted as PNG images with their text alternative (the picture's description). All text
goes into Word runs as text, never as markup, so nothing a respondent or file wrote can
become formatting or a field.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tut.report import i18n
from tut.report.html.charts import estimate_points, points_text
from tut.report.i18n import Lang, t
from tut.report.layout import share_panels
from tut.report.markdown import render_markdown
from tut.report.model import Report
from tut.report.phrases import outcome_name, unit_text, variant_names

_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]#|!~])")
_INLINE = re.compile(
    r"((?<!\\)\*\*.+?(?<!\\)\*\*"  # **bold** (escaped \* is text)
    r"|(?<!\\)~~.+?(?<!\\)~~"  # ~~deleted~~
    r"|(?<!\\)`[^`]*`"  # `code` (code() replaces backticks inside)
    r"|(?<![\\*\w])\*(?!\s).+?(?<![\\\s])\*)"  # *italic*
)
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def plain(text: str) -> str:
    """Markdown-escaped text back to the text it stands for."""
    return html.unescape(_UNESCAPE.sub(r"\1", text))


@dataclass(frozen=True)
class Figure:
    """A chart to insert at the end of the section under ``anchor`` (a heading's text)."""

    anchor: str
    png: bytes
    title: str
    desc: str


def figures(r: Report, lang: Lang) -> list[Figure]:
    """The report's charts as images: readings per language, estimates by wording and sex."""
    from tut.report.png import estimates_png, readings_png

    out = []
    panels = share_panels(r, lang)
    if panels:
        title = t("sub-chart-readings", lang)
        desc = " ".join(f"{p.title}: {p.desc}" for p in panels)
        out.append(Figure(t("sub-readings", lang), readings_png(panels, title), title, desc))
    if r.comparison is not None:
        points, unit, percent = estimate_points(
            r.comparison, r.comparison_outcome, lang, variant_names(r, lang)
        )
        if points:
            level = i18n.level_text(r.comparison.level)
            name = outcome_name(r.comparison_outcome, r.outcome_labels, lang)
            title = f"{name}: " + t("sub-chart-estimates", lang, level=level)
            axis = unit_text(unit, "proportion" if percent else "", lang)
            png = estimates_png(points, title, axis, percent)
            out.append(Figure(t("key-numbers", lang), png, title, points_text(points, percent)))
    return out


def _runs(paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
    """Inline Markdown as Word runs: bold, italic, code, strike-through; ``<br>`` breaks."""
    for piece in _INLINE.split(text):
        if not piece:
            continue
        bold = italic = strike = mono = False
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            piece, bold = piece[2:-2], True
        elif piece.startswith("~~") and piece.endswith("~~") and len(piece) > 4:
            piece, strike = piece[2:-2], True
        elif piece.startswith("`") and piece.endswith("`") and len(piece) > 1:
            piece, mono = piece[1:-1], True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            piece, italic = piece[1:-1], True
        parts = piece.split("<br>")
        for i, part in enumerate(parts):
            run = paragraph.add_run(part if mono else plain(part))
            run.bold, run.italic = bold or None, italic or None
            if strike:
                run.font.strike = True
            if mono:
                run.font.name = "Consolas"
            if i < len(parts) - 1:
                run.add_break()


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.strip() for c in _CELL_SPLIT.split(inner)]


def _table(doc, lines: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
    rows = [_cells(x) for x in lines if not re.fullmatch(r"\|?(\s*:?-+:?\s*\|)+\s*", x.strip())]
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for i, cells in enumerate(rows):
        row = table.add_row().cells
        for j, text in enumerate(cells[:width]):
            para = row[j].paragraphs[0]
            _runs(para, f"**{text}**" if i == 0 and text and not text.startswith("**") else text)
    doc.add_paragraph()


def _blocks(lines: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """(kind, lines) blocks of the Markdown: heading, table, quote, bullet, number, code,
    paragraph."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        fence = re.match(r"(`{3,}|~{3,})", line)
        if fence:
            j = i + 1
            while j < len(lines) and not lines[j].startswith(fence.group(1)):
                j += 1
            yield "code", list(lines[i + 1 : j])
            i = j + 1
            continue
        if re.match(r"#{1,6} ", line):
            yield "heading", [line]
        elif line.startswith("|"):
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            yield "table", list(lines[i:j])
            i = j
            continue
        elif line.startswith("> "):
            yield "quote", [line[2:]]
        elif line.startswith("- "):
            yield "bullet", [line[2:]]
        elif re.match(r"\d+\. ", line):
            yield "number", [line.split(". ", 1)[1]]
        else:
            yield "paragraph", [line]
        i += 1


def render_docx(report: Report, lang: Lang = "en", charts: bool = True) -> bytes:
    """The report as a .docx file (bytes): the Markdown's content with Word structure."""
    from docx import Document
    from docx.shared import Inches

    doc = Document()
    doc.core_properties.title = report.title
    doc.core_properties.language = lang
    pending: list[Figure] = []
    waiting = {f.anchor: f for f in (figures(report, lang) if charts else [])}

    def flush() -> None:
        for fig in pending:
            doc.add_paragraph(fig.title, style="Caption")
            shape = doc.add_picture(io.BytesIO(fig.png), width=Inches(6.0))
            doc_pr = shape._inline.docPr
            doc_pr.set("descr", fig.desc)
            doc_pr.set("title", fig.title)
        pending.clear()

    for kind, lines in _blocks(render_markdown(report, lang).splitlines()):
        if kind == "heading":
            flush()
            hashes, text = lines[0].split(" ", 1)
            heading = doc.add_heading(level=min(len(hashes) - 1, 4))
            _runs(heading, text)
            fig = waiting.pop(plain(text), None)
            if fig is not None:
                pending.append(fig)
        elif kind == "table":
            _table(doc, lines)
        elif kind == "code":
            para = doc.add_paragraph()
            run = para.add_run("\n".join(lines))
            run.font.name = "Consolas"
        else:
            style = {"quote": "Quote", "bullet": "List Bullet", "number": "List Number"}
            para = doc.add_paragraph(style=style.get(kind))
            _runs(para, lines[0])
    flush()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
