"""Reliability tables that are broken or hostile: a located error, never a warning and a number,
never a guess at the encoding that turns one code into two."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from conftest import shared_dir

from tut.errors import TutError
from tut.microdata.reliability_table import load_table
from tut.userfiles import CELL_MAX_CHARS, TABLE_MAX_BYTES, TABLE_MAX_CELLS, TABLE_MAX_COLUMNS

GOOD = "unit,c1,c2\nu1,1,1\nu2,2,{x}\nu3,3,3\nu4,4,2\n"


def refused(path, level="interval", **options) -> str:
    with pytest.raises(TutError) as caught:
        load_table(path, level, **options)
    (problem,) = caught.value.problems
    return str(problem)


@pytest.mark.parametrize("written", ["inf", "-Infinity", "1e400"])
@pytest.mark.parametrize("level", ["interval", "ordinal", "nominal"])
def test_an_infinite_code_is_named_at_its_cell(tmp_path, run_cli, written, level):
    path = tmp_path / "t.csv"
    path.write_text(GOOD.format(x=written), encoding="utf-8")
    assert refused(path, level) == (
        f"{path}:line 3, column 3 (c2): {written!r} is not a finite number (write the code as a "
        "finite number, or leave the cell empty if it was not coded)"
    )
    result = run_cli("agreement", "--table", str(path), "--level", level)
    assert result.code == 2 and "Warning" not in result.err and result.out == ""


def test_an_infinite_code_in_an_spss_file_is_named_at_its_case(tmp_path):
    path = tmp_path / "t.sav"
    frame = pd.DataFrame({"c1": [1.0, 2.0, 3.0, 4.0], "c2": [1.0, np.inf, 3.0, 2.0]})
    pyreadstat.write_sav(frame, str(path))
    assert refused(path).startswith(f"{path}:case 2, variable c2: inf is not a finite number")


def test_nan_written_as_text_stays_a_missing_code(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(GOOD.format(x="NaN"), encoding="utf-8")
    data = load_table(path, "interval")
    assert int((data.codes == -1).sum()) == 1  # "not coded", as the README says


MIXED = "unit,c1,c2\nu1,sí,sí\n".encode() + b"u2,s\xed,s\xed\n" + "u3,no,sí\n".encode()


def test_a_latin1_table_is_not_guessed_but_named_with_the_option(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("unit,c1,c2\nu1,sí,sí\nu2,no,sí\nu3,no,no\n".encode("latin-1"))
    assert refused(path, "nominal") == (
        f"{path}:line 2: not UTF-8 text (byte 0xed at column 5; Latin-1 or Windows-1252 text "
        "looks like this) (save the file as UTF-8, or add --encoding windows-1252 if the whole "
        "file is in that encoding)"
    )
    data = load_table(path, "nominal", encoding="latin-1")
    assert set(data.categories) == {"sí", "no"}


def test_a_table_mixing_utf8_and_latin1_is_refused_in_either_encoding(tmp_path):
    """Read as Latin-1 (the old fallback) 'sí' in UTF-8 became a second category 'sÃ\xad'."""
    path = tmp_path / "t.csv"
    path.write_bytes(MIXED)
    assert f"{path}:line 3: not UTF-8 text" in refused(path, "nominal")
    assert refused(path, "nominal", encoding="windows-1252").startswith(
        f"{path}:line 2: this line is UTF-8 but line 3 is not: the file mixes two encodings"
    )


def test_a_utf8_table_read_as_latin1_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("unit,c1,c2\nu1,sí,sí\nu2,no,sí\n", encoding="utf-8")
    assert "the file is UTF-8, not latin-1" in refused(path, "nominal", encoding="latin-1")


def test_an_overlong_cell_is_refused_not_a_traceback(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(f'unit,c1,c2\nu1,1,"{"9" * 200_000}"\nu2,2,2\n', encoding="utf-8")
    assert refused(path).startswith(f"{path}:line 2: a cell longer than {CELL_MAX_CHARS:,}")


def test_more_columns_than_the_limit_are_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(",".join(["1"] * (TABLE_MAX_COLUMNS + 1)) + "\n", encoding="utf-8")
    assert refused(path).startswith(f"{path}:line 1: {TABLE_MAX_COLUMNS + 1:,} columns")


def test_more_cells_than_the_limit_are_refused_at_the_line_that_passes_it(tmp_path):
    path = tmp_path / "t.csv"
    row = ",".join(["1"] * 1_000) + "\n"
    path.write_text(row * (TABLE_MAX_CELLS // 1_000 + 1), encoding="utf-8")
    assert refused(path).startswith(
        f"{path}:line {TABLE_MAX_CELLS // 1_000 + 1}: more than {TABLE_MAX_CELLS:,} cells"
    )


def test_a_nul_byte_names_its_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"unit,c1,c2\nu1,1,1\nu2,2\x00,2\n")
    assert refused(path).startswith(f"{path}:line 3: a NUL character (U+0000) at column 5")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    for name in ("big.csv", "big.sav"):
        path = tmp_path / name
        with path.open("wb") as fh:
            fh.truncate(TABLE_MAX_BYTES + 1)
        assert refused(path).startswith(f"{path}: the file is {TABLE_MAX_BYTES + 1:,} bytes")


def test_a_fifo_is_not_read(tmp_path):
    path = tmp_path / "t.csv"
    os.mkfifo(path)
    assert "is not a regular file" in refused(path)


def test_the_cli_reads_a_latin1_table_with_the_encoding_option(tmp_path, run_cli):
    path = tmp_path / "t.csv"
    path.write_bytes("unit,Begoña,c2\nu1,sí,sí\nu2,no,sí\nu3,no,no\nu4,sí,sí\n".encode("latin-1"))
    refused_run = run_cli("agreement", "--table", str(path), "--level", "nominal")
    assert refused_run.code == 2 and "--encoding windows-1252" in refused_run.err
    result = run_cli("agreement", "--table", str(path), "--level", "nominal", "--encoding",
                     "latin-1", "--json")
    assert result.code == 0, result.err
    assert '"krippendorff_alpha"' in result.out


def test_a_date_outside_pythons_range_is_read_as_written(run_cli):
    """haven's datetime.sav holds the year 201416: reading its rows as Python datetimes was an
    internal ValueError."""
    path = shared_dir("realfiles") / "haven" / "datetime.sav"
    assert "+201416-09-22 00:00:00.000" in load_table(path, "nominal").categories
    result = run_cli("agreement", "--table", str(path), "--level", "nominal")
    assert result.code == 0 and "2 units" in result.out, result.err


@pytest.mark.parametrize(("table", "place", "said"), [
    ("unit,c1,c2,c1\nu1,1,1,2\nu2,2,2,2\n", "header", "coder 'c1' has two columns (1 and 3 of the codes)"),
    ("unit,c1,c2\nu1,1,1\nu2,2,2\nu1,1,2\n", "line 4", "unit 'u1' has a second row (the first is line 2)"),
])
def test_a_coder_or_unit_named_twice_is_refused(tmp_path, run_cli, table, place, said):
    """Read as two, one coder's codes agreed with themselves, or one unit counted twice."""
    path = tmp_path / "t.csv"
    path.write_text(table, encoding="utf-8")
    assert refused(path, "nominal").startswith(f"{path}:{place}: {said}")
    assert run_cli("agreement", "--table", str(path), "--level", "nominal").code == 2
