"""Fuzzing every YAML a user gives tut (wordings, protocols, comparison specs, study notes, data
dictionaries): mutated real files and generated documents with anchors and aliases are read or
refused with a TutError, never another exception, each in well under the deadline."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from fuzz_support import (
    CLI_FUZZ,
    FUZZ,
    SLOW_CLI_FUZZ,
    assert_refused_cleanly,
    fingerprint,
    mutated,
)
from hypothesis import given
from hypothesis import strategies as st

from tut.compare.spec import load_spec
from tut.errors import TutError
from tut.examples import EXAMPLE_STUDY
from tut.instruments.registry import check_files
from tut.protocols.registry import load_protocols
from tut.report.inputs import read_notes
from tut.yamlio import load_validated, parse_yaml, schema_problems

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"

SPEC = b"""\
title: "'in your care' (A) vs 'responsible for' (B)"
level: 0.95
datasets:
  - name: demo
    file: demo.sav
    variant: {variable: ballot, map: {1: atus-incare-en, 2: cand-responsible-en}}
    weight: finalwt
    design: {strata: EST_DIS, psu: UPM_DIS, lonely_psu: adjust}
outcomes:
  - {name: care, variable: care_min, kind: mean, unit: minutes per day,
     convert: {to: hours per week, factor: 7/60, caveat: one day x 7}}
  - {name: care_any, variable: care_min, kind: proportion, condition: "> 0"}
domains: [sex, {variable: agegrp, name: age group, labels: {1: "15-24", 2: "25+"}}]
gap: {domain: sex, first: Female, second: Male}
missing: {care_min: [-1, -2, -3]}
compare: [[atus-incare-en, cand-responsible-en]]
"""
DICTIONARY = b"""\
file_label: ENUT extract
encoding: utf-8
delimiter: ","
null_values: ["NA"]
variables:
  sexo: {label: Sexo, value_labels: {1: Hombre, 2: Mujer}}
  cuidado_min: {label: Minutos, missing_values: [-1, -2], missing_ranges: [[900, HI]]}
  folio: {kind: string}
"""

INSTRUMENTS = [p.read_bytes() for p in sorted((REPO / "instruments").glob("*.yaml"))] + [
    (FIXTURES / "instruments" / "good_family.yaml").read_bytes()]
PROTOCOLS = [p.read_bytes() for p in sorted((REPO / "protocols").glob("*.yaml"))] + [
    (FIXTURES / "protocols" / "user-availability-test.yaml").read_bytes()]
METHODS = [(EXAMPLE_STUDY / "methods.yaml").read_bytes()]
SCHEMAS = ("instrument", "protocol", "compare-spec", "data_dictionary")


def refused_or_read(call) -> None:
    """The core reader either gives its result or raises TutError: anything else fails."""
    try:
        call()
    except TutError:
        pass


def written(data: bytes, name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="tut-fuzz-"))
    path = folder / name
    path.write_bytes(data)
    return path


@FUZZ
@given(mutated(INSTRUMENTS))
def test_wording_files(data):
    path = written(data, "family.yaml")
    refused_or_read(lambda: check_files([path]))
    shutil.rmtree(path.parent)


@FUZZ
@given(mutated(PROTOCOLS))
def test_protocol_files(data):
    path = written(data, "protocol.yaml")
    refused_or_read(lambda: load_protocols([path]))
    shutil.rmtree(path.parent)


@FUZZ
@given(mutated([SPEC]))
def test_comparison_specs(data):
    path = written(data, "spec.yaml")
    refused_or_read(lambda: load_spec(path))
    shutil.rmtree(path.parent)


@FUZZ
@given(mutated(METHODS))
def test_study_notes(data):
    path = written(data, "methods.yaml")
    refused_or_read(lambda: read_notes(path.parent))
    shutil.rmtree(path.parent)


@FUZZ
@given(mutated([DICTIONARY]))
def test_data_dictionaries(data):
    path = written(data, "d.dictionary.yaml")
    refused_or_read(lambda: load_validated(path, "data_dictionary"))
    shutil.rmtree(path.parent)


# --- generated documents: nesting, anchors and aliases anywhere ------------------------------

SCALARS = st.one_of(
    st.sampled_from(["x", "'q'", '"d"', "1", "-2.5", ".nan", ".inf", "1e999", "~", "true",
                     "2026-11-20", "2026-02-30", "!!binary aGk=", "!!str 1", "!t x", "9" * 5000,
                     "|\n  text", "*a", "*b", "*z", "'\x00'", "é"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=8).map(repr),
)


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """A flow-style YAML value; collections may carry an anchor, scalars may be aliases."""
    if depth > 6 or draw(st.integers(0, 3)) == 0:
        return draw(SCALARS)
    anchor = draw(st.sampled_from(["", "", "&a ", "&b "]))
    items = draw(st.lists(documents(depth + 1), max_size=5))  # type: ignore[call-arg]
    if draw(st.booleans()):
        return f"{anchor}[{', '.join(items)}]"
    keys = draw(st.lists(st.sampled_from(["id", "family", "variants", "frames", "<<", "k", "?"]),
                         min_size=len(items), max_size=len(items)))
    return anchor + "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items, strict=True)) + "}"


@FUZZ
@given(documents(), st.sampled_from(SCHEMAS))
def test_generated_documents_against_every_schema(text, schema):
    def read() -> None:
        doc = parse_yaml(text, "gen.yaml")
        schema_problems(doc, schema)

    refused_or_read(read)


# --- through the commands: exit 0, or error lines and exit 2 ---------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from tut.cli import main

    root = tmp_path_factory.mktemp("fuzz") / "proj"
    assert main(["init", str(root)]) == 0
    return root


@CLI_FUZZ
@given(data=mutated(INSTRUMENTS + PROTOCOLS), group=st.sampled_from(["instruments", "protocols"]))
def test_validate_commands(run_cli, project, data, group):
    path = written(data, "user.yaml")
    result = run_cli("--project", str(project), group, "validate", str(path))
    assert_refused_cleanly(result.code, result.err)
    shutil.rmtree(path.parent)


@CLI_FUZZ
@given(data=mutated(INSTRUMENTS))
def test_a_bad_wording_file_in_the_project_folder(run_cli, project, data):
    user = project / "instruments" / "user.yaml"
    user.write_bytes(data)
    try:
        for args in (["instruments", "list"], ["protocols", "list"]):
            result = run_cli("--project", str(project), *args)
            assert_refused_cleanly(result.code, result.err)
    finally:
        user.unlink()


@SLOW_CLI_FUZZ
@given(data=mutated(METHODS))
def test_report_with_mutated_study_notes_keeps_the_study(run_cli, tmp_path_factory, data):
    study = tmp_path_factory.mktemp("study") / "study"
    shutil.copytree(EXAMPLE_STUDY, study)
    (study / "methods.yaml").write_bytes(data)
    before = fingerprint(study)
    out = study.parent / "out"
    result = run_cli("report", str(study), "--out", str(out), "--bootstrap", "0")
    assert_refused_cleanly(result.code, result.err)
    assert fingerprint(study) == before
    if result.code:
        assert not out.exists()
    shutil.rmtree(study.parent)
