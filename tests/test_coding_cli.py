"""`tut study` through the real entry point, with the shipped protocol."""

from __future__ import annotations

import json
from pathlib import Path

import pyreadstat
import pytest

from tut.cli import main
from tut.coding.store import CoderJournal, read_journal
from tut.coding.study import open_study

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "coding"
PROTOCOL_ID = "supervisory-care-wording-test"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    assert main(["init", str(root)]) == 0
    return root


def tut(project: Path, *args: str) -> int:
    return main(["--project", str(project), *args])


def init_pilot(project: Path) -> int:
    return tut(project, "study", "init", "pilot", "--protocol", PROTOCOL_ID,
               "--segments", str(FIXTURES / "segments.csv"))


def test_init_creates_the_study_with_frozen_copies(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert init_pilot(project) == 0
    out = capsys.readouterr().out
    assert "Study 'pilot' created" in out and "6 segments" in out
    data = open_study(project / "coded_responses" / "pilot")
    assert data.study.protocol_id == PROTOCOL_ID
    assert data.frame.id == data.protocol.frames[0].id
    assert data.wordings["cand-responsible-en"].text_status == "candidate"
    assert "atus-incare-en" in data.wordings
    assert data.wordings["atus-incare-en"].key_terms[0] == "in your care"  # fills [TERM]


def test_init_twice_or_with_bad_input_fails_cleanly(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init_pilot(project) == 0
    capsys.readouterr()
    assert init_pilot(project) == 2
    assert "already exists" in capsys.readouterr().err

    bad = FIXTURES / "bad_many.csv"
    assert tut(project, "study", "init", "broken", "--protocol", PROTOCOL_ID, "--segments", str(bad)) == 2
    err = capsys.readouterr().err
    assert f"error: {bad}:line 5: duplicate segment id 'b2'" in err
    assert f"error: {bad}:line 10: not UTF-8" in err
    assert "Traceback" not in err
    assert not (project / "coded_responses" / "broken").exists()

    assert tut(project, "study", "init", "x", "--protocol", "no-such", "--segments", str(bad)) == 2
    assert "unknown protocol 'no-such'" in capsys.readouterr().err
    assert tut(project, "study", "init", "x", "--protocol", PROTOCOL_ID, "--frame", "nope",
               "--segments", str(FIXTURES / "segments.csv")) == 2
    assert "has no frame 'nope'" in capsys.readouterr().err


def test_status_shows_progress_disagreements_and_torn_lines(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init_pilot(project) == 0
    folder = project / "coded_responses" / "pilot"
    frame = open_study(folder).frame
    codes = [c.id for c in frame.codes]
    with CoderJournal.open(folder, "ana", frame) as ana:
        ana.set_codes("s001", [codes[0]])
        ana.set_codes("s002", [codes[1]])
    with CoderJournal.open(folder, "bob", frame) as bob:
        bob.set_codes("s001", [codes[1]])
    with open(folder / "journals" / "bob.jsonl", "ab") as fh:
        fh.write(b'{"seq": 2, "ti')
    with CoderJournal.open(folder, "carla", frame) as carla:
        carla.adjudicate("s001", [codes[1]], "bob is right")
    capsys.readouterr()

    assert tut(project, "study", "status", "pilot", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["segments"] == 6
    assert [(c["coder"], c["coded"]) for c in status["coders"]] == [("ana", 2), ("bob", 1)]
    assert (status["disagreements"], status["open_disagreements"]) == (1, 0)
    assert status["adjudicated_by"] == {"carla": 1}
    ana_last = max(e.time for e in read_journal(folder / "journals" / "ana.jsonl").events)
    assert status["coders"][0]["last"] == ana_last
    assert len(status["warnings"]) == 1 and "bob.jsonl:line 2: torn last line" in status["warnings"][0]

    assert tut(project, "study", "status", "pilot") == 0
    shown = capsys.readouterr()
    assert "ana" in shown.out and "2 / 6" in shown.out
    assert "Disagreements: 1" in shown.out
    assert "Adjudicated by: carla 1" in shown.out
    assert f"last {ana_last[:10]} {ana_last[11:16]} UTC" in shown.out
    assert "warning:" in shown.err and "torn" in shown.err

    assert tut(project, "study", "status", "nope") == 2
    assert "no study here" in capsys.readouterr().err


def test_export_writes_labelled_files_and_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init_pilot(project) == 0
    folder = project / "coded_responses" / "pilot"
    frame = open_study(folder).frame
    with CoderJournal.open(folder, "ana", frame) as ana:
        ana.set_codes("s003", [frame.codes[0].id])
    out = project / "pilot.dta"
    assert tut(project, "study", "export", "pilot", "--format", "dta", "--out", str(out)) == 0
    df, meta = pyreadstat.read_dta(str(out))
    assert len(df) == 6 and "c_ana" in df.columns
    assert meta.variable_value_labels  # labels travel with the file
    capsys.readouterr()
    assert tut(project, "study", "export", "pilot", "--format", "dta", "--out", str(out)) == 2
    assert "not overwritten" in capsys.readouterr().err
    assert tut(project, "study", "export", "pilot", "--format", "dta", "--out", str(out), "--force") == 0

    assert tut(project, "study", "export", "pilot", "--format", "sav", "--code-level") == 0
    default = folder / "exports" / "pilot-codes.sav"
    df, _ = pyreadstat.read_sav(str(default))
    assert len(df) == 6 * len(frame.codes)


def test_recode_draws_a_saved_sample(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init_pilot(project) == 0
    folder = project / "coded_responses" / "pilot"
    frame = open_study(folder).frame
    with CoderJournal.open(folder, "ana", frame) as ana:
        for sid in ("s001", "s002", "s003", "s004"):
            ana.set_codes(sid, [frame.codes[0].id])
    capsys.readouterr()
    assert tut(project, "study", "recode", "pilot", "--coder", "ana", "--n", "2", "--seed", "3") == 0
    assert "2 segments drawn for ana" in capsys.readouterr().out
    sample = open_study(folder).recode_sample("ana")
    assert len(sample) == 2 and set(sample) <= {"s001", "s002", "s003", "s004"}
    assert tut(project, "study", "recode", "pilot", "--coder", "ana", "--n", "2") == 2
    assert tut(project, "study", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["name"], s["coders"]) for s in listed] == [("pilot", ["ana"])]


def test_round_2_export_puts_each_recode_next_to_the_first_round(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What an SPSS or Stata user needs for intra-coder reliability: one row per recoded
    segment, the coder's round-1 and blind round-2 codes side by side."""
    assert init_pilot(project) == 0
    folder = project / "coded_responses" / "pilot"
    frame = open_study(folder).frame
    first, other = frame.codes[0].id, frame.codes[1].id
    with CoderJournal.open(folder, "ana", frame) as ana:
        for sid in ("s001", "s002", "s003", "s004"):
            ana.set_codes(sid, [first])
    assert tut(project, "study", "recode", "pilot", "--coder", "ana", "--n", "2", "--seed", "3") == 0
    sample = open_study(folder).recode_sample("ana")
    with CoderJournal.open(folder, "ana", frame, round=2) as again:
        again.set_codes(sample[0], [other])
        again.set_codes(sample[1], [first])
    capsys.readouterr()
    out = project / "recode.dta"
    assert tut(project, "study", "export", "pilot", "--format", "dta", "--round", "2",
               "--out", str(out)) == 0
    assert "2 segments recoded in round 2 next to round 1, coders: ana" in capsys.readouterr().out
    df, meta = pyreadstat.read_dta(str(out))
    assert list(df["segment_id"]) == sample
    assert list(df["c_ana_r1"]) == [first, first]
    assert list(df["c_ana_r2"]) == [other, first]
    assert meta.column_names_to_labels["c_ana_r2"].startswith("coder ana, round 2 (blind)")
