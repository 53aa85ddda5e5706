"""The report lists the frame's revisions in its methods and shows, in its appendix, which
codes coders swap (Markdown, HTML and JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from tut.coding.store import CoderJournal
from tut.coding.study import open_study

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "coding"
PROTOCOL_ID = "supervisory-care-wording-test"
P, R, C, M = "presence-only", "responsibility", "on-call", "monitoring"


def test_methods_list_revisions_and_the_appendix_shows_the_swaps(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    tut = lambda *a: run_cli("--project", str(root), *a)  # noqa: E731
    assert tut("study", "init", "pilot", "--protocol", PROTOCOL_ID, "--segments",
               str(FIXTURES / "segments.csv")).code == 0
    data = open_study(root / "coded_responses" / "pilot")
    # ana and bob swap presence-only/responsibility twice; on-call/monitoring once
    plan = {"ana": [P, R, C, M, M, P], "bob": [R, P, M, M, M, P]}
    for coder, codes in plan.items():
        with CoderJournal.open(data.dir, coder, data.frame) as journal:
            for seg, code in zip(data.segments, codes, strict=True):
                journal.set_codes(seg.id, [code])
    out = tmp_path / "before"
    assert tut("report", "pilot", "--out", str(out)).code == 0
    before = json.loads((out / "report.json").read_text())
    assert before["frame_version"] == 1 and before["frame_revisions"] == []
    cf = before["confusion"]
    assert cf["codes"] == [P, R, C, M]
    assert cf["matrix"][0][1] == cf["matrix"][1][0] == 2  # both directions of the swap
    assert cf["matrix"][2][3] == 1 and cf["matrix"][3][3] == 2 and cf["matrix"][0][0] == 1
    assert cf["swaps"][0] == {"row": P, "column": R, "count": 2}

    assert tut("study", "revise-frame", "pilot", "--merge", "on-call,monitoring", "--into",
               "monitoring", "--rationale", "coders cannot tell them apart").code == 0
    out = tmp_path / "after"
    result = tut("report", "pilot", "--out", str(out))
    assert result.code == 0, result.err
    after = json.loads((out / "report.json").read_text())
    assert after["frame_version"] == 2
    assert after["frame_revisions"][0].endswith(
        "merged on-call into monitoring; rationale: coders cannot tell them apart")
    assert after["confusion"]["codes"] == [P, R, M]  # on-call is read as monitoring
    assert after["confusion"]["matrix"][2][2] == 3
    md = (out / "report.md").read_text()
    methods = md[md.index("## Methods"):]
    assert "revised during the study; every code is read under version 2" in methods
    assert "merged on-call into monitoring" in methods
    appendix = md[md.index("### Which codes coders swap"):]
    # a pair nobody swapped shows "·" (as in the HTML), so the swaps stand out
    assert "| 1 | `presence-only` | 1 | 2 | · |" in appendix
    html = (out / "report.html").read_text()
    assert 'id="frame-revisions"' in html and html.count("data-confusion-row=") == 3
