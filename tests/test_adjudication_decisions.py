"""Two adjudicators on one study: conflicts listed by `tut study status`, an explicit revision
settles one, and coders' journal lines naming a code the study lacks are set aside."""

from __future__ import annotations

import json
from pathlib import Path

from tui_support import build_study

from tut.coding.decisions import study_conflicts, study_decisions
from tut.coding.store import CoderJournal, journal_path, read_journal
from tut.coding.study import open_study


def coded(study: Path) -> None:
    """ana and bob disagree on s00000 and s00001."""
    frame = open_study(study).frame
    for coder, codes in (("ana", ["presence-only"]), ("bob", ["responsibility"])):
        with CoderJournal.open(study, coder, frame) as journal:
            journal.set_codes("s00000", codes)
            journal.set_codes("s00001", codes)


def adjudicate(study: Path, who: str, sid: str, codes: list[str], why: str, revises: str = "") -> None:
    with CoderJournal.open(study, who, open_study(study).frame) as journal:
        journal.adjudicate(sid, codes, why, revises=revises)


def test_status_lists_each_conflict_with_its_adjudicators(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, study = build_study(tmp_path / "proj", n=6)
    coded(study)
    adjudicate(study, "dora", "s00000", ["presence-only"], "only says they were there")
    adjudicate(study, "lead", "s00000", ["responsibility"], "speaks of being in charge")
    adjudicate(study, "dora", "s00001", ["responsibility"], "in charge")
    adjudicate(study, "lead", "s00001", ["responsibility"], "agree with dora")

    result = run_cli("--project", str(project.root), "study", "status", "pilot")
    assert result.code == 0, result.err
    assert "Conflicts: 1 segment adjudicated" in result.out
    assert "  s00000  dora: presence-only; lead: responsibility" in result.out
    assert "s00001  " not in result.out  # they agree there

    as_json = json.loads(run_cli("--project", str(project.root), "study", "status", "pilot",
                                 "--json").out)
    assert as_json["conflicts"] == 1
    assert as_json["conflict_list"] == [
        {"segment_id": "s00000",
         "decisions": {"dora": ["presence-only"], "lead": ["responsibility"]}},
    ]


def test_an_explicit_revision_settles_the_conflict_for_the_reviser(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, study = build_study(tmp_path / "proj", n=6)
    coded(study)
    adjudicate(study, "dora", "s00000", ["presence-only"], "only says they were there")
    adjudicate(study, "lead", "s00000", ["responsibility"], "speaks of being in charge")
    assert study_decisions(open_study(study))["s00000"].status == "conflict"

    adjudicate(study, "lead", "s00000", ["responsibility"], "talked it over with dora",
               revises="dora")
    line = json.loads(journal_path(study, "lead").read_text(encoding="utf-8").splitlines()[-1])
    assert line["revises"] == "dora"  # kept in the journal
    decision = study_decisions(open_study(study))["s00000"]
    assert (decision.status, decision.final) == ("adjudicated", ("responsibility",))
    assert set(decision.by_adjudicator) == {"dora", "lead"}  # both decisions still read
    out = tmp_path / "pilot.jsonl"
    assert run_cli("--project", str(project.root), "study", "export", "pilot", "--format",
                   "jsonl", "--out", str(out)).code == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert (first["status"], first["final"]) == ("adjudicated", ["responsibility"])
    status = json.loads(run_cli("--project", str(project.root), "study", "status", "pilot",
                                "--json").out)
    assert (status["conflicts"], status["conflict_list"]) == (0, [])

    assert study_conflicts(open_study(study)) == ()

    # dora decides again without revising lead's revision: a conflict again
    adjudicate(study, "dora", "s00000", ["presence-only"], "I still think so")
    assert study_decisions(open_study(study))["s00000"].status == "conflict"
    assert_conflicts_as_decided(study)


def assert_conflicts_as_decided(study: Path) -> None:
    """The conflicts read off the adjudications alone (what the report counts) are the
    segments the full decisions call conflict."""
    data = open_study(study)
    decided = study_decisions(data)
    expected = tuple(sid for sid, d in decided.items() if d.status == "conflict")
    assert study_conflicts(data) == expected and expected


def test_conflicts_on_several_segments_in_the_segments_order(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=6)
    coded(study)
    adjudicate(study, "lead", "s00001", ["presence-only"], "there")
    adjudicate(study, "dora", "s00001", ["responsibility"], "in charge")
    adjudicate(study, "dora", "s00000", ["presence-only"], "there")
    adjudicate(study, "lead", "s00000", ["responsibility"], "in charge")
    adjudicate(study, "lead", "s00002", ["responsibility"], "alone: no conflict")
    assert study_conflicts(open_study(study)) == ("s00000", "s00001")
    assert_conflicts_as_decided(study)


def test_a_journal_without_revises_reads_as_before(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=6)
    coded(study)
    adjudicate(study, "dora", "s00000", ["presence-only"], "why")
    raw = journal_path(study, "dora").read_text(encoding="utf-8")
    assert "revises" not in raw
    assert read_journal(journal_path(study, "dora")).events[0].revises == ""


def test_a_coders_line_naming_an_unknown_code_is_set_aside_and_warned(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, study = build_study(tmp_path / "proj", n=6)
    coded(study)
    with journal_path(study, "ana").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"seq": 3, "time": "2025-01-01T00:00:00+00:00", "coder": "ana",
                             "action": "set", "segment_id": "s00002",
                             "codes": ["cuida-de-noche"], "round": 1}) + "\n")
    data = open_study(study)
    assert "s00002" not in data.codings(1)["ana"]  # not replayed
    assert [(k.line, k.unknown_code) for k in data.skipped] == [(3, "cuida-de-noche")]

    where = "ana.jsonl:line 3: code 'cuida-de-noche' is not in the frame"
    status = run_cli("--project", str(project.root), "study", "status", "pilot")
    assert status.code == 0 and "warning: " in status.err and where in status.err
    out = tmp_path / "pilot.csv"
    export = run_cli("--project", str(project.root), "study", "export", "pilot", "--format", "csv",
                     "--out", str(out))
    assert export.code == 0 and where in export.err
    agreement = run_cli("--project", str(project.root), "agreement", "pilot")
    assert agreement.code == 0 and where in agreement.err
    assert "cuida-de-noche" not in out.read_text(encoding="utf-8")
    assert journal_path(study, "ana").read_text(encoding="utf-8").count("cuida-de-noche") == 1
