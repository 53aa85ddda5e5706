"""Write ``report.html``, ``report.md`` and ``report.json`` into a folder (the I/O edge)."""

from __future__ import annotations

from pathlib import Path

from tut.errors import TutError
from tut.files import json_text, write_atomic
from tut.report.html import render_html
from tut.report.i18n import Lang
from tut.report.jsonout import report_json
from tut.report.markdown import render_markdown
from tut.report.model import Report

FILES = ("report.html", "report.md", "report.json")


def write_report(report: Report, out_dir: Path, lang: Lang = "en") -> dict[str, Path]:
    """The three report files; other files in ``out_dir`` are never touched."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise TutError.at(out_dir, "", "exists and is not a folder", "choose another --out")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / name for name in FILES}
    # each file replaced in one rename: a reader never sees half a report
    write_atomic(paths["report.json"], json_text(report_json(report, lang), allow_nan=False))
    write_atomic(paths["report.md"], render_markdown(report, lang))
    write_atomic(paths["report.html"], render_html(report, lang))
    return paths
