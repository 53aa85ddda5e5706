"""`tut microdata describe FILE --ddi codebook.xml`: the DDI's labels and question texts of
the file's variables, next to the registry's wording for the same variable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tut.cli.common import Context
from tut.errors import TutError
from tut.instruments.ddi_read import DdiVarText, read_ddi_texts
from tut.instruments.model import Variant
from tut.microdata.codebook import Codebook
from tut.safe_text import visible


def registry_wordings(ctx: Context | None) -> dict[str, list[Variant]]:
    """Variable name -> the registry variants whose microdata name it (empty without one)."""
    if ctx is None:
        return {}
    try:
        from tut.instruments.registry import registry_for

        variants = registry_for(ctx.project).variants.values()
    except TutError:
        return {}
    out: dict[str, list[Variant]] = {}
    for v in variants:
        for link in v.microdata:
            for name in link.variables:
                out.setdefault(name, []).append(v)
    return out


def ddi_rows(book: Codebook, ddi: dict[str, DdiVarText], wordings: dict[str, list[Variant]]
             ) -> list[dict[str, Any]]:
    """One row per variable of the file that the DDI describes (pure)."""
    rows = []
    for name in book.variables:
        text = ddi.get(name)
        if text is None:
            continue
        rows.append({
            "name": name, "ddi_label": text.label, "ddi_line": text.line,
            "ddi_questions": [{"language": lang, "text": q} for lang, q in text.questions],
            "registry": [{"variant": v.id, "language": v.language, "text_status": v.text_status,
                          "note": v.text_status_note, "wording": v.wording}
                         for v in wordings.get(name, [])],
        })
    return rows


def ddi_section(file_book: Codebook, ddi_path: Path) -> dict[str, Any]:
    """Read the DDI (refused before anything is printed) and match it to the file."""
    ddi = read_ddi_texts(ddi_path)
    ctx = click.get_current_context().find_object(Context)
    rows = ddi_rows(file_book, ddi, registry_wordings(ctx))
    missing = sorted(set(ddi) - set(file_book.variables))
    return {"file": str(ddi_path), "variables": rows, "not_in_data_file": missing}


def print_ddi_section(section: dict[str, Any]) -> None:
    rows, missing = section["variables"], section["not_in_data_file"]
    click.echo()
    click.echo(visible(f"From the DDI codebook {section['file']}: {len(rows)} of the file's "
                       "variables described" + (f"; {len(missing)} DDI variables are not in "
                                                "the file" if missing else "")))
    for row in rows:
        click.echo(visible(f"  {row['name']}  label: {row['ddi_label'] or '(none)'}"))
        for q in row["ddi_questions"]:
            lang = f" [{q['language']}]" if q["language"] else ""
            click.echo(visible(f"      DDI question{lang}: {q['text']}"))
        for r in row["registry"]:
            click.echo(visible(f"      registry {r['variant']} [{r['language']}] "
                               f"({r['note']}): {r['wording']}"))
