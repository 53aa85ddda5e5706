"""Bad specs and bad data: one clear error naming the spec file, the key and the fix; exit 2."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "compare" / "survey.csv"
RunCli = Callable[..., Any]
Fail = Callable[..., str]
LABELS = {"sex": {1: "Male", 2: "Female"}, "agegrp": {1: "15-24", 2: "25-54", 3: "55+"}}

GOOD = """\
datasets:
  - file: survey.sav
    variant:
      variable: ballot
      map: {1: atus-incare-en, 2: cand-responsible-en}
    weight: w
    design:
      strata: stratum2
      psu: psu
outcomes:
  - name: care
    variable: care_min
    kind: mean
    unit: minutes per day
domains: [sex]
gap: {domain: sex, first: Female, second: Male}
missing:
  care_min: [-1, -2, -3]
"""


def write_data(folder: Path, change: Callable[[pd.DataFrame], None] | None = None) -> None:
    frame = pd.read_csv(FIXTURE)
    frame["note"] = "free text"
    if change is not None:
        change(frame)
    pyreadstat.write_sav(frame, str(folder / "survey.sav"), variable_value_labels=LABELS)


@pytest.fixture
def fail(tmp_path: Path, run_cli: RunCli) -> Fail:
    """Run `tut compare` on GOOD with edits; return the one error line (asserting exit 2)."""

    def run(spec: str = GOOD, change: Callable[[pd.DataFrame], None] | None = None) -> str:
        write_data(tmp_path, change)
        path = tmp_path / "spec.yaml"
        path.write_text(spec)
        result = run_cli("compare", str(path), "--json")
        assert result.code == 2, result.out + result.err
        lines = result.err.strip().splitlines()
        assert len(lines) == 1, result.err
        assert lines[0].startswith(f"error: {path}:line "), lines[0]
        assert "Traceback" not in result.err and result.out == ""
        return lines[0]

    return run


def line_of(spec: str, text: str) -> int:
    return next(i for i, line in enumerate(spec.splitlines(), 1) if text in line)


def test_good_spec_runs(tmp_path: Path, run_cli: RunCli) -> None:
    write_data(tmp_path)
    (tmp_path / "spec.yaml").write_text(GOOD)
    result = run_cli("compare", str(tmp_path / "spec.yaml"), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["estimates"]


def test_variable_not_in_the_file(fail: Fail) -> None:
    spec = GOOD.replace("variable: care_min", "variable: care_mins")
    err = fail(spec)
    assert f"line {line_of(spec, 'care_mins')} (/outcomes/0/variable)" in err
    assert "'care_mins' is not in survey.sav" in err
    assert "did you mean 'care_min'" in err


def test_variable_differs_only_in_case(fail: Fail) -> None:
    err = fail(GOOD.replace("weight: w", "weight: W"))
    assert "(/datasets/0/weight)" in err and "case-sensitive" in err


def test_variant_code_missing_from_the_map(fail: Fail) -> None:
    def third_ballot(f: pd.DataFrame) -> None:
        f.loc[f.index[:7], "ballot"] = 3

    err = fail(change=third_ballot)
    assert "(/datasets/0/variant/map)" in err
    assert "3 (7 rows)" in err and "add each code to variant.map" in err


def test_declared_missing_ballot_code_is_not_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    def third_ballot(f: pd.DataFrame) -> None:
        f.loc[f.index[:7], "ballot"] = 9

    write_data(tmp_path, third_ballot)
    spec = GOOD.replace("  care_min: [-1, -2, -3]", "  care_min: [-1, -2, -3]\n  ballot: [9]")
    (tmp_path / "spec.yaml").write_text(spec)
    result = run_cli("compare", str(tmp_path / "spec.yaml"), "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["datasets"][0]["excluded"] == 7
    assert any("7 rows have no variant" in c for c in data["caveats"])


def test_negative_weight(fail: Fail) -> None:
    def negative(f: pd.DataFrame) -> None:
        f.loc[4, "w"] = -1

    err = fail(change=negative)
    assert f"line {line_of(GOOD, 'weight: w')} (/datasets/0/weight)" in err
    assert "negative in 1 row (first: row 5, value -1)" in err


def test_missing_weight(fail: Fail) -> None:
    def empty(f: pd.DataFrame) -> None:
        f.loc[[2, 9], "w"] = np.nan

    err = fail(change=empty)
    assert "(/datasets/0/weight)" in err and "empty in 2 rows (first: row 3)" in err


def test_all_zero_weights(fail: Fail) -> None:
    def zero(f: pd.DataFrame) -> None:
        f["w"] = 0.0

    err = fail(change=zero)
    assert "(/datasets/0/weight)" in err and "zero in every row" in err


def test_wrong_number_of_replicate_weights(fail: Fail) -> None:
    spec = GOOD.replace(
        "      strata: stratum2\n      psu: psu\n",
        "      replicates:\n        prefix: rep\n        count: 160\n        type: sdr\n",
    )
    err = fail(spec)
    assert f"line {line_of(spec, 'prefix: rep')} (/datasets/0/design/replicates/prefix)" in err
    assert "8 replicate weights found in survey.sav, but count says 160" in err


def test_rscales_of_the_wrong_length(fail: Fail) -> None:
    spec = GOOD.replace(
        "      strata: stratum2\n      psu: psu\n",
        "      replicates: {prefix: rep, type: jkn, rscales: [0.5, 0.5]}\n",
    )
    err = fail(spec)
    assert "(/datasets/0/design/replicates/rscales)" in err
    assert "2 rscales for 8 replicate weights" in err


def test_single_psu_stratum_without_a_rule(fail: Fail) -> None:
    spec = GOOD.replace("strata: stratum2", "strata: stratum")
    err = fail(spec)
    assert f"line {line_of(spec, 'strata: stratum')} (/datasets/0/design/strata)" in err
    assert "1 stratum with a single PSU (e.g. stratum 9)" in err
    assert "set design.lonely_psu to adjust" in err


def test_text_outcome(fail: Fail) -> None:
    spec = GOOD.replace("variable: care_min", "variable: note")
    err = fail(spec)
    assert "(/outcomes/0/variable)" in err
    assert "holds text in survey.sav, but a number is needed" in err


def test_proportion_of_a_variable_that_is_not_zero_one(fail: Fail) -> None:
    err = fail(GOOD.replace("kind: mean", "kind: proportion"))
    assert "(/outcomes/0)" in err and "values other than 0 and 1" in err
    assert "add a condition such as '> 0'" in err


def test_gap_category_that_the_domain_does_not_have(fail: Fail) -> None:
    err = fail(GOOD.replace("first: Female", "first: Woman"))
    assert "(/gap/first)" in err and "use one of: Male, Female" in err


def test_schema_problem_is_located(fail: Fail) -> None:
    spec = GOOD.replace("kind: mean", "kind: median")
    err = fail(spec)
    assert f"line {line_of(spec, 'kind: median')} (/outcomes/0/kind)" in err
    assert "use one of: mean, proportion" in err


def test_data_file_not_found(fail: Fail) -> None:
    err = fail(GOOD.replace("file: survey.sav", "file: nowhere.sav"))
    assert "(/datasets/0/file)" in err and "not found" in err


def test_failed_run_keeps_an_existing_out_file(tmp_path: Path, run_cli: RunCli) -> None:
    write_data(tmp_path)
    out = tmp_path / "results.json"
    (tmp_path / "spec.yaml").write_text(GOOD)
    assert run_cli("compare", str(tmp_path / "spec.yaml"), "--out", str(out)).code == 0
    before = out.read_bytes()
    (tmp_path / "spec.yaml").write_text(GOOD.replace("weight: w", "weight: nope"))
    result = run_cli("compare", str(tmp_path / "spec.yaml"), "--out", str(out))
    assert result.code == 2
    assert re.search(r"'nope' is not in survey\.sav", result.err)
    assert out.read_bytes() == before


def test_negative_replicate_weight(fail: Fail) -> None:
    def negative(f: pd.DataFrame) -> None:
        f.loc[200, "rep3"] = -2.0

    spec = GOOD.replace("      strata: stratum2\n      psu: psu\n",
                        "      replicates: {prefix: rep, type: jk1}\n")
    err = fail(spec, negative)
    assert "(/datasets/0/design/replicates/prefix)" in err
    assert "replicate weight 'rep3' is negative (-2) in row 201" in err


def test_variant_id_not_in_the_registry(fail: Fail) -> None:
    spec = GOOD.replace("2: cand-responsible-en", "2: cand-responsable-en")
    err = fail(spec)
    assert f"line {line_of(spec, 'map:')} (/datasets/0/variant/map/2)" in err
    assert "variant 'cand-responsable-en' is not in the instruments registry" in err
    assert "did you mean 'cand-responsible-en'" in err and "tut instruments list" in err


def test_a_new_wording_in_the_projects_registry_is_known(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The spec's own project is found above it, so it can be run from anywhere."""
    from tut.project import init_project, shipped_dir

    project = init_project(tmp_path / "project")
    family = (shipped_dir("instruments") / "candidates.yaml").read_text(encoding="utf-8")
    (project.instruments_dir / "mine.yaml").write_text(
        family.replace("cand-", "mine-").replace("family: tut-candidates", "family: mine"),
        encoding="utf-8")
    data = project.root / "data"
    data.mkdir(exist_ok=True)
    write_data(data)
    spec = data / "spec.yaml"
    spec.write_text(GOOD.replace("2: cand-responsible-en", "2: mine-responsible-en"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli("compare", str(spec), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["datasets"][0]["variants"] == [
        "atus-incare-en", "mine-responsible-en"]
    (project.root / "tut-project.yaml").unlink()  # no project: only the shipped wordings
    result = run_cli("compare", str(spec), "--json")
    assert result.code == 2
    assert "'mine-responsible-en' is not in the instruments registry" in result.err


def test_top_level_missing_for_a_variable_of_one_survey_says_where_it_goes(fail: Fail) -> None:
    two = GOOD.replace(
        "outcomes:\n", """\
  - name: second
    file: survey.sav
    variant: enut-child-pendiente-es
    weight: w
    design: {}
    outcomes:
      - {name: care, variable: care_min, kind: mean, unit: minutes per day}
    missing: {care_min: [-1, -2, -3]}
outcomes:
""", 1).replace(
        "missing:\n  care_min: [-1, -2, -3]\n", "missing:\n  horas: [98, 99]\n")
    err = fail(two)
    assert "(/missing/horas)" in err and "not in survey.sav" in err
    assert "the top-level missing applies to both surveys" in err
    assert "its own missing under /datasets/0" in err


def test_single_psu_stratum_with_a_rule_runs_and_says_so(tmp_path: Path, run_cli: RunCli) -> None:
    write_data(tmp_path)
    spec = GOOD.replace("strata: stratum2", "strata: stratum\n      lonely_psu: adjust")
    (tmp_path / "spec.yaml").write_text(spec)
    result = run_cli("compare", str(tmp_path / "spec.yaml"), "--json")
    assert result.code == 0, result.err
    caveats = json.loads(result.out)["caveats"]
    assert any("1 stratum has a single PSU, handled by lonely_psu=adjust" in c for c in caveats)
