"""The whole Markdown document: title, banner, then the sections in order."""

from __future__ import annotations

from tut.report import i18n
from tut.report.i18n import Lang, t
from tut.report.markdown.agreement import agreement_section
from tut.report.markdown.appendix import appendix_section
from tut.report.markdown.cells import md
from tut.report.markdown.interviews import interviews_section
from tut.report.markdown.methods import methods_section, provenance_section
from tut.report.markdown.microdata import microdata_section
from tut.report.markdown.summary import summary_section
from tut.report.markdown.wordings import wordings_section
from tut.report.model import Report


def render_markdown(report: Report, lang: Lang = "en") -> str:
    """The whole report as a Markdown document (same sections as the HTML)."""
    if lang not in i18n.LANGS:
        raise ValueError(f"unknown report language {lang!r}")
    r = report
    L: list[str] = [f"# {md(t('report-title', lang))}: {md(r.title)}", ""]
    L += [f"{md(r.protocol_id)} · {md(r.provenance.generated)}", ""]
    if r.notes.illustrative:
        L += [f"> **{md(t('illustrative-banner', lang))}**", ""]
    for section in (
        summary_section,
        wordings_section,
        interviews_section,
        agreement_section,
        microdata_section,
        methods_section,
        provenance_section,
        appendix_section,
    ):
        L += section(r, lang)
    return "\n".join(L)
