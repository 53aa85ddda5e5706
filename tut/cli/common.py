"""Options and helpers shared by the command modules."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tut.messages import Message, render
from tut.project import Project, find_project
from tut.safe_text import visible

if TYPE_CHECKING:
    from tut.coding.study import StudyData


@dataclass
class Context:
    """What the top-level ``tut`` options say, passed to every command."""

    project_path: Path | None = None
    debug: bool = False

    @property
    def project(self) -> Project:
        return find_project(self.project_path)


pass_context = click.make_pass_decorator(Context, ensure=True)

TYPED: list[str] = []
"""The arguments of the running ``tut`` command as typed (set by :func:`tut.cli.main`), so
a report can say how it was made without the paths the shell expanded."""


def typed_command() -> str:
    """``tut`` and its arguments as typed (``--debug`` left out), quoted for a shell."""
    import shlex

    return shlex.join(["tut", *(a for a in TYPED if a != "--debug")])

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def echo_json(data: Any) -> None:
    """Stable, UTF-8, indented JSON on stdout."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


JOURNAL_WARNINGS_SHOWN = 10
"""Set-aside lines said one by one per journal; the rest are counted (a journal damaged
throughout would print a line of warning per line of codes)."""


def journal_warnings(data: StudyData, lang: str) -> None:
    """The journal lines set aside when the study was read, in ``lang``, on stderr."""
    set_aside_warnings(data.messages, lang)


def set_aside_warnings(said: Iterable[Message | str], lang: str) -> None:
    """Journal lines set aside, on stderr: the first few of each journal, then how many
    more (a text without a key is shown as it is)."""
    shown: dict[str, int] = {}
    for one in said:
        file = str(one.params.get("file", "")) if isinstance(one, Message) else ""
        shown[file] = shown.get(file, 0) + 1
        if not file or shown[file] <= JOURNAL_WARNINGS_SHOWN:
            line = render(one, lang) if isinstance(one, Message) else one
            click.echo(f"warning: {visible(line)}", err=True)
    for file, n in shown.items():
        if file and n > JOURNAL_WARNINGS_SHOWN:
            more = Message("coding.journal-more", {"file": file, "n": n - JOURNAL_WARNINGS_SHOWN})
            click.echo(f"warning: {visible(render(more, lang))}", err=True)
