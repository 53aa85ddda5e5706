"""`tut report --format docx`: the report as a Word document, read back with python-docx:
real headings and tables with the same content as the Markdown, the charts as images with a
text alternative, and respondent text kept as text."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document

from tut.coding.model import Adjudication
from tut.examples import EXAMPLE_STUDY
from tut.project import find_project
from tut.report import build_report, render_markdown
from tut.report.inputs import load_report_input
from tut.report.word import render_docx

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from tut.cli import main

    root = tmp_path_factory.mktemp("docx")
    assert main(["demo-data", "--out", str(root / "data"), "--n", "2000"]) == 0
    common = ["--data", str(root / "data" / "spec.yaml"), "--bootstrap", "0"]
    for lang in ("en", "es"):
        out = root / lang
        args = ["report", str(EXAMPLE_STUDY), *common, "--out", str(out), "--lang", lang]
        assert main([*args, "--format", "docx", "--format", "md"]) == 0
    return root


def _headings(doc) -> list[tuple[int, str]]:
    out = []
    for p in doc.paragraphs:
        name = p.style.name
        if name == "Title":
            out.append((0, p.text))
        elif name.startswith("Heading "):
            out.append((int(name.split()[1]), p.text))
    return out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_word_document_has_the_markdown_headings_and_tables(made, lang):
    out = made / lang
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "report.docx",
        "report.md",
    ]
    doc = Document(str(out / "report.docx"))
    md = (out / "report.md").read_text(encoding="utf-8")
    md = re.sub(r"^(~{3,}|`{3,}).*?^\1$", "", md, flags=re.M | re.S)  # code is not headings
    md_headings = [
        (len(m.group(1)) - 1, m.group(2)) for m in re.finditer(r"^(#{1,6}) (.+)$", md, re.M)
    ]
    headings = _headings(doc)
    assert len(headings) == len(md_headings)
    for (level, text), (md_level, md_text) in zip(headings, md_headings, strict=True):
        assert level == min(md_level, 4)
        assert text == re.sub(r"\\(.)", r"\1", md_text).replace("`", "")
    md_tables = len(re.findall(r"(?:^|\n\n)\|", md))
    assert len(doc.tables) == md_tables
    # the key numbers: the same cells as the Markdown table, as a real table
    key = doc.tables[0]
    first_row = [c.text for c in key.rows[1].cells]
    assert first_row[0] in md and first_row[1].replace("⚠ ", "") in md
    # the comparison spec (a fenced block in the Markdown) is one monospace paragraph
    spec = next(p for p in doc.paragraphs if "care_min" in p.text and "title:" in p.text)
    assert spec.runs[0].font.name == "Consolas" and "~~~~" not in spec.text


def test_charts_are_images_with_a_text_alternative(made):
    doc = Document(str(made / "en" / "report.docx"))
    shapes = list(doc.inline_shapes)
    assert len(shapes) == 2
    for shape in shapes:
        pr = shape._inline.docPr
        assert pr.get("descr") and pr.get("title")
        blob = doc.part.related_parts[
            shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        ].blob
        assert blob.startswith(b"\x89PNG")
    readings = next(s for s in shapes if "by language" in s._inline.docPr.get("title"))
    assert "/22" in readings._inline.docPr.get("descr")  # respondents, as in the key numbers


def test_respondent_text_stays_text_in_word():
    inputs = load_report_input(EXAMPLE_STUDY, project=find_project(REPO), bootstrap=0)
    evil = "**bold** <w:p>`code`</w:p> & | ~~x~~ \\[NAME\\]"
    target = next(s for s in inputs.segments if s.probe_id == "meaning")
    segments = tuple(replace(s, answer=evil) if s.id == target.id else s for s in inputs.segments)
    adjudications = dict(inputs.adjudications)
    adjudications[target.id] = Adjudication(target.id, ("other-interpretation",), "dora", "x")
    report = build_report(replace(inputs, segments=segments, adjudications=adjudications))
    assert evil.split()[0] in render_markdown(report, "en").replace("\\*", "*")
    doc = Document(io.BytesIO(render_docx(report, "en", charts=False)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any(evil in c for c in cells), "the answer is shown exactly as written"
