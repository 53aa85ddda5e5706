"""tut equals R's survey package on R's own api data where the two used to differ.

``tests/fixtures/compare/api/make_api.R`` writes R's ``apiclus1`` (183 schools in 15
districts) as api.sav and api.dta with a 1/2 ballot, JK1 and bootstrap replicate weights,
and Stata extended missing values; ``reference_api.R`` prints R's numbers to
``reference_api.txt``, which these tests read (R is not needed to run them).
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import pyreadstat
import pytest

from tut.compare.results import ComparisonResult
from tut.compare.run import run_comparison

API = Path(__file__).parent / "fixtures" / "compare" / "api"
A, B = "atus-incare-en", "cand-responsible-en"
REL = 1e-10


def reference() -> dict[str, list[float]]:
    out = {}
    for line in (API / "reference_api.txt").read_text().splitlines():
        key, *values = line.split()
        out[key] = [float(v) for v in values]
    return out


R = reference()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("api")
    for name in ("api.sav", "api.dta", "api2.sav"):
        shutil.copy(API / name, where / name)
    return where


def compare(folder: Path, name: str, design: str, domains: str, file: str = "api.sav",
            outcomes: str = "[{name: api, variable: api00, kind: mean}]",
            top: str = "") -> ComparisonResult:
    spec = folder / name
    spec.write_text(f"""{top}
datasets:
  - file: {file}
    variant: {{variable: ballot, map: {{1: {A}, 2: {B}}}}}
    weight: w
    design:
      {design}
outcomes: {outcomes}
domains: {domains}
""")
    return run_comparison(spec)


# R fits svyciprop(method = "logit") by IRLS and stops at glm.fit's deviance criterion
# (relative change < 1e-8), so R's own numbers for those keys are settled only to about 1e-8;
# they are tested at 1e-7, everything else at REL. svyglm(family = quasibinomial) is fitted
# as R does (weights over their mean, glm.fit's start and stopping rule, the working weights
# of its last step in the SE), so it is tested at REL too (1.5e-13 measured).
ITERATIVE = (".logit",)
REL_ITERATIVE = 1e-7


def close(got: float, key: str, i: int = 0) -> None:
    want = R[key][i]
    rel = REL_ITERATIVE if key.endswith(ITERATIVE) else REL
    assert math.isclose(got, want, rel_tol=rel, abs_tol=1e-12), (key, got, want)


REPLICATES = {
    "jk1": "replicates: {prefix: repw, type: jk1, mse: false}",
    "boot": "replicates: {prefix: bw, type: bootstrap, mse: false}",
}


@pytest.mark.parametrize("kind", ["jk1", "boot"])
def test_replicates_without_respondents_in_a_cell_are_dropped_as_in_r(
    folder: Path, kind: str
) -> None:
    r = compare(folder, f"{kind}.yaml", REPLICATES[kind], "[{variable: county, name: county}]")
    counties = {e.domain[0][1] for e in r.estimates if e.domain}
    labels = sorted(counties)
    checked = 0
    for k, label in enumerate(labels, start=1):
        for b, variant in ((1, A), (2, B)):
            key = f"{kind}.county{k}.ballot{b}"
            if f"{key}.se" not in R:
                continue
            e = r.estimate("api", variant, county=label)
            close(e.value.estimate, f"{key}.est")
            close(e.value.se, f"{key}.se")
            checked += 1
        if f"{kind}.county{k}.diff.se" in R:
            d = r.difference("api", A, B, county=label)
            close(d.test.value.estimate, f"{kind}.county{k}.diff.est")
            close(d.test.value.se, f"{kind}.county{k}.diff.se")
    assert checked > 10
    dropped = [R[f"{kind}.county{k}.ballot{b}.dropped"][0] for k in range(1, 12) for b in (1, 2)
               if f"{kind}.county{k}.ballot{b}.dropped" in R]
    assert any(dropped)
    note = next(c for c in r.caveat_texts() if "no respondents under some of the" in c)
    first = next(k for k in range(1, 12) if R.get(f"{kind}.county{k}.ballot1.dropped", [0])[0])
    assert f"county={labels[first - 1]} ({int(R[f'{kind}.county{first}.ballot1.dropped'][0])})" \
        in note


def test_bootstrap_differences_with_dropped_replicates_join_the_holm_family(
    folder: Path,
) -> None:
    r = compare(folder, "boot-holm.yaml", REPLICATES["boot"], "[{variable: county, name: county}]")
    family = [d for d in r.differences if d.outcome == "api"]
    defined = [d for d in family if d.test.value.se > 0]
    # the p-values R gives for a positive SE are all adjusted together
    assert len(defined) >= 3
    for d in defined:
        assert d.test.p_holm is not None and d.test.p_holm >= d.test.p


def test_lonely_average_domain_se_uses_the_strata_present_in_the_domain(folder: Path) -> None:
    design = "strata: county\n      psu: dnum\n      lonely_psu: average"
    r = compare(folder, "average.yaml", design, "[{variable: stype_n, name: type}]")
    for s, label in ((1, "E"), (2, "H"), (3, "M")):
        for i, variant in enumerate((A, B)):
            e = r.estimate("api", variant, type=label)
            close(e.value.estimate, f"average.stype{s}.est", i)
            close(e.value.se, f"average.stype{s}.se", i)
        d = r.difference("api", A, B, type=label)
        close(d.test.value.se, f"average.stype{s}.diff.se")
    for i, variant in enumerate((A, B)):
        close(r.estimate("api", variant).value.se, "average.all.se", i)
    close(r.difference("api", A, B).test.value.se, "average.all.diff.se")


def test_stata_extended_missing_values_are_counted_under_their_own_codes(folder: Path) -> None:
    r = compare(folder, "tags.yaml", "psu: dnum", "[]", file="api.dta",
                outcomes="[{name: meals, variable: meals, kind: mean}]")
    rows, _ = pyreadstat.read_dta(str(API / "api.dta"), usecols=["snum"])
    snum = rows["snum"]
    refused = int(((snum % 7 == 0) & (snum % 11 != 0)).sum())
    dont_know = int((snum % 11 == 0).sum())
    totals: dict[str, int] = {}
    for m in r.missing:
        for code, n in m.codes.items():
            totals[code] = totals.get(code, 0) + n
    assert totals == {".a Refused": refused, ".b Don't know": dont_know}


@pytest.mark.parametrize("kind", ["taylor", "boot"])
def test_totals_and_proportion_intervals_as_svytotal_and_svyciprop(
    folder: Path, kind: str
) -> None:
    design = "psu: dnum" if kind == "taylor" else REPLICATES["boot"]
    r = compare(folder, f"totals-{kind}.yaml", design, "[{variable: stype_n, name: type}]",
                outcomes="[{name: api, variable: api00, kind: mean}, "
                         "{name: sw, variable: sch_wide, kind: proportion}]",
                top="ci_level: 0.9")
    for b, variant in ((1, A), (2, B)):
        p = r.estimate("sw", variant)
        assert p.ci_logit is not None and p.ci_beta is not None
        close(p.ci_logit[0], f"{kind}.ballot{b}.logit", 0)
        close(p.ci_logit[1], f"{kind}.ballot{b}.logit", 1)
        close(p.ci_beta[0], f"{kind}.ballot{b}.beta", 0)
        close(p.ci_beta[1], f"{kind}.ballot{b}.beta", 1)
    for s, label in ((1, "E"), (2, "H"), (3, "M")):
        for b, variant in ((1, A), (2, B)):
            key = f"{kind}.stype{s}.ballot{b}"
            e = r.estimate("api", variant, type=label)
            assert e.total is not None
            close(e.total.estimate, f"{key}.total")
            close(e.total.se, f"{key}.total.se")
            p = r.estimate("sw", variant, type=label)
            close(p.value.estimate, f"{key}.prop")
            for method in ("logit", "beta"):
                got = p.ci_logit if method == "logit" else p.ci_beta
                if math.isnan(R[f"{key}.{method}"][0]):
                    assert got is None
                    continue
                assert got is not None, (key, method)
                close(got[0], f"{key}.{method}", 0)
                close(got[1], f"{key}.{method}", 1)


QUANTILE_DESIGNS = {"taylor": "psu: dnum", "strat": "{strata: stype_n, psu: dnum, lonely_psu: adjust}"}


@pytest.mark.parametrize("kind", ["taylor", "strat"])
def test_quantiles_as_svyquantile(folder: Path, kind: str) -> None:
    r = compare(folder, f"q-{kind}.yaml", QUANTILE_DESIGNS[kind],
                "[{variable: county, name: county}]",
                outcomes="[{name: api, variable: api00, kind: mean, quantiles: [0.25, 0.5, 0.9]}]")
    county = {9: "San Diego", 10: "San Joaquin", 11: "Santa Clara"}
    for b, variant in ((1, A), (2, B)):
        for dom in ("all", "county9", "county10", "county11"):
            where = {} if dom == "all" else {"county": county[int(dom[6:])]}
            e = r.estimate("api", variant, **where)
            key = f"quantile.{kind}.{dom}.ballot{b}"
            assert [q.p for q in e.quantiles] == [0.25, 0.5, 0.9]
            for i, q in enumerate(e.quantiles):
                for attr, suffix in (("estimate", "est"), ("low", "low"), ("high", "high"),
                                     ("se", "se")):
                    want = R[f"{key}.{suffix}"][i]
                    got = getattr(q.value, attr)
                    if math.isnan(want):
                        assert math.isnan(got), (key, suffix, i, got)
                    else:
                        close(got, f"{key}.{suffix}", i)


def test_quantiles_with_replicate_weights_as_svyquantile(folder: Path) -> None:
    r = compare(folder, "q-rep.yaml", REPLICATES["boot"], "[]",
                outcomes="[{name: api, variable: api00, kind: mean, "
                         "quantiles: [0.25, 0.5, 0.9]}]")
    checked = 0
    for b, variant in ((1, A), (2, B)):
        key = f"quantile.boot.ballot{b}"
        e = r.estimate("api", variant)
        for i, q in enumerate(e.quantiles):
            close(q.value.estimate, f"{key}.est", i)
            for attr, suffix in (("low", "low"), ("high", "high"), ("se", "se")):
                if math.isnan(R[f"{key}.{suffix}"][i]):
                    assert math.isnan(getattr(q.value, attr)), (key, suffix, i)
                else:
                    close(getattr(q.value, attr), f"{key}.{suffix}", i)
                checked += 1
    assert checked >= 9


def test_replicate_factors_are_multiplied_by_the_weight(folder: Path) -> None:
    r = compare(folder, "factors.yaml",
                "replicates: {prefix: jf, type: jk1, mse: false, combined_weights: false}", "[]")
    for i, variant in enumerate((A, B)):
        close(r.estimate("api", variant).value.estimate, "factors.est", i)
        close(r.estimate("api", variant).value.se, "factors.se", i)
    close(r.difference("api", A, B).test.value.se, "factors.diff.se")


def test_one_stage_finite_population_correction(folder: Path) -> None:
    r = compare(folder, "fpc.yaml", "{psu: dnum, fpc: fpc}", "[{variable: stype_n, name: type}]")
    for i, variant in enumerate((A, B)):
        close(r.estimate("api", variant).value.estimate, "fpc.est", i)
        close(r.estimate("api", variant).value.se, "fpc.se", i)
        close(r.estimate("api", variant, type="E").value.se, "fpc.stype1.se", i)
    close(r.difference("api", A, B).test.value.se, "fpc.diff.se")


def test_an_fpc_that_differs_within_a_stratum_is_an_error(folder: Path) -> None:
    from tut.errors import TutError

    with pytest.raises(TutError, match=r"\(/datasets/0/design/fpc\): fpc 'enroll' differs"):
        compare(folder, "fpc-bad.yaml", "{psu: dnum, fpc: enroll}", "[]")


@pytest.mark.parametrize("kind", ["taylor", "boot"])
def test_a_domain_defined_by_a_condition_on_another_variable(folder: Path, kind: str) -> None:
    design = "psu: dnum" if kind == "taylor" else REPLICATES["boot"]
    r = compare(folder, f"cond-{kind}.yaml", design,
                "[{variable: enroll, name: large, condition: '>= 500'}]")
    for i, variant in enumerate((A, B)):
        e = r.estimate("api", variant, large="yes")
        close(e.value.estimate, f"cond.{kind}.est", i)
        close(e.value.se, f"cond.{kind}.se", i)
    close(r.difference("api", A, B, large="yes").test.value.se, f"cond.{kind}.diff.se")


@pytest.mark.parametrize("kind", ["taylor", "boot"])
def test_ratio_of_two_variables_as_svyratio(folder: Path, kind: str) -> None:
    design = "psu: dnum" if kind == "taylor" else REPLICATES["boot"]
    r = compare(folder, f"ratio-{kind}.yaml", design, "[{variable: stype_n, name: type}]",
                outcomes="[{name: growth, variable: api00, kind: ratio, denominator: api99}]")
    for i, variant in enumerate((A, B)):
        e = r.estimate("growth", variant)
        close(e.value.estimate, f"ratio.{kind}.est", i)
        close(e.value.se, f"ratio.{kind}.se", i)
        by_type = r.estimate("growth", variant, type="E")
        close(by_type.value.estimate, f"ratio.{kind}.E.ballot{i + 1}", 0)
        close(by_type.value.se, f"ratio.{kind}.E.ballot{i + 1}", 1)
    close(r.difference("growth", A, B).test.value.se, f"ratio.{kind}.diff.se")


def test_a_ratio_without_a_denominator_is_an_error(folder: Path) -> None:
    from tut.errors import TutError

    with pytest.raises(TutError, match=r"\(/outcomes/0/kind\): kind: ratio needs a denominator"):
        compare(folder, "ratio-bad.yaml", "psu: dnum", "[]",
                outcomes="[{name: growth, variable: api00, kind: ratio}]")


@pytest.mark.parametrize("kind", ["taylor", "strat"])
def test_wording_effect_adjusted_for_composition_as_svyglm(folder: Path, kind: str) -> None:
    r = compare(folder, f"glm-{kind}.yaml", QUANTILE_DESIGNS[kind],
                "[{variable: stype_n, name: type}, {variable: county, name: county}]",
                outcomes="[{name: api, variable: api00, kind: mean}, "
                         "{name: sw, variable: sch_wide, kind: proportion}]",
                top="adjust: [type, county]")
    by = {(a.outcome, a.family): a for a in r.adjusted}
    for outcome, family in (("api", "gaussian"), ("sw", "quasibinomial")):
        a = by[(outcome, family)]
        assert (a.a, a.b, a.covariates) == (A, B, ("type", "county"))
        close(a.estimate, f"glm.{kind}.{family}", 0)
        close(a.se, f"glm.{kind}.{family}", 1)
    assert "adjusted_differences" in r.to_dict()


def test_adjusted_differences_are_printed_next_to_the_raw_ones(
    folder: Path, run_cli: Any
) -> None:
    spec = folder / "glm-cli.yaml"
    spec.write_text(f"""adjust: [type]
datasets:
  - file: api.sav
    variant: {{variable: ballot, map: {{1: {A}, 2: {B}}}}}
    weight: w
    design: {{psu: dnum}}
outcomes: [{{name: api, variable: api00, kind: mean}}]
domains: [{{variable: stype_n, name: type}}]
""")
    text = run_cli("compare", str(spec)).out
    assert "adjusted for type (svyglm gaussian, difference): " in text


@pytest.mark.parametrize("kind", ["taylor", "strat", "boot"])
def test_rao_scott_test_of_a_yes_no_answer_by_wording(folder: Path, kind: str) -> None:
    design = REPLICATES["boot"] if kind == "boot" else QUANTILE_DESIGNS[kind]
    r = compare(folder, f"chisq-{kind}.yaml", design, "[]",
                outcomes="[{name: sw, variable: sch_wide, kind: proportion}]")
    [t] = r.rao_scott
    assert (t.outcome, t.a, t.b) == ("sw", A, B)
    for i, got in enumerate((t.f, t.ndf, t.ddf, t.p)):
        close(got, f"chisq.{kind}", i)
    assert r.to_dict()["rao_scott"][0]["F"] == t.f


def test_rao_scott_is_printed_under_the_table(folder: Path, run_cli: Any) -> None:
    spec = folder / "chisq-cli.yaml"
    spec.write_text(f"""datasets:
  - file: api.sav
    variant: {{variable: ballot, map: {{1: {A}, 2: {B}}}}}
    weight: w
    design: {{psu: dnum}}
outcomes: [{{name: sw, variable: sch_wide, kind: proportion}}]
""")
    text = run_cli("compare", str(spec)).out
    f, ndf, ddf, p = R["chisq.taylor"]
    assert f"Rao-Scott test (svychisq F), {B} vs {A}: F = {f:.3f} on {ndf:.2f} and " \
           f"{ddf:.2f} df, p {p:.3f}" in text


def test_two_stages_with_an_fpc_per_stage(folder: Path) -> None:
    r = compare(folder, "two.yaml", "{psu: dnum, ssu: snum, fpc: fpc1, fpc2: fpc2, "
                "lonely_psu: adjust}", "[{variable: stype_n, name: type}]", file="api2.sav")
    for i, variant in enumerate((A, B)):
        close(r.estimate("api", variant).value.estimate, "two.est", i)
        close(r.estimate("api", variant).value.se, "two.se", i)
        close(r.estimate("api", variant, type="E").value.se, "two.E.se", i)
    close(r.difference("api", A, B).test.value.se, "two.diff.se")


def test_a_second_stage_without_its_fpc_is_an_error(folder: Path) -> None:
    from tut.errors import TutError

    with pytest.raises(TutError, match=r"\(/datasets/0/design/ssu\): a second stage needs"):
        compare(folder, "two-bad.yaml", "{psu: dnum, ssu: snum, fpc: fpc1}", "[]",
                file="api2.sav")


def test_adjusted_difference_with_replicate_weights_as_svyglm(folder: Path) -> None:
    r = compare(folder, "glm-boot.yaml", REPLICATES["boot"], "[{variable: stype_n, name: type}]",
                outcomes="[{name: api, variable: api00, kind: mean}]", top="adjust: [type]")
    [a] = r.adjusted
    close(a.estimate, "glm.boot.gaussian", 0)
    close(a.se, "glm.boot.gaussian", 1)


RC_DESIGNS = {"taylor": "psu: dnum", "strat": QUANTILE_DESIGNS["strat"],
              "boot": REPLICATES["boot"], "jk1": REPLICATES["jk1"]}
RC_OUTCOMES = ("[{name: type, variable: stype_n, kind: mean, categorical: true}, "
               "{name: sw, variable: sch_wide, kind: proportion}, "
               "{name: county, variable: county, kind: mean, categorical: true}]")


@pytest.mark.parametrize("kind", list(RC_DESIGNS))
def test_rao_scott_of_a_categorical_answer_and_per_domain(folder: Path, kind: str) -> None:
    """svychisq(~stype + ballot) (3 x 2), (~county + ballot) (11 x 2) and (~sch_wide +
    ballot), in the whole population and in subset(design, enroll >= 500) and < 500; with
    replicate weights nu is the subset's degf (the rank of its replicate weights - 1)."""
    r = compare(folder, f"rc-{kind}.yaml", RC_DESIGNS[kind],
                "[{variable: enroll, name: large, condition: '>= 500'}]", outcomes=RC_OUTCOMES)
    tests = {(t.outcome, t.domain): t for t in r.rao_scott}
    checked = set()
    for outcome, name, categories in (("type", "rc", 3), ("sw", "yn", 2)):
        for domain, dom in (((), "all"), ((("large", "yes"),), "large_yes"),
                            ((("large", "no"),), "large_no")):
            t = tests[(outcome, domain)]
            assert (t.a, t.b, t.categories) == (A, B, categories)
            for i, got in enumerate((t.f, t.ndf, t.ddf, t.p)):
                close(got, f"chisq.{name}.{kind}.{dom}", i)
            assert t.ddf == pytest.approx(t.ndf * R[f"chisq.degf.{kind}.{dom}"][0], rel=1e-12)
            checked.add((outcome, dom))
    county = tests[("county", ())]
    assert county.categories == 11
    for i, got in enumerate((county.f, county.ndf, county.ddf, county.p)):
        close(got, f"chisq.county.{kind}", i)
    assert len(checked) == 6
    shown = r.to_dict()["rao_scott"]
    assert {"outcome": "type", "a": A, "b": B, "domain": {"large": "yes"}, "categories": 3,
            "F": tests[("type", (("large", "yes"),))].f} .items() <= next(
        x for x in shown if x["outcome"] == "type" and x["domain"] == {"large": "yes"}).items()


def test_rao_scott_per_domain_and_categorical_are_printed(folder: Path, run_cli: Any) -> None:
    spec = folder / "rc-cli.yaml"
    spec.write_text(f"""datasets:
  - file: api.sav
    variant: {{variable: ballot, map: {{1: {A}, 2: {B}}}}}
    weight: w
    design: {{psu: dnum}}
outcomes: [{{name: type, variable: stype_n, kind: mean, categorical: true}}]
domains: [{{variable: enroll, name: large, condition: '>= 500'}}]
""")
    text = run_cli("compare", str(spec)).out
    f, ndf, ddf, p = R["chisq.rc.taylor.large_yes"]
    assert f"Rao-Scott test (svychisq F), {B} vs {A} in large yes (3 answer categories): " \
           f"F = {f:.3f} on {ndf:.2f} and {ddf:.2f} df, p {p:.3f}" in text
    f, ndf, ddf, p = R["chisq.rc.taylor.all"]
    assert f"Rao-Scott test (svychisq F), {B} vs {A} (3 answer categories): F = {f:.3f}" in text


def test_categorical_is_for_codes_of_a_mean_outcome(folder: Path) -> None:
    from tut.errors import TutError

    with pytest.raises(TutError, match=r"\(/outcomes/0/categorical\): categorical is for the "
                                       r"codes of a kind: mean outcome"):
        compare(folder, "rc-bad.yaml", "psu: dnum", "[]",
                outcomes="[{name: sw, variable: sch_wide, kind: proportion, categorical: true}]")
    with pytest.raises(TutError, match=r"\(/outcomes/0/categorical\): outcome 'api': api00 has "
                                       r"\d+ distinct answers in api.sav, too many categories"):
        compare(folder, "rc-many.yaml", "psu: dnum", "[]",
                outcomes="[{name: api, variable: api00, kind: mean, categorical: true}]")


@pytest.mark.parametrize("kind", ["boot", "jk1"])
def test_quasibinomial_adjusted_difference_with_replicate_weights(folder: Path, kind: str) -> None:
    """svyglm(sch_wide ~ ballot + stype, family = quasibinomial(), design = svrepdesign):
    each replicate refitted by IRLS from the full-sample coefficients."""
    r = compare(folder, f"glm-logit-{kind}.yaml", REPLICATES[kind],
                "[{variable: stype_n, name: type}]", top="adjust: [type]",
                outcomes="[{name: api, variable: api00, kind: mean}, "
                         "{name: sw, variable: sch_wide, kind: proportion}]")
    by = {(a.outcome, a.family): a for a in r.adjusted}
    assert set(by) == {("api", "gaussian"), ("sw", "quasibinomial")}
    logit = by[("sw", "quasibinomial")]
    close(logit.estimate, f"glm.{kind}.quasibinomial", 0)
    close(logit.se, f"glm.{kind}.quasibinomial", 1)


TWO = "{psu: dnum, ssu: snum, fpc: fpc1, fpc2: fpc2, lonely_psu: adjust}"


def test_two_stages_quantiles_svyglm_and_rao_scott(folder: Path) -> None:
    """svydesign(ids = ~dnum + snum, fpc = ~fpc1 + fpc2) (apiclus2): svyquantile, svyglm
    (gaussian, quasibinomial) and svychisq over the schools with an api00."""
    r = compare(folder, "two-more.yaml", TWO, "[{variable: stype_n, name: type}]",
                file="api2.sav", top="adjust: [type]",
                outcomes="[{name: api, variable: api00, kind: mean, quantiles: [0.25, 0.5, 0.9]},"
                         " {name: high, variable: api00, kind: proportion, condition: '> 700'},"
                         " {name: type, variable: stype_n, kind: mean, categorical: true}]")
    for b, variant in ((1, A), (2, B)):
        key = f"two.quantile.ballot{b}"
        for i, q in enumerate(r.estimate("api", variant).quantiles):
            for attr, suffix in (("estimate", "est"), ("low", "low"), ("high", "high"),
                                 ("se", "se")):
                got = getattr(q.value, attr)
                if math.isnan(R[f"{key}.{suffix}"][i]):
                    assert math.isnan(got), (key, suffix, i)
                else:
                    close(got, f"{key}.{suffix}", i)
    by = {(a.outcome, a.family): a for a in r.adjusted}
    for outcome, family in (("api", "gaussian"), ("high", "quasibinomial")):
        close(by[(outcome, family)].estimate, f"two.glm.{family}", 0)
        close(by[(outcome, family)].se, f"two.glm.{family}", 1)
    tests = {t.outcome: t for t in r.rao_scott if not t.domain}
    for outcome, key in (("type", "two.chisq.rc"), ("high", "two.chisq.yn")):
        t = tests[outcome]
        for i, got in enumerate((t.f, t.ndf, t.ddf, t.p)):
            close(got, key, i)


@pytest.mark.parametrize("kind", ["boot", "jk1"])
def test_a_replicate_domain_has_the_degrees_of_freedom_of_its_subset(
    folder: Path, kind: str
) -> None:
    """degf(subset(svrepdesign, stype == s & ballot == b)) is the rank of the domain's
    replicate weights - 1 (4 to 13 here, the design's 14): svyciprop's and svyquantile's
    t use it."""
    r = compare(folder, f"degf-{kind}.yaml", REPLICATES[kind],
                "[{variable: stype_n, name: type}]", top="ci_level: 0.9",
                outcomes="[{name: api, variable: api00, kind: mean, "
                         "quantiles: [0.25, 0.5, 0.9]}, "
                         "{name: sw, variable: sch_wide, kind: proportion}]")
    smaller = 0
    for s, label in ((1, "E"), (2, "H"), (3, "M")):
        for b, variant in ((1, A), (2, B)):
            key = f"degf.{kind}.stype{s}.ballot{b}"
            smaller += R[key][0] < r.datasets[0].degf
            p = r.estimate("sw", variant, type=label)
            for method, got in (("logit", p.ci_logit), ("beta", p.ci_beta)):
                assert got is not None
                close(got[0], f"{key}.{method}", 0)
                close(got[1], f"{key}.{method}", 1)
            quantiles = r.estimate("api", variant, type=label).quantiles
            for i, q in enumerate(quantiles):
                for attr, suffix in (("estimate", "est"), ("low", "low"), ("high", "high"),
                                     ("se", "se")):
                    want = R[f"{key}.quantile.{suffix}"][i]
                    got_q = getattr(q.value, attr)
                    if math.isnan(want):
                        assert math.isnan(got_q), (key, suffix, i)
                    else:
                        close(got_q, f"{key}.quantile.{suffix}", i)
    assert smaller == 6


def test_design_effect_with_an_fpc_is_r_deff_replace(folder: Path) -> None:
    """deff is against simple random sampling with replacement, R's svymean(deff =
    "replace"), also with an fpc (whose variance it includes); R's deff = TRUE divides by
    the without-replacement variance, (N - n)/N with N the sum of the weights, and is
    larger (the README says so)."""
    r = compare(folder, "deff-fpc.yaml", "{psu: dnum, fpc: fpc}", "[{variable: stype_n, name: type}]")
    for b, variant in ((1, A), (2, B)):
        for dom, where in (("all", {}), ("E", {"type": "E"})):
            e = r.estimate("api", variant, **where)
            assert e.deff is not None
            close(e.deff, f"deff.fpc.{dom}.ballot{b}.replace")
            assert e.deff < R[f"deff.fpc.{dom}.ballot{b}.true"][0]


def test_rao_scott_per_domain_under_lonely_average(folder: Path) -> None:
    """lonely_psu: average in a domain averages over the strata present in it (R's subset)."""
    r = compare(folder, "rc-average.yaml", "{strata: county, psu: dnum, lonely_psu: average}",
                "[{variable: stype_n, name: type}]",
                outcomes="[{name: sw, variable: sch_wide, kind: proportion}, "
                         "{name: type, variable: stype_n, kind: mean, categorical: true}]")
    tests = {(t.outcome, t.domain): t for t in r.rao_scott}
    checks = [(("type", ()), "chisq.average.all")] + [
        (("sw", (("type", label),)), f"chisq.average.stype{s}")
        for s, label in ((1, "E"), (2, "H"), (3, "M"))]
    for key, ref in checks:
        t = tests[key]
        for i, got in enumerate((t.f, t.ndf, t.ddf, t.p)):
            if math.isnan(R[ref][i]):
                assert math.isnan(got), (ref, i)
            else:
                close(got, ref, i)


@pytest.mark.parametrize("kind", ["taylor", "boot", "jk1"])
def test_rao_scott_over_more_than_two_variants(folder: Path, kind: str) -> None:
    """A survey with three variants (school type E/H/M standing in for three wordings): one
    R x 3 test of all of them besides the pairs, svychisq(~answer + stype), in the whole
    population and per ballot."""
    c = "cand-available-en"
    spec = folder / f"rxc-{kind}.yaml"
    spec.write_text(f"""datasets:
  - file: api.sav
    variant: {{variable: stype_n, map: {{1: {A}, 2: {B}, 3: {c}}}}}
    weight: w
    design:
      {RC_DESIGNS[kind]}
outcomes: [{{name: sw, variable: sch_wide, kind: proportion}},
           {{name: county, variable: county, kind: mean, categorical: true}}]
domains: [{{variable: ballot, name: ballot}}]
""")
    r = run_comparison(spec)
    every = {(t.outcome, t.domain): t for t in r.rao_scott if len(t.variants) == 3}
    assert len([t for t in r.rao_scott if len(t.variants) == 2]) == 3 * 2 * 3  # pairs
    for outcome in ("sw", "county"):
        for domain, dom in (((), "all"), ((("ballot", "A"),), "ballot1"),
                            ((("ballot", "B"),), "ballot2")):
            t = every[(outcome, domain)]
            assert t.variants == (A, B, c) and (t.a, t.b) == ("", "")
            for i, got in enumerate((t.f, t.ndf, t.ddf, t.p)):
                close(got, f"chisq.rxc.{kind}.{dom}.{outcome}", i)
    shown = next(x for x in r.to_dict()["rao_scott"] if x["variants"] == [A, B, c])
    assert "a" not in shown and shown["outcome"] == "sw"


def test_rao_scott_over_every_variant_is_printed(folder: Path, run_cli: Any) -> None:
    c = "cand-available-en"
    spec = folder / "rxc-cli.yaml"
    spec.write_text(f"""datasets:
  - file: api.sav
    variant: {{variable: stype_n, map: {{1: {A}, 2: {B}, 3: {c}}}}}
    weight: w
    design: {{psu: dnum}}
outcomes: [{{name: sw, variable: sch_wide, kind: proportion}}]
""")
    text = run_cli("compare", str(spec)).out
    f, ndf, ddf, p = R["chisq.rxc.taylor.all.sw"]
    assert f"Rao-Scott test (svychisq F), {A}, {B}, {c}: F = {f:.3f} on {ndf:.2f} and " \
           f"{ddf:.2f} df, p {p:.3f}" in text


CATEGORY_LABELS = ("E", "H", "M")
DEGENERATE_LOGIT = {"boot.large_no.ballot1.cat3"}
"""One school of the category among 56, absent from some bootstrap replicates: glm.fit's
IRLS overshoots (R's binomial link keeps mu within [eps, 1 - eps]) and the SE blows up to
about 5e14; R's logit interval is then (0, NaN), its upper bound expit(+huge) computed as
Inf/Inf; tut's, with the same link, (0, 1). (Under JK1 both give (1.9e-18, 1).)"""


@pytest.mark.parametrize("kind", list(RC_DESIGNS))
def test_shares_of_a_categorical_answer_equal_svymean_of_its_factor(
    folder: Path, kind: str
) -> None:
    """svymean(~factor(stype_n)) per ballot, the difference per category (svycontrast on
    svyby(..., covmat = TRUE)) and svyciprop of each category, in the whole population and
    per domain; the mean of the codes is not an estimate."""
    r = compare(folder, f"cat-{kind}.yaml", RC_DESIGNS[kind],
                "[{variable: enroll, name: large, condition: '>= 500'}]",
                outcomes="[{name: type, variable: stype_n, kind: mean, categorical: true}]")
    assert {e.outcome for e in r.estimates} == {f"type: {x}" for x in CATEGORY_LABELS}
    checked = 0
    for domain, dom in (({}, "all"), ({"large": "yes"}, "large_yes"),
                        ({"large": "no"}, "large_no")):
        for k, label in enumerate(CATEGORY_LABELS, start=1):
            for b, variant in ((1, A), (2, B)):
                e = r.estimate(f"type: {label}", variant, **domain)
                assert e.kind == "proportion" and e.category is not None
                assert (e.category.outcome, e.category.code) == ("type", str(k))
                key = f"cat.{kind}.{dom}.ballot{b}"
                close(e.value.estimate, f"{key}.est", k - 1)
                close(e.value.se, f"{key}.se", k - 1)
                checked += 1
                assert e.ci_logit is not None and e.ci_beta is not None
                for i in range(2):
                    close(e.ci_beta[i], f"{key}.cat{k}.beta", i)
                # R's logit interval is glm.fit's IRLS stopped at its deviance criterion:
                # for a share of 1/56 its SE is settled to about 1e-7 only
                want = R[f"{key}.cat{k}.logit"]
                if (f"{kind}.{dom}.ballot{b}.cat{k}" in DEGENERATE_LOGIT):
                    # R's upper bound is expit(+huge) = Inf/Inf: NaN; its limit is 1
                    assert want[0] == 0 and math.isnan(want[1])
                    assert e.ci_logit == (0.0, 1.0)
                    continue
                assert e.ci_logit == pytest.approx(want, rel=1e-6), (key, k)
            d = r.difference(f"type: {label}", A, B, **domain)
            close(d.test.value.estimate, f"cat.{kind}.{dom}.diff.est", k - 1)
            close(d.test.value.se, f"cat.{kind}.{dom}.diff.se", k - 1)
    assert checked == 18
    assert {t.outcome for t in r.rao_scott} == {"type"}  # one test of all the categories


@pytest.mark.parametrize("kind", ["taylor", "jk1"])
def test_declared_missing_codes_are_no_category(folder: Path, kind: str) -> None:
    r = compare(folder, f"cat-miss-{kind}.yaml", RC_DESIGNS[kind], "[]",
                outcomes="[{name: type, variable: stype_n, kind: mean, categorical: true}]",
                top="missing: {stype_n: [3]}")
    assert {e.outcome for e in r.estimates} == {"type: E", "type: H"}
    for k, label in enumerate(("E", "H"), start=1):
        for b, variant in ((1, A), (2, B)):
            e = r.estimate(f"type: {label}", variant)
            close(e.value.estimate, f"cat.{kind}.nomiss.ballot{b}.est", k - 1)
            close(e.value.se, f"cat.{kind}.nomiss.ballot{b}.se", k - 1)
        d = r.difference(f"type: {label}", A, B)
        close(d.test.value.se, f"cat.{kind}.nomiss.diff.se", k - 1)
    [m] = {(m.outcome, m.n_missing) for m in r.missing if m.variant == A}
    assert m[0] == "type" and m[1] > 0  # the code 3 schools, once, under the outcome


def test_category_shares_in_the_json(folder: Path) -> None:
    r = compare(folder, "cat-json.yaml", "psu: dnum", "[]",
                outcomes="[{name: type, variable: stype_n, kind: mean, categorical: true}]")
    data = r.to_dict()
    shares = [x for x in data["estimates"] if x["variant"] == A]
    assert [(x["outcome"], x["category"], x["code"]) for x in shares] == [
        ("type", "E", "1"), ("type", "H", "2"), ("type", "M", "3")]
    assert sum(x["estimate"] for x in shares) == pytest.approx(1, abs=1e-12)
    assert all(x["kind"] == "proportion" and len(x["ci_beta"]) == 2 for x in shares)
    diffs = {x["category"]: x for x in data["differences"]}
    assert set(diffs) == {"E", "H", "M"}
    close(diffs["M"]["diff"], "cat.taylor.all.diff.est", 2)
    assert data["rao_scott"][0]["outcome"] == "type"


def test_subset_degrees_of_freedom_read_the_replicate_weights_once(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The svyciprop intervals, svyquantile's t and the Rao-Scott tests of every school type
    x ballot (JK1 domains short of full rank) take their subsets' degf from one pass over
    the replicate weights: the file is read three times in all (the estimates, the shares at
    or below each quantile, the degf of every subset), not once more per estimator."""
    from tut.microdata import readers

    calls: list[list[str]] = []
    real = readers.iter_batches

    def counted(path: Path, columns: list[str], **kwargs: Any) -> Any:
        calls.append(list(columns))
        return real(path, columns, **kwargs)

    monkeypatch.setattr(readers, "iter_batches", counted)
    r = compare(folder, "degf-once.yaml", REPLICATES["jk1"],
                "[{variable: stype_n, name: type}]", top="ci_level: 0.9",
                outcomes="[{name: api, variable: api00, kind: mean, "
                         "quantiles: [0.25, 0.5, 0.9]}, "
                         "{name: sw, variable: sch_wide, kind: proportion}]")
    assert len(calls) == 3
    assert all(c.startswith("repw") or c == "w" for c in calls[1] + calls[2])
    tested = {t.domain for t in r.rao_scott}
    assert {(("type", label),) for label in ("E", "H", "M")} <= tested
    for s, label in ((1, "E"), (2, "H"), (3, "M")):
        for b, variant in ((1, A), (2, B)):
            key = f"degf.jk1.stype{s}.ballot{b}"
            ci = r.estimate("sw", variant, type=label).ci_beta
            assert ci is not None
            close(ci[0], f"{key}.beta", 0)
            close(ci[1], f"{key}.beta", 1)
            median = r.estimate("api", variant, type=label).quantiles[1].value
            want = R[f"{key}.quantile.low"][1]
            assert math.isnan(median.low) if math.isnan(want) else math.isclose(
                median.low, want, rel_tol=REL)
