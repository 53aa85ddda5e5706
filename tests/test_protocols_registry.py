"""The protocol registry: the shipped protocol, the model accessors, and user protocols."""

from __future__ import annotations

from pathlib import Path

import pytest

from tut.errors import TutError
from tut.project import init_project, shipped_dir
from tut.protocols.registry import (
    RESERVED_HOTKEYS,
    build_registry,
    load_protocols,
    protocols_for,
)
from tut.yamlio import parse_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "protocols"
SHIPPED_ID = "supervisory-care-wording-test"


@pytest.fixture(scope="module")
def shipped():
    return load_protocols([shipped_dir("protocols")]).get(SHIPPED_ID)


def test_shipped_protocol_tests_the_agreed_variants_with_the_agreed_probes(shipped):
    assert set(shipped.variants) == {
        "atus-incare-en", "cand-responsible-en", "enut-child-pendiente-es", "cand-responsible-es",
    }
    probes = {p.id: p for p in shipped.probes}
    for probe_id in ("meaning", "paraphrase", "sleeping-child", "other-adult", "recall",
                     "response-mapping"):
        assert probe_id in probes
    assert probes["meaning"].kind == "comprehension"
    assert probes["sleeping-child"].kind == "judgement"
    assert probes["other-adult"].kind == "judgement"
    assert probes["recall"].kind == "recall"
    assert {p.mode for p in shipped.probes} == {"scripted", "spontaneous"}
    assert all("es" in p.translations or p.language == "es" for p in shipped.probes)


def test_shipped_protocol_has_both_frames_with_the_agreed_codes(shipped):
    interpretation = shipped.frame("supervisory-care-interpretation")
    assert interpretation.mode == "multiple"
    assert {
        "presence-only", "responsibility", "on-call", "active-care", "counts-sleeping",
        "excludes-sleeping", "excludes-other-adult", "includes-other-adult",
        "location-other-room", "confusion", "no-interpretation",
    } <= interpretation.code_ids

    process = shipped.frame("response-process")
    assert process.mode == "multiple"
    assert [f.id for f in process.families][:4] == [
        "comprehension", "retrieval", "judgement", "response-mapping",
    ]
    assert {
        "comp-term-unclear", "comp-reference-period", "retr-recall-difficulty", "retr-estimation",
        "judg-double-counting", "judg-social-desirability", "resp-format-mismatch",
        "resp-heaping", "no-problem",
    } <= process.code_ids
    assert shipped.frame() is interpretation, "the first frame is the main one"


@pytest.mark.parametrize("frame_id", ["supervisory-care-interpretation", "response-process"])
def test_every_shipped_code_is_ready_for_coders(shipped, frame_id):
    frame = shipped.frame(frame_id)
    hotkeys = [c.hotkey for c in frame.codes]
    assert len(set(hotkeys)) == len(hotkeys) == len(frame.codes)
    assert not set(hotkeys) & RESERVED_HOTKEYS
    assert all(len(k) == 1 for k in hotkeys)
    for code in frame.codes:
        assert code.label_es and code.definition and code.include and code.exclude, code.id
        assert 1 <= len(code.examples) <= 3, code.id
        assert code.family, code.id


def test_shipped_protocol_cites_its_sources(shipped):
    cited = " ".join(shipped.references)
    for author in ("Willis", "Tourangeau", "Stewart", "IPUMS"):
        assert author in cited


def test_frame_accessors_walk_nested_families(shipped):
    frame = shipped.frame("supervisory-care-interpretation")
    boundary = frame.family("boundary-cases")
    assert boundary.codes == ()
    nested = {f.id for f in boundary.families}
    assert {"sleeping", "other-adult", "location"} <= nested
    depth_of = {fam.id: depth for depth, fam in frame.walk()}
    assert depth_of["boundary-cases"] == 0 and depth_of["sleeping"] == 1

    sleeping = frame.code("counts-sleeping")
    assert sleeping.family == "sleeping"
    assert sleeping in tuple(boundary.all_codes())
    assert frame.by_hotkey()[sleeping.hotkey] is sleeping
    assert [c.id for c in frame.codes][0] == "presence-only", "codes come in file order"
    with pytest.raises(KeyError):
        frame.code("no-such-code")


def test_probes_for_follows_the_variant_list_and_language(shipped):
    enut = [p.id for p in shipped.probes_for("enut-child-pendiente-es")]
    atus = [p.id for p in shipped.probes_for("atus-incare-en")]
    assert "week-total" in enut and "week-total" not in atus
    assert enut == list(shipped.probes_by_variant["enut-child-pendiente-es"])
    assert shipped.probes_for("some-unlisted-variant") == shipped.probes

    meaning = shipped.probe("meaning")
    assert meaning.text_in("es") == meaning.translations["es"]
    assert meaning.text_in("es-MX") == meaning.translations["es"]
    assert meaning.text_in("fr") == meaning.text


def test_unknown_protocol_is_a_user_error_pointing_to_list():
    registry = load_protocols([shipped_dir("protocols")])
    with pytest.raises(TutError) as err:
        registry.get("nope")
    problem = err.value.problems[0]
    assert "nope" in problem.what and SHIPPED_ID in problem.what
    assert problem.fix == "run 'tut protocols list'"
    with pytest.raises(TutError, match="no frame 'nope'"):
        registry.frame(SHIPPED_ID, "nope")


def test_user_protocol_borrows_a_shipped_frame():
    registry = load_protocols([shipped_dir("protocols"), FIXTURES / "user-availability-test.yaml"])
    user = registry.get("availability-wording-test")
    borrowed = user.frame("response-process")
    assert borrowed == registry.get(SHIPPED_ID).frame("response-process")
    assert borrowed.defined_in == SHIPPED_ID
    own = user.frame("availability")
    assert own.mode == "exclusive" and own.defined_in == "availability-wording-test"
    assert own.code("unclear-reading").family == "unclear"
    assert [p.id for p in user.probes_for("atus-incare-en")] == ["sleeping-child", "meaning"]
    assert {f.id for _p, f in registry.frames_named("response-process")} == {"response-process"}
    assert len(registry.frames_named("response-process")) == 2


def test_project_protocols_sit_alongside_the_shipped_ones(tmp_path):
    project = init_project(tmp_path / "proj")
    source = (FIXTURES / "user-availability-test.yaml").read_text(encoding="utf-8")
    (project.protocols_dir / "availability.yaml").write_text(source, encoding="utf-8")
    registry = protocols_for(project)
    assert {SHIPPED_ID, "availability-wording-test"} <= set(registry.protocols)


def test_project_copy_with_a_shipped_id_is_rejected(tmp_path):
    project = init_project(tmp_path / "proj")
    copy = project.protocols_dir / "mine.yaml"
    copy.write_text((FIXTURES / "duplicate-shipped-id.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    with pytest.raises(TutError) as err:
        protocols_for(project)
    [problem] = err.value.problems
    assert problem.file == str(copy), "the user's copy is flagged, not the shipped file"
    assert problem.place == "line 2 (/id)"
    assert "already used" in problem.what


MINIMAL = """\
id: tiny
title: Tiny
version: "1"
variants: [atus-incare-en, made-up-variant]
probes:
  - {id: meaning, kind: comprehension, text: What does it mean?}
frames:
  - id: f
    label: F
    mode: exclusive
    families:
      - id: all
        label: All
        codes:
          - {id: yes-code, label: Yes, definition: Said yes., hotkey: "1"}
"""


def test_tested_variants_are_checked_against_known_instruments():
    doc = parse_yaml(MINIMAL, "tiny.yaml")
    _registry, problems = build_registry([doc], known_variants={"atus-incare-en"})
    [problem] = problems
    assert problem.place == "line 4 (/variants/1)"
    assert "made-up-variant" in problem.what

    registry, problems = build_registry([doc], known_variants=None)
    assert problems == [] and registry.get("tiny").frame().code("yes-code").hotkey == "1"


def test_readme_example_protocol_is_valid():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Protocols (`protocols/*.yaml`)", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    shipped = [parse_yaml(p.read_text(encoding="utf-8"), p)
               for p in sorted(shipped_dir("protocols").glob("*.yaml"))]
    registry, problems = build_registry([*shipped, parse_yaml(example, "README.md")])
    assert problems == []
    example_protocol = registry.get("availability-wording-test")
    assert [f.id for f in example_protocol.frames] == ["availability", "response-process"]
