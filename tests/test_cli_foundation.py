"""The ``tut`` command itself: version, help on every level, project folders, error format."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tut.cli import cli
from tut.project import MARKER, find_project, init_project, shipped_dir

REPO = Path(__file__).resolve().parents[1]


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [prefix]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            out.extend(_all_commands(command, (*prefix, name)))
        else:
            out.append((*prefix, name))
    return out


def test_version_matches_package(run_cli):
    from tut import __version__

    result = run_cli("--version")
    assert result.code == 0
    assert __version__ in result.out


@pytest.mark.parametrize("path", _all_commands(cli), ids=lambda p: " ".join(p) or "tut")
def test_every_command_has_help(run_cli, path):
    result = run_cli(*path, "--help")
    assert result.code == 0, result.err
    assert "Usage:" in result.out
    command = cli
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert command.help, f"tut {' '.join(path)} has no help text"


def test_console_script_runs_as_subprocess():
    exe = Path(sys.executable).with_name("tut")
    proc = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert "instruments" in proc.stdout


def test_init_lays_out_a_project_and_keeps_existing_files(run_cli, tmp_path):
    target = tmp_path / "my-study"
    result = run_cli("init", str(target))
    assert result.code == 0
    for sub in ("instruments", "protocols", "coded_responses", "data"):
        assert (target / sub).is_dir()
    (target / "README.md").write_text("my notes", encoding="utf-8")
    assert run_cli("init", str(target)).code == 0
    assert (target / "README.md").read_text(encoding="utf-8") == "my notes"
    assert (target / MARKER).exists()


def test_init_refuses_a_file(run_cli, tmp_path):
    f = tmp_path / "afile"
    f.write_text("x")
    result = run_cli("init", str(f))
    assert result.code == 2
    assert result.err.startswith(f"error: {f}:")
    assert "Traceback" not in result.err


def test_missing_project_folder_is_a_clear_error(tmp_path):
    from tut.errors import TutError

    with pytest.raises(TutError) as exc:
        find_project(tmp_path / "nowhere")
    assert "tut init" in str(exc.value)


def test_project_registry_dirs_include_shipped_and_own(tmp_path):
    project = init_project(tmp_path / "p")
    dirs = project.registry_dirs("instruments")
    assert dirs[0] == shipped_dir("instruments")
    assert dirs[-1] == project.instruments_dir.resolve()


def test_checkout_as_project_does_not_list_shipped_twice():
    project = find_project(REPO)
    assert len(project.registry_dirs("instruments")) == 1


def test_core_modules_import_without_textual():
    """The core must stay usable headless (STYLE.md: import hygiene)."""
    code = (
        "import sys, tut.errors, tut.yamlio, tut.project, tut.instruments.model, "
        "tut.protocols.model, tut.coding.model\n"
        "import importlib\n"
        "for m in ('tut.agreement', 'tut.compare', 'tut.microdata', 'tut.report', "
        "'tut.instruments.registry', 'tut.protocols.registry', 'tut.coding.store'):\n"
        "    try: importlib.import_module(m)\n"
        "    except ModuleNotFoundError: pass\n"
        "assert 'textual' not in sys.modules, sorted(k for k in sys.modules if 'textual' in k)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_wheel_carries_the_shipped_registry(tmp_path):
    """Installed from a wheel, tut still finds its wordings and protocols."""
    pytest.importorskip("hatchling")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    import zipfile

    (wheel,) = tmp_path.glob("tut-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped_yaml = [n for n in names if n.startswith("tut/shipped/") and n.endswith(".yaml")]
    assert any(n.startswith("tut/shipped/instruments/") for n in shipped_yaml), names
    assert any(n.startswith("tut/shipped/protocols/") for n in shipped_yaml), names
    assert any(n.startswith("tut/schemas/") and n.endswith(".schema.json") for n in names)

    # Unpacked away from the checkout, the package finds its shipped registry inside itself.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import tut.project as p; "
        "print(p.shipped_dir('instruments')); print(p.shipped_dir('protocols'))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env,
        cwd=tmp_path, check=True,
    ).stdout.split()
    assert out == [str(site / "tut/shipped/instruments"), str(site / "tut/shipped/protocols")]
