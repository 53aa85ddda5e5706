"""The report as Markdown: the same document as the HTML (:mod:`tut.report.document`),
without the charts' pictures (each chart is its title and text alternative).

Text from respondents and files is escaped so that it renders as text: ``<``, ``>`` and
``&`` become entities (an answer with ``<script>`` stays visible text in any Markdown
viewer), and Markdown's own markup characters are backslash-escaped.
"""

from __future__ import annotations

from tut.report.markdown.render import render_document_markdown, render_markdown

__all__ = ["render_document_markdown", "render_markdown"]
