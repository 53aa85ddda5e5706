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
)
from tut.agreement.alpha import BootstrapMethod
from tut.agreement.bootstrap import fresh_seed
from tut.agreement.confusion import confusion
from tut.agreement.table import LAYOUTS
from tut.cli.agreement_words import (
    coefficient_name,
    method_line,
    verdict_words,
)
from tut.cli.common import Context, echo_json, journal_warnings, json_option, pass_context
from tut.cli.confusion_text import confusion_text
from tut.coding.agreement import BREAKDOWNS, MIN_USES, By, StudyAgreement, study_agreement
from tut.coding.study import StudyData, open_study
from tut.errors import TutError
from tut.messages import text as words
from tut.messages import text_or
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
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="Language of the tables, verdicts and notes (--json stays in English).")
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
    lang: str,
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
            _print_report(str(table), report, lang)
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
        _confusion(study, found, pair, as_json, lang)
        return
    result = _study(found, by, bootstrap, seed, method)
    if as_json:
        echo_json(result.to_json() | frame_version(found))
    else:
        _print_study(study, result, found.frame.version, lang)
    journal_warnings(found, lang)


def _open_study(ctx: Context, study: str) -> StudyData:
    path = Path(check_study_ref(study))
    folder = path if path.is_dir() else ctx.project.study_dir(study)
    if not folder.is_dir():
        raise TutError.at(
            study,
            "",
            "no such study",
            ctx.project.lookup_fix(f"give a study folder or a name in {ctx.project.studies_dir}"),
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


def _confusion(name: str, data: StudyData, pair: str | None, as_json: bool, lang: str) -> None:
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
    for line in confusion_text(name, data.frame, result, lang=lang):
        click.echo(visible(line))
    journal_warnings(data, lang)


# --- human output ---------------------------------------------------------------------------
#
# Tables fit an 80-column terminal: the figures never wrap or get cut, the names and the
# verdicts wrap. Each verdict names its benchmark's source; the line under it says what the
# interval adds (a value above 0.800 whose interval reaches below 0.667 is weak evidence).



def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def _ci(c: Coefficient, lang: str) -> str:
    if c.ci is None:
        return ""
    return words("cli.agreement-ci", lang, low=f"{c.ci[0]:.3f}", high=f"{c.ci[1]:.3f}")


def _verdict_cell(c: Coefficient, lang: str) -> Text:
    """The verdict with its source; under it, what the interval says and any note."""
    head, note = verdict_words(c, lang)
    text = Text(head)
    if not c.defined:
        return text
    for line in (note, c.reason_note.text(lang)):
        if line:
            text.append(f"\n{line}", style="dim")
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


def _figure_columns(t: Table, lang: str) -> None:
    t.add_column(words("cli.agreement-col-value", lang), justify="right", no_wrap=True,
                 min_width=5)
    t.add_column(words("cli.agreement-col-interval", lang), justify="right", no_wrap=True,
                 min_width=14)


def _coefficient_table(report: AgreementReport, lang: str) -> Table:
    t = _table()
    t.add_column(words("cli.agreement-col-coefficient", lang), ratio=2, min_width=12,
                 overflow="fold")
    _figure_columns(t, lang)
    t.add_column(words("cli.agreement-col-se", lang), justify="right", no_wrap=True, min_width=5)
    t.add_column(words("cli.agreement-col-verdict", lang), ratio=3, min_width=18)
    for c in report.coefficients:
        name = coefficient_name(c, lang)
        if not c.defined:
            t.add_row(name, "", "", "", _verdict_cell(c, lang))
            continue
        t.add_row(name, _fmt(c.value), _ci(c, lang), _fmt(c.se), _verdict_cell(c, lang))
    return t


def _console() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = max(console.width, 120)
    return console


def _counts(report: AgreementReport, lang: str) -> str:
    return words(
        "cli.agreement-counts", lang, coders=report.n_coders, units=report.n_units,
        pairable_units=report.n_pairable_units, once=len(report.single_coded_units),
        pairable=report.n_pairable,
    )


def _title(lang: str) -> str:
    return f"[bold]{words('cli.agreement-title', lang)}[/bold]"


def _print_report(title: str, report: AgreementReport, lang: str = "en") -> None:
    console = _console()
    console.print(words(
        "cli.agreement-table-heading", lang, title=_title(lang), name=title,
        level=words(f"cli.agreement-level-{report.level}", lang), counts=_counts(report, lang),
    ))
    console.print(_coefficient_table(report, lang))
    _print_notes(console, report, lang)


def _print_notes(console: Console, report: AgreementReport, lang: str) -> None:
    single = report.single_coded_units
    if single:
        shown = ", ".join(single[:10]) + (" ..." if len(single) > 10 else "")
        console.print(words("cli.agreement-single-coded", lang, count=len(single), units=shown))
    if report.dropped_units:
        console.print(words("cli.agreement-dropped-units", lang, count=report.dropped_units))
    if report.dropped_coders:
        console.print(words("cli.agreement-dropped-coders", lang,
                            coders=", ".join(report.dropped_coders)))
    for warning in report.warning_notes:
        console.print(f"warning: {warning.text(lang)}", style="yellow")
    for c in report.coefficients:
        if c.bootstrap is not None and c.bootstrap.p_below:
            b = c.bootstrap
            probs = ", ".join(words("cli.agreement-p-below", lang, threshold=f"{t:.3f}",
                                    p=f"{p:.3f}") for t, p in b.p_below)
            console.print(words("cli.agreement-bootstrap-line", lang,
                                label=coefficient_name(c, lang),
                                method=b.note().text(lang), probabilities=probs))
    bootstrapped = any(c.bootstrap is not None for c in report.coefficients)
    if report.level != "nominal":
        level = words(f"cli.agreement-level-{report.level}", lang)
        console.print(words("cli.agreement-unweighted", lang, level=level), style="dim")
    if bootstrapped and any(
        c.bootstrap is not None and c.bootstrap.resamples < 1000 for c in report.coefficients
    ):
        console.print(words("cli.agreement-few-resamples", lang), style="yellow")
    console.print(method_line(report.coefficients, lang), style="dim")


def _group_title(result: StudyAgreement, lang: str) -> tuple[str, str]:
    """Title of the breakdown table and the name of the coefficient it shows."""
    if result.by == "code":
        return words("cli.agreement-by-code-title", lang), "krippendorff_alpha"
    shown = result.overall.get(result.main)
    label = coefficient_name(shown, lang) if shown is not None else ""
    return words("cli.agreement-by-title", lang, by=_by_word(result.by, lang),
                 coefficient=label or result.main), result.main


def _by_word(by: str | None, lang: str) -> str:
    return text_or(f"cli.agreement-by-{by or 'group'}", str(by), lang)


def _group_name(group: str, lang: str) -> str:
    """A group's name: ids as written, the words of the time breakdown in ``lang``."""
    return text_or(f"name.group.{group}", group, lang)


def _print_study(name: str, result: StudyAgreement, version: int = 1, lang: str = "en") -> None:
    console = _console()
    console.print(words(
        "cli.agreement-study-heading", lang, title=_title(lang), name=name,
        frame=result.frame_id, version=version,
        mode=words(f"cli.agreement-mode-{result.mode}", lang), coders=", ".join(result.coders),
        segments=result.n_segments, pairable_units=result.overall.n_pairable_units,
        once=len(result.overall.single_coded_units), pairable=result.overall.n_pairable,
    ))
    console.print(_coefficient_table(result.overall, lang))
    _print_notes(console, result.overall, lang)
    if result.groups:
        _print_groups(console, result, lang)


def _print_groups(console: Console, result: StudyAgreement, lang: str) -> None:
    title, main = _group_title(result, lang)
    by_code = result.by == "code"
    t = _table(title)
    t.add_column(_by_word(result.by, lang), ratio=2, min_width=10, overflow="fold")
    if by_code:  # every code is read on every segment: units and pairs are the study's
        t.add_column(words("cli.agreement-col-uses", lang), justify="right", no_wrap=True)
    else:
        t.add_column(words("cli.agreement-col-units", lang), justify="right", no_wrap=True)
        t.add_column(words("cli.agreement-col-pairable", lang), justify="right", no_wrap=True)
    _figure_columns(t, lang)
    t.add_column(words("cli.agreement-col-verdict", lang), ratio=3, min_width=18)
    for g in result.groups:
        c = g.report.get(main)
        if c is None:
            continue
        counts = [str(g.uses)] if by_code else [str(g.report.n_units), str(g.report.n_pairable)]
        interval = words("cli.agreement-too-few-uses", lang) if g.too_few_uses else _ci(c, lang)
        figures = [_fmt(c.value), interval] if c.defined else ["", ""]
        t.add_row(_group_name(g.group, lang), *counts, *figures, _verdict_cell(c, lang))
    console.print(t)
    shown = next(
        (c for g in result.groups if (c := g.report.get(main)) and c.ci is not None), None
    )
    if shown is not None:
        console.print(words("cli.agreement-intervals-group", lang,
                            method=shown.method_note.text(lang)), style="dim")
    if by_code:
        console.print(words("cli.agreement-uses-note", lang, uses=MIN_USES), style="dim")
