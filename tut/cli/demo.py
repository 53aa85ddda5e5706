"""`tut demo`: the whole pipeline on the bundled example study, in under a minute."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@click.command("demo")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-output"),
    show_default=True,
    help="Folder for the demo project (new or empty; a previous demo folder is "
    "reused without losing anything).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "es"]),
    default="en",
    show_default=True,
    help="Language of the report.",
)
def demo_cmd(out_dir: Path, lang: str) -> None:
    """Run the example study end to end: agreement, comparison and the report.

    Copies the ILLUSTRATIVE example study (40 invented cognitive interviews, three coders,
    an adjudication) into a project folder, writes SYNTHETIC split-ballot microdata, then
    computes inter-coder agreement, the estimates per wording, and the report. Prints the
    answer and where the report is, and how to open the study in the coding screen.
    """
    from tut.demo import STEPS, check_target, run_demo
    from tut.project import check_output

    check_output(out_dir)
    check_target(out_dir)  # refuse a foreign folder before showing any progress
    err = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as progress:
        task = progress.add_task("demo", total=len(STEPS), detail="")
        done: list[str] = []

        def step(name: str, detail: str) -> None:
            if done:
                progress.advance(task)
            done.append(name)
            progress.update(task, description=f"{len(done)}/{len(STEPS)} {name}", detail=detail)

        result = run_demo(out_dir, step=step, lang=lang)
        progress.update(task, completed=len(STEPS), description="done", detail="")

    out = Console(highlight=False, soft_wrap=True)
    for item in result.reused:
        out.print(f"[dim]kept: {item}[/dim]")
    out.print()
    out.print(f"[bold]{escape(result.headline)}[/bold]")
    for line in result.findings:
        out.print(f"  {escape(line)}")
    out.print(escape(result.frame_line))
    for line in result.micro_lines:
        out.print(escape(line))
    for line in result.warnings:
        out.print(f"warning: {escape(line)}")
    out.print()
    illustrative = (
        "Las entrevistas son ILUSTRATIVAS (inventadas) y los microdatos SINTÉTICOS."
        if lang == "es"
        else "The interviews are ILLUSTRATIVE (invented) and the microdata SYNTHETIC."
    )
    out.print(f"[dim]{illustrative}[/dim]")
    out.print(f"Report:      {result.report['report.html']}")
    out.print(f"             {result.report['report.md']}, {result.report['report.json']}")
    out.print(f"Agreement:   {result.agreement_json}")
    out.print(f"Estimates:   {result.compare_json}")
    out.print()
    out.print("Open the example in the coding screen:")
    out.print(f"  tut --project {result.root} code supervisory-care --coder ana")
    out.print("  (or --coder YOUR_NAME to code it yourself, blind to the others)")
    out.print(
        f"Adjudicate:  tut --project {result.root} adjudicate supervisory-care --adjudicator dora"
    )
    out.print(
        f"Report again: tut --project {result.root} report supervisory-care "
        f"--data {result.spec} --out {result.root / 'report'}"
    )
