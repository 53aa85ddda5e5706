"""What the readings leave out is counted on page 1 and printed by `tut report`: segments
coders still disagree on, segments whose adjudicators disagree, respondents who withdrew."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from tut.coding.grow import withdraw_respondent
from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.examples import EXAMPLE_STUDY


def _copy(tmp_path: Path) -> Path:
    study = tmp_path / "study"
    shutil.copytree(EXAMPLE_STUDY, study)
    return study


def _summary_text(out: Path) -> str:
    html = (out / "report.html").read_text(encoding="utf-8")
    summary = html[html.index('<section id="summary">') : html.index('<section id="wordings">')]
    return " ".join(re.sub(r"<[^>]+>", " ", summary).split())


def test_unadjudicated_segments_are_counted_on_page_one_and_by_the_cli(run_cli, tmp_path):
    study = _copy(tmp_path)
    (study / "journals" / "dora.jsonl").unlink()  # nobody has adjudicated yet
    data = open_study(study)
    codings = data.codings(1)
    disagree = [
        s
        for s in data.segments
        if len({frozenset(codings[c][s.id].codes) for c in codings if s.id in codings[c]}) > 1
    ]
    assert disagree, "the example's coders disagree on some segments"
    respondents = len({s.respondent_id for s in disagree})
    out = tmp_path / "out"
    result = run_cli("report", str(study), "--out", str(out), "--bootstrap", "0")
    assert result.code == 0, result.err
    said = (
        f"Segments not adjudicated (coders disagree): {len(disagree)} (respondents: {respondents})"
    )
    assert said in _summary_text(out)
    assert f"warning: {said}" in result.err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    warning = report["summary"]["warnings"][0]
    assert warning["key"] == "warn-unresolved"
    assert warning["params"] == {"segments": len(disagree), "respondents": respondents}


def test_conflicts_and_withdrawals_are_counted(run_cli, tmp_path):
    study = _copy(tmp_path)
    data = open_study(study)
    adjudicated = sorted(data.adjudications)[:2]
    with CoderJournal.open(study, "eve", data.frame) as eve:
        for sid in adjudicated:
            other = "confusion" if "confusion" not in data.adjudications[sid].codes else "on-call"
            eve.adjudicate(sid, [other], "a second adjudicator reads it differently")
    withdraw_respondent(study, "EN03", "asked to be removed")
    out = tmp_path / "out"
    result = run_cli("report", str(study), "--out", str(out), "--bootstrap", "0", "--lang", "es")
    assert result.code == 0, result.err
    text = _summary_text(out)
    conflict = (
        "Segmentos con adjudicaciones en conflicto (los adjudicadores decidieron distinto): 2"
    )
    assert conflict in text and f"warning: {conflict}" in result.err
    assert "Personas que retiraron su consentimiento: 1" in text
    # a conflicted segment is not also counted as unadjudicated
    assert "sin adjudicar" not in text


def test_provenance_outside_the_project_names_shipped_wordings_without_machine_paths(
    run_cli, tmp_path
):
    from tut.cli import main

    assert main(["init", str(tmp_path / "proj")]) == 0
    study = _copy(tmp_path)  # a study folder outside the project
    out = tmp_path / "out"
    result = run_cli(
        "--project",
        str(tmp_path / "proj"),
        "report",
        str(study),
        "--out",
        str(out),
        "--bootstrap",
        "0",
    )
    assert result.code == 0, result.err
    prov = json.loads((out / "report.json").read_text(encoding="utf-8"))["provenance"]
    paths = [f["path"] for f in prov["files"]]
    assert not [p for p in paths if Path(p).is_absolute()]
    assert any(p.startswith("<tut>/instruments/") for p in paths)
    assert any(p.startswith("../study/") for p in paths)
    assert (
        prov["command"]
        == f"tut --project {tmp_path / 'proj'} report {study} --out {out} --bootstrap 0"
    )
