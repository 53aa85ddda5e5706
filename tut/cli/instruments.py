"""`tut instruments` commands: list, show, validate, diff and check wording variants."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tut.cli.common import Context, echo_json, json_option, pass_context
from tut.errors import TutError
from tut.files import real_path
from tut.instruments.checks import CHECKS, WordingFlag, check_variant, checks_to_dict
from tut.instruments.diff import VariantDiff, diff_variants, layout
from tut.instruments.model import TEXT_STATUS_NOTES, Variant, text_status_note
from tut.instruments.registry import VariantRegistry, check_files, registry_files, registry_for
from tut.messages import plural
from tut.safe_text import markup_safe, visible
from tut.yamlio import yaml_files

_STYLES = {"delete": "red strike", "insert": "green", "equal": ""}


def _console(plain: bool = False) -> Console:
    """Rich console on stdout; plain (no styles, wide) when asked or when not a terminal."""
    if plain or not sys.stdout.isatty():
        return Console(file=sys.stdout, force_terminal=False, no_color=True, highlight=False,
                       width=140, soft_wrap=False)
    return Console(file=sys.stdout, highlight=False)


def _short(text: str, limit: int = 70) -> str:
    text = visible(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@click.group("instruments")
def group() -> None:
    """Work with the wording-variants registry (instruments/*.yaml).

    The wordings shipped with tut are always listed, together with the YAML files in the
    project's own instruments/ folder.
    """


@group.command("list")
@click.option("--language", "-l", metavar="LANG", help="Only variants in LANG (es also matches es-MX).")
@click.option("--family", "-f", metavar="FAMILY", help="Only variants of this instrument family.")
@json_option
@pass_context
def list_cmd(ctx: Context, language: str | None, family: str | None, as_json: bool) -> None:
    """List wording variants: id, language, text status, status and wording."""
    registry = registry_for(ctx.project)
    if family and family not in registry.families:
        known = ", ".join(sorted(registry.families))
        raise TutError.at("instruments", "", f"unknown family '{family}'",
                          f"use one of: {known}")
    variants = registry.select(language=language, family=family)
    if as_json:
        echo_json([v.to_dict() for v in variants])
        return
    if not variants:
        click.echo(f"No variants in language '{language}'." if language else "No variants.")
        return
    console = _console()
    for family_id in dict.fromkeys(v.family for v in variants):
        fam = registry.families.get(family_id)
        title = f"{family_id}: {fam.title}" if fam else family_id
        table = Table(title=Text(visible(title)),
                      title_justify="left", title_style="bold", header_style="bold")
        rows = [v for v in variants if v.family == family_id]
        widths = []
        for column, attr in (("id", "id"), ("lang", "language"), ("text status", "text_status"),
                             ("status", "status"), ("response format", "response_format")):
            widths.append(max(len(column), *(len(visible(getattr(v, attr))) for v in rows)))
            table.add_column(column, no_wrap=True, min_width=widths[-1])
        table.add_column("wording", no_wrap=True)
        room = max(20, console.width - sum(widths) - 3 * (len(widths) + 1) - 1)
        for v in rows:
            status_style = "" if v.is_read_out_text else "yellow"
            table.add_row(*(Text(visible(x)) for x in (v.id, v.language)),
                          Text(visible(v.text_status), style=status_style),
                          *(Text(visible(x)) for x in (v.status, v.response_format)),
                          Text(_short(v.wording, room)))
        console.print(table)
    console.print("Text status (what the wording column holds):")
    shown = {v.text_status: v for v in variants}
    width = max(len(status) for status in shown)
    for status, example in shown.items():
        meaning = TEXT_STATUS_NOTES[status].split(" — ", 1)[-1]
        console.print(f"  {status:<{width}}  {meaning}", markup=False,
                      style=None if example.is_read_out_text else "yellow")
    console.print(f"{plural(len(variants), 'variant')}. Details: tut instruments show ID")


def _show_lines(v: Variant) -> list[tuple[str, str]]:
    rows = [
        ("Family", v.family),
        ("Concept", v.concept),
        ("Language", v.language + (f" (translation of {v.translation_of})" if v.translation_of else "")),
        ("Status", f"{v.status}, version {v.version}"),
        ("Response format", v.response_format),
        ("Reference period", v.reference_period or "(none)"),
        ("Target population", v.target_population),
        ("Interviewer instructions", v.interviewer_instructions or "(none)"),
        ("Key terms", ", ".join(v.key_terms) or "(none)"),
    ]
    rows += [(f"  definition of '{k}'", d) for k, d in v.definitions.items()]
    rows.append(("Source", str(v.source)))
    if v.source.note:
        rows.append(("  note", v.source.note))
    for link in v.microdata:
        rows.append(("Microdata", str(link)))
        if link.value_labels:
            labels = "; ".join(f"{c} {lab}" for c, lab in link.value_labels.items())
            rows.append(("  value labels", labels))
        if link.missing_codes:
            rows.append(("  missing codes", ", ".join(map(str, link.missing_codes))))
        if link.note:
            rows.append(("  note", link.note))
    for entry in v.changelog:
        rows.append(("Changelog", f"{entry.version} ({entry.date}): {entry.change}"))
    if v.notes:
        rows.append(("Notes", v.notes))
    rows.append(("File", v.source_file))
    return rows


@group.command("show")
@click.argument("variant_id")
@json_option
@pass_context
def show_cmd(ctx: Context, variant_id: str, as_json: bool) -> None:
    """Show one variant: its wording, what kind of text it is, and all its metadata."""
    variant = registry_for(ctx.project).get(variant_id)
    if as_json:
        echo_json(variant.to_dict())
        return
    click.secho(visible(variant.id), bold=True)
    click.secho(f"Text status: {visible(variant.text_status_note)}",
                fg=None if variant.is_read_out_text else "yellow", bold=not variant.is_read_out_text)
    click.echo(f"Wording [{visible(variant.text_status_note)}]:")
    click.echo(f"  {visible(variant.wording, multiline=True)}")
    for label, value in _show_lines(variant):
        click.echo(f"{visible(label)}: {visible(value, multiline=True)}")


@group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@pass_context
def validate_cmd(ctx: Context, paths: tuple[Path, ...]) -> None:
    """Check registry files against the schema; report every problem with its line.

    Without PATHS, checks every registry file (shipped and the project's own). With PATHS
    (files or folders), checks those together with the registry, so duplicate ids and
    translation_of links are checked against every known variant. Exit code 2 on problems.
    """
    registry_paths = registry_files(ctx.project)
    named = yaml_files(list(paths)) if paths else registry_paths
    if paths and not named:
        raise TutError.at(" ".join(map(str, paths)), "", "no .yaml files found",
                          "name family files or folders that contain them")
    registry, problems = check_files([*registry_paths, *named])
    if problems:
        raise TutError(problems)
    named_keys = {real_path(p) for p in named}
    n_variants = sum(1 for v in registry if real_path(v.source_file) in named_keys)
    others = len({real_path(p) for p in registry_paths} - named_keys)
    message = f"{plural(len(named), 'file')}, {plural(n_variants, 'variant')}: valid"
    if paths and others:
        message += f" (ids checked against {plural(others, 'other registry file')})"
    click.echo(message)


def _diff_text(d: VariantDiff) -> Text:
    text = Text()
    for kind, piece in layout(d.wording):
        text.append(visible(piece, multiline=True), style=_STYLES[kind])
    return text


@group.command("diff")
@click.argument("id_a")
@click.argument("id_b")
@click.option("--plain", is_flag=True,
              help="Mark changes as [-deleted-]{+inserted+} instead of colours.")
@json_option
@pass_context
def diff_cmd(ctx: Context, id_a: str, id_b: str, plain: bool, as_json: bool) -> None:
    """Word-level difference of two wordings, and the metadata fields that differ.

    In a terminal, deleted words are red and struck through and inserted words green;
    otherwise (or with --plain) they are marked [-like this-] and {+like this+}.
    """
    registry = registry_for(ctx.project)
    a, b = registry.get(id_a), registry.get(id_b)
    d = diff_variants(a, b)
    if as_json:
        echo_json(d.to_dict())
        return
    console = _console(plain)
    styled = console.is_terminal and not plain
    console.print(markup_safe(f"--- {a.id} ({a.text_status_note})"), style="red" if styled else None)
    console.print(markup_safe(f"+++ {b.id} ({b.text_status_note})"), style="green" if styled else None)
    console.print(f"Wording (similarity {d.similarity:.2f}):")
    if styled:
        console.print(Text("  ") + _diff_text(d))
    else:
        click.echo("  " + visible(d.plain, multiline=True))
    if d.fields:
        table = Table(title=None, header_style="bold", show_lines=True)
        table.add_column("field", no_wrap=True)
        table.add_column(Text(visible(a.id)))
        table.add_column(Text(visible(b.id)))
        for f in d.fields:
            table.add_row(*(Text(visible(x, multiline=True)) for x in (f.field, f.a, f.b)))
        console.print("Metadata that differs:")
        console.print(table)
    else:
        console.print("Metadata: the same.")
    for note in d.notes:
        console.print(f"Note: {visible(note)}", style="yellow" if styled else None, markup=False)


_SEVERITY_ES = {"warning": "advertencia", "info": "nota"}


def _echo_flags(variant: Variant, flags: list[WordingFlag], lang: str = "en") -> None:
    note = text_status_note(variant.text_status, lang)
    click.secho(visible(f"{variant.id} ({variant.language}, {note})"), bold=True)
    if not flags:
        click.echo("  sin alertas" if lang == "es" else "  no flags")
    names = _SEVERITY_ES if lang == "es" else {}
    width = max(len(name) for name in names.values()) if names else 7
    for f in flags:
        severity = names.get(f.severity, f.severity)
        click.secho(f"  {severity:<{width}} {f.check}: {visible(f.message_in(lang))}",
                    fg="yellow" if f.severity == "warning" else None)
        click.echo(" " * (width + 3) + visible(f.evidence))


def _check_help() -> str:
    lines = "\n".join(f"  {name}: {what}" for name, what in CHECKS.items())
    return (
        "Wording checks in the spirit of QAS-99, for English and Spanish.\n\n"
        "Give a variant ID, or --all for every variant (with --json: what the report "
        f"stores).\n\nChecks:\n\n\b\n{lines}"
    )


@group.command("check", help=_check_help())
@click.argument("variant_id", required=False)
@click.option("--all", "all_variants", is_flag=True, help="Check every variant in the registry.")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="Language of the output (the JSON keeps English plus key and params).")
@json_option
@pass_context
def check_cmd(
    ctx: Context, variant_id: str | None, all_variants: bool, lang: str, as_json: bool,
) -> None:
    if bool(variant_id) == all_variants:
        raise click.UsageError("give either a variant ID or --all")
    registry: VariantRegistry = registry_for(ctx.project)
    variants = list(registry) if all_variants else [registry.get(variant_id or "")]
    if as_json:
        data = checks_to_dict(variants)
        echo_json(data if all_variants else {"variant": variants[0].id, **data["variants"][variants[0].id]})
        return
    warnings = notes = 0
    for v in variants:
        flags = check_variant(v)
        warnings += sum(f.severity == "warning" for f in flags)
        notes += sum(f.severity == "info" for f in flags)
        _echo_flags(v, flags, lang)
    if lang == "es":
        click.echo(f"{plural(len(variants), 'variante')}: {plural(warnings, 'advertencia')}, "
                   f"{plural(notes, 'nota')}")
    else:
        click.echo(f"{plural(len(variants), 'variant')}: {plural(warnings, 'warning')}, "
                   f"{plural(notes, 'note')}")


def _export_command() -> None:
    """`tut instruments export --format ddi` lives in tut.cli.instruments_ddi."""
    from tut.cli.instruments_ddi import export_cmd

    group.add_command(export_cmd)


_export_command()
