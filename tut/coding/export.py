"""Writing a study's units x coders table for SPSS, Stata, spreadsheets and scripts.

The table itself is built in :mod:`tut.coding.export_table` (pure); this module writes it:

- ``.sav``: full variable labels (SPSS keeps 256 bytes; a longer one is cut at a word and
  written whole in the file's document, ``DOCUMENT``/notes), integer formats (F) for codes,
  flags and the status, string widths that fit the content (long texts as very long strings),
  and a blank code string declared user-missing, so an unresolved ``c_final`` is missing.
- ``.dta``: labels cut at a word to Stata's 80 characters; pyreadstat cannot write Stata notes,
  so every full label goes to ``NAME.codebook.json`` beside the file; texts longer than 2,045
  bytes are written as strL; integer formats (``%Nf``). A blank string is Stata's missing.
- ``.csv``: code ids instead of numbers, every text cell spreadsheet-safe.
- ``.jsonl``: one object per segment, nested (see :func:`nested_records`).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Literal

from tut.coding.export_table import (
    LANGS,
    Column,
    ExportTable,
    nested_records,
    safe_name,
    units_by_coders,
)
from tut.coding.study import StudyData
from tut.errors import TutError
from tut.files import json_text, replacing, spreadsheet_safe, write_durable
from tut.stat_write import stat_writing

__all__ = ["Column", "ExportTable", "FORMATS", "export_study", "nested_records", "safe_name", "units_by_coders"]

ExportFormat = Literal["csv", "sav", "dta", "jsonl"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "sav", "dta", "jsonl")
SPSS_LABEL = 256
"""Bytes of an SPSS variable label."""
STATA_LABEL = 80
"""Characters of a Stata variable label (dta 118+ stores them in UTF-8, up to 321 bytes)."""
NOTE_LINE = 80
"""SPSS document lines hold 80 bytes."""


def codebook_path(out: Path) -> Path:
    """Where a .dta export's full labels go (``pilot.dta`` -> ``pilot.codebook.json``)."""
    return out.with_name(out.stem + ".codebook.json")


def export_study(
    data: StudyData,
    fmt: ExportFormat,
    out: Path,
    *,
    round: int = 1,
    code_level: bool = False,
    force: bool = False,
    lang: str = "en",
) -> Path:
    """Write the table; an existing file is kept unless ``force`` (written aside, then moved)."""
    out = Path(out)
    if fmt not in FORMATS:
        raise TutError.at(str(out), "", f"unknown export format '{fmt}'", f"use one of {', '.join(FORMATS)}")
    if lang not in LANGS:
        raise TutError.at(str(out), "", f"unknown language '{lang}'", f"use one of {', '.join(LANGS)}")
    targets = [out, codebook_path(out)] if fmt == "dta" else [out]
    for target in targets:
        if target.exists() and not force:
            raise TutError.at(target, "", "file exists, not overwritten", "use --force or another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with replacing(out) as tmp:
            lines = (json.dumps(rec, ensure_ascii=False) + "\n" for rec in nested_records(data, round=round))
            write_durable(tmp, "".join(lines))
        return out
    table = units_by_coders(data, round=round, code_level=code_level, lang=lang)
    with replacing(out) as tmp, stat_writing(tmp, out):
        if fmt == "csv":
            _write_csv(table, tmp)
        elif fmt == "sav":
            _write_sav(table, tmp, data)
        else:
            _write_dta(table, tmp, data)
            with replacing(codebook_path(out)) as book:
                write_durable(book, json_text(codebook(table, out.name, STATA_LABEL)))
    return out


# --- CSV ------------------------------------------------------------------------------------


def _write_csv(table: ExportTable, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c.name for c in table.columns])
        for row in table.rows:
            writer.writerow([_csv_cell(c, v) for c, v in zip(table.columns, row, strict=True)])


def _csv_cell(col: Column, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return col.text_values.get(value) or str(int(value))
    return spreadsheet_safe(str(value))


# --- labels ---------------------------------------------------------------------------------


def clip(text: str, nbytes: int = 80) -> str:
    """Cut a text to a byte limit without splitting a character."""
    return text.encode("utf-8")[:nbytes].decode("utf-8", errors="ignore")


def cut_label(text: str, limit: int, *, chars: bool = False) -> str:
    """A label within ``limit`` bytes (or characters), cut after a whole word and marked with
    '…' when too long."""
    if (len(text) if chars else len(text.encode("utf-8"))) <= limit:
        return text
    room = text[: limit - 1] if chars else clip(text, limit - len("…".encode()))
    head = room.rsplit(" ", 1)[0] if " " in room else room
    return head.rstrip(" ,;:(-") + "…"


def file_label(data: StudyData, nbytes: int) -> str:
    """Study, protocol and frame, within the format's label limit (SPSS 64 bytes, Stata 80):
    whole parts are dropped, never an id cut in the middle."""
    name, protocol, frame = data.study.name, data.study.protocol_id, data.frame.id
    for text in (
        f"tut study {name}: protocol {protocol}, frame {frame}",
        f"tut study {name}, frame {frame}",
        f"tut study {name}",
    ):
        if len(text.encode("utf-8")) <= nbytes:
            return text
    return clip(f"tut study {name}", nbytes)


def codebook(table: ExportTable, file: str, limit: int) -> dict[str, object]:
    """Every variable with its full label, the label as the file holds it, and its codes."""
    return {
        "file": file,
        "why": "Stata labels hold 80 characters and pyreadstat cannot write Stata notes: full labels are here",
        "variables": [
            {
                "name": c.name,
                "label": c.label,
                "label_in_file": cut_label(c.label, limit, chars=True),
                "kind": c.kind,
                "value_labels": {str(int(k)): v for k, v in c.value_labels.items()},
            }
            for c in table.columns
        ],
    }


def long_label_notes(table: ExportTable, nbytes: int) -> list[str]:
    """Document lines (80 bytes each) giving the full text of every label cut to ``nbytes``."""
    lines: list[str] = []
    for c in table.columns:
        if cut_label(c.label, nbytes) != c.label:
            lines += wrap_bytes(f"{c.name}: {c.label}", NOTE_LINE)
    return lines


def wrap_bytes(text: str, nbytes: int) -> list[str]:
    """Lines of whole words within ``nbytes`` each (a longer word is split); joined with
    spaces they give ``text`` back, even when a reader strips the lines' trailing blanks."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if len(joined.encode("utf-8")) <= nbytes:
            line = joined
            continue
        if line:
            lines.append(line)
        while len(word.encode("utf-8")) > nbytes:
            part = clip(word, nbytes)
            lines.append(part)
            word = word[len(part):]
        line = word
    return [*lines, line] if line else lines


# --- SPSS and Stata -------------------------------------------------------------------------


def _frame(table: ExportTable):  # type: ignore[no-untyped-def]  # pandas is optional for mypy
    import pandas as pd

    data: dict[str, object] = {}
    for k, col in enumerate(table.columns):
        values = [row[k] for row in table.rows]
        if col.numeric:
            data[col.name] = pd.Series([None if v is None else int(v) for v in values], dtype="Int32")
        else:
            data[col.name] = pd.Series(["" if v is None else str(v) for v in values], dtype="object")
    return pd.DataFrame(data)


def _digits(table: ExportTable, k: int) -> int:
    return max((len(str(int(v))) for row in table.rows if isinstance(v := row[k], float)), default=1)


def _write_sav(table: ExportTable, path: Path, data: StudyData) -> None:
    import pyreadstat

    pyreadstat.write_sav(
        _frame(table),
        str(path),
        column_labels=[cut_label(c.label, SPSS_LABEL) for c in table.columns],
        variable_value_labels={
            c.name: {int(k): v for k, v in c.value_labels.items()} for c in table.columns if c.value_labels
        },
        variable_format={
            c.name: f"F{_digits(table, k)}.0" for k, c in enumerate(table.columns) if c.numeric
        },
        missing_ranges={c.name: [""] for c in table.columns if c.kind == "codes"},
        variable_measure={c.name: "nominal" for c in table.columns},
        file_label=file_label(data, 64),
        note=long_label_notes(table, SPSS_LABEL) or None,
    )


def _write_dta(table: ExportTable, path: Path, data: StudyData) -> None:
    import pyreadstat

    pyreadstat.write_dta(
        _frame(table),
        str(path),
        column_labels=[cut_label(c.label, STATA_LABEL, chars=True) for c in table.columns],
        variable_value_labels={
            c.name: {int(k): clip(v, 32000) for k, v in c.value_labels.items()}
            for c in table.columns
            if c.value_labels
        },
        variable_format={
            c.name: f"%{_digits(table, k)}.0f" for k, c in enumerate(table.columns) if c.numeric
        },
        file_label=file_label(data, STATA_LABEL),
    )

