"""Write ``report.html``, ``report.md``, ``report.json`` (and ``report.docx`` when asked) into
a folder (the I/O edge)."""

from __future__ import annotations

from pathlib import Path

from tut.errors import TutError
from tut.files import json_text, replacing, write_atomic
from tut.report.html import render_html
from tut.report.i18n import Lang
from tut.report.jsonout import report_json
from tut.report.markdown import render_markdown
from tut.report.model import Report
from tut.report.word import render_docx

FILES = ("report.html", "report.md", "report.json")
FORMATS = {"html": "report.html", "md": "report.md", "json": "report.json", "docx": "report.docx"}
DEFAULT_FORMATS = ("html", "md", "json")


def files_for(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The file names the given formats write (the default three when none is given)."""
    return tuple(FORMATS[f] for f in (formats or DEFAULT_FORMATS))


def write_report(
    report: Report, out_dir: Path, lang: Lang = "en", formats: tuple[str, ...] = ()
) -> dict[str, Path]:
    """The report files of ``formats`` (default html, md, json); other files in ``out_dir``
    are never touched."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise TutError.at(out_dir, "", "exists and is not a folder", "choose another --out")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / name for name in files_for(formats)}
    # each file replaced in one rename: a reader never sees half a report
    if "report.json" in paths:
        write_atomic(paths["report.json"], json_text(report_json(report, lang), allow_nan=False))
    if "report.md" in paths:
        write_atomic(paths["report.md"], render_markdown(report, lang))
    if "report.html" in paths:
        write_atomic(paths["report.html"], render_html(report, lang))
    if "report.docx" in paths:
        data = render_docx(report, lang)
        with replacing(paths["report.docx"]) as tmp:
            tmp.write_bytes(data)
    return paths
