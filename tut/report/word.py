"""``report.docx``: the report as a Word document an expert group can edit and comment.

Rendered from the same document as the HTML and Markdown (:mod:`tut.report.document`):
real Word headings, paragraphs, lists and tables, and the charts as PNG images
(:mod:`tut.report.png`) with their text alternative as the picture's description. All text
goes into Word runs as text, never as markup, so nothing a respondent or file wrote can
become formatting or a field.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

from tut.report.document import build_document
from tut.report.document.model import (
    Block,
    BulletList,
    Cell,
    CodeBlock,
    Document,
    EstimatesChart,
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
from tut.report.png import estimates_png, readings_png
from tut.safe_text import visible

FLAG = "⚠"
MONO = "Consolas"


def _runs(paragraph: Any, runs: Sequence[Run], bold: bool = False, italic: bool = False) -> None:
    """Runs as Word runs: bold, italic, monospace, struck through; line breaks kept."""
    for r in runs:
        w = paragraph.add_run(visible(r.text, multiline=True))
        w.bold = bold or r.style in ("strong", "inserted") or None
        w.italic = italic or r.style == "emphasis" or None
        if r.style == "deleted":
            w.font.strike = True
        if r.style == "code":
            w.font.name = MONO
        if r.break_after:
            w.add_break()


def _paragraph(doc: Any, p: Paragraph) -> None:
    style = {"banner": "Quote"}.get(p.kind)
    para = doc.add_paragraph(style=style)
    _runs(para, p.runs, bold=p.kind in ("headline", "banner"), italic=p.kind == "note")


def _cell(target: Any, c: Cell, bold: bool = False) -> None:
    para = target.paragraphs[0]
    if c.numeric:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if c.flagged:
        para.add_run(f"{FLAG} ")
    if c.items:
        for i, item in enumerate(c.items):
            if i:
                para = target.add_paragraph()
            _runs(para, item.runs)
    else:
        _runs(para, c.runs, bold=bold)


def _row(table: Any, r: Row, width: int) -> None:
    cells = table.add_row().cells
    if r.kind == "group":
        merged = cells[0].merge(cells[width - 1]) if width > 1 else cells[0]
        _cell(merged, r.cells[0], bold=True)
        return
    for target, c in zip(cells, r.cells, strict=False):
        _cell(target, c, bold=r.kind == "head")


def _repeat_on_each_page(row: Any) -> None:
    """A heading row Word repeats at the top of each page the table runs onto."""
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def _table(doc: Any, t: Table) -> None:
    width = t.width
    if t.caption:
        doc.add_paragraph(visible(t.caption), style="Caption")
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    if t.columns:
        row = table.add_row()
        _repeat_on_each_page(row)
        head = row.cells
        for target, col in zip(head, t.columns, strict=False):
            _cell(target, Cell((Run(col.text),), "number" if col.numeric else "text"), bold=True)
    for r in t.rows:
        _row(table, r, width)
    doc.add_paragraph()


def _picture(doc: Any, f: Figure) -> None:
    if isinstance(f.chart, EstimatesChart):
        png = estimates_png(f.chart.points, f.title, f.chart.unit, f.chart.percent)
    else:
        png = readings_png(f.chart.panels, f.title)
    shape = doc.add_picture(io.BytesIO(png), width=Inches(6.0))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", visible(f.alt))
    doc_pr.set("title", visible(f.title))


def _figure(doc: Any, f: Figure, charts: bool) -> None:
    """The chart's title as a caption, then the picture (or, without charts, its text
    alternative)."""
    doc.add_paragraph(visible(f.title), style="Caption")
    if charts:
        _picture(doc, f)
    else:
        doc.add_paragraph(visible(f.alt))


def _block(doc: Any, b: Block, charts: bool) -> None:
    if isinstance(b, Paragraph):
        _paragraph(doc, b)
    elif isinstance(b, BulletList):
        style = "List Number" if b.ordered else "List Bullet"
        for item in b.items:
            _runs(doc.add_paragraph(style=style), item.runs)
    elif isinstance(b, Quote):
        _runs(doc.add_paragraph(style="Quote"), b.runs)
    elif isinstance(b, CodeBlock):
        doc.add_paragraph().add_run(visible(b.text.rstrip(), multiline=True)).font.name = MONO
    elif isinstance(b, Table):
        _table(doc, b)
    elif isinstance(b, Figure):
        _figure(doc, b, charts)
    elif isinstance(b, Group):
        for x in b.blocks:
            _block(doc, x, charts)
    else:
        _section(doc, b, charts)


def _section(doc: Any, s: Section, charts: bool) -> None:
    _runs(doc.add_heading(level=min(s.level - 1, 4)), s.heading)
    for b in s.blocks:
        _block(doc, b, charts)


def render_document_docx(d: Document, charts: bool = True) -> bytes:
    """A document as a .docx file (bytes)."""
    doc = new_docx()
    doc.core_properties.title = visible(d.subtitle)
    doc.core_properties.language = d.lang
    doc.add_heading(visible(f"{d.title}: {d.subtitle}"), level=0)
    doc.add_paragraph(visible(" · ".join(d.meta)))
    if d.banner:
        _paragraph(doc, Paragraph((Run(d.banner),), "banner"))
    for s in d.sections:
        _section(doc, s, charts)
    doc.add_paragraph(visible(d.footer))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def render_docx(report: Report, lang: Lang = "en", charts: bool = True) -> bytes:
    """The report as a .docx file (bytes): the same document as the HTML and Markdown."""
    return render_document_docx(build_document(report, lang), charts)
