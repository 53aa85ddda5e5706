"""`tut microdata describe FILE --ddi codebook.xml`: a DDI Codebook 2.5 beside a data file
gives labels and question texts, shown next to the registry's wording for the same variable;
a DDI of another version is refused before anything is printed."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from tut.cli import main

DDI = """<?xml version="1.0" encoding="UTF-8"?>
<codeBook xmlns="ddi:codebook:2_5" version="2.5">
  <stdyDscr><citation><titlStmt><titl>ENUT extract</titl></titlStmt></citation></stdyDscr>
  <dataDscr>
    <var name="TUCC5">
      <labl>Child in care</labl>
      <qstn xml:lang="es"><qstnLit>¿Tenía a su cargo a algún niño o niña?</qstnLit></qstn>
      <catgry><catValu>1</catValu><labl>Sí</labl></catgry>
    </var>
    <var name="ONLY_IN_DDI"><labl>not in the file</labl></var>
  </dataDscr>
</codeBook>
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    root = tmp_path / "proj"
    assert main(["init", str(root)]) == 0
    sav = tmp_path / "atusact.sav"
    pyreadstat.write_sav(pd.DataFrame({"TUCC5": [1.0, 0.0], "X": [1.0, 2.0]}), str(sav),
                         column_labels=["label in the file", "x"])
    ddi = tmp_path / "codebook.xml"
    ddi.write_text(DDI, encoding="utf-8")
    return root, sav, ddi


def test_the_ddi_question_is_shown_next_to_the_registry_wording(run_cli, files) -> None:  # type: ignore[no-untyped-def]
    root, sav, ddi = files
    result = run_cli("--project", str(root), "microdata", "describe", str(sav), "--ddi", str(ddi))
    assert result.code == 0, result.err
    section = result.out.split(f"From the DDI codebook {ddi}: ", 1)[1]
    assert section.startswith("1 of the file's variables described; 1 DDI variables are not in the file")
    assert "TUCC5  label: Child in care" in section
    assert "DDI question [es]: ¿Tenía a su cargo a algún niño o niña?" in section
    assert "registry atus-tucc5-label-en [en] (variable label — not the read-out text)" in section


def test_json_carries_the_ddi_texts_and_the_registry_text_status(run_cli, files) -> None:  # type: ignore[no-untyped-def]
    root, sav, ddi = files
    result = run_cli("--project", str(root), "microdata", "describe", str(sav), "--ddi", str(ddi), "--json")
    data = json.loads(result.out)["ddi"]
    (row,) = data["variables"]
    assert row["ddi_questions"] == [{"language": "es", "text": "¿Tenía a su cargo a algún niño o niña?"}]
    assert row["ddi_line"] == 5
    assert {r["text_status"] for r in row["registry"]} == {"paraphrase", "variable-label"}
    assert data["not_in_data_file"] == ["ONLY_IN_DDI"]


def test_tuts_own_ddi_export_reads_back_as_a_codebook(run_cli, files, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root, sav, _ = files
    own = tmp_path / "own.xml"
    assert run_cli("--project", str(root), "instruments", "export", "--format", "ddi", "--out", str(own)).code == 0
    result = run_cli("--project", str(root), "microdata", "describe", str(sav), "--ddi", str(own), "--json")
    (row,) = json.loads(result.out)["ddi"]["variables"]
    assert row["ddi_label"] == "Was at least one of your own household children < 13 in your care during this activity?"
    assert row["ddi_questions"] == []  # neither ATUS text of TUCC5 is the read-out wording


@pytest.mark.parametrize(("xml", "what"), [
    ('<codeBook xmlns="http://www.icpsr.umich.edu/DDI" version="2.1"/>',
     "a DDI codeBook of another version (namespace http://www.icpsr.umich.edu/DDI), not DDI Codebook 2.5"),
    ('<DDIInstance xmlns="ddi:instance:3_2"/>', "the root element is DDI Lifecycle 3, not a DDI Codebook 2.5 codeBook"),
    ('<codeBook xmlns="ddi:codebook:2_5" version="2.1"/>', "codeBook version '2.1', not 2.5"),
])
def test_a_ddi_that_is_not_25_is_refused_before_any_output(run_cli, files, xml, what) -> None:  # type: ignore[no-untyped-def]
    root, sav, ddi = files
    ddi.write_text(xml, encoding="utf-8")
    result = run_cli("--project", str(root), "microdata", "describe", str(sav), "--ddi", str(ddi))
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == (f"error: {ddi}:line 1: {what} (export or download the codebook as DDI Codebook 2.5 "
                                  "(namespace ddi:codebook:2_5))")
