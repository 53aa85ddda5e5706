"""`tut protocols import-codebook`: a QDA codebook (the real NVivo export, tut's own .qdc)
becomes a draft protocol that validates, with the code tree kept and hotkeys assigned."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_dir
from qda_support import PROTOCOL_ID, example_project, project_schema

from tut.coding.qdpx_read import read_project
from tut.coding.study import open_study
from tut.protocols.registry import load_protocols
from tut.xmlsafe import parse_xml, read_zip_member


def nvivo() -> Path:
    return shared_dir("realfiles") / "qda" / "nvivo_project.qdpx"


def test_the_nvivo_export_is_schema_valid_and_read_with_its_two_text_sources() -> None:
    project_schema().validate(parse_xml(read_zip_member(nvivo(), "project.qde"), "project.qde"))
    project = read_project(nvivo())
    assert project.origin == "NVivo for Mac 15.0.0"
    assert sum(len(top.walk()) for top in project.codes) == 262
    assert sorted(project.users.values()) == ["chrisp", "cp"]
    assert len(project.sources) == 2 and all(s.text == "\n" and not s.selections for s in project.sources)
    assert project.skipped == []


def test_the_nvivo_codebook_becomes_a_draft_frame_that_validates(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    out = root / "protocols" / "nvivo-codes.yaml"
    result = run_cli("--project", str(root), "protocols", "import-codebook", str(nvivo()), "--out", str(out))
    assert result.code == 0, result.err
    assert "262 codes" in result.out and "placeholder" in result.err
    assert run_cli("--project", str(root), "protocols", "validate", str(out)).code == 0
    frame = load_protocols([out]).get("nvivo-codes").frame()
    assert len(frame.codes) == 262
    top = frame.family("rq1-definition")
    competencies = next(f for f in top.families if f.id == "competencies")
    assert [c.label for c in competencies.codes] == ["competencies", "programming"]
    keys = [c.hotkey for c in frame.codes if c.hotkey]
    assert len(keys) == len(set(keys)) == 27
    assert len({c.id for c in frame.codes}) == 262
    again = run_cli("--project", str(root), "protocols", "import-codebook", str(nvivo()), "--out", str(out))
    assert again.code == 2 and "file exists, not overwritten" in again.err


def test_the_nvivo_sources_hold_no_coded_selection_so_no_study_is_made(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "proj"
    run_cli("init", str(root))
    out = root / "protocols" / "nvivo-codes.yaml"
    run_cli("--project", str(root), "protocols", "import-codebook", str(nvivo()), "--out", str(out))
    result = run_cli("--project", str(root), "study", "init", "nv", "--protocol", "nvivo-codes",
                     "--from-qdpx", str(nvivo()))
    assert result.code == 2
    assert result.err.startswith(f"error: {nvivo()}: no coded text selection to import (text sources: "
                                 "66653866-6334-3535-3435-366637306566, 33663939-3636-3632-3038-613431643463)")
    assert not (root / "coded_responses" / "nv").exists()


def test_tuts_own_codebook_comes_back_as_the_same_frame(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    qdc = root / "frame.qdc"
    assert run_cli("--project", str(root), "study", "export", "sc", "--format", "qdc", "--out", str(qdc)).code == 0
    out = root / "protocols" / "back.yaml"
    result = run_cli("--project", str(root), "protocols", "import-codebook", str(qdc), "--out", str(out),
                     "--variant", "atus-incare-en")
    assert result.code == 0, result.err
    old = open_study(root / "coded_responses" / "sc").frame
    new = load_protocols([out]).get("back").frame()
    assert [(c.id, c.label, c.definition, c.include, c.exclude, c.examples) for c in new.codes] == \
        [(c.id, c.label, c.definition, c.include, c.exclude, c.examples) for c in old.codes]
    assert [(d, f.id, f.label, [c.id for c in f.codes]) for d, f in new.walk()] == \
        [(d, f.id, f.label, [c.id for c in f.codes]) for d, f in old.walk()]
    assert PROTOCOL_ID not in out.read_text(encoding="utf-8")


def test_the_nvivo_frame_has_the_families_the_readme_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tut.cli import main

    root = tmp_path / "proj"
    main(["init", str(root)])
    out = root / "protocols" / "nvivo-codes.yaml"
    assert main(["--project", str(root), "protocols", "import-codebook", str(nvivo()), "--out", str(out)]) == 0
    frame = load_protocols([out]).get("nvivo-codes").frame()
    assert sum(1 for _ in frame.walk()) == 58  # README: "a 262-code frame in 58 families"


@pytest.mark.parametrize(("text", "place", "what"), [
    ('<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x "y">]>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>',
     "line 2", "the XML declares a DTD (<!DOCTYPE CodeBook>)"),
    ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n<Code guid="not-a-guid" name="a" isCodable="true"/>'
     "\n</Codes></CodeBook>", "line 3", "not valid REFI-QDA (QDA-XML 1.0): Element 'Code', attribute 'guid': "
     "[facet 'pattern'] The value 'not-a-guid' is not accepted by the pattern"),
    ('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>', "line 1",
     "the root element is {urn:QDA-XML:project:1.0}Project, not a QDA-XML 1.0 CodeBook"),
])
def test_a_bad_codebook_is_refused_with_its_place_and_nothing_is_written(run_cli, tmp_path, text, place, what) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "proj"
    run_cli("init", str(root))
    qdc = tmp_path / "bad.qdc"
    qdc.write_text(text, encoding="utf-8")
    out = root / "protocols" / "bad.yaml"
    result = run_cli("--project", str(root), "protocols", "import-codebook", str(qdc), "--out", str(out))
    assert result.code == 2 and not out.exists()
    assert result.err.startswith(f"error: {qdc}:{place}: {what}"), result.err
