"""Diary episodes to minutes per respondent (tut.microdata.episodes)."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import shared_dir

from tut.microdata import read_columns
from tut.microdata.episodes import (
    CodeSet,
    EpisodeError,
    episode_minutes,
    rule_from_mapping,
)


def diary(**extra: list[object]) -> pl.DataFrame:
    """Two respondents' diaries from 04:00 to 04:00; respondent 2's last episode ends at 07:00."""
    base = {
        "id": [1, 1, 1, 1, 2, 2, 2],
        "act": ["010101", "030101", "030399", "120303", "010101", "180101", "050101"],
        "start": ["04:00", "08:00", "09:00", "10:00", "04:00", "09:00", "09:30:00"],
        "stop": ["08:00", "09:00", "10:00", "04:00", "09:00", "09:30", "07:00:00"],
    }
    base.update(extra)
    return pl.DataFrame(base)


def minutes(frame: pl.DataFrame, respondents: pl.DataFrame | None = None, **rule: object) -> dict[object, object]:
    raw = {"key": "id", "activity": "act", "start": "start", "stop": "stop", **rule}
    result = episode_minutes(frame, rule_from_mapping(raw), "out", respondents)
    return dict(result.frame.iter_rows())


def test_codes_ranges_and_prefixes_select_episodes():
    assert minutes(diary(), codes=["0301*"]) == {1: 60.0, 2: 0.0}
    assert minutes(diary(), codes=["03*"]) == {1: 120.0, 2: 0.0}
    assert minutes(diary(), codes=["030100-030399"]) == {1: 120.0, 2: 0.0}
    assert minutes(diary(), codes=["030101"]) == {1: 60.0, 2: 0.0}
    # personal care as BLS defines it: 01xxxx plus travel for it, 1801xx
    assert minutes(diary(), codes=["01*", "1801*"]) == {1: 240.0, 2: 330.0}


def test_the_last_episode_is_cut_at_the_end_of_the_diary_day():
    # 10:00 -> 04:00 next day is 18 h; 09:30 -> 07:00 next day is cut at 04:00 (18.5 h)
    assert minutes(diary(), codes=["120303", "050101"]) == {1: 1080.0, 2: 1110.0}
    whole_day = minutes(diary(), codes=["0-999999"])
    assert whole_day == {1: 1440.0, 2: 1440.0}


def test_a_later_day_start_and_cut_change_the_window():
    # a diary day starting at midnight, cut at 20 h
    got = minutes(diary(), codes=["120303"], day_start="00:00", cut=1200)
    assert got[1] == 1200.0 - 600.0


def test_duration_variable_and_missing_durations_propagate():
    frame = diary(mins=[240.0, 60.0, None, 1080.0, 300.0, 30.0, 1110.0])
    raw = {"key": "id", "activity": "act", "duration": "mins"}
    result = episode_minutes(frame, rule_from_mapping({**raw, "codes": ["03*"]}, width=6), "care")
    assert dict(result.frame.iter_rows()) == {1: None, 2: 0.0}
    assert result.missing_duration == 1
    result = episode_minutes(frame, rule_from_mapping({**raw, "codes": ["01*"]}, width=6), "pc")
    assert dict(result.frame.iter_rows()) == {1: 240.0, 2: 300.0}


def test_conditions_on_other_episode_columns():
    frame = diary(in_care=[0, 1, 1, 1, 0, 0, 1], who=["", "300", "301", "", "", "", "200"])
    assert minutes(frame, codes=["0-999999"], where={"in_care": "> 0"}) == {1: 1200.0, 2: 1110.0}
    assert minutes(frame, codes=["0-999999"], where={"who": ["300-399"]}) == {1: 120.0, 2: 0.0}


def test_respondents_without_episodes_get_zero_and_unmatched_keys_are_counted():
    respondents = pl.DataFrame({"id": [1, 3]})
    raw = {"key": "id", "activity": "act", "start": "start", "stop": "stop", "codes": ["01*"]}
    result = episode_minutes(diary(), rule_from_mapping(raw), "pc", respondents)
    assert dict(result.frame.iter_rows()) == {1: 240.0, 3: 0.0}
    assert result.unmatched_keys == 1  # respondent 2 has episodes but is not a respondent
    assert result.first_unmatched == "id 2"


def test_numeric_activity_codes_keep_their_leading_zeros():
    frame = diary().with_columns(pl.col("act").cast(pl.Int64))
    assert minutes(frame, codes=["0301*", "030100-030199"]) == {1: 60.0, 2: 0.0}
    assert minutes(frame, codes=["0303*", "030101"]) == {1: 120.0, 2: 0.0}


def test_a_stop_before_start_that_is_not_the_last_episode_is_an_error():
    frame = diary(stop=["08:00", "07:00", "10:00", "04:00", "09:00", "09:30", "07:00"])
    with pytest.raises(EpisodeError, match=r"row 2: the episode stops \(07:00\) before it starts "
                                           r"\(08:00\) and is not the last of the diary day, id 1"):
        minutes(frame, codes=["01*"])


def test_a_clock_time_that_does_not_parse_is_an_error():
    frame = diary(start=["04:00", "8h", "09:00", "10:00", "04:00", "09:00", "09:30"])
    with pytest.raises(EpisodeError, match=r"row 2: start '8h' is not a clock time"):
        minutes(frame, codes=["01*"])


@pytest.mark.parametrize(("items", "message"), [
    (["0399-0301"], "runs backwards"),
    (["03**"], "is not a code"),
])
def test_bad_codes_are_refused(items, message):
    with pytest.raises(EpisodeError, match=message):
        CodeSet.parse(items)


def test_a_prefix_on_numeric_codes_pads_to_the_largest_code():
    frame = diary().with_columns(pl.col("act").cast(pl.Int64))  # 10101 is "010101"
    assert minutes(frame, codes=["01*"]) == {1: 240.0, 2: 300.0}
    assert minutes(frame, codes=["01*", "1801*"]) == {1: 240.0, 2: 330.0}


def test_personal_care_from_episodes_equals_ipums_bls_pcare():
    ddi = shared_dir("realfiles") / "ipums" / "atus_00034.xml"
    frame = read_columns(ddi, ["CASEID", "WT06", "ACTIVITY", "START", "STOP", "BLS_PCARE"])
    rule = rule_from_mapping({"key": "CASEID", "activity": "ACTIVITY", "codes": ["01*", "1801*"],
                              "start": "START", "stop": "STOP", "day_start": "04:00"}, width=6)
    result = episode_minutes(frame, rule, "pcare")
    assert result.frame.height == 10_493
    ipums = frame.group_by("CASEID").agg(pl.col("BLS_PCARE").first(), pl.col("WT06").first())
    both = result.frame.join(ipums, on="CASEID")
    assert both.height == 10_493
    assert int((both["pcare"] == both["BLS_PCARE"]).sum()) >= 10_492
    hours = float((both["pcare"] * both["WT06"]).sum() / both["WT06"].sum() / 60)
    assert hours == pytest.approx(9.58, abs=0.01)


def test_a_respondent_without_a_key_gets_a_missing_total_not_zero():
    respondents = pl.DataFrame({"id": [1, None, 3]})
    raw = {"key": "id", "activity": "act", "start": "start", "stop": "stop", "codes": ["01*"]}
    result = episode_minutes(diary(), rule_from_mapping(raw), "pc", respondents)
    assert result.frame["pc"].to_list() == [240.0, None, 0.0]


def test_episodes_out_of_time_order_are_checked_against_the_latest_start():
    # respondent 1's rows shuffled: the late episode (10:00 -> 04:00) is the latest, so fine
    frame = diary()
    shuffled = frame[[3, 0, 2, 1, 4, 5, 6]]
    assert minutes(shuffled, codes=["0-999999"]) == {1: 1440.0, 2: 1440.0}
    # a late episode on the last row that is not the latest start is still refused
    bad = diary(stop=["08:00", "07:00", "10:00", "04:00", "09:00", "09:30", "07:00"])[[0, 2, 3, 1, 4, 5, 6]]
    with pytest.raises(EpisodeError, match=r"the episode stops \(07:00\) before it starts \(08:00\)"):
        minutes(bad, codes=["01*"])


def test_a_respondent_named_by_two_key_variables():
    frame = diary(line=[1, 1, 2, 2, 1, 1, 1])  # household 1 has two diarists
    raw = {"key": ["id", "line"], "activity": "act", "start": "start", "stop": "stop",
           "codes": ["0-999999"]}
    result = episode_minutes(frame, rule_from_mapping(raw), "all")
    assert {(i, ln): m for i, ln, m in result.frame.iter_rows()} == {
        (1, 1): 300.0, (1, 2): 60.0 + 1080.0, (2, 1): 1440.0}
