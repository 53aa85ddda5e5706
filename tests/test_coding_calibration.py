"""Calibration: a training set with reference codes (`tut study training`), a practice round
that never enters the study's agreement or consensus (`tut code NAME --practice`), and each
trainee's agreement with the reference (`tut study calibration`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tut.coding.practice import PRACTICE, cohen_kappa
from tut.coding.store import CoderJournal, coder_file
from tut.coding.study import open_study
from tut.tui.app import make_coding_app
from tut.tui.screens.practice import PracticeScreen

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "coding"
PROTOCOL_ID = "supervisory-care-wording-test"
M, P, R, C = "monitoring", "presence-only", "responsibility", "on-call"
TRAINEE = "Zoë Ñúñez"


@pytest.fixture
def project(run_cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """ana and bob agree on s001, s002, s004; dora settles s003; s005 is open, s006 single."""
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    assert run_cli("--project", str(root), "study", "init", "pilot", "--protocol", PROTOCOL_ID,
                   "--segments", str(FIXTURES / "segments.csv")).code == 0
    data = open_study(root / "coded_responses" / "pilot")
    plan = {"ana": [M, P, R, M, P, M], "bob": [M, P, C, M, M]}
    for coder, codes in plan.items():
        with CoderJournal.open(data.dir, coder, data.frame) as journal:
            for seg, code in zip(data.segments, codes, strict=False):
                journal.set_codes(seg.id, [code])
    with CoderJournal.open(data.dir, "dora", data.frame) as dora:
        dora.adjudicate("s003", [R], "she says she is the one in charge")
    return root


def tut(run_cli, project: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("--project", str(project), *args)


def practise(project: Path, coder: str, codes: dict[str, list[str]]) -> None:
    data = open_study(project / "coded_responses" / "pilot")
    with CoderJournal.open(data.dir, coder, data.frame, folder=PRACTICE) as journal:
        for sid, given in codes.items():
            journal.set_codes(sid, given)


def test_calibration_numbers_match_a_hand_computed_example(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    result = tut(run_cli, project, "study", "training", "pilot", "--segments", "s001,s002,s003,s004")
    assert result.code == 0, result.err
    assert "4 segments (by id)" in result.out
    # reference: s001 M, s002 P (agreed), s003 R (adjudicated), s004 M (agreed)
    practise(project, TRAINEE, {"s001": [M], "s002": [M], "s003": [R], "s004": [M]})
    practise(project, "eve", {"s001": [M], "s002": [P]})
    result = tut(run_cli, project, "study", "calibration", "pilot", "--json")
    assert result.code == 0, result.err
    rows = {r["coder"]: r for r in json.loads(result.out)["trainees"]}
    # Zoë: 3 of 4 agree; trainee M3 R1, reference M2 P1 R1: pe = (3*2 + 1*1)/16 = 7/16,
    # kappa = (12/16 - 7/16) / (9/16) = 5/9
    assert (rows[TRAINEE]["n"], rows[TRAINEE]["agreed"]) == (4, 3)
    assert rows[TRAINEE]["percent_agreement"] == pytest.approx(0.75)
    assert rows[TRAINEE]["kappa"] == pytest.approx(5 / 9)
    # eve: 2 of 2, pe = (1*1 + 1*1)/4 = 1/2, kappa 1
    assert (rows["eve"]["n"], rows["eve"]["percent_agreement"], rows["eve"]["kappa"]) == (2, 1.0, 1.0)
    text = tut(run_cli, project, "study", "calibration", "pilot").out
    assert f"  {TRAINEE}     4       3    75.0%   0.556" in text


def test_practice_codes_are_absent_from_agreement_consensus_and_status(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    before = tut(run_cli, project, "agreement", "pilot", "--json").out
    status_before = tut(run_cli, project, "study", "status", "pilot", "--json").out
    assert tut(run_cli, project, "study", "training", "pilot", "--sample", "5").code == 0
    practise(project, TRAINEE, {"s003": [P]})
    data = open_study(project / "coded_responses" / "pilot")
    assert TRAINEE not in data.coders and set(data.codings()) == {"ana", "bob"}
    assert tut(run_cli, project, "agreement", "pilot", "--json").out == before
    assert tut(run_cli, project, "study", "status", "pilot", "--json").out == status_before
    export = tut(run_cli, project, "study", "export", "pilot", "--format", "jsonl")
    assert export.code == 0, export.err
    exported = (project / "coded_responses" / "pilot" / "exports" / "pilot.jsonl").read_text()
    assert TRAINEE not in exported
    assert coder_file(data.dir / PRACTICE, TRAINEE, ".jsonl").is_file()


def test_training_set_needs_reference_codes(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    result = tut(run_cli, project, "study", "training", "pilot", "--segments", "s003,s005,s006")
    assert result.code == 2
    assert "no reference codes" in result.err and "s005, s006" in result.err
    assert "Traceback" not in result.err
    assert tut(run_cli, project, "study", "training", "pilot", "--segments", "s999").code == 2
    # a sample is drawn from adjudicated segments only
    assert tut(run_cli, project, "study", "training", "pilot", "--sample", "3").code == 0
    saved = json.loads((project / "coded_responses" / "pilot" / "training.json").read_text())
    assert saved["segments"] == ["s003"] and saved["reference"] == {"s003": [R]}
    again = tut(run_cli, project, "study", "training", "pilot", "--sample", "1")
    assert again.code == 2 and "already has a training set" in again.err
    none = tut(run_cli, project, "study", "calibration", "pilot")
    assert none.code == 0 and "No practice codes yet" in none.out


def test_practice_without_a_training_set_is_one_clear_error(run_cli, project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("tut.cli.code.has_terminal", lambda: True)  # as typed in a terminal
    result = tut(run_cli, project, "code", "pilot", "--coder", TRAINEE, "--practice")
    assert result.code == 2
    assert "the study has no training set" in result.err and "tut study training" in result.err


def test_cohen_kappa_is_undefined_with_one_category() -> None:
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0


async def test_the_practice_screen_shows_the_reference_after_each_answer(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    assert tut(run_cli, project, "study", "training", "pilot", "--segments", "s002,s003").code == 0
    study = project / "coded_responses" / "pilot"
    journals_before = {p.name: p.read_bytes() for p in (study / "journals").iterdir()}
    frame = open_study(study).frame
    app = make_coding_app(study, TRAINEE, lang="en", practice=True)
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert [s.id for s in screen.session.segments] == ["s002", "s003"]  # the training set
        await pilot.press(frame.code(M).hotkey, frame.code(R).hotkey)  # s002: two codes
        assert screen.last_note is None  # still answering: no reference yet
        await pilot.press(frame.code(R).hotkey)  # takes responsibility back
        await pilot.press("j")  # leaving s002 answers it: reference is presence-only
        await pilot.pause()
        assert screen.last_note == (
            "s002", "Differs from the reference. Reference codes: Presence only", False)
        await pilot.press(frame.code(R).hotkey, "k")  # s003: adjudicated responsibility
        await pilot.pause()
        assert screen.last_note[0] == "s003" and screen.last_note[2] is True
        # an answer seen against the reference cannot be changed, by key or by undo
        await pilot.press(frame.code(P).hotkey, "u")
        assert screen.session.codes_of("s002") == (M,)
        await pilot.press("q")
    assert {p.name: p.read_bytes() for p in (study / "journals").iterdir()} == journals_before
    result = tut(run_cli, project, "study", "calibration", "pilot", "--json")
    row = json.loads(result.out)["trainees"][0]
    assert (row["coder"], row["n"], row["agreed"]) == (TRAINEE, 2, 1)


def test_the_practice_note_speaks_the_coders_language(project: Path) -> None:
    from tut.coding.practice import practice_note

    frame = open_study(project / "coded_responses" / "pilot").frame
    text, same = practice_note(frame, (P,), (P,), "es")
    assert same and text == f"Coincide con la referencia. Códigos de referencia: {frame.code(P).label_es}"


def test_a_withdrawn_respondent_leaves_the_calibration(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    assert tut(run_cli, project, "study", "training", "pilot", "--segments", "s001,s002,s003").code == 0
    practise(project, "eve", {"s001": [M], "s002": [M], "s003": [R]})
    assert tut(run_cli, project, "study", "withdraw", "pilot", "--respondent", "r01",
               "--reason", "consent withdrawn").code == 0  # r01 answered s001 and s002
    row = json.loads(tut(run_cli, project, "study", "calibration", "pilot", "--json").out)["trainees"][0]
    assert (row["n"], row["agreed"]) == (1, 1)
