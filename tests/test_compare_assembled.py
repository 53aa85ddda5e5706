"""A comparison over real time-use files: episodes, linked files and derived variables in
the spec, estimated and compared like a column of a .sav."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyreadstat
import pytest
from conftest import shared_dir

from tut.microdata import read_columns


def atus() -> Path:
    return shared_dir("realfiles") / "ipums" / "atus_00034.xml"


ATUS_SPEC = """\
title: Personal care from the ATUS 2016 diaries
datasets:
  - name: atus
    file: {ddi}
    variant:
      variable: ballot
      map: {{1: atus-incare-en, 2: cand-responsible-en}}
    weight: WT06
    design: {{}}
    episodes:
      key: CASEID
      activity: ACTIVITY
      start: START
      stop: STOP
      day_start: "04:00"
      outcomes:
        pcare_min: {{codes: ["01*", "1801*"]}}
    derive:
      ballot: (AGE >= 45) + 1
      pcare_h: pcare_min / 60
outcomes:
  - {{name: pcare, variable: pcare_min, kind: mean, unit: minutes per day}}
  - {{name: pcare_h, variable: pcare_h, kind: mean, unit: hours per day}}
domains: [SEX]
"""


def compare_json(run_cli, spec: Path) -> dict[str, Any]:
    result = run_cli("compare", str(spec), "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def estimate(data: dict[str, Any], outcome: str, variant: str, domain: dict[str, str]) -> dict[str, Any]:
    (row,) = [e for e in data["estimates"] if e["outcome"] == outcome and e["variant"] == variant
              and e["domain"] == domain]
    return row


def test_episode_outcome_is_estimated_like_any_column(tmp_path, run_cli):
    spec = tmp_path / "spec.yaml"
    spec.write_text(ATUS_SPEC.format(ddi=atus()))
    data = compare_json(run_cli, spec)
    # the same weighted means from IPUMS's own BLS_PCARE (equal for all but one respondent)
    people = read_columns(atus(), ["CASEID", "WT06", "AGE", "BLS_PCARE"]).unique("CASEID")
    people = people.with_columns(ballot=(pl.col("AGE") >= 45).cast(pl.Int64) + 1)
    for ballot, variant in ((1, "atus-incare-en"), (2, "cand-responsible-en")):
        group = people.filter(pl.col("ballot") == ballot)
        expected = float((group["BLS_PCARE"] * group["WT06"]).sum() / group["WT06"].sum())
        minutes = estimate(data, "pcare", variant, {})
        assert minutes["n"] == group.height
        assert minutes["estimate"] == pytest.approx(expected, abs=0.5)
        hours = estimate(data, "pcare_h", variant, {})
        assert hours["estimate"] == pytest.approx(minutes["estimate"] / 60, rel=1e-12)
        assert hours["se"] == pytest.approx(minutes["se"] / 60, rel=1e-9)
    assert sum(estimate(data, "pcare", v, {})["n"] for v in ("atus-incare-en", "cand-responsible-en")) == 10_493
    assert "atus: atus_00034.xml: one row per episode; 10,493 respondents" in data["caveats"]


def test_a_person_variable_that_varies_between_episodes_is_refused(tmp_path, run_cli):
    spec = tmp_path / "spec.yaml"
    spec.write_text(ATUS_SPEC.format(ddi=atus()).replace("domains: [SEX]", "domains: [ACTIVITY]"))
    result = run_cli("compare", str(spec))
    assert result.code == 2
    (line,) = result.err.strip().splitlines()
    assert line.startswith(f"error: {atus()}:row 2: ACTIVITY differs between the episodes of respondent CASEID ")
    assert "so it is not a respondent variable" in line


def test_unknown_column_in_derive_is_named_at_its_line_before_data_is_read(tmp_path, run_cli, monkeypatch):
    import tut.microdata.assemble as assemble

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("data was read before the spec was checked")

    monkeypatch.setattr(assemble, "read_columns", no_reading)
    spec = tmp_path / "spec.yaml"
    spec.write_text(ATUS_SPEC.format(ddi=atus()).replace("(AGE >= 45)", "(AEG >= 45)"))
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert result.err.strip() == (
        f"error: {spec}:line 19 (/datasets/0/derive/ballot): ballot: no column 'AEG' "
        "(at character 2 of '(AEG >= 45) + 1') (did you mean AGE?)")


def test_episodes_need_a_duration_or_start_and_stop(tmp_path, run_cli):
    spec = tmp_path / "spec.yaml"
    spec.write_text(ATUS_SPEC.format(ddi=atus()).replace("      stop: STOP\n", ""))
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert "(/datasets/0/episodes): episodes need either duration, or both start and stop" in result.err


# --- linked files, ATUS-style, written as .sav -------------------------------------------------

LINKED_SPEC = """\
datasets:
  - name: atus
    file: atusresp.sav
    variant: {{variable: ballot, map: {{1: atus-incare-en, 2: cand-responsible-en}}}}
    weight: TUFINLWGT
    design: {{}}
    link:
      - {{file: atuswgts.sav, keys: TUCASEID}}
      - {{file: atusrost.sav, keys: [TUCASEID, TULINENO]}}
    episodes:
      file: atusact.sav
      key: TUCASEID
      activity: TRCODE
      duration: TUACTDUR24
      outcomes:
        care_min: {{codes: ["0301*"]}}
        care_in_care: {{codes: ["0-999999"], where: {{TRTCC_LN: "> 0"}}}}
    derive:
      care_h: care_min / 60
outcomes:
  - {{name: care, variable: care_min, kind: mean, unit: minutes per day}}
  - {{name: secondary, variable: care_in_care, kind: mean, unit: minutes per day}}
domains: [{domain}]
"""


def write_sav(path: Path, columns: dict[str, list[Any]], labels: dict[str, dict[float, str]] | None = None,
              missing: dict[str, list[float]] | None = None) -> None:
    pyreadstat.write_sav(pd.DataFrame(columns), str(path), variable_value_labels=labels or {},
                         missing_ranges=missing or {})


def write_atus(folder: Path, weights_ids: list[int] | None = None) -> None:
    ids = [101, 102, 103, 104]
    write_sav(folder / "atusresp.sav", {"TUCASEID": ids, "TULINENO": [1, 1, 1, 1], "ballot": [1, 2, 1, 2]})
    wid = weights_ids or [104, 103, 102, 101, 999]
    write_sav(folder / "atuswgts.sav", {"TUCASEID": wid, "TUFINLWGT": [float(i) for i in range(1, len(wid) + 1)]})
    write_sav(folder / "atusrost.sav", {"TUCASEID": [101, 101, 102, 103, 104], "TULINENO": [1, 2, 1, 1, 1],
                                        "TESEX": [2, 1, 1, 2, 2]}, {"TESEX": {1: "Male", 2: "Female"}})
    write_sav(folder / "atusact.sav", {
        "TUCASEID": [101, 101, 102, 103, 103, 104],
        "TRCODE": [30101, 10101, 30102, 10101, 120303, 50101],
        "TUACTDUR24": [30, 1410, 45, 600, 840, 1440],
        "TRTCC_LN": [0, 0, 45, 0, 840, 0],
        "TUACTIVITY_N": [1, 2, 1, 1, 2, 1],
    })
    # who was there: one row per person per episode (22 own household child, 40 alone, 20 spouse)
    write_sav(folder / "atuswho.sav", {
        "TUCASEID": [101, 101, 101, 102, 103, 103, 104],
        "TUACTIVITY_N": [1, 1, 2, 1, 1, 2, 1],
        "TUWHO_CODE": [20, 22, 40, 40, 22, 22, 40],
    })


WHO_SPEC = """datasets:
  - name: atus
    file: atusresp.sav
    variant: atus-incare-en
    weight: TUFINLWGT
    design: {}
    link: [{file: atuswgts.sav, keys: TUCASEID}]
    episodes:
      file: atusact.sav
      key: TUCASEID
      activity: TRCODE
      duration: TUACTDUR24
      who: {file: atuswho.sav, keys: [TUCASEID, TUACTIVITY_N], column: TUWHO_CODE}
      outcomes:
        with_child: {codes: ["0-999999"], with: ["22-24"]}
        care_with_child: {codes: ["03*"], with: [22]}
outcomes:
  - {name: with_child, variable: with_child, kind: mean, unit: minutes per day}
  - {name: care_with_child, variable: care_with_child, kind: mean, unit: minutes per day}
"""


def test_who_was_there_selects_episodes_from_the_who_file(tmp_path, run_cli):
    write_atus(tmp_path)
    spec = tmp_path / "spec.yaml"
    spec.write_text(WHO_SPEC)
    data = compare_json(run_cli, spec)
    # with a child: 101's episode 1 (30 min), 103's episodes 1 and 2 (600 + 840); weights
    # 101: 4, 102: 3, 103: 2, 104: 1
    total = 4 + 3 + 2 + 1
    assert estimate(data, "with_child", "atus-incare-en", {})["estimate"] == \
        pytest.approx((30 * 4 + 1440 * 2) / total)
    assert estimate(data, "care_with_child", "atus-incare-en", {})["estimate"] == \
        pytest.approx(30 * 4 / total)


def test_with_needs_the_who_table(tmp_path, run_cli):
    write_atus(tmp_path)
    spec = tmp_path / "spec.yaml"
    spec.write_text(WHO_SPEC.replace(
        "      who: {file: atuswho.sav, keys: [TUCASEID, TUACTIVITY_N], column: TUWHO_CODE}\n", ""))
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert "(/datasets/0/episodes/outcomes/with_child/with): with: needs the who table" in result.err


def test_linked_files_feed_the_comparison(tmp_path, run_cli):
    write_atus(tmp_path)
    spec = tmp_path / "spec.yaml"
    spec.write_text(LINKED_SPEC.format(domain="TESEX"))
    data = compare_json(run_cli, spec)
    # weights 104:1, 103:2, 102:3, 101:4; care 101: 30, 102: 45, 103: 0, 104: 0
    a = estimate(data, "care", "atus-incare-en", {})  # 101 (w 4) and 103 (w 2)
    assert a["estimate"] == pytest.approx((30 * 4 + 0 * 2) / 6)
    b = estimate(data, "secondary", "cand-responsible-en", {})  # 102 (w 3) and 104 (w 1)
    assert b["estimate"] == pytest.approx((45 * 3 + 0 * 1) / 4)
    female = estimate(data, "care", "atus-incare-en", {"TESEX": "Female"})
    assert female["n"] == 2
    assert ("atus: atuswgts.sav joined on TUCASEID: 4 respondents matched, 1 of its rows matches "
            "no respondent (left out; first: TUCASEID 999)") in [c.replace(str(tmp_path) + "/", "") for c in data["caveats"]]


def test_a_duplicate_key_in_a_linked_file_is_one_error_naming_file_key_and_rows(tmp_path, run_cli):
    write_atus(tmp_path, weights_ids=[104, 103, 102, 101, 103])
    spec = tmp_path / "spec.yaml"
    spec.write_text(LINKED_SPEC.format(domain="TESEX"))
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"error: {tmp_path / 'atuswgts.sav'}:rows 2, 5: key TUCASEID 103 appears on 2 rows, but this "
        "file is joined many-to-one (one row per key) (add the column that tells these rows apart "
        "to keys, or remove the duplicates; 2 rows have a repeated key)"]


def test_a_respondent_without_a_weight_row_is_refused_by_the_weight_check(tmp_path, run_cli):
    write_atus(tmp_path, weights_ids=[104, 103, 102])
    spec = tmp_path / "spec.yaml"
    spec.write_text(LINKED_SPEC.format(domain="TESEX"))
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert "TUFINLWGT" in result.err and len(result.err.strip().splitlines()) == 1


def test_a_link_key_missing_from_a_file_is_named_at_the_spec(tmp_path, run_cli):
    write_atus(tmp_path)
    spec = tmp_path / "spec.yaml"
    spec.write_text(LINKED_SPEC.format(domain="TESEX").replace("keys: [TUCASEID, TULINENO]",
                                                                 "keys: [TUCASEID, TULINEN]"))
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert "(/datasets/0/link/1/keys/1): atusresp.sav has no variable 'TULINEN' (did you mean TULINENO?)" \
        in result.err


# --- a hierarchical IPUMS extract: record types as linked tables ------------------------------

HIER_SPEC = """\
datasets:
  - name: tiny
    file: tiny_00001.xml
    table: person
    variant: atus-incare-en
    weight: WT
    design: {}
    link:
      - {file: tiny_00001.xml, table: household, keys: CASEID}
    episodes:
      table: activity
      key: CASEID
      activity: ACTIVITY
      duration: DUR
      outcomes:
        care_min: {codes: ["0301*"]}
outcomes:
  - {name: care, variable: care_min, kind: mean, unit: minutes per day}
domains: [REGION]
"""


def test_record_types_of_a_hierarchical_extract_link_and_sum(tmp_path, run_cli):
    from test_microdata_ipums import write_hierarchical

    write_hierarchical(tmp_path)
    spec = tmp_path / "spec.yaml"
    spec.write_text(HIER_SPEC)
    data = compare_json(run_cli, spec)
    # persons 1 (WT 123.45, 1110 min of 0301xx), 2 (0.5, none), 3 (0.75, no diary): zeros
    everyone = estimate(data, "care", "atus-incare-en", {})
    assert everyone["n"] == 3
    assert everyone["estimate"] == pytest.approx(1110 * 123.45 / (123.45 + 0.5 + 0.75))
    north = estimate(data, "care", "atus-incare-en", {"REGION": "Norte"})
    assert north["estimate"] == pytest.approx(1110 * 123.45 / (123.45 + 0.75))
    caveats = [c.replace(str(tmp_path) + "/", "") for c in data["caveats"]]
    assert "tiny: care_min: 1 episode of tiny_00001.xml (activity) summed per respondent" in caveats


def test_episodes_streamed_in_small_batches_give_the_same_estimates(tmp_path, monkeypatch):
    from tut.compare.run import run_comparison
    from tut.microdata import diary

    spec = tmp_path / "spec.yaml"
    spec.write_text(ATUS_SPEC.format(ddi=atus()))
    whole = run_comparison(spec)
    monkeypatch.setattr(diary, "BATCH_ROWS", 1000)  # ~250 batches; respondents cross batch ends
    streamed = run_comparison(spec)
    assert [(e.outcome, e.variant, e.n) for e in streamed.estimates] == \
        [(e.outcome, e.variant, e.n) for e in whole.estimates]
    for a, b in zip(whole.estimates, streamed.estimates, strict=True):
        assert b.value.estimate == pytest.approx(a.value.estimate, rel=1e-12)
        assert b.value.se == pytest.approx(a.value.se, rel=1e-9)


EPISODE_ROWS_SPEC = """\
datasets:
  - name: diary
    file: diary.sav
    variant: atus-incare-en
    weight: wt
    design: {}
    episodes:
      key: id
      activity: act
      duration: mins
      outcomes:
        care: {codes: ["0301*"]}
outcomes:
  - {name: care, variable: care, kind: mean, unit: minutes per day}
"""


def test_a_respondent_whose_episodes_are_scattered_over_batches_is_refused(tmp_path, run_cli, monkeypatch):
    from tut.microdata import diary

    write_sav(tmp_path / "diary.sav", {"id": [1, 1, 2, 2, 3, 3, 1], "act": [30101] * 7,
                                       "mins": [10.0] * 7, "wt": [1.0] * 7})
    spec = tmp_path / "spec.yaml"
    spec.write_text(EPISODE_ROWS_SPEC)
    assert run_cli("compare", str(spec)).code == 0  # one batch: scattered rows are grouped
    monkeypatch.setattr(diary, "BATCH_ROWS", 2)
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert result.err.strip() == (
        f"error: {tmp_path / 'diary.sav'}: the episodes of respondent id 1 are not on consecutive "
        "rows, so the respondent would be counted twice (sort the episode file by respondent "
        "(IPUMS and BLS files are))")


def test_the_readme_episodes_example_runs_on_the_shared_extract(tmp_path, run_cli):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    section = readme.split("### Real time-use files in a comparison", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    spec = tmp_path / "spec.yaml"
    spec.write_text(block.replace("file: atus_00034.xml", f"file: {atus()}"))
    data = compare_json(run_cli, spec)
    pcare = estimate(data, "pcare", "atus-incare-en", {})
    assert pcare["n"] == 10_493
    assert pcare["estimate"] / 60 == pytest.approx(9.58, abs=0.01)  # as SOURCES.md measured


ENUT_SPEC = """\
datasets:
  - name: enut
    file: tmodulo.sav
    variant: enut-child-pendiente-es
    weight: FAC_PER
    design: {}
    link:
      - {file: tsdem.sav, keys: [LLAVEHOG, N_REN]}
      - {file: thogar.sav, keys: LLAVEHOG}
    derive:
      care_week_h: (fill(P6_21A_1, 0) + P6_21A_2 / 60) * 5 + (P6_21A_3 + P6_21A_4 / 60) * 2
      any_care: care_week_h > 0
    missing: {P6_21A_3: [98]}
outcomes:
  - {name: care, variable: care_week_h, kind: mean, unit: hours per week}
  - {name: any, variable: any_care, kind: proportion, condition: "> 0"}
  - {name: raw_lv, variable: P6_21A_1, kind: mean, unit: hours per day}
domains: [{variable: SEXO, name: sex}]
"""


def write_enut(folder: Path) -> None:
    write_sav(folder / "tmodulo.sav", {
        "LLAVEHOG": ["0101", "0101", "0202", "0303", "0404"],
        "N_REN": [1, 2, 1, 1, 1],
        "FAC_PER": [10.0, 10.0, 20.0, 30.0, 40.0],
        "P6_21A_1": [2.0, None, 99.0, 1.0, 0.0],   # 99: declared "no sabe"; blank: por secuencia
        "P6_21A_2": [30.0, 0.0, 0.0, 0.0, 0.0],
        "P6_21A_3": [1.0, 0.0, 0.0, 98.0, 0.0],    # 98: listed under missing in the spec
        "P6_21A_4": [0.0, 30.0, 0.0, 0.0, 0.0],
    }, missing={"P6_21A_1": [99]})
    write_sav(folder / "tsdem.sav", {"LLAVEHOG": ["0101", "0101", "0202", "0303", "0404"],
                                     "N_REN": [1, 2, 1, 1, 1], "SEXO": [2, 1, 2, 1, 2]},
              {"SEXO": {1: "Hombre", 2: "Mujer"}})
    write_sav(folder / "thogar.sav", {"LLAVEHOG": ["0101", "0202", "0303", "0404"],
                                      "REGION": [1, 1, 2, 2]})


def test_enut_hours_and_minutes_become_weekly_hours_with_non_answers_kept_apart(tmp_path, run_cli):
    write_enut(tmp_path)
    spec = tmp_path / "spec.yaml"
    spec.write_text(ENUT_SPEC)
    data = compare_json(run_cli, spec)
    # valid: row 1 (2.5 h x 5 + 1 h x 2 = 14.5, w 10), row 2 (blank weekday -> 0; 0.5 h x 2 = 1,
    # w 10), row 5 (0, w 40); rows 3 (99) and 4 (98) are non-answers
    care = estimate(data, "care", "enut-child-pendiente-es", {})
    assert care["n"] == 3
    assert care["estimate"] == pytest.approx((14.5 * 10 + 1 * 10 + 0 * 40) / 60)
    share = estimate(data, "any", "enut-child-pendiente-es", {})
    assert share["estimate"] == pytest.approx(20 / 60)
    women = estimate(data, "care", "enut-child-pendiente-es", {"sex": "Mujer"})
    assert women["n"] == 2  # rows 1 and 5; row 3 is a non-answer
    # the raw variable keeps its code: counted by code, not as an empty cell
    (raw,) = [m for m in data["missing"] if m["outcome"] == "raw_lv"]
    assert raw["n_missing"] == 2 and raw["codes"]["99"] == 1
    assert "enut: derive care_week_h: 2 rows missing (an input is empty or a non-answer code)" \
        in data["caveats"]


def test_who_keys_named_differently_in_the_who_file(tmp_path, run_cli):
    write_atus(tmp_path)
    who = pd.read_spss(tmp_path / "atuswho.sav", convert_categoricals=False)
    write_sav(tmp_path / "atuswho.sav", who.rename(columns={"TUACTIVITY_N": "ACTLINEW"}).to_dict("list"))
    spec = tmp_path / "spec.yaml"
    same = WHO_SPEC.replace("column: TUWHO_CODE}", "who_keys: [TUCASEID, ACTLINEW], column: TUWHO_CODE}")
    spec.write_text(same)
    data = compare_json(run_cli, spec)
    assert estimate(data, "with_child", "atus-incare-en", {})["estimate"] == \
        pytest.approx((30 * 4 + 1440 * 2) / 10)
    spec.write_text(WHO_SPEC)
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert "(/datasets/0/episodes/who/keys/1): atuswho.sav has no variable 'TUACTIVITY_N'" in result.err


def test_replicate_weights_from_a_linked_file_give_the_flat_file_results(tmp_path, run_cli):
    import numpy as np

    rng = np.random.default_rng(7)
    n = 200
    ids = np.arange(1000, 1000 + n)
    care = rng.choice([0.0, 30.0, 60.0, 120.0], n)
    ballot = rng.integers(1, 3, n)
    sex = rng.integers(1, 3, n)
    wt = rng.uniform(50, 150, n)
    reps = {f"rw{i}": wt * rng.choice([0.0, 2.0], n) for i in range(1, 9)}
    write_sav(tmp_path / "resp.sav", {"id": ids.tolist(), "care": care.tolist(), "ballot": ballot.tolist(),
                                      "sex": sex.tolist()}, {"sex": {1: "Male", 2: "Female"}})
    order = rng.permutation(n)  # the weights file in another order
    write_sav(tmp_path / "wgts.sav", {"id": ids[order].tolist(), "wt": wt[order].tolist(),
                                      **{k: v[order].tolist() for k, v in reps.items()}})
    write_sav(tmp_path / "flat.sav", {"id": ids.tolist(), "care": care.tolist(), "ballot": ballot.tolist(),
                                      "sex": sex.tolist(), "wt": wt.tolist(),
                                      **{k: v.tolist() for k, v in reps.items()}},
              {"sex": {1: "Male", 2: "Female"}})
    body = """\
    variant: {variable: ballot, map: {1: atus-incare-en, 2: cand-responsible-en}}
    weight: wt
    design: {replicates: {prefix: rw, count: 8, type: bootstrap}}
outcomes:
  - {name: care, variable: care, kind: mean, unit: minutes per day}
domains: [sex]
"""
    (tmp_path / "linked.yaml").write_text("datasets:\n  - name: d\n    file: resp.sav\n"
                                          "    link: [{file: wgts.sav, keys: id}]\n" + body)
    (tmp_path / "flat.yaml").write_text("datasets:\n  - name: d\n    file: flat.sav\n" + body)
    linked = compare_json(run_cli, tmp_path / "linked.yaml")
    flat = compare_json(run_cli, tmp_path / "flat.yaml")
    assert len(linked["estimates"]) == len(flat["estimates"]) == 6
    for a, b in zip(linked["estimates"], flat["estimates"], strict=True):
        assert (a["variant"], a["domain"], a["n"]) == (b["variant"], b["domain"], b["n"])
        assert a["estimate"] == pytest.approx(b["estimate"], rel=1e-12)
        assert a["se"] == pytest.approx(b["se"], rel=1e-9)
    for a, b in zip(linked["differences"], flat["differences"], strict=True):
        assert a["se"] == pytest.approx(b["se"], rel=1e-9)
