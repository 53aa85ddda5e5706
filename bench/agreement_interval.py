"""Alpha on many distinct values (minutes, scores) without V x V matrices.

2 coders x 500,000 units = 1,000,000 pairable values with about 100,000 distinct values
(seeded), at the nominal, ordinal and interval levels. Prints the time of
``reliability_data`` (validation) and of ``krippendorff_alpha`` (value, SE, interval), a
bootstrap over units of 200 resamples (nominal and interval; ordinal's resamples need the
values x values coincidences and are refused), and the process's peak memory; then checks
each value against ``krippendorff.alpha`` on a table small enough for its (N, V, V) arrays
(200 units, about 300 distinct values: still the V-free path). Ratio alpha has no form
without the V x V matrix: the last line shows it refused with the fix.

Targets (issue 10): alpha under 1 s, memory O(N) (the V x V matrices of 100,000 values
would take 80 GB each), equal to the package to 1e-12.
Run: ``.venv/bin/python bench/agreement_interval.py``.
"""

from __future__ import annotations

import resource
import sys
import time

import krippendorff
import numpy as np

from tut.agreement import (
    ReliabilityDataError,
    krippendorff_alpha,
    reliability_data,
    unit_bootstrap,
)

UNITS, VALUES = 500_000, 100_000


def table(units: int, seed: int = 1, values: int = VALUES) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, values, units)
    spread = max(values // 30, 1)
    other = np.clip(truth + rng.integers(-spread, spread, units), 0, values - 1)
    return np.vstack([truth, other]).astype(float)


def one_level(x: np.ndarray, level: str) -> bool:
    t0 = time.perf_counter()
    d = reliability_data(x, level)
    t1 = time.perf_counter()
    alpha = krippendorff_alpha(d)
    t2 = time.perf_counter()
    assert alpha.value is not None and alpha.se is not None
    print(f"{level}: {d.n_pairable:,} pairable values, {d.n_categories:,} distinct values")
    print(f"  reliability_data:        {t1 - t0:6.2f} s")
    print(f"  krippendorff_alpha:      {t2 - t1:6.2f} s  alpha {alpha.value:.6f} se {alpha.se:.2e}")
    if level != "ordinal":
        boot = unit_bootstrap(d, ["krippendorff_alpha"], 200, seed=1)["krippendorff_alpha"]
        t3 = time.perf_counter()
        low, high = boot.ci
        print(f"  unit bootstrap, 200:     {t3 - t2:6.2f} s  interval {low:.6f} to {high:.6f}")
    small = table(200, seed=2, values=600)  # the package holds 200 x V x V floats
    ours = krippendorff_alpha(small, level).value
    theirs = krippendorff.alpha(small, level_of_measurement=level)
    n_small = reliability_data(small, level).n_categories
    print(f"  {n_small:,} distinct values: ours {ours:.15f}, krippendorff.alpha {theirs:.15f}")
    same = ours is not None and abs(ours - theirs) < 1e-12
    fast = t2 - t1 < 1.0
    print(
        f"  targets: alpha under 1 s {'ok' if fast else 'MISSED'}; equal to the package "
        f"{'ok' if same else 'MISSED'}"
    )
    return fast and same


def main() -> int:
    x = table(UNITS)
    ok = all([one_level(x, level) for level in ("nominal", "ordinal", "interval")])
    try:
        krippendorff_alpha(x + 1.0, "ratio")
        print("ratio: computed (MISSED: expected a refusal)")
        ok = False
    except ReliabilityDataError as exc:
        print(f"ratio: refused: {exc}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (process):     {peak:6.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
