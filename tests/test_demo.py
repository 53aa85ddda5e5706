"""`tut demo`: the example study end to end into a fresh folder, and safe re-runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tut.coding.store import CoderJournal
from tut.coding.study import open_study

pytestmark = pytest.mark.slow


def test_demo_runs_end_to_end(run_cli, tmp_path: Path):
    out = tmp_path / "demo"
    result = run_cli("demo", "--out", str(out))
    assert result.code == 0, result.err
    # a project folder with the example study, synthetic data and every output
    assert (out / "tut-project.yaml").is_file()
    study = out / "coded_responses" / "supervisory-care"
    assert (study / "study.json").is_file()
    assert (out / "data" / "demo.sav").is_file() and (out / "data" / "spec.yaml").is_file()
    for name in ("report.html", "report.md", "report.json"):
        assert (out / "report" / name).stat().st_size > 1000
    agreement = json.loads((out / "agreement.json").read_text(encoding="utf-8"))
    assert agreement["coders"] == ["ana", "beto", "carla"]
    compare = json.loads((out / "compare.json").read_text(encoding="utf-8"))
    assert {e["variant"] for e in compare["estimates"]} == {"atus-incare-en", "cand-responsible-en"}
    # the summary, the report path and how to open the coding screen
    report = json.loads((out / "report" / "report.json").read_text(encoding="utf-8"))
    assert report["notes"]["illustrative"] is True
    assert str(out / "report" / "report.html") in result.out
    assert f"tut --project {out} code supervisory-care --coder ana" in result.out
    from tut.report.i18n import t

    headline = report["summary"]["headline"]
    assert headline["text"] in result.out
    assert t(headline["key"], "en", **headline["params"]).startswith("Tentatively")
    # why: the finding for each language by the wordings' labels, and the frame's
    # reliability said plainly
    labels = {w["id"]: w["label"] for w in report["wordings"]}
    for f in report["summary"]["languages"]:
        assert f"{labels[f['alternative']]} vs {labels[f['reference']]}: " in result.out
    assert "cand-responsible-en vs" not in result.out
    overall = report["agreement"]["overall"]
    assert f"alpha {overall['value']:.3f}, 95% CI [{overall['ci'][0]:.3f}," in result.out
    assert "Cohen's d" in result.out and "cohens_d" not in result.out
    assert "ILLUSTRATIVE" in result.out and "SYNTHETIC" in result.out
    # provenance names files and the command without this machine's paths
    prov = report["provenance"]
    assert str(tmp_path) not in json.dumps([prov["files"], prov["command"]])
    assert prov["command"].startswith("tut report supervisory-care --data data/spec.yaml")
    # the copied study is a working study: the coding stage opens it
    data = open_study(study)
    assert data.coders == ["ana", "beto", "carla"] and len(data.segments) == 360


def test_rerun_keeps_the_users_work(run_cli, tmp_path: Path):
    out = tmp_path / "demo"
    assert run_cli("demo", "--out", str(out)).code == 0
    study = out / "coded_responses" / "supervisory-care"
    data = open_study(study)
    segment = data.segments[0].id
    with CoderJournal.open(study, "me", data.frame) as journal:
        journal.set_codes(segment, ["responsibility"])
    notes = out / "data" / "my-notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    before = (out / "data" / "demo.sav").stat().st_mtime_ns

    result = run_cli("demo", "--out", str(out))
    assert result.code == 0, result.err
    assert "kept: study" in result.out
    assert notes.read_text(encoding="utf-8") == "keep me"
    assert (out / "data" / "demo.sav").stat().st_mtime_ns == before
    again = open_study(study)
    assert again.codings(1)["me"][segment].codes == ("responsibility",)
    report = json.loads((out / "report" / "report.json").read_text(encoding="utf-8"))
    assert "me" in report["agreement"]["coders"], "the report is rebuilt from the kept study"


def test_refuses_a_folder_it_did_not_make(run_cli, tmp_path: Path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("precious", encoding="utf-8")
    result = run_cli("demo", "--out", str(out))
    assert result.code == 2
    assert result.err.startswith(f"error: {out}:") and "not made by 'tut demo'" in result.err
    assert sorted(p.name for p in out.iterdir()) == ["thesis.docx"]


def test_spanish_demo_leads_with_the_spanish_comparison(run_cli, tmp_path: Path):
    result = run_cli("demo", "--out", str(tmp_path / "demo"), "--lang", "es")
    assert result.code == 0, result.err
    report = json.loads((tmp_path / "demo" / "report" / "report.json").read_text(encoding="utf-8"))
    headline = report["summary"]["headline"]
    assert headline["params"]["alternative"] == "cand-responsible-es"
    assert headline["text"] in result.out and headline["text"].startswith("De forma tentativa")
    findings = [line.strip() for line in result.out.splitlines() if line.startswith("  ")]
    assert findings[0].startswith("Español: «A cargo de» (candidata)")
    assert "ILUSTRATIVAS" in result.out and "SINTÉTICOS" in result.out
