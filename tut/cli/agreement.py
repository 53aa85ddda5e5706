"""`tut agreement`: inter-coder agreement of a study or of any reliability table."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click
from rich.console import Console
from rich.table import Table

from tut.agreement import (
    BREAKDOWNS,
    LEVELS,
    AgreementReport,
    Coefficient,
    ReliabilityDataError,
    StudyAgreement,
    agreement_report,
    study_agreement,
    verdict,
)
from tut.agreement.breakdown import By
from tut.agreement.table import LAYOUTS, load_table
from tut.cli.common import Context, echo_json, json_option, pass_context
from tut.errors import TutError


def register(cli: click.Group) -> None:
    cli.add_command(agreement_cmd)


@click.command("agreement")
@click.argument("study", required=False)
@click.option(
    "--table",
    "table",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A reliability table (CSV, .sav or .dta) instead of a study.",
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    help="Level of measurement of the --table codes (required with --table).",
)
@click.option(
    "--layout",
    type=click.Choice(LAYOUTS),
    default="units-x-coders",
    show_default=True,
    help="How the --table is laid out.",
)
@click.option(
    "--missing", metavar="TOKEN", help="Cell text that means 'not coded' (besides empty/NA)."
)
@click.option("--by", type=click.Choice(BREAKDOWNS), help="Break a study's agreement down.")
@click.option(
    "--bootstrap",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="Bootstrap alpha with N resamples (Hayes and Krippendorff 2007).",
)
@click.option("--seed", type=int, default=None, help="Seed for the bootstrap (reproducible).")
@json_option
@pass_context
def agreement_cmd(
    ctx: Context,
    study: str | None,
    table: Path | None,
    level: str | None,
    layout: str,
    missing: str | None,
    by: str | None,
    bootstrap: int,
    seed: int | None,
    as_json: bool,
) -> None:
    """Inter-coder agreement of STUDY, or of any reliability --table.

    Every coefficient (Krippendorff's alpha, Cohen's kappa for two coders, Fleiss, Conger,
    Gwet's AC1, Brennan-Prediger, Scott's pi, percent agreement) with its interval and a
    verdict from its published benchmark.
    """
    if (study is None) == (table is None):
        raise click.UsageError("give either a STUDY or --table FILE (one of them)")
    if table is not None:
        if level is None:
            raise click.UsageError("--table needs --level nominal|ordinal|interval|ratio")
        if by is not None:
            raise click.UsageError("--by applies to studies; a table is one group")
        data = load_table(table, level, layout=layout, missing=missing)
        report = agreement_report(data, bootstrap=bootstrap, seed=seed)
        if as_json:
            echo_json(report.to_json())
        else:
            _print_report(str(table), report)
        return
    if level is not None or missing is not None or layout != "units-x-coders":
        raise click.UsageError("--level, --layout and --missing apply to --table only")
    assert study is not None
    result = _study(ctx, study, by, bootstrap, seed)
    if as_json:
        echo_json(result.to_json())
    else:
        _print_study(study, result)


def _study(
    ctx: Context, study: str, by: str | None, bootstrap: int, seed: int | None
) -> StudyAgreement:
    from tut.coding.study import open_study

    path = Path(study)
    folder = path if path.is_dir() else ctx.project.study_dir(study)
    if not folder.is_dir():
        raise TutError.at(
            study,
            "",
            "no such study",
            f"give a study folder or a name in {ctx.project.studies_dir}",
        )
    data = open_study(folder)
    try:
        return study_agreement(
            data.segments,
            data.frame,
            data.codings(),
            cast("By | None", by),
            bootstrap=bootstrap,
            seed=seed,
        )
    except ReliabilityDataError as exc:
        raise TutError.at(folder, "", str(exc)) from None


# --- human output ---------------------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def _ci(c: Coefficient) -> str:
    return "" if c.ci is None else f"{c.ci[0]:.3f} to {c.ci[1]:.3f}"


def _coefficient_table(report: AgreementReport) -> Table:
    t = Table(show_header=True, header_style="bold")
    t.add_column("Coefficient", no_wrap=True)
    t.add_column("Value", justify="right", no_wrap=True)
    t.add_column("95% interval", justify="right", no_wrap=True)
    t.add_column("SE", justify="right", no_wrap=True)
    t.add_column("Verdict", no_wrap=True)
    t.add_column("Note")
    for c in report.coefficients:
        if not c.defined:
            t.add_row(c.label or c.name, "undefined", "", "", "", c.reason)
            continue
        v = verdict(c)
        text = f"{v.label} ({v.source})" if v.source else v.label
        note = "; ".join(x for x in (c.reason, v.note) if x)
        t.add_row(c.label or c.name, _fmt(c.value), _ci(c), _fmt(c.se), text, note)
    return t


def _console() -> Console:
    console = Console()
    if not console.is_terminal:
        console.width = max(console.width, 120)
    return console


def _print_report(title: str, report: AgreementReport) -> None:
    console = _console()
    console.print(
        f"[bold]Agreement[/bold] {title}: {report.level} level, {report.n_coders} coders, "
        f"{report.n_units} units, {report.n_pairable} pairable values",
        highlight=False,
    )
    console.print(_coefficient_table(report))
    _print_notes(console, report)


def _print_notes(console: Console, report: AgreementReport) -> None:
    single = report.single_coded_units
    if single:
        shown = ", ".join(single[:10]) + (" ..." if len(single) > 10 else "")
        console.print(
            f"{len(single)} unit(s) coded by one coder only, left out of the pairable values: "
            f"{shown}",
            highlight=False,
        )
    if report.dropped_units:
        console.print(f"{report.dropped_units} unit(s) no coder coded were left out.")
    if report.dropped_coders:
        console.print(f"Coders with no code at all, left out: {', '.join(report.dropped_coders)}")
    for c in report.coefficients:
        if c.bootstrap is not None:
            b = c.bootstrap
            probs = ", ".join(f"P(alpha < {t:.3f}) = {p:.3f}" for t, p in b.p_below)
            console.print(
                f"{c.label}: bootstrap of pairable values (Hayes and Krippendorff 2007), "
                f"{b.resamples} resamples of {b.pairs_per_resample} pairs, seed {b.seed}: {probs}",
                highlight=False,
            )
    console.print(
        "Intervals: Gwet (2014) standard errors, t distribution, upper bound capped at 1, "
        "unless bootstrapped.",
        style="dim",
    )


def _print_study(name: str, result: StudyAgreement) -> None:
    console = _console()
    console.print(
        f"[bold]Agreement[/bold] study {name}: frame {result.frame_id} ({result.mode}), "
        f"coders {', '.join(result.coders)}, {result.n_segments} segments",
        highlight=False,
    )
    console.print(_coefficient_table(result.overall))
    _print_notes(console, result.overall)
    if not result.groups:
        return
    main = result.main
    t = Table(title=f"By {result.by}", show_header=True, header_style="bold")
    t.add_column(result.by or "group")
    t.add_column("Units", justify="right")
    t.add_column("Pairable", justify="right")
    headline = result.overall[main].label if main in result.overall.names else main
    t.add_column(headline, justify="right")
    t.add_column("95% interval", justify="right")
    t.add_column("Verdict")
    for g in result.groups:
        c = g.report.get(main) or g.report.get("krippendorff_alpha")
        if c is None or not c.defined:
            t.add_row(
                g.group,
                str(g.report.n_units),
                str(g.report.n_pairable),
                "undefined",
                "",
                c.reason if c else "",
            )
            continue
        v = verdict(c)
        t.add_row(
            g.group,
            str(g.report.n_units),
            str(g.report.n_pairable),
            _fmt(c.value),
            _ci(c),
            f"{v.label} ({v.source})",
        )
    console.print(t)
