"""`tut report`: the wording-comparison report (HTML, Markdown, JSON) of a study."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console

from tut.cli.common import Context, pass_context, set_aside_warnings, typed_command
from tut.messages import Message, language, text
from tut.project import check_outputs, check_study_ref
from tut.safe_text import visible

if TYPE_CHECKING:  # the report's modules are imported when a report is made, not for --help
    from tut.report.model import Report


@click.command("report")
@click.argument("study")
@click.option(
    "--data",
    "spec",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Comparison spec (YAML) of the microdata, as for 'tut compare'. Without it "
    "the report has no microdata section.",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for report.html, report.md and report.json (other files there are left alone).",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(["html", "md", "json", "docx"]),
    multiple=True,
    help="Write only these formats (repeatable; default: html, md and json). docx is a "
    "Word document with the same content: headings, tables and the charts as images.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "es"]),
    default="en",
    show_default=True,
    help="Language of the report text (answers and wordings stay as written).",
)
@click.option(
    "--pseudonymise",
    "--pseudonymize",
    "pseudonymise",
    is_flag=True,
    help="Replace respondent ids by stable pseudonyms (R01, R02 ...).",
)
@click.option(
    "--outcome",
    default="",
    metavar="NAME",
    help="Outcome of the spec the summary and chart use (default: the first).",
)
@click.option(
    "--bootstrap",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    metavar="N",
    help="Bootstrap resamples for the agreement intervals (0: analytic).",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Seed of the bootstrap (reported, so the report can be reproduced).",
)
@click.option("--force", is_flag=True, help="Replace report files that were edited since tut wrote them.")
@pass_context
def report_cmd(
    ctx: Context,
    study: str,
    spec: Path | None,
    out_dir: Path,
    lang: str,
    pseudonymise: bool,
    outcome: str,
    bootstrap: int,
    seed: int,
    force: bool,
    formats: tuple[str, ...] = (),
) -> None:
    """Write the wording-comparison report of STUDY (a study name or folder).

    One page the expert group can trust: which wording measures supervisory care better and
    why (interview codes per wording, inter-coder agreement with verdicts, estimates from
    the microdata), then methods (CIRF) and provenance (file hashes, versions, seed).
    report.html is self-contained: it loads nothing from the network and prints on A4.
    """
    from tut.report.build import build_report
    from tut.report.inputs import load_report_input, resolve_study
    from tut.report.write import files_for, write_report

    check_outputs(out_dir, files_for(formats), force=force, keep_edited=True)
    console = Console(stderr=True)
    project = ctx.project
    study_dir = resolve_study(check_study_ref(study), project)
    command = typed_command()
    skipped: list[str | Message] = []
    with console.status("reading the study") as status:
        inputs = load_report_input(
            study_dir,
            project=project,
            spec_path=spec,
            pseudonymise=pseudonymise,
            bootstrap=bootstrap,
            seed=seed,
            command=command,
            progress=lambda msg: status.update(msg),
            warn=skipped.append,
        )
        # what was read lives as long as this command: later collections need not walk it
        # again (seconds on 100,000 segments); a process-wide effect, so here at the edge
        gc.freeze()
        if outcome:
            _check_outcome(inputs.comparison, outcome, spec)
            from dataclasses import replace

            inputs = replace(inputs, comparison_outcome=outcome)
        status.update("writing the report")
        report = build_report(inputs)
        paths = write_report(report, out_dir, lang, formats)  # type: ignore[arg-type]
    from tut.report.phrases import banner_text, caveat_line, headline_text

    if report.summary.synthetic:  # first, where it cannot be missed
        click.echo(f"warning: {banner_text(report, lang)}", err=True)  # type: ignore[arg-type]

    click.echo(headline_text(report, lang))  # type: ignore[arg-type]
    for line in verdict_lines(report, lang):
        click.echo(visible(line))
    for path in paths.values():
        click.echo(f"wrote {path}")
    set_aside_warnings(skipped, lang)  # journal lines set aside, in the report's language
    for key, params in (*report.summary.warnings, *report.summary.microdata_caveats):
        line = caveat_line(key, params, lang, report)  # type: ignore[arg-type]
        click.echo(f"warning: {visible(line)}", err=True)


def _check_outcome(result: object, outcome: str, spec: Path | None) -> None:
    from tut.errors import TutError

    estimates = getattr(result, "estimates", ())
    names = sorted({e.outcome for e in estimates})
    shares = sorted({e.outcome for e in estimates if e.category and e.category.outcome == outcome})
    if outcome not in names and shares:
        raise TutError.at(
            spec or "--outcome",
            "outcomes",
            f"{outcome!r} is categorical: the report's main outcome is one number per wording",
            f"name one of its categories ({', '.join(repr(s) for s in shares)}) or another "
            "outcome",
        )
    if outcome not in names:
        raise TutError.at(
            spec or "--outcome",
            "outcomes",
            f"no outcome named {outcome!r}",
            f"outcomes: {', '.join(names) or 'none (give --data)'}",
        )


def verdict_lines(report: Report, lang: str) -> list[str]:
    """Each language's verdict with its exact test and p, then each microdata finding with
    its p and Holm p: the numbers the report's first page decides by."""
    from tut.report import i18n
    from tut.report.phrases import (
        finding_names,
        finding_title,
        finding_verdict,
        micro_text,
        ordered_findings,
        outcome_labels,
        spec_texts,
        variant_names,
    )

    lang = language(lang)
    names = variant_names(report, lang)
    out = []
    for f in ordered_findings(report, lang):
        if not f.test:
            out.append(finding_title(f, lang, report))
            continue
        p = f.params
        out.append(text(
            "cli.report-verdict", lang, **finding_names(f, lang, report),
            verdict=finding_verdict(f, lang),
            alt_target=p.get("alt_target", "–"), alt_n=p.get("alt_n", "–"),
            ref_target=p.get("ref_target", "–"), ref_n=p.get("ref_n", "–"),
            delta=i18n.points(f.delta), margin=f"{100 * p.get('margin', 0):.0f} pp",
        ))
    level = report.comparison.ci_level if report.comparison is not None else 0.95
    labels, units = outcome_labels(report, lang), spec_texts(report.comparison, lang)
    out += [micro_text(m, level, lang, labels, names, units)
            for m in report.summary.microdata]
    return out
