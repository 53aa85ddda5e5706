"""``--help`` in Spanish: when the command line says ``--lang es`` (or ``TUT_LANG=es`` is set),
a command's help, its options' help and click's own headings are taken from the catalogue
(``help.*``, :mod:`tut.messages.help`), in the same layout; option names, metavars and
examples stay as they are. English help is click's, untouched."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable, Sequence

import click

from tut.cli.common import TYPED
from tut.messages import CATALOGUE, Lang, language

HELP_LANG_ENV = "TUT_LANG"
"""Environment variable naming the language of ``--help`` (``es``) when the command line
does not say ``--lang``."""

CLICK_WORDS_ES = {"Options": "Opciones", "Commands": "Comandos", "Arguments": "Argumentos"}
"""Click's own section headings in Spanish."""

CLICK_EXTRAS_ES = (("[default: ", "[por defecto: "), ("[required]", "[obligatorio]"))
"""Click's own notes after an option's help in Spanish."""

CLICK_HELP_OPTION_ES = {"Show this message and exit.": "Muestra este mensaje y termina."}


def help_language(args: Sequence[str] | None = None) -> Lang:
    """The language ``--help`` is shown in: the last ``--lang X`` of the command line, else
    ``TUT_LANG``, else English."""
    args = TYPED if args is None else args
    chosen: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    return language(chosen if chosen is not None else os.environ.get(HELP_LANG_ENV))


def help_args(args: Sequence[str]) -> list[str]:
    """``args`` for click: when they ask for help, without ``--lang X``, which has then
    only chosen the help's language (so ``tut --lang es --help`` and ``tut study add --lang
    es --help`` work although those commands take no ``--lang``)."""
    before, sep, after = _split_at_dashes(list(args))
    if not {"-h", "--help"} & set(before):
        return list(args)
    kept: list[str] = []
    skip = False
    for i, arg in enumerate(before):
        if skip:
            skip = False
        elif arg == "--lang":
            skip = i + 1 < len(before)
        elif not arg.startswith("--lang="):
            kept.append(arg)
    return kept + sep + after


def _split_at_dashes(args: list[str]) -> tuple[list[str], list[str], list[str]]:
    if "--" not in args:
        return args, [], []
    at = args.index("--")
    return args[:at], ["--"], args[at + 1:]


def help_key(command_path: str, option: str = "") -> str:
    """``tut study status`` -> ``help.study.status``; ``tut`` -> ``help.tut``; an option's
    help adds its longest name: ``help.study.status.--json``."""
    words = command_path.split()[1:] or ["tut"]
    return ".".join(["help", *words, *([option] if option else [])])


def option_key(command_path: str, param: click.Parameter) -> str:
    return help_key(command_path, max(param.opts, key=len))


def spanish(key: str, english: str | None) -> str | None:
    """The Spanish text of ``key``, or ``english`` where the catalogue has none."""
    return CATALOGUE[key]["es"] if key in CATALOGUE else english


def listing_line_es(name: str) -> str | None:
    """The line about top-level command ``name`` in the Spanish ``tut --help``
    (``help.tut.NAME``; the English lines are ``tut.cli.LAZY_COMMANDS``')."""
    return spanish(f"help.tut.{name}", None)


class SpanishHelpFormatter(click.HelpFormatter):
    """Click's layout with its own words in Spanish (``Uso:``, ``Opciones``, ``Comandos``)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Uso: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(CLICK_WORDS_ES.get(heading, heading))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        super().write_dl([(term, _click_extras(text)) for term, text in rows], col_max, col_spacing)


def _click_extras(text: str) -> str:
    text = CLICK_HELP_OPTION_ES.get(text, text)
    for english, es in CLICK_EXTRAS_ES:
        text = text.replace(english, es)
    return text


class HelpContext(click.Context):
    """A context whose help follows :func:`help_language`."""

    def make_formatter(self) -> click.HelpFormatter:
        if help_language() != "es":
            return super().make_formatter()
        return SpanishHelpFormatter(width=self.terminal_width, max_width=self.max_content_width)

    def get_help(self) -> str:
        if help_language() != "es":
            return super().get_help()
        return spanish_command(self.command, self.command_path).get_help(self)


def spanish_command(command: click.Command, path: str) -> click.Command:
    """A copy of ``command`` whose help, options' help and subcommands' one-line help are
    Spanish (the command itself is left as it is, for an English help later)."""
    out = copy.copy(command)
    _spanish_text(out, path)
    out.params = [_spanish_param(param, path) for param in command.params]
    if isinstance(command, click.Group) and isinstance(out, click.Group):
        out.commands = {name: _spanish_short(sub, f"{path} {name}")
                        for name, sub in command.commands.items()}
    return out


def _spanish_param(param: click.Parameter, path: str) -> click.Parameter:
    if not isinstance(param, click.Option) or not param.help:
        return param
    out = copy.copy(param)
    out.help = spanish(option_key(path, param), param.help)
    return out


def _spanish_short(command: click.Command, path: str) -> click.Command:
    out = copy.copy(command)
    _spanish_text(out, path)
    return out


def _spanish_text(command: click.Command, path: str) -> None:
    """The Spanish help; its one-line form is then derived from it, as click does."""
    if help_key(path) in CATALOGUE:
        command.help = CATALOGUE[help_key(path)]["es"]
        command.short_help = None
