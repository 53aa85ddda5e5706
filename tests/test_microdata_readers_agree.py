"""pyreadstat and polars-readstat give tut the same values, missing values and labels.

Both libraries wrap ReadStat, but not the same way. Where they legitimately differ the
difference is listed here with its reason and tested explicitly (so a fix upstream shows
up as a failing test asking to drop the exception), and tut's default reader is shown
to pick the right library for those columns.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import polars_readstat
import pytest
from conftest import shared_dir
from microdata_files import real_files

from tut.errors import TutError
from tut.microdata import read_codebook, read_columns

# (file, column) -> why polars-readstat's value differs from pyreadstat's (the reference).
KNOWN_VALUE_DIFFERENCES = {
    ("haven/datetime.sav", "time"): "polars-readstat drops fractions of a second of SPSS TIME",
    ("savReaderWriter/test_dates.sav", "var_time"): "polars-readstat turns TIME >= 24 h into null",
    ("pandas/stata13_dates.dta", "ms_fmt"): "polars-readstat reads %tc with a display mask as an empty time",
    ("pandas/stata16_119.dta", "utf8"): "polars-readstat strips trailing spaces of Stata strings",
    ("pandas/stata16_119.dta", "latin1"): "polars-readstat strips trailing spaces of Stata strings",
    ("pandas/stata16_119.dta", "ascii"): "polars-readstat strips trailing spaces of Stata strings",
    ("pandas/stata16_119.dta", "utf8_strl"): "polars-readstat strips trailing spaces of Stata strings",
    ("pandas/stata16_119.dta", "ascii_strl"): "polars-readstat strips trailing spaces of Stata strings",
    ("pandas/stata1_encoding_118.dta", "kreis1849"): "polars-readstat replaces latin1 bytes by U+FFFD",
}

# file -> why polars-readstat's codebook differs (pyreadstat reads the codebook in tut).
KNOWN_CODEBOOK_DIFFERENCES = {
    "pyreadstat/sample.por": "polars-readstat reads no value labels from portable files",
    "pandas/stata4_105.dta": "polars-readstat reads no value labels from Stata formats 105-108",
    "pandas/stata4_108.dta": "polars-readstat reads no value labels from Stata formats 105-108",
    "savReaderWriter/german.sav": "polars-readstat decodes windows-1252 variable names as UTF-8",
}

PYREADSTAT_CANNOT_READ = {"pandas/stata1_102.dta": "format 102 is not supported by pyreadstat"}


def _path(rel: str):
    return shared_dir("realfiles") / rel


def _differing(a: pl.Series, b: pl.Series) -> bool:
    same = (a == b) | (a.is_null() & b.is_null())
    return not same.fill_null(False).all()


@pytest.mark.parametrize("rel", real_files())
def test_both_readers_give_the_same_values_and_missing_values(rel):
    path = _path(rel)
    if rel in PYREADSTAT_CANNOT_READ:
        # Nothing to compare: pyreadstat refuses it, and tut's read is polars-readstat's.
        with pytest.raises(TutError, match="not supported"):
            read_codebook(path, engine="pyreadstat")
        book = read_codebook(path)
        assert read_columns(path, book.names, codebook=book).equals(
            read_columns(path, book.names, codebook=book, engine="polars-readstat"))
        return
    book = read_codebook(path)
    reference = read_columns(path, book.names, codebook=book, engine="pyreadstat")
    bulk = read_columns(path, book.names, codebook=book, engine="polars-readstat")
    assert reference.schema == bulk.schema
    differing = {c for c in book.names if _differing(reference[c], bulk[c])}
    expected = {c for (f, c) in KNOWN_VALUE_DIFFERENCES if f == rel}
    assert differing == expected

    # Tags of Stata extended missings agree too.
    if book.format == "dta":
        a = read_columns(path, book.names, codebook=book, engine="pyreadstat", missing_tags=True)
        b = read_columns(path, book.names, codebook=book, engine="polars-readstat", missing_tags=True)
        tag_cols = [c for c in a.columns if c.endswith(".missing")]
        assert a.select(tag_cols).equals(b.select(tag_cols))


@pytest.mark.parametrize("rel", real_files())
def test_both_readers_give_the_same_codebook(rel):
    path = _path(rel)
    if rel in PYREADSTAT_CANNOT_READ:
        # The codebook comes from polars-readstat and says why.
        book = read_codebook(path)
        assert book.reader == "polars-readstat"
        assert book.notes == (
            "pyreadstat cannot read this file (This version of the file format is not "
            "supported); read with polars-readstat",
        )
        return
    reference = read_codebook(path, engine="pyreadstat")
    bulk = read_codebook(path, engine="polars-readstat")
    assert bulk.n_rows == reference.n_rows
    assert bulk.file_label == reference.file_label
    if rel.endswith(".dta") or rel.endswith(".sav") or rel.endswith(".zsav"):
        assert bulk.encoding == reference.encoding
    if rel in KNOWN_CODEBOOK_DIFFERENCES:
        assert bulk.variables != reference.variables
        return
    assert bulk.variables == reference.variables


def test_default_reader_equals_the_reference_on_every_known_difference():
    """tut routes those columns to pyreadstat, so users get the reference values."""
    for rel, column in KNOWN_VALUE_DIFFERENCES:
        path = _path(rel)
        auto = read_columns(path, [column])
        reference = read_columns(path, [column], engine="pyreadstat")
        assert auto.equals(reference), (rel, column)


def test_polars_readstat_loses_sub_second_and_24h_spss_times():
    frac = read_columns(_path("haven/datetime.sav"), ["time"], engine="polars-readstat")
    assert frac["time"][1] == dt.timedelta(hours=15, minutes=59, seconds=20)  # .01 s lost
    long = read_columns(_path("savReaderWriter/test_dates.sav"), ["var_time"],
                        engine="polars-readstat")
    assert long["var_time"].to_list()[:2] == [None, None]


def test_polars_readstat_empties_masked_stata_datetimes():
    path = _path("pandas/stata13_dates.dta")
    assert polars_readstat.scan_readstat(str(path)).collect_schema()["ms_fmt"] == pl.Time
    assert read_columns(path, ["ms_fmt"], engine="polars-readstat")["ms_fmt"][0] is None
    assert read_columns(path, ["ms_fmt"])["ms_fmt"][0] == dt.datetime(2006, 11, 21)


def test_polars_readstat_strips_trailing_spaces_of_stata_strings():
    path = _path("pandas/stata16_119.dta")
    reference = read_columns(path, ["utf8"], engine="pyreadstat")["utf8"].to_list()
    bulk = read_columns(path, ["utf8"], engine="polars-readstat")["utf8"].to_list()
    assert [s.rstrip(" ") for s in reference] == bulk
    assert reference != bulk


def test_polars_readstat_replaces_undecodable_bytes():
    path = _path("pandas/stata1_encoding_118.dta")
    bulk = read_columns(path, ["kreis1849"], engine="polars-readstat")["kreis1849"]
    assert bulk.str.contains("\ufffd").any()
    assert "Düsseldorf" in read_columns(path, ["kreis1849"])["kreis1849"].to_list()


def test_polars_readstat_codebook_gaps_are_what_the_table_says():
    por = read_codebook(_path("pyreadstat/sample.por"), engine="polars-readstat")
    assert por.variable("MYLABL").value_labels == {}
    assert read_codebook(_path("pyreadstat/sample.por")).variable("MYLABL").value_labels
    old = read_codebook(_path("pandas/stata4_105.dta"), engine="polars-readstat")
    assert all(not v.value_labels for v in old.variables.values())
    german = read_codebook(_path("savReaderWriter/german.sav"), engine="polars-readstat")
    assert any("\ufffd" in n for n in german.names)
    # Data is still matched by position, so the right column comes back.
    assert read_columns(_path("savReaderWriter/german.sav"), ["spaß"],
                        engine="polars-readstat")["spaß"].to_list() == [6.0]


def test_bulk_reads_of_plain_spss_and_stata_files_go_through_polars_readstat(monkeypatch):
    from tut.microdata import polars_reader, pyreadstat_reader

    used: list[str] = []
    for module in (polars_reader, pyreadstat_reader):
        original = module.batches

        def spy(*args, _name=module.NAME, _original=original, **kwargs):
            used.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, "batches", spy)
    read_columns(_path("pyreadstat/sample_missing.sav"), ["mynum", "mylabl"])
    read_columns(_path("pandas/stata8_113.dta"), ["int8_"])
    assert used == ["polars-readstat", "polars-readstat"]


def test_when_the_bulk_reader_fails_the_reference_reader_is_tried(monkeypatch):
    from tut.microdata import polars_reader

    def broken(*args, **kwargs):
        raise RuntimeError("simulated polars-readstat failure")
        yield  # pragma: no cover

    monkeypatch.setattr(polars_reader, "batches", broken)
    frame = read_columns(_path("pyreadstat/sample_missing.sav"), ["mynum"])
    assert frame["mynum"].to_list()[-1] == 2500.0
