"""Adding interviews to a running study: ``tut study add`` of 10,000 segments to a
20,000-segment study (target: under 2 s), against a plain ``csv.reader`` read of the same file.

``tut study add`` opens the study, reads and checks every row of the file against the frozen
protocol and the study's segment ids, and writes the whole new segments file aside, fsyncs it
and renames it over the old one. Run: ``.venv/bin/python bench/grow.py [EXISTING [NEW]]``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _timing import best
from coding import protocol, segments

from tut.cli import main as tut_main
from tut.coding.study import SEGMENTS_FILE, STUDY_FILE, WORDINGS_FILE, create_study


def write_csv(path: Path, rows: list, first_id: int) -> None:  # type: ignore[type-arg]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["segment_id", "respondent_id", "interview_id", "variant_id", "probe_id", "answer", "sex"])
        for k, s in enumerate(rows):
            n = first_id + k
            writer.writerow([f"s{n:06d}", f"r{n // 6:05d}", f"i{n // 6:05d}", s.variant_id, s.probe_id, s.answer,
                             s.attributes["sex"]])


def main() -> None:
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]  # run_all.py passes its own flags on
    existing, new = (numbers + [20_000, 10_000][len(numbers):])[:2]
    proto = protocol()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "proj"
        with contextlib.redirect_stdout(io.StringIO()):
            assert tut_main(["init", str(root)]) == 0
        study = root / "coded_responses" / "big"
        create_study(study, "big", proto, segments(proto, existing))
        keep = Path(tmp) / "keep"
        keep.mkdir()
        for name in (SEGMENTS_FILE, STUDY_FILE, WORDINGS_FILE):
            shutil.copy2(study / name, keep / name)
        more = Path(tmp) / "more.csv"
        write_csv(more, segments(proto, new), existing)

        def restore() -> None:
            for name in (SEGMENTS_FILE, STUDY_FILE, WORDINGS_FILE):
                shutil.copy2(keep / name, study / name)

        times = []
        for _ in range(4):
            restore()
            out = io.StringIO()
            t = time.perf_counter()
            with contextlib.redirect_stdout(out):
                code = tut_main(["--project", str(root), "study", "add", "big", "--segments", str(more)])
            times.append(time.perf_counter() - t)
            assert code == 0, out.getvalue()
        ours = min(times[1:])  # the first run also imports the modules

        def plain_read() -> None:
            with open(more, encoding="utf-8", newline="") as fh:
                list(csv.reader(fh))

        floor = best(plain_read)
    verdict = "within" if ours < 2.0 else "OVER"
    print(f"tut study add: {new:,} segments to a {existing:,}-segment study")
    print(f"  tut study add (open, check, write aside, fsync, rename): {ours:6.3f} s  ({verdict} the 2 s target)")
    print(f"  plain csv.reader of the same file:                       {floor:6.3f} s")
    print(f"  ratio: {ours / floor:.1f}x a plain csv read")


if __name__ == "__main__":
    main()
