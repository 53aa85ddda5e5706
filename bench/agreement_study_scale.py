"""Agreement and the report on a study of 100,000 segments coded by 3 coders: time and
peak memory of each command against issue 10's targets (under 10 s and under 1 GB each).

The study is created with ``create_study`` and its journals written in the store's format
(each coder codes every segment; journal lines written without fsync, as bench/coding.py
does: only the reading is timed). Each command runs in its own process; the figures are its
wall time (start-up and imports included) and peak resident memory, with the process's CPU
time beside them (on a shared, busy machine the wall time can be twice the CPU time):

- ``tut agreement STUDY`` (every coefficient, linearised intervals);
- ``tut agreement STUDY --bootstrap 1000 --seed 1`` (the bootstrap over units counted in);
- ``tut agreement STUDY --by code`` (per-code intervals from the unit bootstrap);
- ``tut agreement STUDY --by coder-pair``;
- ``tut report STUDY --out DIR`` (HTML, Markdown and JSON; 1,000 resamples, the default);
- for the parts: opening the study (segments, journals, codes per coder) and the report's
  agreement stage (``summarise_agreement``: every breakdown, 1,000 resamples).

Then the coding screen on a 20,000-segment study whose three coders have coded it all: time
from ``make_coding_app`` to the first screen (headless, 80x24; target about a second).

Run: ``.venv/bin/python bench/agreement_study_scale.py [N]`` (default 100,000 segments).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tut.coding.model import Segment
from tut.coding.study import create_study
from tut.project import shipped_dir
from tut.protocols.model import Protocol
from tut.protocols.registry import load_protocols

CODERS = ("ana", "bob", "cy")
OPEN_STUDY = """
import sys
from tut.coding.study import open_study
data = open_study(sys.argv[1])
print(len(data.segments), {c: len(s) for c, s in data.codings(1).items()}, data.warnings[:1])
"""
FIRST_SCREEN = """
import asyncio, sys, time
from tut.tui.app import make_coding_app

async def first_screen():
    t0 = time.perf_counter()
    app = make_coding_app(sys.argv[1], "ana", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seconds = time.perf_counter() - t0
        await pilot.press("q")
    return seconds

print("seconds", asyncio.run(first_screen()))
"""
"""The coding screen's first paint, timed inside the process (imports left out)."""
REPORT_STAGE = """
import sys
from tut.coding.study import open_study
from tut.report.agreement import summarise_agreement
data = open_study(sys.argv[1])
codings = {c: {s: sc.codes for s, sc in per.items()} for c, per in data.codings(1).items()}
a = summarise_agreement(data.segments, codings, data.frame, saved=data.codings(1),
                        bootstrap=1000, seed=1)
print(a.overall.value, a.overall.ci)
"""


def protocol() -> Protocol:
    return load_protocols([shipped_dir("protocols")]).get("supervisory-care-wording-test")


def make_study(folder: Path, n: int) -> None:
    proto = protocol()
    rng = random.Random(1)
    segs = []
    for i in range(n):
        variant = proto.variants[i % len(proto.variants)]
        probes = proto.probes_for(variant)
        segs.append(
            Segment(
                id=f"s{i:06d}",
                respondent_id=f"r{i // 6:05d}",
                interview_id=f"i{i // 6:05d}",
                variant_id=variant,
                probe_id=probes[(i // len(proto.variants)) % len(probes)].id,
                answer="It means the kids were with me and I was watching them.",
            )
        )
    create_study(folder, "scale", proto, segs)
    frame = proto.frame()
    codes = [c.id for c in frame.codes]
    truth = [rng.choice(codes) for _ in range(n)]
    for coder in CODERS:
        crng = random.Random(coder)
        with open(folder / "journals" / f"{coder}.jsonl", "w", encoding="utf-8") as fh:
            for seq, (seg, true) in enumerate(zip(segs, truth, strict=True), start=1):
                chosen = [true if crng.random() < 0.75 else crng.choice(codes)]
                if frame.mode != "exclusive" and crng.random() < 0.2:
                    chosen.append(crng.choice(codes))
                ev = {
                    "seq": seq,
                    "time": "2025-01-01T00:00:00.000+00:00",
                    "coder": coder,
                    "action": "set",
                    "segment_id": seg.id,
                    "codes": sorted(set(chosen)),
                    "round": 1,
                }
                fh.write(json.dumps(ev) + "\n")


MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False)
seconds = time.perf_counter() - t
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(done.returncode, seconds, use.ru_maxrss, use.ru_utime + use.ru_stime)
print(done.stdout[-300:])
print(done.stderr[-300:])
"""
"""Runs one command in a fresh process, so the children's peak memory is that command's."""


def run(label: str, args: list[str], target: float = 10.0) -> bool:
    """One command in a fresh process: its time and peak memory against the targets. A
    command that prints ``seconds X`` is timed by that figure (a part of the process)."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, check=True
    ).stdout
    first, _, err = out.partition("\n")
    code, seconds, peak_kb, cpu = first.split()
    own = [ln.split()[1] for ln in err.splitlines() if ln.startswith("seconds ")]
    wall = float(own[-1]) if own else float(seconds)
    peak = int(peak_kb) / 1024
    ok = code == "0" and wall < target and peak < 1024
    note = "" if code == "0" else f"  exit {code}: {err.strip()[-300:]}"
    print(
        f"  {label:46} {wall:6.1f} s (< {target:g}) {peak:6.0f} MB (< 1024) "
        f"{'ok' if ok else 'MISSED'}  [process CPU {float(cpu):.1f} s]{note}",
        flush=True,
    )
    return ok


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scale"
        t = time.perf_counter()
        make_study(folder, n)
        print(f"study of {n:,} segments, {len(CODERS)} coders ({time.perf_counter() - t:.1f} s)")
        tut = [str(Path(py).parent / "tut"), "agreement", str(folder), "--json"]
        report = [str(Path(py).parent / "tut"), "report", str(folder), "--out", f"{tmp}/report"]
        results = [
            run("tut agreement", tut),
            run(
                "tut agreement --bootstrap 1000 --seed 1",
                [*tut, "--bootstrap", "1000", "--seed", "1"],
            ),
            run("tut agreement --by code", [*tut, "--by", "code", "--seed", "1"]),
            run("tut agreement --by coder-pair", [*tut, "--by", "coder-pair"]),
            run("tut report (html, md, json; 1,000 resamples)", report),
        ]
        print("parts:")
        run("opening the study (segments, journals, codes)", [py, "-c", OPEN_STUDY, str(folder)])
        run("report agreement stage (1,000 resamples)", [py, "-c", REPORT_STAGE, str(folder)])
        small = Path(tmp) / "small"
        make_study(small, 20_000)
        print(f"coding screen, 20,000 segments, {len(CODERS)} coders' journals:")
        screen = run(
            "first coding screen (make_coding_app to paint)",
            [py, "-c", FIRST_SCREEN, str(small)],
            target=1.0,
        )
    print("target: each command under 10 s and 1 GB:", "ok" if all(results) else "MISSED")
    print("target: first coding screen about a second:", "ok" if screen else "MISSED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
