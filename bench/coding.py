"""Coding store speed on a 20,000-segment study: per-code save latency and opening a study.

Every figure is shown next to the floor the raw system or library sets on the same data:
saving a code against a bare ``os.write`` + ``os.fsync`` of the same line, opening a study
against ``json.loads`` of its segment lines. Run: ``.venv/bin/python bench/coding.py [N]``.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _timing import best, fsync_floor

from tut.coding.model import Segment
from tut.coding.store import CoderJournal, read_journal
from tut.coding.study import create_study, open_study
from tut.project import shipped_dir
from tut.protocols.model import Protocol
from tut.protocols.registry import load_protocols

SAVES = 400
"""Codes saved one by one (each fsynced) for the latency figures."""

ANSWERS = (
    "Pues estar al pendiente es que si la niña necesita algo, yo estoy ahí, aunque esté cocinando.",
    "It means the kids were with me and I was watching them even if I was doing something else.",
    "Que yo era la responsable de mi hijo, aunque estuviera dormido, ¿no? Eso creo.",
    "If my husband was home I wouldn't count it, he was the one looking after them.",
)


def protocol() -> Protocol:
    return load_protocols([shipped_dir("protocols")]).get("supervisory-care-wording-test")


def segments(proto: Protocol, n: int) -> list[Segment]:
    rng = random.Random(1)
    out = []
    for i in range(n):
        variant = proto.variants[i % len(proto.variants)]
        probe = proto.probes_for(variant)[(i // len(proto.variants)) % len(proto.probes_for(variant))]
        out.append(
            Segment(
                id=f"s{i:06d}",
                respondent_id=f"r{i // 6:05d}",
                interview_id=f"i{i // 6:05d}",
                variant_id=variant,
                probe_id=probe.id,
                answer=rng.choice(ANSWERS) * rng.randint(1, 3),
                attributes={"sex": rng.choice(["Female", "Male"]), "age_group": "35-44"},
            )
        )
    return out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def bench_saves(folder: Path, ids: list[str], codes: list[str]) -> tuple[list[float], list[float]]:
    """Latency of set_codes (validate + append + fsync) and of the raw write+fsync floor."""
    data = open_study(folder)
    ours: list[float] = []
    with CoderJournal.open(folder, "bench", data.frame) as journal:
        for i in range(SAVES):
            t = time.perf_counter()
            journal.set_codes(ids[i], [codes[i % len(codes)], codes[(i + 3) % len(codes)]])
            ours.append(time.perf_counter() - t)
        line = (json.dumps({"seq": 1, "time": "2025-01-01T00:00:00.000+00:00", "coder": "bench",
                            "action": "set", "segment_id": ids[0], "codes": codes[:2], "round": 1})
                + "\n").encode()
    return ours, fsync_floor(folder / "raw.jsonl", line, SAVES)


def fill_journals(folder: Path, ids: list[str], codes: list[str], coders: tuple[str, ...]) -> None:
    """Each coder codes every segment once (written without fsync: only the reading is timed)."""
    for coder in coders:
        rng = random.Random(coder)
        with open(folder / "journals" / f"{coder}.jsonl", "w", encoding="utf-8") as fh:
            for seq, sid in enumerate(ids, start=1):
                ev = {"seq": seq, "time": "2025-01-01T00:00:00.000+00:00", "coder": coder,
                      "action": "set", "segment_id": sid, "codes": [rng.choice(codes)], "round": 1}
                fh.write(json.dumps(ev) + "\n")


def best_of(fn: Callable[[], Any]) -> float:
    return best(fn, 3, warm_up=False)


def main(n: int = 20_000) -> None:
    proto = protocol()
    segs = segments(proto, n)
    ids = [s.id for s in segs]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench"
        t = time.perf_counter()
        create_study(folder, "bench", proto, segs)
        created = time.perf_counter() - t
        codes = [c.id for c in open_study(folder).frame.codes]
        print(f"study: {n} segments, frame {proto.frame().id} ({len(codes)} codes); created in {ms(created)}")

        ours, raw = bench_saves(folder, ids, codes)
        print(f"save one code (validate, append, fsync), {SAVES} saves:")
        print(f"  tut set_codes    median {ms(statistics.median(ours))}  p95 {ms(pct(ours, 0.95))}")
        print(f"  raw write+fsync  median {ms(statistics.median(raw))}  p95 {ms(pct(raw, 0.95))}")
        print(f"  ratio (median)   {statistics.median(ours) / statistics.median(raw):.2f}x the fsync floor")

        seg_lines = (folder / "segments.jsonl").read_text(encoding="utf-8").splitlines()
        raw_open = best_of(lambda: [json.loads(line) for line in seg_lines])
        ours_open = best_of(lambda: open_study(folder))
        print("open_study (segments, frozen protocol and frame):")
        print(f"  tut open_study   {ms(ours_open)}   raw json.loads of segment lines {ms(raw_open)}"
              f"   ratio {ours_open / raw_open:.2f}x")

        (folder / "journals" / "bench.jsonl").unlink()
        fill_journals(folder, ids, codes, ("ana", "bob"))
        replay_all = best_of(lambda: (lambda d: (d.codings(), d.disagreements()))(open_study(folder)))
        journal_lines = (folder / "journals" / "ana.jsonl").read_bytes().splitlines()
        raw_journal = best_of(lambda: [json.loads(line) for line in journal_lines])
        print(f"open_study + codings + disagreements, 2 coders x {n} events: {ms(replay_all)}")
        reopen = best_of(lambda: CoderJournal.open(folder, "ana", proto.frame()).close())
        print(f"  CoderJournal.open with {n} events {ms(reopen)}   raw json.loads of its lines "
              f"{ms(raw_journal)}   ratio {reopen / raw_journal:.2f}x")
        assert len(read_journal(folder / "journals" / "ana.jsonl").events) == n


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 20_000)
