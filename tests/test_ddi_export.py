"""`tut instruments export --format ddi [--microdata FILE]`: a DDI Codebook 2.5 file valid
against the official schema, where only read-out texts are qstnLit and a label or a paraphrase
is kept where DDI keeps such text, marked as not the wording read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
import xmlschema
from conftest import shared_dir

from tut.cli import main
from tut.instruments.registry import registry_for
from tut.project import find_project
from tut.xmlsafe import parse_xml

DDI = "{ddi:codebook:2_5}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "proj"
    assert main(["init", str(folder)]) == 0
    return folder


def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(shared_dir("schemas") / "ddi-codebook-2.5" / "codebook.xsd"))


def export(run_cli, root: Path, *more: str) -> Path:  # type: ignore[no-untyped-def]
    out = root / "wordings.ddi.xml"
    result = run_cli("--project", str(root), "instruments", "export", "--format", "ddi", "--out", str(out), *more)
    assert result.code == 0, result.err
    schema().validate(str(out))
    return out


def test_only_read_out_texts_are_qstnlit_and_the_rest_is_marked(run_cli, root) -> None:  # type: ignore[no-untyped-def]
    book = parse_xml(export(run_cli, root))
    variants = registry_for(find_project(root)).variants.values()
    literal = {el.text for el in book.iter(f"{DDI}qstnLit")}
    assert literal == {v.wording for v in variants if v.text_status in ("verbatim", "secondary-source")}
    not_read = [v for v in variants if v.text_status in ("variable-label", "paraphrase", "candidate")]
    assert not_read
    for var in book.iter(f"{DDI}var"):
        marked = {n.get("subject") for n in var.findall(f"{DDI}notes") if n.get("type") == "tut:text-status"}
        held = {el.text for tag in ("labl", "txt") for el in var.findall(f"{DDI}{tag}")}
        for v in not_read:
            if v.wording in held:
                assert v.id in marked
                note = next(n.text for n in var.findall(f"{DDI}notes") if n.get("subject") == v.id)
                assert "not the question as read to respondents" in note


def test_language_versions_instructions_universe_and_categories(run_cli, root) -> None:  # type: ignore[no-untyped-def]
    book = parse_xml(export(run_cli, root))
    registry = registry_for(find_project(root))
    es = next(v for v in registry.variants.values() if v.translation_of == "cand-responsible-en")
    var = next(v for v in book.iter(f"{DDI}var") if v.get("name") == "cand-responsible-es")
    texts = {(t.get(LANG), t.text) for t in var.findall(f"{DDI}txt")}
    assert (es.language, es.wording) in texts
    assert ("en", registry.get("cand-responsible-en").wording) in texts
    assert {i.text for i in var.iter(f"{DDI}ivuInstr")} >= {es.interviewer_instructions}
    assert (es.language, es.target_population) in {(u.get(LANG), u.text) for u in var.findall(f"{DDI}universe")}
    tucc5 = next(v for v in book.iter(f"{DDI}var") if v.get("name") == "TUCC5")
    cats = {c.findtext(f"{DDI}catValu"): (c.findtext(f"{DDI}labl"), c.get("missing")) for c in tucc5.findall(f"{DDI}catgry")}
    assert cats["-2"][0] == "Don't Know"
    group = next(g for g in book.iter(f"{DDI}varGrp") if g.get("ID") == "G.atus-in-your-care")
    assert "V.atusact.TUCC5" in group.get("var", "").split()


def test_a_data_file_gives_its_labels_and_categories(run_cli, root, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sav = tmp_path / "atusact.sav"
    frame = pd.DataFrame({"TUCC5": [1.0, -2.0, 1.0], "OTHER": [3.0, 4.0, 5.0]})
    pyreadstat.write_sav(frame, str(sav), column_labels=["Was a child in your care (label)", "other"],
                         variable_value_labels={"TUCC5": {1.0: "Yes", -2.0: "Don't know", -3.0: "Refused"}},
                         missing_ranges={"TUCC5": [-2.0, -3.0]})
    book = parse_xml(export(run_cli, root, "--microdata", str(sav)))
    (file,) = book.iter(f"{DDI}fileDscr")
    assert file.findtext(f"{DDI}fileTxt/{DDI}dimensns/{DDI}caseQnty") == "3"
    tucc5 = next(v for v in book.iter(f"{DDI}var") if v.get("name") == "TUCC5")
    assert tucc5.get("files") == "F1"
    assert tucc5.find(f"{DDI}labl").text == "Was a child in your care (label)"
    cats = {c.findtext(f"{DDI}catValu"): (c.findtext(f"{DDI}labl"), c.get("missing")) for c in tucc5.findall(f"{DDI}catgry")}
    assert cats["1"] == ("Yes", None) and cats["-3"] == ("Refused", "Y") and cats["-2"] == ("Don't know", "Y")
    assert not [v for v in book.iter(f"{DDI}var") if v.get("name") == "OTHER"]


def test_without_out_the_xml_goes_to_standard_output_and_an_export_is_never_overwritten(run_cli, root) -> None:  # type: ignore[no-untyped-def]
    shown = run_cli("--project", str(root), "instruments", "export", "--format", "ddi", "--family", "tut-candidates")
    assert shown.code == 0
    schema().validate(shown.out.strip())
    assert {v.get("name") for v in parse_xml(shown.out.encode()).iter(f"{DDI}var")} >= {"care_min", "cand-available-en"}
    out = export(run_cli, root)
    again = run_cli("--project", str(root), "instruments", "export", "--format", "ddi", "--out", str(out))
    assert again.code == 2 and again.err.startswith(f"error: {out}: file exists")
    bad = run_cli("--project", str(root), "instruments", "export", "--format", "ddi", "--family", "nope")
    assert bad.code == 2 and "unknown family 'nope'" in bad.err
