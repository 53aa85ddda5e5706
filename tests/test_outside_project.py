"""Outside a project folder only the shipped example wordings, protocols and no studies are
visible, so an id or study that is not found says that first: the user is most likely in
the wrong folder, not mistyping."""

from __future__ import annotations

import pytest

from tut.project import MARKER

HINT = "you are not in a tut project folder: cd into it or pass --project DIR"


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """An empty folder the user runs tut in (not a project)."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _segments(folder):
    path = folder / "segments.csv"
    path.write_text("segment_id,respondent_id,interview_id,variant_id,probe_id,answer\n"
                    "s1,r1,i1,atus-incare-en,meaning,I was watching the kids\n", encoding="utf-8")
    return path


def test_unknown_protocol_outside_a_project_says_so(elsewhere, run_cli):
    result = run_cli("study", "init", "eye", "--protocol", "office-eye-test",
                     "--segments", str(_segments(elsewhere)))
    assert result.code == 2
    assert "unknown protocol 'office-eye-test'" in result.err
    assert HINT in result.err
    assert not (elsewhere / "coded_responses").exists()


def test_unknown_protocol_inside_a_project_keeps_the_plain_fix(elsewhere, run_cli):
    assert run_cli("init", ".").code == 0 and (elsewhere / MARKER).is_file()
    result = run_cli("study", "init", "eye", "--protocol", "office-eye-test",
                     "--segments", str(_segments(elsewhere)))
    assert result.code == 2
    assert "unknown protocol 'office-eye-test'" in result.err
    assert "not in a tut project folder" not in result.err
    assert "run 'tut protocols list'" in result.err


def test_a_project_option_that_is_no_project_is_named(elsewhere, tmp_path, run_cli):
    other = tmp_path / "not-a-project"
    other.mkdir()
    result = run_cli("--project", str(other), "protocols", "show", "office-eye-test")
    assert result.code == 2
    assert f"{other.resolve()} is not a tut project folder, it has no {MARKER}" in result.err


@pytest.mark.parametrize(
    "args",
    [("instruments", "show", "office-eye-test"),
     ("protocols", "show", "office-eye-test"),
     ("protocols", "frame", "office-eye-frame"),
     ("study", "status", "eye"),
     ("study", "export", "eye", "--format", "csv", "--out", "x.csv"),
     ("study", "withdraw", "eye", "--respondent", "r1", "--reason", "asked"),
     ("study", "revise-frame", "eye", "--retire", "x", "--rationale", "y"),
     ("agreement", "eye"),
     ("report", "eye", "--out", "report-out")],
)
def test_every_lookup_outside_a_project_says_so(elsewhere, run_cli, args):
    result = run_cli(*args)
    assert result.code == 2, result.out
    assert HINT in result.err
    assert "Traceback" not in result.err
    assert not (elsewhere / "coded_responses").exists()


def test_a_study_found_by_path_outside_a_project_still_opens(elsewhere, tmp_path, run_cli):
    project = tmp_path / "proj"
    assert run_cli("init", str(project)).code == 0
    assert run_cli("--project", str(project), "study", "init", "eye", "--protocol",
                   "supervisory-care-wording-test", "--segments", str(_segments(elsewhere))).code == 0
    result = run_cli("agreement", str(project / "coded_responses" / "eye"))
    assert HINT not in result.err


def test_study_list_outside_a_project_says_so(elsewhere, run_cli):
    result = run_cli("study", "list")
    assert result.code == 0
    assert HINT in result.out


def test_unknown_variant_of_a_spec_outside_a_project_says_so(elsewhere, run_cli):
    assert run_cli("demo-data", "--out", "d").code == 0
    spec = elsewhere / "d" / "spec.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "2: cand-responsible-en" in text
    spec.write_text(text.replace("2: cand-responsible-en", "2: office-eye-test"), encoding="utf-8")
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert "variant 'office-eye-test' is not in the instruments registry" in result.err
    assert HINT in result.err


@pytest.mark.parametrize("args", [("code", "eye", "--coder", "ana"),
                                  ("adjudicate", "eye", "--adjudicator", "zed")])
def test_the_coding_screens_outside_a_project_say_so(elsewhere, run_cli, monkeypatch, args):
    monkeypatch.setattr("tut.cli.code.has_terminal", lambda: True)  # typed in a terminal
    result = run_cli(*args)
    assert result.code == 2
    assert HINT in result.err
    assert not (elsewhere / "coded_responses").exists()
