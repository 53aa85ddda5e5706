"""`tut instruments export --format ddi`: the wording registry as a DDI Codebook 2.5 file."""

from __future__ import annotations

from pathlib import Path

import click

from tut.cli.common import Context, pass_context
from tut.errors import TutError
from tut.files import replacing
from tut.instruments.ddi_export import DataFile, codebook_element, ddi_bytes, file_variables
from tut.instruments.registry import registry_files, registry_for
from tut.project import check_not_input, check_output
from tut.safe_text import visible


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["ddi"]), required=True,
              help="ddi: a DDI Codebook 2.5 codeBook (NADA, IHSN, IPUMS-style catalogues).")
@click.option("--family", "families", multiple=True, metavar="FAMILY",
              help="Only this instrument family (repeat; default: every variant).")
@click.option("--microdata", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A data file (.sav, .dta, .csv with dictionary ...) whose labels and "
              "categories describe the variables the wordings produced.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: the XML on standard output).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@pass_context
def export_cmd(ctx: Context, fmt: str, families: tuple[str, ...], microdata: Path | None,
               out: Path | None, force: bool) -> None:
    """Write the wording variants as DDI Codebook 2.5: one var per microdata variable a
    wording produced, read-out texts as qstnLit, labels and paraphrases marked as such."""
    registry = registry_for(ctx.project)
    unknown = [f for f in families if f not in registry.families]
    if unknown:
        raise TutError.at("instruments", "", f"unknown family '{unknown[0]}'",
                          f"use one of: {', '.join(sorted(registry.families))}")
    variants = [v for v in registry.variants.values() if not families or v.family in families]
    data = None
    if microdata is not None:
        from tut.microdata.readers import read_codebook

        book = read_codebook(microdata)
        data = DataFile(microdata.name, book.n_rows, file_variables(book.variables))
    title = "Wording variants" + (f": {', '.join(families)}" if families else "")
    payload = ddi_bytes(codebook_element(variants, title=title, data=data))
    if out is None:
        click.echo(payload.decode("utf-8"))
        return
    check_not_input(out, [*([microdata] if microdata else []), *registry_files(ctx.project)])
    if out.exists() and not force:
        raise TutError.at(out, "", "file exists, not overwritten", "use --force or another --out")
    check_output(out, force=force)
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as tmp:
        tmp.write_bytes(payload)
    described = ""
    if data is not None:
        linked = {n for v in variants for link in v.microdata for n in link.variables}
        found = sorted(linked & set(data.variables))
        described = f"; from {microdata}: {', '.join(found) or 'no variable a wording produced'}"
    click.echo(visible(f"Wrote {out} (DDI Codebook 2.5, {len(variants)} wording variants"
                       f"{described})"))
