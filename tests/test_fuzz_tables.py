"""Fuzzing reliability tables (`tut agreement --table`): any CSV, in any layout and level, is
read or refused with a TutError; the command exits 0 or prints error lines and exits 2, with no
numpy warning on the way."""

from __future__ import annotations

import shutil
import tempfile
import warnings
from pathlib import Path

from fuzz_support import CLI_FUZZ, FUZZ, assert_refused_cleanly, mutated
from hypothesis import given
from hypothesis import strategies as st

from tut.agreement.table import LAYOUTS, load_table
from tut.errors import TutError

FIXTURES = Path(__file__).parent / "fixtures" / "agreement"
SEEDS = [p.read_bytes() for p in sorted(FIXTURES.rglob("*.csv"))] + [
    b"unit,c1,c2,c3\nu1,1,1,2\nu2,2,2,2\nu3,3,,3\nu4,1,2,1\n",
    b"unit,coder,code\nu1,ana,yes\nu1,beto,no\nu2,ana,no\nu2,beto,no\nu3,ana,s\xc3\xad\n",
]
LEVELS = ("nominal", "ordinal", "interval", "ratio")


def written(data: bytes) -> Path:
    path = Path(tempfile.mkdtemp(prefix="tut-fuzz-")) / "table.csv"
    path.write_bytes(data)
    return path


def read_or_refuse(data: bytes, level: str, layout: str, missing: str | None,
                   encoding: str = "utf-8") -> None:
    path = written(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a RuntimeWarning from numpy is a failure here
            load_table(path, level, layout=layout, missing=missing, encoding=encoding)
    except TutError:
        pass
    finally:
        shutil.rmtree(path.parent)


OPTIONS = {
    "level": st.sampled_from(LEVELS),
    "layout": st.sampled_from(LAYOUTS),
    "missing": st.sampled_from([None, "*", "-9", "", "NA"]),
}


@FUZZ
@given(data=mutated(SEEDS), encoding=st.sampled_from(["utf-8", "utf-8", "latin-1"]), **OPTIONS)
def test_mutated_tables(data, level, layout, missing, encoding):
    read_or_refuse(data, level, layout, missing, encoding)


CELL = st.one_of(
    st.sampled_from(["", "1", "2", "3", "-9", "0.5", "1e3", "inf", "-inf", "1e999", "nan",
                     "-nan", "NA", ".", "*", "yes", "no", "sí", '"1"', " 2 ", "\x00", "a,b"]),
    st.integers(-3, 5).map(str),
    st.text(max_size=5),
)


@st.composite
def tables(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(1, 6))
    header = draw(st.sampled_from([None, ["unit"], ["", "c"], ["unit", "coder", "code"]]))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width + draw(st.sampled_from(
        [0, 0, 0, 1]))), min_size=0, max_size=8))
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    lines = ([sep.join((header + [f"c{i}" for i in range(width)])[:width])] if header else [])
    lines += [sep.join(row) for row in rows]
    return "\n".join(lines).encode(draw(st.sampled_from(["utf-8", "latin-1"])), errors="replace")


@FUZZ
@given(data=tables(), **OPTIONS)
def test_generated_tables(data, level, layout, missing):
    read_or_refuse(data, level, layout, missing)


@CLI_FUZZ
@given(data=st.one_of(mutated(SEEDS), tables()), **OPTIONS)
def test_agreement_command(run_cli, data, level, layout, missing):
    path = written(data)
    args = ["agreement", "--table", str(path), "--level", level, "--layout", layout]
    if missing is not None:
        args += ["--missing", missing]
    result = run_cli(*args)
    assert_refused_cleanly(result.code, result.err)
    assert "Warning" not in result.err
    shutil.rmtree(path.parent)
