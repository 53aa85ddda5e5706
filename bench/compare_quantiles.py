"""Time quantiles (medians) against the mean in `tut compare`, both in one run.

Uses the SYNTHETIC 1,000,000-row demo file that ``bench/compare.py`` writes (cached in
bench/out/), analysed by Taylor linearisation (strata and PSUs) or, with --replicates,
its 160 SDR replicate weights (quantiles read them a second time), by variant and sex, with the gap: once with the mean
only and once also with quantiles 0.25, 0.5 and 0.75, each in a fresh process.
Prints both times and their ratio (issue 15's target: quantiles at most 3x the mean).

Usage: ``python bench/compare_quantiles.py [--rows 1000000] [--repeat 1]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from compare import OUT, ensure_data  # noqa: E402

SPEC = """\
title: bench quantiles (SYNTHETIC)
datasets:
  - file: {data}
    variant: {{variable: ballot, map: {{1: atus-incare-en, 2: cand-responsible-en}}}}
    weight: finalwt
    design: {design}
outcomes:
  - {{name: care, variable: care_min, kind: mean, unit: minutes per day{extra}}}
domains: [sex]
gap: {{domain: sex, first: Female, second: Male}}
missing: {{care_min: [-1, -2, -3]}}
"""


def run(spec: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("tut")), "compare", str(spec), "--json", "--out",
                    str(OUT / "quantiles-result.json")], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    parser.add_argument("--replicates", action="store_true",
                        help="the 160 SDR replicate weights instead of strata and PSUs")
    args = parser.parse_args()
    data, _ = ensure_data(args.rows)
    times = {}
    for name, extra in (("mean", ""), ("quantiles", ", quantiles: [0.25, 0.5, 0.75]")):
        spec = OUT / f"quantiles-{name}-{args.rows}.yaml"
        design = ("{replicates: {prefix: repwt, count: 160, type: sdr}}" if args.replicates
                  else "{strata: stratum, psu: psu, lonely_psu: adjust}")
        spec.write_text(SPEC.format(data=data.name, extra=extra, design=design))
        times[name] = min(run(spec) for _ in range(args.repeat))
    kind = "160 replicate weights" if args.replicates else "Taylor design"
    print(f"rows {args.rows:,}, {kind}, by variant and sex with the gap")
    print(f"mean only              {times['mean']:7.2f} s")
    print(f"mean + 3 quantiles     {times['quantiles']:7.2f} s")
    print(f"ratio                  {times['quantiles'] / times['mean']:7.2f}   (target <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
