"""Shared fixtures: paths to the shared real and broken files, a CLI runner, and the check of
located error lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_dir(sub: str) -> Path:
    """A folder of ../shared; skip when absent locally, fail when absent in CI."""
    path = SHARED / sub
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing in CI (it must sit beside the clone)")
        pytest.skip(f"{path} not present")
    return path


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run the real ``tut`` entry point in-process and capture its output."""
    from tut.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


LOCATED_ERROR = re.compile(
    r"^error: (?P<file>.+?):line (?P<line>\d+) \((?P<pointer>/[^)]*)\): (?P<what>.+) \((?P<fix>.+)\)$"
)
"""One problem of a YAML file as the CLI prints it: file, line, JSON pointer, what, fix."""


def located_errors(result: CliResult, path: Path) -> list[str]:
    """The error lines of a refused file (exit 2), each checked to name ``path``, a line, a
    JSON pointer and a fix."""
    assert result.code == 2
    lines = result.err.strip().splitlines()
    for line in lines:
        match = LOCATED_ERROR.match(line)
        assert match, line
        assert match["file"] == str(path)
    return lines


def run_fresh_python(code: str) -> None:
    """Run ``code`` in a new interpreter (nothing imported yet, as at a user's start-up) and
    fail with its error output unless it exits 0."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
