"""The ``tut`` command: a thin front end over the pipeline stages.

Each command group lives in its own module and only turns options into calls of the
core; :class:`tut.errors.TutError` becomes one ``error:`` line and exit code 2.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from tut.cli.common import TYPED, Context
from tut.cli.help_lang import HelpContext, help_args, help_language, listing_line_es
from tut.errors import TutError
from tut.project import init_project, record_outputs

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Command name -> (module, attribute, one-line help). Modules are imported only when their
# command runs, so `tut --help` and each command start fast (pandas, polars, scipy and
# textual are loaded only by the commands that need them).
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "instruments": ("tut.cli.instruments", "group", "Wording variants: list, show, validate, diff, check."),
    "protocols": ("tut.cli.protocols", "group", "Cognitive-interview protocols and coding frames."),
    "study": ("tut.cli.study", "group", "Coding studies: import segments, status, export, recode."),
    "code": ("tut.cli.code", "code_cmd", "Code a study's segments in the terminal (blind)."),
    "adjudicate": ("tut.cli.code", "adjudicate_cmd", "Settle the segments where coders disagree."),
    "agreement": ("tut.cli.agreement", "agreement_cmd", "Inter-coder agreement of a study or any table."),
    "microdata": ("tut.cli.microdata", "group", "Describe SPSS/Stata/CSV microdata files."),
    "compare": ("tut.cli.compare", "compare_cmd", "Design-based estimates per wording variant."),
    "demo-data": ("tut.cli.compare", "demo_data_cmd", "Write the synthetic split-ballot microdata."),
    "report": ("tut.cli.report", "report_cmd", "Write the wording-comparison report."),
    "demo": ("tut.cli.demo", "demo_cmd", "Run the bundled example study end to end."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    context_class = HelpContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            module_name, attribute, _help = LAZY_COMMANDS[cmd_name]
            command = getattr(importlib.import_module(module_name), attribute)
            self.add_command(command, cmd_name)
        command = self.commands.get(cmd_name)
        if command is not None:
            accept_top_options(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            spanish = listing_line_es(name) if help_language() == "es" else None
            if spanish is not None:
                rows.append((name, spanish))
            elif name in LAZY_COMMANDS and name not in self.commands:
                rows.append((name, LAZY_COMMANDS[name][2]))
            else:
                command = self.commands[name]
                rows.append((name, command.get_short_help_str(formatter.width)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _show_version(ctx: click.Context, value: bool) -> None:
    """``tut --version``; the version is looked up only here (see tut.__init__)."""
    if not value or ctx.resilient_parsing:
        return
    import tut

    click.echo(f"tut, version {tut.__version__}")
    ctx.exit()


def _project_after(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(Context).project_path = value


def accept_top_options(command: click.Command) -> None:
    """Let ``--project DIR`` and ``--debug`` also follow the command (``tut code NAME --coder
    X --project DIR``), as the README promises: hidden copies on every (sub)command. Each
    one's help also follows ``--lang es`` / ``TUT_LANG`` (:mod:`tut.cli.help_lang`)."""
    command.context_class = HelpContext
    taken = {opt for param in command.params for opt in getattr(param, "opts", ())}
    if "--project" not in taken:
        command.params.append(click.Option(
            ["--project"], type=click.Path(file_okay=False, path_type=Path), default=None,
            expose_value=False, hidden=True, callback=_project_after))
    if "--debug" not in taken:  # main() reads --debug from the whole command line
        command.params.append(click.Option(["--debug"], is_flag=True, expose_value=False, hidden=True))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            accept_top_options(sub)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, _p, value: _show_version(ctx, value),
              help="Show the version and exit.")
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




def main(argv: list[str] | None = None) -> int:
    """Console entry point: user errors print one line per problem and exit 2; a bug prints
    one ``internal error`` line and exits 1 (``--debug`` anywhere shows the traceback)."""
    args = list(argv if argv is not None else sys.argv[1:])
    debug = "--debug" in args
    TYPED[:] = args  # what the report records as the command
    try:
        return _run(args)
    except Exception as exc:
        if debug:
            raise
        what = " ".join(str(exc).split())[:300]
        _say(f"error: internal error: {type(exc).__name__}: {what} (run again with "
             "--debug for the traceback; please report it)")
        return 1
    finally:
        record_outputs()


def _run(args: list[str]) -> int:
    debug = "--debug" in args
    try:
        cli.main(args=help_args(args), prog_name="tut", standalone_mode=False)
    except OSError as exc:
        if debug or exc.filename is None:
            raise
        for line in os_error(exc).lines():
            _say(line)
        return 2
    except TutError as exc:
        if debug:
            raise
        for line in exc.lines():
            _say(line)
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


def _say(line: str) -> None:
    """An error line on stderr; file names and values in it come from users' files, so
    control and escape characters are shown, never sent to the terminal."""
    from tut.safe_text import visible  # only when there is an error: keeps start-up lean

    click.echo(visible(line), err=True)


def os_error(exc: OSError) -> TutError:
    """A file the system refused (disk full, no permission, name too long) as a user error
    naming the file: nothing tut saved before is lost, the write simply did not happen."""
    name = str(exc.filename)
    shown = name if len(name) < 200 else name[:100] + "..." + name[-60:]
    return TutError.at(shown, "", f"the system refused it ({exc.strerror or exc})",
                       "check the path, the free disk space and the permissions, then try again")


def usage_error_line(exc: click.UsageError) -> str:
    """A wrong command line as the same one ``error:`` line as any other user error."""
    command = exc.ctx.command_path if exc.ctx is not None else "tut"
    what = " ".join(exc.format_message().split()).rstrip(".").replace(". Did you", "; did you")
    if what[:1].isupper() and what[1:2].islower():
        what = what[0].lower() + what[1:]
    return f"error: {command}: {what} (see '{command} --help')"


def entry() -> None:
    sys.exit(main())
