"""Time `tut compare` end to end against the fastest raw read of the same columns.

Writes (once; cached in bench/out/, which git ignores) the SYNTHETIC demo survey with
ROWS respondents and 160 successive-difference replicate weights as .sav, and a spec
asking for estimates and differences by variant and sex (with the female-male gap and
its difference in differences). Then, each in its own process so peak memory is fair:

* ``read``  ``polars_readstat.scan_readstat(path).select(columns).collect()``: the
            fastest raw read of the 164 needed columns, nothing else.
* ``tut``   ``tut compare SPEC --json --out FILE``: read, check, estimate, differences.

Prints both times, their ratio (target, issue 15: tut within 1.3x of the read), the ratio of
their CPU seconds (steadier than wall time on a busy machine), and peak memory against the
needed columns as float64 (target: within 2x). With ``--r-rows N`` and R's
survey + haven installed, it also times R (read_sav + svrepdesign + svyby + svycontrast)
and tut on an N-row file, and the R/tut ratio (target: more than 20x).

Usage: ``python bench/compare.py [--rows 1000000] [--r-rows 100000] [--repeat 1]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
N_REPLICATES = 160
COLUMNS = ["ballot", "sex", "care_min", "finalwt"] + [
    f"repwt{i:03d}" for i in range(1, N_REPLICATES + 1)
]

SPEC = """\
title: bench (SYNTHETIC)
datasets:
  - file: {data}
    variant: {{variable: ballot, map: {{1: atus-incare-en, 2: cand-responsible-en}}}}
    weight: finalwt
    design:
      replicates: {{prefix: repwt, count: 160, type: sdr, mse: true}}
outcomes:
  - {{name: care, variable: care_min, kind: mean, unit: minutes per day}}
domains: [sex]
gap: {{domain: sex, first: Female, second: Male}}
missing: {{care_min: [-1, -2, -3]}}
"""

R_SCRIPT = """\
suppressMessages({{library(survey); library(haven)}})
t0 <- Sys.time()
d <- read_sav("{data}", col_select = c(ballot, sex, care_min, finalwt, starts_with("repwt")),
              user_na = FALSE)
d <- zap_labels(d)
d$care <- ifelse(d$care_min < 0, NA, d$care_min)
t1 <- Sys.time()
r <- svrepdesign(data = d, weights = ~finalwt, repweights = "repwt[0-9]+",
                 type = "successive-difference", mse = TRUE, combined.weights = TRUE)
r <- subset(r, !is.na(care))
b <- svyby(~care, ~sex + ballot, r, svymean, covmat = TRUE)
g <- svycontrast(b, list(diffM = c(-1, 0, 1, 0), diffF = c(0, -1, 0, 1), did = c(1, -1, -1, 1)))
a <- svyby(~care, ~ballot, r, svymean, covmat = TRUE)
dd <- svycontrast(a, c(-1, 1))
t2 <- Sys.time()
cat(sprintf('{{"read": %f, "estimate": %f}}\\n', as.numeric(t1 - t0, units = "secs"),
            as.numeric(t2 - t1, units = "secs")))
"""

CHILD = """\
import json, resource, sys, time
what, path, spec, out = sys.argv[1:5]
t0 = time.perf_counter()
imported = 0.0
if what == "read":
    import polars_readstat as pr
    columns = json.loads(sys.argv[5])
    frame = pr.scan_readstat(path).select(columns).collect()
    assert frame.shape[1] == len(columns)
else:
    from tut.cli import main
    import tut.cli.compare  # what `tut compare` imports (the CLI itself loads it lazily)
    imported = time.perf_counter() - t0
    assert main(["compare", spec, "--json", "--out", out]) == 0
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"inner": time.perf_counter() - t0, "import": imported,
                  "peak_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime}),
      file=sys.stderr)
"""


def ensure_data(rows: int) -> tuple[Path, Path]:
    """The .sav and its spec, written once per row count."""
    OUT.mkdir(exist_ok=True)
    data = OUT / f"compare-{rows}.sav"
    spec = OUT / f"compare-{rows}.yaml"
    if not data.exists():
        # in a child process: Linux keeps a parent's peak RSS in its children's ru_maxrss,
        # so this (memory-hungry) step must not run in the process that spawns the timings
        print(f"writing {data} (once; cached) ...", flush=True)
        t0 = time.perf_counter()
        tmp = OUT / f"tmp-{rows}"
        code = ("import sys; from tut.microdata.demo_data import write_demo_data; "
                "write_demo_data(sys.argv[1], n=int(sys.argv[2]), formats=('sav',))")
        subprocess.run([sys.executable, "-c", code, str(tmp), str(rows)], check=True)
        (tmp / "demo.sav").replace(data)
        shutil.rmtree(tmp)
        print(f"  written in {time.perf_counter() - t0:.0f} s", flush=True)
    spec.write_text(SPEC.format(data=data.name))
    return data, spec


def measure(what: str, data: Path, spec: Path) -> dict[str, float]:
    """Run one job in a fresh Python process: wall time (with start-up) and peak RSS."""
    out = OUT / "compare-result.json"
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, what, str(data), str(spec), str(out), json.dumps(COLUMNS)],
        capture_output=True, text=True, check=False,
    )
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"{what} failed:\n{proc.stdout}\n{proc.stderr}")
    stats: dict[str, float] = json.loads(proc.stderr.strip().splitlines()[-1])
    stats["wall"] = wall
    return stats


def best(what: str, data: Path, spec: Path, repeat: int) -> dict[str, float]:
    runs = [measure(what, data, spec) for _ in range(repeat)]
    return min(runs, key=lambda r: r["wall"])


def time_r(data: Path) -> dict[str, float] | None:
    if shutil.which("Rscript") is None:
        return None
    script = OUT / "compare.R"
    script.write_text(R_SCRIPT.format(data=data))
    t0 = time.perf_counter()
    proc = subprocess.run(["Rscript", str(script)], capture_output=True, text=True, check=False)
    if proc.returncode:
        print(f"R failed (skipped):\n{proc.stderr[-2000:]}")
        return None
    stats: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    stats["wall"] = time.perf_counter() - t0
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--r-rows", type=int, default=0,
                        help="also time R's survey on a file of this many rows (e.g. 100000)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    args = parser.parse_args()

    data, spec = ensure_data(args.rows)
    needed_mb = args.rows * len(COLUMNS) * 8 / 2**20
    read = best("read", data, spec, args.repeat)
    tut = best("tut", data, spec, args.repeat)
    print(f"rows {args.rows:,}, {len(COLUMNS)} columns needed "
          f"({needed_mb:,.0f} MB as float64), {data.stat().st_size / 2**20:,.0f} MB .sav")
    print(f"raw read (polars-readstat)  {read['wall']:7.2f} s  peak {read['peak_mb']:7,.0f} MB")
    print(f"tut compare (end to end)    {tut['wall']:7.2f} s  peak {tut['peak_mb']:7,.0f} MB"
          f"  (of which importing it {tut['import']:.2f} s)")
    print(f"time ratio tut / raw read   {tut['wall'] / read['wall']:7.2f}   (target <= 1.3)")
    # CPU seconds (user + system) move less with other work on the machine than wall time
    print(f"CPU ratio tut / raw read    {tut['cpu'] / read['cpu']:7.2f}   "
          f"({tut['cpu']:.2f} s / {read['cpu']:.2f} s)")
    print(f"peak memory / needed float64 {tut['peak_mb'] / needed_mb:6.2f}   (target <= 2)")
    if args.r_rows:
        small, small_spec = ensure_data(args.r_rows)
        r = time_r(small)
        if r is None:
            print("R with survey and haven not available: R not timed")
        else:
            t_small = best("tut", small, small_spec, args.repeat)
            print(f"R on {args.r_rows:,} rows: {r['wall']:.1f} s (read {r['read']:.1f} s, "
                  f"svyby+svycontrast {r['estimate']:.1f} s); tut {t_small['wall']:.2f} s; "
                  f"R / tut {r['wall'] / t_small['wall']:.1f}x   (target > 20)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
