"""What a new user following docs/walkthrough.md met in `tut report`: the headline gives the
real reason a study is inconclusive and its fix, wordings of the microdata are named by
their registry labels (and said to differ from the interviews' when they do), synthetic demo
microdata are named as such on page one, and spec labels may be given in both languages."""

from __future__ import annotations

import json
import re
import shutil
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
    # no share of the target concept was read, so no test is shown as if it were a result
    assert "McNemar" not in result.out and "Fisher" not in result.out
    assert all(f["test"] == "" and f["p"] is None for f in saved["summary"]["languages"])

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


def _real_study(tmp_path: Path) -> Path:
    """The example study with notes that do not call it illustrative (a user's own)."""
    from tut.examples import EXAMPLE_STUDY

    study = tmp_path / "study"
    shutil.copytree(EXAMPLE_STUDY, study)
    notes = study / "methods.yaml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("illustrative: true\n", ""),
                     encoding="utf-8")
    return study


@pytest.mark.parametrize(("lang", "says"), [
    ("en", "SYNTHETIC MICRODATA: the survey data of this report were invented by tut demo-data"),
    ("es", "MICRODATOS SINTÉTICOS: los datos de encuesta de este informe los inventó tut"),
])
def test_a_users_spec_on_demo_data_is_said_to_be_synthetic(
    run_cli: RunCli, tmp_path: Path, demo_data: Path, lang: str, says: str
) -> None:
    """The user's own spec (another title, nothing saying "synthetic") on `tut demo-data`
    output: the file's labels say what it is, and the report and tut report say it first."""
    study = _real_study(tmp_path)
    spec = demo_data.with_name("mine.yaml")
    text = demo_data.read_text(encoding="utf-8")
    title = next(x for x in text.splitlines() if x.startswith("title:"))
    spec.write_text(text.replace(title, "title: Ballot test, wave 1"), encoding="utf-8")
    out = tmp_path / "r"
    result = run_cli("report", str(study), "--data", str(spec), "--out", str(out),
                     "--bootstrap", "0", "--lang", lang)
    assert result.code == 0, result.err
    assert result.err.splitlines()[0].startswith(f"warning: {says}")
    html = (out / "report.html").read_text(encoding="utf-8")
    banner = html[html.index('<p class="banner"'):]
    assert says in unescape(banner[: banner.index("</p>")])
    assert html.index('<p class="banner"') < html.index('<section id="summary">')
    md = (out / "report.md").read_text(encoding="utf-8")
    assert md.index(says) < md.index("## ")
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert saved["summary"]["synthetic"] == ["demo"]


def test_a_file_cut_from_demo_data_keeps_the_mark_and_real_data_have_none(
    tmp_path: Path, demo_data: Path
) -> None:
    """A subset saved again without the file label keeps the variables' [SYNTHETIC]
    labels; a file without either mark is real data to tut."""
    import pyreadstat

    from tut.microdata.demo_data import is_synthetic
    from tut.microdata.readers import read_codebook

    frame, meta = pyreadstat.read_sav(str(demo_data.with_name("demo.sav")), row_limit=50)
    cut = tmp_path / "cut.sav"
    pyreadstat.write_sav(frame, str(cut), column_labels=meta.column_labels)
    assert is_synthetic(read_codebook(demo_data.with_name("demo.sav")))
    assert is_synthetic(read_codebook(demo_data.with_name("demo.dta")))
    assert is_synthetic(read_codebook(cut))
    plain = tmp_path / "plain.sav"
    pyreadstat.write_sav(frame, str(plain), file_label="Ballot test, wave 1")
    assert not is_synthetic(read_codebook(plain))


def _unmarked_copy(demo_spec: Path, name: str) -> Path:
    """The demo data saved again as NAME.sav without tut's SYNTHETIC marks (a real survey as
    far as tut can tell), and a spec reading it."""
    import pyreadstat

    frame, meta = pyreadstat.read_sav(str(demo_spec.with_name("demo.sav")), user_missing=True)
    pyreadstat.write_sav(frame, str(demo_spec.with_name(f"{name}.sav")), file_label="Ballot test",
                         variable_value_labels=meta.variable_value_labels,
                         missing_ranges=meta.missing_ranges)
    spec = demo_spec.with_name(f"{name}.yaml")
    spec.write_text(demo_spec.read_text(encoding="utf-8").replace("demo.sav", f"{name}.sav"),
                    encoding="utf-8")
    return spec


def test_a_report_on_real_microdata_has_no_synthetic_warning(
    run_cli: RunCli, tmp_path: Path, demo_data: Path
) -> None:
    spec = _unmarked_copy(demo_data, "real")
    out = tmp_path / "r"
    result = run_cli("report", str(_real_study(tmp_path)), "--data", str(spec), "--out",
                     str(out), "--bootstrap", "0")
    assert result.code == 0, result.err
    assert "SYNTHETIC" not in result.err
    assert '<p class="banner"' not in (out / "report.html").read_text(encoding="utf-8")


def _bilingual_spec(demo_spec: Path) -> Path:
    """The demo spec with its title, the main outcome's label and unit, a converted unit
    and the categories of sex given in English and Spanish, as methods.yaml texts may be."""
    text = demo_spec.read_text(encoding="utf-8")
    title = next(x for x in text.splitlines() if x.startswith("title:"))
    for old, new in [
        (title, "title: {en: Ballot test, es: Prueba de boletas}"),
        ("    label: Secondary childcare, children under 13\n",
         "    label:\n      en: Watching a child while doing something else\n"
         "      es: Vigilar a un niño mientras hace otra cosa\n"),
        ("    kind: mean\n    unit: minutes per day\n  - name: care_any",
         "    kind: mean\n    unit: {en: minutes per day, es: minutos diarios}\n"
         "  - name: care_any"),
        ("      to: hours per week\n", "      to: {en: hours per week, es: horas semanales}\n"),
        ("  - sex\n", "  - variable: sex\n    labels: {1: {en: Men, es: Varones}, "
         "2: {en: Women, es: Mujeres}}\n"),
        ("  first: Female\n  second: Male\n", "  first: Women\n  second: Men\n"),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    spec = demo_spec.with_name("bilingual.yaml")
    spec.write_text(text, encoding="utf-8")
    return spec


@pytest.mark.parametrize(("lang", "label", "unit", "title", "other"), [
    ("en", "watching a child while doing something else", "minutes per day", "Ballot test",
     "Vigilar a un niño"),
    ("es", "vigilar a un niño mientras hace otra cosa", "minutos diarios", "Prueba de boletas",
     "Watching a child while"),
])
def test_spec_labels_given_in_both_languages_are_shown_in_the_reports_language(
    run_cli: RunCli, tmp_path: Path, demo_data: Path,
    lang: str, label: str, unit: str, title: str, other: str,
) -> None:
    from tut.examples import EXAMPLE_STUDY

    spec = _bilingual_spec(demo_data)
    out = tmp_path / "r"
    result = run_cli("report", str(EXAMPLE_STUDY), "--data", str(spec), "--out", str(out),
                     "--bootstrap", "0", "--lang", lang)
    assert result.code == 0, result.err
    (micro,) = [x for x in result.out.splitlines() if label in x]
    assert f" {unit} " in micro
    assert other not in result.out and "{'en'" not in result.out
    md = (out / "report.md").read_text(encoding="utf-8")
    md = md[: md.index("~~~~yaml")]  # not the copy of the spec in the provenance
    assert label[:1].upper() + label[1:] in md  # the chart's and the tables' headings
    assert f"({unit})" in md and f"**{title}**" in md
    assert other not in md and "{'en'" not in md
    hours = "horas semanales" if lang == "es" else "hours per week"
    assert f"({hours})" in md  # a converted unit too
    women, other_women = ("Mujeres", "Women") if lang == "es" else ("Women", "Mujeres")
    assert f"{women} −" in md and f": {women}" in md  # the gap, the domains' rows
    assert other_women not in md

    shown = run_cli("compare", str(spec), "--lang", lang)
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    assert lines[0] == title
    assert any(x.startswith(f"care (mean, {unit})") for x in lines), shown.out


@pytest.mark.parametrize(("old", "new", "where", "says"), [
    ("es: minutos diarios}", "fr: minutes par jour}", "/outcomes/0/unit/fr", "unknown key 'fr'"),
    ("{en: minutes per day,", "{en: minutes, per day,", "/outcomes/0/unit",
     "text cut at a comma: 'per day' became a key of its own (inside { } a comma ends the "
     "text: put the whole text in quotes)"),
    ("es: Prueba de boletas}", "es: [Prueba]}", "/title/es", "['Prueba'] is not of type 'string'"),
])
def test_a_bilingual_spec_label_is_checked_by_the_spec_schema(
    run_cli: RunCli, demo_data: Path, old: str, new: str, where: str, says: str
) -> None:
    good = _bilingual_spec(demo_data)
    bad = good.with_name("bad-label.yaml")
    text = good.read_text(encoding="utf-8")
    assert text.count(old) == 1
    bad.write_text(text.replace(old, new), encoding="utf-8")
    result = run_cli("compare", str(bad))
    assert result.code == 2
    (line,) = result.err.strip().splitlines()
    assert line.startswith(f"error: {bad}:line ") and f"({where}): {says}" in line
    assert "Traceback" not in result.err


@pytest.mark.parametrize(("lang", "says"), [
    ("en", "warning: SYNTHETIC MICRODATA: dataset demo was invented by tut demo-data"),
    ("es", "warning: MICRODATOS SINTÉTICOS: tut demo-data inventó el conjunto demo"),
])
def test_tut_compare_on_demo_data_says_first_that_it_is_synthetic(
    run_cli: RunCli, demo_data: Path, lang: str, says: str
) -> None:
    table = run_cli("compare", str(demo_data), "--lang", lang)
    assert table.code == 0, table.err
    assert table.err.splitlines()[0].startswith(says)  # no other warning on this spec
    as_json = run_cli("compare", str(demo_data), "--json")
    assert [d["synthetic"] for d in json.loads(as_json.out)["datasets"]] == [True]
    assert as_json.err.startswith("warning: SYNTHETIC MICRODATA")


def test_tut_compare_on_real_microdata_gives_no_synthetic_warning(
    run_cli: RunCli, demo_data: Path
) -> None:
    spec = _unmarked_copy(demo_data, "plain")
    result = run_cli("compare", str(spec), "--json")
    assert result.code == 0, result.err
    assert "SYNTHETIC" not in result.err
    assert [d["synthetic"] for d in json.loads(result.out)["datasets"]] == [False]
