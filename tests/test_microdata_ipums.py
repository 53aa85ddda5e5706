"""IPUMS extracts: a DDI codebook (.xml) plus fixed-width data (.dat.gz) beside it.

The real extract is the 2016 ATUS at activity level (../shared/realfiles/ipums); a small
hierarchical extract (household, person and activity records interleaved) is written
here, since the shared folder has only a rectangular one.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from conftest import shared_dir

from tut.errors import TutError
from tut.microdata import read_codebook, read_columns
from tut.microdata.readers import iter_batches


def atus() -> Path:
    return shared_dir("realfiles") / "ipums" / "atus_00034.xml"


def copy_extract(tmp_path: Path) -> Path:
    """A private copy of the real extract, to break."""
    src = atus()
    for name in (src.name, "atus_00034.dat.gz"):
        shutil.copyfile(src.parent / name, tmp_path / name)
    return tmp_path / src.name


def test_describe_reads_labels_value_labels_and_rows_of_the_real_extract(run_cli):
    result = run_cli("microdata", "describe", str(atus()), "--json")
    assert result.code == 0, result.err
    info = json.loads(result.out)
    assert info["format"] == "ddi"
    assert info["rows"] == 207_213
    variables = {v["name"]: v for v in info["variables"]}
    assert variables["WT06"]["label"] == "Person weight, 2006 methodology"
    assert variables["SEX"]["value_labels"] == {"1": "Male", "2": "Female", "99": "NIU (Not in universe)"}
    assert variables["ACTIVITY"]["value_labels"]["10101"] == "Sleeping"
    assert variables["START"]["kind"] == "string"
    assert [d["variables"] for d in info["design"] if d["role"] == "weight"] == [["WT06"]]


def test_reads_the_real_extract_column_by_column():
    frame = read_columns(atus(), ["CASEID", "WT06", "ACTIVITY", "START", "STOP", "BLS_PCARE"])
    assert frame.height == 207_213
    assert frame["CASEID"].n_unique() == 10_493
    first = frame.row(0, named=True)
    assert first["CASEID"] == 20160101160045
    assert first["WT06"] == pytest.approx(24588650.1615)
    assert first["ACTIVITY"] == 10101  # "010101" Sleeping
    assert (first["START"], first["STOP"]) == ("04:00:00", "11:00:00")
    assert frame["START"].str.len_chars().unique().to_list() == [8]
    # person variables repeat on every episode of a respondent
    per_person = frame.group_by("CASEID").agg(pl.col("WT06").n_unique(), pl.col("BLS_PCARE").n_unique())
    assert per_person["WT06"].max() == 1 and per_person["BLS_PCARE"].max() == 1


def test_batches_cover_every_row_once():
    sizes = [b.height for b in iter_batches(atus(), ["CASEID"], batch_rows=50_000)]
    assert len(sizes) > 2
    assert sum(sizes) == 207_213


# --- a hierarchical extract ---------------------------------------------------------------

HIER_DDI = """<?xml version="1.0" encoding="UTF-8"?>
<codeBook xmlns="ddi:codebook:2_5" version="2.5">
  <stdyDscr><citation><titlStmt><titl>Tiny hierarchical extract</titl></titlStmt></citation></stdyDscr>
  <fileDscr ID="ExtractData"><fileTxt>
    <fileName>tiny_00001.dat</fileName>
    <fileStrc type="hierarchical">
      <recGrp keyvar="CASEID" recidvar="RECTYPE" rectype="3"><labl>Activity Record</labl></recGrp>
      <recGrp keyvar="CASEID" recidvar="RECTYPE" rectype="2"><labl>Person Record</labl></recGrp>
      <recGrp recidvar="RECTYPE" rectype="1"><labl>Household Record</labl></recGrp>
    </fileStrc>
    <fileType charset="ISO-8859-1">ISO-8859-1 data file</fileType>
  </fileTxt></fileDscr>
  <dataDscr>
    <var ID="RECTYPE" name="RECTYPE" dcml="0" rectype="1 2 3"><location StartPos="1" EndPos="1" width="1"/>
      <labl>Record Type</labl><varFormat type="numeric"/></var>
    <var ID="CASEID" name="CASEID" dcml="0" rectype="1 2 3"><location StartPos="2" EndPos="3" width="2"/>
      <labl>Case</labl><varFormat type="numeric"/></var>
    <var ID="REGION" name="REGION" dcml="0" rectype="1"><location StartPos="4" EndPos="4" width="1"/>
      <labl>Región</labl><catgry><catValu>1</catValu><labl>Norte</labl></catgry>
      <catgry><catValu>2</catValu><labl>Sur</labl></catgry><varFormat type="numeric"/></var>
    <var ID="WT" name="WT" dcml="2" rectype="2"><location StartPos="4" EndPos="8" width="5"/>
      <labl>Weight</labl><varFormat type="numeric"/></var>
    <var ID="ACTIVITY" name="ACTIVITY" dcml="0" rectype="3"><location StartPos="4" EndPos="9" width="6"/>
      <labl>Activity</labl><varFormat type="numeric"/></var>
    <var ID="START" name="START" dcml="0" rectype="3"><location StartPos="10" EndPos="14" width="5"/>
      <labl>Start</labl><varFormat type="character"/></var>
    <var ID="DUR" name="DUR" dcml="0" rectype="3"><location StartPos="15" EndPos="18" width="4"/>
      <labl>Duration (minutes)</labl><varFormat type="numeric"/></var>
  </dataDscr>
</codeBook>
"""
HIER_LINES = [
    "1011",
    "20112345",
    "30101010104:000330",
    "30103010109:301110",
    "1022",
    "20200050",
    "30201010104:001440",
    "1031",
    "20300075",
]


def write_hierarchical(folder: Path, lines: list[str] = HIER_LINES, ddi: str = HIER_DDI) -> Path:
    (folder / "tiny_00001.xml").write_text(ddi, encoding="utf-8")
    with gzip.open(folder / "tiny_00001.dat.gz", "wt", encoding="latin-1") as fh:
        fh.write("\n".join(lines) + "\n")
    return folder / "tiny_00001.xml"


def test_hierarchical_record_types_are_tables(tmp_path):
    ddi = write_hierarchical(tmp_path)
    persons = read_codebook(ddi, table="person")
    assert persons.n_rows == 3 and persons.table == "person"
    assert list(persons.variables) == ["RECTYPE", "CASEID", "WT"]
    frame = read_columns(ddi, ["CASEID", "WT"], codebook=persons)
    assert frame.to_dict(as_series=False) == {"CASEID": [1.0, 2.0, 3.0], "WT": [123.45, 0.5, 0.75]}
    acts = read_codebook(ddi, table="activity")
    episodes = read_columns(ddi, ["CASEID", "ACTIVITY", "START"], codebook=acts)
    assert episodes["ACTIVITY"].to_list() == [10101, 30101, 10101]
    assert episodes["START"].to_list() == ["04:00", "09:30", "04:00"]
    homes = read_codebook(ddi, table="1")  # the record-type code works too
    assert homes.variables["REGION"].value_labels == {1.0: "Norte", 2.0: "Sur"}
    assert read_columns(ddi, ["REGION"], codebook=homes)["REGION"].to_list() == [1.0, 2.0, 1.0]


def test_describe_a_hierarchical_extract_lists_its_tables(tmp_path, run_cli):
    ddi = write_hierarchical(tmp_path)
    whole = run_cli("microdata", "describe", str(ddi))
    assert whole.code == 0, whole.err
    assert "activity (RECTYPE 3): 3 records, linked by CASEID" in whole.out.replace("\n", " ")
    one = run_cli("microdata", "describe", str(ddi), "--table", "activity", "--json")
    assert (json.loads(one.out)["rows"], json.loads(one.out)["table"]) == (3, "activity")


def test_reading_a_hierarchical_extract_needs_a_table(tmp_path):
    ddi = write_hierarchical(tmp_path)
    with pytest.raises(TutError, match="name one of: household, person, activity"):
        read_columns(ddi, ["CASEID"])
    with pytest.raises(TutError, match="no record type 'persons'"):
        read_codebook(ddi, table="persons")


def test_unknown_record_type_on_a_line_is_refused_with_its_line(tmp_path):
    ddi = write_hierarchical(tmp_path, HIER_LINES[:4] + ["9011"] + HIER_LINES[5:])
    with pytest.raises(TutError) as err:
        read_codebook(ddi, table="person")
    assert str(err.value).startswith(f"{tmp_path / 'tiny_00001.dat.gz'}:line 5: record type '9'")


# --- broken and hostile extracts: one error line, exit 2 ----------------------------------

def one_error(run_cli, path: Path) -> str:
    result = run_cli("microdata", "describe", str(path))
    assert result.code == 2, result.out
    (line,) = result.err.strip().splitlines()
    assert "Traceback" not in result.err
    return line


def test_a_truncated_data_file_is_refused(tmp_path, run_cli):
    ddi = copy_extract(tmp_path)
    data = tmp_path / "atus_00034.dat.gz"
    data.write_bytes(data.read_bytes()[: data.stat().st_size // 2])
    line = one_error(run_cli, ddi)
    assert line.startswith(f"error: {data}:line ")
    assert "cut short" in line


def test_columns_beyond_the_line_mean_the_ddi_does_not_describe_the_file(tmp_path, run_cli):
    ddi = copy_extract(tmp_path)
    text = ddi.read_text("utf-8").replace(
        '<location EndPos="81" StartPos="78" width="4"/>', '<location EndPos="90" StartPos="78" width="13"/>')
    ddi.write_text(text, "utf-8")
    line = one_error(run_cli, ddi)
    assert line == (f"error: {tmp_path / 'atus_00034.dat.gz'}:line 1: the line is 81 characters long, "
                    "but atus_00034.xml places its variables on 90 columns (the DDI does not describe "
                    "this file; download both again)")


def test_a_short_line_in_the_middle_is_named(tmp_path):
    ddi = copy_extract(tmp_path)
    data = tmp_path / "atus_00034.dat.gz"
    lines = gzip.decompress(data.read_bytes()).split(b"\n")
    lines[41] = lines[41][:60]
    data.write_bytes(gzip.compress(b"\n".join(lines)))
    with pytest.raises(TutError, match=r"dat.gz:line 42: the line is 60 characters long"):
        read_columns(ddi, ["CASEID"])


def test_missing_data_file(tmp_path, run_cli):
    ddi = tmp_path / "atus_00034.xml"
    shutil.copyfile(atus(), ddi)
    line = one_error(run_cli, ddi)
    assert line.startswith(f"error: {ddi}: the data file atus_00034.dat(.gz) is not beside the DDI")


def test_bad_xml_names_its_line(tmp_path, run_cli):
    ddi = copy_extract(tmp_path)
    ddi.write_text(ddi.read_text("utf-8").replace("</labl>", "</label>", 3), "utf-8")
    line = one_error(run_cli, ddi)
    assert line.startswith(f"error: {ddi}:line 99: not well-formed XML (mismatched tag, column ")


def test_entities_are_refused_before_parsing(tmp_path, run_cli):
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{"&lol;" * 10}">' for i in range(1, 9))
            + ']>\n<codeBook xmlns="ddi:codebook:2_5">&lol8;</codeBook>\n')
    ddi = tmp_path / "bomb.xml"
    ddi.write_text(bomb, "utf-8")
    line = one_error(run_cli, ddi)
    assert line.startswith(f"error: {ddi}:line 2: the XML declares a DTD (<!DOCTYPE lolz>)")


def test_a_variable_without_columns_is_located(tmp_path, run_cli):
    ddi = write_hierarchical(tmp_path, ddi=HIER_DDI.replace(
        '<location StartPos="4" EndPos="8" width="5"/>', ""))
    line = one_error(run_cli, ddi)
    assert line.startswith(f"error: {ddi}:line 21: variable WT has no <location>")


def test_a_number_that_does_not_parse_names_line_and_columns(tmp_path):
    ddi = write_hierarchical(tmp_path, HIER_LINES[:5] + ["202x0050"] + HIER_LINES[6:])  # line 6
    with pytest.raises(TutError, match=r"line 6, columns 4-8: 'x0050' is not a number \(variable WT\)"):
        read_columns(ddi, ["WT"], codebook=read_codebook(ddi, table="person"))


def test_reading_an_extract_loads_neither_pyreadstat_nor_the_yaml_validator():
    from conftest import run_fresh_python

    run_fresh_python(
        "import sys\n"
        "from tut.microdata import read_columns\n"
        f"assert read_columns({str(atus())!r}, ['CASEID']).height == 207_213\n"
        "loaded = [m for m in ('pyreadstat', 'jsonschema', 'pandas') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )


def test_reader_names_are_the_modules_names():
    import importlib

    from tut.microdata import readers

    for name, module in readers._MODULES.items():
        assert importlib.import_module(module).NAME == name


RECT_DDI = """<?xml version="1.0" encoding="UTF-8"?>
<codeBook xmlns="ddi:codebook:2_5" version="2.5">
  <fileDscr ID="ExtractData"><fileTxt>
    <fileName>enut_00001.dat</fileName>
    <fileStrc type="rectangular"/>
    <fileType charset="ISO-8859-1">ISO-8859-1 data file</fileType>
  </fileTxt></fileDscr>
  <dataDscr>
    <var ID="ENT" name="ENT" dcml="0"><location StartPos="1" EndPos="2" width="2"/>
      <labl>Entidad</labl><varFormat type="character"/></var>
    <var ID="MUN" name="MUN" dcml="0"><location StartPos="3" EndPos="10" width="8"/>
      <labl>Municipio</labl><varFormat type="character"/></var>
    <var ID="HRS" name="HRS" dcml="1"><location StartPos="11" EndPos="13" width="3"/>
      <labl>Horas</labl><varFormat type="numeric"/></var>
  </dataDscr>
</codeBook>
"""


def test_latin1_text_crlf_lines_and_implied_decimals(tmp_path):
    (tmp_path / "enut_00001.xml").write_text(RECT_DDI, encoding="utf-8")
    rows = ["09Coyoacán125", "15Toluca  4.5", "31Mérida     "]
    (tmp_path / "enut_00001.dat").write_bytes("\r\n".join(rows).encode("latin-1") + b"\r\n")
    book = read_codebook(tmp_path / "enut_00001.xml")
    assert book.n_rows == 3
    frame = read_columns(tmp_path / "enut_00001.xml", ["ENT", "MUN", "HRS"], codebook=book)
    assert frame.to_dict(as_series=False) == {
        "ENT": ["09", "15", "31"], "MUN": ["Coyoacán", "Toluca", "Mérida"], "HRS": [12.5, 4.5, None]}
