"""The wording-comparison report: which wording measures supervisory care better, and why.

Pure builders (no files read or written)::

    build_report(inputs: ReportInput) -> Report
    tut.report.document.build_document(report, lang) -> Document   # the report as a document
    render_html(report, lang) -> str      # one self-contained file, inline SVG charts
    render_markdown(report, lang) -> str
    report_json(report, lang) -> dict     # every number behind the report
    tut.report.word.render_docx(report, lang) -> bytes   # Word (python-docx, matplotlib)

The edges: :func:`tut.report.inputs.load_report_input` reads a study (and runs agreement
and the microdata comparison), :func:`tut.report.write.write_report` writes the files.
Importing this package never imports Textual.
"""

from __future__ import annotations

from tut.report.build import build_report
from tut.report.html import render_html
from tut.report.jsonout import report_json
from tut.report.markdown import render_markdown
from tut.report.model import Report, ReportInput

__all__ = [
    "Report",
    "ReportInput",
    "build_report",
    "render_html",
    "render_markdown",
    "report_json",
]
