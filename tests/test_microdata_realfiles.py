"""Every real SPSS/Stata file in ../shared/realfiles loads, with the cases SOURCES.md names."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from conftest import shared_dir
from microdata_files import real_files, sources_shapes

from tut.microdata import DTYPES, read_codebook, read_columns


@pytest.fixture(scope="module")
def shapes() -> dict[str, tuple[int, int] | None]:
    shared_dir("realfiles")
    return sources_shapes()


def _path(rel: str):
    return shared_dir("realfiles") / rel


@pytest.mark.parametrize("rel", real_files())
def test_every_real_file_loads_with_the_shape_sources_md_gives(rel, shapes):
    path = _path(rel)
    book = read_codebook(path)
    frame = read_columns(path, book.names, codebook=book)

    expected = shapes[rel]
    if expected is None:  # "error" in SOURCES.md: pyreadstat refuses it, tut must not
        assert book.reader == "polars-readstat"
        assert any("pyreadstat cannot read" in note for note in book.notes)
    else:
        assert (book.n_rows, len(book.variables)) == expected
    assert frame.height == book.n_rows
    assert frame.columns == book.names
    for name, variable in book.variables.items():
        assert frame.schema[name] == DTYPES[variable.kind], name


def test_user_missing_range_and_discrete_values_are_declared_and_kept_raw():
    path = _path("pyreadstat/sample_missing.sav")
    book = read_codebook(path)
    mynum, mylabl, myord = (book.variable(n) for n in ("mynum", "mylabl", "myord"))
    assert mynum.missing_ranges == ((2000.0, 3000.0),)
    assert mynum.missing_values == (-1.0,)
    assert myord.missing_values == (-1.0, -2.0, -3.0)
    assert mylabl.value_labels[-1.0] == "undetermined" and mylabl.is_missing_code(-1.0)

    frame = read_columns(path, ["mynum", "mylabl", "myord"], codebook=book)
    assert frame["mynum"].to_list()[-2:] == [-1.0, 2500.0]  # codes, not nulls
    assert frame["myord"].to_list()[-2:] == [-1.0, -3.0]
    assert frame["mylabl"].to_list()[-1] is None  # system missing stays null
    flagged = frame.select(mynum.missing_expr()).to_series().to_list()
    assert flagged == [False] * 5 + [True, True]


def test_string_user_missing_value_is_kept_and_declared():
    path = _path("pyreadstat/missing_char.sav")
    book = read_codebook(path)
    assert book.variable("mychar").missing_values == ("Z",)
    assert read_columns(path, ["mychar"])["mychar"].to_list() == ["Z", "a"]


def test_lo_thru_and_discrete_missings_from_spss_io_file():
    book = read_codebook(_path("savReaderWriter/spssio_test.sav"))
    assert book.variable("Income1").missing_ranges == ((-math.inf, -1.0),)
    assert book.variable("Income2").describe_missing() == ["999", "LO THRU -1"]
    assert book.variable("Age").missing_ranges == ((0.0, 18.0),)
    assert book.variable("aShortStringVar").missing_values == ("x", "y")


def test_stata_tagged_missings_are_null_and_their_tags_can_be_asked_for():
    path = _path("pyreadstat/missing_test.dta")
    book = read_codebook(path)
    assert book.variable("var1").value_labels == {".a": "missing"}
    assert book.variable("var1").missing_tags == (".a",)

    plain = read_columns(path, book.names, codebook=book)
    assert plain.row(0) == (None,) * 8 + (1.0,)

    tagged = read_columns(path, book.names, codebook=book, missing_tags=True)
    tags = [tagged[f"var{i}.missing"][0] for i in range(1, 9)]
    assert tags == [".a", ".b", ".c", ".x", ".y", ".z", None, None]


def test_all_26_extended_missings_on_every_stata_numeric_type():
    path = _path("pandas/stata8_113.dta")
    frame = read_columns(path, ["int8_", "int16_", "int32_", "float32_", "float64_"],
                         missing_tags=True)
    letters = [f".{c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    for col in ("int8_", "int16_", "int32_", "float32_", "float64_"):
        assert frame[f"{col}.missing"].to_list()[1:] == letters
        assert frame[col].null_count() == frame.height


def test_labels_on_tagged_missings_of_a_double():
    book = read_codebook(_path("haven/tagged-na-double.dta"))
    assert book.variable("x").value_labels == {".a": "apple", ".z": ".zebra"}


@pytest.mark.parametrize(
    "rel", ["ReadStat.jl/types.sav", "pandas/stata12_be_117.dta", "pandas/stata-compat-be-114.dta"]
)
def test_big_endian_files_read_the_same_as_their_contents(rel):
    path = _path(rel)
    frame = read_columns(path, read_codebook(path).names)
    if rel.endswith("types.sav"):
        assert frame["vdouble"].to_list() == [3.14, 7.0, None]
        assert frame["vstring"].to_list() == ["2", "7", ""]
    elif "117" in rel:
        assert frame["x"].to_list() == [1.0, 3.0, 93.0]
        assert frame["z"].to_list()[-1] == "strl"
    else:
        assert frame["i16"].to_list() == [-1025.0, 0.0, 1025.0]
        assert frame["dt"].to_list() == [dt.date(2000, 1, d) for d in (1, 2, 3)]


def test_latin1_text_in_a_format_118_file_is_decoded():
    path = _path("pandas/stata1_encoding_118.dta")
    names = read_columns(path, ["kreis1849"])["kreis1849"]
    assert "Düsseldorf" in names.to_list()
    assert not names.str.contains("\ufffd").any()
    assert names.to_list() == read_columns(_path("pandas/stata1_encoding.dta"), ["kreis1849"])[
        "kreis1849"
    ].to_list()


def test_datetime_far_outside_pythons_range_is_read_not_refused():
    frame = read_columns(_path("haven/datetime.sav"), ["date", "date.posix", "time"])
    assert frame["date"].to_list() == [dt.date(2014, 9, 22), dt.date(2014, 9, 23)]
    far = frame.select(pl.col("date.posix").dt.year()).to_series().to_list()
    assert far == [201416, 2014]
    assert frame["time"][1] == dt.timedelta(hours=15, minutes=59, seconds=20, milliseconds=10)


def test_format_102_is_read_by_polars_readstat():
    path = _path("pandas/stata1_102.dta")
    book = read_codebook(path)
    assert book.reader == "polars-readstat"
    frame = read_columns(path, book.names, codebook=book)
    assert frame.columns == ["f_miss", "d_miss", "b_miss", "i_miss", "l_miss"]
    assert frame["d_miss"][0] == pytest.approx(1.7498e100, rel=1e-4)
    assert frame.row(0)[2:] == (None, None, None)


def test_zsav_whose_content_is_an_ordinary_sav_is_read():
    path = _path("savReaderWriter/zlib_compressed.zsav")
    assert read_codebook(path).n_rows == 2
    assert read_columns(path, ["var2"]).height == 2


def test_spss_time_of_24_hours_or_more_is_kept_as_a_duration():
    frame = read_columns(_path("savReaderWriter/test_dates.sav"), ["var_time", "var_dtime"])
    assert frame["var_time"][0] == frame["var_dtime"][0] == dt.timedelta(days=156260)


def test_unicode_names_and_labels_survive():
    book = read_codebook(_path("savReaderWriter/german.sav"))
    assert book.names[3:] == ["überhaupt", "völlig", "spaß"]
    assert read_columns(book.path, ["spaß"], codebook=book)["spaß"].to_list() == [6.0]
    greet = read_codebook(_path("savReaderWriter/greetings.sav"))
    assert greet.variable("Bondjoû").value_labels == {"Thai": "สวัสดี"}


def test_unknown_variable_names_the_file_and_suggests_close_names():
    from tut.errors import TutError

    path = _path("pyreadstat/sample.sav")
    with pytest.raises(TutError) as err:
        read_columns(path, ["mynumm"])
    (line,) = err.value.lines()
    assert str(path) in line and "'mynumm'" in line and "mynum" in line.split("(")[-1]
    with pytest.raises(TutError, match="case-sensitive"):
        read_codebook(path).variable("MYNUM")
