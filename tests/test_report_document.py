"""One document model, three renderers: the HTML (Jinja2 with autoescape), the Markdown and
the Word document show the same headings and the same table cells, because all three are
rendered from the one document that build_document makes."""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from docx import Document as read_docx

from tut.coding.model import Adjudication
from tut.examples import EXAMPLE_STUDY
from tut.project import find_project
from tut.report import build_report
from tut.report.document import SECTIONS, build_document
from tut.report.document.model import Group, Section, Table
from tut.report.html import render_document_html
from tut.report.html.render import environment
from tut.report.inputs import load_report_input
from tut.report.markdown import render_document_markdown
from tut.report.word import render_document_docx

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def inputs():
    return load_report_input(EXAMPLE_STUDY, project=find_project(REPO), bootstrap=0)


@pytest.fixture(scope="module")
def document(inputs):
    return build_document(build_report(inputs), "es")


def _walk(blocks):
    for b in blocks:
        yield b
        if isinstance(b, Section | Group):
            yield from _walk(b.blocks)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _model_headings(doc) -> list[tuple[int, str]]:
    return [(b.level, b.title) for b in _walk(doc.sections) if isinstance(b, Section)]


def _model_tables(doc) -> list[list[list[str]]]:
    out = []
    for b in _walk(doc.sections):
        if isinstance(b, Table):
            rows = [[c.text for c in b.columns]] if b.columns else []
            rows += [[c.text for c in r.cells] for r in b.rows]
            out.append(_trim(rows))
    return out


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Cells compared without white space; trailing empty cells (a group row's padding)
    dropped."""
    out = []
    for row in rows:
        cells = [_squash(c) for c in row]
        while cells and not cells[-1]:
            cells.pop()
        out.append(cells)
    return out


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.tables: list[list[list[str]]] = []
        self._heading = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "h4"):
            self._heading = int(tag[1])
            self.headings.append((self._heading, ""))
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3", "h4"):
            self._heading = 0
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._heading:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)
        if self._cell is not None:
            self._cell.append(data)


def _md_unescape(text: str) -> str:
    text = text.replace("<br>", "").replace("**", "").replace("`", "")
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def _md_tables(md: str) -> list[list[list[str]]]:
    tables, current = [], None
    for line in md.splitlines():
        if line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            if re.fullmatch(r"\|(---\|)+", line):
                continue
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            current.append([_md_unescape(c.strip()) for c in cells])
        else:
            current = None
    # a table of names and values has an empty heading row (Markdown needs one)
    return [_trim(t[1:] if not any(t[0]) else t) for t in tables]


def _md_headings(md: str) -> list[tuple[int, str]]:
    md = re.sub(r"^(~{3,}).*?^\1$", "", md, flags=re.M | re.S)
    return [
        (len(m.group(1)), _md_unescape(m.group(2)))
        for m in re.finditer(r"^(#{2,6}) (.+)$", md, re.M)
    ]


def _docx_tables(doc) -> list[list[list[str]]]:
    out = []
    for table in doc.tables:
        rows = []
        for row in table.rows:
            seen, cells = set(), []
            for c in row.cells:  # a merged (group) cell is listed once per column it spans
                if id(c._tc) not in seen:
                    seen.add(id(c._tc))
                    cells.append(c.text)
            rows.append(cells)
        out.append(_trim(rows))
    return out


def test_one_document_gives_the_same_headings_and_cells_in_html_markdown_and_word(document):
    headings = _model_headings(document)
    tables = _model_tables(document)
    assert [s.id for s in document.sections] == list(SECTIONS)
    assert len(tables) > 10 and any(len(t) > 5 for t in tables)

    page = _Html()
    page.feed(render_document_html(document))
    assert page.headings == headings
    assert [_trim(t) for t in page.tables] == tables

    md = render_document_markdown(document)
    assert _md_headings(md) == headings
    assert _md_tables(md) == tables

    word = read_docx(io.BytesIO(render_document_docx(document, charts=False)))
    shown = [
        (int(p.style.name.split()[1]) + 1, p.text)
        for p in word.paragraphs
        if p.style.name.startswith("Heading ")
    ]
    assert shown == [(min(level, 5), text) for level, text in headings]
    assert _docx_tables(word) == tables
    # column headings repeat on each page a long table runs onto
    headed = [t for t in word.tables if t.rows[0]._tr.xpath("./w:trPr/w:tblHeader")]
    assert len(headed) == sum(
        1 for b in _walk(document.sections) if isinstance(b, Table) and b.columns
    )


def test_every_chart_is_a_figure_with_its_data_and_text(document):
    figures = [b for b in _walk(document.sections) if type(b).__name__ == "Figure"]
    assert figures, "the readings chart (no microdata here, so no estimates chart)"
    for f in figures:
        assert f.title and f.alt and f.chart
    md = render_document_markdown(document)
    assert all(f"*{f.title}:*" in md for f in figures)  # Markdown shows the chart in words
    word = read_docx(io.BytesIO(render_document_docx(document)))
    described = [s._inline.docPr.get("descr") for s in word.inline_shapes]
    assert described == [f.alt for f in figures]


HOSTILE = "<script>alert(1)</script> {{ 7*7 }} {% if 1 %}x{% endif %} & <b>"


def test_templates_escape_every_text_and_run_none_of_it(inputs):
    """Autoescape is on: markup and template syntax in an answer, a coder's name or a
    wording come out as inert text."""
    env = environment()
    assert env.autoescape is True
    target = next(s for s in inputs.segments if s.probe_id == "meaning")
    segments = tuple(
        replace(s, answer=HOSTILE) if s.id == target.id else s for s in inputs.segments
    )
    adjudications = dict(inputs.adjudications)
    adjudications[target.id] = Adjudication(target.id, ("other-interpretation",), "dora", "x")
    variants = dict(inputs.variants)
    vid = next(iter(variants))
    variants[vid] = replace(variants[vid], wording=HOSTILE)
    report = build_report(
        replace(inputs, segments=segments, adjudications=adjudications, variants=variants)
    )
    doc = build_document(report, "en")
    # the model holds the text as written, not pre-escaped
    texts = [r.text for b in _walk(doc.sections) if hasattr(b, "runs") for r in b.runs]
    assert HOSTILE in texts
    page = render_document_html(doc)
    assert "<script>" not in page and "<b>" not in page and ">49<" not in page
    assert "49 " not in page.replace("&lt;", "")
    escaped = (
        "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% if 1 %}x{% endif %} &amp; &lt;b&gt;"
    )
    assert page.count(escaped) >= 2  # the wording and the quoted answer
    md = render_document_markdown(doc)
    prose = re.sub(r"`[^`]*`", "", md)  # a code span shows its content literally
    assert "<script>" not in prose and "\\{\\{ 7\\*7 \\}\\}" in prose


def test_templates_and_style_ship_inside_the_package():
    files = resources.files("tut.report") / "templates"
    names = {p.name for p in files.iterdir()}
    assert {"report.html.j2", "blocks.html.j2", "report.css"} <= names


def test_wheel_carries_the_templates_and_renders_from_them(tmp_path):
    """Installed from a wheel, away from the checkout, the report still renders."""
    pytest.importorskip("hatchling")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("tut-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("report.html.j2", "blocks.html.j2", "report.css"):
        assert f"tut/report/templates/{name}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import tut.report.html.render as r, sys; "
        "print(r.environment().loader.get_source(r.environment(), 'report.html.j2')[1])"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert out.startswith(str(site)), out


def test_demo_spec_names_no_machine_path(run_cli, tmp_path):
    """The spec's comment is copied into the report's provenance: no path of this machine."""
    data = tmp_path / "somewhere" / "data"
    assert run_cli("demo-data", "--out", str(data), "--n", "500").code == 0
    spec = (data / "spec.yaml").read_text(encoding="utf-8")
    assert str(tmp_path) not in spec and "tut compare spec.yaml" in spec
    out = tmp_path / "out"
    result = run_cli(
        "report", str(EXAMPLE_STUDY), "--data", str(data / "spec.yaml"), "--out", str(out),
        "--bootstrap", "0",
    )  # fmt: skip
    assert result.code == 0, result.err
    prov = json.loads((out / "report.json").read_text(encoding="utf-8"))["provenance"]
    assert "care_min" in prov["spec_text"] and str(tmp_path) not in prov["spec_text"]
    # the data set is named as provenance names it, relative to the project
    md = (out / "report.md").read_text(encoding="utf-8")
    (line,) = [x for x in md.splitlines() if x.startswith("| demo | `")]
    (data_file,) = [f["path"] for f in prov["files"] if f["role"] == "microdata"]
    assert not Path(data_file).is_absolute() and f"| demo | `{data_file}` |" in line
    # report.json names the data file the same way (the command as typed is kept as typed)
    (dataset,) = json.loads((out / "report.json").read_text("utf-8"))["comparison"]["datasets"]
    assert dataset["file"] == data_file


def test_spanish_datasets_table_words_the_design_in_spanish(run_cli, tmp_path):
    data = tmp_path / "data"
    assert run_cli("demo-data", "--out", str(data), "--n", "500").code == 0
    out = tmp_path / "out"
    result = run_cli(
        "report", str(EXAMPLE_STUDY), "--data", str(data / "spec.yaml"), "--out", str(out),
        "--bootstrap", "0", "--lang", "es",
    )  # fmt: skip
    assert result.code == 0, result.err
    md = (out / "report.md").read_text(encoding="utf-8")
    (line,) = [x for x in md.splitlines() if x.startswith("| demo | `")]
    assert "replicate weights" not in line and "pesos replicados" in line, line


def test_verdict_cells_carry_their_verdict(inputs):
    report = build_report(inputs)
    page = render_document_html(build_document(report, "en"))
    for row in (report.agreement.overall, *report.agreement.by_code):
        tr = re.search(
            rf'<tr[^>]*data-scope="{row.scope}" data-key="{re.escape(row.key)}">(.*?)</tr>', page
        )
        assert tr, (row.scope, row.key)
        assert f'<td class="verdict" data-verdict="{row.verdict}">' in tr.group(1)
        flagged = 'class="num flag"' in tr.group(1)
        assert flagged == (not row.reliable_enough)


def test_coder_and_data_file_text_is_escaped_in_every_format(inputs, tmp_path, run_cli):
    """Coder names, the comparison's title, data set names and designs and outcome labels
    come from files: shown as text in the HTML, Markdown and Word."""
    data = tmp_path / "data"
    assert run_cli("demo-data", "--out", str(data), "--n", "500").code == 0
    with_data = load_report_input(
        EXAMPLE_STUDY, project=find_project(REPO), spec_path=data / "spec.yaml", bootstrap=0
    )
    res = with_data.comparison
    res = replace(
        res,
        title=HOSTILE,
        datasets=tuple(replace(d, name=HOSTILE, design=HOSTILE) for d in res.datasets),
    )
    codings = {("ana" + HOSTILE if k == "ana" else k): v for k, v in with_data.codings.items()}
    labels = {k: HOSTILE for k in with_data.outcome_labels}
    report = build_report(
        replace(with_data, comparison=res, codings=codings, outcome_labels=labels)
    )
    doc = build_document(report, "en")
    page = render_document_html(doc)
    parser = _Html()
    parser.feed(page)
    assert "<script>" not in page and "<b>" not in page
    escaped = (
        "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% if 1 %}x{% endif %} &amp; &lt;b&gt;"
    )
    assert page.count(escaped) >= 5  # title, data set, design, outcome label, coder
    prose = re.sub(r"`[^`]*`", "", render_document_markdown(doc))
    assert "<script>" not in prose and "<b>" not in prose
    assert prose.count("&lt;script&gt;") >= 5
    word = read_docx(io.BytesIO(render_document_docx(doc, charts=False)))
    shown = [p.text for p in word.paragraphs] + [
        c.text for t in word.tables for row in t.rows for c in row.cells
    ]
    assert sum(HOSTILE in x for x in shown) >= 5  # exactly as written, as text


def test_quotes_say_which_language_they_are_in(inputs):
    """A respondent's answer is in the language of the wording they heard: marked so a
    reader (or a screen reader) knows, whatever language the report is in."""
    report = build_report(inputs)
    languages = {w.id: w.language for w in report.wordings}
    page = render_document_html(build_document(report, "es"))
    quoted = re.findall(r'<li data-segment="([^"]+)" lang="([^"]+)">', page)
    segments = {s.id: s.variant_id for s in inputs.segments}
    assert len(quoted) == sum(len(c.quotes) for v in report.coding for c in v.codes)
    assert all(language == languages[segments[sid]] for sid, language in quoted)
