"""tut's estimates equal R's survey package (4.1-1, R 4.2.2) to 1e-10 relative.

The fixture ``tests/fixtures/compare/survey.csv`` (373 respondents, 9 strata, 21 PSUs,
stratum 9 with a single PSU, 8 replicate weights; made by ``make_fixture.py``) was analysed
with ``tests/fixtures/compare/reference.R``:

    svydesign(ids=~psu, strata=~stratum2, weights=~w, nest=TRUE) + svymean / svyby
      (deff="replace") / svycontrast (difference, ratio b/a, gaps, difference in differences)
    options(survey.lonely.psu = "adjust" | "average" | "certainty" | "remove" | "fail")
    svrepdesign(type = "Fay" rho 0.5 mse / "Fay" rho 0.3 / "successive-difference" /
      "JK1" / "BRR" / "bootstrap" / "JKn" with rscales, combined.weights=TRUE)
    confint(svyby(...), level = 0.90, df = degf(design)) and 2 * pt(-|z|, degf) for
      test: t, with degf the rank of the replicate weights - 1 (eight replicates listed
      twice: still 7)

Its printed output (``reference_output.txt``) is pasted below as R_OUT; R is not needed
to run these tests. The codes -1/-2/-3 of care_min are non-answers (NA in R).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from tut.compare.results import ComparisonResult
from tut.compare.run import run_comparison

FIXTURE = Path(__file__).parent / "fixtures" / "compare"
REL = 1e-10

# Rscript tests/fixtures/compare/reference.R
R_OUT: dict[str, list[float]] = {
    "taylor.all.est": [63.468538100607837],
    "taylor.all.se": [5.298282470392139],
    "taylor.all.deff": [1.9002801086396193],
    "taylor.degf": [13],
    "taylor.ballot.est": [59.846910248098403, 67.605720185063163],
    "taylor.ballot.se": [6.622091414063827, 7.2860630114149272],
    "taylor.ballot.deff": [1.6433935963453683, 1.6116222569225538],
    "taylor.diff.est": [7.7588099369647594],
    "taylor.diff.se": [8.892202812148712],
    "taylor.ratio.est": [1.1296442858085776],
    "taylor.ratio.se": [0.15751318166195896],
    "taylor.sexballot.est": [55.499137466854798, 64.067471287685422, 43.613417149080554, 84.773413059152105],
    "taylor.sexballot.se": [7.5382453265757645, 6.8148211054181749, 6.6200356474826156, 9.7247449414362848],
    "taylor.gap.est": [8.5683338208306239, 41.159995910071551, 32.591662089240927],
    "taylor.gap.se": [5.5711882149789593, 9.9804350787713609, 12.07456628370667],
    "taylor.ageballot.est": [67.471477186464497, 65.800558028461822, 46.354471612314661, 46.584982919258117, 73.890410316371486, 75.965984480627768],
    "taylor.ageballot.se": [19.444396672502574, 8.9083097306256835, 9.2615282809153747, 9.0819718128377112, 10.72217258431863, 11.716714576182289],
    "taylor.ageballot.deff": [2.519616485932441, 1.2533851462014209, 1.5102399693572872, 0.7832692985424462, 1.3115119523631507, 1.5554725892857981],
    "taylor.any.est": [0.57544142426128486, 0.63642753295019527],
    "taylor.any.se": [0.056217580625917411, 0.046052042500036826],
    "taylor.any.diff.est": [0.060986108688910412],
    "taylor.any.diff.se": [0.075032070977577081],
    "taylor.participants.est": [104.00174148902481, 106.22689416291134],
    "taylor.participants.se": [4.2583015452227473, 8.2328042812113562],
    "taylor.n": [181, 163],
    "taylor.nonresponse.est": [0.090728122686429713, 0.0780261143531224],
    "taylor.nonresponse.se": [0.03629432561875709, 0.015089285298539295],
    "lonely.adjust.est": [59.846910248098403, 67.605720185063163],
    "lonely.adjust.se": [6.5761691384754641, 7.3244132330420726],
    "lonely.adjust.diff.se": [9.0014581844121437],
    "lonely.average.est": [59.846910248098403, 67.605720185063163],
    "lonely.average.se": [6.9635903310941689, 7.7680185191553042],
    "lonely.average.diff.se": [9.5341705954463407],
    "lonely.certainty.est": [59.846910248098403, 67.605720185063163],
    "lonely.certainty.se": [6.5653359260290172, 7.3237580950365313],
    "lonely.certainty.diff.se": [8.9889022413726547],
    "lonely.remove.est": [59.846910248098403, 67.605720185063163],
    "lonely.remove.se": [6.5653359260290172, 7.3237580950365313],
    "lonely.remove.diff.se": [8.9889022413726547],
    "lonely.fail.is_error": [1],
    "rep.fay_mse.scale": [0.5],
    "rep.fay_mse.all.est": [63.46853810060783],
    "rep.fay_mse.all.se": [2.6064450199131692],
    "rep.fay_mse.all.deff": [0.45988002088120367],
    "rep.fay_mse.sexballot.est": [55.499137466854798, 64.067471287685422, 43.613417149080547, 84.773413059152105],
    "rep.fay_mse.sexballot.se": [4.1707788230053593, 5.8518484359065841, 5.8583421785306147, 8.631658572227769],
    "rep.fay_mse.sexballot.deff": [0.34566279396303706, 0.60827390073966237, 0.69708439898141628, 1.1504475047151426],
    "rep.fay_mse.gap.est": [8.5683338208306239, 41.159995910071558, 32.591662089240934],
    "rep.fay_mse.gap.se": [7.9768720687491372, 12.165245797766579, 15.368266504200546],
    "rep.fay_mse.ballot.est": [59.846910248098403, 67.605720185063149],
    "rep.fay_mse.ballot.se": [3.2133068913298466, 4.8943282010809765],
    "rep.fay_mse.diff.se": [6.0949511709443831],
    "rep.fay_mse.ratio.est": [1.1296442858085773],
    "rep.fay_mse.ratio.se": [0.10616800732601685],
    "rep.fay.scale": [0.25510204081632659],
    "rep.fay.all.est": [63.46853810060783],
    "rep.fay.all.se": [1.7069718838346171],
    "rep.fay.all.deff": [0.1972423377006588],
    "rep.fay.sexballot.est": [55.499137466854798, 64.067471287685422, 43.613417149080547, 84.773413059152105],
    "rep.fay.sexballot.se": [2.9758029472573386, 3.8521217650198514, 3.6849022303023351, 5.8541361013217461],
    "rep.fay.sexballot.deff": [0.17596514657469942, 0.26358036636635002, 0.2757959171462816, 0.52918061874181688],
    "rep.fay.gap.est": [8.5683338208306239, 41.159995910071558, 32.591662089240934],
    "rep.fay.gap.se": [5.4180689814615599, 7.7563699088368958, 10.763912181832687],
    "rep.fay.ballot.est": [59.846910248098403, 67.605720185063149],
    "rep.fay.ballot.se": [2.1787085556361268, 3.4433914153891436],
    "rep.fay.diff.se": [4.3519352302200272],
    "rep.fay.ratio.est": [1.1296442858085773],
    "rep.fay.ratio.se": [0.075751767875043188],
    "rep.sdr.scale": [0.5],
    "rep.sdr.all.est": [63.46853810060783],
    "rep.sdr.all.se": [2.6064450199131692],
    "rep.sdr.all.deff": [0.45988002088120367],
    "rep.sdr.sexballot.est": [55.499137466854798, 64.067471287685422, 43.613417149080547, 84.773413059152105],
    "rep.sdr.sexballot.se": [4.1707788230053593, 5.8518484359065841, 5.8583421785306147, 8.631658572227769],
    "rep.sdr.sexballot.deff": [0.34566279396303706, 0.60827390073966237, 0.69708439898141628, 1.1504475047151426],
    "rep.sdr.gap.est": [8.5683338208306239, 41.159995910071558, 32.591662089240934],
    "rep.sdr.gap.se": [7.9768720687491372, 12.165245797766579, 15.368266504200546],
    "rep.sdr.ballot.est": [59.846910248098403, 67.605720185063149],
    "rep.sdr.ballot.se": [3.2133068913298466, 4.8943282010809765],
    "rep.sdr.diff.se": [6.0949511709443831],
    "rep.sdr.ratio.est": [1.1296442858085773],
    "rep.sdr.ratio.se": [0.10616800732601685],
    "rep.jk1.scale": [0.875],
    "rep.jk1.all.est": [63.46853810060783],
    "rep.jk1.all.se": [3.1613561697240824],
    "rep.jk1.all.deff": [0.67654121831325953],
    "rep.jk1.sexballot.est": [55.499137466854798, 64.067471287685422, 43.613417149080547, 84.773413059152105],
    "rep.jk1.sexballot.se": [5.5112641844231822, 7.1342293471272002, 6.8245344348770658, 10.84201178565579],
    "rep.jk1.sexballot.deff": [0.60356045275121883, 0.90408065663658022, 0.94597999581174574, 1.8150895222844317],
    "rep.jk1.gap.est": [8.5683338208306239, 41.159995910071558, 32.591662089240934],
    "rep.jk1.gap.se": [10.034404177798219, 14.364998098785007, 19.935044337087565],
    "rep.jk1.ballot.est": [59.846910248098403, 67.605720185063149],
    "rep.jk1.ballot.se": [4.035024712251345, 6.3772501462420674],
    "rep.jk1.diff.se": [8.0598968387159715],
    "rep.jk1.ratio.est": [1.1296442858085773],
    "rep.jk1.ratio.se": [0.1402942374195992],
    "rep.brr.scale": [0.125],
    "rep.brr.all.est": [63.46853810060783],
    "rep.brr.all.se": [1.1948803186842318],
    "rep.brr.all.deff": [0.096648745473322792],
    "rep.brr.sexballot.est": [55.499137466854798, 64.067471287685422, 43.613417149080547, 84.773413059152105],
    "rep.brr.sexballot.se": [2.0830620630801366, 2.6964852355138955, 2.5794315612116345, 4.0978952709252221],
    "rep.brr.sexballot.deff": [0.086222921821602683, 0.12915437951951148, 0.13513999940167795, 0.25929850318349024],
    "rep.brr.gap.est": [8.5683338208306239, 41.159995910071558, 32.591662089240934],
    "rep.brr.gap.se": [3.7926482870230918, 5.429458936185827, 7.5347385272828813],
    "rep.brr.ballot.est": [59.846910248098403, 67.605720185063149],
    "rep.brr.ballot.se": [1.5250959889452884, 2.4103739907724004],
    "rep.brr.diff.se": [3.0463546611540187],
    "rep.brr.ratio.est": [1.1296442858085773],
    "rep.brr.ratio.se": [0.053026237512530223],
    "rep.bootstrap.scale": [0.14285714285714285],
    "rep.bootstrap.all.est": [63.46853810060783],
    "rep.bootstrap.all.se": [1.2773807916330449],
    "rep.bootstrap.all.deff": [0.11045570911236889],
    "rep.bootstrap.sexballot.est": [55.499137466854798, 64.067471287685422, 43.613417149080547, 84.773413059152105],
    "rep.bootstrap.sexballot.se": [2.2268870158378169, 2.8826639713678395, 2.7575283299101003, 4.3808343173381017],
    "rep.bootstrap.sexballot.deff": [0.098540482081831637, 0.14760500516515596, 0.15444571360191767, 0.29634114649541737],
    "rep.bootstrap.gap.est": [8.5683338208306239, 41.159995910071558, 32.591662089240934],
    "rep.bootstrap.gap.se": [4.0545115653072816, 5.8043357527901378, 8.0549743051480558],
    "rep.bootstrap.ballot.est": [59.846910248098403, 67.605720185063149],
    "rep.bootstrap.ballot.se": [1.6303961921646992, 2.5767981849889527],
    "rep.bootstrap.diff.se": [3.2566901201829026],
    "rep.bootstrap.ratio.est": [1.1296442858085773],
    "rep.bootstrap.ratio.se": [0.05668743236616805],
    "rep.jkn.scale": [1],
    "rep.jkn.all.est": [63.46853810060783],
    "rep.jkn.all.se": [2.9945164626912062],
    "rep.jkn.all.deff": [0.60701694636054326],
    "rep.jkn.sexballot.est": [55.499137466854798, 64.067471287685422, 43.613417149080547, 84.773413059152105],
    "rep.jkn.sexballot.se": [4.5323473244335686, 6.6627771181210269, 6.5872327399815935, 9.9210980916658364],
    "rep.jkn.sexballot.deff": [0.40819218283864972, 0.78853979413179953, 0.88133681181063539, 1.5198397081209489],
    "rep.jkn.gap.est": [8.5683338208306239, 41.159995910071558, 32.591662089240934],
    "rep.jkn.gap.se": [9.0031230216820912, 13.946907621553468, 17.591680715082443],
    "rep.jkn.ballot.est": [59.846910248098403, 67.605720185063149],
    "rep.jkn.ballot.se": [3.6123292732020378, 5.5690909669391919],
    "rep.jkn.diff.se": [6.8055414896348152],
    "rep.jkn.ratio.est": [1.1296442858085773],
    "rep.jkn.ratio.se": [0.11840054248274279],
    "two.est": [59.846910248098403, 67.605720185063149],
    "two.se": [6.622091414063827, 4.8943282010809765],
    "two.diff.se": [8.2344728572091608],
    "t.taylor.degf": [13],
    "t.taylor.ci90.low": [48.119627411654832, 54.702587872883782],
    "t.taylor.ci90.high": [71.574193084541974, 80.508852497242543],
    "t.taylor.diff.p": [0.39874308457915897],
    "t.brr8.degf": [7],
    "t.brr8.ci90.low": [56.957496016734076, 63.039077191880338],
    "t.brr8.ci90.high": [62.736324479462731, 72.172363178245959],
    "t.brr8.diff.p": [0.038275526461666994],
    "t.brr16.degf": [7],
    "t.brr16.ci90.low": [56.957496016734076, 63.039077191880338],
    "t.brr16.ci90.high": [62.736324479462731, 72.172363178245959],
    "t.brr16.diff.p": [0.038275526461666994],
}

A, B = "atus-incare-en", "cand-responsible-en"
LABELS = {
    "sex": {1: "Male", 2: "Female"},
    "agegrp": {1: "15-24", 2: "25-54", 3: "55+"},
    "child": {0: "No", 1: "Yes"},
    "care_min": {-1: "Blank", -2: "Don't know", -3: "Refused"},
}
OUTCOMES = """
outcomes:
  - {name: care, variable: care_min, kind: mean, unit: minutes per day}
  - {name: any, variable: care_min, kind: proportion, condition: "> 0"}
domains: [sex, agegrp]
gap: {domain: sex, first: Female, second: Male}
missing: {care_min: [-1, -2, -3]}
"""
REPLICATE_TYPES = {
    "fay_mse": "type: fay\n        rho: 0.5\n        mse: true",
    "fay": "type: fay\n        rho: 0.3",
    "sdr": "type: sdr",
    "jk1": "type: jk1",
    "brr": "type: brr",
    "bootstrap": "type: bootstrap",
    "jkn": "type: jkn\n        mse: true\n        rscales: [0.5, 0.5, 0.6666666666666666, "
    "0.6666666666666666, 0.6666666666666666, 0.75, 0.75, 0.8]",
}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture CSV as SPSS files: all rows, and ballot 1 / ballot 2 as two 'surveys'."""
    folder = tmp_path_factory.mktemp("rfixture")
    frame = pd.read_csv(FIXTURE / "survey.csv")
    for name, rows in (("survey", frame), ("survey1", frame[frame.ballot == 1]),
                       ("survey2", frame[frame.ballot == 2])):
        pyreadstat.write_sav(rows.reset_index(drop=True), str(folder / f"{name}.sav"),
                             variable_value_labels=LABELS)
    return folder


def compare(folder: Path, design: str, *, variant: str | None = None, file: str = "survey.sav",
            name: str = "spec.yaml", top: str = "") -> ComparisonResult:
    variant = variant or f"{{variable: ballot, map: {{1: {A}, 2: {B}}}}}"
    spec = folder / name
    spec.write_text(f"""{top}
datasets:
  - file: {file}
    variant: {variant}
    weight: w
    design:
      {design}
{OUTCOMES}""")
    return run_comparison(spec)


def taylor(rule: str | None = None, strata: str = "stratum2") -> str:
    text = f"strata: {strata}\n      psu: psu"
    return text + (f"\n      lonely_psu: {rule}" if rule else "")


def replicates(kind: str) -> str:
    return f"replicates:\n        columns: [{', '.join(f'rep{i}' for i in range(1, 9))}]\n" \
           f"        {REPLICATE_TYPES[kind]}"


def close(got: list[float], key: str) -> None:
    want = R_OUT[key]
    assert len(got) == len(want), key
    for g, w in zip(got, want, strict=True):
        assert math.isclose(g, w, rel_tol=REL, abs_tol=1e-12), (key, got, want)


def by_sex_ballot(r: ComparisonResult, attr: str) -> list[float]:
    """R's svyby(~care, ~sex+ballot) order: (Male,A) (Female,A) (Male,B) (Female,B)."""
    out = []
    for v in (A, B):
        for sex in ("Male", "Female"):
            e = r.estimate("care", v, sex=sex)
            out.append(getattr(e.value, attr) if attr in ("estimate", "se") else getattr(e, attr))
    return out


def gap_values(r: ComparisonResult, attr: str) -> list[float]:
    """gap under A, gap under B, difference in differences (whole population)."""
    rows = [g for g in r.gaps if g.outcome == "care" and g.domain == ()]
    ordered = [next(g for g in rows if g.variant == A), next(g for g in rows if g.variant == B),
               next(g for g in rows if g.kind == "did")]
    return [getattr(g.test.value, attr) for g in ordered]


# --- Taylor linearisation ---------------------------------------------------------------


def test_taylor_whole_sample_mean_se_and_design_effect(data_dir: Path) -> None:
    r = compare(data_dir, taylor(), variant="pooled")
    e = r.estimate("care", "pooled")
    close([e.value.estimate], "taylor.all.est")
    close([e.value.se], "taylor.all.se")
    close([e.deff], "taylor.all.deff")
    assert r.datasets[0].degf == R_OUT["taylor.degf"][0]


def test_taylor_variants_are_domains_of_the_full_design(data_dir: Path) -> None:
    r = compare(data_dir, taylor())
    close([r.estimate("care", v).value.estimate for v in (A, B)], "taylor.ballot.est")
    close([r.estimate("care", v).value.se for v in (A, B)], "taylor.ballot.se")
    close([r.estimate("care", v).deff for v in (A, B)], "taylor.ballot.deff")
    close([r.estimate("care", v).n for v in (A, B)], "taylor.n")


def test_taylor_difference_and_ratio_carry_the_design_covariance(data_dir: Path) -> None:
    r = compare(data_dir, taylor())
    d = r.difference("care", A, B)
    close([d.test.value.estimate], "taylor.diff.est")
    close([d.test.value.se], "taylor.diff.se")
    assert d.ratio is not None
    close([d.ratio.estimate], "taylor.ratio.est")
    close([d.ratio.se], "taylor.ratio.se")
    assert not d.independent


def test_taylor_sex_by_variant_gaps_and_difference_in_differences(data_dir: Path) -> None:
    r = compare(data_dir, taylor())
    close(by_sex_ballot(r, "estimate"), "taylor.sexballot.est")
    close(by_sex_ballot(r, "se"), "taylor.sexballot.se")
    close(gap_values(r, "estimate"), "taylor.gap.est")
    close(gap_values(r, "se"), "taylor.gap.se")


def test_taylor_age_group_domains(data_dir: Path) -> None:
    r = compare(data_dir, taylor())
    rows = [r.estimate("care", v, agegrp=g) for v in (A, B) for g in ("15-24", "25-54", "55+")]
    close([e.value.estimate for e in rows], "taylor.ageballot.est")
    close([e.value.se for e in rows], "taylor.ageballot.se")
    close([e.deff for e in rows], "taylor.ageballot.deff")


def test_taylor_participation_and_mean_among_participants(data_dir: Path) -> None:
    r = compare(data_dir, taylor())
    close([r.estimate("any", v).value.estimate for v in (A, B)], "taylor.any.est")
    close([r.estimate("any", v).value.se for v in (A, B)], "taylor.any.se")
    d = r.difference("any", A, B)
    close([d.test.value.estimate], "taylor.any.diff.est")
    close([d.test.value.se], "taylor.any.diff.se")
    # the time outcome reports the same participation rate, and the mean among participants
    care = [r.estimate("care", v) for v in (A, B)]
    close([e.participation.estimate for e in care if e.participation], "taylor.any.est")
    close([e.participation.se for e in care if e.participation], "taylor.any.se")
    means = [e.mean_participants for e in care if e.mean_participants]
    close([m.estimate for m in means], "taylor.participants.est")
    close([m.se for m in means], "taylor.participants.se")
    part = r.difference("care", A, B).participation
    assert part is not None
    close([part.value.se], "taylor.any.diff.se")


def test_item_nonresponse_rate_by_variant(data_dir: Path) -> None:
    r = compare(data_dir, taylor())
    rows = [next(m for m in r.missing if m.outcome == "care" and m.variant == v) for v in (A, B)]
    close([m.weighted_rate.estimate for m in rows], "taylor.nonresponse.est")
    close([m.weighted_rate.se for m in rows], "taylor.nonresponse.se")


@pytest.mark.parametrize("rule", ["adjust", "average", "certainty", "remove"])
def test_lonely_psu_rules(data_dir: Path, rule: str) -> None:
    r = compare(data_dir, taylor(rule, strata="stratum"), name=f"lonely-{rule}.yaml")
    close([r.estimate("care", v).value.estimate for v in (A, B)], f"lonely.{rule}.est")
    close([r.estimate("care", v).value.se for v in (A, B)], f"lonely.{rule}.se")
    close([r.difference("care", A, B).test.value.se], f"lonely.{rule}.diff.se")
    assert any("single PSU" in c for c in r.caveat_texts())


def test_lonely_psu_without_a_rule_fails_as_in_r(data_dir: Path) -> None:
    from tut.errors import TutError

    assert R_OUT["lonely.fail.is_error"] == [1]
    with pytest.raises(TutError, match="single PSU"):
        compare(data_dir, taylor(strata="stratum"), name="lonely-none.yaml")


# --- replicate weights ------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(REPLICATE_TYPES))
def test_replicate_designs(data_dir: Path, kind: str) -> None:
    key = f"rep.{kind}"
    pooled = compare(data_dir, replicates(kind), variant="pooled", name=f"{kind}-all.yaml")
    e = pooled.estimate("care", "pooled")
    close([e.value.estimate], f"{key}.all.est")
    close([e.value.se], f"{key}.all.se")
    close([e.deff], f"{key}.all.deff")
    r = compare(data_dir, replicates(kind), name=f"{kind}.yaml")
    close([r.estimate("care", v).value.estimate for v in (A, B)], f"{key}.ballot.est")
    close([r.estimate("care", v).value.se for v in (A, B)], f"{key}.ballot.se")
    close(by_sex_ballot(r, "estimate"), f"{key}.sexballot.est")
    close(by_sex_ballot(r, "se"), f"{key}.sexballot.se")
    close(by_sex_ballot(r, "deff"), f"{key}.sexballot.deff")
    close(gap_values(r, "estimate"), f"{key}.gap.est")
    close(gap_values(r, "se"), f"{key}.gap.se")
    d = r.difference("care", A, B)
    close([d.test.value.se], f"{key}.diff.se")
    assert d.ratio is not None
    close([d.ratio.estimate], f"{key}.ratio.est")
    close([d.ratio.se], f"{key}.ratio.se")


def test_sdr_is_fay_with_rho_one_half_and_mse(data_dir: Path) -> None:
    """ATUS: 4/160 * sum of squares is Fay rho=0.5 with mse (DOMAIN.md section 3)."""
    assert R_OUT["rep.sdr.scale"] == R_OUT["rep.fay_mse.scale"] == [0.5]  # 4/8 = 1/(8 * 0.25)
    sdr = compare(data_dir, replicates("sdr"), name="sdr-again.yaml")
    fay = compare(data_dir, replicates("fay_mse"), name="fay-again.yaml")
    assert sdr.difference("care", A, B).test.value.se == pytest.approx(
        fay.difference("care", A, B).test.value.se, rel=1e-12)


# --- two independent surveys ------------------------------------------------------------


def test_two_surveys_are_independent(data_dir: Path) -> None:
    spec = data_dir / "two.yaml"
    cols = ", ".join(f"rep{i}" for i in range(1, 9))
    spec.write_text(f"""
datasets:
  - name: first
    file: survey1.sav
    variant: {A}
    weight: w
    design: {{strata: stratum2, psu: psu}}
  - name: second
    file: survey2.sav
    variant: {B}
    weight: w
    design:
      replicates: {{columns: [{cols}], type: fay, rho: 0.5, mse: true}}
{OUTCOMES}""")
    r = run_comparison(spec)
    close([r.estimate("care", v).value.estimate for v in (A, B)], "two.est")
    close([r.estimate("care", v).value.se for v in (A, B)], "two.se")
    d = r.difference("care", A, B)
    assert d.independent
    close([d.test.value.se], "two.diff.se")
    assert any("independent samples" in c for c in r.caveat_texts())


# --- test: t, with the design's degrees of freedom --------------------------------------


def t_values(r: ComparisonResult) -> tuple[list[float], list[float], float]:
    rows = [r.estimate("care", v).value for v in (A, B)]
    return [e.low for e in rows], [e.high for e in rows], r.difference("care", A, B).test.p


@pytest.mark.parametrize("columns", [8, 16])
def test_t_intervals_use_the_rank_of_the_replicate_weights(data_dir: Path, columns: int) -> None:
    """R's degf(svrepdesign) is the rank of the replicate weights minus 1: the same eight
    replicates listed twice still give 7 degrees of freedom, not 15."""
    frame = pd.read_csv(FIXTURE / "survey.csv")
    for i in range(1, 9):
        frame[f"dup{i}"] = frame[f"rep{i}"]
    pyreadstat.write_sav(frame, str(data_dir / "survey-dup.sav"), variable_value_labels=LABELS)
    names = [f"rep{i}" for i in range(1, 9)] + [f"dup{i}" for i in range(1, 9)]
    design = f"replicates: {{columns: [{', '.join(names[:columns])}], type: brr}}"
    r = compare(data_dir, design, file="survey-dup.sav", name=f"t-brr{columns}.yaml",
                top="test: t\nci_level: 0.90")
    key = f"t.brr{columns}"
    assert r.datasets[0].degf == R_OUT[f"{key}.degf"][0] == 7
    low, high, p = t_values(r)
    close(low, f"{key}.ci90.low")
    close(high, f"{key}.ci90.high")
    close([p], f"{key}.diff.p")
    if columns == 16:
        assert "only 8 of them are linearly independent" in r.datasets[0].design


def test_t_intervals_of_a_taylor_design(data_dir: Path) -> None:
    r = compare(data_dir, taylor(), name="t-taylor.yaml", top="test: t\nci_level: 0.90")
    assert r.datasets[0].degf == R_OUT["t.taylor.degf"][0]
    low, high, p = t_values(r)
    close(low, "t.taylor.ci90.low")
    close(high, "t.taylor.ci90.high")
    close([p], "t.taylor.diff.p")


def test_csv_with_a_data_dictionary_gives_the_same_estimates(data_dir: Path) -> None:
    """The fixture as .csv (the dictionary declares the labels and missing codes) matches R."""
    import shutil

    shutil.copy(FIXTURE / "survey.csv", data_dir / "survey-csv.csv")
    (data_dir / "survey-csv.dictionary.yaml").write_text(
        "variables:\n"
        "  sex: {value_labels: {1: Male, 2: Female}}\n"
        "  agegrp: {value_labels: {1: 15-24, 2: 25-54, 3: 55+}}\n"
        "  care_min: {missing_values: [-1, -2, -3]}\n")
    r = compare(data_dir, taylor(), file="survey-csv.csv", name="csv.yaml")
    close(by_sex_ballot(r, "estimate"), "taylor.sexballot.est")
    close(by_sex_ballot(r, "se"), "taylor.sexballot.se")
    close(gap_values(r, "se"), "taylor.gap.se")
    rows = [next(m for m in r.missing if m.outcome == "care" and m.variant == v) for v in (A, B)]
    close([m.weighted_rate.estimate for m in rows], "taylor.nonresponse.est")
