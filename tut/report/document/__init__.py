"""The report as one document model (:mod:`.model`), built once from a
:class:`~tut.report.model.Report` by :func:`build_document` and rendered to HTML
(:mod:`tut.report.html`), Markdown (:mod:`tut.report.markdown`) and Word
(:mod:`tut.report.word`)."""

from __future__ import annotations

from tut.report.document.build import SECTIONS, build_document
from tut.report.document.model import Document

__all__ = ["SECTIONS", "Document", "build_document"]
