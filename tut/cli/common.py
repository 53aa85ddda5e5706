"""Options and helpers shared by the command modules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tut.messages import render
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


def journal_warnings(data: StudyData, lang: str) -> None:
    """The journal lines set aside when the study was read, in ``lang``, on stderr."""
    for said in data.messages:
        click.echo(f"warning: {visible(render(said, lang))}", err=True)
