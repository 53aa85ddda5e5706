"""Interval alpha on many distinct values (minutes, scores) without V x V matrices.

2 coders x 500,000 units = 1,000,000 pairable values with about 100,000 distinct values
(seeded). Prints the time of ``reliability_data`` (validation) and of ``krippendorff_alpha``
(value, SE, interval), a bootstrap over units of 200 resamples, and the process's peak
memory; then checks the value against ``krippendorff.alpha`` on a table small enough for its
(N, V, V) arrays (200 units, about 300 distinct values: still the V-free path).

Targets (issue 10): alpha under 1 s, memory O(N) (the V x V matrices of 100,000 values
would take 80 GB each). Run: ``.venv/bin/python bench/agreement_interval.py``.
"""

from __future__ import annotations

import resource
import sys
import time

import krippendorff
import numpy as np

from tut.agreement import krippendorff_alpha, reliability_data, unit_bootstrap

UNITS, VALUES = 500_000, 100_000


def table(units: int, seed: int = 1, values: int = VALUES) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, values, units)
    spread = max(values // 30, 1)
    other = np.clip(truth + rng.integers(-spread, spread, units), 0, values - 1)
    return np.vstack([truth, other]).astype(float)


def main() -> int:
    x = table(UNITS)
    t0 = time.perf_counter()
    d = reliability_data(x, "interval")
    t1 = time.perf_counter()
    alpha = krippendorff_alpha(d)
    t2 = time.perf_counter()
    boot = unit_bootstrap(d, ["krippendorff_alpha"], 200, seed=1)["krippendorff_alpha"]
    t3 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert alpha.value is not None and alpha.se is not None
    print(f"{d.n_pairable:,} pairable values, {d.n_categories:,} distinct values")
    print(f"  reliability_data:        {t1 - t0:6.2f} s")
    print(f"  krippendorff_alpha:      {t2 - t1:6.2f} s  alpha {alpha.value:.6f} se {alpha.se:.2e}")
    print(
        f"  unit bootstrap, 200:     {t3 - t2:6.2f} s  interval {boot.ci[0]:.6f} to {boot.ci[1]:.6f}"
    )
    print(f"  peak memory (process):   {peak:6.0f} MB")
    small = table(200, seed=2, values=600)  # the package holds 200 x V x V floats
    ours = krippendorff_alpha(small, "interval").value
    theirs = krippendorff.alpha(small, level_of_measurement="interval")
    n_small = reliability_data(small, "interval").n_categories
    print(f"  {n_small:,} distinct values: ours {ours:.12f}, krippendorff.alpha {theirs:.12f}")
    same = ours is not None and abs(ours - theirs) < 1e-9
    fast = t2 - t1 < 1.0
    print(
        f"targets: alpha under 1 s {'ok' if fast else 'MISSED'}; equal to the package "
        f"{'ok' if same else 'MISSED'}"
    )
    return 0 if fast and same else 1


if __name__ == "__main__":
    sys.exit(main())
