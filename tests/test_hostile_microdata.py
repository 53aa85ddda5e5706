"""CSV microdata that polars cannot read is an error at the line a person would fix."""

from __future__ import annotations

import pytest

from tut.errors import TutError
from tut.microdata import read_codebook, read_columns

DICTIONARY = "null_values: [NA]\nvariables:\n  care: {label: Minutes of care}\n"


def refused(tmp_path, data: bytes, dictionary: str = DICTIONARY) -> str:
    (tmp_path / "d.csv").write_bytes(data)
    (tmp_path / "d.dictionary.yaml").write_text(dictionary, encoding="utf-8")
    with pytest.raises(TutError) as caught:
        read_columns(tmp_path / "d.csv", ["care"], codebook=read_codebook(tmp_path / "d.csv"))
    (line,) = caught.value.lines()
    return line.removeprefix(f"error: {tmp_path / 'd.csv'}:")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"id,care\n1,30\n2,40,9\n3,10\n",
         "line 3: 3 cells where the header has 2 (check quotes and separators on this line)"),
        (b"id,care\n1,30\n2,\xe9\n",
         "line 3: not utf-8 text (byte 0xe9 at column 3) (set 'encoding' in the data dictionary "
         "(latin1, windows-1252 ...) or save the file as UTF-8)"),
        (b'id,care\n1,"30\n2,40\n',
         "line 2: the CSV breaks here (unexpected end of data) (check the quotes; inside a quoted "
         'cell write a quote twice (""))'),
        ("id,care\n1,30\n".encode("utf-16"),
         "line 1: the file is UTF-16 (save it as UTF-8 (CSV UTF-8 in Excel))"),
        (b"id,care\n1,30\n2,inf\n",
         "line 3, column care: 'inf' is not a finite number (fix the cell, declare it in "
         "null_values, or change kind in the data dictionary)"),
        (b"id,care\n1,NaN\n",
         "line 2, column care: 'NaN' is not a finite number (fix the cell, declare it in "
         "null_values, or change kind in the data dictionary)"),
    ],
    ids=["ragged", "latin1", "unclosed-quote", "utf16", "inf", "nan"],
)
def test_a_broken_csv_is_named_at_its_line(tmp_path, data, expected):
    assert refused(tmp_path, data) == expected


def test_a_declared_encoding_that_does_not_fit_names_the_line(tmp_path):
    data = b"id,care\n1,30\n2,40\n3,\x81\n"
    assert refused(tmp_path, data, "encoding: cp1252\n" + DICTIONARY).startswith(
        "line 4: not cp1252 text (byte 0x81 at column 3)"
    )


def test_nan_declared_as_a_null_value_is_missing(tmp_path):
    (tmp_path / "d.csv").write_bytes(b"id,care\n1,NaN\n2,30\n")
    (tmp_path / "d.dictionary.yaml").write_text(DICTIONARY.replace("[NA]", "[NA, NaN]"),
                                               encoding="utf-8")
    frame = read_columns(tmp_path / "d.csv", ["care"])
    assert frame["care"].to_list() == [None, 30.0]


def test_unlabelled_columns_are_guessed_in_one_pass(tmp_path):
    header = ",".join(f"v{i}" for i in range(20_000))
    (tmp_path / "d.csv").write_text(f"care,{header}\n1,{','.join(['x'] * 20_000)}\n",
                                    encoding="utf-8")
    (tmp_path / "d.dictionary.yaml").write_text(DICTIONARY, encoding="utf-8")
    book = read_codebook(tmp_path / "d.csv")
    assert book.variable("v19999").kind == "string" and book.variable("care").kind == "numeric"
