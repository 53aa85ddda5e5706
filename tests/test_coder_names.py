"""Coder ids are people's names (issue 9): any name a person has codes under its own,
safe journal file, and the journal keeps the name as written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from coding_support import IDS, pilot_study

from tut.coding.store import CoderJournal, coder_stem, journal_path
from tut.coding.study import open_study
from tut.errors import TutError

NAMES = ["Ana María", "José", "O'Brien", "ana", "Ana", "con", "NUL", "com1", "x.lock", "x",
         "../etc/passwd", "a/b\\c", "李小龙", "Zoë-Ann", "ana-0123456789"]


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return pilot_study(tmp_path)


def test_people_code_under_their_own_names(study: Path) -> None:
    frame = open_study(study).frame
    for i, name in enumerate(NAMES):
        with CoderJournal.open(study, name, frame) as journal:
            journal.set_codes(IDS[i % len(IDS)], [frame.codes[0].id])
    files = sorted(p.name for p in (study / "journals").iterdir())
    journals = [f for f in files if f.endswith(".jsonl")]
    assert len(journals) == len(NAMES)
    assert len({f.casefold() for f in files}) == len(files)  # distinct where case is ignored
    for f in files:
        stem = f.rsplit(".", 1)[0]
        assert f.isascii() and "/" not in f and "\\" not in f and ".." not in f
        assert stem.split(".")[0].casefold() not in {"con", "nul", "com1", "prn", "aux"}
        assert len(f) <= 60
    assert f"{coder_stem('x')}.lock" == "x.lock" and "x.lock.jsonl" not in files
    data = open_study(study)
    assert sorted(data.coders) == sorted(NAMES)
    assert data.codings()["José"][IDS[1]].codes == (frame.codes[0].id,)


def test_status_and_recode_use_the_same_names(study: Path, run_cli, tmp_path) -> None:
    frame = open_study(study).frame
    with CoderJournal.open(study, "Ana María", frame) as journal:
        for sid in IDS[:3]:
            journal.set_codes(sid, [frame.codes[0].id])
    project = ["--project", str(tmp_path)]
    (tmp_path / "coded_responses").mkdir()
    os.rename(study, tmp_path / "coded_responses" / "pilot")
    result = run_cli(*project, "study", "status", "pilot")
    assert result.code == 0 and "Ana María" in result.out
    result = run_cli(*project, "study", "recode", "pilot", "--coder", "Ana María", "--n", "2")
    assert result.code == 0, result.err
    data = open_study(tmp_path / "coded_responses" / "pilot")
    assert len(data.recode_sample("Ana María")) == 2
    assert data.recode_sample("ana") == []


def test_one_name_typed_two_ways_is_one_coder(study: Path) -> None:
    frame = open_study(study).frame
    composed, decomposed = "Jos\u00e9", "Jose\u0301"  # é as one character, or e + accent
    with CoderJournal.open(study, composed, frame) as journal:
        journal.set_codes(IDS[0], [frame.codes[0].id])
    with CoderJournal.open(study, decomposed, frame) as journal:
        assert journal.state[IDS[0]].codes == (frame.codes[0].id,)
    assert open_study(study).coders == [composed]


@pytest.mark.parametrize(("name", "what"), [
    ("", "coder id is empty"),
    ("   ", "coder id is empty"),
    ("x\n", "holds a control character (U+000A)"),
    ("ana\x1b[2J", "holds a control character (U+001B)"),
    ("ana\u202eevil", "holds a control character (U+202E)"),
    (" ana", "starts or ends with a space"),
    ("a" * 65, "coder id is too long (65 characters)"),
])
def test_unusable_coder_ids_are_refused_with_a_reason(study: Path, name: str, what: str) -> None:
    frame = open_study(study).frame
    with pytest.raises(TutError) as refused:
        CoderJournal.open(study, name, frame)
    assert what in str(refused.value)
    assert not any((study / "journals").iterdir())


def test_the_code_command_refuses_a_control_character_before_the_screen(study, run_cli, tmp_path):
    result = run_cli("--project", str(tmp_path), "code", "pilot", "--coder", "ana\x07")
    assert result.code == 2
    assert result.err.startswith("error: <coder>: coder id 'ana\\x07' holds a control character")


def test_journals_named_by_plain_ids_before_keep_working(study: Path) -> None:
    """Ids such as 'Ana.B' named their files as they were; those journals are still theirs."""
    frame = open_study(study).frame
    with CoderJournal.open(study, "Ana.B", frame) as journal:
        journal.set_codes(IDS[0], [frame.codes[0].id])
    new_name = journal_path(study, "Ana.B")
    os.rename(new_name, study / "journals" / "Ana.B.jsonl")  # as an older tut named it
    assert journal_path(study, "Ana.B") == study / "journals" / "Ana.B.jsonl"
    with CoderJournal.open(study, "Ana.B", frame) as journal:
        assert journal.state[IDS[0]].codes == (frame.codes[0].id,)
        journal.set_codes(IDS[1], [frame.codes[0].id])
    assert not new_name.exists()
    assert sorted(open_study(study).codings()["Ana.B"]) == sorted(IDS[:2])


def test_a_journal_holding_another_coders_codes_is_not_appended_to(study: Path) -> None:
    frame = open_study(study).frame
    with CoderJournal.open(study, "ana", frame) as journal:
        journal.set_codes(IDS[0], [frame.codes[0].id])
    os.rename(journal_path(study, "ana"), journal_path(study, "bea"))  # renamed by hand
    before = journal_path(study, "bea").read_bytes()
    with pytest.raises(TutError, match="holds the codes of coder 'ana', not 'bea'"):
        CoderJournal.open(study, "bea", frame)
    assert journal_path(study, "bea").read_bytes() == before
