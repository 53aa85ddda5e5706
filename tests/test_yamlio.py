"""Schema problems are located and say how to fix them, whatever the schema."""

from __future__ import annotations

import pytest

from tut.errors import TutError
from tut.yamlio import parse_yaml, schema_problems

SPEC_HEAD = "title: t\nlevel: {level}\ndatasets: []\noutcomes: []\n"


def test_a_bound_violation_says_the_bound():
    doc = parse_yaml(SPEC_HEAD.format(level=1.5), "spec.yaml")
    (problem,) = [p for p in schema_problems(doc, "compare-spec") if "/level" in p.place]
    assert problem.place == "line 2 (/level)"
    assert problem.fix == "give a number below 1"


def test_an_unknown_key_is_placed_on_its_own_line_with_a_suggestion():
    doc = parse_yaml(SPEC_HEAD.format(level=0.95) + "domians: [sex]\n", "spec.yaml")
    problems = [p for p in schema_problems(doc, "compare-spec") if "domians" in p.what]
    assert [(p.place, p.what, p.fix) for p in problems] == [
        ("line 5 (/domians)", "unknown key 'domians'", "did you mean 'domains'?")
    ]


def test_an_unclosed_quote_is_reported_where_it_opens():
    with pytest.raises(TutError) as exc:
        parse_yaml('a: 1\nb: "unclosed\nc: 3\nd: 4\n', "x.yaml")
    (problem,) = exc.value.problems
    assert problem.place == "line 2"
    assert "parser stopped at line 5" in problem.what


def test_yaml_dates_become_iso_text():
    doc = parse_yaml("when: 2026-11-20\n")
    assert doc.data == {"when": "2026-11-20"}


PROTOCOL = """id: p
title: t
version: "1"
variants: [atus-incare-en]
probes:
  - id: sleep
    kind: judgement
    mode: scripted
    text: If the child was asleep, would you count it?
    translations: {{es: {es}}}
frames: []
"""


def test_a_comma_in_unquoted_flow_text_is_explained_once():
    doc = parse_yaml(PROTOCOL.format(es="Si dormía mientras cocinaba, ¿contaría ese tiempo?"))
    problems = [p for p in schema_problems(doc, "protocol") if "translations" in p.place]
    assert [(p.place, p.what) for p in problems] == [
        ("line 10 (/probes/0/translations)",
         "text cut at a comma: '¿contaría ese tiempo?' became a key of its own"),
    ]
    assert "quotes" in problems[0].fix


def test_a_quoted_text_with_a_comma_is_valid():
    doc = parse_yaml(PROTOCOL.format(es='"Si dormía mientras cocinaba, ¿contaría ese tiempo?"'))
    assert [p for p in schema_problems(doc, "protocol") if "translations" in p.place] == []


def test_a_bad_language_key_with_a_value_is_not_called_a_cut_text():
    doc = parse_yaml(PROTOCOL.format(es="Si dormía").replace("{es:", "{spa nish:"))
    problems = [p for p in schema_problems(doc, "protocol") if "translations" in p.place]
    assert [p.what for p in problems] == ["'spa nish' is not valid here"]
