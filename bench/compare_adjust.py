"""Time what `adjust` (svyglm per outcome and pair) adds to `tut compare` with replicate weights.

Uses bench/compare.py's SYNTHETIC demo survey (ROWS respondents, 160 successive-difference
replicate weights; written once to bench/out/) with two proportions (any care, a child under
13) and a mean, by sex and age group, and runs `tut compare --json` on it twice, each in its
own process: without `adjust` and with `adjust: [sex, age group]` (two quasibinomial and one
gaussian svyglm, each refitted under the 160 replicates). The difference is the cost of
`adjust`. With ``--before DIR`` (a tree holding another version's ``tut/``, e.g. from
``git archive OLDCOMMIT tut | tar -x -C DIR``) it also times that version and prints the
ratio of the two costs and the largest relative difference between their adjusted
coefficients and SEs (0 up to rounding: the speed-up must not change a number).

Usage: ``python bench/compare_adjust.py [--rows 300000] [--before DIR] [--repeat 1]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

from compare import OUT, ensure_data

SPEC = """\
title: bench adjust (SYNTHETIC)
{adjust}
datasets:
  - file: {data}
    variant: {{variable: ballot, map: {{1: atus-incare-en, 2: cand-responsible-en}}}}
    weight: finalwt
    design:
      replicates: {{prefix: repwt, count: 160, type: sdr, mse: true}}
outcomes:
  - {{name: care, variable: care_min, kind: mean, unit: minutes per day}}
  - {{name: any care, variable: care_min, kind: proportion, condition: '> 0'}}
  - {{name: child, variable: child_u13, kind: proportion, condition: '== 1'}}
domains: [sex, {{variable: agegrp, name: age group}}]
missing: {{care_min: [-1, -2, -3]}}
"""


def run(tree: Path | None, spec: Path, out: Path) -> float:
    """Wall seconds of one `tut compare SPEC --json --out OUT` in a fresh process."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    code = ("import sys; from tut.cli import main; "
            "sys.exit(main(['compare', sys.argv[1], '--json', '--out', sys.argv[2]]))")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, str(spec), str(out)], env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode:
        raise SystemExit(f"tut compare failed:\n{proc.stdout}\n{proc.stderr}")
    return time.perf_counter() - t0


def cost(tree: Path | None, data: Path, repeat: int, name: str) -> tuple[float, float, Path]:
    """(seconds without adjust, with adjust, the JSON with adjust), best of ``repeat``."""
    times = []
    for adjust in ("", "adjust: [sex, age group]"):
        spec = OUT / f"adjust-{name}-{bool(adjust)}.yaml"
        spec.write_text(SPEC.format(adjust=adjust, data=data.name))
        out = OUT / f"adjust-{name}-{bool(adjust)}.json"
        times.append(min(run(tree, spec, out) for _ in range(repeat)))
    return times[0], times[1], out


def largest_difference(a: Path, b: Path) -> float:
    """Largest relative difference between two runs' adjusted coefficients and SEs."""
    rows = [json.loads(p.read_text())["adjusted_differences"] for p in (a, b)]
    worst = 0.0
    for x, y in zip(*rows, strict=True):
        for key in ("coefficient", "se"):
            worst = max(worst, abs(x[key] - y[key]) / max(abs(y[key]), 1e-300))
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--before", type=Path, help="a tree with another version's tut/")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    args = parser.parse_args()
    data, _spec = ensure_data(args.rows)
    plain, adjusted, now = cost(None, data, args.repeat, "now")
    print(f"rows {args.rows:,}, 160 replicates: tut compare {plain:.2f} s, with adjust "
          f"{adjusted:.2f} s: adjust costs {adjusted - plain:.2f} s")
    if args.before is not None:
        b_plain, b_adjusted, then = cost(args.before, data, args.repeat, "before")
        gain = (b_adjusted - b_plain) / max(adjusted - plain, 1e-9)
        print(f"before ({args.before}): {b_plain:.2f} s, with adjust {b_adjusted:.2f} s: "
              f"adjust cost {b_adjusted - b_plain:.2f} s; now {gain:.1f}x faster")
        worst = largest_difference(now, then)
        print(f"largest relative difference of the adjusted coefficients and SEs: {worst:.1e}"
              + ("" if math.isfinite(worst) else " (undefined numbers)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
