"""The wording registry: shipped wordings, schema validation, every problem located."""

from __future__ import annotations

from pathlib import Path

import pytest

from tut.errors import TutError
from tut.instruments.model import Variant
from tut.instruments.registry import (
    check_documents,
    check_files,
    load_variants,
    registry_for,
    variants_from_documents,
)
from tut.project import find_project, init_project, shipped_dir
from tut.yamlio import parse_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "instruments"
SHIPPED = shipped_dir("instruments")

IDS_AGREED = {
    "atus-incare-en", "atus-tucc5-label-en", "atus-incare-es", "enut-elder-pendiente-es",
    "enut-child-pendiente-es", "enut-cp-label-es", "abs-diary-secondary-en",
    "cand-responsible-en", "cand-responsible-es", "cand-available-en", "cand-available-es",
}


def line_of(path: Path, marker: str) -> int:
    """1-based line of the only line of ``path`` containing ``marker``."""
    hits = [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if marker in line]
    assert len(hits) == 1, (marker, hits)
    return hits[0]


@pytest.fixture(scope="module")
def shipped():
    return load_variants([SHIPPED])


# --- the shipped registry ------------------------------------------------------------------


def test_shipped_registry_has_the_agreed_variants_in_both_languages(shipped):
    assert IDS_AGREED <= set(shipped.variants)
    assert len(shipped) >= 8
    languages = {v.base_language for v in shipped}
    assert {"en", "es"} <= languages
    assert len(shipped.select(language="es")) >= 4
    assert len(shipped.select(language="en")) >= 4


def test_labels_and_paraphrases_are_never_presented_as_read_out_text(shipped):
    expected = {
        "atus-incare-en": "paraphrase",
        "atus-incare-es": "paraphrase",
        "atus-tucc5-label-en": "variable-label",
        "enut-cp-label-es": "variable-label",
        "enut-elder-pendiente-es": "secondary-source",
        "enut-child-pendiente-es": "paraphrase",
        "abs-diary-secondary-en": "verbatim",
    }
    for vid, status in expected.items():
        variant = shipped.get(vid)
        assert variant.text_status == status, vid
        assert not variant.is_read_out_text or status == "verbatim"
    assert "not the read-out text" in shipped.get("atus-tucc5-label-en").text_status_note


def test_candidates_are_new_text_with_their_translations(shipped):
    for vid in ("cand-responsible-en", "cand-responsible-es", "cand-available-en",
                "cand-available-es"):
        variant = shipped.get(vid)
        assert (variant.status, variant.text_status) == ("candidate", "candidate")
    assert shipped.get("cand-responsible-es").translation_of == "cand-responsible-en"
    assert shipped.get("cand-available-es").translation_of == "cand-available-en"
    assert [v.id for v in shipped.translations_of("atus-incare-en")] == ["atus-incare-es"]
    assert "a cargo de" in shipped.get("cand-responsible-es").wording


def test_every_shipped_wording_cites_its_source(shipped):
    for variant in shipped:
        assert variant.source.survey, variant.id
        if variant.text_status != "candidate":
            assert variant.source.citation.startswith("http"), variant.id
    for path in SHIPPED.glob("*.yaml"):
        head = path.read_text("utf-8").split("\n\n")[0]
        assert "text_status" in head and "http" in head, f"{path.name} lacks its header comment"


def test_microdata_links_for_estimates(shipped):
    tucc5 = shipped.get("atus-tucc5-label-en").microdata[0]
    assert tucc5.variables == ("TUCC5",)
    assert tucc5.missing_codes == (-1, -2, -3)
    assert tucc5.value_labels["97"] == "No additional activities involved childcare"

    atus = shipped.get("atus-incare-en")
    assert {"TRTCC"} <= {v for link in atus.microdata for v in link.variables}
    (enut,) = shipped.get("enut-cp-label-es").microdata
    assert enut.variables == ("CUID_INT_0A5_CON_CP",) and enut.unit == "hours-per-week"

    ballots = {}
    for vid in ("atus-incare-en", "cand-responsible-en"):
        (link,) = [m for m in shipped.get(vid).microdata if m.dataset == "demo-split-ballot"]
        assert link.variables == ("care_min",) and link.ballot_variable == "ballot"
        ballots[vid] = link.ballot_code
    assert ballots == {"atus-incare-en": 1, "cand-responsible-en": 2}


def test_a_variant_inherits_the_family_concept_unless_it_has_its_own(shipped):
    family = shipped.families["atus-in-your-care"]
    assert shipped.get("atus-incare-en").concept == family.concept
    assert "older adult" in shipped.get("enut-elder-pendiente-es").concept
    assert family.sources and family.source_file.endswith("atus.yaml")


def test_unknown_id_suggests_close_ones_and_the_list_command(shipped):
    with pytest.raises(TutError) as exc:
        shipped.get("atus-incare")
    message = str(exc.value)
    assert "atus-incare-en" in message and "tut instruments list" in message


def test_variant_to_dict_is_plain_json_data(shipped):
    import json

    data = shipped.get("atus-incare-en").to_dict()
    assert json.loads(json.dumps(data))["text_status_note"] == "paraphrase — not the read-out text"
    assert data["is_read_out_text"] is False


def test_schema_is_draft_2020_12_and_closed_against_typos():
    from jsonschema import Draft202012Validator

    from tut.yamlio import load_schema

    schema = load_schema("instrument")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    records = [schema, *schema["$defs"].values()]
    objects = [s for s in records if s.get("type") == "object" and "properties" in s]
    assert len(objects) >= 5
    assert all(s["additionalProperties"] is False for s in objects)


# --- bad files: every problem, with pointer and line ---------------------------------------


def test_bad_schema_file_reports_every_error_with_pointer_and_line():
    path = FIXTURES / "bad_schema.yaml"
    _registry, problems = check_files([path])
    places = {p.place for p in problems}
    expected = {
        ("/family", "Bad_Family"),
        ("/sources/0/citation", "www.example.org"),
        ("/variants/1/language", "english"),
        ("/variants/1/wordnig", "wordnig:"),
        ("/variants/1/text_status", "text_status: label"),
        ("/variants/1/microdata/0/missing_codes", 'missing_codes: "-1"'),
        ("/variants/1/microdata/0/units", "units: code"),
        ("/variants/2/id", "Upper_Case_Id"),
        ("/variants/2/response_format", "hours-a-day"),
        ("/variants/2/version", "version: one"),
    }
    for pointer, marker in expected:
        assert f"line {line_of(path, marker)} ({pointer})" in places, (pointer, places)
    assert "line 1 (/)" in places  # missing title
    assert any("'wording' is a required property" in p.what for p in problems)
    assert len(problems) == len(expected) + 2
    typo = next(p for p in problems if p.place.endswith("(/variants/1/wordnig)"))
    assert typo.what == "unknown key 'wordnig'" and "wording" in typo.fix
    assert all(p.file == str(path) for p in problems)


def test_rules_across_fields_and_variants_are_reported_together():
    path = FIXTURES / "bad_links.yaml"
    _registry, problems = check_files([SHIPPED, path])
    by_place = {p.place: p for p in problems}
    unknown = by_place[f"line {line_of(path, 'atus-incare-eng')} (/variants/0/translation_of)"]
    assert "atus-incare-en" in unknown.what  # did you mean
    same = by_place[f"line {line_of(path, 'BAD same language')} (/variants/1/translation_of)"]
    assert "same language" in same.what
    assert f"line {line_of(path, 'BAD candidate text')} (/variants/2/status)" in by_place
    assert f"line {line_of(path, 'BAD no entry for version 2')} (/variants/2/changelog)" in by_place
    dup = by_place[f"line {line_of(path, 'BAD duplicate in the same file')} (/variants/3/id)"]
    first_definition = path.read_text("utf-8").splitlines().index("  - id: link-unknown") + 1
    assert dup.what.endswith(f"already defined at {path}:line {first_definition}")
    assert len(problems) == 5


def test_duplicate_ids_across_files_name_both_files_and_lines():
    first, second = FIXTURES / "dup_first.yaml", FIXTURES / "dup_second.yaml"
    with pytest.raises(TutError) as exc:
        load_variants([SHIPPED, first, second])
    problems = exc.value.problems
    assert len(problems) == 2
    shared = next(p for p in problems if "'shared-id'" in p.what)
    assert shared.file == str(second)
    assert shared.place == "line 16 (/variants/1/id)"
    assert f"{first}:line 7" in shared.what
    shipped_dup = next(p for p in problems if "'atus-incare-en'" in p.what)
    assert "atus.yaml:line" in shipped_dup.what


def test_yaml_syntax_error_is_located_and_other_files_still_checked():
    broken, bad = FIXTURES / "bad_syntax.yaml", FIXTURES / "bad_schema.yaml"
    _registry, problems = check_files([broken, bad])
    syntax = [p for p in problems if p.file == str(broken)]
    assert len(syntax) == 1
    assert "YAML syntax error" in syntax[0].what
    assert syntax[0].place.startswith("line ")
    assert int(syntax[0].place.split()[1]) >= line_of(broken, "unclosed quote")
    assert any(p.file == str(bad) for p in problems)


def test_empty_file_is_one_clear_problem():
    _registry, problems = check_files([FIXTURES / "bad_empty.yaml"])
    assert [p.what for p in problems] == ["the file is empty"]


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    _registry, problems = check_files([tmp_path / "nope.yaml"])
    assert problems[0].what == "file not found"


def test_valid_variants_of_a_bad_file_still_parse():
    registry, problems = check_files([FIXTURES / "bad_schema.yaml"])
    assert problems
    assert list(registry.variants) == ["fine-variant"]


# --- pure core: documents in, registry out --------------------------------------------------


FAMILY = """\
family: test-family
title: Test
concept: Supervisory care of children under 13.
sources: [{survey: Test}]
variants:
  - id: one-en
    language: en
    wording: "  Yesterday, was a child in your care?  "
    text_status: verbatim
    response_format: yes-no
    target_population: Everyone.
    source: {survey: Test, year: 2020}
    status: in-use
    version: 2
    changelog:
      - {version: 1, date: 2020-01-01, change: First.}
      - {version: 2, date: 2021-01-01, change: Second.}
  - id: one-es
    language: es-MX
    translation_of: one-en
    wording: Ayer, ¿estuvo algún niño a su cuidado?
    text_status: candidate
    response_format: yes-no
    target_population: Todos.
    source: {survey: Test}
    status: candidate
    version: "1.0"
"""


def test_core_builds_typed_variants_from_parsed_documents():
    registry = variants_from_documents([parse_yaml(FAMILY, "mem.yaml")])
    one = registry.get("one-en")
    assert isinstance(one, Variant)
    assert one.wording == "Yesterday, was a child in your care?"
    assert one.version == "2" and one.source.year == "2020"
    assert [c.date for c in one.changelog] == ["2020-01-01", "2021-01-01"]
    assert one.concept == "Supervisory care of children under 13."
    assert one.reference_period == ""
    es = registry.get("one-es")
    assert es.base_language == "es" and es.translation_of == "one-en" and es.version == "1.0"
    assert registry.select(language="es") == [es]
    assert registry.select(family="test-family") == [one, es]


def test_core_returns_problems_instead_of_raising():
    text = FAMILY.replace("text_status: verbatim", "text_status: spoken")
    registry, problems = check_documents([parse_yaml(text, "mem.yaml")])
    line = text.splitlines().index("    text_status: spoken") + 1
    assert len(problems) == 1 and problems[0].place == f"line {line} (/variants/0/text_status)"
    assert "one-en" not in registry and "one-es" in registry


def test_same_family_in_two_files_is_an_error():
    docs = [parse_yaml(FAMILY, "a.yaml"),
            parse_yaml(FAMILY.replace("one-en", "two-en").replace("one-es", "two-es"), "b.yaml")]
    _registry, problems = check_documents(docs)
    assert [(p.file, p.place) for p in problems] == [("b.yaml", "line 1 (/family)")]
    assert "a.yaml:line 1" in problems[0].what


# --- projects: the user's own files next to the shipped ones --------------------------------


def test_project_registry_adds_the_users_files(tmp_path):
    project = init_project(tmp_path / "study")
    (project.instruments_dir / "mine.yaml").write_text(
        (FIXTURES / "good_family.yaml").read_text("utf-8"), encoding="utf-8"
    )
    registry = registry_for(project)
    assert "office-responsible-es" in registry and "atus-incare-en" in registry
    mine = registry.get("office-responsible-es")
    assert mine.translation_of == "cand-responsible-en"
    assert mine.source_file.endswith("mine.yaml")


def test_a_broken_user_file_stops_the_registry_with_every_problem(tmp_path):
    project = init_project(tmp_path / "study")
    bad = (FIXTURES / "bad_schema.yaml").read_text("utf-8")
    (project.instruments_dir / "bad.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(TutError) as exc:
        registry_for(find_project(project.root))
    assert len(exc.value.problems) == 12


# --- any malformed family file gives problems, never a crash ---------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from mangling import mangled  # noqa: E402

from tut.yamlio import load_yaml, yaml_files  # noqa: E402

SHIPPED_DOCS = tuple(load_yaml(path) for path in yaml_files([SHIPPED]))
KEYS = ["id", "language", "translation_of", "version", "changelog", "x"]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mangled_family_files_give_located_problems_and_never_crash(data):
    docs = mangled(data, SHIPPED_DOCS, KEYS)
    registry, problems = check_documents(docs)
    assert all(p.file.startswith("mangled-") and p.place.startswith("line ") for p in problems)
    assert problems or len(registry) == sum(len(d.data["variants"]) for d in SHIPPED_DOCS)
