"""Hostile input (issue 13): no output ever lands on a study's records, a file the user edited
is not overwritten without --force, and the command line gives one clear line, never a
traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from coding_support import IDS, pilot_study

from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.examples import EXAMPLE_STUDY


@pytest.fixture
def project(tmp_path: Path, run_cli) -> Path:
    """A project with study 'pilot' in which coder ana has coded one segment."""
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    study = pilot_study(root / "coded_responses")
    frame = open_study(study).frame
    with CoderJournal.open(study, "ana", frame) as journal:
        journal.set_codes(IDS[0], [frame.codes[0].id])
    return root


def records(study: Path) -> dict[str, bytes]:
    """Every file tut keeps in a study folder, with its bytes."""
    return {str(p.relative_to(study)): p.read_bytes() for p in study.rglob("*") if p.is_file()}


def test_compare_out_onto_a_journal_is_refused_and_the_journal_kept(project, run_cli):
    study = project / "coded_responses" / "pilot"
    journal = study / "journals" / "ana.jsonl"
    before = records(study)
    result = run_cli("--project", str(project), "compare", "spec.yaml", "--json", "--out", str(journal))
    assert result.code == 2
    assert result.err.startswith(f"error: {journal}: is in study folder {study}")
    assert "choose another --out" in result.err and "Traceback" not in result.err
    assert records(study) == before


@pytest.mark.parametrize("target", ["journals/ana.jsonl", "study.json", "segments.jsonl",
                                    "journals/ana.lock", "recode/ana.json", "frame.json"])
def test_study_export_with_force_never_replaces_a_record(project, run_cli, target):
    study = project / "coded_responses" / "pilot"
    before = records(study)
    result = run_cli("--project", str(project), "study", "export", "pilot", "--format", "csv",
                     "--out", str(study / target), "--force")
    assert result.code == 2, result.err
    assert "whose files are the study's records" in result.err
    assert records(study) == before


def test_a_symlink_or_another_case_does_not_get_past_the_guard(project, run_cli):
    study = project / "coded_responses" / "pilot"
    before = records(study)
    (project / "handy").symlink_to(study / "journals")
    for out in (project / "handy" / "ana.jsonl", study / "JOURNALS" / "ana.jsonl",
                study / "exports" / ".." / "journals" / "ana.jsonl"):
        result = run_cli("--project", str(project), "study", "export", "pilot", "--format", "csv",
                         "--out", str(out), "--force")
        assert result.code == 2 and "study's records" in result.err, out
    assert records(study) == before


def test_exports_folder_of_a_study_stays_open(project, run_cli):
    out = project / "coded_responses" / "pilot" / "exports" / "mine.csv"
    result = run_cli("--project", str(project), "study", "export", "pilot", "--format", "csv",
                     "--out", str(out))
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8").startswith("segment_id")


def test_report_and_demo_are_refused_inside_a_study(project, run_cli):
    study = project / "coded_responses" / "pilot"
    before = records(study)
    result = run_cli("--project", str(project), "report", "pilot", "--out", str(study / "journals"))
    assert result.code == 2 and "study's records" in result.err
    result = run_cli("demo", "--out", str(study / "recode"))
    assert result.code == 2 and "study's records" in result.err
    assert records(study) == before


def test_a_hard_link_to_a_journal_is_not_written_through(project, run_cli):
    study = project / "coded_responses" / "pilot"
    os.link(study / "journals" / "ana.jsonl", project / "results.json")
    before = records(study)
    result = run_cli("compare", "spec.yaml", "--out", str(project / "results.json"))
    assert result.code == 2 and "hard links" in result.err
    assert records(study) == before


def test_demo_data_keeps_a_spec_the_user_edited(tmp_path, run_cli):
    out = tmp_path / "data"
    assert run_cli("demo-data", "--out", str(out), "--n", "200").code == 0
    # what tut wrote itself is regenerated without asking
    assert run_cli("demo-data", "--out", str(out), "--n", "300", "--seed", "5").code == 0
    spec = out / "spec.yaml"
    edited = spec.read_text(encoding="utf-8") + "# my own outcome, added by hand\n"
    spec.write_text(edited, encoding="utf-8")
    result = run_cli("demo-data", "--out", str(out), "--n", "200")
    assert result.code == 2
    assert result.err.startswith(f"error: {spec}: exists, and tut has no record of writing it")
    assert spec.read_text(encoding="utf-8") == edited


def test_compare_out_keeps_a_file_tut_did_not_write(tmp_path, run_cli):
    mine = tmp_path / "notes.json"
    mine.write_text('{"my": "notes"}\n', encoding="utf-8")
    result = run_cli("compare", str(tmp_path / "spec.yaml"), "--out", str(mine))
    assert result.code == 2 and "it is not overwritten (move it away" in result.err
    assert mine.read_text(encoding="utf-8") == '{"my": "notes"}\n'


# --- --project anywhere, clear errors ------------------------------------------------------


def test_project_may_follow_the_command(project, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not the project
    result = run_cli("study", "status", "pilot", "--project", str(project))
    assert result.code == 0, result.err
    assert "ana" in result.out
    result = run_cli("code", "pilot", "--coder", "ana", "--project", str(project), "--seed", "3")
    assert result.code == 2 and "--seed goes with --recode" in result.err  # parsed, then refused
    assert run_cli("instruments", "list", "--project", str(project), "--json").code == 0


def test_coded_responses_as_a_file_is_a_clear_error(tmp_path, run_cli):
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    (root / "coded_responses").rmdir()
    (root / "coded_responses").write_text("oops", encoding="utf-8")
    for args in (("study", "list"), ("study", "status", "pilot"),
                 ("study", "init", "pilot", "--protocol", "x", "--segments", "s.csv")):
        result = run_cli("--project", str(root), *args)
        assert result.code == 2, args
        assert result.err == (f"error: {root / 'coded_responses'}: is a file, but tut keeps its "
                              "studies in a folder of this name (move the file away; 'tut init' "
                              "makes the folder)\n")


@pytest.mark.parametrize("command", [("agreement",), ("report", "--out", "r"),
                                     ("study", "status"), ("study", "export", "--format", "csv")])
def test_a_study_name_over_255_bytes_is_one_clear_line(project, run_cli, command):
    name = "s" * 300
    args = [*command[:1], name, *command[1:]] if command[0] != "study" else [*command[:2], name, *command[2:]]
    result = run_cli("--project", str(project), *args)
    assert result.code == 2, result.err
    assert result.err.startswith("error: <study>: study name is too long (300 characters")


@pytest.mark.parametrize("name", ["con", "NUL.x", "a/b", "../x", "ok.", "tab\tname", "x\n"])
def test_unusable_study_names_are_refused(project, run_cli, name):
    result = run_cli("--project", str(project), "study", "init", name, "--protocol", "p",
                     "--segments", "s.csv")
    assert result.code == 2
    assert result.err.startswith("error: <study>: study name")


def test_a_bug_is_one_internal_error_line_and_exit_1(run_cli, monkeypatch):
    import tut.cli.study as study_cli

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(study_cli, "_open", broken)
    result = run_cli("study", "status", "pilot")
    assert result.code == 1
    assert result.err == ("error: internal error: ZeroDivisionError: division by zero (run again "
                          "with --debug for the traceback; please report it)\n")
    with pytest.raises(ZeroDivisionError):
        run_cli("study", "status", "pilot", "--debug")


def test_a_refused_write_names_the_file(project, run_cli):
    exports = project / "coded_responses" / "pilot" / "exports"
    exports.mkdir()
    exports.chmod(0o500)
    try:
        if os.access(exports, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        result = run_cli("--project", str(project), "study", "export", "pilot", "--format", "csv")
    finally:
        exports.chmod(0o700)
    assert result.code == 2
    assert result.err.startswith("error: ") and str(exports) in result.err
    assert "Permission denied" in result.err and "Traceback" not in result.err


def test_an_output_name_too_long_is_one_clear_line(project, run_cli):
    out = project / ("x" * 300 + ".csv")
    result = run_cli("--project", str(project), "study", "export", "pilot", "--format", "csv",
                     "--out", str(out))
    assert result.code == 2
    assert result.err.startswith("error: ") and "not usable as an output (File name too long)" in result.err


def test_a_full_disk_while_writing_names_the_file(project, run_cli, monkeypatch):
    import errno

    import tut.coding.export as export

    out = project / "table.csv"

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out))

    monkeypatch.setattr(export, "export_study", disk_full)
    result = run_cli("--project", str(project), "study", "export", "pilot", "--format", "csv",
                     "--out", str(out))
    assert result.code == 2
    assert result.err == (f"error: {out}: the system refused it (No space left on device) (check "
                          "the path, the free disk space and the permissions, then try again)\n")


def test_demo_data_force_replaces_an_edited_spec(tmp_path, run_cli):
    out = tmp_path / "data"
    assert run_cli("demo-data", "--out", str(out), "--n", "200").code == 0
    spec = out / "spec.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    assert run_cli("demo-data", "--out", str(out), "--n", "200", "--force").code == 0
    assert "# mine" not in spec.read_text(encoding="utf-8")


def test_demo_data_may_refresh_what_tut_demo_wrote(tmp_path, run_cli):
    root = tmp_path / "demo"
    assert run_cli("demo", "--out", str(root)).code == 0
    result = run_cli("demo-data", "--out", str(root / "data"), "--n", "300")
    assert result.code == 0, result.err


def test_report_keeps_a_report_file_the_user_edited(tmp_path, run_cli):
    out = tmp_path / "report"
    args = ("report", str(EXAMPLE_STUDY), "--out", str(out), "--bootstrap", "0")
    assert run_cli(*args).code == 0
    assert run_cli(*args).code == 0  # its own files are rewritten without asking
    md = out / "report.md"
    edited = md.read_text(encoding="utf-8") + "\nComments of the expert group.\n"
    md.write_text(edited, encoding="utf-8")
    result = run_cli(*args)
    assert result.code == 2 and result.err.startswith(f"error: {md}: exists, and tut has no record")
    assert "add --force" in result.err and md.read_text(encoding="utf-8") == edited
    assert run_cli(*args, "--force").code == 0
    assert "Comments of the expert group" not in md.read_text(encoding="utf-8")


def test_the_demo_s_report_again_command_works(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("demo", "--out", "d").code == 0
    result = run_cli("--project", "d", "report", "supervisory-care", "--data", "d/data/spec.yaml",
                     "--out", "d/report", "--bootstrap", "0")
    assert result.code == 0, result.err
    assert run_cli("demo", "--out", "d").code == 0  # and the demo may rewrite it again
