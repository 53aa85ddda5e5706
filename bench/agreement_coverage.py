"""Coverage of the 95% bootstrap intervals on data with a known population value.

Model: every unit has a true category among k = 4 equally common ones; each coder gives it
with probability a = 0.6, otherwise a category drawn uniformly (the true one included). In
the population, two coders of a unit agree with probability (a + (1-a)/k)^2 +
(k-1) ((1-a)/k)^2 and two values from different units with probability 1/k, so alpha (and
Fleiss' kappa) is 1 - (1 - that) / (1 - 1/k) = 0.6^2 = 0.36 exactly.

For 2, 5 and 10 coders, 1,000 studies of 100 units each; per study, a bootstrap over units
(1,000 resamples, every coefficient at once) and, for alpha, the pair bootstrap of Hayes and
Krippendorff (2007). Prints the share of studies whose interval covers 0.36, with the mean
width, and the ratio of the pair interval's width to the unit interval's.

Target (issue 10): 93-97% for the bootstrap over units. Run:
``.venv/bin/python bench/agreement_coverage.py`` (``--quick``: 200 studies, 400 resamples).
"""

from __future__ import annotations

import sys
import time

import numpy as np

from tut.agreement import bootstrap_alpha, reliability_data, unit_bootstrap

AGREE, K, UNITS = 0.6, 4, 100
NAMES = ["krippendorff_alpha", "fleiss_kappa", "gwet_ac1", "percent_agreement"]


def population() -> dict[str, float]:
    off = (1.0 - AGREE) / K
    within = (AGREE + off) ** 2 + (K - 1) * off**2
    alpha = 1.0 - (1.0 - within) / (1.0 - 1.0 / K)
    # AC1 with equal prevalence: pe = (1 - 1/k) / (k - 1) = 1/k as well
    return {
        "krippendorff_alpha": alpha,
        "fleiss_kappa": alpha,
        "gwet_ac1": alpha,
        "percent_agreement": within,
    }


def study(coders: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, K, UNITS)
    noise = rng.integers(0, K, (coders, UNITS))
    return np.where(rng.random((coders, UNITS)) < AGREE, truth, noise).astype(float)


def main() -> int:
    quick = "--quick" in sys.argv
    studies, resamples = (200, 400) if quick else (1000, 1000)
    truth = population()
    print(
        f"{studies} studies of {UNITS} units per row, {resamples} resamples each; population "
        f"alpha = {truth['krippendorff_alpha']:.4f}"
    )
    print(f"{'coders':>6} {'coefficient':20} {'coverage':>9} {'width':>7}")
    ok = True
    for coders in (2, 5, 10):
        hits = dict.fromkeys([*NAMES, "alpha, pair bootstrap"], 0)
        widths: dict[str, list[float]] = {name: [] for name in hits}
        t0 = time.perf_counter()
        for s in range(studies):
            d = reliability_data(study(coders, 10_000 * coders + s), "nominal")
            boots = unit_bootstrap(d, NAMES, resamples, seed=s)
            pairs = bootstrap_alpha(d, resamples=resamples, seed=s)
            found = {name: boots[name].ci for name in NAMES}
            if pairs is not None:
                found["alpha, pair bootstrap"] = pairs.ci
            for name, (lo, hi) in found.items():
                target = truth.get(name, truth["krippendorff_alpha"])
                hits[name] += lo <= target <= hi
                widths[name].append(hi - lo)
        seconds = time.perf_counter() - t0
        for name, h in hits.items():
            share = h / studies
            mark = "" if name not in NAMES or 0.93 <= share <= 0.97 else "  MISSED"
            ok &= not mark
            print(f"{coders:>6} {name:20} {share:8.1%} {np.mean(widths[name]):7.3f}{mark}")
        ratio = np.mean(widths["alpha, pair bootstrap"]) / np.mean(widths["krippendorff_alpha"])
        print(
            f"{'':>6} pair / unit interval width for alpha: {ratio:.2f}  ({seconds:.1f} s for "
            f"{studies} studies)"
        )
    print("target 93-97% for the bootstrap over units:", "ok" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
