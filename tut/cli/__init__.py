"""The ``tut`` command: a thin front end over the pipeline stages.

Each command group lives in its own module and only turns options into calls of the
core; :class:`tut.errors.TutError` becomes one ``error:`` line and exit code 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tut import __version__
from tut.cli.common import Context
from tut.errors import TutError
from tut.project import init_project

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="tut")
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder (default: the current directory).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, project: Path | None, debug: bool) -> None:
    """tut: test how time-use surveys ask about supervisory care.

    Wordings and protocols, coding of cognitive interviews, inter-coder agreement,
    microdata estimates per wording variant, and the wording-comparison report.
    """
    ctx.obj = Context(project_path=project, debug=debug)


@cli.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
def init_cmd(directory: Path) -> None:
    """Lay out a project folder DIRECTORY (instruments, protocols, coded_responses, data)."""
    try:
        project = init_project(directory)
    except OSError as exc:
        raise TutError.at(directory, "", f"cannot create the project folder ({exc.strerror or exc})",
                          "choose a folder you can write to") from None
    click.echo(f"Project folder ready: {project.root}")
    click.echo(f"Next: cd {directory} && tut instruments list")


def _register() -> None:
    """Attach the command groups; each module owns its commands."""
    from tut.cli import instruments, protocols

    cli.add_command(instruments.group)
    cli.add_command(protocols.group)
    for name in ("study", "code", "agreement", "microdata", "compare", "report", "demo"):
        try:
            module = __import__(f"tut.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"tut.cli.{name}":
                raise
            continue
        module.register(cli)


_register()


def main(argv: list[str] | None = None) -> int:
    """Console entry point: user errors print one line per problem and exit 2."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="tut", standalone_mode=False)
    except TutError as exc:
        if debug:
            raise
        for line in exc.lines():
            click.echo(line, err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.exceptions.NoArgsIsHelpError as exc:
        exc.show()
        return exc.exit_code
    except click.UsageError as exc:
        click.echo(usage_error_line(exc), err=True)
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    return 0


def usage_error_line(exc: click.UsageError) -> str:
    """A wrong command line as the same one ``error:`` line as any other user error."""
    command = exc.ctx.command_path if exc.ctx is not None else "tut"
    what = " ".join(exc.format_message().split()).rstrip(".").replace(". Did you", "; did you")
    if what[:1].isupper() and what[1:2].islower():
        what = what[0].lower() + what[1:]
    return f"error: {command}: {what} (see '{command} --help')"


def entry() -> None:
    sys.exit(main())
