"""`tut demo-data`: synthetic split-ballot microdata whose true wording effect is known."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pyreadstat
import pytest

from tut.compare.results import ComparisonResult
from tut.compare.run import run_comparison
from tut.microdata.demo_data import make_demo, paley_hadamard_160, sdr_factors
from tut.microdata.readers import read_codebook, read_columns

A, B = "atus-incare-en", "cand-responsible-en"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tut.cli import main

    out = tmp_path_factory.mktemp("demo")
    assert main(["demo-data", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def result(demo: Path) -> ComparisonResult:
    return run_comparison(demo / "spec.yaml", ci_level=0.99)


@pytest.fixture(scope="module")
def truth(demo: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((demo / "truth.json").read_text())
    return data


def test_writes_data_truth_and_a_spec_that_runs(demo: Path) -> None:
    names = {p.name for p in demo.iterdir()}
    assert {"demo.sav", "demo.dta", "truth.json", "spec.yaml", "spec-taylor.yaml"} <= names


def test_clearly_marked_synthetic(demo: Path) -> None:
    book = read_codebook(demo / "demo.sav")
    assert "SYNTHETIC" in book.file_label
    assert all(v.label.startswith("[SYNTHETIC]") for v in book.variables.values())
    _, meta = pyreadstat.read_sav(str(demo / "demo.sav"), metadataonly=True)
    assert any("SYNTHETIC" in note for note in meta.notes)
    assert "SYNTHETIC" in read_codebook(demo / "demo.dta").file_label
    assert "SYNTHETIC" in (demo / "spec.yaml").read_text()
    assert "SYNTHETIC" in json.loads((demo / "truth.json").read_text())["note"]


def test_labels_missing_codes_design_and_160_replicates(demo: Path) -> None:
    book = read_codebook(demo / "demo.sav")
    assert book.n_rows == 12_000
    care = book.variables["care_min"]
    assert set(care.missing_values) == {-1.0, -2.0, -3.0}
    assert care.value_labels[-2.0] == "Don't know"
    assert book.variables["sex"].value_labels == {1.0: "Male", 2.0: "Female"}
    assert book.variables["ballot"].value_labels[2.0].startswith("B:")
    reps = [n for n in book.variables if n.startswith("repwt")]
    assert len(reps) == 160
    frame = read_columns(demo / "demo.sav", ["finalwt", "repwt001", "stratum", "psu", "care_min"],
                         codebook=book)
    factor = (frame["repwt001"] / frame["finalwt"]).to_numpy()
    assert set(np.unique(factor.round(3))) == {0.293, 1.0, 1.707}
    care_values = frame["care_min"].to_numpy()
    assert {-1.0, -2.0, -3.0} <= set(np.unique(care_values))
    assert frame.select(["stratum", "psu"]).unique().height > 100


def test_stata_file_has_the_same_values_and_labels(demo: Path) -> None:
    sav = read_columns(demo / "demo.sav", ["care_min", "sex", "repwt160"])
    dta = read_columns(demo / "demo.dta", ["care_min", "sex", "repwt160"])
    assert sav.equals(dta)
    assert read_codebook(demo / "demo.dta").variables["sex"].value_labels[2.0] == "Female"


def test_deterministic_with_the_seed() -> None:
    one, two, other = make_demo(500, seed=7), make_demo(500, seed=7), make_demo(500, seed=8)
    assert all(np.array_equal(one.columns[k], two.columns[k]) for k in one.columns)
    assert one.truth == two.truth
    assert not np.array_equal(one.columns["care_min"], other.columns["care_min"])


def test_successive_difference_factors() -> None:
    h = paley_hadamard_160()
    assert (h @ h.T == 160 * np.eye(160)).all()
    f = sdr_factors(300)
    assert f.shape == (300, 160)
    assert set(np.round(f, 4).ravel()) == {round(1 - 2**-0.5, 4), 1.0, round(1 + 2**-0.5, 4)}


def test_estimates_recover_the_true_wording_effect(
    result: ComparisonResult, truth: dict[str, Any]
) -> None:
    """Every true effect in truth.json lies in the 99% CI of the estimated difference."""
    checked = 0
    for effect in truth["effects"]:
        for outcome, key in (("care", "care_min_effect"), ("care_any", "care_any_effect")):
            d = result.difference(outcome, A, B, **effect["domain"]).test.value
            assert d.low <= effect[key] <= d.high, (outcome, effect["domain"], d, effect[key])
            checked += 1
    assert checked == 2 * len(truth["effects"]) >= 30


def test_wording_b_raises_care_more_for_men(result: ComparisonResult, truth: dict[str, Any]) -> None:
    men = result.difference("care", A, B, sex="Male")
    women = result.difference("care", A, B, sex="Female")
    assert men.test.p_holm is not None and men.test.p_holm < 0.01
    assert men.test.value.estimate > women.test.value.estimate
    did = next(g for g in result.gaps if g.kind == "did" and g.outcome == "care" and not g.domain)
    true_did = next(x["care_min_did"] for x in truth["did_female_minus_male"] if not x["domain"])
    assert true_did < 0
    assert did.test.value.low <= true_did <= did.test.value.high


def test_wording_b_has_more_dont_know(result: ComparisonResult, truth: dict[str, Any]) -> None:
    rows = {m.variant: m for m in result.missing if m.outcome == "care"}
    assert rows[B].codes["-2 Don't know"] > rows[A].codes["-2 Don't know"]
    p = truth["nonresponse_probability"]
    true_diff = sum(p[k][B] - p[k][A] for k in p)
    nd = next(d for d in result.nonresponse_differences if d.outcome == "care")
    assert nd.test.value.low <= true_diff <= nd.test.value.high
