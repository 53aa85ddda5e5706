"""Broken files give one clear error line and exit code 2, from the API and the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shared_dir
from microdata_files import bad_files

from tut.errors import TutError
from tut.microdata import read_codebook, read_columns

TUT = Path(sys.executable).with_name("tut")

# What each message must tell the user (SOURCES.md says how each file was broken).
EXPECTED_WHAT = {
    "empty.sav": "empty (0 bytes)",
    "text_renamed.sav": "not an SPSS .sav file: it is plain text",
    "scrambled_header.dta": "not a Stata .dta file",
    "truncated_half.dta": "damaged or cut short",
    "truncated_half.sav": "damaged or cut short",
}


@pytest.mark.parametrize("name", bad_files())
def test_api_raises_one_tut_error_naming_the_file(name):
    path = shared_dir("badfiles") / name
    with pytest.raises(TutError) as err:
        read_codebook(path)
    (line,) = err.value.lines()
    assert line.startswith(f"error: {path}: ")
    assert EXPECTED_WHAT[name] in line
    assert line.endswith(")")  # every message carries a fix in brackets


@pytest.mark.parametrize("name", bad_files())
def test_cli_prints_one_line_and_exits_2(name, run_cli):
    path = shared_dir("badfiles") / name
    result = run_cli("microdata", "describe", str(path))
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: ")


def test_installed_command_shows_no_traceback():
    path = shared_dir("badfiles") / "truncated_half.sav"
    proc = subprocess.run([str(TUT), "microdata", "describe", str(path)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_reading_columns_of_a_broken_file_is_the_same_clear_error():
    path = shared_dir("badfiles") / "truncated_half.dta"
    with pytest.raises(TutError, match="damaged or cut short"):
        read_columns(path, ["Ints"])


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("answers.xlsx", b"PK\x03\x04", "unknown microdata file type .xlsx"),
        ("answers", b"1,2\n", "unknown microdata file type (no extension)"),
        ("answers.sav", None, "file not found"),
        ("binary.sav", bytes(range(256)) * 4, "not an SPSS .sav file: its header"),
        ("notes.por", b"just some notes\n", "not an SPSS portable .por file: it is plain text"),
    ],
)
def test_unknown_extension_missing_and_foreign_files(tmp_path, run_cli, name, content, what):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TutError, match=what.replace("(", r"\(").replace(")", r"\)")):
        read_codebook(path)
    result = run_cli("microdata", "describe", str(path))
    assert result.code == 2
    assert result.err.count("\n") == 1 and what in result.err
