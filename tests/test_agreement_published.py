"""Published worked examples, reproduced to their published digits.

Each test cites where the numbers are printed. Standard errors follow Gwet (2014) and the
irrCAC R package, whose documented outputs are reproduced here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from agreement_tables import CAC_RAW4RATERS, KRIPPENDORFF_2011

from tut.agreement import (
    agreement_report,
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    krippendorff_alpha,
    per_code_agreement,
    percent_agreement,
    reliability_data,
    scott_pi,
)


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_alpha_at_every_level(level: str, published: float) -> None:
    # Krippendorff (2011), section C: alpha_nominal = .743, ordinal .815, interval .849,
    # ratio .797.
    alpha = krippendorff_alpha(KRIPPENDORFF_2011, level)
    assert alpha.defined
    assert round(alpha.value, 3) == published


def test_krippendorff_2011_counts_the_one_single_coded_unit_out() -> None:
    # Krippendorff (2011): unit 12 has one value only and is not pairable; n.. = 40.
    report = agreement_report(KRIPPENDORFF_2011, "nominal")
    assert report.n_pairable == 40
    assert report.single_coded_units == ("unit 12",)
    assert report.n_units == 12 and report.n_coders == 4


def test_irrcac_raw4raters_documented_coefficients() -> None:
    # irrCAC README (kgwet/irrCAC, "Computing agreement coefficients from raw ratings"):
    # pa.coeff.raw 0.8181818 se 0.12561; gwet.ac1.raw 0.77544 se 0.14295;
    # fleiss.kappa.raw 0.76117 se 0.15302; krippen.alpha.raw 0.74342 se 0.14548 (README since
    # irrCAC commit 185caa1, 2021-08-17; 0.14557 before the SE change of commit 00b8451);
    # conger.kappa.raw 0.76282 se 0.14917; bp.coeff.raw 0.77273 se 0.14472.
    # irrCAC takes prevalence and the variance over every unit, unit 1 coded once too:
    # all_units=True.
    expected = {
        percent_agreement: (0.8181818, 0.12561),
        gwet_ac1: (0.77544, 0.14295),
        fleiss_kappa: (0.76117, 0.15302),
        conger_kappa: (0.76282, 0.14917),
        brennan_prediger: (0.77273, 0.14472),
    }
    for fn, (value, se) in expected.items():
        c = fn(CAC_RAW4RATERS, all_units=True)
        assert round(c.value, 5 if value != 0.8181818 else 7) == value, c.name
        assert round(c.se, 5) == se, c.name
    alpha = krippendorff_alpha(CAC_RAW4RATERS, "nominal")
    assert round(alpha.value, 5) == 0.74342
    assert round(alpha.se, 5) == 0.14548


def test_irrcac_raw4raters_documented_confidence_intervals() -> None:
    # irrCAC README: conf.int (0.542,1) for percent agreement, (0.461,1) for AC1,
    # (0.424,1) Fleiss, (0.423,1) alpha (since 2021-08-17: t with n0 - 1 = 11 degrees of
    # freedom, 12 units; (0.419,1) before), (0.435,1) Conger, (0.454,1) Brennan-Prediger.
    cases = [
        (percent_agreement(CAC_RAW4RATERS, all_units=True), 0.542),
        (gwet_ac1(CAC_RAW4RATERS, all_units=True), 0.461),
        (fleiss_kappa(CAC_RAW4RATERS, all_units=True), 0.424),
        (conger_kappa(CAC_RAW4RATERS, all_units=True), 0.435),
        (brennan_prediger(CAC_RAW4RATERS, all_units=True), 0.454),
        (krippendorff_alpha(CAC_RAW4RATERS), 0.423),
    ]
    for c, lower in cases:
        assert c.ci is not None
        assert round(c.ci[0], 3) == lower, c.name
        assert c.ci[1] == 1.0, c.name


def test_irrcac_raw4raters_quadratic_weights() -> None:
    # irrCAC vignette "weighting" (Weighted Chance-corrected Agreement Coefficients), raw
    # ratings with weights = "quadratic": pa 0.9753788 se 0.09062; AC2 0.914 se 0.10396;
    # Fleiss 0.86494 se 0.14603; alpha 0.84911 se 0.12913; Conger 0.85771 se 0.14367;
    # Brennan-Prediger 0.90152 se 0.11089. Quadratic-weighted alpha is interval alpha; its
    # SE is 0.12905 in irrCAC since commit 00b8451 (2021-08-17; the vignette's 0.12913 is
    # from before; tests/fixtures/agreement/irrcac_reference.csv has irrCAC's own output).
    data = reliability_data(CAC_RAW4RATERS, "interval")
    assert round(percent_agreement(data, "quadratic", all_units=True).value, 7) == 0.9753788
    assert round(percent_agreement(data, "quadratic", all_units=True).se, 5) == 0.09062
    ac2 = gwet_ac2(data, "quadratic", all_units=True)
    assert (round(ac2.value, 3), round(ac2.se, 5)) == (0.914, 0.10396)
    fk = fleiss_kappa(data, "quadratic", all_units=True)
    assert (round(fk.value, 5), round(fk.se, 5)) == (0.86494, 0.14603)
    ck = conger_kappa(data, "quadratic", all_units=True)
    assert (round(ck.value, 5), round(ck.se, 5)) == (0.85771, 0.14367)
    bp = brennan_prediger(data, "quadratic", all_units=True)
    assert (round(bp.value, 5), round(bp.se, 5)) == (0.90152, 0.11089)
    alpha = krippendorff_alpha(data)
    assert (round(alpha.value, 5), round(alpha.se, 5)) == (0.84911, 0.12905)


# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
# Bulletin 76(5), 378-382, Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses
# (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other).
FLEISS_1971 = np.array(
    [
        [4, 4, 4, 4, 4, 4],
        [2, 2, 2, 5, 5, 5],
        [2, 3, 3, 3, 3, 5],
        [5, 5, 5, 5, 5, 5],
        [2, 2, 2, 4, 4, 4],
        [1, 1, 3, 3, 3, 3],
        [3, 3, 3, 3, 5, 5],
        [1, 1, 3, 3, 3, 4],
        [1, 1, 4, 4, 4, 4],
        [5, 5, 5, 5, 5, 5],
        [1, 4, 4, 4, 4, 4],
        [1, 2, 4, 4, 4, 4],
        [2, 2, 2, 3, 3, 3],
        [1, 4, 4, 4, 4, 4],
        [2, 2, 4, 4, 4, 5],
        [3, 3, 3, 3, 3, 5],
        [1, 1, 1, 4, 5, 5],
        [1, 1, 1, 1, 1, 2],
        [2, 2, 4, 4, 4, 4],
        [1, 3, 3, 5, 5, 5],
        [5, 5, 5, 5, 5, 5],
        [2, 4, 4, 4, 4, 4],
        [2, 2, 4, 5, 5, 5],
        [1, 1, 4, 4, 4, 4],
        [1, 4, 4, 4, 4, 5],
        [2, 2, 2, 2, 2, 4],
        [1, 1, 1, 1, 5, 5],
        [2, 2, 4, 4, 4, 4],
        [1, 3, 3, 3, 3, 3],
        [5, 5, 5, 5, 5, 5],
    ]
).T


def test_fleiss_1971_kappa() -> None:
    # Fleiss (1971), p. 381: kappa = .430.
    assert round(fleiss_kappa(FLEISS_1971).value, 3) == 0.430


def test_fleiss_1971_kappa_per_category() -> None:
    # Fleiss (1971), Table 2: kappa per category .245, .245, .520, .471, .566. Each category
    # against the rest is the per-code (present/absent) agreement.
    sets = [[{str(v)} for v in row] for row in FLEISS_1971]
    per_code = per_code_agreement(sets, ["1", "2", "3", "4", "5"])
    got = [round(per_code[c]["fleiss_kappa"].value, 3) for c in ("1", "2", "3", "4", "5")]
    assert got == [0.245, 0.245, 0.520, 0.471, 0.566]


def _from_table(table: list[list[int]]) -> np.ndarray:
    """Two coders' raw codes (0..q-1) from a q x q contingency table."""
    a: list[int] = []
    b: list[int] = []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            a += [i] * count
            b += [j] * count
    return np.array([a, b], dtype=float)


def _table_se(se_raw: float, n: int) -> float:
    """Gwet's raw-data variance divides by n(n-1), the contingency-table (Fleiss, Cohen and
    Everitt 1969) variance by n^2: the two standard errors differ by sqrt(n / (n - 1))."""
    return se_raw * math.sqrt((n - 1) / n)


def test_cohen_kappa_sas_textbook_table() -> None:
    # SAS/STAT PROC FREQ documentation, simple and weighted kappa example (the 3 x 3 table
    # [[0,4,1],[0,8,0],[0,1,5]], as reproduced in statsmodels' test_inter_rater.py):
    # Simple kappa 0.4842, ASE 0.1380; weighted kappa (Cicchetti-Allison, i.e. linear
    # weights on scores 0, 1, 2) 0.4701, ASE 0.1457.
    raw = _from_table([[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    data = reliability_data(raw, "ordinal")
    n = raw.shape[1]
    kappa = cohen_kappa(data)
    assert round(kappa.value, 4) == 0.4842
    assert round(_table_se(kappa.se, n), 4) == 0.1380
    linear = cohen_kappa(data, "linear")
    assert round(linear.value, 4) == 0.4701
    assert round(_table_se(linear.se, n), 4) == 0.1457


def test_gwet_handbook_cont3x3abstractors() -> None:
    # irrCAC README and vignette "weighting" (Gwet 2014's 3 x 3 abstractors table, n = 100):
    # kappa2.table 0.7964094 se 0.05891072; quadratic 0.8921569 se 0.03535151;
    # scott2.table 0.7962397 se 0.05905473; gwet.ac1.table 0.8493305 se 0.04321747;
    # bp2.table 0.835 se 0.04693346; pa2.table 0.89 se 0.03128898.
    raw = _from_table([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    data = reliability_data(raw, "ordinal")
    n = raw.shape[1]
    cases = [
        (cohen_kappa(data), 0.7964094, 0.05891072),
        (cohen_kappa(data, "quadratic"), 0.8921569, 0.03535151),
        (scott_pi(data), 0.7962397, 0.05905473),
        (gwet_ac1(data), 0.8493305, 0.04321747),
        (brennan_prediger(data), 0.835, 0.04693346),
        (percent_agreement(data), 0.89, 0.03128898),
    ]
    for c, value, se in cases:
        assert round(c.value, 7) == value, c.name
        assert round(_table_se(c.se, n), 8) == se, c.name  # irrCAC prints 7-8 digits


def test_cohen_kappa_wikipedia_worked_example() -> None:
    # Wikipedia, "Cohen's kappa", simple example: 50 proposals, two readers, yes/yes 20,
    # yes/no 5, no/yes 10, no/no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    raw = _from_table([[20, 5], [10, 15]])
    assert round(cohen_kappa(raw).value, 10) == 0.4
    assert round(percent_agreement(raw).value, 10) == 0.7
