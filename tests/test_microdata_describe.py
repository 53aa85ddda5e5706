"""`tut microdata describe`: rows, variables, labels, missing codes, design variables."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from conftest import shared_dir

from tut.microdata import read_codebook
from tut.microdata.describe import describe


@pytest.fixture
def atus_like(tmp_path):
    """A small ATUS-style file: final weight, 160 SDR replicate weights, labels, missings."""
    rng = np.random.default_rng(7)
    n = 30
    data = {
        "TUCASEID": np.arange(n, dtype=float),
        "TESEX": rng.integers(1, 3, n).astype(float),
        "TRTCC": rng.choice([-1.0, 0.0, 30.0, 120.0], n),
        "TUFNWGTP": rng.uniform(1000, 5000, n),
    }
    for i in range(1, 161):
        data[f"TUFWGT{i:03d}"] = rng.uniform(0, 9000, n)
    path = tmp_path / "atus.sav"
    pyreadstat.write_sav(
        pd.DataFrame(data), str(path), file_label="ATUS-like synthetic extract",
        column_labels={"TESEX": "Sex", "TRTCC": "Total time spent on secondary childcare",
                       "TUFNWGTP": "Final weight (2020 method)"},
        variable_value_labels={"TESEX": {1: "Male", 2: "Female"}, "TRTCC": {-1: "Blank"}},
        missing_ranges={"TRTCC": [-1, {"lo": -3, "hi": -2}]},
    )
    return path


@pytest.fixture
def enut_like(tmp_path):
    """An INEGI ENUT-style file: fac_per, EST_DIS, UPM_DIS, Spanish labels."""
    frame = pd.DataFrame({
        "folio": [1.0, 2.0, 3.0], "sexo": [1.0, 2.0, 2.0], "fac_per": [350.0, 410.5, 122.0],
        "EST_DIS": [10.0, 10.0, 11.0], "UPM_DIS": [1.0, 2.0, 3.0], "p6_4": [30.0, 99.0, 0.0],
    })
    path = tmp_path / "enut.sav"
    pyreadstat.write_sav(
        frame, str(path),
        column_labels={"fac_per": "Factor de expansión", "EST_DIS": "Estrato de diseño",
                       "UPM_DIS": "Unidad primaria de muestreo", "p6_4": "Minutos al pendiente"},
        variable_value_labels={"sexo": {1: "Hombre", 2: "Mujer"}, "p6_4": {99: "No sabe"}},
        missing_ranges={"p6_4": [99]},
    )
    return path


def test_design_variables_are_recognised_and_replicates_grouped(atus_like):
    d = describe(read_codebook(atus_like))
    (weight,) = d.by_role("weight")
    assert weight.names == ("TUFNWGTP",)
    (reps,) = d.by_role("replicate_weights")
    assert reps.summary == "160 replicate weights TUFWGT001..TUFWGT160"
    assert len(reps.names) == 160 and reps.names[0] == "TUFWGT001"


def test_spanish_design_names_and_labels(enut_like):
    d = describe(read_codebook(enut_like))
    roles = {x.role: x.names for x in d.design}
    assert roles == {"weight": ("fac_per",), "strata": ("EST_DIS",), "psu": ("UPM_DIS",)}


def test_cli_text_shows_rows_labels_missings_and_design(atus_like, run_cli):
    result = run_cli("microdata", "describe", str(atus_like))
    assert result.code == 0, result.err
    out = result.out
    assert "30 rows, 164 variables" in out
    assert "ATUS-like synthetic extract" in out
    assert "160 replicate weights TUFWGT001..TUFWGT160" in out
    assert "TUFNWGTP" in out and "Final weight (2020 method)" in out
    assert "-1, -3 THRU -2" in out
    assert "1=Male, 2=Female" in out


def test_cli_json_has_every_variable_with_labels_and_missings(enut_like, run_cli):
    result = run_cli("microdata", "describe", str(enut_like), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["rows"] == 3 and data["n_variables"] == 6 and data["format"] == "sav"
    by_name = {v["name"]: v for v in data["variables"]}
    assert by_name["sexo"]["value_labels"] == {"1": "Hombre", "2": "Mujer"}
    assert by_name["p6_4"]["missing_values"] == [99.0]
    assert by_name["p6_4"]["label"] == "Minutos al pendiente"
    assert data["user_missing"] == {"p6_4": ["99"]}
    assert [d["role"] for d in data["design"]] == ["weight", "strata", "psu"]


def test_variables_flag_lists_every_value_label(enut_like, run_cli):
    short = run_cli("microdata", "describe", str(enut_like)).out
    full = run_cli("microdata", "describe", str(enut_like), "--variables").out
    assert "Value labels" not in short
    assert "Value labels (2 variables)" in full
    assert "No sabe  (missing)" in full


def test_stata_tagged_missing_labels_are_shown():
    path = shared_dir("realfiles") / "ReadStatTables.jl" / "alltypes.dta"
    d = describe(read_codebook(path)).as_dict()
    assert d["user_missing"]["vbyte"] == [".a"]
    vbyte = next(v for v in d["variables"] if v["name"] == "vbyte")
    assert vbyte["value_labels"] == {"1": "A", ".a": "Tagged missing"}


@pytest.mark.parametrize(
    ("rel", "rows"),
    [("savReaderWriter/spssio_test.sav", 9), ("pandas/stata1_102.dta", 1),
     ("pyreadstat/sample.por", 5)],
)
def test_real_files_describe_from_the_cli(rel, rows, run_cli):
    path = shared_dir("realfiles") / rel
    data = json.loads(run_cli("microdata", "describe", str(path), "--json").out)
    assert data["rows"] == rows
    if rel.endswith("102.dta"):
        assert data["reader"] == "polars-readstat" and data["notes"]
    if rel.endswith("spssio_test.sav"):
        assert data["user_missing"]["Income1"] == ["LO THRU -1"]
        assert [d["variables"] for d in data["design"]] == [["weightVar"]]


def test_numbered_items_are_not_taken_for_replicate_weights(tmp_path):
    frame = pd.DataFrame({f"item{i}": [1.0] for i in range(1, 7)} | {"Q1": [1.0], "Q2": [2.0]})
    path = tmp_path / "items.sav"
    pyreadstat.write_sav(frame, str(path))
    assert describe(read_codebook(path)).design == ()


def test_body_weight_and_risk_factors_are_not_survey_weights(tmp_path):
    frame = pd.DataFrame({"peso": [61.0], "riesgo": [1.0], "wgt_kg": [70.0], "pond": [120.0]})
    path = tmp_path / "health.sav"
    pyreadstat.write_sav(frame, str(path), column_labels={
        "peso": "Peso en kg", "riesgo": "Risk factor score", "wgt_kg": "Body weight (kg)",
        "pond": "Ponderador final"})
    assert [d.names for d in describe(read_codebook(path)).design] == [("pond",)]


def test_psu_labelled_within_stratum_is_a_psu_and_replicates_are_one_row(tmp_path, run_cli):
    """A name match wins over a label match; 160 replicate weights are one table row."""
    frame = pd.DataFrame({"stratum": [1.0, 1.0], "psu": [1.0, 2.0], "finalwt": [10.0, 12.0]}
                         | {f"repwt{i:03d}": [9.0, 11.0] for i in range(1, 161)})
    path = tmp_path / "design.sav"
    pyreadstat.write_sav(frame, str(path), column_labels={
        "psu": "Primary sampling unit (within stratum)", "repwt001": "Replicate weight 1"})
    d = describe(read_codebook(path))
    assert {x.role: x.names for x in d.design if x.role != "replicate_weights"} == {
        "weight": ("finalwt",), "strata": ("stratum",), "psu": ("psu",)}
    out = run_cli("microdata", "describe", str(path)).out
    assert "2 rows, 163 variables" in out
    assert "repwt001..repwt160" in out and "160 replicate weights; the first: Replicate" in out
    assert "repwt002" not in out
    data = json.loads(run_cli("microdata", "describe", str(path), "--json").out)
    assert len(data["variables"]) == 163


def test_one_row_one_variable(tmp_path, run_cli):
    path = tmp_path / "one.sav"
    pyreadstat.write_sav(pd.DataFrame({"x": [1.0]}), str(path))
    assert "1 row, 1 variable (1 numeric)" in run_cli("microdata", "describe", str(path)).out


def test_text_strata_and_psu_codes_are_recognised_but_a_text_weight_is_not(tmp_path):
    """ENUT's EST_DIS holds codes such as '09-U-1': still the strata."""
    frame = pd.DataFrame({"EST_DIS": ["09-U-1", "15-R-2"], "UPM_DIS": ["00001", "00002"],
                          "FAC_PER": [350.0, 410.5], "peso_txt": ["alto", "bajo"]})
    path = tmp_path / "enut_text.sav"
    pyreadstat.write_sav(frame, str(path), column_labels={"peso_txt": "Peso"})
    roles = {x.role: x.names for x in describe(read_codebook(path)).design}
    assert roles == {"weight": ("FAC_PER",), "strata": ("EST_DIS",), "psu": ("UPM_DIS",)}


def _missing_lines(out: str) -> list[str]:
    """The lines of the 'Stata extended missing values' section of the text output."""
    section = out.split("Stata extended missing values", 1)[1].split("Variables", 1)[0]
    return [" ".join(line.split()) for line in section.splitlines()[1:] if line.strip()]


def test_stata_extended_missing_values_are_found_in_the_data(run_cli):
    # stata10_115.dta labels no tag, yet float_missing holds a .a (tut compare counts it)
    path = shared_dir("realfiles") / "pandas" / "stata10_115.dta"
    result = run_cli("microdata", "describe", str(path))
    assert result.code == 0, result.err
    assert "Stata extended missing values (.a-.z; 1 variable)" in result.out
    assert _missing_lines(result.out) == ["float_missing .a"]
    data = json.loads(run_cli("microdata", "describe", str(path), "--json").out)
    assert data["missing_in_data"] == {"float_missing": [".a"]}
    assert data["user_missing"] == {"float_missing": [".a"]}


def test_stata_tags_in_the_data_are_listed_with_their_labels_even_when_unlabelled(run_cli):
    # x holds .a (labelled apple), .h (no label) and .z (labelled .zebra)
    path = shared_dir("realfiles") / "haven" / "tagged-na-double.dta"
    result = run_cli("microdata", "describe", str(path))
    assert _missing_lines(result.out) == ["x .a=apple, .h, .z=.zebra"]
    data = json.loads(run_cli("microdata", "describe", str(path), "--json").out)
    (x,) = data["variables"]
    assert x["missing"] == [".a", ".h", ".z"]


@pytest.mark.parametrize(
    ("rel", "expected"),
    [("pyreadstat/missing_test.dta",
      {"var1": [".a"], "var2": [".b"], "var3": [".c"], "var4": [".x"], "var5": [".y"],
       "var6": [".z"]}),
     ("pandas/stata5_114.dta",
      {n: [".a", ".z"] for n in ("byte_", "int_", "long_", "float_", "double_")}),
     ("pandas/stata14_118.dta", {})],
)
def test_other_stata_files_report_the_tags_of_their_data(rel, expected, run_cli):
    path = shared_dir("realfiles") / rel
    data = json.loads(run_cli("microdata", "describe", str(path), "--json").out)
    assert data["missing_in_data"] == expected


def test_a_labelled_tag_no_value_holds_is_said_to_be_absent(tmp_path, run_cli):
    path = tmp_path / "refused.dta"
    pyreadstat.write_dta(pd.DataFrame({"x": [1.0, 2.0, None]}), str(path),
                         variable_value_labels={"x": {1: "one", "q": "refused"}},
                         missing_user_values={"x": ["q"]})
    result = run_cli("microdata", "describe", str(path))
    assert _missing_lines(result.out) == ["x .q=refused (labelled, not in the data)"]
    assert json.loads(run_cli("microdata", "describe", str(path), "--json").out)[
        "missing_in_data"] == {}
