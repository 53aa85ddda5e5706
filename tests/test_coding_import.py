"""Importing interview segments: Spanish spreadsheets work, bad files name every bad line."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from coding_support import FIXTURES, PROTOCOL

from tut.coding.study import create_study, read_segments
from tut.errors import TutError


def problems_of(path: Path) -> list[str]:
    with pytest.raises(TutError) as caught:
        read_segments(path, PROTOCOL)
    return [str(p) for p in caught.value.problems]


def test_a_csv_with_segment_ids_and_respondent_attributes() -> None:
    segments = read_segments(FIXTURES / "segments.csv", PROTOCOL)
    assert [s.id for s in segments] == ["s001", "s002", "s003", "s004", "s005", "s006"]
    s4 = segments[3]
    assert (s4.respondent_id, s4.interview_id, s4.variant_id, s4.probe_id) == (
        "r03", "i03", "enut-child-pendiente-es", "meaning",
    )
    assert s4.answer.endswith("la niña necesita algo, yo estoy ahí.")
    assert s4.notes == "entrevista en español"
    assert s4.attributes == {"sex": "Female", "age_group": "35-44", "has_child_u13": "yes"}


def test_an_excel_csv_in_spanish_with_bom_semicolons_and_a_two_line_answer() -> None:
    segments = read_segments(FIXTURES / "segments_excel_es.csv", PROTOCOL)
    assert len(segments) == 4
    assert segments[0].answer.startswith("Estar al pendiente es que si el niño se despierta, yo lo atiendo;")
    assert segments[2].answer == "Que yo era la responsable,\ncomo quien dice, la que respondía por él."
    assert segments[2].attributes == {"sexo": "Mujer", "grupo_edad": "40-49"}
    # no segment_id column: ids derived from respondent, variant and probe, the same every time
    assert segments[1].id == "r10-enut-child-pendiente-es-sleeping-child"
    assert [s.id for s in read_segments(FIXTURES / "segments_excel_es.csv", PROTOCOL)] == [
        s.id for s in segments
    ]


def test_jsonl_with_numbers_and_an_attributes_object() -> None:
    segments = read_segments(FIXTURES / "segments.jsonl", PROTOCOL)
    assert [(s.id, s.respondent_id) for s in segments] == [("j1", "21"), ("j2", "21")]
    assert segments[0].attributes == {"sex": "Male", "has_child_u13": "yes"}
    assert segments[1].attributes == {"age_group": "35-44"}
    assert segments[1].notes == "long pause"


def test_decomposed_accents_are_stored_composed(tmp_path: Path) -> None:
    answer = unicodedata.normalize("NFD", "Sí, la niña estaba dormida")
    path = tmp_path / "nfd.csv"
    path.write_text(
        "respondent_id,interview_id,variant_id,probe_id,answer\n"
        f"r1,i1,enut-child-pendiente-es,sleeping-child,\"{answer}\"\n",
        encoding="utf-8",
    )
    assert read_segments(path, PROTOCOL)[0].answer == "Sí, la niña estaba dormida"


def test_every_problem_of_a_bad_file_is_named_with_file_and_line() -> None:
    path = FIXTURES / "bad_many.csv"
    problems = problems_of(path)
    expected = {
        5: "duplicate segment id 'b2' (first on line 4)",
        6: "unknown variant 'atus-incare-fr'",
        7: "unknown probe 'feelings'",
        8: "empty answer",
        9: "probe 'response-mapping' is not asked after variant 'cand-responsible-es'",
        10: "not UTF-8 (byte 0xe1",
    }
    for line, what in expected.items():
        assert any(p.startswith(f"{path}:line {line}: {what}") for p in problems), (line, problems)
    assert len(problems) == len(expected)


def test_a_latin1_file_is_refused_line_by_line() -> None:
    path = FIXTURES / "bad_latin1.csv"
    problems = problems_of(path)
    assert problems[0].startswith(f"{path}:line 2: not UTF-8 (byte 0xf1")
    assert problems[1].startswith(f"{path}:line 3: not UTF-8 (byte 0xed")
    assert "save the file as UTF-8" in problems[0]


def test_a_missing_column_is_named() -> None:
    path = FIXTURES / "bad_missing_column.csv"
    assert problems_of(path) == [
        f"{path}:line 1: missing column(s): probe_id (the header needs respondent_id, "
        "interview_id, variant_id, probe_id, answer (segment_id and notes optional))"
    ]


def test_a_repeated_answer_without_segment_ids_is_a_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    row = "r1,i1,atus-incare-en,meaning,Watching them."
    path.write_text(f"respondent_id,interview_id,variant_id,probe_id,answer\n{row}\n\n{row}\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:line 4: second answer of respondent 'r1' to probe 'meaning'")
    assert "first on line 2" in problem and "add a segment_id column" in problem


def test_jsonl_problems_name_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = {"respondent_id": "r1", "interview_id": "i1", "variant_id": "atus-incare-en",
            "probe_id": "meaning", "answer": "ok"}
    path.write_text(
        "\n".join([
            json.dumps(good),
            '{"respondent_id": "r2", "answer": ',
            json.dumps({k: v for k, v in good.items() if k != "answer"}),
            json.dumps(["not", "an", "object"]),
        ]) + "\n",
        encoding="utf-8",
    )
    problems = problems_of(path)
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:line {n}" for n in (2, 3, 4)]
    assert "missing field(s): answer" in problems[1]


def test_utf16_and_unknown_formats_are_refused(tmp_path: Path) -> None:
    utf16 = tmp_path / "excel.csv"
    utf16.write_bytes("respondent_id\tanswer\n".encode("utf-16"))
    assert "UTF-16" in problems_of(utf16)[0]
    xlsx = tmp_path / "segments.xlsx"
    xlsx.write_bytes(b"PK\x03\x04")
    assert "use .csv or .jsonl" in problems_of(xlsx)[0]


def test_nothing_is_imported_half_way(tmp_path: Path) -> None:
    """A bad file never reaches create_study: the error comes before any folder exists."""
    target = tmp_path / "study"
    with pytest.raises(TutError):
        create_study(target, "study", PROTOCOL, read_segments(FIXTURES / "bad_many.csv", PROTOCOL))
    assert not target.exists()


HEADER = "respondent_id,interview_id,variant_id,probe_id,answer\n"


def test_a_quote_never_closed_is_refused_not_read_as_one_long_answer(tmp_path: Path) -> None:
    """Without this check the two segments after line 2 vanished into its answer."""
    path = tmp_path / "open_quote.csv"
    path.write_text(
        HEADER
        + 'r1,i1,atus-incare-en,meaning,"Pues sí\n'
        + "r2,i2,atus-incare-en,meaning,Watching them.\n"
        + "r3,i3,atus-incare-en,meaning,On call.\n",
        encoding="utf-8",
    )
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:line 2: a quote opened on this line is never closed")
    assert 'write a quote twice ("")' in problem


def test_a_stray_quote_closed_further_down_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stray_quote.csv"
    path.write_text(
        HEADER
        + 'r1,i1,atus-incare-en,meaning,"Pues sí\n'
        + "r2,i2,atus-incare-en,meaning,Watching them.\n"
        + 'r3,i3,atus-incare-en,meaning,On call."\n'
        + "r4,i4,atus-incare-en,meaning,Fine.\n",
        encoding="utf-8",
    )
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:line 2: a quoted field runs on to line 4")
    assert "r2,i2,atus-incare-en,meaning,Watching them." in problem

    path.write_text(
        HEADER
        + 'r1,i1,atus-incare-en,meaning,"Pues sí\n'
        + 'r2,i2,atus-incare-en,meaning,"Watching them.\n',
        encoding="utf-8",
    )
    (problem,) = problems_of(path)
    assert problem.startswith(
        f"{path}:line 2: the quoted field opened on this line closes on line 3 and text follows"
    )


def test_quotes_inside_answers_are_fine_when_written_as_excel_does(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text(
        HEADER
        + 'r1,i1,atus-incare-en,meaning,"She said ""in my care"", you know,\nall day"\n'
        + "r2,i2,atus-incare-en,meaning,He said \"ok\" and left\n",
        encoding="utf-8",
    )
    answers = [s.answer for s in read_segments(path, PROTOCOL)]
    assert answers == ['She said "in my care", you know,\nall day', 'He said "ok" and left']


def test_a_probe_not_asked_after_a_variant_says_which_probes_are() -> None:
    problems = problems_of(FIXTURES / "bad_many.csv")
    (line,) = [p for p in problems if "is not asked after" in p]
    asked = [p.id for p in PROTOCOL.probes_for("cand-responsible-es")]
    assert "response-mapping" not in asked
    assert line.endswith(f"(probes asked after it: {', '.join(asked)}; or list the probe "
                         "under probes_by_variant in the protocol)")
