"""Coding frames in Spanish: every shipped code has a Spanish definition and rules, frames
without them fall back to English, and study copies of a frame keep (or lack) them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tut.coding.study import frame_from_json, frame_to_json
from tut.examples import EXAMPLE_STUDY
from tut.project import shipped_dir
from tut.protocols.registry import load_protocols

PROTOCOL = "supervisory-care-wording-test"

MINIMAL = """\
id: tiny
title: Tiny
version: "1.0"
variants: [atus-incare-en]
probes:
  - {id: meaning, kind: comprehension, text: What does it mean?}
frames:
  - id: f
    label: F
    mode: multiple
    families:
      - id: fam
        label: Fam
        description: What the family is for.
        codes:
          - id: plain
            label: Plain
            definition: English only.
            include: [English include]
            exclude: [English exclude]
          - id: partly
            label: Partly
            definition: English definition.
            definition_es: Definición en español.
            include: [English include]
            exclude: [English exclude]
"""


@pytest.fixture(scope="module")
def shipped():
    return load_protocols([shipped_dir("protocols")]).get(PROTOCOL)


def test_every_shipped_code_has_a_spanish_definition_and_rules(shipped):
    codes = [c for frame in shipped.frames for c in frame.codes]
    assert len(codes) == 35
    for code in codes:
        assert code.definition_es and code.definition_es != code.definition, code.id
        # A Spanish rule for every English one, so a coder reading Spanish misses none.
        assert len(code.include_es) == len(code.include), code.id
        assert len(code.exclude_es) == len(code.exclude), code.id
        assert code.definition_in("es-MX") == code.definition_es
        assert code.include_in("es") == code.include_es
        assert code.exclude_in("es") == code.exclude_es
        assert code.definition_in("en") == code.definition
    for frame in shipped.frames:
        assert frame.description_in("es") != frame.description
        for _depth, family in frame.walk():
            if family.description:
                assert family.description_es, family.id


def test_spanish_definitions_keep_the_domain_terms(shipped):
    frame = shipped.frame("supervisory-care-interpretation")
    assert "ATUS" in frame.code("on-call").definition_es
    assert "estar al pendiente" in frame.code("worry-mental-load").definition_es
    assert "cuidado pasivo" in frame.code("active-care").definition_es
    assert "a cargo" in frame.code("responsibility").definition_es


def test_a_frame_without_spanish_falls_back_to_english(tmp_path: Path):
    (tmp_path / "tiny.yaml").write_text(MINIMAL, encoding="utf-8")
    frame = load_protocols([tmp_path]).get("tiny").frame()
    plain, partly = frame.code("plain"), frame.code("partly")
    assert plain.definition_in("es") == "English only."
    assert plain.include_in("es") == ("English include",)
    assert partly.definition_in("es") == "Definición en español."
    assert partly.exclude_in("es") == ("English exclude",)  # no exclude_es: English
    assert frame.family("fam").description_in("es") == "What the family is for."


def _without_spanish(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _without_spanish(v) for k, v in d.items()
                if k not in {"definition_es", "include_es", "exclude_es", "description_es"}}
    if isinstance(d, list):
        return [_without_spanish(v) for v in d]
    return d


def test_the_study_copy_of_a_frame_round_trips_and_old_copies_still_load(shipped):
    frame = shipped.frame()
    assert frame_from_json(json.loads(json.dumps(frame_to_json(frame)))) == frame
    frozen = json.loads((EXAMPLE_STUDY / "frame.json").read_text(encoding="utf-8"))
    assert frame_from_json(frozen).code("on-call").definition_es  # the example was regenerated
    old = frame_from_json(_without_spanish(frozen))
    for code in old.codes:
        assert code.definition_es == "" and code.definition_in("es") == code.definition


def test_protocols_frame_prints_spanish_rules_with_lang_es(run_cli, shipped):
    code = shipped.frame("response-process").code("resp-heaping")
    result = run_cli("protocols", "frame", "response-process", "--lang", "es")
    assert result.code == 0, result.err
    assert "excluir: " + code.exclude_es[0][:40] in " ".join(result.out.split())
    english = run_cli("protocols", "show", PROTOCOL, "--frame", "response-process")
    assert "exclude: " + code.exclude[0][:40] in " ".join(english.out.split())
    assert code.exclude_es[0][:40] not in " ".join(english.out.split())
