"""The ``tut`` command itself: version, help on every level, project folders, error format."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import run_fresh_python

from tut.cli import cli
from tut.project import MARKER, find_project, init_project, shipped_dir

REPO = Path(__file__).resolve().parents[1]


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    ctx = click.Context(group)
    out: list[tuple[str, ...]] = [prefix]
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, f"tut {' '.join((*prefix, name))} cannot be loaded"
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
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    assert command.help, f"tut {' '.join(path)} has no help text"


def test_lazy_commands_are_named_as_listed():
    """The lazy table's names and one-line helps belong to the commands they load."""
    from tut.cli import LAZY_COMMANDS

    for name in LAZY_COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None and command.name == name


def test_help_loads_no_heavy_library():
    """`tut --help` must stay instant: no pandas, polars, scipy or textual at start-up."""
    code = (
        "import sys\n"
        "from tut.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'polars', 'scipy', 'textual', 'pyreadstat') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    run_fresh_python(code)


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
    """The core must stay usable headless (STYLE.md: import hygiene); a core module that does
    not import at all fails this test too."""
    code = (
        "import sys, tut.errors, tut.yamlio, tut.project, tut.instruments.model, "
        "tut.protocols.model, tut.coding.model\n"
        "import importlib\n"
        "for m in ('tut.agreement', 'tut.compare', 'tut.microdata', 'tut.report', "
        "'tut.instruments.registry', 'tut.protocols.registry', 'tut.coding.store'):\n"
        "    importlib.import_module(m)\n"
        "assert 'textual' not in sys.modules, sorted(k for k in sys.modules if 'textual' in k)\n"
    )
    run_fresh_python(code)


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

    # The commands a user runs see the same wordings and protocols as in the checkout.
    def run_installed(*args: str) -> subprocess.CompletedProcess[str]:
        code = f"from tut.cli import main; raise SystemExit(main({list(args)!r}))"
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env, cwd=tmp_path, check=False)

    listed = run_installed("instruments", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    files = {v["source_file"] for v in json.loads(listed.stdout)}
    assert files and all(f.startswith(str(site / "tut/shipped/instruments")) for f in files)
    from tut.instruments.registry import registry_for

    checkout_ids = list(registry_for(find_project(REPO)).variants)
    assert [v["id"] for v in json.loads(listed.stdout)] == checkout_ids
    protocols = run_installed("protocols", "list", "--json")
    assert protocols.returncode == 0, protocols.stderr
    assert [p["id"] for p in json.loads(protocols.stdout)] == ["supervisory-care-wording-test"]
    validated = run_installed("instruments", "validate")
    assert validated.returncode == 0 and "valid" in validated.stdout, validated.stderr
    shown = run_installed("instruments", "show", "atus-tucc5-label-en")
    assert "not the read-out text" in shown.stdout, shown.stderr


# --- every bad invocation is one error line, exit 2, no traceback -----------------------------

ONE_ERROR = re.compile(r"^error: (?P<where>[^\n]+?): (?P<what>.+) \((?P<fix>[^()]+(?:\([^)]*\))?[^()]*)\)$")


def _bad_invocations(tmp: Path) -> list[tuple[list[str], str]]:
    """(arguments, text the error line must contain) for mistakes users really make."""
    (tmp / "a-file.txt").write_text("not a folder", encoding="utf-8")
    (tmp / "empty-folder").mkdir()
    (tmp / "only-a-folder" / "inner.yaml").mkdir(parents=True)
    return [
        (["instruments", "show"], "missing argument 'VARIANT_ID'"),
        (["instruments", "diff", "atus-incare-en"], "missing argument 'ID_B'"),
        (["instruments", "check"], "give either a variant ID or --all"),
        (["protocols", "show"], "missing argument 'ID'"),
        (["instruments", "show", "atus-incare"], "did you mean"),
        (["instruments", "diff", "atus-incare-en", "no-such-variant"], "'no-such-variant'"),
        (["instruments", "check", "no-such-variant"], "'no-such-variant'"),
        (["instruments", "list", "--family", "no-such-family"], "unknown family"),
        (["protocols", "show", "no-such-protocol"], "unknown protocol 'no-such-protocol'"),
        (["protocols", "show", "supervisory-care-wording-test", "--frame", "nope"], "no frame"),
        (["protocols", "frame", "no-such-frame"], "no frame 'no-such-frame'"),
        (["instruments", "validate", str(tmp / "missing.yaml")], "file not found"),
        (["protocols", "validate", str(tmp / "missing.yaml")], "not found"),
        (["instruments", "validate", str(tmp / "only-a-folder")], "no .yaml files found"),
        (["protocols", "validate", str(tmp / "only-a-folder")], "no .yaml files found"),
        (["instruments", "validate", str(tmp / "empty-folder")], "no .yaml files found"),
        (["protocols", "validate", str(tmp / "empty-folder")], "no .yaml files found"),
        (["--project", str(tmp / "nowhere"), "instruments", "list"], "does not exist"),
        (["--project", str(tmp / "a-file.txt"), "instruments", "list"], "is a file"),
        (["init", str(tmp / "a-file.txt")], "not a folder"),
        (["init", str(tmp / "a-file.txt" / "inside")], "cannot create the project folder"),
        (["no-such-command"], "no such command"),
        (["instruments", "list", "--famly", "x"], "did you mean '--family'"),
    ]


def test_bad_invocations_are_one_error_line_with_a_fix(run_cli, tmp_path):
    for args, expected in _bad_invocations(tmp_path):
        result = run_cli(*args)
        shown = f"tut {' '.join(args)}:\n{result.err}"
        assert result.code == 2, shown
        lines = result.err.strip().splitlines()
        assert len(lines) == 1, shown
        match = ONE_ERROR.match(lines[0])
        assert match, shown
        assert expected in lines[0], shown
        assert "Traceback" not in result.err and result.out == "", shown


def test_usage_errors_name_the_command_and_its_help(run_cli):
    result = run_cli("instruments", "show")
    assert result.err.strip() == (
        "error: tut instruments show: missing argument 'VARIANT_ID' "
        "(see 'tut instruments show --help')"
    )


def test_an_unreadable_file_is_a_located_error(run_cli, tmp_path, monkeypatch):
    """Permissions cannot be taken away from root in a container, so the read fails on cue."""
    locked = tmp_path / "locked.yaml"
    locked.write_text("family: x\n", encoding="utf-8")
    real_open = Path.open

    def open_(self: Path, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    for group in ("instruments", "protocols"):
        result = run_cli(group, "validate", str(locked))
        assert result.code == 2
        assert result.err.strip() == (
            f"error: {locked}: cannot read the file (permission denied) "
            "(check the file's permissions)"
        )


def test_debug_shows_the_traceback(tmp_path):
    from tut.cli import main
    from tut.errors import TutError

    with pytest.raises(TutError):
        main(["--debug", "--project", str(tmp_path / "nowhere"), "instruments", "list"])


def test_bare_tut_prints_the_help(run_cli):
    result = run_cli()
    assert "Usage: tut" in result.out + result.err and "instruments" in result.out + result.err


def test_a_folder_read_as_a_yaml_file_is_a_user_error(tmp_path):
    from tut.errors import TutError
    from tut.yamlio import load_yaml

    (tmp_path / "looks-like.yaml").mkdir()
    with pytest.raises(TutError) as exc:
        load_yaml(tmp_path / "looks-like.yaml")
    assert exc.value.lines() == [
        f"error: {tmp_path / 'looks-like.yaml'}: is a folder, not a YAML file (name a .yaml file)"
    ]


def test_schema_problems_speak_the_language_of_yaml_files():
    from tut.yamlio import parse_yaml, schema_problems

    doc = parse_yaml(
        "family: f\ntitle: T\nconcept: C\nsources: [{survey: S}]\n"
        "variants:\n  - id: v\n    language: en\n    wording: W?\n    text_status: label\n"
        "    response_format: yes-no\n    target_population: All.\n    source: {survey: S}\n"
        "    status: in-use\n    version: 1\n    key_terms: term\n",
        "f.yaml",
    )
    problems = {p.place: p for p in schema_problems(doc, "instrument")}
    status = problems["line 9 (/variants/0/text_status)"]
    assert status.what == "'label' is not one of the allowed values"
    assert status.fix == "use one of: verbatim, variable-label, secondary-source, paraphrase, candidate"
    terms = problems["line 15 (/variants/0/key_terms)"]
    assert terms.fix == "give a list: '- item' lines or [a, b]"
