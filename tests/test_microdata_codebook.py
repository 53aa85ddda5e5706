"""The codebook: kinds from display formats, missing declarations, name look-up."""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest

from tut.errors import TutError
from tut.microdata.codebook import Codebook, Variable, kind_from_format


@pytest.mark.parametrize(
    ("fmt", "display", "kind"),
    [
        ("sav", "F8.2", "numeric"), ("sav", "N6", "numeric"), ("sav", "ADATE10", "date"),
        ("sav", "EDATE10", "date"), ("sav", "MOYR10", "date"), ("sav", "DATETIME20", "datetime"),
        ("sav", "YMDHMS19", "datetime"), ("sav", "TIME11.2", "time"), ("sav", "DTIME10", "time"),
        ("sav", "WKDAY10", "numeric"), ("sav", "MONTH10", "numeric"), ("por", "DATE11", "date"),
        ("dta", "%9.0g", "numeric"), ("dta", "%td", "date"), ("dta", "%-td", "date"),
        ("dta", "%d", "date"), ("dta", "%tdCCYY-NN-DD", "date"), ("dta", "%tc", "datetime"),
        ("dta", "%tC", "datetime"), ("dta", "%tw", "numeric"), ("dta", "%tm", "numeric"),
        ("dta", "%ty", "numeric"),
    ],
)
def test_kind_comes_from_the_display_format(fmt, display, kind):
    assert kind_from_format(fmt, display, is_string=False) == kind


def test_string_variables_are_strings_whatever_the_format():
    assert kind_from_format("sav", "A8", is_string=True) == "string"
    assert kind_from_format("dta", "%9s", is_string=True) == "string"


CARE = Variable(
    name="care", label="Minutes of supervisory care", kind="numeric",
    value_labels={-1.0: "Refused", -2.0: "Don't know"},
    missing_values=(-1.0, -2.0), missing_ranges=((900.0, math.inf),),
)


def test_missing_codes_discrete_and_ranges():
    assert CARE.is_missing_code(-1.0) and CARE.is_missing_code(950.0)
    assert not CARE.is_missing_code(0.0) and not CARE.is_missing_code(None)
    assert not CARE.is_missing_code(float("nan"))  # system missing is not a code
    assert CARE.describe_missing() == ["-1", "-2", "900 THRU HI"]


def test_missing_expression_counts_codes_but_not_nulls():
    frame = pl.DataFrame({"care": [0.0, -1.0, None, 30.0, 999.0, -2.0]})
    flagged = frame.select(CARE.missing_expr()).to_series().to_list()
    assert flagged == [False, True, False, False, True, True]


def test_stata_tags_are_missing_codes_but_not_part_of_the_numeric_test():
    x = Variable(name="x", label="", kind="numeric", value_labels={".a": "apple"},
                 missing_values=(".a",))
    assert x.missing_tags == (".a",) and x.is_missing_code(".a")
    frame = pl.DataFrame({"x": [1.0, None]})
    assert frame.select(x.missing_expr()).to_series().to_list() == [False, False]


def test_unknown_names_get_close_matches_or_the_list():
    book = Codebook(Path("s.sav"), "sav", 3, "", "utf-8",
                    {n: Variable(n, "", "numeric") for n in ("sexo", "edad", "fac_per")})
    with pytest.raises(TutError, match=r"did you mean fac_per\?"):
        book.variable("fac_pr")
    with pytest.raises(TutError, match="the file has 3 variables: sexo, edad, fac_per"):
        book.variable("weight")
