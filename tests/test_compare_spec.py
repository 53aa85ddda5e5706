"""The comparison spec: schema with located errors, parsed into frozen dataclasses."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from tut.compare.spec import (
    ComparisonSpec,
    Condition,
    ReplicateSpec,
    TaylorSpec,
    check_variant_ids,
    load_spec,
    parse_spec,
)
from tut.errors import TutError
from tut.yamlio import parse_yaml

SPLIT = """\
title: Split ballot
ci_level: 0.9
datasets:
  - file: data/atus.sav
    variant:
      variable: ballot
      map: {1: atus-incare-en, 2: cand-responsible-en}
    weight: finalwt
    design:
      replicates: {prefix: repwt, count: 160, type: sdr}
outcomes:
  - name: care
    variable: care_min
    kind: mean
    unit: minutes per day
    convert: {to: hours per week, factor: 7/60, caveat: a day is not a week}
  - name: any
    variable: care_min
    kind: proportion
    condition: "> 0"
domains:
  - sex
  - {variable: agegrp, name: age group, labels: {1: "15-24", 2: "25-54", 3: "55+"}}
gap: {domain: sex, first: Female, second: Male}
missing:
  care_min: [-1, -2, -3]
"""

TWO = """\
datasets:
  - name: atus
    file: atus.sav
    variant: atus-incare-en
    weight: wt
    design: {replicates: {prefix: rw, type: fay, rho: 0.5, mse: true}}
    outcomes:
      - {name: care, variable: care_min, kind: mean, unit: minutes per day,
         convert: {to: hours per week, factor: 0.11666666666666667, caveat: diary day x 7}}
  - name: enut
    file: enut.dta
    variant: enut-child-pendiente-es
    weight: FAC_PER
    design: {strata: EST_DIS, psu: UPM_DIS, lonely_psu: adjust}
    outcomes:
      - {name: care, variable: horas_cuidado, kind: mean, unit: hours per week}
domains: [sex]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text)
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(TutError) as info:
        load_spec(write(tmp_path, text))
    return [str(p) for p in info.value.problems]


def test_split_ballot_spec_parses_to_frozen_dataclasses(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, SPLIT))
    assert isinstance(spec, ComparisonSpec)
    assert spec.ci_level == 0.9 and spec.test == "normal"
    ds = spec.datasets[0]
    assert ds.name == "atus" and ds.file == tmp_path / "data" / "atus.sav"
    assert ds.variant.codes == {"1": "atus-incare-en", "2": "cand-responsible-en"}
    assert spec.pairs == (("atus-incare-en", "cand-responsible-en"),)
    assert isinstance(ds.design, ReplicateSpec)
    assert (ds.design.prefix, ds.design.count, ds.design.type) == ("repwt", 160, "sdr")
    care, share = ds.outcomes
    assert care.convert is not None and care.convert.factor == pytest.approx(7 / 60)
    assert care.reported_unit == "hours per week" and care.is_time
    assert share.condition == Condition(">", 0.0) and share.reported_unit == "proportion"
    assert not share.is_time
    assert [d.name for d in ds.domains] == ["sex", "age group"]
    assert ds.domains[1].labels["2"] == "25-54"
    assert ds.missing == {"care_min": (-1, -2, -3)}
    assert spec.gap is not None and (spec.gap.first, spec.gap.second) == ("Female", "Male")
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.ci_level = 0.5  # type: ignore[misc]


def test_two_surveys_with_explicit_unit_conversion(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, TWO))
    atus, enut = spec.datasets
    assert isinstance(enut.design, TaylorSpec) and enut.design.lonely_psu == "adjust"
    assert atus.outcomes[0].reported_unit == enut.outcomes[0].reported_unit == "hours per week"
    assert spec.pairs == (("atus-incare-en", "enut-child-pendiente-es"),)


def test_two_surveys_in_different_units_need_a_conversion(tmp_path: Path) -> None:
    text = TWO.replace("""
         convert: {to: hours per week, factor: 0.11666666666666667, caveat: diary day x 7}}""",
                       "}")
    [problem] = problems(tmp_path, text)
    assert "(/datasets/1/outcomes/0)" in problem
    assert "'hours per week' here but in 'minutes per day'" in problem
    assert "add convert" in problem


def test_every_schema_problem_with_its_line(tmp_path: Path) -> None:
    text = SPLIT.replace("kind: proportion", "kind: share").replace("type: sdr", "type: sdf")
    found = problems(tmp_path, text)
    assert len(found) == 2
    lines = text.splitlines()
    sdf = next(i for i, s in enumerate(lines, 1) if "sdf" in s)
    share = next(i for i, s in enumerate(lines, 1) if "share" in s)
    assert f"line {sdf} (/datasets/0/design/replicates/type)" in found[0]
    assert f"line {share} (/outcomes/1/kind)" in found[1]


@pytest.mark.parametrize(
    ("old", "new", "where", "what"),
    [
        ("{prefix: repwt, count: 160, type: sdr}", "{prefix: repwt, columns: [a, b], type: sdr}",
         "/datasets/0/design/replicates", "both columns and prefix"),
        ("{prefix: repwt, count: 160, type: sdr}", "{prefix: repwt, type: fay}",
         "/datasets/0/design/replicates/type", "need rho, Fay's coefficient (add rho: 0.5"),
        ("{prefix: repwt, count: 160, type: sdr}", "{prefix: repwt, type: jkn}",
         "/datasets/0/design/replicates/type",
         "need rscales, one factor per replicate weight (add rscales: [...] with (n_h - 1)/n_h"),
        ("{prefix: repwt, count: 160, type: sdr}",
         "{prefix: repwt, type: sdr}\n      strata: s", "/datasets/0/design",
         "both replicates and strata"),
        ("gap: {domain: sex,", "gap: {domain: region,", "/gap/domain", "not among the domains"),
        ("second: Male}", "second: Female}", "/gap/second", "the same"),
        ("  - name: any\n", "  - name: care\n", "/outcomes/1/name", "used twice"),
        ("kind: proportion\n", "kind: proportion\n    convert: {to: x, factor: 2, caveat: y}\n",
         "/outcomes/1/convert", "no unit to convert"),
    ],
)
def test_checks_the_schema_cannot_express(
    tmp_path: Path, old: str, new: str, where: str, what: str
) -> None:
    assert old in SPLIT
    [problem] = problems(tmp_path, SPLIT.replace(old, new))
    assert f"({where})" in problem and what in problem


def test_compare_pairs_must_name_known_variants(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, SPLIT + "compare: [[cand-responsible-en, cand-available-en]]\n")
    assert "(/compare/0/1)" in problem and "'cand-available-en' is not in any dataset" in problem


def test_explicit_pairs_set_the_direction(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, SPLIT + "compare: [[cand-responsible-en, atus-incare-en]]\n"))
    assert spec.pairs == (("cand-responsible-en", "atus-incare-en"),)


def test_dataset_outcomes_override_the_top_level(tmp_path: Path) -> None:
    text = SPLIT.replace("    weight: finalwt\n", "    weight: finalwt\n    outcomes:\n"
                         "      - {name: own, variable: x, kind: mean, unit: minutes per day}\n")
    spec = load_spec(write(tmp_path, text))
    assert [o.name for o in spec.datasets[0].outcomes] == ["own"]
    assert spec.datasets[0].outcomes[0].pointer == "/datasets/0/outcomes/0"


def test_conditions() -> None:
    values = np.array([-1.0, 0.0, 5.0, np.nan])
    assert Condition.parse("> 0").holds(values).tolist() == [False, False, True, False]
    assert Condition.parse(">= 0").holds(values).tolist() == [False, True, True, False]
    assert Condition.parse("!= 5").holds(values).tolist() == [True, True, False, False]
    assert str(Condition.parse(" <=  2.5 ")) == "<= 2.5"


def test_readme_example_is_a_valid_spec(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme[readme.index("### Comparison spec (YAML)"):]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    spec = load_spec(write(tmp_path, example))
    assert spec.datasets[0].variant.ids == ["atus-incare-en", "cand-responsible-en"]
    assert [o.name for o in spec.datasets[0].outcomes] == ["care", "care_any", "care_week"]


def test_variant_ids_are_checked_against_the_registry(tmp_path: Path) -> None:
    known = {"atus-incare-en", "enut-child-pendiente-es", "cand-responsible-en"}
    check_variant_ids(load_spec(write(tmp_path, TWO)), known)
    typo = TWO.replace("variant: enut-child-pendiente-es", "variant: enut-child-pendiente")
    with pytest.raises(TutError) as info:
        check_variant_ids(load_spec(write(tmp_path, typo)), known)
    [problem] = info.value.problems
    assert problem.place == "line 12 (/datasets/1/variant)"
    assert problem.what == "variant 'enut-child-pendiente' is not in the instruments registry"
    assert "did you mean 'enut-child-pendiente-es'?" in problem.fix


@pytest.mark.parametrize(
    ("old", "new", "where", "fix"),
    [
        ("2: cand-responsible-en", '2: "cand responsible"', "/datasets/0/variant/map/2",
         "write a variant id of the instruments registry"),
        ('condition: "> 0"', 'condition: "more than 0"', "/outcomes/1/condition",
         "write a comparison and a number, such as '> 0'"),
        ("factor: 7/60", 'factor: "7 over 60"', "/outcomes/0/convert/factor",
         "write a positive number or a fraction such as 7/60"),
        ("  - name: any\n", "  - name: any!\n", "/outcomes/1/name", "write a name of letters"),
        ("  - sex\n", "  - {name: sex}\n", "/domains/0", "add the missing key"),
    ],
)
def test_schema_errors_say_what_to_write(
    tmp_path: Path, old: str, new: str, where: str, fix: str
) -> None:
    """No 'not valid under any of the given schemas', no regular expressions."""
    assert old in SPLIT
    [problem] = problems(tmp_path, SPLIT.replace(old, new))
    assert f"({where})" in problem and fix in problem
    assert "given schemas" not in problem and "^" not in problem


@pytest.mark.parametrize("factor", ["7/0", "0/60", "0/0"])
def test_a_zero_fraction_factor_is_refused_at_its_key(tmp_path: Path, factor: str) -> None:
    """The schema lets n/0 and 0/n through; they must not crash or zero every estimate."""
    [problem] = problems(tmp_path, SPLIT.replace("factor: 7/60", f"factor: {factor}"))
    assert "(/outcomes/0/convert/factor)" in problem
    assert f"the factor {factor} is not a positive number" in problem


@pytest.mark.parametrize(
    ("key", "value", "where"),
    [
        ("rho", math.nan, "/datasets/0/design/replicates/rho"),
        ("scale", math.inf, "/datasets/0/design/replicates/scale"),
        ("scale", math.nan, "/datasets/0/design/replicates/scale"),
        ("rscales", [1.0, math.inf], "/datasets/0/design/replicates/rscales/1"),
    ],
)
def test_nan_and_infinity_pass_the_schema_but_not_the_spec(key: str, value: object, where: str) -> None:
    """JSON Schema bounds let NaN through (every comparison with NaN is false); the spec's
    own checks refuse it at its key, whatever the YAML reader lets by."""
    design = {"prefix": "repwt", "type": "fay" if key == "rho" else "jkn", "rho": 0.5,
              "rscales": [1.0, 1.0]}
    if key != "rho":
        design.pop("rho")
        design["type"] = "jkn"
    design[key] = value
    doc = parse_yaml(SPLIT)
    doc.data["datasets"][0]["design"] = {"replicates": design}
    with pytest.raises(TutError) as caught:
        parse_spec(doc)
    [problem] = caught.value.problems
    assert f"({where})" in problem.place


def test_a_nan_level_is_refused() -> None:
    doc = parse_yaml(SPLIT)
    doc.data["ci_level"] = math.nan
    with pytest.raises(TutError) as caught:
        parse_spec(doc)
    assert "(/ci_level)" in caught.value.problems[0].place
