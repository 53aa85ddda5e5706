"""The document as ONE self-contained HTML page, through Jinja2 templates with autoescape
(``tut/report/templates``): inline CSS and SVG, nothing fetched, no script.

Autoescape escapes every text of the document; the environment's ``finalize`` first makes
control characters visible (:func:`tut.safe_text.visible`), so an answer that carries
terminal escapes shows them instead of sending them. The charts' SVG comes from
:mod:`tut.report.svg`, which escapes its own labels, and is the only markup inserted as is.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from tut.report.document import build_document
from tut.report.document.model import Document, EstimatesChart, Figure
from tut.report.i18n import Lang
from tut.report.layout import SharePanel
from tut.report.model import Report
from tut.report.svg import estimate_chart, share_chart
from tut.safe_text import visible

KEEP_ROWS = 14
"""Tables with at most this many rows are never split across printed pages."""


def _shown(value: Any) -> Any:
    """Every ``{{ }}`` value before it is escaped: control characters made visible."""
    if isinstance(value, Markup):
        return value
    return visible("" if value is None else str(value), multiline=True)


def _breakable(text: str) -> Markup:
    """Text that may wrap after its hyphens (a narrow column's heading)."""
    return Markup(escape(_shown(text))).replace("-", Markup("-<wbr>"))


def _share_svg(panel: SharePanel) -> Markup:
    return Markup(share_chart(panel.shares, panel.title, panel.desc))


def _estimates_svg(figure: Figure) -> Markup:
    chart = figure.chart
    assert isinstance(chart, EstimatesChart)
    svg = estimate_chart(
        chart.points,
        figure.title,
        chart.unit,
        chart.percent,
        width=400,
        show_title=False,
        desc=figure.alt,
    )
    return Markup(svg)


@cache
def environment() -> Environment:
    """The templates' environment: autoescape on for every template, undefined names an
    error rather than an empty string."""
    env = Environment(
        loader=PackageLoader("tut.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_shown,
        keep_trailing_newline=True,
    )
    env.filters["breakable"] = _breakable
    env.globals.update(
        kind_of=lambda block: type(block).__name__,
        share_svg=_share_svg,
        estimates_svg=_estimates_svg,
        keep_rows=KEEP_ROWS,
    )
    return env


def css() -> str:
    """The page's style sheet (screen and A4 print)."""
    loader = environment().loader
    assert loader is not None
    return loader.get_source(environment(), "report.css")[0]


def render_document_html(doc: Document) -> str:
    """A document as one HTML page (a string)."""
    page = environment().get_template("report.html.j2")
    return page.render(doc=doc, css=Markup(css()))


def render_html(report: Report, lang: Lang = "en") -> str:
    """The whole report as one HTML document (a string)."""
    return render_document_html(build_document(report, lang))
