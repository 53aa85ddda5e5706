"""The report as Markdown: the same sections and numbers as the HTML, without the charts.

Text from respondents and files is escaped so that it renders as text: ``<``, ``>`` and
``&`` become entities (an answer with ``<script>`` stays visible text in any Markdown
viewer), and Markdown's own markup characters are backslash-escaped.
"""

from __future__ import annotations

from tut.report.markdown.document import render_markdown

__all__ = ["render_markdown"]
