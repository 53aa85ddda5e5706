"""`tut protocols` commands: list, show, frame and validate cognitive-interview protocols."""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from tut.cli.common import Context, echo_json, json_option, pass_context
from tut.errors import TutError
from tut.messages import plural
from tut.messages import text as message_text
from tut.protocols.model import Code, CodingFrame, Protocol
from tut.protocols.registry import (
    ProtocolRegistry,
    instrument_variants,
    protocols_for,
    validate_protocols,
)
from tut.safe_text import visible

WIDTH = 100


@click.group("protocols")
def group() -> None:
    """Cognitive-interview protocols: probes after each wording and the coding frames.

    Shipped protocols are always available; your own go in the project's protocols/ folder.
    """


def _summary(protocol: Protocol) -> dict[str, Any]:
    return {
        "id": protocol.id,
        "title": protocol.title,
        "version": protocol.version,
        "variants": list(protocol.variants),
        "probes": [p.id for p in protocol.probes],
        "frames": [
            {"id": f.id, "label": f.label, "mode": f.mode, "codes": len(f.codes),
             "defined_in": f.defined_in}
            for f in protocol.frames
        ],
        "file": protocol.source_file,
    }


@group.command("list")
@json_option
@pass_context
def list_cmd(ctx: Context, as_json: bool) -> None:
    """List the protocols: id, version, tested variants, probes and frames."""
    registry = protocols_for(ctx.project)
    if as_json:
        echo_json([_summary(p) for p in registry])
        return
    if not len(registry):
        click.echo("No protocols. Add YAML files to the project's protocols/ folder.")
        return
    rows: list[list[str]] = [["ID", "VERSION", "VARIANTS", "PROBES", "FRAMES", "TITLE"]]
    for p in registry:
        frames = ", ".join(f"{f.id} ({len(f.codes)})" for f in p.frames)
        fields = (p.id, p.version, str(len(p.variants)), str(len(p.probes)), frames, p.title)
        rows.append([visible(c) for c in fields])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(w) for cell, w in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[-1]]).rstrip())


def _wrap(text: str, indent: int) -> str:
    pad = " " * indent
    return textwrap.fill(text, WIDTH, initial_indent=pad, subsequent_indent=pad)


def _rule(prefix: str, text: str, indent: int) -> str:
    pad = " " * indent
    return textwrap.fill(text, WIDTH, initial_indent=pad + prefix,
                         subsequent_indent=pad + " " * len(prefix))


def _code_line(code: Code) -> str:
    key = f"[{code.hotkey}]" if code.hotkey else "[ ]"
    label_es = f" / {code.label_es}" if code.label_es else ""
    return f"{key} {code.id}: {code.label}{label_es}"



lang_option = click.option(
    "--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
    help="Language of definitions and include/exclude rules (English where the frame has no "
         "Spanish).",
)


def frame_tree(frame: CodingFrame, detail: bool, lang: str = "en") -> list[str]:
    """The frame as an indented tree; with ``detail`` every code's definition and rules, in
    ``lang`` where the frame has them."""
    include, exclude, example = (message_text(f"cli.rule-{w}", lang) + " "
                                 for w in ("include", "exclude", "example"))
    label_es = f" / {frame.label_es}" if frame.label_es else ""
    mode = "several codes per segment" if frame.mode == "multiple" else "one code per segment"
    lines = [f"{frame.id}: {frame.label}{label_es}", f"  mode: {frame.mode} ({mode})"]
    if frame.defined_in:
        lines.append(f"  defined in protocol: {frame.defined_in}")
    if detail and frame.description:
        lines.append(_wrap(frame.description_in(lang), 2))
    for depth, family in frame.walk():
        pad = 2 + 2 * depth
        fam_es = f" / {family.label_es}" if family.label_es else ""
        lines.append(" " * pad + f"{family.id}: {family.label}{fam_es}")
        if detail and family.description:
            lines.append(_wrap(family.description_in(lang), pad + 2))
        for code in family.codes:
            lines.append(" " * (pad + 2) + _code_line(code))
            if not detail:
                continue
            inner = pad + 6
            lines.append(_wrap(code.definition_in(lang), inner))
            lines.extend(_rule(include, r, inner) for r in code.include_in(lang))
            lines.extend(_rule(exclude, r, inner) for r in code.exclude_in(lang))
            lines.extend(_rule(example, f'"{r}"', inner) for r in code.examples)
    return lines


def _variant_language(variants: dict[str, Any] | None, variant_id: str) -> str | None:
    variant = (variants or {}).get(variant_id)
    language = getattr(variant, "language", None)
    return language if isinstance(language, str) else None


def _show_text(protocol: Protocol, variants: dict[str, Any] | None) -> list[str]:
    lines = [f"{protocol.id}  v{protocol.version}  {protocol.title}",
             f"  file: {protocol.source_file}"]
    if protocol.description:
        lines.append(_wrap(protocol.description, 2))
    lines += ["", "Probes"]
    for probe in protocol.probes:
        lines.append(f"  {probe.id} ({probe.kind}, {probe.mode})")
        lines.append(_rule(f"{probe.language}: ", probe.text, 4))
        lines.extend(_rule(f"{lang}: ", text, 4) for lang, text in probe.translations.items())
    lines += ["", "Probes per variant"]
    for variant_id in protocol.variants:
        language = _variant_language(variants, variant_id)
        lines.append(f"  {variant_id}" + (f" ({language})" if language else ""))
        for probe in protocol.probes_for(variant_id):
            text = probe.text_in(language) if language else probe.text
            lines.append(_rule(f"{probe.id}: ", text, 4))
    lines += ["", "Frames (tut protocols show ID --frame FRAME for definitions and rules)"]
    for frame in protocol.frames:
        lines.extend("  " + line for line in frame_tree(frame, detail=False))
    if protocol.references:
        lines += ["", "References"]
        lines.extend(_rule("- ", ref, 2) for ref in protocol.references)
    if protocol.changelog:
        lines += ["", "Changelog"]
        lines.extend(_rule(f"{c.version} ({c.date}): ", c.change, 2) for c in protocol.changelog)
    return lines


@group.command("show")
@click.argument("protocol_id", metavar="ID")
@click.option("--frame", "frame_id", metavar="FRAME",
              help="Show this coding frame in full: definitions, include/exclude rules, examples.")
@lang_option
@json_option
@pass_context
def show_cmd(
    ctx: Context, protocol_id: str, frame_id: str | None, lang: str, as_json: bool,
) -> None:
    """Show protocol ID: probes (per tested variant, in its language) and coding frames."""
    registry = protocols_for(ctx.project)
    protocol = registry.get(protocol_id)
    if frame_id is not None:
        _print_frame(registry.frame(protocol_id, frame_id), as_json, lang)
        return
    variants = instrument_variants(ctx.project)
    if as_json:
        data = asdict(protocol)
        data["probes_per_variant"] = {
            v: [p.id for p in protocol.probes_for(v)] for v in protocol.variants
        }
        echo_json(data)
        return
    click.echo(visible("\n".join(_show_text(protocol, variants)), multiline=True))


def _find_frame(registry: ProtocolRegistry, frame_id: str, protocol_id: str | None) -> CodingFrame:
    if protocol_id is not None:
        return registry.frame(protocol_id, frame_id)
    found = registry.frames_named(frame_id)
    definitions = {(f.defined_in, f.id): f for _p, f in found}
    if not definitions:
        known = sorted({f.id for p in registry for f in p.frames})
        raise TutError.at("protocols", "", f"no frame '{frame_id}' in any protocol "
                          f"(frames: {', '.join(known) or 'none'})", registry.unknown_fix)
    if len(definitions) > 1:
        owners = ", ".join(sorted(owner for owner, _id in definitions))
        raise TutError.at("protocols", "", f"frame '{frame_id}' is defined in several protocols "
                          f"({owners})", "choose one with --protocol ID")
    return next(iter(definitions.values()))


@group.command("frame")
@click.argument("frame_id", metavar="FRAME")
@click.option("--protocol", "protocol_id", metavar="ID",
              help="Protocol the frame belongs to (needed when several define that frame id).")
@lang_option
@json_option
@pass_context
def frame_cmd(
    ctx: Context, frame_id: str, protocol_id: str | None, lang: str, as_json: bool,
) -> None:
    """Print coding frame FRAME as a codebook: hotkeys, definitions, include/exclude, examples."""
    _print_frame(_find_frame(protocols_for(ctx.project), frame_id, protocol_id), as_json, lang)


def _print_frame(frame: CodingFrame, as_json: bool, lang: str = "en") -> None:
    """A frame in full (the codebook), as text or JSON (both languages' fields): for
    'show --frame' and 'frame'."""
    if as_json:
        echo_json(asdict(frame))
    else:
        click.echo(visible("\n".join(frame_tree(frame, detail=True, lang=lang)), multiline=True))


@group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@pass_context
def validate_cmd(ctx: Context, paths: tuple[Path, ...]) -> None:
    """Check protocol files in PATHS (default: the shipped and the project's protocols).

    Every problem is reported with its line and JSON pointer; exit code 2 if any. Files are
    checked against the other protocols of the project (duplicate ids, borrowed frames) and,
    when the instruments registry is readable, against its variant ids.
    """
    registry, report = validate_protocols(list(paths), ctx.project)
    report.raise_if_any()
    frames = sum(len(p.frames) for p in registry)
    codes = sum(len(f.codes) for p in registry for f in p.frames)
    click.echo(f"ok: {plural(len(registry), 'protocol')} in {plural(len(registry.files), 'file')} "
               f"({plural(frames, 'frame')}, {plural(codes, 'code')})")


@group.command("import-codebook")
@click.argument("codebook", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The draft protocol to write, e.g. protocols/NAME.yaml (its name is the id).")
@click.option("--variant", "variants", multiple=True, metavar="ID",
              help="A wording variant the protocol tests (repeat; default: a placeholder).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@pass_context
def import_codebook_cmd(ctx: Context, codebook: Path, out: Path, variants: tuple[str, ...],
                        force: bool) -> None:
    """Turn a QDA codebook (.qdc, or the codebook of a .qdpx project) into a draft protocol
    whose frame keeps the code tree, with hotkeys assigned; it validates as written."""
    from tut.cli.protocols_qda import import_codebook

    import_codebook(ctx, codebook, out, list(variants), force=force)
