"""The Spanish report speaks Spanish where it used to fall back to English: the coding-frame
appendix prints Spanish definitions and wording-check flags keep their numbers and words."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from tut.examples import EXAMPLE_STUDY
from tut.project import find_project
from tut.report import build_report, render_html, render_markdown
from tut.report.inputs import load_report_input

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def inputs():
    return load_report_input(EXAMPLE_STUDY, project=find_project(REPO), bootstrap=20, seed=3)


@pytest.fixture(scope="module")
def report(inputs):
    return build_report(inputs)


def _flat(text: str) -> str:
    return " ".join(html.unescape(text).split())


def test_spanish_appendix_prints_spanish_definitions(inputs, report):
    on_call = inputs.frame.code("on-call")
    md_es, html_es = _flat(render_markdown(report, "es")), _flat(render_html(report, "es"))
    assert _flat(on_call.definition_es)[:80] in md_es
    assert _flat(on_call.definition_es)[:80] in html_es
    assert _flat(on_call.definition)[:80] not in md_es
    assert _flat(on_call.definition)[:80] in _flat(render_markdown(report, "en"))


def test_spanish_report_keeps_the_numbers_of_wording_flags(report):
    long = next(f for w in report.wordings for f in w.flags if f.check == "long-sentence")
    words, limit = long.params["words"], long.params["limit"]
    md_es, html_es = _flat(render_markdown(report, "es")), _flat(render_html(report, "es"))
    assert f"oración de {words} palabras (más de {limit})" in md_es
    assert f"oración de {words} palabras (más de {limit})" in html_es
    assert f"sentence of {words} words" in _flat(render_markdown(report, "en"))
    term = next(f for w in report.wordings for f in w.flags if f.key == "undefined-term")
    assert f"el término clave «{term.params['term']}» no está definido" in md_es
