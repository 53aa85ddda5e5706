"""What a new user following docs/walkthrough.md met in `tut report`: the headline gives the
real reason a study is inconclusive and its fix, wordings of the microdata are named by
their registry labels (and said to differ from the interviews' when they do), synthetic demo
microdata are named as such on page one, and spec labels may be given in both languages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from coding_support import quality_study

from tut.coding.store import CoderJournal
from tut.coding.study import open_study

RunCli = Callable[..., Any]


def _summary_text(out: Path) -> str:
    """The first page of report.html as its reader sees it (tags left out)."""
    html = (out / "report.html").read_text(encoding="utf-8")
    summary = html[html.index('<section id="summary">') : html.index('<section id="wordings">')]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", summary)).split())


def _coded_without_notes(tmp_path: Path) -> Path:
    """A study whose answers two coders coded alike, with a frame none of whose codes tut
    takes as the target concept by default, and no methods.yaml yet."""
    study = quality_study(tmp_path)
    data = open_study(study)
    codes = ["clear", "partial", "unusable", "clear", "partial", "unusable"]
    for coder in ("ana", "ben"):
        with CoderJournal.open(study, coder, data.frame) as journal:
            for segment, code in zip(data.segments, codes, strict=True):
                journal.set_codes(segment.id, [code])
    return study


@pytest.mark.parametrize(("lang", "reason", "wrong"), [
    ("en", "the study notes name no target-concept codes", "no coded comprehension answers"),
    ("es", "las notas del estudio no indican códigos del concepto buscado",
     "no tiene respuestas de comprensión codificadas"),
])
def test_without_target_codes_the_headline_gives_that_reason_and_its_fix(
    run_cli: RunCli, tmp_path: Path, lang: str, reason: str, wrong: str
) -> None:
    study = _coded_without_notes(tmp_path)
    out = tmp_path / "r"
    result = run_cli("report", str(study), "--out", str(out), "--bootstrap", "0",
                     "--lang", lang)
    assert result.code == 0, result.err
    headline = result.out.splitlines()[0]
    assert reason in headline
    assert "coded_responses/quality/methods.yaml" in headline
    assert "target_codes" in headline and '"Study notes"' in headline
    assert wrong not in result.out
    md = (out / "report.md").read_text(encoding="utf-8")
    assert f"**{headline}**" in md.replace("\\", "")  # markdown escapes _ and [
    assert headline in _summary_text(out)
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert saved["summary"]["headline"]["text"] == headline

    # once the notes name the target codes, the interviews decide
    (study / "methods.yaml").write_text("concept:\n  target_codes: [clear]\n", encoding="utf-8")
    again = run_cli("report", str(study), "--out", str(out), "--bootstrap", "0", "--lang", lang)
    assert again.code == 0, again.err
    assert reason not in again.out.splitlines()[0]


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`tut demo-data` output (its spec.yaml), small."""
    from tut.cli import main

    out = tmp_path_factory.mktemp("demo-data")
    assert main(["demo-data", "--out", str(out), "--n", "1000", "--seed", "2"]) == 0
    return out / "spec.yaml"


def _other_wording_spec(demo_spec: Path) -> Path:
    """The demo spec with ballot 2 said to have heard a wording the example study's
    interviews did not test."""
    spec = demo_spec.with_name("other-wording.yaml")
    text = demo_spec.read_text(encoding="utf-8")
    assert "2: cand-responsible-en" in text
    spec.write_text(text.replace("2: cand-responsible-en", "2: cand-available-en"), "utf-8")
    return spec


@pytest.mark.parametrize(("lang", "label", "says"), [
    ("en", '"Could be called on" (candidate)', "the interviews did not test"),
    ("es", "«Could be called on» (candidata)", "las entrevistas no probaron"),
])
def test_a_microdata_wording_the_study_lacks_is_named_by_its_registry_label(
    run_cli: RunCli, tmp_path: Path, demo_data: Path, lang: str, label: str, says: str
) -> None:
    from tut.examples import EXAMPLE_STUDY

    spec = _other_wording_spec(demo_data)
    out = tmp_path / "r"
    result = run_cli("report", str(EXAMPLE_STUDY), "--data", str(spec), "--out", str(out),
                     "--bootstrap", "0", "--lang", lang)
    assert result.code == 0, result.err
    micro = [x for x in result.out.splitlines() if label in x]
    assert micro, result.out  # the printed microdata finding names it by its label
    assert "cand-available-en" not in result.out
    page = _summary_text(out)
    assert label in page and "cand-available-en" not in page  # findings, key numbers, chart
    # said plainly, beside the microdata findings, on page one and by tut report
    (caveat,) = [x for x in result.err.splitlines() if says in x]
    assert label in caveat
    assert caveat.removeprefix("warning: ") in page
    md = (out / "report.md").read_text(encoding="utf-8")
    summary = md[: md.index("\n## ", md.index("## ") + 1)]
    assert summary.index(caveat.removeprefix("warning: ")) > summary.index(micro[0][:40])
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [c["key"] for c in saved["summary"]["microdata_caveats"]] == ["caveat-other-wordings"]


def test_microdata_of_the_interviews_wordings_need_no_such_caveat(
    run_cli: RunCli, tmp_path: Path, demo_data: Path
) -> None:
    from tut.examples import EXAMPLE_STUDY

    out = tmp_path / "r"
    result = run_cli("report", str(EXAMPLE_STUDY), "--data", str(demo_data), "--out", str(out),
                     "--bootstrap", "0", "--format", "json")
    assert result.code == 0, result.err
    assert "did not test" not in result.err
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert saved["summary"]["microdata_caveats"] == []
