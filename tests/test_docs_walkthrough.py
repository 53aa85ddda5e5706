"""docs/walkthrough.md is run as a newcomer would follow it, and every message
docs/troubleshooting.md shows is reproduced, so neither page can silently go stale.

Every ```sh block of the guide runs line by line in a scratch folder (``cd`` carries over; a
plain ``tut`` line runs through tut's entry point in-process, anything else in bash). A
```yaml or ```csv block whose fence says ``file=PATH`` is the file the reader is told to
save, and is written there. A ```text block shows the output of the last ```sh block above
it: each line it shows must be in the real output (``…`` stands for text left out; lines of
``...`` and ``$`` lines are skipped).

Hidden HTML comments say what the reader does that a test must do differently:
``<!-- test: interactive -->`` before an ```sh block: the coding screens. Their commands are
parsed by the real CLI (command and options must exist and fit) but not run; the coders'
keys are then played by :func:`code_as_the_guide_says` (the first answers through the
real screen and its keys, the rest through the journal API), so the steps after them run on
a coded study. ``<!-- test: copy SUB/FILE DEST -->`` copies a file of ../shared (the
reader copies their own file with the file manager). In troubleshooting.md, ``setup:``,
``fails:`` (exit 2) and ``run:`` (exit 0) lines before a ```text block make the mistake
in the guide's finished project, print the message, and undo the mistake.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from conftest import shared_dir

from tut.cli import cli, main
from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.tui.app import make_adjudication_app, make_coding_app

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "walkthrough.md"
TUT_BIN = Path(sys.executable).parent
COLUMNS = "100"
"""The width the guide's outputs were captured at (tables wrap to the terminal)."""

FENCE = re.compile(r"^```(\w*)(.*)$")
DIRECTIVE = re.compile(r"^<!-- test: (.+?) -->$")
SHELL = re.compile(r"[|&;<>$`]")

# What the coders and the adjudicator of the guide press, segment by segment (hotkeys of the
# guide's frame: 1 responsible, 2 watching, 3 present, 4 unclear), in the order of the
# segment list; and what the adjudicator decides, with the rationale typed.
CODES = {
    "ana": "32 42 12 32 31 42 12 32",
    "ben": "32 42 12 31 32 42 12 32",
}
DECISIONS = {
    "EN04-office-eye-en-meaning": ("2", "ready to help is watching"),
    "MX01-office-eye-es-meaning": ("2", "cuidando means watching here"),
}
KEYS_THROUGH_THE_SCREEN = 2
"""How many of ana's answers are coded with the real screen's keys (the rest: journal API;
the screen takes about 0.2 s a key under the pilot)."""


@dataclass
class Block:
    kind: str
    text: str
    file: str = ""
    directives: list[str] = field(default_factory=list)


def blocks(markdown: str) -> list[Block]:
    """The fenced blocks of the guide in order, each with the hidden directives before it."""
    found: list[Block] = []
    pending: list[str] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = DIRECTIVE.match(line.strip())
        fence = FENCE.match(line)
        if directive:
            pending.append(directive.group(1))
        elif fence:
            kind, rest = fence.group(1), fence.group(2)
            end = lines.index("```", i + 1)
            file = re.search(r"file=(\S+)", rest)
            found.append(Block(kind, "\n".join(lines[i + 1:end]) + "\n",
                               file.group(1) if file else "", pending))
            pending = []
            i = end
        i += 1
    return found


def command_lines(block: Block) -> list[str]:
    """The commands of an ```sh block: one per line, comments and blank lines left out."""
    commands = []
    for line in block.text.splitlines():
        words = shlex.split(line, comments=True)
        if words:
            commands.append(line)
    return commands


def parse_only(line: str) -> click.Context:
    """Parse a ``tut`` line with the real CLI, as it would run, without running it: the
    command and its options must exist and their values fit."""
    words = shlex.split(line, comments=True)
    assert words[0] == "tut", line
    ctx = click.Context(cli, info_name="tut")
    command: click.Command = cli
    rest = words[1:]
    while isinstance(command, click.Group):
        name, found, rest = command.resolve_command(ctx, rest)
        assert found is not None and name, line
        parent, command = ctx, found
        ctx = click.Context(command, info_name=name, parent=parent)
    return command.make_context(ctx.info_name, rest, parent=ctx.parent)


def matches(shown: str, output_lines: list[str]) -> bool:
    """A line the guide shows is in the output: its parts between ``…`` in order, with runs
    of spaces counted as one."""
    parts = [" ".join(p.split()) for p in shown.split("…") if p.strip()]
    for line in output_lines:
        line = " ".join(line.split())
        at = 0
        for part in parts:
            at = line.find(part, at)
            if at < 0:
                break
            at += len(part)
        else:
            return True
    return False


async def code_as_the_guide_says(study: Path, coder: str) -> None:
    """ana's and ben's codes: the first answers with the screen's keys (a hotkey, then
    Enter), the rest through the journal API, as the screen writes them."""
    keys = CODES[coder].replace(" ", "")
    through_screen = KEYS_THROUGH_THE_SCREEN if coder == "ana" else 0
    app = make_coding_app(study, coder, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        for key in keys[:through_screen]:
            await pilot.press(key, "enter")
        await pilot.press("q")
    data = open_study(study)
    by_key = {code.hotkey: code.id for code in data.frame.codes}
    with CoderJournal.open(study, coder, data.frame) as journal:
        for segment, key in list(zip(data.segments, keys, strict=True))[through_screen:]:
            journal.set_codes(segment.id, [by_key[key]])


async def adjudicate_as_the_guide_says(study: Path, adjudicator: str) -> None:
    """dora's decisions: the first through the screen (hotkey, m, the rationale, Esc,
    Enter), the other through the journal API."""
    first, *others = DECISIONS.items()
    app = make_adjudication_app(study, adjudicator, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        key, why = first[1]
        await pilot.press(key, "m", *["space" if c == " " else c for c in why], "escape", "enter")
        await pilot.press("q")
    data = open_study(study)
    by_key = {code.hotkey: code.id for code in data.frame.codes}
    with CoderJournal.open(study, adjudicator, data.frame) as journal:
        for segment_id, (key, why) in others:
            journal.adjudicate(segment_id, [by_key[key]], why)


async def play(line: str, cwd: Path) -> None:
    """Do what the reader does in the coding screen that ``line`` opens."""
    ctx = parse_only(line)
    project = cwd
    study = project / "coded_responses" / ctx.params["name"]
    if ctx.command.name == "code":
        await code_as_the_guide_says(study, ctx.params["coder"])
    elif ctx.command.name == "adjudicate":
        await adjudicate_as_the_guide_says(study, ctx.params["adjudicator"])


def run_line(line: str, cwd: Path, exit_code: int = 0) -> str:
    """Run one line as the reader types it; it must end with ``exit_code``. A plain ``tut``
    line runs through tut's own entry point in this process (as ``run_cli`` does: the same
    code, without paying the imports again for each line); anything with shell in it runs
    in bash."""
    words = shlex.split(line, comments=True)
    if words[0] == "tut" and not SHELL.search(line.split("#")[0]):
        code, printed = run_tut(words[1:], cwd)
    else:
        env = {**os.environ, "PATH": f"{TUT_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
               "COLUMNS": COLUMNS, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        proc = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=120, check=False)
        code, printed = proc.returncode, proc.stdout + proc.stderr
    assert code == exit_code, f"`{line}` exited {code}, not {exit_code}:\n{printed}"
    return printed


def run_tut(args: list[str], cwd: Path) -> tuple[int, str]:
    """``tut ARGS`` in ``cwd`` through :func:`tut.cli.main`, its output captured."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        patch.setenv("COLUMNS", COLUMNS)
        patch.setattr(sys, "stdin", io.StringIO(""))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    return code, out.getvalue() + err.getvalue()


def check_shown(block: Block, output: list[str], page: str) -> int:
    """Each line a ```text block shows is in ``output``; returns how many were checked."""
    shown = [line for line in block.text.splitlines()
             if line.strip() not in ("", "...", "…") and not line.startswith("$ ")]
    missing = [line for line in shown if not matches(line, output)]
    assert not missing, f"{page} shows lines tut did not print:\n" + "\n".join(missing) + (
        "\ntut printed:\n" + "\n".join(output))
    return len(shown)


@dataclass
class Walk:
    project: Path
    checked: int


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> Walk:
    """The guide followed from its first line to its last, in a scratch folder."""
    cwd = tmp_path_factory.mktemp("reader")
    output: list[str] = []
    checked = 0
    for block in blocks(GUIDE.read_text(encoding="utf-8")):
        for directive in block.directives:
            if directive.startswith("copy "):
                source, dest = directive.split()[1:]
                shutil.copy(shared_dir(str(Path(source).parent)) / Path(source).name, cwd / dest)
        if block.file:
            (cwd / block.file).parent.mkdir(parents=True, exist_ok=True)
            (cwd / block.file).write_text(block.text, encoding="utf-8")
        elif block.kind == "sh":
            output = []
            for line in command_lines(block):
                words = shlex.split(line, comments=True)
                if "interactive" in block.directives:
                    asyncio.run(play(line, cwd))
                elif words[0] == "cd":
                    cwd = (cwd / words[1]).resolve()
                    assert cwd.is_dir(), line
                else:
                    output += run_line(line, cwd).splitlines()
        elif block.kind == "text" and output:
            checked += check_shown(block, output, "walkthrough.md")
    return Walk(cwd, checked)


def test_the_walkthrough_runs_as_written(walked: Walk) -> None:
    assert (walked.project / "report" / "report.html").is_file()
    assert (walked.project / "informe" / "report.docx").is_file()
    assert walked.checked > 50  # the guide shows real output, and it was checked


def test_the_troubleshooting_messages_are_tuts_own(walked: Walk) -> None:
    """Each message troubleshooting.md shows is reproduced in the guide's project: hidden
    ``setup:`` lines prepare the mistake (and undo it), ``fails:`` lines must exit 2 and
    ``run:`` lines 0, and the block's lines must be in what they printed."""
    reproduced = 0
    for block in blocks((REPO / "docs" / "troubleshooting.md").read_text(encoding="utf-8")):
        output: list[str] = []
        for directive in block.directives:
            how, _, line = directive.partition(": ")
            if how.startswith("copy "):
                source, dest = how.split()[1:]
                shutil.copy(shared_dir(str(Path(source).parent)) / Path(source).name,
                            walked.project / dest)
            elif how in ("setup", "run", "fails"):
                printed = run_line(line, walked.project, 2 if how == "fails" else 0)
                output += printed.splitlines() if how != "setup" else []
        if output:
            check_shown(block, output, "troubleshooting.md")
            reproduced += 1
    assert reproduced >= 12


def test_the_guide_marks_only_the_coding_screens_interactive() -> None:
    """Only the commands that open a screen are left unrun; each one parses."""
    interactive = [b for b in blocks(GUIDE.read_text(encoding="utf-8"))
                   if "interactive" in b.directives]
    assert interactive
    for block in interactive:
        for line in command_lines(block):
            assert parse_only(line).command.name in ("code", "adjudicate"), line


@pytest.mark.parametrize("page", ["walkthrough.md", "troubleshooting.md"])
def test_the_pages_name_only_real_commands(page: str) -> None:
    names = set(cli.list_commands(click.Context(cli)))
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    named = re.findall(r"`tut ([a-z-]+)", text)
    for block in blocks(text):
        if block.kind == "sh":
            named += [line.split()[1] for line in command_lines(block) if line.startswith("tut ")]
    assert named
    for name in named:
        assert name in names or name.startswith("-"), f"{page} names 'tut {name}'"
