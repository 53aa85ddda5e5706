"""Fuzzing the segments import (CSV and JSON Lines): the reader returns segments or raises a
TutError; `study init` and `study add` exit 0 or print error lines and exit 2, and a refused file
leaves every saved study as it was."""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from coding_support import PROTOCOL
from fuzz_support import CLI_FUZZ, FUZZ, assert_refused_cleanly, fingerprint, mutated
from hypothesis import given
from hypothesis import strategies as st

from tut.coding.study import read_segments
from tut.errors import TutError
from tut.examples import EXAMPLE_STUDY

FIXTURES = Path(__file__).parent / "fixtures" / "coding"
EXAMPLE_CSV = EXAMPLE_STUDY.parent / "segments.csv"
CSV_SEEDS = [p.read_bytes() for p in sorted(FIXTURES.glob("*.csv"))]
JSONL_SEEDS = [(FIXTURES / "segments.jsonl").read_bytes()]
SHIPPED_PROTOCOL = "supervisory-care-wording-test"


def written(data: bytes, suffix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix="tut-fuzz-")) / f"segments{suffix}"
    path.write_bytes(data)
    return path


def read_or_refuse(path: Path, encoding: str = "utf-8") -> None:
    try:
        read_segments(path, PROTOCOL, encoding=encoding)
    except TutError:
        pass
    finally:
        shutil.rmtree(path.parent)


@FUZZ
@given(data=mutated(CSV_SEEDS), suffix=st.sampled_from([".csv", ".tsv", ".txt"]),
       encoding=st.sampled_from(["utf-8", "utf-8", "windows-1252", "latin-1"]))
def test_csv_reader(data, suffix, encoding):
    read_or_refuse(written(data, suffix), encoding)


@FUZZ
@given(mutated(JSONL_SEEDS))
def test_jsonl_reader(data):
    read_or_refuse(written(data, ".jsonl"))


CELL = st.one_of(
    st.sampled_from(["r1", "i1", "atus-incare-en", "enut-child-pendiente-es", "meaning",
                     "sleeping-child", "", " ", '"', '""', "a,b", "a;b", "a\tb", "x\ny", "\x00",
                     "\x0b", "NaN", "é", "\u202e", "a" * 140_000]),
    st.text(max_size=12),
)
COLUMN = st.sampled_from(["segment_id", "respondent_id", "interview_id", "variant_id",
                          "probe_id", "answer", "notes", "sex", "Answer ", "\ufeffanswer", ""])


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A header of known and odd column names, rows of hostile and ordinary cells, in a
    sniffed separator, quoted or not, in UTF-8 or Latin-1."""
    sep = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.lists(COLUMN, min_size=1, max_size=9))
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=len(header) + 1), max_size=6))
    quote = draw(st.booleans())

    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if quote else text

    lines = [sep.join(header)] + [sep.join(cell(c) for c in row) for row in rows]
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8", "latin-1"])), errors="replace")


@FUZZ
@given(csv_files())
def test_generated_csv(data):
    read_or_refuse(written(data, ".csv"))


@FUZZ
@given(st.lists(st.dictionaries(COLUMN, st.one_of(CELL, st.integers(), st.floats(),
                                                  st.none(), st.lists(CELL, max_size=2),
                                                  st.dictionaries(COLUMN, CELL, max_size=2))),
                max_size=5))
def test_generated_jsonl(records):
    lines = [json.dumps(r, allow_nan=True) for r in records]
    read_or_refuse(written("\n".join(lines).encode(), ".jsonl"))


# --- through the commands, next to a study already saved ------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from tut.cli import main

    root = tmp_path_factory.mktemp("fuzz") / "proj"
    assert main(["init", str(root)]) == 0
    assert main(["--project", str(root), "study", "init", "saved", "--protocol",
                 SHIPPED_PROTOCOL, "--segments", str(EXAMPLE_CSV)]) == 0
    return root


EXAMPLE_SEEDS = [EXAMPLE_CSV.read_bytes()]
NAMES = itertools.count()


@CLI_FUZZ
@given(data=mutated(EXAMPLE_SEEDS))
def test_study_init_and_add_leave_saved_studies_alone(run_cli, project, data):
    saved = project / "coded_responses" / "saved"
    before = fingerprint(saved)
    path = written(data, ".csv")
    name = f"new-{next(NAMES)}"  # a name no earlier example took
    result = run_cli("--project", str(project), "study", "init", name, "--protocol",
                     SHIPPED_PROTOCOL, "--segments", str(path))
    assert_refused_cleanly(result.code, result.err)
    assert fingerprint(saved) == before
    if result.code:
        assert not (project / "coded_responses" / name).exists()
    added = run_cli("--project", str(project), "study", "add", "saved", str(path))
    assert_refused_cleanly(added.code, added.err)
    if added.code:
        assert fingerprint(saved) == before
    shutil.rmtree(path.parent)
