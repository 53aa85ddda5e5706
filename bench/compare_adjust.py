"""Time what `adjust` (svyglm per outcome and pair) adds to `tut compare` with replicate weights.

Uses bench/compare.py's SYNTHETIC demo survey (ROWS respondents, 160 successive-difference
replicate weights; written once to bench/out/) with two proportions (any care, a child under
13) and a mean, by sex and age group, and runs `tut compare --json` on it twice, each in its
own process: without `adjust` and with `adjust: [sex, age group]` (two quasibinomial and one
gaussian svyglm, each refitted under the 160 replicates). The difference is the cost of
`adjust`. With ``--before DIR`` (a tree holding another version's ``tut/``, e.g. from
``git archive OLDCOMMIT tut | tar -x -C DIR``) it also times that version and prints the
ratio of the two costs and the largest relative difference between their adjusted
coefficients and SEs (0 up to rounding: the speed-up must not change a number). With
``--r-rows N`` and R's survey + haven installed, it times R's three svyglm on an N-row file
(after reading it) against all of ``tut compare`` with adjust there, and prints the largest
relative difference between R's and tut's coefficients and SEs.

Usage: ``python bench/compare_adjust.py [--rows 300000] [--before DIR] [--r-rows N]
[--repeat 1]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
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
    return _worst([(x[k], y[k]) for x, y in zip(*rows, strict=True) for k in ("coefficient", "se")])


def _worst(pairs: list[tuple[float, float]]) -> float:
    return max(abs(x - y) / max(abs(y), 1e-300) for x, y in pairs)


R_SCRIPT = """\
suppressMessages({{library(survey); library(haven)}})
d <- zap_labels(read_sav("{data}", col_select = c(ballot, sex, agegrp, care_min, child_u13,
                                                  finalwt, starts_with("repwt"))))
d$care <- ifelse(d$care_min < 0, NA, d$care_min)
d$any <- as.numeric(d$care > 0)
d$child <- as.numeric(d$child_u13 == 1)
r <- svrepdesign(data = d, weights = ~finalwt, repweights = "repwt[0-9]+",
                 type = "successive-difference", mse = TRUE, combined.weights = TRUE)
t0 <- Sys.time()
f <- function(y, family) svyglm(as.formula(paste(y, "~ factor(ballot) + factor(sex) +
                                                  factor(agegrp)")), design = r, family = family)
fits <- list(care = f("care", gaussian()), "any care" = f("any", quasibinomial()),
             child = f("child", quasibinomial()))
t1 <- Sys.time()
for (n in names(fits)) cat(sprintf("%s\t%.17g\t%.17g\n", n, coef(fits[[n]])[2],
                                   SE(fits[[n]])[2]))
cat(sprintf("seconds\t%f\n", as.numeric(t1 - t0, units = "secs")))
"""


def versus_r(rows: int, repeat: int) -> None:
    """R's svyglm time and numbers against tut's on a ``rows``-row file."""
    if shutil.which("Rscript") is None:
        print("R with survey and haven not available: R not timed")
        return
    data, _spec = ensure_data(rows)
    plain, adjusted, out = cost(None, data, repeat, f"r{rows}")
    script = OUT / "compare_adjust.R"
    script.write_text(R_SCRIPT.format(data=data))
    proc = subprocess.run(["Rscript", str(script)], capture_output=True, text=True, check=False)
    if proc.returncode:
        print(f"R failed (skipped):\n{proc.stderr[-2000:]}")
        return
    lines = dict(line.split("\t", 1) for line in proc.stdout.strip().splitlines())
    seconds = float(lines.pop("seconds"))
    tut = {a["outcome"]: a for a in json.loads(out.read_text())["adjusted_differences"]}
    pairs = []
    for name, values in lines.items():
        coefficient, se = (float(v) for v in values.split("\t"))
        pairs += [(tut[name]["coefficient"], coefficient), (tut[name]["se"], se)]
    # on a small file adjust costs less than two runs' noise: R's fits alone against all
    # of tut compare with adjust (reading, estimates and differences included)
    print(f"R on {rows:,} rows: its three svyglm {seconds:.1f} s (after reading); tut compare "
          f"with adjust, end to end, {adjusted:.2f} s (without {plain:.2f} s): R's svyglm / "
          f"tut {seconds / adjusted:.0f}x; largest relative difference from R's coefficients "
          f"and SEs {_worst(pairs):.1e}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--before", type=Path, help="a tree with another version's tut/")
    parser.add_argument("--r-rows", type=int, default=0,
                        help="also time R's svyglm on a file of this many rows")
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
    if args.r_rows:
        versus_r(args.r_rows, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
