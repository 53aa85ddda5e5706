"""Time reading a subset of columns from a large .sav: tut vs raw pyreadstat vs raw polars-readstat.

Writes a synthetic time-use file (ROWS x 183 numeric columns: design, outcomes, a final
weight, 160 successive-difference replicate weights and 15 columns nobody asks for) to a
temporary folder, then reads the 165 columns a replicate-weight comparison job needs,
each way in its own process so peak memory is measured fairly:

* ``tut``              ``tut.microdata.read_columns`` (the default reader: polars-readstat,
                       with SPSS user-missing codes restored and dtypes normalised)
* ``polars-readstat``  ``scan_readstat(preserve_order=True).select(cols).collect()``
* ``pyreadstat``       ``read_sav(usecols=cols, user_missing=True)``

Usage: ``python bench/read.py [--rows N] [--compress bytecode|none|zlib] [--keep DIR]``.
The default (300,000 rows) runs in about a minute; ``--rows 1000000`` reproduces the
issue's 1,000,000-row measurement.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N_REPLICATES = 160
DESIGN = ["variant", "sex", "age_group", "strata", "psu"]
OUTCOMES = ["care_min", "care_any"]  # care_min declares -1/-2 as user-missing codes
WEIGHT = "TUFNWGTP"
REPLICATES = [f"TUFWGT{i:03d}" for i in range(1, N_REPLICATES + 1)]
WANTED = ["variant", "sex", "age_group", "care_min", WEIGHT] + REPLICATES
"""165 columns: what a replicate-weight comparison by variant, sex and age group reads."""
EXTRA = [f"other{i:02d}" for i in range(1, 16)]


def write_file(path: Path, rows: int, compress: str) -> None:
    import numpy as np
    import pandas as pd
    import pyreadstat

    rng = np.random.default_rng(2024)
    data: dict[str, object] = {
        "variant": rng.integers(1, 3, rows).astype(float),
        "sex": rng.integers(1, 3, rows).astype(float),
        "age_group": rng.integers(1, 6, rows).astype(float),
        "strata": rng.integers(1, 60, rows).astype(float),
        "psu": rng.integers(1, 900, rows).astype(float),
        "care_min": rng.choice([-2.0, -1.0, 0.0, 0.0, 30.0, 60.0, 120.0, 240.0], rows),
        "care_any": rng.integers(0, 2, rows).astype(float),
        WEIGHT: rng.uniform(500, 9000, rows),
    }
    base = data[WEIGHT]
    for name in REPLICATES:
        data[name] = base * rng.choice([0.3, 1.0, 1.7], rows)  # type: ignore[operator]
    for name in EXTRA:
        data[name] = rng.normal(size=rows)
    pyreadstat.write_sav(
        pd.DataFrame(data), str(path),
        row_compress=compress == "bytecode", compress=compress == "zlib",
        missing_ranges={"care_min": [-1.0, -2.0]},
        variable_value_labels={"sex": {1: "Male", 2: "Female"}, "care_min": {-1: "Refused", -2: "Don't know"}},
    )


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # all threads of this process
    return usage.ru_utime + usage.ru_stime


def one(method: str, path: str) -> dict[str, float]:
    """Run one read in this process (imports included); report wall and CPU seconds and
    peak resident memory. CPU time is the steadier figure on a shared machine."""
    t0 = time.perf_counter()
    c0 = _cpu()
    if method == "tut":
        from tut.microdata import read_columns

        frame = read_columns(path, WANTED)
        shape = frame.shape
    elif method == "polars-readstat":
        import polars_readstat as pr

        frame = pr.scan_readstat(path, preserve_order=True).select(WANTED).collect()
        shape = frame.shape
    else:
        import pyreadstat

        df, _ = pyreadstat.read_sav(path, usecols=WANTED, user_missing=True)
        shape = df.shape
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "cpu": _cpu() - c0, "peak_mb": _peak_mb(),
            "rows": shape[0], "cols": shape[1]}


def _peak_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss would include the parent's
    peak from before exec on Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(method: str, path: Path, repeat: int) -> dict[str, float]:
    best: dict[str, float] | None = None  # best of N by wall time
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, __file__, "--one", method, str(path)],
            capture_output=True, text=True, check=True,
        )
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--compress", choices=["bytecode", "none", "zlib"], default="bytecode",
                        help="how the .sav is written (SPSS writes bytecode by default)")
    parser.add_argument("--repeat", type=int, default=1, help="take the best of N runs")
    parser.add_argument("--keep", type=Path, default=None, help="write the file here and keep it")
    parser.add_argument("--skip-pyreadstat", action="store_true", help="it is the slow one")
    parser.add_argument("--one", nargs=2, metavar=("METHOD", "PATH"), help=argparse.SUPPRESS)
    args, _unknown = parser.parse_known_args(argv)  # bench/run_all.py passes its own args on
    if args.one:
        print(json.dumps(one(*args.one)))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        suffix = ".zsav" if args.compress == "zlib" else ".sav"
        path = folder / f"bench_{args.rows}{suffix}"
        t0 = time.perf_counter()
        if not path.exists():
            write_file(path, args.rows, args.compress)
        size_mb = path.stat().st_size / 1e6
        print(f"file: {args.rows:,} rows x {len(DESIGN) + len(OUTCOMES) + 1 + N_REPLICATES + len(EXTRA)}"
              f" columns, {args.compress}, {size_mb:,.0f} MB (written in {time.perf_counter() - t0:.1f} s)")
        print(f"reading {len(WANTED)} columns ({args.rows * len(WANTED) * 8 / 1e6:,.0f} MB as float64)")
        methods = ["tut", "polars-readstat"] + ([] if args.skip_pyreadstat else ["pyreadstat"])
        results = {m: measure(m, path, args.repeat) for m in methods}
        for m, r in results.items():
            print(f"  {m:<16} {r['seconds']:7.2f} s wall {r['cpu']:7.2f} s CPU"
                  f"   peak {r['peak_mb']:7,.0f} MB   ({int(r['rows']):,} x {int(r['cols'])})")
        tut, raw = results["tut"], results["polars-readstat"]
        print(f"tut / raw polars-readstat: wall {tut['seconds'] / raw['seconds']:.2f}x, "
              f"CPU {tut['cpu'] / raw['cpu']:.2f}x, memory {tut['peak_mb'] / raw['peak_mb']:.2f}x")
        if "pyreadstat" in results:
            py = results["pyreadstat"]
            print(f"raw pyreadstat / tut:      wall {py['seconds'] / tut['seconds']:.1f}x, "
                  f"CPU {py['cpu'] / tut['cpu']:.1f}x, memory {py['peak_mb'] / tut['peak_mb']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
