"""tut's quasibinomial svyglm equals R's where fits separate, and each category of a
categorical answer gets its adjusted wording effect as R users fit it.

R's numbers are sections 23 and 24 of ``tests/fixtures/compare/api/reference_api.R``
(in ``reference_api.txt``; R is not needed to run these tests); ``sep.sav`` is written by
``make_api.R``: a constructed survey whose replicate fits overshoot past R's link bounds.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from test_compare_r_api import API, A, B, R, close, compare

SEP_DESIGNS = {
    "taylor": "psu: dnum",
    "jk1": "replicates: {prefix: jk, type: jk1, mse: false}",
    "boot": "replicates: {prefix: bs, type: bootstrap, mse: false}",
}
SEP_OUTCOMES = ("[{name: y, variable: y, kind: proportion}, "
                "{name: z, variable: grp, kind: proportion, condition: '== 3'}]")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("api-glm")
    for name in ("api.sav", "sep.sav"):
        shutil.copy(API / name, where / name)
    return where


@pytest.mark.parametrize("kind", list(SEP_DESIGNS))
def test_separated_fits_stop_where_r_stops(folder: Path, kind: str) -> None:
    """svyglm(y ~ ballot + grp, family = quasibinomial()): grp 3 all 1s, and (replicates)
    a first IRLS step past |eta| > 30, where R's link pins mu; bootstrap replicates without
    grp 2 are dropped as R drops them (4 of 40)."""
    r = compare(folder, f"sep-{kind}.yaml", SEP_DESIGNS[kind], "[{variable: grp, name: grp}]",
                file="sep.sav", outcomes=SEP_OUTCOMES, top="adjust: [grp]")
    by = {a.outcome: a for a in r.adjusted}
    y = by["y"]
    assert (y.a, y.b, y.family) == (A, B, "quasibinomial")
    close(y.estimate, f"sep.{kind}.y", 0)
    close(y.se, f"sep.{kind}.y", 1)
    assert y.converged and y.unconverged_replicates == R[f"sep.{kind}.y.not_converged"][0] == 0
    if kind != "taylor":
        assert y.replicates == (12 if kind == "jk1" else 40)


@pytest.mark.parametrize("kind", list(SEP_DESIGNS))
def test_a_fit_r_warns_did_not_converge_is_a_caveat(folder: Path, kind: str) -> None:
    """z = (grp == 3) is predicted perfectly: glm.fit stops after 25 steps and R warns. tut
    takes the same 25 steps in R's arithmetic (R's coefficient to 1e-11; the SE, settled by
    nothing, to 1e-6) and says so instead of giving a silent number."""
    r = compare(folder, f"sep-nc-{kind}.yaml", SEP_DESIGNS[kind], "[{variable: grp, name: grp}]",
                file="sep.sav", outcomes=SEP_OUTCOMES, top="adjust: [grp]")
    z = next(a for a in r.adjusted if a.outcome == "z")
    assert R[f"sep.{kind}.z.not_converged"] == [1]  # the full-sample fit only
    assert not z.converged and z.unconverged_replicates == 0
    assert math.isclose(z.estimate, R[f"sep.{kind}.z"][0], rel_tol=1e-9)
    assert math.isclose(z.se, R[f"sep.{kind}.z"][1], rel_tol=1e-5)
    [note] = [c for c in r.caveat_texts() if "did not converge" in c]
    assert note.startswith("1 adjusted effects (svyglm) stopped at glm.fit's 25 IRLS steps")
    assert note.endswith(f": z {B} - {A} (full sample)")
    assert "y " not in note.split(": ")[-1]
    data = r.to_dict()
    shown = {a["outcome"]: a for a in data["adjusted_differences"]}
    assert shown["z"]["converged"] is False and shown["y"]["converged"] is True
    assert any("sin converger" in c for c in r.caveat_texts("es"))
