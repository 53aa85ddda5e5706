"""The coding frame revised during a study (`tut study revise-frame`): a new code, a retired
code, two codes merged, a label changed. Journals stay as they are; every stage reads the
current frame version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tui_support import build_study

from tut.coding.store import CoderJournal, journal_path
from tut.coding.study import open_study
from tut.errors import TutError
from tut.tui.app import make_coding_app
from tut.tui.screens.coding import CodingScreen

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "coding"
PROTOCOL_ID = "supervisory-care-wording-test"


@pytest.fixture
def project(run_cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Study 'pilot' (six segments): ana and bob disagree on s001 (on-call / monitoring)."""
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    assert run_cli("--project", str(root), "study", "init", "pilot", "--protocol", PROTOCOL_ID,
                   "--segments", str(FIXTURES / "segments.csv")).code == 0
    data = open_study(root / "coded_responses" / "pilot")
    plan = {"ana": ["on-call", "presence-only", "monitoring", "responsibility"],
            "bob": ["monitoring", "presence-only", "on-call", "presence-only"]}
    for coder, codes in plan.items():
        with CoderJournal.open(data.dir, coder, data.frame) as journal:
            for seg, code in zip(data.segments, codes, strict=False):
                journal.set_codes(seg.id, [code])
    return root


def tut(run_cli, project: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("--project", str(project), *args)


def journals(project: Path) -> dict[str, bytes]:
    folder = project / "coded_responses" / "pilot" / "journals"
    return {p.name: p.read_bytes() for p in folder.glob("*.jsonl")}


def alpha(run_cli, project: Path) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    result = tut(run_cli, project, "agreement", "pilot", "--json")
    assert result.code == 0, result.err
    out = json.loads(result.out)
    return out["frame_version"], out["overall"]["krippendorff_alpha_masi"]["value"]


def test_merged_codes_are_read_as_the_new_code_and_journals_stay(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    before = journals(project)
    version, before_alpha = alpha(run_cli, project)
    assert version == 1
    result = tut(run_cli, project, "study", "revise-frame", "pilot", "--merge", "on-call,monitoring",
                 "--into", "monitoring", "--rationale", "coders cannot tell them apart")
    assert result.code == 0, result.err
    assert "version 2: merged on-call into monitoring" in result.out
    assert journals(project) == before  # the audit trail is untouched

    data = open_study(project / "coded_responses" / "pilot")
    assert data.frame.version == 2
    assert data.frame.retired == ("on-call",)
    codings = data.codings()
    assert codings["ana"]["s001"].codes == ("monitoring",)  # given as on-call
    assert codings["bob"]["s003"].codes == ("monitoring",)
    assert [d.segment_id for d in data.disagreements()] == ["s004"]
    # agreement is computed on version 2 and says so: s001 and s003 now agree
    version, after_alpha = alpha(run_cli, project)
    assert version == 2 and after_alpha > before_alpha
    text = tut(run_cli, project, "agreement", "pilot").out
    assert "frame supervisory-care-interpretation version 2" in text
    status = tut(run_cli, project, "study", "status", "pilot").out
    assert "frame supervisory-care-interpretation version 2 (multiple)" in status

    # the merged code cannot be given any more; the code it went into can
    with CoderJournal.open(data.dir, "ana", data.frame) as ana:
        with pytest.raises(TutError, match="retired in a revision.*use monitoring"):
            ana.set_codes("s005", ["on-call"])
        ana.set_codes("s005", ["monitoring"])
        assert ana.state["s001"].codes == ("monitoring",)  # the writer replays the same way


def test_add_retire_and_relabel_make_versions_in_an_append_only_record(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    steps = [
        ("--add", "night-watch", "--label", "Night watch", "--definition", "Checks on the child at night",
         "--hotkey", "w", "--rationale", "three answers speak of it"),
        ("--retire", "presence-only", "--rationale", "never the only reading", "--by", "Ana María"),
        ("--relabel", "monitoring", "--label", "Keeping watch", "--rationale", "coders' word"),
    ]
    saved = []
    for step in steps:
        result = tut(run_cli, project, "study", "revise-frame", "pilot", *step)
        assert result.code == 0, result.err
        saved.append((project / "coded_responses" / "pilot" / "frame_revisions.json").read_text())
    record = json.loads(saved[-1])["revisions"]
    assert [(r["version"], r["change"], r["codes"]) for r in record] == [
        (2, "add", ["night-watch"]), (3, "retire", ["presence-only"]), (4, "relabel", ["monitoring"])]
    assert json.loads(saved[0])["revisions"] == record[:1]  # earlier entries never rewritten
    assert record[1]["by"] == "Ana María" and "by" not in record[0]
    data = open_study(project / "coded_responses" / "pilot")
    frame = data.frame
    assert frame.version == 4
    assert frame.code("night-watch").hotkey == "w" and frame.code("night-watch").family == "concept"
    assert frame.code("monitoring").label == "Keeping watch"
    # the retired code stays readable where it was given, and cannot be given again
    assert data.codings()["ana"]["s002"].codes == ("presence-only",)
    assert frame.code("presence-only").label == "Presence only"
    with CoderJournal.open(data.dir, "ana", frame) as ana:
        with pytest.raises(TutError, match="retired"):
            ana.set_codes("s006", ["presence-only"])
        ana.set_codes("s006", ["night-watch"])
    # the export still labels the retired code
    out = tut(run_cli, project, "study", "export", "pilot", "--format", "jsonl")
    assert out.code == 0, out.err


def test_revisions_that_do_not_fit_the_frame_are_refused_and_nothing_is_written(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    record = project / "coded_responses" / "pilot" / "frame_revisions.json"
    cases = [
        (("--retire", "no-such-code", "--rationale", "x"), "no code 'no-such-code'"),
        (("--add", "monitoring", "--label", "M", "--definition", "D", "--rationale", "x"),
         "already in the frame"),
        (("--add", "new", "--label", "New", "--rationale", "x"), "needs a label and a definition"),
        (("--add", "new", "--label", "N", "--definition", "D", "--hotkey", "1", "--rationale", "x"),
         "hotkey '1' is code presence-only's"),
        (("--merge", "on-call", "--into", "on-call", "--rationale", "x"), "needs two codes"),
        (("--relabel", "monitoring", "--rationale", "  "), "needs a rationale"),
    ]
    for args, message in cases:
        result = tut(run_cli, project, "study", "revise-frame", "pilot", *args)
        assert result.code == 2, (args, result.out)
        assert message in result.err and result.err.startswith("error: ")
        assert "Traceback" not in result.err
    assert not record.exists()
    assert tut(run_cli, project, "study", "revise-frame", "pilot", "--retire", "on-call",
               "--rationale", "x").code == 0
    result = tut(run_cli, project, "study", "revise-frame", "pilot", "--merge", "on-call,monitoring",
                 "--into", "monitoring", "--rationale", "x")
    assert result.code == 2 and f"error: {record}:version 3: code 'on-call' is retired" in result.err


async def test_the_coding_screen_shows_the_current_frame_version(tmp_path: Path) -> None:
    project, study = build_study(tmp_path / "proj", n=6)
    frame = open_study(study).frame
    on_call = frame.code("on-call").hotkey
    from tut.coding.revise import revise_frame

    revise_frame(study, "merge", ["on-call", "monitoring"], "same thing", into="monitoring")
    revise_frame(study, "add", ["night-watch"], "new", fields={
        "label": "Night watch", "definition": "At night", "hotkey": "w"})
    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        assert "on-call" not in {c.id for c in screen.session.frame.codes}
        await pilot.press(on_call)  # the merged code's old hotkey gives nothing
        await pilot.press("w")  # the new code's hotkey codes the segment shown
        await pilot.press("q")
    from tut.coding.store import read_journal

    events = read_journal(journal_path(study, "ana")).events
    assert [(e.segment_id, e.codes) for e in events] == [("s00000", ("night-watch",))]


def test_a_study_that_grows_and_has_a_merged_code(run_cli, project: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert tut(run_cli, project, "study", "revise-frame", "pilot", "--merge", "on-call,monitoring",
               "--into", "monitoring", "--rationale", "same reading").code == 0
    more = tmp_path / "week2.csv"
    more.write_text("segment_id,respondent_id,interview_id,variant_id,probe_id,answer\n"
                    "s101,r09,i09,atus-incare-en,meaning,Estaba al pendiente de ellos.\n",
                    encoding="utf-8")
    assert tut(run_cli, project, "study", "add", "pilot", "--segments", str(more)).code == 0
    data = open_study(project / "coded_responses" / "pilot")
    assert data.frame.version == 2 and "s101" in data.segment_ids
    with CoderJournal.open(data.dir, "bob", data.frame) as bob:
        bob.set_codes("s101", ["monitoring"])
        with pytest.raises(TutError, match="retired"):
            bob.set_codes("s101", ["on-call"])
    data = open_study(data.dir)
    assert data.codings()["bob"]["s101"].codes == ("monitoring",)
    assert data.codings()["ana"]["s001"].codes == ("monitoring",)  # given as on-call


def test_a_damaged_revisions_file_is_one_clear_error(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    assert tut(run_cli, project, "study", "revise-frame", "pilot", "--retire", "on-call",
               "--rationale", "x").code == 0
    confused = tut(run_cli, project, "agreement", "pilot", "--confusion", "--by", "probe")
    assert confused.code == 2 and "without --by or --bootstrap" in confused.err
    record = project / "coded_responses" / "pilot" / "frame_revisions.json"
    record.write_text(record.read_text()[:40], encoding="utf-8")
    result = tut(run_cli, project, "study", "status", "pilot")
    assert result.code == 2 and result.err.startswith(f"error: {record}:")
    assert "damaged file" in result.err and "Traceback" not in result.err
