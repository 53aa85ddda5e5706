"""The report as ONE self-contained HTML file: inline CSS and SVG, nothing fetched.

Every piece of text that comes from respondents, coders or files goes through
:func:`tut.report.html.cells.e` (:func:`html.escape` of the text with control characters
made visible). Citation URLs are printed as text, never as links or resources.
Numeric cells carry ``data-field`` and the exact ``data-value`` from ``report.json``, so a
reader (or a test) can match every number shown to the number computed.

:mod:`.page` is the shell (head, CSS, contents); one module per section group renders the
sections; :mod:`.cells` and :mod:`.charts` are shared by them.
"""

from __future__ import annotations

from tut.report.html.charts import estimate_points, points_text
from tut.report.html.page import CSS, SECTIONS, render_html

__all__ = ["CSS", "SECTIONS", "estimate_points", "points_text", "render_html"]
