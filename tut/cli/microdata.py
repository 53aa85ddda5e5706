"""`tut microdata` commands: look inside SPSS, Stata and CSV survey files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tut.cli.common import echo_json, json_option
from tut.cli.microdata_ddi import ddi_section, print_ddi_section
from tut.messages import plural
from tut.microdata.codebook import Variable
from tut.microdata.describe import Description, describe
from tut.microdata.readers import read_codebook
from tut.microdata.stata_missing import missing_tags_in_data

if TYPE_CHECKING:
    from rich.console import Console

_ROLE_TITLES = {
    "weight": "weight",
    "replicate_weights": "replicate weights",
    "strata": "strata",
    "psu": "PSU",
}


@click.group("microdata")
def group() -> None:
    """Look inside survey microdata (.sav, .zsav, .por, .dta, .csv with a dictionary, or an
    IPUMS extract's .xml DDI codebook with its fixed-width .dat.gz beside it).

    \b
    A .csv needs a data dictionary beside it, DATA.dictionary.yaml (or .yml, .json):
      file_label: ENUT extract           # optional
      encoding: utf-8                    # optional; latin1, windows-1252 ...
      delimiter: ","                     # optional
      null_values: ["NA"]                # optional; an empty cell is always missing
      variables:                         # columns left out are read unlabelled
        sexo: {label: Sexo, value_labels: {1: Hombre, 2: Mujer}}
        cuidado_min:
          label: Minutos al pendiente
          missing_values: [-1, -2]       # codes that are not answers
          missing_ranges: [[900, HI]]    # inclusive; LO and HI are open ends
        folio: {kind: string}            # numeric (default), string, date, datetime, time
    """


@group.command("describe")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@json_option
@click.option(
    "--variables", "all_labels", is_flag=True,
    help="Also list every value label of every variable (the table shows the first few).",
)
@click.option(
    "--dictionary", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="Data dictionary of a .csv (default: FILE.dictionary.yaml beside it).",
)
@click.option(
    "--table", default=None,
    help="Record type of a hierarchical IPUMS extract (household, person, activity, ...).",
)
@click.option(
    "--ddi", "ddi_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="A DDI Codebook 2.5 for FILE: its labels and question texts, next to the registry's "
    "wording for the same variable.",
)
def describe_cmd(
    file: Path, as_json: bool, all_labels: bool, dictionary: Path | None, table: str | None,
    ddi_file: Path | None = None,
) -> None:
    """Rows, variables, labels, missing codes and survey-design variables of FILE.

    Reads metadata only (a .dta's numeric columns are also read once, for the extended
    missing values .a-.z its data holds), so it is quick on large files. Weights, replicate weights,
    strata and PSUs are recognised by name and label (wgt, weight, fac_, pond,
    TUFNWGTP, TUFWGT001.., estrato, EST_DIS, psu, upm, UPM_DIS, cluster, ...); check them
    before using them in a comparison spec. --json always includes every variable.
    """
    book = read_codebook(file, dictionary=dictionary, table=table)
    ddi = ddi_section(book, ddi_file) if ddi_file is not None else None
    description = describe(book, missing_tags_in_data(book))
    if as_json:
        data = description.as_dict(variables=True)
        if ddi is not None:
            data["ddi"] = ddi
        echo_json(data)
        return
    _print(description, all_labels)
    if ddi is not None:
        print_ddi_section(ddi)


def _short_labels(v: Variable, limit: int = 3) -> str:
    items = [f"{_code(k)}={lab}" for k, lab in v.value_labels.items()]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f", ... ({len(items)} labels)"
    return ", ".join(items)


def _code(code: float | str) -> str:
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    return str(code)


def _print_missing(console: Console, description: Description) -> None:
    """SPSS and CSV declare their missing codes; Stata's extended missing values are in
    the data (read for this), named by value labels when the file labels them."""
    book = description.codebook
    missing = [v for v in book.variables.values() if description.missing_of(v)]
    if book.format == "dta":
        console.print(f"[bold]Stata extended missing values[/bold] (.a-.z; "
                      f"{plural(len(missing), 'variable')})")
        if not missing:
            console.print("  none in the data")
        for v in missing:
            console.print(f"  {v.name:<20} {description.stata_missing_text(v)}")
        return
    console.print(f"[bold]User-defined missing values[/bold] ({plural(len(missing), 'variable')})")
    if not missing:
        console.print("  none declared")
    for v in missing:
        console.print(f"  {v.name:<20} {', '.join(v.describe_missing())}")


def _print(description: Description, all_labels: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    book = description.codebook
    console = Console(width=max(Console().width, 120), highlight=False)
    console.print(f"[bold]{book.path}[/bold]  ({book.format}, read by {book.reader})")
    if book.file_label:
        console.print(f"label: {book.file_label}")
    if book.table:
        console.print(f"table: {book.table}")
    kinds: dict[str, int] = {}
    for v in book.variables.values():
        kinds[v.kind] = kinds.get(v.kind, 0) + 1
    kind_text = ", ".join(f"{n} {k}" for k, n in kinds.items())
    console.print(f"{plural(book.n_rows, 'row', spec=',')}, "
                  f"{plural(len(book.variables), 'variable')} ({kind_text})")
    if book.encoding:
        console.print(f"encoding: {book.encoding}")
    for note in book.notes:
        console.print(f"note: {note}")

    console.print()
    console.print("[bold]Survey design variables recognised[/bold]")
    if not description.design:
        console.print("  none (no weight, replicate weights, strata or PSU by name or label)")
    for d in description.design:
        console.print(f"  {_ROLE_TITLES[d.role]:<18} {d.summary}   [dim]({d.reason})[/dim]")

    console.print()
    _print_missing(console, description)

    table = Table(title="Variables", title_justify="left", show_lines=False)
    table.add_column("name", no_wrap=True)
    table.add_column("kind")
    table.add_column("format")
    table.add_column("label")
    table.add_column("value labels")
    table.add_column("missing")
    sets = {d.names[0]: d for d in description.by_role("replicate_weights")}
    in_sets = {n for d in sets.values() for n in d.names[1:]}
    for v in book.variables.values():
        if v.name in in_sets:
            continue
        if v.name in sets:  # one row for a run of replicate weights (--json lists each)
            names = sets[v.name].names
            table.add_row(f"{names[0]}..{names[-1]}", v.kind, v.format,
                          f"{len(names)} replicate weights; the first: {v.label}".rstrip(": "),
                          "", "")
            continue
        table.add_row(
            v.name, v.kind, v.format, v.label, _short_labels(v),
            ", ".join(description.missing_of(v)),
        )
    console.print()
    console.print(table)
    if all_labels:
        labelled = [v for v in book.variables.values() if v.value_labels]
        console.print()
        console.print(f"[bold]Value labels[/bold] ({plural(len(labelled), 'variable')})")
        for v in labelled:
            console.print(f"  [bold]{v.name}[/bold] {v.label}")
            for k, lab in v.value_labels.items():
                flag = "  (missing)" if v.is_missing_code(k) or k in v.missing_values else ""
                console.print(f"    {_code(k):>8}  {lab}{flag}")
