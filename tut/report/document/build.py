"""``build_document(report, lang)``: the report as one document, section by section, in
the report's language; the HTML, Markdown and Word writers render this and nothing else."""

from __future__ import annotations

from tut import __version__
from tut.report import i18n
from tut.report.document.interviews import agreement_section, interviews_section
from tut.report.document.methods import methods_section, provenance_section
from tut.report.document.microdata import appendix_section, microdata_section
from tut.report.document.model import Document
from tut.report.document.summary import summary_section
from tut.report.document.wordings import wordings_section
from tut.report.i18n import Lang, t
from tut.report.model import Report
from tut.report.phrases import banner_text

SECTIONS = (
    "summary",
    "wordings",
    "interviews",
    "agreement",
    "microdata",
    "methods",
    "provenance",
    "appendix",
)
"""The chapters' ids in order (each is the id of its ``<section>`` in the HTML)."""


def build_document(report: Report, lang: Lang = "en") -> Document:
    """The whole report as a :class:`Document` in ``lang``."""
    if lang not in i18n.LANGS:
        raise ValueError(f"unknown report language {lang!r}")
    r = report
    sections = (
        summary_section(r, lang),
        wordings_section(r, lang),
        interviews_section(r, lang),
        agreement_section(r, lang),
        microdata_section(r, lang),
        methods_section(r, lang),
        provenance_section(r, lang),
        appendix_section(r, lang),
    )
    assert tuple(s.id for s in sections) == SECTIONS
    return Document(
        title=t("report-title", lang),
        subtitle=r.title,
        meta=(r.protocol_id, r.provenance.generated),
        lang=lang,
        sections=sections,
        banner=banner_text(r, lang),
        contents_label=t("contents", lang),
        footer=t("footer", lang, version=__version__),
    )
