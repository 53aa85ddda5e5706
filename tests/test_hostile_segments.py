"""Hostile and oversized segments files: refused quickly, each problem on its line, with the
limits the README states; CSV and JSON Lines share one limit on an answer."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from coding_support import PROTOCOL

from tut.coding.study import read_segments
from tut.errors import TutError
from tut.userfiles import CELL_MAX_CHARS, SEGMENTS_MAX_BYTES, SEGMENTS_MAX_COLUMNS

HEADER = "respondent_id,interview_id,variant_id,probe_id,answer"
ROW = {"respondent_id": "r1", "interview_id": "i1", "variant_id": "atus-incare-en",
       "probe_id": "meaning"}


def problems_of(path: Path) -> list[str]:
    with pytest.raises(TutError) as caught:
        read_segments(path, PROTOCOL)
    return [str(p) for p in caught.value.problems]


def csv_with_answer(tmp_path: Path, answer: str) -> Path:
    path = tmp_path / "long.csv"
    path.write_text(f'{HEADER}\nr1,i1,atus-incare-en,meaning,"{answer}"\n', encoding="utf-8")
    return path


def jsonl_with_answer(tmp_path: Path, answer: object) -> Path:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({**ROW, "answer": answer}) + "\n", encoding="utf-8")
    return path


def test_a_header_of_100000_columns_is_refused_at_once(tmp_path):
    """It took 82 s to import (the repeated-column check compared every pair)."""
    path = tmp_path / "wide.csv"
    extra = ",".join(f"c{i}" for i in range(100_000))
    path.write_text(f"{HEADER},{extra}\nr1,i1,atus-incare-en,meaning,hi,{',' * 99_999}\n",
                    encoding="utf-8")
    assert problems_of(path) == [
        f"{path}:line 1: 100,005 columns; a segments file may have at most "
        f"{SEGMENTS_MAX_COLUMNS:,} (keep the segment columns and the respondent attributes "
        "coders need; check the separator)"
    ]


def test_as_many_columns_as_the_limit_are_read(tmp_path):
    path = tmp_path / "attributes.csv"
    names = [f"a{i}" for i in range(SEGMENTS_MAX_COLUMNS - 5)]
    path.write_text(f"{HEADER},{','.join(names)}\nr1,i1,atus-incare-en,meaning,hi,"
                    f"{','.join('x' for _ in names)}\n", encoding="utf-8")
    (segment,) = read_segments(path, PROTOCOL)
    assert len(segment.attributes) == SEGMENTS_MAX_COLUMNS - 5


@pytest.mark.parametrize("write", [csv_with_answer, jsonl_with_answer], ids=["csv", "jsonl"])
def test_csv_and_jsonl_share_one_limit_on_an_answer(tmp_path, write):
    longest = "a" * CELL_MAX_CHARS
    (segment,) = read_segments(write(tmp_path, longest), PROTOCOL)
    assert segment.answer == longest
    path = write(tmp_path, longest + "a")
    (problem,) = problems_of(path)
    assert f"at most {CELL_MAX_CHARS:,}" in problem or f"longer than {CELL_MAX_CHARS:,}" in problem
    assert problem.startswith(f"{path}:line {2 if path.suffix == '.csv' else 1}: ")
    assert "split a longer one into several segments" in problem


@pytest.mark.parametrize("size", [140_000, 1_000_000])
def test_a_very_long_csv_answer_names_the_limit_not_only_the_quotes(tmp_path, size):
    """Over 131,072 characters the csv module gives up; the message was about quotes only."""
    path = csv_with_answer(tmp_path, "b" * size)
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:line 2: a field that starts on this line is longer than {CELL_MAX_CHARS:,} "
        "characters (an answer is one respondent's answer to one probe: split a longer one into "
        "several segments (in a CSV, a quote that is never closed also makes a field this long))"
    )


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.truncate(SEGMENTS_MAX_BYTES + 1)  # sparse: no time or disk spent
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}: the file is {SEGMENTS_MAX_BYTES + 1:,} bytes; a segments "
                              f"file may be at most {SEGMENTS_MAX_BYTES:,} bytes")


def test_control_characters_are_named_with_line_and_column(tmp_path):
    path = tmp_path / "ctrl.csv"
    path.write_text(f"{HEADER}\nr1,i1,atus-incare-en,meaning,a\x00b\n"
                    "r2,i1,atus-incare-en,meaning,line\x0bbreak from Word\n", encoding="utf-8")
    problems = problems_of(path)
    assert problems[0].startswith(f"{path}:line 2: a NUL character (U+0000) at column 31")
    assert problems[1].startswith(f"{path}:line 3: a vertical tab (U+000B) at column 34")
    assert len(problems) == 2


def test_a_binary_file_is_one_problem_not_one_per_line(tmp_path):
    for name, data in [
        ("binary.csv", HEADER.encode() + b"\n" + b"\x00\x01\n" * 5_000),
        ("utf16.csv", f"{HEADER}\n".encode("utf-16-le")),  # no byte-order mark
        ("workbook.csv", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        (problem,) = problems_of(path)
        assert problem.startswith(f"{path}: not text: ")
        assert "(a workbook, a zip file or UTF-16 text look like this)" in problem
        assert "save the segments as CSV UTF-8" in problem


def test_a_text_file_wrong_on_every_line_prints_a_bounded_list_of_problems(tmp_path):
    path = tmp_path / "many.csv"
    row = "r1,i1,atus-incare-en,meaning,an answer copied out of a terminal \x1b[0m with a colour\n"
    path.write_text(HEADER + "\n" + row * 5_000, encoding="utf-8")
    problems = problems_of(path)
    assert len(problems) == 101
    assert problems[0].startswith(f"{path}:line 2: control character U+001B")
    assert problems[-1].endswith("more problems like these (fix the ones shown first; they are "
                                 "often one cause)")


def test_latin1_names_the_line_and_the_encoding_option(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"{HEADER}\nr1,i1,atus-incare-en,meaning,Se\u00f1al\n".encode("latin-1"))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:line 2: not UTF-8 (byte 0xf1")
    assert "--encoding windows-1252" in problem


@pytest.mark.parametrize(
    ("line", "what"),
    [
        (json.dumps({**ROW, "answer": "x"}).replace('"x"', "NaN"), "NaN is not a number"),
        ('{"answer": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deep"),
        (json.dumps({**ROW, "answer": "x"}).replace('"x"', "9" * 5_000), "not valid JSON"),
        (json.dumps({**ROW, "answer": ["a", "b"]}), "answer is a JSON list, not a text"),
        (json.dumps({**ROW, "answer": "x", "attributes": {"sex": {"a": 1}}}),
         "sex is a JSON dict"),
        (json.dumps({**ROW, "answer": "x", **{f"k{i}": i for i in range(1_001)}}),
         "1,006 columns"),
    ],
    ids=["nan", "deep", "huge-int", "list", "nested-attribute", "too-many-keys"],
)
def test_a_hostile_jsonl_line_is_a_problem_on_its_line(tmp_path, line, what):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({**ROW, "probe_id": "sleeping-child", "answer": "fine"}) + "\n"
                    + line + "\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:line 2: ") and what in problem, problem


def test_a_device_is_not_read(tmp_path):
    link = tmp_path / "zero.csv"
    os.symlink("/dev/zero", link)
    (problem,) = problems_of(link)
    assert "is not a regular file" in problem


def test_a_file_mixing_utf8_and_latin1_lines_is_refused_with_an_encoding(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(f"{HEADER}\nr1,i1,atus-incare-en,meaning,Señal\n".encode()
                     + b"r2,i1,atus-incare-en,meaning,Se\xf1al\n")
    with pytest.raises(TutError) as caught:
        read_segments(path, PROTOCOL, encoding="windows-1252")
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem.startswith(f"{path}:line 2: this line is UTF-8 but the file is not")
