"""The report as ONE self-contained HTML file: inline CSS and SVG, nothing fetched.

Rendered from the document model (:mod:`tut.report.document`) through Jinja2 templates with
autoescape (:mod:`.render`, templates in ``tut/report/templates``). Citation URLs are
printed as text, never as links or resources. Numeric cells carry ``data-field`` and the
exact ``data-value`` from ``report.json``, so a reader (or a test) can match every number
shown to the number computed.
"""

from __future__ import annotations

from tut.report.document import SECTIONS
from tut.report.html.render import css, render_document_html, render_html

__all__ = ["SECTIONS", "css", "render_document_html", "render_html"]
