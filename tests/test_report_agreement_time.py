"""The report's first/last third of each coder's work is the one `tut agreement --by time`
shows: the thirds follow the coders' save times, not the segments' order (issue 10: the
same numbers everywhere for the same data)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from conftest import CliResult
from tui_support import build_study

from tut.coding.agreement_tables import StudyTables
from tut.coding.model import SegmentCoding
from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.examples import EXAMPLE_STUDY

Run = Callable[..., CliResult]
BOOT = ("--bootstrap", "200", "--seed", "3")


def report_thirds(run_cli: Run, study: Path, out: Path) -> list[dict[str, Any]]:
    done = run_cli("report", str(study), "--out", str(out), "--format", "json", *BOOT)
    assert done.code == 0, done.err
    rows: list[dict[str, Any]] = json.loads((out / "report.json").read_text())["agreement"][
        "by_time"
    ]
    return rows


def cli_thirds(run_cli: Run, study: Path) -> tuple[str, list[dict[str, Any]]]:
    done = run_cli("agreement", str(study), "--by", "time", "--json", *BOOT)
    assert done.code == 0, done.err
    out = json.loads(done.out)
    main = "krippendorff_alpha" if out["mode"] == "exclusive" else "krippendorff_alpha_masi"
    return main, out["breakdown"]


def assert_same_thirds(report: list[dict[str, Any]], main: str, cli: list[dict[str, Any]]) -> None:
    assert [r["key"] for r in report] == [g["group"] for g in cli] == ["first third", "last third"]
    for row, group in zip(report, cli, strict=True):
        alpha = group[main]
        assert row["value"] == alpha["value"]
        assert row["ci"] == alpha["ci"]
        assert row["n_units"] == group["n_units"]
        assert row["n_pairable"] == group["n_pairable"]
        if "bootstrap" in alpha:
            assert row["p_below_tentative"] == alpha["bootstrap"]["p_below"]["0.667"]


def test_example_study_thirds_in_the_report_equal_tut_agreement_by_time(
    tmp_path: Path, run_cli: Run
) -> None:
    study = tmp_path / "study"
    shutil.copytree(EXAMPLE_STUDY, study, ignore=shutil.ignore_patterns("*.lock"))
    main, cli = cli_thirds(run_cli, study)
    assert_same_thirds(report_thirds(run_cli, study, tmp_path / "report"), main, cli)


def ticking() -> Callable[[], str]:
    """A clock one second further on at each save."""
    seconds: Iterator[int] = iter(range(10**6))
    return lambda: f"2025-03-01T10:{(s := next(seconds)) // 60:02d}:{s % 60:02d}.000+00:00"


def test_thirds_follow_the_save_times_not_the_segments_order(tmp_path: Path, run_cli: Run) -> None:
    """Both coders work from the last segment back to the first: the segments they saved
    first (the end of the list) they code apart, the ones saved last (the start) alike."""
    _, study = build_study(tmp_path / "proj", n=30, exclusive=True)
    data = open_study(study)
    codes = [c.id for c in data.frame.codes][:4]
    ids = [s.id for s in data.segments]
    for shift, coder in enumerate(("ana", "bob")):
        with CoderJournal.open(study, coder, data.frame, clock=ticking()) as journal:
            for i in reversed(range(len(ids))):
                apart = shift if i >= 20 else 0  # the 10 saved first: one code apart
                journal.set_codes(ids[i], [codes[(i + apart) % len(codes)]])
    report = report_thirds(run_cli, study, tmp_path / "report")
    main, cli = cli_thirds(run_cli, study)
    assert_same_thirds(report, main, cli)
    first, last = report
    assert last["value"] == 1.0  # saved last: the segments they coded alike
    assert first["value"] < 0  # saved first: one code apart on every segment


def test_a_coders_work_is_ordered_by_save_time_then_segment_order() -> None:
    """Equal save times keep the segments' order; uncoded or cleared segments have none
    (numpy's stable argsort of the stamps as the oracle for each coder's thirds)."""
    rng = np.random.default_rng(4)
    frame = open_study(EXAMPLE_STUDY).frame
    code = frame.codes[0].id
    ids = [f"s{i:04d}" for i in range(3000)]
    codings: dict[str, dict[str, SegmentCoding]] = {"ana": {}, "bob": {}}
    for per in codings.values():
        for sid in ids:
            r = rng.random()
            if r < 0.1:
                continue
            stamp = f"2025-03-01T10:{rng.integers(0, 5):02d}:{rng.integers(0, 3):02d}.000+00:00"
            per[sid] = SegmentCoding(sid, () if r < 0.15 else (code,), updated=stamp)
    expected = np.full((2, len(ids)), -1)
    for row, per in zip(expected, codings.values(), strict=True):
        coded = np.array([i for i, sid in enumerate(ids) if sid in per and per[sid].codes])
        stamps = np.array([per[ids[i]].updated for i in coded], dtype=np.str_)
        row[coded[np.argsort(stamps, kind="stable")]] = np.arange(coded.size) * 3 // coded.size
    assert (StudyTables(ids, frame, codings)._thirds() == expected).all()
