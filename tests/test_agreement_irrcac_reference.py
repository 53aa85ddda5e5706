"""Reference values from Gwet's irrCAC R code for the tricky cases: missing ratings, units
coded by one coder only, 2, 3 and 5 coders, linear and quadratic weights (AC2), and categories
on offer that nobody used.

The values were computed in R 4.2.2 on the ``irrCAC`` functions of ``R/agree.coeff3.raw.r``
(Gwet, version of August 31, 2021; repository kgwet/irrCAC) and ``R/weights.gen.r``. The
package is not in Debian, so the computing lines of those functions were sourced as they are
(no finite-population correction, 95% level). With the package installed the same figures
come from, for each matrix X below (units as rows, coders as columns)::

    library(irrCAC)
    for (w in c("unweighted", "linear", "quadratic")) {
      print(pa.coeff.raw(X, weights = w)$est)        # percent_agreement
      print(gwet.ac1.raw(X, weights = w)$est)        # AC1 (unweighted) / AC2 (weighted)
      print(fleiss.kappa.raw(X, weights = w)$est)
      print(conger.kappa.raw(X, weights = w)$est)    # = Cohen's kappa for two coders
      print(bp.coeff.raw(X, weights = w)$est)
      # categories on offer 1..6 (5 and/or 6 never used):
      print(gwet.ac1.raw(X, weights = w, categ.labels = 1:6)$est)
      print(bp.coeff.raw(X, weights = w, categ.labels = 1:6)$est)
      print(pa.coeff.raw(X, weights = w, categ.labels = 1:6)$est)
    }
    krippen.alpha.raw(X)$est; krippen.alpha.raw(X, weights = "quadratic")$est

printing the unrounded ``coeff.val``, ``coeff.se`` and the lower confidence bound (irrCAC's
``$est`` rounds to 5 digits). R is not needed to run these tests.
"""

from __future__ import annotations

import numpy as np
import pytest

from tut.agreement import (
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    krippendorff_alpha,
    percent_agreement,
    reliability_data,
)
from tut.agreement.data import ReliabilityData

NA = np.nan

# Units as rows, coders as columns, exactly as given to R.
DATA = {
    # 3 coders, 15 units, every unit missing at most one code
    "A": [
        [NA, 2, 4],
        [3, 3, 2],
        [4, 4, 4],
        [4, NA, 4],
        [NA, 1, 1],
        [3, NA, 4],
        [NA, 4, 4],
        [NA, 4, 4],
        [4, 4, 2],
        [2, 2, 2],
        [4, 4, NA],
        [4, 2, 2],
        [NA, 2, 2],
        [2, NA, 4],
        [2, 3, 2],
    ],
    # 5 coders, 20 units, 30% missing: unit 15 coded by one coder only, six units by two
    "B": [
        [5, NA, NA, 1, 5],
        [3, 1, 4, 2, NA],
        [NA, 1, NA, 4, 1],
        [NA, 2, 5, 2, 2],
        [3, 1, NA, NA, NA],
        [5, 5, NA, 3, 5],
        [3, NA, 5, NA, NA],
        [1, NA, 1, NA, 1],
        [5, NA, 2, 4, NA],
        [5, NA, 1, 4, NA],
        [5, 5, 1, 5, NA],
        [NA, 4, 4, NA, NA],
        [5, 1, 3, 5, 1],
        [NA, 5, 1, NA, NA],
        [NA, 5, NA, NA, NA],
        [1, 1, NA, 1, 1],
        [1, 3, 3, 3, NA],
        [2, 2, NA, NA, NA],
        [NA, 2, 4, 2, NA],
        [3, NA, 4, NA, NA],
    ],
    # 2 coders, 18 units, 4 of them coded by one coder only
    "C": [
        [4, 4],
        [1, 1],
        [1, 1],
        [3, 1],
        [3, 2],
        [4, NA],
        [2, NA],
        [3, 3],
        [1, NA],
        [3, 1],
        [1, 2],
        [2, 3],
        [2, 3],
        [NA, 2],
        [4, 1],
        [1, 1],
        [1, 3],
        [1, 3],
    ],
}

# (data, coefficient, weights, categories 1..6 on offer, value, se, lower 95% bound)
IRRCAC = [
    ("A", "percent_agreement", "unweighted", False, 0.6222222222, 0.1120594450, 0.3818786162),
    ("A", "gwet", "unweighted", False, 0.5229186155, 0.1447083435, 0.2125500867),
    ("A", "fleiss_kappa", "unweighted", False, 0.3950177936, 0.1792245818, 0.0106192964),
    ("A", "conger_kappa", "unweighted", False, 0.4105263158, 0.1705987845, 0.0446283138),
    ("A", "brennan_prediger", "unweighted", False, 0.4962962963, 0.1494125934, 0.1758381550),
    ("A", "percent_agreement", "unweighted", True, 0.6222222222, 0.1120594450, 0.3818786162),
    ("A", "gwet", "unweighted", True, 0.5683087862, 0.1294811489, 0.2905993417),
    ("A", "brennan_prediger", "unweighted", True, 0.5466666667, 0.1344713341, 0.2582543395),
    ("A", "percent_agreement", "linear", False, 0.8000000000, 0.0652404768, 0.6600730939),
    ("A", "gwet", "linear", False, 0.6111377820, 0.1333938752, 0.3250363744),
    ("A", "fleiss_kappa", "linear", False, 0.4567404427, 0.1993336020, 0.0292123867),
    ("A", "conger_kappa", "linear", False, 0.4485776805, 0.1970544777, 0.0259378599),
    ("A", "brennan_prediger", "linear", False, 0.5200000000, 0.1565771443, 0.1841754253),
    ("A", "percent_agreement", "quadratic", False, 0.8839506173, 0.0432023173, 0.7912908622),
    ("A", "gwet", "quadratic", False, 0.7089182494, 0.1143068281, 0.4637544862),
    ("A", "fleiss_kappa", "quadratic", False, 0.5247724975, 0.2137225051, 0.0663833136),
    ("A", "conger_kappa", "quadratic", False, 0.4982844072, 0.2169413110, 0.0329915713),
    ("A", "brennan_prediger", "quadratic", False, 0.5822222222, 0.1555283423, 0.2486471041),
    ("A", "percent_agreement", "quadratic", True, 0.9582222222, 0.0155528342, 0.9248647104),
    ("A", "gwet", "quadratic", True, 0.9018174222, 0.0380295593, 0.8202521296),
    ("A", "brennan_prediger", "quadratic", True, 0.8209523810, 0.0666550038, 0.6779916160),
    ("B", "percent_agreement", "unweighted", False, 0.3789473684, 0.0900556814, 0.1904586610),
    ("B", "gwet", "unweighted", False, 0.2281125130, 0.1099165028, -0.0019453714),
    ("B", "fleiss_kappa", "unweighted", False, 0.2054509655, 0.1149141644, -0.0350671448),
    ("B", "conger_kappa", "unweighted", False, 0.2076498484, 0.1089883555, -0.0204654013),
    ("B", "brennan_prediger", "unweighted", False, 0.2236842105, 0.1104036826, -0.0073933528),
    ("B", "percent_agreement", "unweighted", True, 0.3789473684, 0.0900556814, 0.1904586610),
    ("B", "gwet", "unweighted", True, 0.2638692798, 0.1050497221, 0.0439976847),
    ("B", "brennan_prediger", "unweighted", True, 0.2547368421, 0.1062326545, 0.0323893409),
    ("B", "percent_agreement", "linear", False, 0.6153508772, 0.0695792862, 0.4697197574),
    ("B", "gwet", "linear", False, 0.0703765743, 0.1396171117, -0.2218453988),
    ("B", "fleiss_kappa", "linear", False, 0.1328057627, 0.1302412244, -0.1397922528),
    ("B", "conger_kappa", "linear", False, 0.1588027166, 0.1238524316, -0.1004234020),
    ("B", "brennan_prediger", "linear", False, 0.0383771930, 0.1539687328, -0.2838830684),
    ("B", "percent_agreement", "quadratic", False, 0.7187500000, 0.0716746515, 0.5687332303),
    ("B", "gwet", "quadratic", False, -0.0525392509, 0.1999169849, -0.4709703092),
    ("B", "fleiss_kappa", "quadratic", False, 0.0990928365, 0.1666526763, -0.2497152238),
    ("B", "conger_kappa", "quadratic", False, 0.1469088528, 0.1586509811, -0.1851514670),
    ("B", "brennan_prediger", "quadratic", False, -0.1250000000, 0.2436039924, -0.6348690158),
    ("B", "percent_agreement", "quadratic", True, 0.8200000000, 0.0581435656, 0.6983041187),
    ("B", "gwet", "quadratic", True, 0.3591789896, 0.1217048026, 0.1044479103),
    ("B", "brennan_prediger", "quadratic", True, 0.2285714286, 0.1674145970, -0.1218313499),
    ("C", "percent_agreement", "unweighted", False, 0.3571428571, 0.1396703373, 0.0624642037),
    ("C", "gwet", "unweighted", False, 0.1550275283, 0.1773743847, -0.2191997118),
    ("C", "fleiss_kappa", "unweighted", False, 0.1041474654, 0.1822067690, -0.2802752143),
    ("C", "conger_kappa", "unweighted", False, 0.0943172849, 0.1826556974, -0.2910525508),
    ("C", "brennan_prediger", "unweighted", False, 0.1428571429, 0.1766705550, -0.2298851462),
    ("C", "percent_agreement", "unweighted", True, 0.3571428571, 0.1396703373, 0.0624642037),
    ("C", "gwet", "unweighted", True, 0.2494208494, 0.1586684018, -0.0853402165),
    ("C", "brennan_prediger", "unweighted", True, 0.2285714286, 0.1608799333, -0.1108555609),
    ("C", "percent_agreement", "linear", False, 0.6428571429, 0.1212678125, 0.3870044229),
    ("C", "gwet", "linear", False, 0.1917512057, 0.2114704506, -0.2544124451),
    ("C", "fleiss_kappa", "linear", False, 0.0994997221, 0.2438100896, -0.4148946031),
    ("C", "conger_kappa", "linear", False, 0.0953169347, 0.2415243333, -0.4142548660),
    ("C", "brennan_prediger", "linear", False, 0.1428571429, 0.2122310458, -0.3049112237),
    ("C", "percent_agreement", "quadratic", False, 0.7698412698, 0.1260616587, 0.5038744185),
    ("C", "gwet", "quadratic", False, 0.2551133661, 0.2694229033, -0.3133192723),
    ("C", "fleiss_kappa", "quadratic", False, 0.1186567864, 0.3215690020, -0.5597945034),
    ("C", "conger_kappa", "quadratic", False, 0.1107503608, 0.3117743205, -0.5470359573),
    ("C", "brennan_prediger", "quadratic", False, 0.1714285714, 0.2781347579, -0.4153844736),
    ("C", "percent_agreement", "quadratic", True, 0.9171428571, 0.1220886656, 0.6595582887),
    ("C", "gwet", "quadratic", True, 0.7561697158, 0.1349847819, 0.4713767203),
    ("C", "brennan_prediger", "quadratic", True, 0.6448979592, 0.1452854835, 0.3383723828),
]

# krippen.alpha.raw(X)$est and (X, weights = "quadratic"): alpha nominal and interval
ALPHA = {
    "A": (0.4009779951, 0.5138888889),
    "B": (0.2283813747, 0.1131701365),
    "C": (0.0898876404, 0.1442622951),
}


def _data(name: str, offered: bool, weighted: bool) -> ReliabilityData:
    coders_x_units = np.array(DATA[name], dtype=float).T
    level = "interval" if weighted else "nominal"
    return reliability_data(coders_x_units, level, categories=range(1, 7) if offered else None)


def _coefficient(name: str, data: ReliabilityData, weights: str):
    w = "identity" if weights == "unweighted" else weights
    if name == "gwet":
        if w == "identity":
            return gwet_ac1(data, all_units=True)
        return gwet_ac2(data, w, all_units=True)
    fn = {
        "percent_agreement": percent_agreement,
        "fleiss_kappa": fleiss_kappa,
        "conger_kappa": conger_kappa,
        "brennan_prediger": brennan_prediger,
    }[name]
    return fn(data, w, all_units=True)


@pytest.mark.parametrize(("data", "name", "weights", "offered", "value", "se", "lower"), IRRCAC)
def test_value_standard_error_and_interval_match_irrcac(
    data: str, name: str, weights: str, offered: bool, value: float, se: float, lower: float
) -> None:
    c = _coefficient(name, _data(data, offered, weights != "unweighted"), weights)
    assert c.defined, c.reason
    assert c.value == pytest.approx(value, abs=1e-9)
    assert c.se == pytest.approx(se, abs=1e-9)
    assert c.ci is not None
    assert c.ci[0] == pytest.approx(lower, abs=1e-9)
    # irrCAC: ucb = min(1, value + t * se), the interval symmetric below the cap
    assert c.ci[1] == pytest.approx(min(1.0, 2 * value - lower), abs=1e-9)


@pytest.mark.parametrize("weights", ["unweighted", "linear", "quadratic"])
def test_cohen_kappa_with_missing_codes_is_irrcac_conger_for_two_coders(weights: str) -> None:
    expected = next(r for r in IRRCAC if r[:4] == ("C", "conger_kappa", weights, False))
    d = _data("C", False, weights != "unweighted")
    w = "identity" if weights == "unweighted" else weights
    kappa = cohen_kappa(d, w, all_units=True)  # type: ignore[arg-type]
    assert (kappa.value, kappa.se) == pytest.approx(expected[4:6], abs=1e-9)


@pytest.mark.parametrize("name", sorted(DATA))
def test_alpha_matches_irrcac_at_nominal_and_interval_level(name: str) -> None:
    nominal, interval = ALPHA[name]
    assert krippendorff_alpha(_data(name, False, False)).value == pytest.approx(nominal, abs=1e-9)
    assert krippendorff_alpha(_data(name, False, True)).value == pytest.approx(interval, abs=1e-9)
