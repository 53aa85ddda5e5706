"""`tut compare SPEC [--json] [--out FILE] [--ci-level L]` through the real entry point."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from scipy.stats import norm

A, B = "atus-incare-en", "cand-responsible-en"
RunCli = Callable[..., Any]


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tut.cli import main

    out = tmp_path_factory.mktemp("demo")
    assert main(["demo-data", "--out", str(out), "--n", "3000", "--seed", "11"]) == 0
    return out / "spec.yaml"


SYNTHETIC = ("warning: SYNTHETIC MICRODATA: dataset demo was invented by tut demo-data, not a "
             "real survey. Do not cite or circulate these estimates.")
"""What tut compare says, before its results, of demo-data files."""


def as_json(run_cli: RunCli, *args: str) -> dict[str, Any]:
    result = run_cli("compare", *args, "--json")
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def test_json_has_the_agreed_shape(spec: Path, run_cli: RunCli) -> None:
    data = as_json(run_cli, str(spec))
    assert {"estimates", "differences", "missing", "gaps"} <= set(data)
    e = data["estimates"][0]
    assert {"outcome", "variant", "domain", "estimate", "se", "ci", "n", "weighted_n"} <= set(e)
    assert {"cv", "reliability", "deff", "participation", "mean_participants"} <= set(e)
    assert e["domain"] == {} and len(e["ci"]) == 2
    d = data["differences"][0]
    assert {"outcome", "a", "b", "domain", "diff", "se", "ci", "p", "p_holm"} <= set(d)
    assert (d["a"], d["b"]) == (A, B)
    assert {"ratio", "ratio_se", "cohens_d", "participation_diff", "cohens_h_participation"} <= set(d)
    assert {m["variant"] for m in data["missing"]} == {A, B}
    assert {g["kind"] for g in data["gaps"]} == {"gap", "did"}


def test_domains_use_value_labels(spec: Path, run_cli: RunCli) -> None:
    data = as_json(run_cli, str(spec))
    domains = [e["domain"] for e in data["estimates"] if e["outcome"] == "care"
               and e["variant"] == A]
    assert {"sex": "Female"} in domains and {"age group": "25-54"} in domains
    assert {"sex": "Male", "child under 13": "Yes"} in domains
    share = next(e for e in data["estimates"] if e["outcome"] == "care_any")
    assert share["kind"] == "proportion" and 0 < share["estimate"] < 1
    assert "cohens_h" in next(d for d in data["differences"] if d["outcome"] == "care_any")


def test_level_090_as_inegi_publishes(spec: Path, run_cli: RunCli) -> None:
    wide = as_json(run_cli, str(spec))["estimates"][0]
    narrow = as_json(run_cli, str(spec), "--ci-level", "0.90")
    e = narrow["estimates"][0]
    assert narrow["ci_level"] == 0.9 and "level" not in narrow
    half_95 = (wide["ci"][1] - wide["ci"][0]) / 2
    half_90 = (e["ci"][1] - e["ci"][0]) / 2
    assert half_90 / half_95 == pytest.approx(norm.ppf(0.95) / norm.ppf(0.975))
    assert e["estimate"] == wide["estimate"] and e["se"] == wide["se"]


def test_the_old_level_option_still_works_with_one_warning(spec: Path, run_cli: RunCli) -> None:
    old = run_cli("compare", str(spec), "--level", "0.90", "--json")
    assert old.code == 0
    assert old.err.splitlines() == ["warning: tut compare: --level is now --ci-level (the "
                                    "confidence level; it still works for now: rename it)",
                                    SYNTHETIC]
    assert json.loads(old.out) == as_json(run_cli, str(spec), "--ci-level", "0.90")


def test_the_old_level_key_of_a_spec_still_works_with_one_warning(
    spec: Path, run_cli: RunCli
) -> None:
    text = spec.read_text()
    assert "\nci_level: 0.95\n" in text  # what tut demo-data writes
    old = spec.with_name("old-level.yaml")
    old.write_text(text.replace("\nci_level: 0.95\n", "\nlevel: 0.90\n"))
    result = run_cli("compare", str(old), "--json")
    assert result.code == 0
    line = text.splitlines().index("ci_level: 0.95") + 1
    assert result.err.splitlines() == [
        f"warning: {old}:line {line} (/level): 'level' is now 'ci_level' (the confidence "
        "level; it still works for now: rename it)", SYNTHETIC]
    assert json.loads(result.out) == as_json(run_cli, str(spec), "--ci-level", "0.90")
    both = spec.with_name("both-levels.yaml")
    both.write_text(text.replace("\nci_level: 0.95\n", "\nci_level: 0.95\nlevel: 0.90\n"))
    refused = run_cli("compare", str(both), "--json")
    assert refused.code == 2 and refused.out == ""
    assert refused.err.splitlines() == [
        f"error: {both}:line {line + 1} (/level): level and ci_level both given (remove "
        "level: ci_level is its new name)"]


def test_out_file_holds_the_same_json(spec: Path, run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "results" / "compare.json"
    result = run_cli("compare", str(spec), "--out", str(out))
    assert result.code == 0, result.err
    assert f"Results written to {out}" in result.out
    assert json.loads(out.read_text()) == as_json(run_cli, str(spec))


def test_readable_table(spec: Path, run_cli: RunCli) -> None:
    result = run_cli("compare", str(spec))
    assert result.code == 0, result.err
    text = result.out
    assert "SYNTHETIC split ballot" in text
    assert "care (mean, minutes per day)" in text and "care_week (mean, hours per week)" in text
    assert f"{B} - {A}" in text and "sex: Female" in text
    assert "participation rate and mean among participants" in text
    assert "difference in differences" in text
    assert "Item non-response by variant" in text
    assert "converted from minutes per day to hours per week" in text


def test_taylor_spec_of_the_demo_also_runs(spec: Path, run_cli: RunCli) -> None:
    data = as_json(run_cli, str(spec.with_name("spec-taylor.yaml")))
    assert data["datasets"][0]["design"].startswith("Taylor linearisation")
    assert data["datasets"][0]["degf"] > 0


def test_help_lists_the_commands(run_cli: RunCli) -> None:
    result = run_cli("--help")
    assert "compare" in result.out and "demo-data" in result.out


def test_two_surveys_from_sav_and_dta(spec: Path, run_cli: RunCli) -> None:
    """Each 'survey' keeps one ballot (the other is declared missing); .sav and .dta read alike."""
    two = spec.with_name("two.yaml")
    two.write_text(f"""
datasets:
  - name: first
    file: demo.sav
    variant: {{variable: ballot, map: {{1: {A}}}}}
    weight: finalwt
    design: {{strata: stratum, psu: psu, lonely_psu: adjust}}
    missing: {{care_min: [-1, -2, -3], ballot: [2]}}
    domains: [sex]
  - name: second
    file: demo.dta
    variant: {{variable: ballot, map: {{2: {B}}}}}
    weight: finalwt
    design: {{replicates: {{prefix: repwt, type: sdr}}}}
    missing: {{care_min: [-1, -2, -3], ballot: [1]}}
    domains: [{{variable: sex, labels: {{1: Hombre, 2: Mujer}}}}]
outcomes:
  - {{name: care, variable: care_min, kind: mean, unit: minutes per day}}
""")
    data = as_json(run_cli, str(two))
    [overall] = [d for d in data["differences"] if d["domain"] == {}]
    assert overall["independent"] and (overall["a"], overall["b"]) == (A, B)
    a = next(e for e in data["estimates"] if e["variant"] == A and e["domain"] == {})
    b = next(e for e in data["estimates"] if e["variant"] == B and e["domain"] == {})
    assert overall["se"] == pytest.approx((a["se"] ** 2 + b["se"] ** 2) ** 0.5)
    assert {d["domain"].get("sex") for d in data["differences"]} == {None}
    assert any("label its categories differently" in c for c in data["caveats"])
    # every respondent is left out of exactly one of the two 'surveys'
    assert sum(d["excluded"] for d in data["datasets"]) == 3000


def test_progress_is_reported_while_reading(spec: Path) -> None:
    from tut.compare.run import run_comparison

    calls: list[tuple[str, int, int]] = []
    run_comparison(spec, progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert calls and {stage for stage, _, _ in calls} == {"read demo"}
    assert calls[-1][1] == calls[-1][2] == 3000


def test_cv_and_its_reliability_flag(spec: Path, run_cli: RunCli) -> None:
    data = as_json(run_cli, str(spec))
    flags = {"high": (0, 15), "moderate": (15, 30), "low": (30, math.inf)}
    for e in data["estimates"]:
        assert e["cv"] == pytest.approx(100 * e["se"] / abs(e["estimate"]))
        low, high = flags[e["reliability"]]
        if e["reliability"] == "moderate" and e["n"] < 30:
            low = 0  # fewer than 30 respondents are never flagged high
        assert low <= e["cv"] < high
    text = run_cli("compare", str(spec)).out
    shaky = [e for e in data["estimates"] if e["reliability"] != "high"]
    assert shaky
    for e in shaky:
        mark = "*" if e["reliability"] == "moderate" else "**"
        assert f" {e['cv']:.1f}%{mark} " in text
    solid = next(e for e in data["estimates"] if e["reliability"] == "high")
    assert f" {solid['cv']:.1f}% " in text


def test_cohens_h_of_proportions_and_holm_across_domains(spec: Path, run_cli: RunCli) -> None:
    data = as_json(run_cli, str(spec))
    est = {(e["outcome"], e["variant"], tuple(e["domain"].items())): e["estimate"]
           for e in data["estimates"]}
    family = [d for d in data["differences"] if d["outcome"] == "care_any"]
    for d in family:
        dom = tuple(d["domain"].items())
        pa, pb = est[("care_any", A, dom)], est[("care_any", B, dom)]
        assert d["cohens_h"] == pytest.approx(2 * math.asin(math.sqrt(pb))
                                              - 2 * math.asin(math.sqrt(pa)))
    # Holm by hand: sort the m p-values, multiply the i-th smallest by m - i, keep the
    # running maximum, cap at 1
    ps = sorted(d["p"] for d in family)
    m = len(ps)
    adjusted, running = {}, 0.0
    for i, p in enumerate(ps):
        running = max(running, min(1.0, (m - i) * p))
        adjusted.setdefault(p, running)
    assert m > 10
    assert all(d["p_holm"] == pytest.approx(adjusted[d["p"]]) for d in family)
    assert any(d["p_holm"] > d["p"] for d in family)


def test_non_response_line_names_the_outcome_and_both_variables(spec: Path, run_cli: RunCli) -> None:
    """Two surveys that store the outcome under different names (ENUT's P6_4_3, care_min)."""
    import pandas as pd

    demo = pd.read_stata(spec.with_name("demo.dta"), convert_categoricals=False)
    demo.rename(columns={"care_min": "P6_4_3"}).to_stata(spec.with_name("enut-like.dta"),
                                                         write_index=False)
    two = spec.with_name("two-names.yaml")
    two.write_text(f"""
datasets:
  - name: first
    file: demo.sav
    variant: {{variable: ballot, map: {{1: {A}}}}}
    weight: finalwt
    design: {{strata: stratum, psu: psu, lonely_psu: adjust}}
    missing: {{care_min: [-1, -2, -3], ballot: [2]}}
    outcomes: [{{name: care, variable: care_min, kind: mean, unit: minutes per day}}]
  - name: second
    file: enut-like.dta
    variant: {{variable: ballot, map: {{2: {B}}}}}
    weight: finalwt
    design: {{replicates: {{prefix: repwt, type: sdr}}}}
    missing: {{P6_4_3: [-1, -2, -3], ballot: [1]}}
    outcomes: [{{name: care, variable: P6_4_3, kind: mean, unit: minutes per day}}]
""")
    data = as_json(run_cli, str(two))
    assert {(m["variant"], m["variable"]) for m in data["missing"]} == {
        (A, "care_min"), (B, "P6_4_3")}
    [nd] = data["nonresponse_differences"]
    result = run_cli("compare", str(two))
    assert result.code == 0, result.err
    [line] = [x.strip() for x in result.out.splitlines() if x.strip().startswith("non-response of")]
    assert line.startswith(f"non-response of care (P6_4_3 vs care_min): {B} - {A} = "
                           f"{nd['diff'] * 100:+.1f} pp"), line

    one = run_cli("compare", str(spec))
    lines = [x.strip() for x in one.out.splitlines() if x.strip().startswith("non-response of")]
    assert lines and all("(care_min)" in x and " vs " not in x for x in lines), lines
