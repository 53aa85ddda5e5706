"""REFI-QDA round trip at scale: a 20,000-segment study coded by two coders, exported as a
``.qdpx``, then read back (zip table checked, ``project.qde`` parsed without DTDs, validated
against the QDA-XML 1.0 schema with lxml, every selection checked against its text) and
turned into segments and journal events. Run: ``.venv/bin/python bench/qda.py [SEGMENTS]``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _timing import best
from coding import protocol, segments

from tut.coding.qdpx_export import qdpx_bytes
from tut.coding.qdpx_import import plan_import
from tut.coding.qdpx_read import read_project
from tut.coding.store import CoderJournal
from tut.coding.study import create_study, open_study


def main() -> None:
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]  # run_all.py passes its own flags on
    n = numbers[0] if numbers else 20_000
    proto = protocol()
    frame = proto.frame()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "s"
        segs = segments(proto, n)
        create_study(folder, "s", proto, segs)
        codes = [c.id for c in frame.codes]
        for k, coder in enumerate(("ana", "beto")):
            with CoderJournal.open(folder, coder, frame) as journal:
                for i, s in enumerate(segs):
                    journal.set_codes(s.id, [codes[(i + k * (i % 3 == 0)) % len(codes)]])
        data = open_study(folder)
        qdpx = Path(tmp) / "s.qdpx"
        export = best(lambda: qdpx.write_bytes(qdpx_bytes(data, "2026-01-01T00:00:00Z")), 3)
        read = best(lambda: read_project(qdpx), 3)
        project = read_project(qdpx)
        plan = best(lambda: plan_import(project, proto, frame, {}), 3)
        size = qdpx.stat().st_size / 1e6
        print(f"qdpx round trip, {n:,} segments x 2 coders ({size:.1f} MB archive): export "
              f"{export:.2f} s, read and validate {read:.2f} s, segments and events {plan:.2f} s")


if __name__ == "__main__":
    main()
