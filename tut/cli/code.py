"""`tut code` and `tut adjudicate`: open the Textual coding and adjudication screens.

Textual is imported only inside the commands, so ``tut --help`` and every other command
stay fast and headless.
"""

from __future__ import annotations

import sys

import click

from tut.cli.common import Context, pass_context
from tut.coding.store import check_coder_id
from tut.errors import TutError

lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "es"]),
    default=None,
    help="Language of labels and help (default: from LC_ALL / LANG).",
)


def has_terminal() -> bool:
    """True when keys can be typed into the screens: stdin is a terminal. From a pipe or
    /dev/null the screens would wait for keys for ever (tests of later errors replace this)."""
    try:
        return bool(sys.stdin is not None and sys.stdin.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def _need_terminal(command: str) -> None:
    """Refuse, before the study or a journal is opened, to start the screens without one."""
    if not has_terminal():
        raise TutError.at(f"tut {command}", "", "needs an interactive terminal: its input is "
                          "not one (a pipe, a file or /dev/null)",
                          f"run 'tut {command}' in a terminal window, with no '<' and not after a '|'")


@click.command("code")
@click.argument("name")
@click.option("--coder", required=True, help="Your coder id (names your own journal).")
@lang_option
@click.option(
    "--recode",
    type=click.IntRange(min=1),
    default=None,
    help="Round 2: recode a random sample of N of your own earlier segments, blind to your "
    "first codes (the sample is drawn once and kept).",
)
@click.option("--seed", type=int, default=None, help="Seed for the --recode sample.")
@click.option(
    "--auto-advance", is_flag=True, help="A code key also moves to the next segment (ctrl+a)."
)
@click.option(
    "--practice",
    is_flag=True,
    help="Calibration: code the study's training set in a practice journal (never in "
    "agreement or consensus) and see the reference codes after each answer.",
)
@pass_context
def code_cmd(
    ctx: Context,
    name: str,
    coder: str,
    lang: str | None,
    recode: int | None,
    seed: int | None,
    auto_advance: bool,
    practice: bool,
) -> None:
    """Code the segments of study NAME as coder ID (keyboard: ? for help, q to quit)."""
    from tut.tui.app import make_coding_app

    if seed is not None and recode is None:
        raise click.UsageError("--seed goes with --recode N")
    if practice and recode is not None:
        raise click.UsageError("--practice and --recode are separate rounds: give one")
    coder = check_coder_id(coder)
    _need_terminal("code")
    app = make_coding_app(
        ctx.project.existing_study_dir(name),
        coder,
        lang=lang,
        recode=recode,
        seed=seed,
        project=ctx.project,
        auto_advance=auto_advance,
        practice=practice,
    )
    try:
        app.run()
    finally:
        app.close_journal()


@click.command("adjudicate")
@click.argument("name")
@click.option("--adjudicator", required=True, help="Your id (names your own journal).")
@lang_option
@pass_context
def adjudicate_cmd(ctx: Context, name: str, adjudicator: str, lang: str | None) -> None:
    """Settle the units of study NAME where coders disagree, with a rationale for each."""
    from tut.tui.app import make_adjudication_app

    adjudicator = check_coder_id(adjudicator)
    _need_terminal("adjudicate")
    app = make_adjudication_app(
        ctx.project.existing_study_dir(name), adjudicator, lang=lang, project=ctx.project
    )
    try:
        app.run()
    finally:
        app.close_journal()
