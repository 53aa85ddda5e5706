"""`tut agreement`: inter-coder agreement of a study or of any reliability table."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tut.agreement import (
    BOOTSTRAP_METHODS,
    LEVELS,
    AgreementReport,
    Coefficient,
    ReliabilityDataError,
    agreement_report,
    verdict,
)
from tut.agreement.alpha import BootstrapMethod
from tut.agreement.bootstrap import fresh_seed
from tut.agreement.confusion import confusion
from tut.agreement.table import LAYOUTS
from tut.cli.common import Context, echo_json, json_option, pass_context
from tut.cli.confusion_text import confusion_text
from tut.coding.agreement import BREAKDOWNS, MIN_USES, By, StudyAgreement, study_agreement
from tut.coding.study import StudyData, open_study
from tut.errors import TutError
from tut.microdata.reliability_table import load_table
from tut.project import check_study_ref
from tut.safe_text import visible


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
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Text encoding of a CSV --table that is not UTF-8 (latin-1, windows-1252).",
)
@click.option(
    "--by",
    type=click.Choice(BREAKDOWNS),
    help="Break a study's agreement down: per wording variant, probe, coder pair, code "
    "(present/absent), or time (each coder's first vs last third of work).",
)
@click.option(
    "--bootstrap",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    help="Intervals from a bootstrap with N resamples: over units, every coefficient "
    "(default), or over pairs of values, alpha only (--bootstrap-method pairs).",
)
@click.option(
    "--bootstrap-method",
    type=click.Choice(BOOTSTRAP_METHODS),
    default="units",
    show_default=True,
    help="units: resample units (segments) with all their codes; pairs: Hayes and "
    "Krippendorff's (2007) KALPHA bootstrap of pairs of values, alpha only (too narrow when "
    "units have more than two coders).",
)
@click.option(
    "--seed",
    type=int,
    default=None,
    help="Seed for the bootstrap (default: one is drawn and printed, to repeat the run).",
)
@click.option(
    "--confusion",
    is_flag=True,
    help="Which codes coders swap: a code x code table per pair of coders and pooled.",
)
@click.option("--pair", metavar="A,B", help="With --confusion: only this pair of coders.")
@json_option
@pass_context
def agreement_cmd(
    ctx: Context,
    study: str | None,
    table: Path | None,
    level: str | None,
    layout: str,
    missing: str | None,
    encoding: str,
    by: str | None,
    bootstrap: int,
    bootstrap_method: str,
    seed: int | None,
    confusion: bool,
    pair: str | None,
    as_json: bool,
) -> None:
    """Inter-coder agreement of STUDY, or of any reliability --table.

    Every coefficient (Krippendorff's alpha, Cohen's kappa for two coders, Fleiss, Conger,
    Gwet's AC1, Brennan-Prediger, Scott's pi, percent agreement) with its interval and a
    verdict from its published benchmark.
    """
    method = cast("BootstrapMethod", bootstrap_method)
    if (bootstrap or by == "code") and seed is None:
        seed = fresh_seed()  # one seed for the whole run, printed so it can be repeated
    if (study is None) == (table is None):
        raise click.UsageError("give either a STUDY or --table FILE (one of them)")
    if table is not None:
        if level is None:
            raise click.UsageError("--table needs --level nominal|ordinal|interval|ratio")
        if by is not None:
            raise click.UsageError("--by applies to studies; a table is one group")
        data = load_table(table, level, layout=layout, missing=missing, encoding=encoding)
        try:
            report = agreement_report(
                data, bootstrap=bootstrap, seed=seed, bootstrap_method=method
            )
        except ReliabilityDataError as exc:  # e.g. ratio alpha on too many distinct values
            raise TutError.at(table, "", str(exc)) from None
        if as_json:
            echo_json(report.to_json())
        else:
            _print_report(str(table), report)
        return
    if level is not None or missing is not None or layout != "units-x-coders" \
            or encoding != "utf-8":
        raise click.UsageError("--level, --layout, --missing and --encoding apply to --table only")
    assert study is not None
    if pair is not None and not confusion:
        raise click.UsageError("--pair goes with --confusion")
    if confusion and (by is not None or bootstrap):
        raise click.UsageError("--confusion is a table of codes: without --by or --bootstrap")
    found = _open_study(ctx, study)
    if confusion:
        _confusion(study, found, pair, as_json)
        return
    result = _study(found, by, bootstrap, seed, method)
    if as_json:
        echo_json(result.to_json() | frame_version(found))
    else:
        _print_study(study, result, found.frame.version)
    for line in found.warnings:  # as `tut study status` says them
        click.echo(f"warning: {visible(line)}", err=True)


def _open_study(ctx: Context, study: str) -> StudyData:
    path = Path(check_study_ref(study))
    folder = path if path.is_dir() else ctx.project.study_dir(study)
    if not folder.is_dir():
        raise TutError.at(
            study,
            "",
            "no such study",
            f"give a study folder or a name in {ctx.project.studies_dir}",
        )
    return open_study(folder)


def frame_version(data: StudyData) -> dict[str, object]:
    """Which version of the frame the figures are computed on (all codes read under it)."""
    return {"frame_version": data.frame.version,
            "frame_revisions": [r.describe() for r in data.revisions]}


def _study(
    data: StudyData,
    by: str | None,
    bootstrap: int,
    seed: int | None,
    method: BootstrapMethod = "units",
) -> StudyAgreement:
    """The study's agreement on the current version of its frame."""
    folder = data.dir
    try:
        result = study_agreement(
            data.segments,
            data.frame,
            data.codings(),
            cast("By | None", by),
            bootstrap=bootstrap,
            seed=seed,
            bootstrap_method=method,
        )
    except ReliabilityDataError as exc:
        raise TutError.at(folder, "", str(exc)) from None
    return result


def _confusion(name: str, data: StudyData, pair: str | None, as_json: bool) -> None:
    """`--confusion`: which codes the coders swap, per pair and pooled."""
    codings = {c: {sid: s.codes for sid, s in state.items()} for c, state in data.codings().items()}
    pairs = None
    if pair is not None:
        wanted = tuple(x.strip() for x in pair.split(","))
        unknown = [c for c in wanted if c not in codings]
        if len(wanted) != 2 or wanted[0] == wanted[1] or unknown:
            raise TutError.at(data.dir, "--pair", f"not a pair of this study's coders: {pair}",
                              f"coders: {', '.join(sorted(codings)) or 'none yet'}")
        pairs = [(wanted[0], wanted[1])]
    result = confusion([c.id for c in data.frame.codes], codings, pairs)
    if as_json:
        echo_json({"study": data.name, "frame_id": data.frame.id} | frame_version(data)
                  | result.to_json())
        return
    for line in confusion_text(name, data.frame, result):
        click.echo(visible(line))
    for line in data.warnings:
        click.echo(f"warning: {visible(line)}", err=True)


# --- human output ---------------------------------------------------------------------------
#
# Tables fit an 80-column terminal: the figures never wrap or get cut, the names and the
# verdicts wrap. Each verdict names its benchmark's source; the line under it says what the
# interval adds (a value above 0.800 whose interval reaches below 0.667 is weak evidence).


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def _ci(c: Coefficient) -> str:
    return "" if c.ci is None else f"{c.ci[0]:.3f} to {c.ci[1]:.3f}"


def _verdict_cell(c: Coefficient) -> Text:
    """The verdict with its source; under it, what the interval says and any note."""
    if not c.defined:
        return Text(f"undefined: {c.reason}")
    v = verdict(c)
    text = Text(f"{v.label} ({v.source})" if v.source else v.label)
    for note in (v.note, c.reason):
        if note:
            text.append(f"\n{note}", style="dim")
    return text


def _table(title: str | None = None) -> Table:
    return Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        header_style="bold",
        pad_edge=False,
    )


def _figure_columns(t: Table) -> None:
    t.add_column("Value", justify="right", no_wrap=True, min_width=5)
    t.add_column("95% interval", justify="right", no_wrap=True, min_width=14)


def _coefficient_table(report: AgreementReport) -> Table:
    t = _table()
    t.add_column("Coefficient", ratio=2, min_width=12, overflow="fold")
    _figure_columns(t)
    t.add_column("SE", justify="right", no_wrap=True, min_width=5)
    t.add_column("Verdict (source)", ratio=3, min_width=18)
    for c in report.coefficients:
        if not c.defined:
            t.add_row(c.label or c.name, "", "", "", _verdict_cell(c))
            continue
        t.add_row(c.label or c.name, _fmt(c.value), _ci(c), _fmt(c.se), _verdict_cell(c))
    return t


def _console() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = max(console.width, 120)
    return console


def _counts(report: AgreementReport) -> str:
    return (
        f"{report.n_coders} coders, {report.n_units} units ({report.n_pairable_units} coded by "
        f"two or more coders, {len(report.single_coded_units)} coded once), "
        f"{report.n_pairable} pairable values"
    )


def _print_report(title: str, report: AgreementReport) -> None:
    console = _console()
    console.print(f"[bold]Agreement[/bold] {title}: {report.level} level, {_counts(report)}")
    console.print(_coefficient_table(report))
    _print_notes(console, report)


def _print_notes(console: Console, report: AgreementReport) -> None:
    single = report.single_coded_units
    if single:
        shown = ", ".join(single[:10]) + (" ..." if len(single) > 10 else "")
        console.print(
            f"{len(single)} unit(s) coded by one coder only, left out of every coefficient: "
            f"{shown}"
        )
    if report.dropped_units:
        console.print(f"{report.dropped_units} unit(s) no coder coded were left out.")
    if report.dropped_coders:
        console.print(f"Coders with no code at all, left out: {', '.join(report.dropped_coders)}")
    for warning in report.warnings:
        console.print(f"warning: {warning}", style="yellow")
    for c in report.coefficients:
        if c.bootstrap is not None and c.bootstrap.p_below:
            b = c.bootstrap
            probs = ", ".join(f"P(alpha < {t:.3f}) = {p:.3f}" for t, p in b.p_below)
            console.print(f"{c.label}, {b.describe()}: {probs}")
    bootstrapped = any(c.bootstrap is not None for c in report.coefficients)
    if report.level != "nominal":
        console.print(
            f"At the {report.level} level only Krippendorff's alpha and the weighted Cohen's "
            "kappas use the distances between codes; Fleiss, Conger, Gwet's AC1, "
            "Brennan-Prediger, Scott's pi and percent agreement treat codes as categories "
            "(unweighted).",
            style="dim",
        )
    if bootstrapped and any(
        c.bootstrap is not None and c.bootstrap.resamples < 1000 for c in report.coefficients
    ):
        console.print(
            "Fewer than 1,000 bootstrap resamples: the interval and probabilities are rough "
            "(Hayes and Krippendorff 2007 use at least 1,000).",
            style="yellow",
        )
    console.print(_method_line(report), style="dim")


def _method_line(report: AgreementReport) -> str:
    """Which method made the intervals shown (one per coefficient, named)."""
    by_method: dict[str, list[str]] = {}
    for c in report.coefficients:
        if c.ci_method and c.ci is not None:
            by_method.setdefault(c.ci_method, []).append(c.label or c.name)
    seed_hint = ""
    for c in report.coefficients:
        if c.bootstrap is not None:
            seed_hint = f" (--seed {c.bootstrap.seed} repeats it)"
            break
    parts = []
    for method, names in by_method.items():
        if method.startswith("Gwet linearisation"):
            method = method.replace("Gwet linearisation", "Gwet (2014) linearisation, as irrCAC")
        whom = "every coefficient" if len(by_method) == 1 else ", ".join(names)
        parts.append(f"{whom}: {method}")
    text = "; ".join(parts) if parts else "no interval"
    return f"Intervals: {text}{seed_hint}. SE: Gwet's linearisation; upper bounds capped at 1."


def _group_title(result: StudyAgreement) -> tuple[str, str]:
    """Title of the breakdown table and the name of the coefficient it shows."""
    if result.by == "code":
        return (
            "By code: each code present/absent on a segment, Krippendorff's alpha (nominal)",
            "krippendorff_alpha",
        )
    label = result.overall[result.main].label if result.main in result.overall.names else ""
    return f"By {result.by}: {label or result.main}", result.main


def _print_study(name: str, result: StudyAgreement, version: int = 1) -> None:
    console = _console()
    mode = "one code per segment" if result.mode == "exclusive" else "several codes per segment"
    console.print(
        f"[bold]Agreement[/bold] study {name}: frame {result.frame_id} version {version} "
        f"({mode}), coders "
        f"{', '.join(result.coders)}, {result.n_segments} segments "
        f"({result.overall.n_pairable_units} coded by two or more coders, "
        f"{len(result.overall.single_coded_units)} coded once), "
        f"{result.overall.n_pairable} pairable values"
    )
    console.print(_coefficient_table(result.overall))
    _print_notes(console, result.overall)
    if not result.groups:
        return
    title, main = _group_title(result)
    by_code = result.by == "code"
    t = _table(title)
    t.add_column(result.by or "group", ratio=2, min_width=10, overflow="fold")
    if by_code:  # every code is read on every segment: units and pairs are the study's
        t.add_column("Uses", justify="right", no_wrap=True)
    else:
        t.add_column("Units", justify="right", no_wrap=True)
        t.add_column("Pairable\nvalues", justify="right", no_wrap=True)
    _figure_columns(t)
    t.add_column("Verdict (source)", ratio=3, min_width=18)
    for g in result.groups:
        c = g.report.get(main)
        if c is None:
            continue
        counts = [str(g.uses)] if by_code else [str(g.report.n_units), str(g.report.n_pairable)]
        interval = "too few uses" if g.too_few_uses else _ci(c)
        figures = [_fmt(c.value), interval] if c.defined else ["", ""]
        t.add_row(g.group, *counts, *figures, _verdict_cell(c))
    console.print(t)
    shown = next(
        (c for g in result.groups if (c := g.report.get(main)) and c.ci is not None), None
    )
    if shown is not None:
        console.print(f"Intervals: {shown.ci_method}.", style="dim")
    if by_code:
        console.print(
            "Uses: how many times the coders put the code on a segment. Too few uses: the "
            f"code is on fewer than {MIN_USES} segments two or more coders coded, or missing "
            f"from fewer than {MIN_USES}: no interval. A code nobody used has no alpha.",
            style="dim",
        )
