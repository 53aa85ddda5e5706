"""`tut compare` (estimates per wording variant from microdata) and `tut demo-data`."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tut.cli import compare_narrow as narrow_tables
from tut.cli.common import Context, echo_json, json_option, pass_context
from tut.cli.compare_categories import (
    categorical_table,
    outcome_groups,
    share_detail_table,
    share_rows,
)
from tut.cli.compare_narrow import FLAG, digits
from tut.compare.results import (
    ComparisonResult,
    Difference,
    Estimate,
    Gap,
    MissingCount,
    NonresponseDifference,
)
from tut.compare.run import StageProgress, run_comparison
from tut.compare.spec import LEVEL_FIX, ComparisonSpec, check_variant_ids, level_ok, load_spec
from tut.errors import TutError, number_text
from tut.messages import plural, text
from tut.project import MARKER, Project, check_not_input, check_output, check_outputs
from tut.safe_text import visible

if TYPE_CHECKING:  # rich is imported when a table or a progress bar is shown, not for --json
    from rich.console import Console
    from rich.progress import TaskID


@click.command("compare")
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the full results as JSON to this file.")
@click.option("--ci-level", type=float, default=None, callback=lambda _c, _p, v: _level(v),
              help="Confidence level (default: the spec's ci_level, else 0.95; INEGI: 0.90).")
@click.option("--level", "old_level", type=float, default=None, hidden=True,
              callback=lambda _c, _p, v: _level(v, "--level"))
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="Language of the caveats (the notes under the tables, and their text in the "
              "JSON); the tables themselves are in English.")
@pass_context
def compare_cmd(
    ctx: Context, spec: Path, as_json: bool, out: Path | None, ci_level: float | None,
    old_level: float | None, lang: str = "en",
) -> None:
    """Estimate each outcome per wording variant and domain, and how the variants differ.

    SPEC is a comparison spec (YAML): one split-ballot survey or two surveys, their
    weights and design (strata/PSU or replicate weights), outcomes, domains, missing codes.
    Standard errors are design-based (Taylor linearisation or replicates, as R's survey).
    Variant ids must be wordings of the instruments registry (tut instruments list).
    Every key of the spec: README, "Comparing wordings in microdata"; tut demo-data
    writes a spec that runs.
    """
    check_output(out, force=None, keep_edited=True)
    if old_level is not None:
        click.echo("warning: tut compare: --level is now --ci-level (the confidence level; it "
                   "still works for now: rename it)", err=True)
        ci_level = old_level if ci_level is None else ci_level
    parsed = load_spec(spec)
    check_not_input(out, [spec, *(d.file for d in parsed.datasets)])
    for line in parsed.warnings:
        click.echo(f"warning: {visible(line)}", err=True)
    with _progress() as hook:  # the variant ids are checked while the file is being read
        result = run_comparison(parsed, ci_level=ci_level, progress=hook,
                                while_reading=lambda: _check_variants(ctx, parsed))
    invented = [d.name for d in result.datasets if d.synthetic]
    if invented:  # before the results, where it cannot be missed
        click.echo("warning: " + text("cli.compare-synthetic", lang, datasets=", ".join(invented),
                                      n=len(invented)), err=True)
    data = result.to_dict(lang)
    if out is not None:
        _write_json(out, data)
    if as_json:
        # with --out the JSON goes to the file only, not also to the screen
        if out is None:
            echo_json(data)
        else:
            click.echo(f"Results written to {out}")
        return
    _print(result, lang)
    if out is not None:
        click.echo(f"Results written to {out}")


def _level(value: float | None, option: str = "--ci-level") -> float | None:
    if value is not None and not level_ok(value):
        raise click.BadParameter(f"{number_text(value)} is not a confidence level ({LEVEL_FIX})",
                                 param_hint=f"'{option}'")
    return value


@click.command("demo-data")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write demo.sav, demo.dta, truth.json and spec.yaml into.")
@click.option("--n", "n", type=click.IntRange(200, 5_000_000), default=12_000, show_default=True,
              help="Number of respondents.")
@click.option("--seed", type=int, default=20240601, show_default=True, help="Random seed.")
@click.option("--force", is_flag=True, help="Replace files there that were edited since tut wrote them.")
def demo_data_cmd(out_dir: Path, n: int, seed: int, force: bool) -> None:
    """Write SYNTHETIC split-ballot time-use microdata (not real data) and a matching spec.

    Respondents got wording A (atus-incare-en) or B (cand-responsible-en) at random; B
    truly raises reported supervisory care, more for fathers. truth.json holds the true
    effects. Then: tut compare OUT/spec.yaml
    """
    from tut.microdata.demo_data import DEMO_FILES, write_demo_data

    check_outputs(out_dir, DEMO_FILES, force=force, keep_edited=True)
    for path in write_demo_data(out_dir, n=n, seed=seed):
        click.echo(f"wrote {path}")
    click.echo(f"Next: tut compare {out_dir / 'spec.yaml'}")


def _check_variants(ctx: Context, spec: ComparisonSpec) -> None:
    """Variant ids against the registry of the project the spec belongs to.

    That is --project, else the current folder if it is a project, else the first
    project folder above the spec. A registry that does not load is a warning: the
    estimates do not need it.
    """
    from tut.instruments.registry import registry_for

    project = ctx.project
    if ctx.project_path is None and not (project.root / MARKER).is_file():
        above = next((p for p in spec.path.resolve().parents if (p / MARKER).is_file()), None)
        if above is not None:
            project = Project(above)
    try:
        registry = registry_for(project)
    except TutError as exc:
        click.echo(f"warning: variant ids not checked: the instruments registry has problems "
                   f"({exc.problems[0]}); run 'tut instruments validate'", err=True)
        return
    try:
        check_variant_ids(spec, registry.variants)
    except TutError as exc:
        if project.is_project:
            raise
        # only the shipped wordings were visible: say why first
        raise TutError([replace(p, fix=project.lookup_fix(p.fix)) for p in exc.problems]) from None


@contextmanager
def _progress() -> Iterator[StageProgress | None]:
    """A progress bar on stderr for long reads; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=sys.stderr)
    tasks: dict[str, TaskID] = {}
    columns = (TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:

        def hook(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield hook


def _write_json(path: Path, data: dict) -> None:
    """Write atomically, so a failed run never leaves half a file."""
    from tut.files import json_text, write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json_text(data))


# --- the readable table -------------------------------------------------------------------


def _fmt(x: float | None, digits: int = 1) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:,.{digits}f}"


def _domain_text(domain: tuple[tuple[str, str], ...]) -> str:
    return visible(", ".join(f"{k}: {v}" for k, v in domain) or "All")


def _p(p: float | None) -> str:
    if p is None or math.isnan(p):
        return "-"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def _print(result: ComparisonResult, lang: str = "en") -> None:
    from rich.console import Console
    from rich.text import Text

    # Names, labels and titles come from the spec and the data files: no markup is read
    # anywhere (a label "[/b]" prints as written) and control characters are made visible.
    # a terminal's own width, else COLUMNS (rich reads it), else 160 when piped
    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit() else 160
    console = Console(file=sys.stdout, highlight=False, markup=False, width=width)
    narrow = console.width < narrow_tables.NARROW
    short = narrow_tables.letters(list(dict.fromkeys(e.variant for e in result.estimates)))
    pct = f"{result.ci_level * 100:g}%"
    if result.title:  # the spec's texts in lang when it gives them ({en: .., es: ..})
        console.print(visible(result.text_in(result.title, lang)), style="bold")
    for d in result.datasets:
        console.print(visible(f"{d.name}: {plural(d.rows, 'row', spec=',')} from {d.file}; {d.design}"))
    if narrow:
        narrow_tables.legend(console, short)
    for outcome, categorical in outcome_groups(list(result.estimates)):
        rows = [e for e in result.estimates if e.outcome == outcome]
        diffs = [d for d in result.differences if d.outcome == outcome]
        if categorical:
            shares = share_rows(list(result.estimates), outcome)
            shown = {e.outcome for e in shares}
            categorical_table(console, outcome, shares,
                              [d for d in result.differences if d.outcome in shown], pct,
                              short if narrow else None)
            share_detail_table(console, outcome, shares, short if narrow else None)
        elif narrow:
            narrow_tables.estimate_table(console, outcome, rows, diffs, pct, short,
                                         result.text_in(rows[0].unit, lang))
            narrow_tables.detail_table(console, outcome, rows, short)
        else:
            _estimate_table(console, outcome, rows, diffs, pct, result.text_in(rows[0].unit, lang))
        for adj in (a for a in result.adjusted
                    if (a.category.outcome if a.category else a.outcome) == outcome):
            what = "log odds ratio" if adj.family == "quasibinomial" else "difference"
            a, b = (short[adj.a], short[adj.b]) if narrow else (adj.a, adj.b)
            category = f"{adj.category.label}: " if adj.category else ""
            console.print(visible(
                f"  {category}adjusted for {', '.join(adj.covariates)} (svyglm {adj.family}, "
                f"{what}): {b} - {a} = {_fmt(adj.estimate, 3)} (SE {_fmt(adj.se, 3)}, "
                f"n={adj.n:,})"))
        for rs in (t for t in result.rao_scott if t.outcome == outcome):
            names = [short.get(v, v) if narrow else v for v in rs.variants or (rs.a, rs.b)]
            tested = f"{names[1]} vs {names[0]}" if rs.a else ", ".join(names)
            where = "".join(f" in {name} {label}" for name, label in rs.domain)
            table = f" ({rs.categories} answer categories)" if rs.categories > 2 else ""
            console.print(visible(
                f"  Rao-Scott test (svychisq F), {tested}{where}{table}: F = {_fmt(rs.f, 3)} "
                f"on {_fmt(rs.ndf, 2)} and {_fmt(rs.ddf, 2)} df, p {_p(rs.p)}"))
    if result.gaps:
        if narrow:
            narrow_tables.gap_table(console, list(result.gaps), pct, short)
        else:
            _gap_table(console, list(result.gaps), pct)
    if result.missing:
        _missing_table(console, result, short if narrow else None)
    console.print("CV flags: * 15-30% (moderate), ** 30% or more (low precision). "
                  "p (Holm): adjusted across the domains of each comparison. h: Cohen's h "
                  "(proportions), d: Cohen's d (means). deff: design effect against simple "
                  "random sampling.")
    for c in result.caveat_texts(lang):
        console.print(Text.assemble((text("cli.note", lang), "yellow"), " " + visible(c)))


def _missing_table(
    console: Console, result: ComparisonResult, short: dict[str, str] | None
) -> None:
    """Non-answers per variable and variant (outcomes built on one variable share a row)."""
    from rich.table import Table

    if short is not None:
        narrow_tables.missing_table(console, result.missing, short)
        _nonresponse_lines(console, result)
        return

    rows: dict[tuple[str, str, str], list[str]] = {}
    first: dict[tuple[str, str, str], MissingCount] = {}
    for m in result.missing:
        key = (m.dataset, m.variable, m.variant)
        rows.setdefault(key, []).append(m.outcome)
        first.setdefault(key, m)
    table = Table(title="Item non-response by variant", title_justify="left")
    for col in ("variable (outcomes)", "variant", "n", "missing", "rate", "weighted rate",
                "codes"):
        table.add_column(col, justify="right" if col in ("n", "missing") else "left")
    for key, outcomes in rows.items():
        m = first[key]
        codes = ", ".join(f"{k}: {v}" for k, v in m.codes.items() if v)
        table.add_row(visible(f"{m.variable} ({', '.join(outcomes)})"), m.variant, f"{m.n:,}",
                      f"{m.n_missing:,}", _percent(m.rate), _percent(m.weighted_rate.estimate),
                      visible(codes) or "-")
    console.print(table)
    _nonresponse_lines(console, result)


def _nonresponse_lines(console: Console, result: ComparisonResult) -> None:
    """Does non-response differ by wording: one line per pair and variable."""
    # Two surveys may store one outcome in differently named variables (P6_4_3, care_min):
    # the variable is looked up per variant, and outcomes sharing variables share a line.
    variable = {(m.outcome, m.variant): m.variable for m in result.missing}
    lines: dict[tuple[str, str, str, str], list[str]] = {}
    tests: dict[tuple[str, str, str, str], NonresponseDifference] = {}
    for nd in result.nonresponse_differences:
        var_a = variable.get((nd.outcome, nd.a), nd.outcome)
        var_b = variable.get((nd.outcome, nd.b), nd.outcome)
        line = (var_b, var_a, nd.b, nd.a)
        lines.setdefault(line, []).append(nd.outcome)
        tests.setdefault(line, nd)
    for (var_b, var_a, b, a), outcomes in lines.items():
        t = tests[var_b, var_a, b, a].test
        names = var_a if var_a == var_b else f"{var_b} vs {var_a}"
        console.print(visible(f"  non-response of {', '.join(outcomes)} ({names}): {b} - {a} = "
                              f"{_pp(t.value.estimate)} [{_pp(t.value.low)}, "
                              f"{_pp(t.value.high)}], p {_p(t.p)}"))


def _percent(x: float) -> str:
    """A share as ``12.3%``; ``-`` when it is not a number."""
    return f"{x:.1%}" if math.isfinite(x) else "-"


def _pp(x: float) -> str:
    """A difference of two shares in percentage points: ``+1.2 pp``."""
    return f"{x * 100:+.1f} pp" if math.isfinite(x) else "-"


def _estimate_table(
    console: Console, outcome: str, rows: list[Estimate], diffs: list[Difference], pct: str,
    unit_shown: str = "",
) -> None:
    """``unit_shown``: the outcome's unit as the title says it (the spec's, in ``--lang``)."""
    from rich.table import Table

    first = rows[0]
    variants = list(dict.fromkeys(e.variant for e in rows))
    shown = unit_shown or first.unit
    unit = first.kind + (f", {shown}" if first.kind != "proportion" and shown else "")
    table = Table(title=f"{outcome} ({unit}); estimate [{pct} CI], n", title_justify="left")
    table.add_column("domain")
    for v in variants:
        table.add_column(v, justify="right")
    pairs = list(dict.fromkeys((d.a, d.b) for d in diffs))
    effect = "h" if first.kind == "proportion" else "d"
    for a, b in pairs:
        table.add_column(f"{b} - {a}", justify="right")
        table.add_column("p (Holm)", justify="right")
        table.add_column(effect, justify="right")
    by = {(e.variant, e.domain): e for e in rows}
    dby = {(d.a, d.b, d.domain): d for d in diffs}
    domains = list(dict.fromkeys(e.domain for e in rows))
    for domain in domains:
        cells = [_domain_text(domain)]
        for v in variants:
            e = by.get((v, domain))
            if e is None:
                cells.append("-")
                continue
            k = digits(e)
            cells.append(f"{_fmt(e.value.estimate, k)}{FLAG[e.reliability]} "
                         f"[{_fmt(e.value.low, k)}, {_fmt(e.value.high, k)}] n={e.n:,}")
        for a, b in pairs:
            d = dby.get((a, b, domain))
            if d is None:
                cells += ["-", "-", "-"]
                continue
            k = 3 if first.kind == "proportion" else digits(first)
            t = d.test
            cells.append(f"{t.value.estimate:+,.{k}f} [{_fmt(t.value.low, k)}, "
                         f"{_fmt(t.value.high, k)}]")
            cells.append(f"{_p(t.p)} ({_p(t.p_holm)})")
            cells.append(_fmt(d.effect_size, 2))
        table.add_row(*cells)
    console.print(table)
    _detail_table(console, outcome, rows, variants, domains)


def _detail_table(
    console: Console, outcome: str, rows: list[Estimate], variants: list[str],
    domains: list[tuple[tuple[str, str], ...]],
) -> None:
    """Precision of each estimate, and for time outcomes who takes part and how much."""
    from rich.table import Table

    time = any(e.participation is not None for e in rows)
    title = f"{outcome}: coefficient of variation, design effect, weighted population"
    if time:
        title += "; participation rate and mean among participants"
    table = Table(title=title, title_justify="left")
    heads = ["domain", "variant", "CV", "deff", "weighted N"]
    heads += ["participation", "mean among participants"] if time else []
    for h in heads:
        table.add_column(h, justify="left" if h in ("domain", "variant") else "right")
    by = {(e.variant, e.domain): e for e in rows}
    for domain in domains:
        for i, v in enumerate(variants):
            e = by.get((v, domain))
            cells = [_domain_text(domain) if i == 0 else "", v]
            if e is None:
                table.add_row(*cells, *["-"] * (len(heads) - 2))
                continue
            cv = "-" if e.reliability is None else f"{_fmt(e.cv)}%{FLAG[e.reliability]}"
            cells += [cv, _fmt(e.deff, 2),
                      _fmt(e.weighted_n, 0)]
            if time:
                part, among = e.participation, e.mean_participants
                cells.append(_percent(part.estimate) if part is not None else "-")
                cells.append(_fmt(among.estimate, digits(e)) if among is not None else "-")
            table.add_row(*cells, end_section=i == len(variants) - 1)
    console.print(table)


def _gap_table(console: Console, gaps: list[Gap], pct: str) -> None:
    from rich.table import Table

    g0 = gaps[0]
    title = (visible(f"Gap {g0.first} - {g0.second}") + " by variant, and its change "
             f"(difference in differences) [{pct} CI]")
    table = Table(title=title, title_justify="left")
    for col in ("outcome", "domain", "variant(s)", "gap / DiD", "CI", "p", "p (Holm)"):
        table.add_column(col, justify="right" if col not in ("outcome", "domain", "variant(s)")
                         else "left")
    for g in gaps:
        t = g.test
        k = 3 if g.unit == "proportion" else (2 if "hour" in g.unit else 1)
        who = g.variant if g.variant is not None else f"DiD {g.b} - {g.a}"
        table.add_row(g.outcome, _domain_text(g.domain), who, f"{t.value.estimate:+,.{k}f}",
                      f"[{_fmt(t.value.low, k)}, {_fmt(t.value.high, k)}]", _p(t.p),
                      _p(t.p_holm) if g.kind == "did" else "")
    console.print(table)
