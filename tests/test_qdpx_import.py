"""`tut study init NAME --from-qdpx FILE`: coded selections become segments, codings become
each coder's journal events (marked as imported); tut's own export comes back the same."""

from __future__ import annotations

import json
from dataclasses import replace

from coding_support import PROTOCOL, SEGMENTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qda_support import PROTOCOL_ID, example_project, guid, make_qdpx, small_project

from tut.coding.qdpx_export import qdpx_bytes
from tut.coding.qdpx_import import plan_import
from tut.coding.qdpx_read import read_project
from tut.coding.store import CoderJournal, journal_path
from tut.coding.study import create_study, open_study

TEXT = "I was watching them. Asleep counts too."


def test_tuts_own_export_comes_back_with_the_same_codes_memos_and_agreement(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    qdpx = root / "sc.qdpx"
    assert run_cli("--project", str(root), "study", "export", "sc", "--format", "qdpx", "--out", str(qdpx)).code == 0
    made = run_cli("--project", str(root), "study", "init", "back", "--protocol", PROTOCOL_ID, "--from-qdpx", str(qdpx))
    assert made.code == 0, made.err
    assert "360 segments" in made.out
    old, new = (open_study(root / "coded_responses" / n) for n in ("sc", "back"))
    assert {s.id: (s.answer, s.variant_id, s.probe_id, s.respondent_id, s.notes, s.attributes) for s in new.segments} == \
        {s.id: (s.answer, s.variant_id, s.probe_id, s.respondent_id, s.notes, s.attributes) for s in old.segments}

    def codes_and_memos(data):  # type: ignore[no-untyped-def]
        return {coder: {sid: (c.codes, c.memo) for sid, c in state.items() if c.codes or c.memo}
                for coder, state in data.codings(1).items()}

    assert codes_and_memos(new) == codes_and_memos(old)
    assert {sid: (a.codes, a.adjudicator, a.rationale, a.time) for sid, a in new.adjudications.items()} == \
        {sid: (a.codes, a.adjudicator, a.rationale, a.time) for sid, a in old.adjudications.items()}
    agreement = [run_cli("--project", str(root), "agreement", n, "--json") for n in ("sc", "back")]
    assert agreement[0].code == 0 and agreement[0].out == agreement[1].out
    lines = journal_path(new.dir, "beto").read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["imported"] == "sc.qdpx" for line in lines)


def test_codes_named_otherwise_are_listed_and_nothing_is_imported_until_mapped(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    qdpx = make_qdpx(tmp_path / "other.qdpx", small_project(codes=("Responsible", "Sleep counts")),
                     {f"sources/{guid(50)}.txt": TEXT.encode()})
    args = ("--project", str(root), "study", "init", "hand", "--protocol", PROTOCOL_ID, "--from-qdpx", str(qdpx),
            "--variant", "atus-incare-en", "--probe", "meaning")
    refused = run_cli(*args)
    assert refused.code == 2
    assert refused.err.splitlines() == [
        f"error: {qdpx}:project.qde:code '{name}': the code is used but is not in frame supervisory-care-interpretation "
        f"(map it in --codes MAP.yaml ('{name}': CODE-ID), or add it to the frame)" for name in ("Responsible", "Sleep counts")]
    assert not (root / "coded_responses" / "hand").exists()
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Responsible: responsibility\nSleep counts: counts-sleeping\n", encoding="utf-8")
    made = run_cli(*args, "--codes", str(mapping))
    assert made.code == 0, made.err
    data = open_study(root / "coded_responses" / "hand")
    assert [(s.id, s.answer, s.interview_id) for s in data.segments] == [
        ("seg0", TEXT[:20], "int-7"), ("seg1", TEXT[21:], "int-7")]
    assert {sid: c.codes for sid, c in data.codings(1)["Zoë"].items()} == {
        "seg0": ("responsibility",), "seg1": ("counts-sleeping",)}
    times = [json.loads(line)["time"] for line in journal_path(data.dir, "Zoë").read_text(encoding="utf-8").splitlines()]
    assert times == ["2024-05-01T10:00:00Z", "2024-05-02T10:00:00Z"]


def test_a_mapping_to_a_code_the_frame_lacks_is_refused_at_its_line(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project(), {f"sources/{guid(50)}.txt": TEXT.encode()})
    mapping = tmp_path / "map.yaml"
    mapping.write_text("responsibility: responsibility\nx: no-such-code\n", encoding="utf-8")
    result = run_cli("--project", str(root), "study", "init", "m", "--protocol", PROTOCOL_ID, "--from-qdpx", str(qdpx),
                     "--codes", str(mapping), "--variant", "atus-incare-en", "--probe", "meaning")
    assert result.code == 2
    assert result.err.startswith(f"error: {mapping}:line 2")
    assert "'no-such-code' (for 'x') is not a code of frame" in result.err


def test_selections_that_do_not_say_their_wording_need_variant_and_probe(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project(codes=("responsibility", "counts-sleeping")),
                     {f"sources/{guid(50)}.txt": TEXT.encode()})
    result = run_cli("--project", str(root), "study", "init", "m", "--protocol", PROTOCOL_ID, "--from-qdpx", str(qdpx))
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"error: {qdpx}:project.qde:/Project/Sources/TextSource[1]/PlainTextSelection[1]: selection 'seg0' does not "
        "say which wording variant and probe it answers (give --variant ID --probe ID for selections from other tools)")
    assert not (root / "coded_responses" / "m").exists()


def test_sources_other_than_plain_text_are_listed_as_skipped(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    pdf = f'<PDFSource guid="{guid(60)}" name="consent form" path="internal://{guid(60)}.pdf"/>'
    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project(extra_sources=pdf), {f"sources/{guid(50)}.txt": TEXT.encode()})
    result = run_cli("--project", str(root), "study", "init", "m", "--protocol", PROTOCOL_ID, "--from-qdpx", str(qdpx),
                     "--variant", "atus-incare-en", "--probe", "meaning")
    assert result.code == 0, result.err
    assert "skipped: PDFSource 'consent form' (only plain-text sources are imported)" in result.err
    assert len(open_study(root / "coded_responses" / "m").segments) == 2


def test_segments_and_from_qdpx_are_one_or_the_other(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    result = run_cli("--project", str(root), "study", "init", "m", "--protocol", PROTOCOL_ID)
    assert result.code == 2 and "give either --segments FILE or --from-qdpx FILE" in result.err
    csv = tmp_path / "s.csv"
    csv.write_text("respondent_id,interview_id,variant_id,probe_id,answer\nr,i,atus-incare-en,meaning,yes\n",
                   encoding="utf-8")
    result = run_cli("--project", str(root), "study", "init", "m", "--protocol", PROTOCOL_ID, "--segments", str(csv),
                     "--variant", "atus-incare-en")
    assert result.code == 2 and "--codes, --variant and --probe go with --from-qdpx" in result.err
    assert not (root / "coded_responses" / "m").exists()


ANSWER = st.text(st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\t\r"),
                 min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.lists(ANSWER, min_size=len(SEGMENTS), max_size=len(SEGMENTS)))
def test_any_answers_come_back_exactly_through_an_export(tmp_path_factory, answers) -> None:  # type: ignore[no-untyped-def]
    """Emoji, combining marks, right-to-left text, tabs and line breaks: the offsets still cut
    out exactly each answer, and the import gives it back unchanged."""
    folder = tmp_path_factory.mktemp("prop") / "s"
    segments = [replace(s, answer=a) for s, a in zip(SEGMENTS, answers, strict=True)]
    create_study(folder, "s", PROTOCOL, segments)
    with CoderJournal.open(folder, "Zoë", PROTOCOL.frame()) as journal:
        for s in segments:
            journal.set_codes(s.id, ["responsibility"])
    qdpx = folder.parent / "s.qdpx"
    qdpx.write_bytes(qdpx_bytes(open_study(folder), "2026-01-01T00:00:00Z"))
    plan = plan_import(read_project(qdpx), PROTOCOL, PROTOCOL.frame(), {})
    assert {s.id: s.answer for s in plan.segments} == {s.id: s.answer for s in segments}
    assert {e.segment_id for e in plan.events["Zoë"]} == {s.id for s in segments}


def test_a_note_on_a_coding_from_another_tool_is_a_memo_not_an_adjudication(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    qde = small_project().replace(
        f'<CodeRef targetGUID="{guid(10)}"/>', f'<CodeRef targetGUID="{guid(10)}"/><NoteRef targetGUID="{guid(300)}"/>'
    ).replace("</Sources>", f'</Sources><Notes><Note guid="{guid(300)}" name="comment" creatingUser="{guid(1)}" '
              'creationDateTime="2024-05-03T10:00:00Z"><PlainTextContent>unsure: ask the team</PlainTextContent>'
              '</Note></Notes>')
    qdpx = make_qdpx(tmp_path / "p.qdpx", qde, {f"sources/{guid(50)}.txt": TEXT.encode()})
    made = run_cli("--project", str(root), "study", "init", "m", "--protocol", PROTOCOL_ID, "--from-qdpx", str(qdpx),
                   "--variant", "atus-incare-en", "--probe", "meaning")
    assert made.code == 0, made.err
    data = open_study(root / "coded_responses" / "m")
    assert data.adjudications == {}
    coded = data.codings(1)["Zoë"]["seg0"]
    assert (coded.codes, coded.memo) == (("responsibility",), "unsure: ask the team")


def test_two_codes_from_one_user_in_an_exclusive_frame_are_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from tut.errors import TutError

    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project(selections=[(0, 20), (0, 20)], codes=("clear", "partial")),
                     {f"sources/{guid(50)}.txt": TEXT.encode()})
    frame = PROTOCOL.frame("answer-quality")
    with pytest.raises(TutError) as caught:
        plan_import(read_project(qdpx), PROTOCOL, frame, {}, variant=SEGMENTS[0].variant_id, probe=SEGMENTS[0].probe_id)
    assert [str(p) for p in caught.value.problems] == [
        f"{qdpx}:project.qde:segment seg0: Zoë gave 2 codes (clear, partial) but frame answer-quality takes one "
        "(import with a frame of mode multiple)"]


def test_a_member_too_big_to_read_is_refused_from_its_header(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import struct

    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project(), {f"sources/{guid(50)}.txt": TEXT.encode()})
    data = bytearray(qdpx.read_bytes())
    at = data.find(b"PK\x01\x02")  # project.qde's entry: declares 200 MB, under the 500 MB total
    data[at + 24:at + 28] = struct.pack("<I", 200_000_000)
    qdpx.write_bytes(bytes(data))
    root = example_project(tmp_path)
    result = run_cli("--project", str(root), "study", "init", "m", "--protocol", PROTOCOL_ID, "--from-qdpx", str(qdpx),
                     "--variant", "atus-incare-en", "--probe", "meaning")
    assert result.code == 2
    assert result.err.startswith(f"error: {qdpx}:project.qde: the file is 200,000,000 bytes; a file inside a .qdpx "
                                 "project may be at most 100,000,000 bytes")
