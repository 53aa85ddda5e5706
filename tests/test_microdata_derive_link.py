"""Derived variables (a small safe expression language) and linked files (many-to-one joins)."""

from __future__ import annotations

import polars as pl
import pytest

from tut.messages import render
from tut.microdata.derive import DeriveError, apply, check_columns, parse
from tut.microdata.linked import LinkError, Table, link

# --- derive -------------------------------------------------------------------------------

ENUT = pl.DataFrame({
    # hours and minutes of care, Monday-Friday (per day) and Saturday-Sunday (per day)
    "P6_21A_1": [2.0, None, 1.0, 0.0],
    "P6_21A_2": [30.0, 0.0, 15.0, 0.0],
    "P6_21A_3": [1.0, 1.0, 0.0, 0.0],
    "P6_21A_4": [0.0, 30.0, 45.0, 0.0],
})


def derived(*lines: tuple[str, str], frame: pl.DataFrame = ENUT) -> pl.DataFrame:
    ds = [parse(name, text) for name, text in lines]
    check_columns(ds, frame.columns)
    return apply(frame, ds).frame


def test_weekday_times_five_plus_weekend_times_two_in_hours():
    out = derived(("week_h", "(P6_21A_1 + P6_21A_2 / 60) * 5 + (P6_21A_3 + P6_21A_4 / 60) * 2"))
    assert out["week_h"].to_list() == [14.5, None, 5 * 1.25 + 2 * 0.75, 0.0]


def test_missing_values_propagate_through_sums_and_functions():
    out = derived(("s", "sum(P6_21A_1, P6_21A_3)"), ("m", "max(P6_21A_1, 5)"), ("a", "abs(-P6_21A_1)"))
    assert out["s"].to_list() == [3.0, None, 1.0, 0.0]
    assert out["m"].to_list() == [5.0, None, 5.0, 5.0]
    assert out["a"].to_list() == [2.0, None, 1.0, 0.0]


def test_comparisons_give_one_or_zero_and_later_lines_use_earlier_ones():
    out = derived(("week_h", "P6_21A_1 * 5 + P6_21A_3 * 2"), ("any_care", "week_h > 0"),
                  ("band", "if(week_h >= 10, 2, week_h > 0)"))
    assert out["any_care"].to_list() == [1.0, None, 1.0, 0.0]
    assert out["band"].to_list() == [2.0, None, 1.0, 0.0]


def test_operator_precedence_and_unary_minus():
    frame = pl.DataFrame({"a": [2.0], "b": [3.0]})
    out = derived(("x", "a + b * 2 - -a / (b - 1)"), ("y", "not a > b or b == 3"), frame=frame)
    assert out["x"].to_list() == [2 + 3 * 2 + 2 / 2]
    assert out["y"].to_list() == [1.0]


def test_division_by_zero_is_missing_and_counted_never_a_zero():
    frame = pl.DataFrame({"minutes": [60.0, 30.0, 0.0], "days": [2.0, 0.0, 0.0]})
    result = apply(frame, [parse("per_day", "minutes / days")])
    assert result.frame["per_day"].to_list() == [30.0, None, None]
    assert result.division_by_zero == {"per_day": 2}


def test_unknown_columns_name_the_closest_before_reading_data():
    with pytest.raises(DeriveError) as err:
        check_columns([parse("w", "P6_21A_1 + p6_21a_2")], ENUT.columns)
    assert err.value.what == "w: no column 'p6_21a_2'"
    assert err.value.column == 12
    assert err.value.fix == "did you mean P6_21A_2?"


@pytest.mark.parametrize(("text", "what", "column"), [
    ("a +", "expected a number, a column or '(' but found the end of the expression", 4),
    ("a b", "unexpected 'b' after a complete expression", 3),
    ("(a", "expected ')' but found the end", 3),
    ("a ** 2", "expected a number, a column or '(' but found '*'", 4),
    ("a < b < c", "comparisons cannot be chained", 7),
    ("eval(a)", "unknown function 'eval'", 1),
    ("__import__('os')", "unexpected \"'\"", 12),
    ("round(a, 1, 2)", "round() takes 1 to 2 arguments, not 3", 1),
])
def test_bad_expressions_are_refused_with_their_column(text, what, column):
    with pytest.raises(DeriveError) as err:
        parse("x", text)
    assert (err.value.what, err.value.column) == (what, column)


def test_deep_nesting_and_huge_expressions_are_refused_quickly():
    with pytest.raises(DeriveError, match="nested more than"):
        parse("x", "(" * 900 + "1" + ")" * 900)
    with pytest.raises(DeriveError, match="nested more than"):
        parse("x", "-" * 1900 + "1")
    with pytest.raises(DeriveError, match="nested more than"):
        parse("x", "not " * 450 + "1")
    with pytest.raises(DeriveError, match="characters long"):
        parse("x", "+".join(["a"] * 5000))


# --- linked files -----------------------------------------------------------------------

RESP = Table("atusresp.dat", pl.DataFrame({
    "TUCASEID": [101.0, 102.0, 103.0], "TULINENO": [1.0, 1.0, 1.0], "TRTCC": [60.0, 0.0, 30.0]}),
    ("TUCASEID",))
WGTS = Table("atuswgts.dat", pl.DataFrame({
    "TUCASEID": [103.0, 101.0, 999.0], "TUFINLWGT": [3.0, 1.0, 9.0]}), ("TUCASEID",))
ROST = Table("atusrost.dat", pl.DataFrame({
    "TUCASEID": [101, 101, 102, 103], "TULINENO": [1, 2, 1, 1], "TEAGE": [40, 9, 33, 71]}),
    ("TUCASEID", "TULINENO"))


def test_respondent_weights_and_roster_join_many_to_one_in_respondent_order():
    frame, counts = link(RESP, [WGTS, ROST])
    assert frame.to_dict(as_series=False) == {
        "TUCASEID": [101.0, 102.0, 103.0], "TULINENO": [1.0, 1.0, 1.0], "TRTCC": [60.0, 0.0, 30.0],
        "TUFINLWGT": [1.0, None, 3.0], "TEAGE": [40, 33, 71]}
    assert counts[0].matched == 2 and counts[0].no_partner == 1 and counts[0].unused == 1
    assert render(counts[0].note(), "en") == ("atuswgts.dat joined on TUCASEID: 2 respondents matched, 1 has "
                                    "no row there (its variables are missing for them), 1 of its "
                                    "rows matches no respondent (left out; first: TUCASEID 999)")
    assert render(counts[0].note(), "es") == (
        "atuswgts.dat unido por TUCASEID: 2 personas con su fila, 1 no tiene fila allí (sus "
        "variables quedan faltantes para ella), 1 de sus filas no corresponde a ninguna persona "
        "(queda fuera; la primera: TUCASEID 999)")
    assert (counts[1].matched, counts[1].no_partner, counts[1].unused) == (3, 0, 1)


def test_text_and_numeric_keys_match_as_codes():
    hog = Table("thogar.csv", pl.DataFrame({"LLAVEHOG": ["0101", "7"], "FAC_HOG": [10.0, 20.0]}),
                ("LLAVEHOG",))
    per = Table("tmodulo.csv", pl.DataFrame({"LLAVEHOG": [7.0, 7.0, 8.0], "N_REN": [1, 2, 1]}),
                ("LLAVEHOG",))
    frame, counts = link(per, [hog])
    assert frame["FAC_HOG"].to_list() == [20.0, 20.0, None]
    assert frame["LLAVEHOG"].dtype == pl.Float64  # the respondent file's own keys are kept
    assert counts[0].unused == 1


def test_a_duplicate_key_in_a_joined_file_names_file_key_and_rows():
    dup = Table("atuswgts.dat", pl.DataFrame({"TUCASEID": [101.0, 102.0, 101.0], "TUFINLWGT": [1.0, 2.0, 3.0]}),
                ("TUCASEID",))
    with pytest.raises(LinkError) as err:
        link(RESP, [dup])
    e = err.value
    assert (e.file, e.place) == ("atuswgts.dat", "rows 1, 3")
    assert e.what == ("key TUCASEID 101 appears on 2 rows, but this file is joined many-to-one "
                      "(one row per key)")


def test_a_missing_key_column_or_a_shared_column_is_refused():
    with pytest.raises(LinkError, match="no key column 'TULINENO'"):
        link(RESP, [Table("atuswgts.dat", WGTS.frame, ("TUCASEID", "TULINENO"))])
    clash = Table("atussum.dat", pl.DataFrame({"TUCASEID": [101.0], "TRTCC": [5.0]}), ("TUCASEID",))
    with pytest.raises(LinkError, match="column 'TRTCC' is also in atusresp.dat"):
        link(RESP, [clash])


def test_fill_says_what_an_empty_cell_stands_for():
    out = derived(("lv", "fill(P6_21A_1, 0) * 5"), ("both", "fill(P6_21A_1, P6_21A_3)"))
    assert out["lv"].to_list() == [10.0, 0.0, 5.0, 0.0]
    assert out["both"].to_list() == [2.0, 1.0, 1.0, 0.0]
