"""CSV microdata with a data dictionary beside it."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from tut.errors import TutError
from tut.microdata import read_codebook, read_columns

CSV = '''folio,sexo,cuidado_min,fac_per,fecha,hora,comentario
1,1,30,350.5,2024-03-01,07:30,
2,2,-1,410,2024-03-02,25:10:30,no recuerda
3,2,950,122,,,"dijo ""nada"""
4,1,NA,99,2024-03-04,00:05,
'''

DICTIONARY = """\
file_label: ENUT-style extract (synthetic)
null_values: ["NA"]
variables:
  sexo:
    label: Sexo
    value_labels: {1: Hombre, 2: Mujer}
    measure: nominal
  cuidado_min:
    label: Minutos al pendiente ayer
    value_labels: {-1: No responde}
    missing_values: [-1, -2]
    missing_ranges: [[900, HI]]
  fac_per: {label: Factor de expansión}
  fecha: {label: Fecha de la entrevista, kind: date}
  hora: {label: Hora de inicio, kind: time}
  comentario: {kind: string}
"""


@pytest.fixture
def survey(tmp_path):
    (tmp_path / "enut.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "enut.dictionary.yaml").write_text(DICTIONARY, encoding="utf-8")
    return tmp_path / "enut.csv"


def test_dictionary_gives_labels_and_missing_declarations(survey):
    book = read_codebook(survey)
    assert book.format == "csv" and book.n_rows == 4
    assert book.file_label == "ENUT-style extract (synthetic)"
    assert book.names == ["folio", "sexo", "cuidado_min", "fac_per", "fecha", "hora", "comentario"]
    care = book.variable("cuidado_min")
    assert care.missing_values == (-1.0, -2.0)
    assert care.missing_ranges == ((900.0, math.inf),)
    assert care.value_labels == {-1.0: "No responde"}
    assert book.variable("sexo").value_labels == {1.0: "Hombre", 2.0: "Mujer"}
    assert book.variable("folio").label == ""  # not in the dictionary: read, unlabelled


def test_columns_come_back_raw_in_tut_dtypes(survey):
    frame = read_columns(survey, ["cuidado_min", "fecha", "hora", "comentario", "sexo"])
    assert frame["cuidado_min"].to_list() == [30.0, -1.0, 950.0, None]
    assert frame["fecha"].to_list()[:3] == [dt.date(2024, 3, 1), dt.date(2024, 3, 2), None]
    assert frame["hora"].to_list()[:2] == [
        dt.timedelta(hours=7, minutes=30), dt.timedelta(hours=25, minutes=10, seconds=30)]
    assert frame["comentario"].to_list()[1:3] == ["no recuerda", 'dijo "nada"']
    book = read_codebook(survey)
    flagged = frame.select(book.variable("cuidado_min").missing_expr()).to_series().to_list()
    assert flagged == [False, True, True, False]


def test_a_cell_that_does_not_parse_names_its_line_and_column(tmp_path):
    (tmp_path / "d.csv").write_text("id,minutes\n1,30\n2,thirty\n", encoding="utf-8")
    (tmp_path / "d.dictionary.yaml").write_text("variables:\n  minutes: {}\n", encoding="utf-8")
    with pytest.raises(TutError) as err:
        read_columns(tmp_path / "d.csv", ["minutes"])
    (line,) = err.value.lines()
    assert ":line 3, column minutes: 'thirty' is not a numeric value" in line


def test_dictionary_naming_an_absent_column_points_at_its_line(tmp_path):
    (tmp_path / "d.csv").write_text("id,minutes\n1,30\n", encoding="utf-8")
    (tmp_path / "d.dictionary.yaml").write_text(
        "variables:\n  id: {}\n  minutos: {label: x}\n", encoding="utf-8")
    with pytest.raises(TutError) as err:
        read_codebook(tmp_path / "d.csv")
    assert "d.dictionary.yaml:line 3" in str(err.value)
    assert "'minutos' is not a column of d.csv" in str(err.value)


def test_dictionary_schema_errors_are_located(tmp_path):
    (tmp_path / "d.csv").write_text("id\n1\n", encoding="utf-8")
    (tmp_path / "d.dictionary.yaml").write_text(
        "variables:\n  id: {kind: integer}\n", encoding="utf-8")
    with pytest.raises(TutError, match="line 2"):
        read_codebook(tmp_path / "d.csv")


def test_csv_without_dictionary_says_where_to_put_one(tmp_path, run_cli):
    (tmp_path / "d.csv").write_text("id\n1\n", encoding="utf-8")
    result = run_cli("microdata", "describe", str(tmp_path / "d.csv"))
    assert result.code == 2
    assert "write d.dictionary.yaml beside it" in result.err
    assert "missing_ranges" in run_cli("microdata", "--help").out


def test_json_dictionary_and_latin1_csv(tmp_path):
    (tmp_path / "d.csv").write_bytes("id;ciudad\n1;Düsseldorf\n".encode("latin1"))
    (tmp_path / "d.dictionary.json").write_text(json.dumps({
        "encoding": "latin1", "delimiter": ";",
        "variables": {"ciudad": {"kind": "string", "label": "Ciudad"}},
    }), encoding="utf-8")
    assert read_columns(tmp_path / "d.csv", ["ciudad"])["ciudad"].to_list() == ["Düsseldorf"]


def test_describe_cli_on_csv_recognises_design(survey, run_cli):
    data = json.loads(run_cli("microdata", "describe", str(survey), "--json").out)
    assert data["reader"] == "csv"
    assert [d["variables"] for d in data["design"]] == [["fac_per"]]
    assert data["user_missing"]["cuidado_min"] == ["-1", "-2", "900 THRU HI"]
