"""Agreement engine speed against a bare ``krippendorff.alpha`` call on the same matrix.

5 coders x 200,000 units, 8 categories, 10% missing (seeded). Prints the time of each
coefficient (from the raw matrix, validation included) and its ratio to the bare call; all
coefficients together; and the bootstrap over units of alpha (1,000 resamples, vectorised)
against the same algorithm in a loop: the same resamples (same generator), each recomputed by
``krippendorff.alpha``. The loop is timed over a few resamples and extrapolated to 1,000 (it
would take minutes); the output says so.

Targets (issue 4): alpha <= 1.2x the bare call; all coefficients <= 3x; bootstrap >= 10x
faster than the loop.

Run: ``.venv/bin/python bench/agreement.py`` (``--quick`` for a smaller matrix).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import krippendorff
import numpy as np
from _timing import best

from tut.agreement import (
    agreement_report,
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    reliability_data,
    scott_pi,
    unit_bootstrap,
)
from tut.agreement.unit_bootstrap import draw_blocks, unit_patterns

CODERS, CATEGORIES, MISSING = 5, 8, 0.10
RESAMPLES = 1000
LOOP_SAMPLES = 3


def matrix(units: int, seed: int = 20250101) -> np.ndarray:
    """Codes that agree about 70% of the time, 10% missing."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, CATEGORIES + 1, units)
    noise = rng.integers(1, CATEGORIES + 1, (CODERS, units))
    x = np.where(rng.random((CODERS, units)) < 0.7, truth, noise).astype(float)
    x[rng.random((CODERS, units)) < MISSING] = np.nan
    return x


def paired(fn: Callable[[], Any], ref: Callable[[], Any], repeat: int = 7) -> tuple[float, float]:
    """Best times of ``fn`` and ``ref`` run alternately, so load from other processes hits
    both alike; returns (fn, ref)."""
    fn()
    ref()
    mine, theirs = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        ref()
        theirs.append(time.perf_counter() - t)
        t = time.perf_counter()
        fn()
        mine.append(time.perf_counter() - t)
    return min(mine), min(theirs)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> int:
    units = 20_000 if "--quick" in sys.argv else 200_000
    x = matrix(units)
    print(
        f"matrix: {CODERS} coders x {units:,} units, {CATEGORIES} categories, {MISSING:.0%} missing"
    )

    def bare_call() -> Any:
        return krippendorff.alpha(x, level_of_measurement="nominal")

    bare = best(bare_call)
    print(f"\nbare krippendorff.alpha (nominal): {bare * 1000:8.1f} ms (best of 5)")
    print("each line: best of 7 runs alternating with the bare call, ratio to the bare call")
    print(f"{'coefficient':36} {'time':>10} {'x bare':>8}")
    ours = {
        "krippendorff_alpha (nominal)": lambda: krippendorff_alpha(x, "nominal"),
        "fleiss_kappa": lambda: fleiss_kappa(x),
        "conger_kappa": lambda: conger_kappa(x),
        "gwet_ac1": lambda: gwet_ac1(x),
        "brennan_prediger": lambda: brennan_prediger(x),
        "scott_pi": lambda: scott_pi(x),
        "percent_agreement": lambda: percent_agreement(x),
        "all coefficients (agreement_report)": lambda: agreement_report(x, "nominal"),
    }
    ratios = {}
    for name, fn in ours.items():
        t, ref = paired(fn, bare_call)
        ratios[name] = t / ref
        print(f"{name:36} {t * 1000:8.1f} ms {t / ref:7.2f}x")

    two = x[:2]
    t_cohen, ref2 = paired(
        lambda: cohen_kappa(two), lambda: krippendorff.alpha(two, level_of_measurement="nominal")
    )
    print(
        f"{'cohen_kappa (2 coders)':36} {t_cohen * 1000:8.1f} ms {t_cohen / ref2:7.2f}x"
        "  (against bare alpha on the same 2 rows)"
    )
    t_i, ref_i = paired(
        lambda: krippendorff_alpha(x, "interval"),
        lambda: krippendorff.alpha(x, level_of_measurement="interval"),
    )
    print(
        f"{'krippendorff_alpha (interval)':36} {t_i * 1000:8.1f} ms {t_i / ref_i:7.2f}x"
        "  (against bare interval alpha)"
    )

    print("\nbootstrap over units of alpha, 1,000 resamples: vectorised against the same")
    print("resamples (same generator) recomputed by krippendorff.alpha in a loop")
    boot_ratios = []
    for n_units in (20_000, units):
        d = reliability_data(x[:, :n_units], "nominal")
        t_boot = best(
            lambda d=d: unit_bootstrap(d, ["krippendorff_alpha"], RESAMPLES, seed=1), repeat=3
        )
        pat = unit_patterns(d)
        blocks = draw_blocks(pat, LOOP_SAMPLES, np.random.default_rng(1))
        rows = [row for block in blocks for row in block]
        t0 = time.perf_counter()
        for row in rows:
            chosen = np.repeat(np.arange(len(row)), row.astype(int))
            codes = pat.codes[chosen].T.astype(float)
            codes[codes < 0] = np.nan
            krippendorff.alpha(codes, level_of_measurement="nominal")
        t_loop = (time.perf_counter() - t0) / LOOP_SAMPLES * RESAMPLES
        boot_ratios.append(t_loop / t_boot)
        print(
            f"  {CODERS} x {n_units:>7,}: vectorised {t_boot * 1000:8.1f} ms; the loop "
            f"~{t_loop:7.1f} s (timed over {LOOP_SAMPLES} resamples, extrapolated to "
            f"{RESAMPLES}): {t_loop / t_boot:,.0f}x faster"
        )

    alpha_ok = ratios["krippendorff_alpha (nominal)"] <= 1.2
    all_ratio = ratios["all coefficients (agreement_report)"]
    all_ok = all_ratio <= 3.0
    boot_ok = min(boot_ratios) >= 10
    print("\ntargets:")
    print(
        f"  alpha within 1.2x of bare call: {ratios['krippendorff_alpha (nominal)']:.2f}x "
        f"{verdict(alpha_ok)}"
    )
    print(f"  all coefficients within 3x:     {all_ratio:.2f}x {verdict(all_ok)}")
    print(f"  bootstrap >= 10x faster:        {min(boot_ratios):,.0f}x {verdict(boot_ok)}")
    return 0 if alpha_ok and all_ok and boot_ok else 1


if __name__ == "__main__":
    sys.exit(main())
