"""`tut report` prints, after the headline, each language's verdict with the exact test and
p-value it rests on, and each microdata finding with its p and Holm p, in the report's
language: the numbers of report.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tut.examples import EXAMPLE_STUDY

RunCli = Callable[..., Any]

WORDS = {
    "en": {"en": "English", "es": "Spanish", "vs": " vs ", "holm": "Holm p ",
           "tests": {"mcnemar": "McNemar", "fisher": "Fisher"}},
    "es": {"en": "Inglés", "es": "Español", "vs": " frente a ", "holm": "p de Holm ",
           "tests": {"mcnemar": "McNemar", "fisher": "Fisher"}},
}


def p_shown(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tut.cli import main

    out = tmp_path_factory.mktemp("verdicts")
    assert main(["demo-data", "--out", str(out), "--n", "1000", "--seed", "2"]) == 0
    return out / "spec.yaml"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_verdict_lines_show_the_test_and_p(lang: str, data: Path, run_cli: RunCli,
                                           tmp_path: Path) -> None:
    out = tmp_path / lang
    result = run_cli("report", str(EXAMPLE_STUDY), "--data", str(data), "--bootstrap", "0",
                     "--out", str(out), "--format", "json", "--lang", lang)
    assert result.code == 0, result.err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    lines = result.out.splitlines()
    words = WORDS[lang]
    findings = report["summary"]["languages"]
    assert findings, "the example study compares wordings in both languages"
    for f in findings:
        [line] = [x for x in lines if x.startswith(words[f["language"]] + ": ")]
        assert words["vs"] in line
        assert f"{words['tests'][f['test']]} p {p_shown(f['p'])}" in line, line
        reading = f["alternative_reading"]
        assert f"{reading['target']} " in line and f" {reading['respondents']}" in line
    # the report language's own comparison comes first, right after the headline
    assert lines[1].startswith(words[lang] + ": ")
    for m in report["summary"]["microdata"]:
        [line] = [x for x in lines if f"{words['holm']}{p_shown(m['p_holm'])}" in x]
        assert f"p {p_shown(m['p'])}" in line
    assert not any("McNemar" in x for x in result.err.splitlines())


def test_a_spec_with_the_old_level_key_is_named_by_tut_report_too(
    data: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    old = data.with_name("old-level.yaml")
    old.write_text(data.read_text().replace("\nci_level: 0.95\n", "\nlevel: 0.90\n"))
    result = run_cli("report", str(EXAMPLE_STUDY), "--data", str(old), "--bootstrap", "0",
                     "--out", str(tmp_path / "r"))
    assert result.code == 0, result.err
    (line,) = [x for x in result.err.splitlines() if "'level' is now 'ci_level'" in x]
    assert line.startswith(f"warning: {old}:line ")
    saved = json.loads((tmp_path / "r" / "report.json").read_text("utf-8"))
    assert saved["comparison"]["ci_level"] == 0.9


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_printed_verdict_is_the_key_numbers_verdict(lang: str, data: Path, run_cli: RunCli,
                                                        tmp_path: Path) -> None:
    """One sentence, two places: each language's verdict on the line `tut report` prints is
    the verdict cell of the report's key numbers, word for word; a finding without a test
    prints the report's finding title."""
    from dataclasses import replace

    from tut.cli.report import verdict_lines
    from tut.report.build import build_report
    from tut.report.inputs import load_report_input
    from tut.report.phrases import finding_title, finding_verdict

    out = tmp_path / lang
    result = run_cli("report", str(EXAMPLE_STUDY), "--data", str(data), "--bootstrap", "0",
                     "--out", str(out), "--format", "md", "--lang", lang)
    assert result.code == 0, result.err
    md = (out / "report.md").read_text(encoding="utf-8")
    report = build_report(load_report_input(EXAMPLE_STUDY, spec_path=data, bootstrap=0))
    for f in report.summary.languages:
        said = finding_verdict(f, lang)  # type: ignore[arg-type]
        assert f" {said} |" in md
        [line] = [x for x in result.out.splitlines() if f": {said} (" in x]
        assert line.startswith(WORDS[lang][f.language] + ": ")
    untested = replace(report.summary.languages[0], test="")
    plain = replace(report, summary=replace(report.summary, languages=(untested,)))
    assert verdict_lines(plain, lang)[0] == finding_title(untested, lang, plain)  # type: ignore[arg-type]
    assert finding_verdict(untested, lang) in finding_title(untested, lang, plain)  # type: ignore[arg-type]
