"""`tut code` and `tut adjudicate` started without a terminal (input from a pipe, a file or
/dev/null) refuse at once with one error line, before the study or a journal is opened:
the screens would otherwise wait for keys for ever."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tui_support import build_study

REFUSAL = "needs an interactive terminal"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project, _study = build_study(tmp_path / "proj", n=2)
    return project.root


def _journals(project: Path) -> list[str]:
    folder = project / "coded_responses" / "pilot" / "journals"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize(
    ("command", "who"), [("code", ("--coder", "ana")), ("adjudicate", ("--adjudicator", "zed"))]
)
def test_without_a_terminal_the_screens_are_refused_before_anything_opens(
    project: Path, run_cli, command: str, who: tuple[str, ...]  # type: ignore[no-untyped-def]
) -> None:
    before = _journals(project)
    result = run_cli("--project", str(project), command, "pilot", *who)
    assert result.code == 2
    assert result.err.splitlines() == [result.err.strip()]  # one line
    assert result.err.startswith(f"error: tut {command}: {REFUSAL}")
    assert "in a terminal window" in result.err
    assert _journals(project) == before


def test_code_with_input_from_dev_null_exits_at_once(project: Path) -> None:
    # before the check this waited for keys until killed (here: the timeout)
    exe = Path(sys.executable).with_name("tut")
    proc = subprocess.run(
        [str(exe), "--project", str(project), "code", "pilot", "--coder", "ana"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 2
    assert REFUSAL in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert _journals(project) == []


def test_bad_options_are_still_named_first(project: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--project", str(project), "code", "pilot", "--coder", "ana", "--seed", "3")
    assert result.code == 2 and "--seed goes with --recode" in result.err
