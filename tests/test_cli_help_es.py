"""``--help`` in Spanish: every command and option has a Spanish help in the catalogue
(``help.*``), shown with ``--lang es`` anywhere on the command line or ``TUT_LANG=es``, in
click's layout with the same options and usage; English help stays click's own."""

from __future__ import annotations

import inspect
import re

import click
import pytest

from tut.cli import LAZY_COMMANDS, cli
from tut.cli.help_lang import HELP_LANG_ENV, help_key, option_key
from tut.messages import CATALOGUE


def command_tree() -> list[tuple[str, click.Command]]:
    """Every command of ``tut`` with its path (``tut study status``), the top level first."""
    found: list[tuple[str, click.Command]] = [("tut", cli)]

    def walk(path: str, group: click.Group) -> None:
        for name in group.list_commands(click.Context(group)):
            command = group.get_command(click.Context(group), name)
            assert command is not None, name
            found.append((f"{path} {name}", command))
            if isinstance(command, click.Group):
                walk(f"{path} {name}", command)

    walk("tut", cli)
    return found


TREE = command_tree()
PATHS = [path for path, _command in TREE]


def helped_options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and p.help and not p.hidden]


@pytest.fixture(autouse=True)
def no_help_language_from_outside(monkeypatch):
    monkeypatch.delenv(HELP_LANG_ENV, raising=False)


@pytest.mark.parametrize("path", PATHS)
def test_every_command_and_option_has_a_spanish_help_made_from_the_current_english(path):
    command = dict(TREE)[path]
    key = help_key(path)
    assert key in CATALOGUE, f"{path}: no Spanish help ({key} in tut/messages/help.py)"
    # the catalogue's English is the help as the command says it now: a changed help shows
    # up here, so its Spanish gets revised too
    assert CATALOGUE[key]["en"] == inspect.cleandoc(command.help or ""), key
    for option in helped_options(command):
        key = option_key(path, option)
        assert key in CATALOGUE, f"{path} {option.opts}: no Spanish help ({key})"
        assert CATALOGUE[key]["en"] == option.help, key


def test_every_top_level_command_has_its_spanish_line_in_the_listing():
    for name in cli.list_commands(click.Context(cli)):
        english = CATALOGUE[f"help.tut.{name}"]["en"]
        if name in LAZY_COMMANDS:
            assert english == LAZY_COMMANDS[name][2], name
        else:
            assert english.rstrip(".") in CATALOGUE[help_key(f"tut {name}")]["en"], name


def test_no_spanish_help_is_left_for_a_command_or_option_that_is_gone():
    known = {f"help.tut.{name}" for name in cli.list_commands(click.Context(cli))}
    for path, command in TREE:
        known.add(help_key(path))
        known.update(option_key(path, option) for option in helped_options(command))
    assert {key for key in CATALOGUE if key.startswith("help.")} == known


def test_lang_es_on_the_command_line_shows_a_command_help_in_spanish(run_cli):
    result = run_cli("study", "status", "--lang", "es", "--help")
    assert result.code == 0
    assert result.out.startswith("Uso: tut study status [OPTIONS] NAME\n")
    assert "Qué tan avanzado va el estudio NAME" in result.out
    assert "\nOpciones:\n" in result.out
    assert re.search(r"--lang \[en\|es\]\s+Idioma de las líneas \(--json queda en inglés\)\.", result.out)
    assert "[por defecto: en]" in " ".join(result.out.split())
    assert re.search(r"-h, --help\s+Muestra este mensaje y termina\.", result.out)
    assert "Usage:" not in result.out and "Print JSON" not in result.out


def test_tut_lang_shows_the_top_level_help_in_spanish_with_its_command_list(run_cli, monkeypatch):
    monkeypatch.setenv(HELP_LANG_ENV, "es_MX.UTF-8")
    out = run_cli("--help").out
    assert out.startswith("Uso: tut [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nComandos:\n" in out
    assert re.search(r"\n  study +Estudios de codificación: importar segmentos", out)
    assert re.search(r"--project DIRECTORY +Carpeta del proyecto", out)


def test_lang_es_also_chooses_the_help_language_of_commands_that_take_no_lang(run_cli):
    for args in (["--lang", "es", "--help"], ["study", "add", "--lang=es", "--help"]):
        result = run_cli(*args)
        assert result.code == 0, (args, result.err)
        assert result.out.startswith("Uso: tut"), args
    # without --help, --lang is still an unknown option there, with the usual error line
    result = run_cli("study", "add", "--lang", "es", "pilot")
    assert result.code == 2
    assert result.err.startswith("error: tut study add: no such option '--lang'")


def test_spanish_help_keeps_the_usage_and_the_options_of_the_english(run_cli, monkeypatch):
    for path in PATHS:
        args = [*path.split()[1:], "--help"]
        english = run_cli(*args).out
        monkeypatch.setenv(HELP_LANG_ENV, "es")
        spanish = run_cli(*args).out
        monkeypatch.delenv(HELP_LANG_ENV)
        assert spanish != english, path
        assert usage(spanish, "Uso: ") == usage(english, "Usage: "), path
        assert option_terms(spanish) == option_terms(english), path


def test_english_help_is_click_own_before_and_after_a_spanish_one(run_cli):
    before = run_cli("study", "export", "--help").out
    assert run_cli("study", "export", "--lang", "es", "--help").out.startswith("Uso: ")
    after = run_cli("study", "export", "--help").out
    assert after == before
    assert before.startswith("Usage: tut study export [OPTIONS] NAME")
    assert "\nOptions:\n" in before and "Show this message and exit." in before


def test_errors_keep_their_prefix_when_help_is_asked_in_spanish(run_cli):
    result = run_cli("study", "status", "--lang", "es")
    assert result.code == 2
    assert result.err.startswith("error: tut study status: missing argument 'NAME'")


def usage(help_text: str, prefix: str) -> str:
    first = help_text.split("\n\n", 1)[0]
    assert first.startswith(prefix), first
    return " ".join(first.removeprefix(prefix).split())


def option_terms(help_text: str) -> list[str]:
    """The left column of the options: names and metavars."""
    section = help_text.split("\nOptions:\n" if "\nOptions:\n" in help_text else "\nOpciones:\n")[1]
    rows = section.split("\n\n")[0].splitlines()
    return [row.strip().split("  ")[0] for row in rows if row.startswith("  -")]
