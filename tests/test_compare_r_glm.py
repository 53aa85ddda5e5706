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
from typing import Any

import pytest
from test_compare_r_api import API, RC_DESIGNS, A, B, R, close, compare

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
    assert y.dropped_replicates == R[f"sep.{kind}.y.dropped"][0]
    dropped = [c for c in r.caveat_texts() if "replicates without a fit" in c]
    if kind == "boot":  # R: '4 replicates gave NA results and were discarded'
        assert dropped == ["2 adjusted effects (svyglm) have replicates without a fit (a "
                           "covariate category without respondents under those replicate "
                           "weights): they are left out of the SE, as R's svrVar does "
                           "('replicates gave NA results and were discarded'): "
                           f"y {B} - {A} (4 of 40 replicates); z {B} - {A} (4 of 40 replicates)"]
        assert r.to_dict()["adjusted_differences"][0]["replicates_dropped"] == 4
    else:
        assert not dropped


@pytest.mark.parametrize("kind", list(SEP_DESIGNS))
def test_a_fit_r_warns_did_not_converge_is_a_caveat(folder: Path, kind: str) -> None:
    """z = (grp == 3) is predicted perfectly: glm.fit stops after 25 steps and R warns. tut
    takes the same 25 steps in R's arithmetic (R's coefficient to about 1e-10, the SE, settled by
    nothing, to about 1e-7) and says so instead of giving a silent number."""
    r = compare(folder, f"sep-nc-{kind}.yaml", SEP_DESIGNS[kind], "[{variable: grp, name: grp}]",
                file="sep.sav", outcomes=SEP_OUTCOMES, top="adjust: [grp]")
    z = next(a for a in r.adjusted if a.outcome == "z")
    assert R[f"sep.{kind}.z.not_converged"] == [1]  # the full-sample fit only
    assert not z.converged and z.unconverged_replicates == 0
    assert math.isclose(z.estimate, R[f"sep.{kind}.z"][0], rel_tol=1e-9)
    assert math.isclose(z.se, R[f"sep.{kind}.z"][1], rel_tol=1e-5)
    [note] = [c for c in r.caveat_texts() if "did not converge" in c]
    assert note.startswith("1 adjusted effect (svyglm) stopped at glm.fit's 25 IRLS steps")
    assert note.endswith(f": z {B} - {A} (full sample)")
    assert "y " not in note.split(": ")[-1]
    data = r.to_dict()
    shown = {a["outcome"]: a for a in data["adjusted_differences"]}
    assert shown["z"]["converged"] is False and shown["y"]["converged"] is True
    assert any("sin converger" in c for c in r.caveat_texts("es"))


CATEGORY_LABELS = ("E", "H", "M")


@pytest.mark.parametrize("kind", list(RC_DESIGNS))
@pytest.mark.parametrize("dom", ["all", "nomiss"])
def test_each_category_gets_the_adjusted_effect_r_users_fit(
    folder: Path, kind: str, dom: str
) -> None:
    """svyglm(I(stype_n == k) ~ ballot + factor(enroll >= 500), family = quasibinomial())
    for each school type k (section 24); the declared missing code 3 is no category and its
    schools are left out, as subset(design, stype_n != 3)."""
    top = "adjust: [large]" + ("\nmissing: {stype_n: [3]}" if dom == "nomiss" else "")
    r = compare(folder, f"catglm-{kind}-{dom}.yaml", RC_DESIGNS[kind],
                "[{variable: enroll, name: large, condition: '>= 500'}]", top=top,
                outcomes="[{name: type, variable: stype_n, kind: mean, categorical: true}]")
    labels = CATEGORY_LABELS[:3 if dom == "all" else 2]
    by = {a.outcome: a for a in r.adjusted}
    assert set(by) == {f"type: {x}" for x in labels}  # never the mean of the codes
    for k, label in enumerate(labels):
        a = by[f"type: {label}"]
        assert a.category is not None and (a.category.outcome, a.category.label) == ("type",
                                                                                    label)
        assert (a.a, a.b, a.family, a.covariates) == (A, B, "quasibinomial", ("large",))
        close(a.estimate, f"catglm.{kind}.{dom}.est", k)
        close(a.se, f"catglm.{kind}.{dom}.se", k)
    shown = r.to_dict()["adjusted_differences"]
    assert [(x["outcome"], x["category"], x["code"]) for x in shown] == [
        ("type", label, str(k)) for k, label in enumerate(labels, start=1)]


def test_each_category_adjusted_effect_is_printed_under_its_table(
    folder: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    spec = folder / "catglm-cli.yaml"
    spec.write_text(f"""adjust: [large]
datasets:
  - file: api.sav
    variant: {{variable: ballot, map: {{1: {A}, 2: {B}}}}}
    weight: w
    design: {{psu: dnum}}
outcomes: [{{name: type, variable: stype_n, kind: mean, categorical: true}}]
domains: [{{variable: enroll, name: large, condition: '>= 500'}}]
""")
    lines = run_cli("compare", str(spec)).out.splitlines()
    table = next(i for i, x in enumerate(lines) if x.startswith("type (categories): share"))
    printed = [x for x in lines if "adjusted for large" in x]
    assert len(printed) == 3 and lines.index(printed[0]) > table
    for k, (line, label) in enumerate(zip(printed, CATEGORY_LABELS, strict=True)):
        coefficient, se = R["catglm.taylor.all.est"][k], R["catglm.taylor.all.se"][k]
        assert line == (f"  {label}: adjusted for large (svyglm quasibinomial, log odds ratio): "
                        f"{B} - {A} = {coefficient:.3f} (SE {se:.3f}, n=183)")


def test_replicate_fits_stopped_at_the_step_limit_are_counted_in_the_caveat(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R warns once per replicate glm.fit that did not converge; with the replicates' step
    limit cut to 1 (R: control = glm.control(maxit = 1)) none of the 12 converges."""
    from tut.compare import glm_irls

    monkeypatch.setattr(glm_irls, "MAX_STEPS", 1)
    r = compare(folder, "sep-steps.yaml", SEP_DESIGNS["jk1"], "[{variable: grp, name: grp}]",
                file="sep.sav", outcomes="[{name: y, variable: y, kind: proportion}]",
                top="adjust: [grp]")
    [y] = r.adjusted
    assert y.converged and (y.unconverged_replicates, y.replicates) == (12, 12)
    [note] = [c for c in r.caveat_texts() if "without converging" in c]
    assert note.endswith(f": y {B} - {A} (12 of 12 replicates)")
    assert r.to_dict()["adjusted_differences"][0]["replicates_not_converged"] == 12


def test_adjust_reads_the_replicate_weights_no_more_times(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every replicate refit takes its group totals from the totals by variant and domain
    categories summed while the file was read: adjust adds no pass over the file."""
    from tut.microdata import readers

    calls: list[list[str]] = []
    real = readers.iter_batches

    def counted(path: Path, columns: list[str], **kwargs: Any) -> Any:
        calls.append(list(columns))
        return real(path, columns, **kwargs)

    monkeypatch.setattr(readers, "iter_batches", counted)
    reads = []
    for top in ("", "adjust: [grp]"):
        calls.clear()
        r = compare(folder, f"sep-reads-{bool(top)}.yaml", SEP_DESIGNS["jk1"],
                    "[{variable: grp, name: grp}]", file="sep.sav", outcomes=SEP_OUTCOMES,
                    top=top)
        reads.append(len(calls))
    assert reads[0] == reads[1] >= 1
    assert {a.outcome for a in r.adjusted} == {"y", "z"}
