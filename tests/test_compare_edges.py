"""Edge cases of `tut compare` that must be an error or a caveat, never a silent number.

The data are R's api schools (tests/fixtures/compare/api/api.sav), changed per case.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from tests.conftest import CliResult

API = Path(__file__).parent / "fixtures" / "compare" / "api"
A, B = "atus-incare-en", "cand-responsible-en"
RunCli = Callable[..., CliResult]


def write_case(folder: Path, change: Callable[[pd.DataFrame], pd.DataFrame], design: str,
               domains: str = "[]") -> Path:
    frame, meta = pyreadstat.read_sav(str(API / "api.sav"))
    frame = change(frame.copy())
    pyreadstat.write_sav(frame, str(folder / "case.sav"),
                         variable_value_labels=meta.variable_value_labels)
    spec = folder / "spec.yaml"
    spec.write_text(f"""
datasets:
  - file: case.sav
    variant: {{variable: ballot, map: {{1: {A}, 2: {B}}}}}
    weight: w
    design: {design}
outcomes: [{{name: api, variable: api00, kind: mean}}]
domains: {domains}
""")
    return spec


def run_json(run_cli: RunCli, spec: Path) -> dict:
    result = run_cli("compare", str(spec), "--json")
    assert result.code == 0, result.err
    data: dict = json.loads(result.out)
    return data


def test_a_design_with_one_psu_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    spec = write_case(tmp_path, lambda f: f.assign(one=1.0), "{psu: one, lonely_psu: certainty}")
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert "spec.yaml:line 6 (/datasets/0/design/psu)" in result.err
    assert "single PSU" in result.err and "Traceback" not in result.err


def test_average_with_every_stratum_lonely_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    spec = write_case(tmp_path, lambda f: f, "{strata: dnum, psu: dnum, lonely_psu: average}")
    result = run_cli("compare", str(spec))
    assert result.code == 2
    assert "/datasets/0/design/lonely_psu" in result.err and "every stratum" in result.err


def test_one_respondent_is_never_high_precision(tmp_path: Path, run_cli: RunCli) -> None:
    # one school of type 2 under ballot 1; the rest of that type under ballot 2
    def change(f: pd.DataFrame) -> pd.DataFrame:
        high = f.index[f.stype_n == 2]
        f.loc[high, "ballot"] = 2
        f.loc[high[0], "ballot"] = 1
        return f

    spec = write_case(tmp_path, change, "{psu: dnum}", "[{variable: stype_n, name: type}]")
    data = run_json(run_cli, spec)
    one = next(e for e in data["estimates"] if e["domain"] == {"type": "H"}
               and e["variant"] == A)
    assert one["n"] == 1 and one["reliability"] == "undetermined"
    rest = next(e for e in data["estimates"] if e["domain"] == {"type": "H"}
                and e["variant"] == B)
    assert rest["n"] < 30 and rest["cv"] < 15 and rest["reliability"] == "moderate"
    text = run_cli("compare", str(spec)).out
    assert "nan" not in text.lower()


def test_a_domain_whose_weights_are_all_zero_is_named(tmp_path: Path, run_cli: RunCli) -> None:
    def change(f: pd.DataFrame) -> pd.DataFrame:
        f.loc[(f.stype_n == 2) & (f.ballot == 1), "w"] = 0.0
        return f

    spec = write_case(tmp_path, change, "{psu: dnum}", "[{variable: stype_n, name: type}]")
    data = run_json(run_cli, spec)
    assert not [e for e in data["estimates"] if e["domain"] == {"type": "H"} and e["variant"] == A]
    note = next(c for c in data["caveats"] if "weights are all 0" in c)
    assert f"api {A} type=H (" in note


def test_json_with_out_writes_the_file_and_not_the_screen(tmp_path: Path,
                                                         run_cli: RunCli) -> None:
    spec = write_case(tmp_path, lambda f: f, "{psu: dnum}")
    out = tmp_path / "results.json"
    result = run_cli("compare", str(spec), "--json", "--out", str(out))
    assert result.code == 0, result.err
    assert "{" not in result.out and str(out) in result.out
    assert json.loads(out.read_text())["estimates"]


@pytest.mark.parametrize("design", ["{psu: dnum}", "{replicates: {prefix: bw, type: bootstrap}}"])
def test_differences_of_shares_are_in_percentage_points(tmp_path: Path, run_cli: RunCli,
                                                         design: str) -> None:
    spec = write_case(tmp_path, lambda f: f.assign(api00=f.api00.where(f.snum % 5 != 0)), design)
    text = run_cli("compare", str(spec)).out
    line = next(x for x in text.splitlines() if "non-response of" in x)
    assert " pp [" in line and "%" not in line


def test_an_80_column_terminal_gets_one_line_per_domain(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = write_case(tmp_path, lambda f: f, "{psu: dnum}", "[{variable: stype_n, name: type}]")
    monkeypatch.setenv("COLUMNS", "80")
    text = run_cli("compare", str(spec)).out
    lines = text.splitlines()
    assert max(len(x) for x in lines) <= 80
    assert f"variants: A = {A}; B = {B}" in text
    assert "…" not in text
    for label in ("All", "E", "H", "M"):
        rows = [x for x in lines if x.startswith(f"{label} ") and "[" in x]
        assert len(rows) == 1  # one line per domain, its estimates and CIs on it
    monkeypatch.setenv("COLUMNS", "200")
    wide = run_cli("compare", str(spec)).out
    assert f"{B} - {A}" in wide and "variants: A =" not in wide
