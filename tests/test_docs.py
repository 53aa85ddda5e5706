"""The README's examples are real: they validate and the commands it names exist."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_readme_instrument_example_validates(run_cli, tmp_path):
    block = README.split("### Wording variants", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert run_cli("init", str(tmp_path)).code == 0
    (tmp_path / "instruments" / "office.yaml").write_text(block, encoding="utf-8")
    result = run_cli("--project", str(tmp_path), "instruments", "show", "office-responsible-es")
    assert result.code == 0, result.err
    assert "a su cargo" in result.out


def test_every_tut_command_named_in_the_readme_exists():
    import click

    from tut.cli import cli

    names = set(cli.list_commands(click.Context(cli)))
    for match in re.finditer(r"`tut ([a-z][a-z-]*)", README):  # not `tut --help`
        assert match.group(1) in names, f"README names 'tut {match.group(1)}'"
