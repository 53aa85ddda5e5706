"""SYNTHETIC split-ballot time-use microdata for demos, tests and benchmarks.

``tut demo-data`` writes a made-up survey (nothing in it is real) in the shape of ATUS
secondary-childcare data: about 12,000 respondents in strata and PSUs, a final weight and
160 successive-difference replicate weights, respondents randomly given wording A
(``atus-incare-en``, ballot 1) or wording B (``cand-responsible-en``, ballot 2), and the
minutes per day a child under 13 was in their care, with -1/-2/-3 non-answer codes.

Each respondent has two potential answers, one per wording, drawn from the same latent
draws; wording B ("responsible for") raises reported supervisory care, more for fathers
than for mothers. The true effects (weighted finite-population means of the difference
between the two potential answers) go to ``truth.json`` so tests can check that the
estimates recover them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tut.microdata.codebook import Codebook
from tut.stat_write import stat_writing

SYNTHETIC_FILE_MARK = "SYNTHETIC demo data"
"""How the file label of every file :func:`write_demo_data` writes begins (.sav and .dta)."""
SYNTHETIC_LABEL = f"{SYNTHETIC_FILE_MARK} from tut demo-data - NOT real survey data"
SYNTHETIC_VARIABLE_MARK = "[SYNTHETIC]"
"""How each variable label of those files begins (kept by a subset or a re-save)."""


def is_synthetic(book: Codebook) -> bool:
    """Whether a file is (or was cut from) `tut demo-data` output, as it marks it: the file
    label, else any variable label, so a report on it can say the data are invented."""
    if book.file_label.startswith(SYNTHETIC_FILE_MARK):
        return True
    return any(v.label.startswith(SYNTHETIC_VARIABLE_MARK) for v in book.variables.values())


N_REPLICATES = 160
WORDINGS = {1: "atus-incare-en", 2: "cand-responsible-en"}
POPULATION = 265_000_000
"""Roughly the US civilian population aged 15+, so weighted totals look plausible."""

VALUE_LABELS: dict[str, dict[int | float, str]] = {
    "ballot": {1: "A: in your care (atus-incare-en)",
               2: "B: responsible for (cand-responsible-en)"},
    "sex": {1: "Male", 2: "Female"},
    "agegrp": {1: "15-24", 2: "25-54", 3: "55+"},
    "child_u13": {1: "Yes", 2: "No"},
    "care_min": {-1: "Blank", -2: "Don't know", -3: "Refused"},
    "care_any": {0: "No", 1: "Yes", -1: "Blank", -2: "Don't know", -3: "Refused"},
}
MISSING_CODES = (-1, -2, -3)

_LABELS = {
    "id": "Respondent id",
    "stratum": "Sampling stratum",
    "psu": "Primary sampling unit (within stratum)",
    "finalwt": "Final person weight",
    "ballot": "Split-ballot wording of the childcare question",
    "sex": "Sex",
    "agegrp": "Age group",
    "child_u13": "Has a household child under 13",
    "care_min": "Minutes a child under 13 was in your care (secondary childcare)",
    "care_any": "Any secondary childcare on the diary day",
}

# Model parameters: participation probability and mean minutes among participants,
# under wording A; wording B multiplies/raises them (the true wording effect).
_PART_A = {("parent", 1): 0.80, ("parent", 2): 0.90, ("other", 1): 0.06, ("other", 2): 0.08}
_PART_B_PLUS = {("parent", 1): 0.10, ("parent", 2): 0.03, ("other", 1): 0.03, ("other", 2): 0.02}
_MINUTES_A = {("parent", 1): 290.0, ("parent", 2): 390.0, ("other", 1): 110.0, ("other", 2): 130.0}
_MINUTES_B_FACTOR = {("parent", 1): 1.25, ("parent", 2): 1.06, ("other", 1): 1.10,
                     ("other", 2): 1.05}
_SIGMA = 0.55
_NONRESPONSE = {"blank": (0.010, 0.010), "dont_know": (0.012, 0.030), "refused": (0.004, 0.004)}
"""Probability of each non-answer code under wording A and B (B is harder to answer)."""


@dataclass(frozen=True)
class DemoData:
    """Columns (numpy arrays, file order) and the truth behind them."""

    columns: dict[str, np.ndarray]
    truth: dict[str, Any]


def paley_hadamard_160() -> np.ndarray:
    """A 160 x 160 Hadamard matrix: Paley construction of order 80 (q = 79), doubled."""
    q = 79
    residues = {(x * x) % q for x in range(1, q)}
    chi = np.array([0] + [1 if x in residues else -1 for x in range(1, q)])
    jac = chi[(np.arange(q)[None, :] - np.arange(q)[:, None]) % q]
    s = np.zeros((q + 1, q + 1), dtype=np.int64)
    s[0, 1:] = 1
    s[1:, 0] = -1
    s[1:, 1:] = jac
    h80 = np.eye(q + 1, dtype=np.int64) + s
    h = np.kron(np.array([[1, 1], [1, -1]]), h80)
    assert (h @ h.T == 160 * np.eye(160)).all()
    return h


def sdr_factors(n_psu: int, n_replicates: int = N_REPLICATES) -> np.ndarray:
    """(P, R) successive-difference replicate factors (Fay & Train 1995), PSUs in sort order.

    PSU i takes rows i and i+1 (cyclically) of a Hadamard matrix:
    ``f = 1 + 2^(-3/2) h[i] - 2^(-3/2) h[i+1]`` in {0.29, 1, 1.71}; the variance is then
    ``4/R * sum (t_r - t)^2`` (R's ``type="successive-difference"``, or Fay with rho 0.5).
    """
    h = paley_hadamard_160()[:, :n_replicates].astype(np.float64)
    rows = np.arange(n_psu) % len(h)
    return 1.0 + 2.0**-1.5 * h[rows] - 2.0**-1.5 * h[(rows + 1) % len(h)]


def make_demo(n: int = 12_000, seed: int = 20240601) -> DemoData:
    """Generate the synthetic survey; the same (n, seed) always gives the same data."""
    rng = np.random.default_rng(seed)
    n_strata = int(np.clip(n // 300, 4, 400))
    psus_per = rng.integers(2, 7, size=n_strata)
    psu_stratum = np.repeat(np.arange(n_strata), psus_per)
    psu_local = np.concatenate([np.arange(1, k + 1) for k in psus_per])
    n_psu = len(psu_stratum)
    size = rng.gamma(8.0, size=n_psu)
    psu_of = np.sort(rng.choice(n_psu, size=n, p=size / size.sum()))
    stratum = psu_stratum[psu_of] + 1
    psu = psu_local[psu_of]

    sex = np.where(rng.random(n) < 0.52, 2, 1)
    agegrp = rng.choice([1, 2, 3], size=n, p=[0.16, 0.50, 0.34])
    p_child = np.select([agegrp == 1, agegrp == 2], [0.10, 0.46], 0.06) + 0.03 * (sex == 2)
    child = np.where(rng.random(n) < p_child, 1, 2)
    ballot = np.where(rng.random(n) < 0.5, 1, 2)

    stratum_rate = rng.lognormal(0.0, 0.35, size=n_strata)[stratum - 1]
    weight = stratum_rate * rng.uniform(0.8, 1.25, size=n)
    weight *= POPULATION / weight.sum()
    weight = np.round(weight, 2)

    care_a, care_b = _potential_minutes(rng, sex, child, psu_of, n_psu)
    care = np.where(ballot == 1, care_a, care_b)
    care = _add_nonresponse(rng, care, ballot)
    care_any = np.where(care < 0, care, (care > 0).astype(np.float64))

    factors = sdr_factors(n_psu)
    columns: dict[str, np.ndarray] = {
        "id": np.arange(1, n + 1, dtype=np.float64),
        "stratum": stratum.astype(np.float64),
        "psu": psu.astype(np.float64),
        "finalwt": weight,
        "ballot": ballot.astype(np.float64),
        "sex": sex.astype(np.float64),
        "agegrp": agegrp.astype(np.float64),
        "child_u13": child.astype(np.float64),
        "care_min": care,
        "care_any": care_any,
    }
    for r in range(N_REPLICATES):
        columns[f"repwt{r + 1:03d}"] = np.round(weight * factors[psu_of, r], 4)
    truth = _truth(weight, sex, agegrp, child, care_a, care_b, n, seed)
    return DemoData(columns=columns, truth=truth)


def _potential_minutes(
    rng: np.random.Generator, sex: np.ndarray, child: np.ndarray, psu_of: np.ndarray, n_psu: int
) -> tuple[np.ndarray, np.ndarray]:
    """Answers under wording A and B from the same draws (B >= A for everyone)."""
    n = len(sex)
    group = np.where(child == 1, "parent", "other")
    keys = list(zip(group.tolist(), sex.tolist(), strict=True))
    part_a = np.array([_PART_A[k] for k in keys])
    part_b = np.minimum(part_a + np.array([_PART_B_PLUS[k] for k in keys]), 0.99)
    mean_a = np.array([_MINUTES_A[k] for k in keys])
    factor_b = np.array([_MINUTES_B_FACTOR[k] for k in keys])
    psu_effect = np.exp(rng.normal(0.0, 0.15, size=n_psu))[psu_of]
    u = rng.random(n)
    z = rng.normal(size=n)
    base = np.exp(np.log(mean_a) - _SIGMA**2 / 2 + _SIGMA * z) * psu_effect
    minutes_a = np.minimum(5 * np.round(base / 5), 1440)
    minutes_b = np.minimum(5 * np.round(base * factor_b / 5), 1440)
    care_a = np.where(u < part_a, np.maximum(minutes_a, 5), 0.0)
    care_b = np.where(u < part_b, np.maximum(minutes_b, 5), 0.0)
    return care_a, care_b


def _add_nonresponse(rng: np.random.Generator, care: np.ndarray, ballot: np.ndarray) -> np.ndarray:
    u = rng.random(len(care))
    b = ballot == 2
    cut = np.zeros(len(care))
    out = care.copy()
    for code, key in zip(MISSING_CODES, ("blank", "dont_know", "refused"), strict=True):
        p_a, p_b = _NONRESPONSE[key]
        lo = cut
        cut = cut + np.where(b, p_b, p_a)
        out = np.where((u >= lo) & (u < cut), float(code), out)
    return out


def _truth(
    w: np.ndarray, sex: np.ndarray, agegrp: np.ndarray, child: np.ndarray,
    care_a: np.ndarray, care_b: np.ndarray, n: int, seed: int,
) -> dict[str, Any]:
    """Weighted finite-population effects of wording B over A, by domain."""
    domains: dict[str, np.ndarray] = {"{}": np.ones(n, dtype=bool)}
    names = {"sex": (sex, VALUE_LABELS["sex"]), "age group": (agegrp, VALUE_LABELS["agegrp"]),
             "child under 13": (child, VALUE_LABELS["child_u13"])}
    for name, (values, labels) in names.items():
        for code, label in labels.items():
            domains[json.dumps({name: label})] = values == code
    for name, (values, labels) in names.items():
        if name == "sex":
            continue
        for code, label in labels.items():
            for scode, slabel in VALUE_LABELS["sex"].items():
                mask = (values == code) & (sex == scode)
                domains[json.dumps({"sex": slabel, name: label})] = mask

    def mean(x: np.ndarray, m: np.ndarray) -> float:
        return float((w[m] * x[m]).sum() / w[m].sum())

    effects = []
    for key, m in domains.items():
        effects.append({
            "domain": json.loads(key),
            "care_min_a": mean(care_a, m),
            "care_min_b": mean(care_b, m),
            "care_min_effect": mean(care_b - care_a, m),
            "care_any_effect": mean((care_b > 0).astype(float) - (care_a > 0), m),
        })
    by = {json.dumps(e["domain"], sort_keys=True): e["care_min_effect"] for e in effects}
    did = []
    for key in domains:
        context = json.loads(key)
        if "sex" in context:
            continue
        f = by[json.dumps({**context, "sex": "Female"}, sort_keys=True)]
        m = by[json.dumps({**context, "sex": "Male"}, sort_keys=True)]
        did.append({"domain": context, "care_min_did": f - m})

    return {
        "note": "SYNTHETIC data: true effects of wording B (cand-responsible-en) over wording "
                "A (atus-incare-en), as weighted means over all respondents of the difference "
                "between each respondent's two potential answers (minutes per day).",
        "n": n,
        "seed": seed,
        "variants": {str(k): v for k, v in WORDINGS.items()},
        "effects": effects,
        "did_female_minus_male": did,
        "nonresponse_probability": {
            k: {"atus-incare-en": a, "cand-responsible-en": b}
            for k, (a, b) in _NONRESPONSE.items()
        },
        "model": {
            "participation_a": {f"{g}/{s}": p for (g, s), p in _PART_A.items()},
            "participation_b_plus": {f"{g}/{s}": p for (g, s), p in _PART_B_PLUS.items()},
            "minutes_among_participants_a": {f"{g}/{s}": m for (g, s), m in _MINUTES_A.items()},
            "minutes_factor_b": {f"{g}/{s}": f for (g, s), f in _MINUTES_B_FACTOR.items()},
            "sex": "1 Male, 2 Female", "group": "parent = has a household child under 13",
        },
    }


SPEC_TEMPLATE = """\
# Comparison spec for the SYNTHETIC demo data written by `tut demo-data` (not real data).
# Run (in this folder): tut compare {spec_name}
title: "SYNTHETIC split ballot: 'in your care' (A) vs 'responsible for' (B)"
ci_level: 0.95
datasets:
  - name: demo
    file: {data_file}
    variant:
      variable: ballot
      map: {{1: atus-incare-en, 2: cand-responsible-en}}
    weight: finalwt
    design:
{design}
outcomes:
  - name: care
    label: Secondary childcare, children under 13
    variable: care_min
    kind: mean
    unit: minutes per day
  - name: care_any
    label: Any secondary childcare
    variable: care_min
    kind: proportion
    condition: "> 0"
  - name: care_week
    label: Secondary childcare (weekly equivalent)
    variable: care_min
    kind: mean
    unit: minutes per day
    convert:
      to: hours per week
      factor: 7/60
      caveat: one diary day times 7 is not a measured week (weekday/weekend mix differs)
domains:
  - sex
  - variable: agegrp
    name: age group
  - variable: child_u13
    name: child under 13
gap:
  domain: sex
  first: Female
  second: Male
missing:
  care_min: [-1, -2, -3]
"""

_REPLICATES = """\
      replicates:
        prefix: repwt
        count: 160
        type: sdr        # successive difference, as ATUS: 4/160 * sum of squares
        mse: true"""

_TAYLOR = """\
      strata: stratum
      psu: psu
      lonely_psu: adjust"""


DEMO_FILES = ("demo.sav", "demo.dta", "truth.json", "spec.yaml", "spec-taylor.yaml")
"""What :func:`write_demo_data` writes into its folder."""


def write_demo_data(
    out_dir: str | Path,
    n: int = 12_000,
    seed: int = 20240601,
    *,
    formats: tuple[str, ...] = ("sav", "dta"),
) -> list[Path]:
    """Write ``demo.sav``, ``demo.dta``, ``truth.json``, ``spec.yaml`` and ``spec-taylor.yaml``."""
    import pandas as pd
    import pyreadstat

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    demo = make_demo(n, seed)
    frame = pd.DataFrame(demo.columns)
    labels: dict[str, str | None] = {str(name): f"{SYNTHETIC_VARIABLE_MARK} {_LABELS[name] if name in _LABELS else _rep_label(name)}"
              for name in frame.columns}
    written: list[Path] = []
    if "sav" in formats:
        path = out / "demo.sav"
        with stat_writing(path):
            pyreadstat.write_sav(
                frame, str(path), file_label=SYNTHETIC_LABEL, column_labels=labels,
                variable_value_labels=VALUE_LABELS,
                missing_ranges={"care_min": list(MISSING_CODES), "care_any": list(MISSING_CODES)},
                note=["SYNTHETIC data, NOT a real survey.", f"tut demo-data n={n} seed={seed}",
                      "True wording effects: truth.json"],
                variable_measure={"care_min": "scale", "finalwt": "scale", "ballot": "nominal",
                                  "sex": "nominal", "agegrp": "ordinal", "child_u13": "nominal"},
            )
        written.append(path)
    if "dta" in formats:
        path = out / "demo.dta"
        with stat_writing(path):
            pyreadstat.write_dta(
                frame, str(path), file_label=f"{SYNTHETIC_FILE_MARK} (tut) - not real",
                column_labels={k: (v or "")[:80] for k, v in labels.items()},
                variable_value_labels=VALUE_LABELS,
            )
        written.append(path)
    truth = out / "truth.json"
    truth.write_text(json.dumps(demo.truth, indent=2) + "\n", encoding="utf-8")
    written.append(truth)
    data_file = "demo.sav" if "sav" in formats else "demo.dta"
    for name, design in (("spec.yaml", _REPLICATES), ("spec-taylor.yaml", _TAYLOR)):
        path = out / name
        path.write_text(
            SPEC_TEMPLATE.format(spec_name=name, data_file=data_file, design=design),
            encoding="utf-8",
        )
        written.append(path)
    return written


def _rep_label(name: str) -> str:
    return f"Successive-difference replicate weight {int(name[-3:])} of {N_REPLICATES}"
