"""`tut protocols import-codebook`: a draft protocol from a REFI-QDA codebook."""

from __future__ import annotations

from pathlib import Path

import click

from tut.cli.common import Context
from tut.coding.qdpx_read import read_codebook
from tut.errors import TutError
from tut.files import replacing, write_durable
from tut.messages import plural
from tut.project import check_output
from tut.protocols.qda_codebook import ID_PATTERN, draft_protocol, protocol_yaml, slug
from tut.protocols.registry import SUGGESTED_HOTKEYS, instrument_variants, validate_protocols
from tut.safe_text import visible


def import_codebook(ctx: Context, codebook: Path, out: Path, variants: list[str], *,
                    force: bool) -> None:
    """Read and check the codebook, write the draft aside, validate it, then put it in place."""
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise TutError.at(out, "", "a protocol is a .yaml file", "name it protocols/NAME.yaml")
    if out.exists() and not force:
        raise TutError.at(out, "", "file exists, not overwritten", "use --force or another --out")
    check_output(out, force=force)
    origin, label, codes = read_codebook(codebook)
    if not codes:
        raise TutError.at(label, "/CodeBook", "the codebook has no codes", "export it again")
    protocol_id = out.stem if ID_PATTERN.fullmatch(out.stem) else slug(out.stem, "imported")
    known = instrument_variants(ctx.project) or {}
    chosen = variants or sorted(known)[:1]
    protocol, count = draft_protocol(codes, protocol_id=protocol_id,
                                     title=f"Codebook from {codebook.name}", origin=origin,
                                     variants=chosen)
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as tmp:
        write_durable(tmp, protocol_yaml(protocol, codebook.name))
    _registry, report = validate_protocols([out], ctx.project)
    report.raise_if_any()
    families = sum(1 for _ in _walk(protocol["frames"][0]["families"]))
    click.echo(visible(f"Wrote {out}: protocol '{protocol_id}', frame of {plural(count, 'code')} in "
                       f"{plural(families, 'family', 'families')}, "
                       f"{min(count, len(SUGGESTED_HOTKEYS))} with hotkeys (validates)."))
    if not variants:
        click.echo(visible(f"note: variants: {', '.join(chosen)} is a placeholder, and so is the "
                           "probe: put in the wordings and probes you test"), err=True)


def _walk(families: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    return [f for fam in families for f in [fam, *_walk(fam.get("families", []))]]
