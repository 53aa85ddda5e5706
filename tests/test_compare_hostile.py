"""Hostile specs and data for `tut compare`: each one runs, or is one located `error:` per
problem with exit 2; never a traceback, a Python/numpy warning or a NaN passed off as a result.

Every case is written to disk as a user would have it (a .sav, .dta or .csv with its data
dictionary, and a spec.yaml) and run through the real CLI, once for --json and once for the
readable table, with every warning turned into an error.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "compare" / "survey.csv"
RunCli = Callable[..., Any]
Change = Callable[[pd.DataFrame], pd.DataFrame | None]
LABELS = {"sex": {1: "Male", 2: "Female"}, "agegrp": {1: "15-24", 2: "25-54", 3: "55+"}}

GOOD = """\
title: hostile
datasets:
  - file: survey.{fmt}
    variant:
      variable: ballot
      map: {{1: atus-incare-en, 2: cand-responsible-en}}
    weight: w
    design:
      strata: stratum2
      psu: psu
outcomes:
  - name: care
    variable: care_min
    kind: mean
    unit: minutes per day
  - name: any
    variable: care_min
    kind: proportion
    condition: "> 0"
domains: [sex]
gap: {{domain: sex, first: Female, second: Male}}
missing:
  care_min: [-1, -2, -3]
"""
TAYLOR = "      strata: stratum2\n      psu: psu\n"


def replicates(text: str) -> Callable[[str], str]:
    """A spec edit: the design becomes ``replicates: {text}``."""
    return lambda spec: spec.replace(TAYLOR, f"      replicates: {{{text}}}\n")


def swap(old: str, new: str) -> Callable[[str], str]:
    def edit(spec: str) -> str:
        assert old in spec, old
        return spec.replace(old, new)

    return edit


def rows(column: str, value: Any, where: slice | list[int] = slice(4, 5)) -> Change:
    """A data edit: ``column`` set to ``value`` in some rows (0-based, as in pandas)."""

    def change(f: pd.DataFrame) -> None:
        if isinstance(value, str) and f[column].dtype != object:
            f[column] = f[column].astype(object)
        elif isinstance(value, float) and f[column].dtype.kind in "iu":
            f[column] = f[column].astype(float)
        f.loc[f.index[where], column] = value

    return change


def when(column: str, value: Any, condition: Callable[[pd.DataFrame], Any]) -> Change:
    def change(f: pd.DataFrame) -> None:
        f.loc[condition(f), column] = value

    return change


@dataclass(frozen=True)
class Case:
    """One hostile input and what tut must answer."""

    spec: Callable[[str], str] | None = None
    change: Change | None = None
    fmt: str = "sav"
    error: str | None = None
    """A text the error line must hold; None: the comparison runs."""
    csv_text: str | None = None
    """Write this CSV (as bytes, latin-1 when not UTF-8 encodable) instead of the fixture."""
    dictionary: str = ""
    labels: dict[str, dict[float, str]] | None = None
    title: str | None = None
    note: str = ""
    """A text one of the notes (caveats) of a run must hold."""


def _first_row_only(f: pd.DataFrame) -> pd.DataFrame:
    return f.iloc[:0]


CASES: dict[str, Case] = {
    # --- full-sample weight ---------------------------------------------------------------
    "weight infinite": Case(change=rows("w", np.inf), error="weight 'w' in survey.sav is infinite in 1 row (first: row 5, value inf)"),
    "weight minus infinity": Case(change=rows("w", -np.inf), error="weight 'w' in survey.sav is infinite in 1 row"),
    "weight empty": Case(change=rows("w", np.nan, [2, 9]), error="empty in 2 rows (first: row 3)"),
    "weight NaN text in a CSV": Case(change=rows("w", "NaN"), fmt="csv", error="survey.csv:line 6, column w"),
    "weight inf text in a CSV": Case(change=rows("w", "inf"), fmt="csv", error="survey.csv:line 6, column w"),
    "weight 1e999 in a CSV": Case(change=rows("w", "1e999"), fmt="csv", error="survey.csv:line 6, column w"),
    "weight negative": Case(change=rows("w", -3.5), error="negative in 1 row (first: row 5, value -3.5)"),
    "weight zero everywhere": Case(change=rows("w", 0.0, slice(None)), error="zero in every row"),
    "weight zero for a whole variant": Case(
        change=when("w", 0.0, lambda f: f.ballot == 2),
        error="weight 'w' is zero for every respondent given cand-responsible-en"),
    "weight 1e308 everywhere": Case(change=rows("w", 1e308, slice(None)),
                                   error="weight 'w' in survey.sav adds up to more than the largest"),
    "weight 1e-300 everywhere": Case(change=rows("w", 1e-300, slice(None))),
    "weight subnormal everywhere": Case(change=rows("w", 5e-324, slice(None)), error="too small"),
    "weight zero but one row": Case(change=lambda f: f.assign(w=[1.0] + [0.0] * (len(f) - 1)),
                                    error="zero for every respondent given"),
    "weight as text": Case(change=rows("w", "heavy", slice(None)), error="holds text"),
    "weight of 400 digits in a CSV": Case(change=rows("w", "9" * 400), fmt="csv",
                                          error="survey.csv:line 6, column w"),
    # --- replicate weights ------------------------------------------------------------------
    "replicate weight infinite": Case(spec=replicates("prefix: rep, type: jk1"),
                                      change=rows("rep3", np.inf, [200]),
                                      error="replicate weight 'rep3' is infinite in row 201"),
    "replicate weight empty": Case(spec=replicates("prefix: rep, type: jk1"),
                                   change=rows("rep3", np.nan, [7]),
                                   error="replicate weight 'rep3' is empty in row 8"),
    "replicate weight zero everywhere": Case(spec=replicates("prefix: rep, type: jk1"),
                                             change=rows("rep2", 0.0, slice(None)),
                                             error="replicate weight 'rep2' is zero in every row"),
    "replicate weights 1e308": Case(spec=replicates("prefix: rep, type: jk1"),
                                    change=rows("rep5", 1e308, slice(None)),
                                    error="the replicate weights of survey.sav add up to more than"),
    "a domain empty in one replicate": Case(spec=replicates("prefix: rep, type: jk1"),
                                            change=when("rep1", 0.0, lambda f: f.sex == 1),
                                            note="no respondents under some of the"),
    "fay without rho": Case(spec=replicates("prefix: rep, type: fay"),
                            error="replicates of type fay need rho"),
    "jkn without rscales": Case(spec=replicates("prefix: rep, type: jkn"),
                                error="replicates of type jkn need rscales"),
    # The YAML reader refuses .nan and .inf outright; the spec's own checks stand behind it.
    "rho NaN": Case(spec=replicates("prefix: rep, type: fay, rho: .nan"), error="line 9"),
    "scale infinite": Case(spec=replicates("prefix: rep, type: jk1, scale: .inf"), error="line 9"),
    "scale NaN": Case(spec=replicates("prefix: rep, type: jk1, scale: .nan"), error="line 9"),
    "rscales with NaN and infinity": Case(
        spec=replicates("prefix: rep, type: jkn, rscales: [1, 1, 1, .nan, 1, 1, .inf, 1]"),
        error="line 9"),
    "scale 1e308": Case(spec=replicates("prefix: rep, type: jk1, scale: 1e308"),
                        error="(/datasets/0/design/replicates/scale): scale 1e+308 makes the"),
    "rscales of 1e308": Case(spec=replicates("prefix: rep, type: jkn, rscales: [" + ", ".join(["1e308"] * 8) + "]"),
                             error="(/datasets/0/design/replicates/rscales): rscales up to 1e+308 make"),
    "scale 1e-300": Case(spec=replicates("prefix: rep, type: jk1, scale: 1e-300")),
    "count of 400 digits": Case(spec=replicates(f"prefix: rep, type: jk1, count: {'9' * 400}"),
                                error="count says a number of 400 digits"),
    "the same replicate column twice": Case(
        spec=replicates("columns: [rep1, rep1, rep2, rep3], type: jk1")),
    "replicate columns that are the weight": Case(
        spec=replicates("columns: [w, w], type: bootstrap")),
    # --- outcomes ---------------------------------------------------------------------------
    "outcome infinite": Case(change=rows("care_min", np.inf, [10, 11]),
                             error="care_min is infinite in 2 rows (first: row 11 of survey.sav)"),
    # The CSV reader refuses a cell that reads as NaN or infinity, at its line and column ...
    "outcome infinite in a CSV": Case(change=rows("care_min", "-inf", [10]), fmt="csv",
                                      error="survey.csv:line 12, column care_min"),
    "outcome NaN in a CSV": Case(change=rows("care_min", "NaN", [10]), fmt="csv",
                                 error="survey.csv:line 12, column care_min"),
    # ... unless the data dictionary declares it an empty cell.
    "outcome NaN in a CSV declared empty": Case(
        change=rows("care_min", "NaN", [10]), fmt="csv",
        dictionary='null_values: ["NaN"]\nvariables:\n  sex: {value_labels: {1: Male, 2: Female}}\n'),
    "outcome infinity declared missing": Case(
        change=rows("care_min", np.inf, [10]),
        spec=swap("care_min: [-1, -2, -3]", "care_min: [-1, -2, -3, inf]")),
    "outcome 1e200": Case(change=rows("care_min", 1e200, [3]), error="too large"),
    "outcome all missing": Case(change=rows("care_min", -1, slice(None)),
                                error="no respondent has an answer to care_min"),
    "outcome all missing in one variant": Case(
        change=when("care_min", -2, lambda f: f.ballot == 1)),
    "a missing code that is text for a number variable": Case(
        spec=swap("care_min: [-1, -2, -3]", "care_min: [-1, DK, -3]"),
        error="(/missing/care_min/1): 'DK' can never match: care_min holds numbers"),
    "proportion never true": Case(spec=swap('"> 0"', '"> 100000"')),
    "second survey weighs zero everywhere": Case(spec=swap("outcomes:\n", """\
  - name: second
    file: other.sav
    variant: enut-child-pendiente-es
    weight: zero
    design: {}
outcomes:
"""), change=lambda f: f.assign(zero=0.0), error="(/datasets/1/weight): weight 'zero' in other.sav is zero in every row"),
    "outcome all zero": Case(change=rows("care_min", 0, slice(None))),
    "outcome as text": Case(change=rows("care_min", "lots", slice(None)), error="holds text"),
    "proportion with infinity": Case(spec=swap("    condition: \"> 0\"\n", ""),
                                     change=lambda f: f.assign(care_min=[np.inf] + [1.0] * (len(f) - 1)),
                                     error="infinite"),
    "condition of 400 digits": Case(spec=swap('"> 0"', f'"> {"9" * 400}"')),
    "convert factor 1e300": Case(spec=swap(
        "    unit: minutes per day\n",
        "    unit: minutes per day\n    convert: {to: zillions, factor: 1e300, caveat: c}\n"),
        change=rows("care_min", 1e10, [3]), error="too large"),
    "convert factor 400 digits": Case(spec=swap(
        "    unit: minutes per day\n",
        f"    unit: minutes per day\n    convert: {{to: x, factor: '{'9' * 400}/1', caveat: c}}\n"),
        error="not a positive number"),
    # --- ballot and domains -----------------------------------------------------------------
    "ballot infinite": Case(change=rows("ballot", np.inf, [0]), error="inf (1 row)"),
    "ballot empty everywhere": Case(change=rows("ballot", np.nan, slice(None)),
                                    error="no row has a variant"),
    "ballot declared missing everywhere": Case(
        change=rows("ballot", 9, slice(None)),
        spec=swap("care_min: [-1, -2, -3]", "care_min: [-1, -2, -3]\n  ballot: [9]"),
        error="no row has a variant"),
    "only one ballot code present": Case(change=rows("ballot", 1, slice(None)),
                                         note="no row of survey.sav was given variant cand-"),
    "one respondent per variant": Case(
        change=lambda f: f.assign(ballot=[1, 2] + [9] * (len(f) - 2)),
        spec=swap("care_min: [-1, -2, -3]", "care_min: [-1, -2, -3]\n  ballot: [9]")),
    "two codes for one variant": Case(spec=swap("2: cand-responsible-en", "2: atus-incare-en"),
                                      change=rows("ballot", 3, [0]),
                                      error="codes that are not in the variant map: 3"),
    "text ballot codes": Case(change=lambda f: f.assign(ballot=f.ballot.map({1: "A", 2: "B"})),
                              spec=swap("{1: atus-incare-en, 2:", "{A: atus-incare-en, B:")),
    "huge ballot codes": Case(change=lambda f: f.assign(ballot=f.ballot * 1e18),
                              spec=swap("{1: atus-incare-en, 2:",
                                        "{1000000000000000000: atus-incare-en, 2000000000000000000:")),
    "domain all empty": Case(change=rows("sex", np.nan, slice(None)),
                             error="domain 'sex': sex is empty or declared missing in every row"),
    "domain of 373 categories": Case(spec=swap("domains: [sex]", "domains: [sex, id]")),
    "domain code infinite is a category": Case(change=rows("sex", np.inf, [0])),
    "markup and escapes in labels": Case(
        labels={"sex": {1: "[/bold]Male\x1b[31m", 2: "[red]Female"}},
        spec=swap("first: Female, second: Male", "first: '[red]Female', second: \"[/bold]Male\\e[31m\""),
        title="[/]\x1b]0;pwned\x07"),
    "a variable name with an escape sequence": Case(
        change=lambda f: f.rename(columns={"sex": "sex\x1b[31m[/b]"}), fmt="csv",
        dictionary="variables:\n  \"sex\\e[31m[/b]\": {value_labels: {1: Male, 2: \"Fe\\e]0;x\\amale\"}}\n",
        spec=lambda s: s.replace("domains: [sex]", 'domains: [{variable: "sex\\e[31m[/b]", name: sex}]')
        .replace("first: Female", 'first: "Fe\\e]0;x\\amale"')),
    "a variable name with an escape sequence, misspelt": Case(
        spec=swap("domains: [sex]", 'domains: [{variable: "sexx\\e[2J", name: sex}]'),
        error="(/domains/0/variable): variable 'sexx\\x1b[2J' is not in survey.sav"),
    "a label of 100000 characters": Case(
        spec=lambda s: s.replace("domains: [sex]", "domains: [{variable: sex, labels: {1: %s}}]"
                                 % ("M" * 100_000)).replace("second: Male", "second: " + "M" * 100_000)),
    "a gap category of 100000 characters": Case(spec=swap("second: Male", "second: " + "M" * 100_000),
                                                error="is not a category of sex"),
    "gap on a category only one variant has": Case(
        change=when("sex", 1, lambda f: f.ballot == 1)),
    # --- design -------------------------------------------------------------------------------
    "strata NaN in a CSV": Case(change=rows("stratum2", "NaN", [6]), fmt="csv",
                                error="survey.csv:line 8, column stratum2"),
    "strata NaN in a CSV declared empty": Case(
        change=rows("stratum2", "NaN", [6]), fmt="csv",
        dictionary='null_values: ["NaN"]\nvariables:\n  sex: {value_labels: {1: Male, 2: Female}}\n',
        error="strata variable 'stratum2' is empty in 1 row (first: row 7 of survey.csv)"),
    "psu infinite": Case(change=rows("psu", np.inf, [6])),
    "one PSU in all": Case(spec=swap(TAYLOR, "      psu: stratum\n      lonely_psu: adjust\n"),
                           change=rows("stratum", 1, slice(None)),
                           error="the design has a single PSU"),
    "every row its own stratum, average": Case(
        spec=swap(TAYLOR, "      strata: id\n      psu: psu\n      lonely_psu: average\n"),
        error="every stratum has a single PSU"),
    "every row its own stratum, remove": Case(
        spec=swap(TAYLOR, "      strata: id\n      psu: psu\n      lonely_psu: remove\n")),
    "every row its own stratum, t test": Case(
        spec=lambda s: swap(TAYLOR, "      strata: id\n      psu: psu\n      lonely_psu: adjust\n")(
            "test: t\n" + s),
        note="the design has 0 degrees of freedom"),
    "no design at all": Case(spec=swap(TAYLOR, "      {}\n")),
    "every row its own stratum, certainty": Case(
        spec=swap(TAYLOR, "      strata: id\n      psu: psu\n      lonely_psu: certainty\n")),
    "strata and PSU the same variable": Case(spec=swap("psu: psu", "psu: stratum2"),
                                             error="with a single PSU"),
    "replicates of rank 1 with a t test": Case(
        spec=lambda s: replicates("columns: [rep1, rep1], type: jk1")("test: t\n" + s),
        note="the design has 0 degrees of freedom"),
    "two bootstrap replicates": Case(spec=replicates("columns: [rep1, rep2], type: bootstrap")),
    "sdr replicates centred on their mean": Case(spec=replicates("prefix: rep, type: sdr, mse: false")),
    # --- more numbers -------------------------------------------------------------------------
    "outcome -1e308": Case(change=rows("care_min", -1e308, [3]), error="too large to compute with"),
    "weights from 1 to 1e200": Case(change=lambda f: f.assign(w=np.where(f.index % 2, 1e200, 1.0))),
    "ballot codes of 10000 characters": Case(
        change=lambda f: f.assign(ballot=f.ballot.map({1: "A", 2: "B" * 10_000})),
        spec=swap("{1: atus-incare-en, 2:", "{A: atus-incare-en, C:"),
        error="codes that are not in the variant map: BBBB"),
    "two categories with one label": Case(
        spec=swap("domains: [sex]", "domains: [sex, {variable: agegrp, labels: {1: Young, 2: Young}}]"),
        error="codes 1 and 2 of agegrp both have the label 'Young'"),
    "two file codes with one label": Case(
        labels={"sex": {1: "Male", 2: "Female"}, "agegrp": {1: "Any", 2: "Any", 3: "55+"}},
        spec=swap("domains: [sex]", "domains: [sex, agegrp]"),
        error="codes 1 and 2 of agegrp both have the label 'Any'"),
    "a pair compared twice": Case(
        spec=lambda s: s + "compare: [[atus-incare-en, cand-responsible-en], "
                           "[atus-incare-en, cand-responsible-en]]\n",
        error="(/compare/1)"),
    "the ballot as a domain": Case(spec=swap("domains: [sex]", "domains: [sex, ballot]")),
    "a dataset name with escapes and markup": Case(
        spec=swap("  - file: survey.{fmt}".format(fmt="sav"),
                  '  - name: "[/b]\\e]0;owned\\a"\n    file: survey.sav')),
    "title of escape sequences": Case(title="\x1b[2J\x1b[31m[red]cleared"),
    "a level too close to 1": Case(spec=lambda s: "ci_level: 0.9999999999999999\n" + s,
                                   error="ci_level 0.9999999999999999 is not a confidence level"),
    # --- files ----------------------------------------------------------------------------
    "no rows": Case(change=_first_row_only, error="has no rows"),
    "no rows in a CSV": Case(change=_first_row_only, fmt="csv", error="has no rows"),
    "a Stata file": Case(fmt="dta"),
    "a Stata file with no rows": Case(fmt="dta", change=_first_row_only, error="has no rows"),
    "a compressed SPSS file": Case(fmt="zsav"),
    "a device as the data file": Case(spec=swap("file: survey.sav", "file: /dev/zero"),
                                      error="data file /dev/zero is not a file (a folder or a device)"),
    "a folder as the data file": Case(spec=swap("file: survey.sav", "file: ."),
                                      error="is not a file (a folder or a device)"),
    "text in a number column of a CSV": Case(change=rows("care_min", "ten", [3]), fmt="csv",
                                             error="'care_min' holds text in survey.csv"),
    "duplicate column names in a CSV": Case(fmt="csv", csv_text="ballot,w,ballot\n1,1,2\n",
                                            dictionary="variables: {w: {label: weight}}\n",
                                            error="is not in survey.csv"),
    "latin-1 CSV read as UTF-8": Case(fmt="csv", csv_text="ballot,w,note\n1,1,se\u00f1or\n",
                                      error="survey.csv"),
    "two surveys, one with no answers": Case(spec=swap("outcomes:\n", """\
  - name: second
    file: other.sav
    variant: enut-child-pendiente-es
    weight: w
    design: {}
outcomes:
"""), error="no respondent has an answer to care_min"),
}


def write_case(folder: Path, case: Case) -> Path:
    """The data file and spec of a case in ``folder``; returns the spec's path."""
    frame = pd.read_csv(FIXTURE)
    frame["note"] = "free text"
    if case.change is not None:
        changed = case.change(frame)
        frame = changed if changed is not None else frame
    data = folder / f"survey.{case.fmt}"
    labels = case.labels or LABELS
    if case.fmt in ("sav", "zsav"):
        pyreadstat.write_sav(frame, str(data), variable_value_labels=labels,
                             compress=case.fmt == "zsav")
        other = frame.assign(care_min=-1)
        pyreadstat.write_sav(other, str(folder / "other.sav"), variable_value_labels=labels)
    elif case.fmt == "dta":
        pyreadstat.write_dta(frame, str(data), variable_value_labels=labels)
    else:
        if case.csv_text is not None:
            text = case.csv_text
            try:
                text.encode("ascii")
                data.write_text(text, encoding="utf-8")
            except UnicodeEncodeError:
                data.write_bytes(text.encode("latin-1"))
        else:
            frame.to_csv(data, index=False)
        (folder / "survey.dictionary.yaml").write_text(
            case.dictionary or "variables:\n  sex: {value_labels: {1: Male, 2: Female}}\n"
            "  note: {kind: string}\n", encoding="utf-8")
    spec = GOOD.format(fmt=case.fmt)
    if case.title is not None:
        spec = spec.replace("title: hostile", f"title: {json.dumps(case.title)}")
    if case.spec is not None:
        spec = case.spec(spec)
    path = folder / "spec.yaml"
    path.write_text(spec, encoding="utf-8")
    return path


def _finite_numbers(data: Any) -> bool:
    if isinstance(data, float):
        return math.isfinite(data)
    if isinstance(data, dict):
        return all(_finite_numbers(v) for v in data.values())
    if isinstance(data, list):
        return all(_finite_numbers(v) for v in data)
    return True


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_runs_or_is_one_located_error(
    name: str, tmp_path: Path, run_cli: RunCli
) -> None:
    case = CASES[name]
    spec = write_case(tmp_path, case)
    for mode in ("--json", "--table"):
        args = ["compare", str(spec)] + (["--json"] if mode == "--json" else [])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            result = run_cli(*args)
        assert "Traceback" not in result.err and "Warning" not in result.err, result.err
        assert "\x1b" not in result.out + result.err, "an escape sequence reached the terminal"
        if case.error is None:
            assert result.code == 0, result.err
            if mode == "--json":
                data = json.loads(result.out)
                assert data["estimates"] and _finite_numbers(data)
                assert not any("has no respondents with an answer" in c
                               for c in data["caveats"]) or name.startswith("outcome all missing")
                assert not case.note or any(case.note in c for c in data["caveats"]), data["caveats"]
            continue
        assert result.code == 2, result.out + result.err
        lines = result.err.strip().splitlines()
        assert lines and all(line.startswith("error: ") for line in lines), result.err
        assert any(str(spec) in line or "survey." in line for line in lines), result.err
        assert case.error in result.err, result.err
        assert all(len(line) < 1000 for line in lines), "an error line a person cannot read"
        assert result.out == ""


def test_a_respondent_id_as_a_domain_is_refused_before_memory_runs_out(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """20,000 ids as domain categories would need a 40 GB table of estimates: refused from
    the counts alone, at the domain's key, instead of a MemoryError."""
    n = 20_000
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({
        "id": np.arange(1, n + 1, dtype=float), "ballot": rng.integers(1, 3, n).astype(float),
        "w": rng.uniform(50, 150, n), "care_min": rng.integers(0, 200, n).astype(float),
        "sex": rng.integers(1, 3, n).astype(float),
    })
    pyreadstat.write_sav(frame, str(tmp_path / "survey.sav"), variable_value_labels=LABELS)
    spec = tmp_path / "spec.yaml"
    spec.write_text(GOOD.format(fmt="sav").replace(TAYLOR, "      {}\n")
                    .replace("domains: [sex]", "domains: [sex, id]"), encoding="utf-8")
    result = run_cli("compare", str(spec), "--json")
    assert result.code == 2, result.err
    [line] = result.err.splitlines()
    assert "(/domains/1): domain 'id' (id) has 20,000 categories in survey.sav" in line
    assert "is it an identifier?" in line


@pytest.mark.parametrize("level", ["nan", "inf", "1e-400", "0.9999999999999999", "0.5", "1"])
def test_a_level_option_that_is_no_confidence_level(
    level: str, tmp_path: Path, run_cli: RunCli
) -> None:
    """--ci-level nan used to write NaN into the JSON; 0.9999999999999999 crashed the quantile."""
    spec = write_case(tmp_path, Case())
    result = run_cli("compare", str(spec), "--ci-level", level, "--json")
    assert result.code == 2 and result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith("error: tut compare: invalid value for '--ci-level': ")
    assert "is not a confidence level (write a number above 0.5 and at most 0.9999" in line
