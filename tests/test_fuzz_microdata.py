"""Fuzzing CSV microdata and its data dictionary: the codebook and the columns are read, or a
TutError says why; `tut microdata describe` exits 0 or prints error lines and exits 2."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fuzz_support import CLI_FUZZ, FUZZ, assert_refused_cleanly, mutated
from hypothesis import given
from hypothesis import strategies as st

from tut.errors import TutError
from tut.microdata import read_codebook, read_columns

CSV = b'''folio,sexo,cuidado_min,fac_per,fecha,hora,comentario
1,1,30,350.5,2024-03-01,07:30,
2,2,-1,410,2024-03-02,25:10:30,no recuerda
3,2,950,122,,,"dijo ""nada"""
4,1,NA,99,2024-03-04,00:05,
'''
DICTIONARY = b"""\
file_label: ENUT-style extract (synthetic)
null_values: ["NA"]
variables:
  sexo:
    label: Sexo
    value_labels: {1: Hombre, 2: Mujer}
    measure: nominal
  cuidado_min:
    label: Minutos al pendiente ayer
    missing_values: [-1, -2]
    missing_ranges: [[900, HI]]
  fac_per: {label: Factor}
  fecha: {label: Fecha, kind: date}
  hora: {label: Hora, kind: time}
  comentario: {kind: string}
"""
LATIN1 = DICTIONARY.replace(b"file_label", b"encoding: latin1\nfile_label")


def written(csv: bytes, dictionary: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="tut-fuzz-"))
    (folder / "enut.dictionary.yaml").write_bytes(dictionary)
    (folder / "enut.csv").write_bytes(csv)
    return folder / "enut.csv"


def read_or_refuse(path: Path) -> None:
    try:
        book = read_codebook(path)
        read_columns(path, book.names, codebook=book)
    except TutError:
        pass
    finally:
        shutil.rmtree(path.parent)


@FUZZ
@given(csv=mutated([CSV, CSV.replace(b",", b";")]), dictionary=st.sampled_from([DICTIONARY, LATIN1]))
def test_mutated_csv(csv, dictionary):
    read_or_refuse(written(csv, dictionary))


@FUZZ
@given(mutated([DICTIONARY, LATIN1]))
def test_mutated_dictionary(dictionary):
    read_or_refuse(written(CSV, dictionary))


@CLI_FUZZ
@given(csv=mutated([CSV]), dictionary=mutated([DICTIONARY]))
def test_describe_command(run_cli, csv, dictionary):
    path = written(csv, dictionary)
    result = run_cli("microdata", "describe", str(path))
    assert_refused_cleanly(result.code, result.err)
    shutil.rmtree(path.parent)
