"""Paths that are not plain files, and study folders whose files were damaged: every command
says which file and what is wrong in one error line (exit 2), never an internal error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tut.examples import EXAMPLE_DIR

STUDY = "sc"


@pytest.fixture
def project(run_cli, tmp_path: Path) -> Path:
    """A project holding the bundled example study as ``sc``."""
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    shutil.copytree(EXAMPLE_DIR / "study", root / "coded_responses" / STUDY)
    return root


def one_error(result, path: Path) -> str:
    """The one error line of a refused command, checked to name ``path``."""
    assert result.code == 2, (result.code, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {path}:"), lines[0]
    assert "internal error" not in lines[0]
    return lines[0]


def loop(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.symlink_to(name)
    return path


@pytest.mark.parametrize("group", ["instruments", "protocols"])
def test_a_symlink_loop_named_to_validate_is_an_unreadable_file(run_cli, project, tmp_path, group):
    path = loop(tmp_path, "x.yaml")
    line = one_error(run_cli("--project", str(project), group, "validate", str(path)), path)
    assert "symbolic links" in line


def test_a_symlink_loop_as_the_output_is_refused_before_any_work(run_cli, project, tmp_path):
    path = loop(tmp_path, "out.csv")
    result = run_cli("--project", str(project), "study", "export", STUDY, "--format", "csv",
                     "--out", str(path))
    assert "not usable as an output" in one_error(result, path)
