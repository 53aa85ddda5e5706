"""Paths that are not plain files, and study folders whose files were damaged: every command
says which file and what is wrong in one error line (exit 2), never an internal error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tut.examples import EXAMPLE_DIR

STUDY = "sc"


@pytest.fixture
def project(run_cli, tmp_path: Path) -> Path:
    """A project holding the bundled example study as ``sc``."""
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    shutil.copytree(EXAMPLE_DIR / "study", root / "coded_responses" / STUDY)
    return root


def one_error(result, path: Path) -> str:
    """The one error line of a refused command, checked to name ``path``."""
    assert result.code == 2, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {path}:"), lines[0]
    assert "internal error" not in lines[0]
    return lines[0]


def loop(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.symlink_to(name)
    return path


@pytest.mark.parametrize("group", ["instruments", "protocols"])
def test_a_symlink_loop_named_to_validate_is_an_unreadable_file(run_cli, project, tmp_path, group):
    path = loop(tmp_path, "x.yaml")
    line = one_error(run_cli("--project", str(project), group, "validate", str(path)), path)
    assert "symbolic links" in line


def test_a_symlink_loop_as_the_output_is_refused_before_any_work(run_cli, project, tmp_path):
    path = loop(tmp_path, "out.csv")
    result = run_cli("--project", str(project), "study", "export", STUDY, "--format", "csv",
                     "--out", str(path))
    assert "not usable as an output" in one_error(result, path)


DAMAGE = {
    "binary": (b"\xa5\x00\x13\xff" * 64, "line 1: not UTF-8 text"),
    "cut short": (b'{"segments": ["a", ', "line 1, column 20: damaged file: not JSON"),
    "another shape": (b"[1, 2, 3]\n", "damaged file: "),
    "empty": (b"", "line 1, column 1: damaged file: not JSON"),
    "nested too deep": (b"[" * 100_000 + b"]" * 100_000, "damaged file: lists or objects nested too deep"),
}


@pytest.mark.parametrize("kind", DAMAGE)
@pytest.mark.parametrize("name", ["segments.jsonl", "study.json", "frame.json", "recode/ana.json",
                                  "withdrawals.json", "frame_revisions.json"])
def test_a_damaged_study_file_is_named_by_every_command_that_reads_it(run_cli, project, name, kind):
    data, said = DAMAGE[kind]
    if name == "segments.jsonl" and kind == "empty":  # no line to fault: the count is short
        said = "damaged file: it holds 0 of the"
    path = project / "coded_responses" / STUDY / name
    path.write_bytes(data)
    commands = [["study", "status", STUDY], ["agreement", STUDY],
                ["study", "export", STUDY, "--format", "csv"]]
    for args in commands[:1] if name.startswith("recode/") else commands:  # status reads samples
        line = one_error(run_cli("--project", str(project), *args), path)
        assert said in line and "restore it" in line
        assert "Error" not in line and "codec" not in line
    assert path.read_bytes() == data  # nothing rewrites it


@pytest.mark.parametrize("name", ["study.json", "segments.jsonl", "recode/ana.json", "withdrawals.json"])
def test_a_study_file_that_is_a_pipe_or_a_folder_is_refused_without_reading_it(
        run_cli, project, name):
    path = project / "coded_responses" / STUDY / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)  # opening it to read would wait for a writer forever
    assert "not a regular file" in one_error(
        run_cli("--project", str(project), "study", "status", STUDY), path)
    if name == "study.json":  # the list named no study at all ('No studies yet')
        assert "not a regular file" in one_error(
            run_cli("--project", str(project), "study", "list"), path)
    path.unlink()
    path.mkdir()
    assert "is a folder" in one_error(
        run_cli("--project", str(project), "study", "status", STUDY), path)


DATA = Path(__file__).parent / "fixtures" / "compare" / "api" / "api.sav"


@pytest.mark.parametrize("special", ["pipe", "device"])
def test_a_ddi_that_is_a_pipe_or_a_device_is_refused_before_reading(run_cli, tmp_path, special):
    """Read whole, /dev/zero filled the memory and a pipe waited for a writer for ever."""
    ddi = tmp_path / "codebook.xml"
    if special == "pipe":
        os.mkfifo(ddi)
    else:
        ddi.symlink_to("/dev/zero")
    result = run_cli("microdata", "describe", str(DATA), "--ddi", str(ddi))
    assert "is not a regular file" in one_error(result, ddi)
    assert result.out == ""


@pytest.mark.parametrize("special", ["pipe", "device", "folder"])
def test_a_journal_that_is_no_file_is_refused_by_readers_and_by_the_coding_screen(
        run_cli, project, special, monkeypatch):
    """A pipe made every command that reads the study wait for ever; /dev/zero filled the
    memory."""
    monkeypatch.setattr("tut.cli.code.has_terminal", lambda: True)  # 'tut code' as typed in one
    path = project / "coded_responses" / STUDY / "journals" / "eve.jsonl"
    {"pipe": os.mkfifo, "device": lambda p: p.symlink_to("/dev/zero"),
     "folder": Path.mkdir}[special](path)
    for args in (["study", "status", STUDY], ["agreement", STUDY],
                 ["code", STUDY, "--coder", "eve"]):
        line = one_error(run_cli("--project", str(project), *args), path)
        assert "not a regular file" in line or "is a folder" in line


def test_a_binary_journal_line_is_skipped_with_a_reason_in_words(run_cli, project):
    path = project / "coded_responses" / STUDY / "journals" / "eve.jsonl"
    path.write_bytes(b'\xa5\x13\n{"seq": 1, "time"\n' + b"[" * 100_000 + b"\n{}\n")
    result = run_cli("--project", str(project), "study", "status", STUDY)
    assert result.code == 0
    said = [w for w in result.err.splitlines() if str(path) in w]
    assert "line 1: not a valid event, skipped (not UTF-8 text: byte 0xa5 at column 1" in said[0]
    assert "line 2: not a valid event, skipped (not JSON: " in said[1]
    assert "line 3: not a valid event, skipped (not an event: lists or objects nested" in said[2]
    assert not any("codec" in w or "char " in w for w in said)


def test_a_code_map_holding_lists_and_mappings_names_them_not_their_python_text(
        run_cli, project, tmp_path):
    """A protocol given as the --codes map printed each list and mapping as Python text,
    one screen-wide line of brackets each."""
    qdpx = tmp_path / "sc.qdpx"
    assert run_cli("--project", str(project), "study", "export", STUDY, "--format", "qdpx",
                   "--out", str(qdpx)).code == 0
    mapping = tmp_path / "map.yaml"
    mapping.write_text("probes: [{id: meaning, text: 'What does it mean?'}]\nframes: {a: 1}\n"
                       "Responsible: no-such-code\n", encoding="utf-8")
    result = run_cli("--project", str(project), "study", "init", "back", "--protocol",
                     "supervisory-care-wording-test", "--from-qdpx", str(qdpx), "--codes", str(mapping))
    assert result.code == 2
    assert [line.split(": ", 2)[2].split(" is not")[0] for line in result.err.splitlines()] == [
        "a list (for 'probes')", "a mapping (for 'frames')", "'no-such-code' (for 'Responsible')"]
    assert "{" not in result.err and "[" not in result.err
    assert not (project / "coded_responses" / "back").exists()


def test_the_results_are_never_written_over_a_file_the_command_reads(run_cli, tmp_path):
    """demo-data records its files as written by tut, so --out replaced them: 'tut compare
    spec.yaml --out demo.sav' turned the data into JSON."""
    data = tmp_path / "data"
    assert run_cli("demo-data", "--out", str(data), "--n", "200").code == 0
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    (tmp_path / "alias.sav").symlink_to(data / "demo.sav")
    for out in (data / "demo.sav", data / "spec.yaml", tmp_path / "alias.sav"):
        line = one_error(run_cli("compare", str(data / "spec.yaml"), "--out", str(out)), out)
        assert "this command reads" in line and "would replace it" in line
    out = data / "demo.sav"
    result = run_cli("instruments", "export", "--format", "ddi", "--microdata", str(out),
                     "--out", str(out), "--force")
    assert "this command reads this file" in one_error(result, out)
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


@pytest.mark.parametrize(("special", "said"), [
    ("pipe", "is not a regular file (a device, pipe or socket)"),
    ("loop", "cannot read the file (Too many levels of symbolic links)"),
])
def test_a_data_file_that_is_no_file_is_said_as_what_it_is(run_cli, tmp_path, special, said):
    """A pipe was called a folder and a symlink loop 'file not found'."""
    path = tmp_path / "answers.sav"
    os.mkfifo(path) if special == "pipe" else path.symlink_to(path.name)
    for args in (["microdata", "describe", str(path)],
                 ["agreement", "--table", str(path), "--level", "nominal"]):
        assert said in one_error(run_cli(*args), path)


@pytest.mark.parametrize("fmt", ["sav", "dta", "csv"])
def test_a_refused_write_names_the_chosen_file_not_a_temporary_one(run_cli, project, fmt):
    """pyreadstat's refusal was an internal PyreadstatError, and other refusals named the
    hidden temporary file (.x.csv.tmp-1234). /proc takes no new files, even from root."""
    out = Path("/proc") / f"x.{fmt}"
    result = run_cli("--project", str(project), "study", "export", STUDY, "--format", fmt,
                     "--out", str(out))
    assert "the system refused it" in one_error(result, out)


def test_an_output_name_near_the_system_limit_is_written(run_cli, project, tmp_path):
    """The temporary file beside it added 11 characters, past the 255-byte limit."""
    out = tmp_path / ("a" * 245 + ".sav")
    result = run_cli("--project", str(project), "study", "export", STUDY, "--format", "sav",
                     "--out", str(out))
    assert result.code == 0, result.err
    assert out.is_file() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("name", ["b.txt", "b.docx"])
def test_a_transcript_that_is_a_pipe_is_named_not_skipped_or_waited_on(run_cli, project, tmp_path, name):
    """A pipe among the transcripts was left out without a word (.txt) or read for ever (.docx)."""
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "a.txt").write_text("@respondent R1\nWORDING atus-incare-en\nPROBE meaning\n"
                                  "R: I watch them.\n", encoding="utf-8")
    os.mkfifo(folder / name)
    out = tmp_path / "segments.csv"
    result = run_cli("--project", str(project), "study", "segments", "--transcripts", str(folder),
                     "--protocol", "supervisory-care-wording-test", "--out", str(out))
    assert "is not a regular file" in one_error(result, folder / name)
    assert not out.exists()


@pytest.mark.parametrize(("text", "kind"), [
    ('<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY x SYSTEM "file:///etc/passwd">]><foo>&x;</foo>\n',
     "only text (no 'key: value' line)"),
    ("respondent_id,answer\nR1," + "x" * 5000 + "\n", "only text (no 'key: value' line)"),
    ("- 1\n- 2\n", "a list"),
])
def test_a_file_that_is_no_mapping_is_said_so_not_quoted_back(run_cli, tmp_path, text, kind):
    """An XML or CSV file named as a YAML one was quoted back whole as Python text ('<?xml
    ...' is not of type 'object')."""
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (["compare", str(path)], ["instruments", "validate", str(path)]):
        line = one_error(run_cli(*args), path)
        assert f"line 1 (/): the file holds {kind}, not keys and values" in line
        assert "xml" not in line and "respondent" not in line


def test_a_jsonl_segment_naming_a_key_twice_is_refused(run_cli, project, tmp_path):
    """json.loads keeps the last of two values, so one respondent's answer went in under the
    other's id without a word."""
    path = tmp_path / "segments.jsonl"
    path.write_text('{"respondent_id": "R1", "interview_id": "I1", "variant_id": "atus-incare-en",'
                    ' "probe_id": "meaning", "answer": "I watch them", "respondent_id": "R2"}\n',
                    encoding="utf-8")
    result = run_cli("--project", str(project), "study", "init", "dup", "--protocol",
                     "supervisory-care-wording-test", "--segments", str(path))
    assert "line 1: the key 'respondent_id' appears twice" in one_error(result, path)
    assert not (project / "coded_responses" / "dup").exists()


def test_a_registry_file_that_is_a_broken_link_or_a_pipe_is_named(run_cli, project):
    """It was left out of the registry without a word: a family or protocol just vanished."""
    family = project / "instruments" / "office.yaml"
    family.symlink_to(project / "moved-away.yaml")
    protocol = project / "protocols" / "office.yaml"
    os.mkfifo(protocol)
    line = one_error(run_cli("--project", str(project), "instruments", "list"), family)
    assert "file not found" in line
    line = one_error(run_cli("--project", str(project), "protocols", "validate", str(protocol)), protocol)
    assert "is not a regular file" in line


def test_study_segments_never_writes_over_a_transcript(run_cli, project, tmp_path):
    """With --force, '--out transcripts/a.txt' replaced the interview it had just read."""
    folder = tmp_path / "transcripts"
    folder.mkdir()
    transcript = folder / "a.txt"
    transcript.write_text("@respondent R1\nWORDING atus-incare-en\nPROBE meaning\nR: I watch them.\n",
                          encoding="utf-8")
    before = transcript.read_bytes()
    result = run_cli("--project", str(project), "study", "segments", "--transcripts", str(folder),
                     "--protocol", "supervisory-care-wording-test", "--out", str(transcript), "--force")
    assert "this command reads this file" in one_error(result, transcript)
    assert transcript.read_bytes() == before


def test_a_journals_folder_replaced_by_a_file_is_named_not_read_as_no_codes(run_cli, project):
    """Every code of the study read as gone: status showed 0 coders without a word."""
    folder = project / "coded_responses" / STUDY / "journals"
    shutil.rmtree(folder)
    folder.write_text("x\n", encoding="utf-8")
    for args in (["study", "status", STUDY], ["agreement", STUDY]):
        assert "is not a folder" in one_error(run_cli("--project", str(project), *args), folder)


@pytest.mark.parametrize("special", ["pipe", "folder"])
def test_study_notes_that_are_no_file_are_named_by_the_report(run_cli, project, tmp_path, special):
    """The report left them out without a word and wrote a methods section without the notes."""
    notes = project / "coded_responses" / STUDY / "methods.yaml"
    notes.unlink()
    os.mkfifo(notes) if special == "pipe" else notes.mkdir()
    result = run_cli("--project", str(project), "report", STUDY, "--out", str(tmp_path / "r"),
                     "--bootstrap", "0", "--format", "json")
    assert "not a regular file" in one_error(result, notes) or "is a folder" in result.err
    assert not (tmp_path / "r" / "report.json").exists()


def test_a_segments_file_cut_short_is_damaged_not_a_smaller_study(run_cli, project):
    """Segments are only ever added: fewer lines than the study was created with means the
    file lost some (a sync tool, a full disk), and the coders' codes would be set aside."""
    path = project / "coded_responses" / STUDY / "segments.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-1]))
    line = one_error(run_cli("--project", str(project), "study", "status", STUDY), path)
    assert f"damaged file: it holds {len(lines) - 1} of the {len(lines)} segments" in line
    assert "restore it" in line


@pytest.mark.parametrize(("lang", "more"), [
    ("en", "15 more lines set aside as above, not shown (the file keeps them as they are)"),
    ("es", "15 líneas más omitidas como las de arriba, no se muestran"),
])
def test_a_journal_damaged_throughout_says_its_first_lines_and_counts_the_rest(
    run_cli, project, lang, more
):
    journal = project / "coded_responses" / STUDY / "journals" / "ana.jsonl"
    before = journal.read_bytes()
    with journal.open("ab") as fh:
        for n in range(25):
            fh.write(f"not an event {n}\n".encode())
    result = run_cli("--project", str(project), "study", "status", STUDY, "--lang", lang)
    assert result.code == 0, result.err
    warnings = [w for w in result.err.splitlines() if w.startswith("warning: ")]
    assert len(warnings) == 11
    assert all(f"{journal}:" in w for w in warnings[:10])
    assert warnings[-1].startswith(f"warning: {journal}: {more}")
    assert journal.read_bytes().startswith(before)  # nothing rewritten


def test_tut_report_counts_the_set_aside_lines_of_a_journal_damaged_throughout(
    run_cli, project, tmp_path
):
    journal = project / "coded_responses" / STUDY / "journals" / "ana.jsonl"
    with journal.open("ab") as fh:
        for n in range(25):
            fh.write(f"not an event {n}\n".encode())
    result = run_cli("--project", str(project), "report", STUDY, "--out", str(tmp_path / "r"),
                     "--bootstrap", "0")
    assert result.code == 0, result.err
    about = [w for w in result.err.splitlines() if w.startswith(f"warning: {journal}")]
    assert len(about) == 11
    assert about[-1].startswith(f"warning: {journal}: 15 more lines set aside as above")
