"""Write ``report.html``, ``report.md`` and ``report.json`` into a folder (the I/O edge)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tut.errors import TutError
from tut.report.html import render_html
from tut.report.i18n import Lang
from tut.report.jsonout import report_json
from tut.report.markdown import render_markdown
from tut.report.model import Report

FILES = ("report.html", "report.md", "report.json")


def _write(path: Path, text: str) -> None:
    """Write next to the target, then rename: a reader never sees half a report."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_report(report: Report, out_dir: Path, lang: Lang = "en") -> dict[str, Path]:
    """The three report files; other files in ``out_dir`` are never touched."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise TutError.at(out_dir, "", "exists and is not a folder", "choose another --out")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / name for name in FILES}
    _write(
        paths["report.json"],
        json.dumps(report_json(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n",
    )
    _write(paths["report.md"], render_markdown(report, lang))
    _write(paths["report.html"], render_html(report, lang))
    return paths
