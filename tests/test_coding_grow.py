"""A study grows and shrinks after it starts: more interviews come in (`tut study add`), and
a respondent withdraws consent (`tut study withdraw`). Coders' journals are never touched."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import filelock
import pytest

from tut.coding.store import CoderJournal
from tut.coding.study import open_study

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "coding"
PROTOCOL_ID = "supervisory-care-wording-test"
HEADER = "segment_id,respondent_id,interview_id,variant_id,probe_id,answer,notes,sex\n"


@pytest.fixture
def project(run_cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A project with study 'pilot' (six segments, respondents r01-r04) coded by ana and bob."""
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    result = run_cli("--project", str(root), "study", "init", "pilot", "--protocol", PROTOCOL_ID,
                     "--segments", str(FIXTURES / "segments.csv"))
    assert result.code == 0, result.err
    data = open_study(root / "coded_responses" / "pilot")
    for coder, codes in (("ana", ["monitoring", "responsibility", "on-call", "monitoring", "presence-only"]),
                         ("bob", ["monitoring", "presence-only", "on-call", "monitoring", "on-call"])):
        with CoderJournal.open(data.dir, coder, data.frame) as journal:
            for seg, code in zip(data.segments, codes, strict=False):
                journal.set_codes(seg.id, [code])
    with CoderJournal.open(data.dir, "dora", data.frame) as dora:
        dora.adjudicate("s002", ["responsibility"], "r01 says she is in charge")
    return root


def study_files(project: Path) -> dict[str, bytes]:
    """Every record of the study folder (lock files are not records: they hold nothing)."""
    folder = project / "coded_responses" / "pilot"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix != ".lock"}


def journals(project: Path) -> dict[str, bytes]:
    return {k: v for k, v in study_files(project).items() if k.startswith("journals/")}


def tut(run_cli, project: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("--project", str(project), *args)


# --- study add ------------------------------------------------------------------------------


def test_new_interviews_join_the_study_and_codes_made_so_far_stay(run_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = journals(project)
    more = tmp_path / "week2.csv"
    more.write_text(HEADER + "s101,r05,i05,atus-incare-en,meaning,Keeping an eye on them.,,Male\n"
                    "s102,r05,i05,atus-incare-en,sleeping-child,\"No, not when asleep.\",,Male\n", encoding="utf-8")
    result = tut(run_cli, project, "study", "add", "pilot", "--segments", str(more))
    assert result.code == 0, result.err
    assert "Added 2 segments to study 'pilot': 8 segments now" in result.out
    data = open_study(project / "coded_responses" / "pilot")
    assert [s.id for s in data.segments][-2:] == ["s101", "s102"]
    assert data.segment("s101").answer == "Keeping an eye on them."
    assert data.codings()["ana"]["s001"].codes == ("monitoring",)
    assert journals(project) == before
    status = tut(run_cli, project, "study", "status", "pilot")
    assert "Segments: 8" in status.out


def test_a_bad_file_adds_nothing_and_names_every_problem(run_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = study_files(project)
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER
                   + "s201,r06,i06,atus-incare-en,meaning,Fine.,,Female\n"
                   + "s001,r01,i01,atus-incare-en,meaning,Again.,,Female\n"
                   + "s202,r06,i06,atus-incare-fr,meaning,Bien.,,Female\n"
                   + "s203,r06,i06,atus-incare-en,feelings,Fine.,,Female\n", encoding="utf-8")
    result = tut(run_cli, project, "study", "add", "pilot", "--segments", str(bad))
    assert result.code == 2
    assert f"error: {bad}:line 4: unknown variant 'atus-incare-fr'" in result.err
    assert f"error: {bad}:line 5: unknown probe 'feelings'" in result.err
    assert study_files(project) == before  # the file problems come first; nothing was written

    dupe = tmp_path / "dupe.csv"
    dupe.write_text(HEADER + "s201,r06,i06,atus-incare-en,meaning,Fine.,,Female\n"
                    + "s001,r01,i01,atus-incare-en,meaning,Again.,,Female\n", encoding="utf-8")
    result = tut(run_cli, project, "study", "add", "pilot", "--segments", str(dupe))
    assert result.code == 2
    assert result.err.strip() == (
        f"error: {dupe}:line 3: segment 's001' is already in study 'pilot' "
        "(give it another segment_id, or leave the row out)"
    )
    assert study_files(project) == before
    assert not [p for p in (project / "coded_responses" / "pilot").iterdir() if ".tmp" in p.name]


CP1252_ROWS = (
    "respondent_id,interview_id,variant_id,probe_id,answer\n"
    "r07,i07,enut-child-pendiente-es,meaning,\u201cEstar al pendiente\u201d del niño aunque esté dormido\n"
)


def test_excel_files_in_windows_1252_are_read_with_encoding(run_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    excel = tmp_path / "excel.csv"
    excel.write_bytes(CP1252_ROWS.encode("cp1252"))
    assert b"\x93" in excel.read_bytes() and b"\xf1" in excel.read_bytes()  # curly quote and ñ
    refused = tut(run_cli, project, "study", "add", "pilot", "--segments", str(excel))
    assert refused.code == 2 and f"{excel}:line 2: not UTF-8" in refused.err
    result = tut(run_cli, project, "study", "add", "pilot", "--segments", str(excel), "--encoding", "windows-1252")
    assert result.code == 0, result.err
    (seg,) = [s for s in open_study(project / "coded_responses" / "pilot").segments if s.respondent_id == "r07"]
    assert seg.answer == "\u201cEstar al pendiente\u201d del niño aunque esté dormido"
    # study init takes the same option; a UTF-8 file named as Latin-1 is refused, never garbled
    result = tut(run_cli, project, "study", "init", "mx", "--protocol", PROTOCOL_ID,
                 "--segments", str(excel), "--encoding", "cp1252")
    assert result.code == 0, result.err
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text(CP1252_ROWS, encoding="utf-8")
    result = tut(run_cli, project, "study", "init", "mx2", "--protocol", PROTOCOL_ID,
                 "--segments", str(utf8), "--encoding", "latin-1")
    assert result.code == 2 and "the file is UTF-8, not latin-1" in result.err
    assert "unknown encoding 'klingon'" in tut(run_cli, project, "study", "init", "mx3", "--protocol", PROTOCOL_ID,
                                               "--segments", str(utf8), "--encoding", "klingon").err


# --- study withdraw -------------------------------------------------------------------------


def test_a_withdrawn_respondent_leaves_exports_agreement_and_report(run_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = journals(project)
    agreement = json.loads(tut(run_cli, project, "agreement", "pilot", "--json").out)
    assert agreement["n_segments"] == 6
    result = tut(run_cli, project, "study", "withdraw", "pilot", "--respondent", "r01",
                 "--reason", "asked by phone on 3 March")
    assert result.code == 0, result.err
    assert "Respondent 'r01' withdrawn from study 'pilot' (2 segments)" in result.out
    assert journals(project) == before  # the audit trail is kept byte for byte

    out = tmp_path / "pilot.csv"
    assert tut(run_cli, project, "study", "export", "pilot", "--format", "csv", "--out", str(out)).code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["segment_id"] for r in rows] == ["s003", "s004", "s005", "s006"]
    jsonl = tmp_path / "pilot.jsonl"
    assert tut(run_cli, project, "study", "export", "pilot", "--format", "jsonl", "--out", str(jsonl)).code == 0
    assert "r01" not in jsonl.read_text(encoding="utf-8")
    agreement = json.loads(tut(run_cli, project, "agreement", "pilot", "--json").out)
    assert agreement["n_segments"] == 4
    report = tmp_path / "report"
    assert tut(run_cli, project, "report", "pilot", "--out", str(report), "--bootstrap", "200").code == 0
    for name in ("report.md", "report.json", "report.html"):
        text = (report / name).read_text(encoding="utf-8")
        assert "r01" not in text and "I was watching them even if I was cooking" not in text

    status = tut(run_cli, project, "study", "status", "pilot")
    assert "Segments: 4" in status.out
    assert "Withdrawn (consent): 1 respondent, 2 segments" in status.out
    record = json.loads((project / "coded_responses" / "pilot" / "withdrawals.json").read_text(encoding="utf-8"))
    (entry,) = record["withdrawals"]
    assert (entry["respondent_id"], entry["reason"], entry["segments"]) == (
        "r01", "asked by phone on 3 March", ["s001", "s002"],
    )
    assert entry["time"].endswith("+00:00")


def test_withdrawals_are_refused_when_they_cannot_be_right(run_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tut(run_cli, project, "study", "withdraw", "pilot", "--respondent", "r01", "--reason", "consent").code == 0
    before = study_files(project)
    again = tut(run_cli, project, "study", "withdraw", "pilot", "--respondent", "r01", "--reason", "twice")
    assert again.code == 2 and "respondent 'r01' has already withdrawn" in again.err
    nobody = tut(run_cli, project, "study", "withdraw", "pilot", "--respondent", "r99", "--reason", "x")
    assert nobody.code == 2 and "no respondent 'r99' in study 'pilot'" in nobody.err
    blank = tut(run_cli, project, "study", "withdraw", "pilot", "--respondent", "r02", "--reason", " ")
    assert blank.code == 2 and "needs a reason" in blank.err
    back = tmp_path / "back.csv"
    back.write_text(HEADER + "s301,r01,i01,atus-incare-en,recall,Yes.,,Female\n", encoding="utf-8")
    result = tut(run_cli, project, "study", "add", "pilot", "--segments", str(back))
    assert result.code == 2 and f"{back}:line 2: respondent 'r01' withdrew consent on" in result.err
    assert study_files(project) == before


def test_interviews_after_a_wording_the_study_had_not_seen_add_it_to_the_study(run_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "first.csv"
    first.write_text(HEADER + "a1,r1,i1,atus-incare-en,meaning,Watching them.,,Male\n", encoding="utf-8")
    assert tut(run_cli, project, "study", "init", "grow", "--protocol", PROTOCOL_ID, "--segments", str(first)).code == 0
    folder = project / "coded_responses" / "grow"
    assert open_study(folder).study.variants == ("atus-incare-en",)
    later = tmp_path / "later.csv"
    later.write_text(HEADER + "b1,r2,i2,cand-responsible-en,meaning,In charge of them.,,Female\n", encoding="utf-8")
    result = tut(run_cli, project, "study", "add", "grow", "--segments", str(later))
    assert result.code == 0, result.err
    assert "new variants: cand-responsible-en" in result.out
    data = open_study(folder)
    assert data.study.variants == ("atus-incare-en", "cand-responsible-en")
    assert [s.id for s in data.segments] == ["a1", "b1"]


def test_the_report_names_the_withdrawals_file_among_its_inputs(run_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tut(run_cli, project, "study", "withdraw", "pilot", "--respondent", "r02", "--reason", "consent").code == 0
    report = tmp_path / "report"
    assert tut(run_cli, project, "report", "pilot", "--out", str(report), "--bootstrap", "200").code == 0
    files = json.loads((report / "report.json").read_text(encoding="utf-8"))["provenance"]["files"]
    assert any(f["role"] == "withdrawals" and f["path"].endswith("withdrawals.json") for f in files)


def test_one_change_at_a_time(run_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    more = tmp_path / "more.csv"
    more.write_text(HEADER + "s401,r09,i09,atus-incare-en,meaning,Fine.,,Male\n", encoding="utf-8")
    folder = project / "coded_responses" / "pilot"
    with filelock.FileLock(str(folder / ".changing.lock"), timeout=0):  # another 'study add' at work
        before = study_files(project)
        result = tut(run_cli, project, "study", "add", "pilot", "--segments", str(more))
        assert result.code == 2 and "another change to this study is under way" in result.err
        result = tut(run_cli, project, "study", "withdraw", "pilot", "--respondent", "r01", "--reason", "x")
        assert result.code == 2 and "another change to this study is under way" in result.err
        assert study_files(project) == before
    assert tut(run_cli, project, "study", "add", "pilot", "--segments", str(more)).code == 0
