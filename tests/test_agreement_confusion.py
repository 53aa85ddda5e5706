"""`tut agreement STUDY --confusion`: which codes coders swap, on a hand-made study whose
swaps are known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tut.agreement.confusion import NONE, confusion, segment_cells
from tut.coding.store import CoderJournal
from tut.coding.study import open_study

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "coding"
PROTOCOL_ID = "supervisory-care-wording-test"
P, R, C, M = "presence-only", "responsibility", "on-call", "monitoring"


@pytest.fixture
def project(run_cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Six segments; ana and bob swap presence-only/responsibility twice and on-call/monitoring
    once; cy gives an extra code once (s006: {responsibility, on-call} against {responsibility})."""
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    assert run_cli("--project", str(root), "study", "init", "pilot", "--protocol", PROTOCOL_ID,
                   "--segments", str(FIXTURES / "segments.csv")).code == 0
    data = open_study(root / "coded_responses" / "pilot")
    plan = {
        "ana": [[P], [R], [P], [C], [M], [R, C]],
        "bob": [[R], [P], [P], [M], [M], [R, C]],
        "cy": [[P], [R], [P], [C], [M], [R]],
    }
    for coder, codes in plan.items():
        with CoderJournal.open(data.dir, coder, data.frame) as journal:
            for seg, given in zip(data.segments, codes, strict=True):
                journal.set_codes(seg.id, given)
    return root


def test_cells_of_one_segment_follow_the_documented_rule() -> None:
    assert segment_cells(["a"], ["b"]) == [("a", "b")]
    assert segment_cells(["a", "b"], ["a", "c"]) == [("a", "a"), ("b", "c")]
    assert segment_cells(["a", "b"], ["a"]) == [("a", "a"), ("b", NONE)]
    assert segment_cells(["a"], ["b", "c"]) == [("a", "b"), ("a", "c")]
    assert segment_cells(["a"], ["a"]) == [("a", "a")]


def test_pair_and_pooled_matrices_count_the_known_swaps(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--project", str(project), "agreement", "pilot", "--confusion", "--json")
    assert result.code == 0, result.err
    out = json.loads(result.out)
    assert out["frame_version"] == 1
    pairs = {tuple(p["coders"]): p for p in out["pairs"]}
    assert set(pairs) == {("ana", "bob"), ("ana", "cy"), ("bob", "cy")}

    def cell(m: dict, row: str, col: str) -> int:  # type: ignore[type-arg]
        return m["matrix"][m["codes"].index(row)][m["codes"].index(col)]

    ab = pairs[("ana", "bob")]
    assert ab["segments"] == 6
    assert (cell(ab, P, R), cell(ab, R, P), cell(ab, C, M), cell(ab, M, C)) == (1, 1, 1, 0)
    assert (cell(ab, P, P), cell(ab, M, M), cell(ab, R, R), cell(ab, C, C)) == (1, 1, 1, 1)
    ac = pairs[("ana", "cy")]
    assert cell(ac, C, NONE) == 1 and cell(ac, NONE, C) == 0  # ana's extra on-call on s006
    assert sum(map(sum, ac["matrix"])) == 7  # 6 agreements on the diagonal + the extra code
    pooled = out["pooled"]
    # bob/cy swap as ana/bob do (cy coded like ana on s001-s004): 2 x 2 presence/responsibility
    assert cell(pooled, P, R) == cell(pooled, R, P) == 4
    assert cell(pooled, C, M) == cell(pooled, M, C) == 2
    assert cell(pooled, C, NONE) == 2  # ana vs cy and bob vs cy on s006
    assert pooled["swaps"][0] == {"row": P, "column": R, "count": 4}


def test_the_table_fits_80_columns_with_a_legend(run_cli, project: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--project", str(project), "agreement", "pilot", "--confusion")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Pooled over pairs" in result.out and "ana (rows) x bob (columns)" in result.out
    assert "     4  presence-only / responsibility" in lines
    legend = lines[lines.index("Codes:") + 1:]
    assert any(line.split()[1:3] == ["presence-only", "Presence"] for line in legend)

    one = run_cli("--project", str(project), "agreement", "pilot", "--confusion", "--pair", "bob,cy")
    assert "bob (rows) x cy (columns)" in one.out and "ana" not in one.out
    bad = run_cli("--project", str(project), "agreement", "pilot", "--confusion", "--pair", "ana,zoe")
    assert bad.code == 2 and "not a pair of this study's coders: ana,zoe" in bad.err


def test_an_exclusive_frame_gives_the_usual_confusion_matrix() -> None:
    codings = {"a": {"1": ("x",), "2": ("y",), "3": ("x",)}, "b": {"1": ("y",), "2": ("y",), "3": ("z",)}}
    m = confusion(["x", "y", "z"], codings).pairs[0]
    assert m.counts[:3] == ((0, 1, 1, 0), (0, 1, 0, 0), (0, 0, 0, 0))
    assert sum(map(sum, m.counts)) == m.segments == 3
