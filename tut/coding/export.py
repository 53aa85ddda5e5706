"""Units x coders tables for SPSS, Stata, spreadsheets and scripts.

One row per segment (the unit of coding) with who said what after which wording, and one
column per coder. Frames that allow several codes also get one 0/1 column per code and
coder, which is what per-code agreement needs. A coder who has not coded a segment is
missing there (never 0): uncoded text must not count as agreement.

``code_level=True`` gives the long layout instead: one row per segment x code, one 0/1
column per coder.
"""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tut.coding.consensus import consensus
from tut.coding.model import Segment, SegmentCoding
from tut.coding.study import StudyData
from tut.errors import TutError
from tut.files import replacing

ExportFormat = Literal["csv", "sav", "dta", "jsonl"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "sav", "dta", "jsonl")
YES_NO = {0.0: "no", 1.0: "yes"}
Cell = str | float | None


@dataclass(frozen=True)
class Column:
    """One exported variable: a Stata/SPSS-safe name, its label and value labels."""

    name: str
    label: str
    numeric: bool = False
    value_labels: dict[float, str] = field(default_factory=dict)
    text_values: dict[float, str] = field(default_factory=dict)
    """What CSV writes instead of the number (code ids are easier to read than 1, 2, 3)."""


@dataclass
class ExportTable:
    columns: list[Column]
    rows: list[list[Cell]]


# --- names -----------------------------------------------------------------------------------


NAME_LIMIT = 28
"""Stata allows 32 characters, but pyreadstat names each value-label set after its variable
plus a counter, and that name must fit in 32 too."""


def safe_name(text: str, taken: set[str], limit: int = NAME_LIMIT) -> str:
    """A variable name Stata and SPSS accept (letters/digits/_, short), unique in ``taken``
    (compared without case, as SPSS does)."""
    base = re.sub(r"[^A-Za-z0-9_]", "_", text).strip("_") or "v"
    if not base[0].isalpha():
        base = "v_" + base
    base = base[:limit]
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        suffix = f"_{n}"
        name = base[: limit - len(suffix)] + suffix
    taken.add(name.lower())
    return name


# --- the table (pure) -----------------------------------------------------------------------


def units_by_coders(data: StudyData, *, round: int = 1, code_level: bool = False) -> ExportTable:
    """The units x coders table of a study, with adjudicated consensus when there is any.

    ``round=2`` is the intra-coder table: only the segments recoded blind, and for each
    recoding coder the first-round codes next to the recode (``c_ana_r1``, ``c_ana_r2``).
    """
    frame = data.frame
    codings = data.codings(round)
    adjudications = data.adjudications if round == 1 else {}
    segments = data.segments
    sources: list[tuple[str, str, dict[str, SegmentCoding]]]
    if round == 1:
        sources = [(coder, f"coder {coder}", state) for coder, state in codings.items()]
    else:
        first = data.codings(1)
        sources = []
        for coder, state in codings.items():
            sources.append((f"{coder}_r1", f"coder {coder}, round 1", first.get(coder, {})))
            sources.append((f"{coder}_r{round}", f"coder {coder}, round {round} (blind)", state))
        recoded = {sid for state in codings.values() for sid in state}
        segments = [s for s in data.segments if s.id in recoded]
    if adjudications:
        adjudicated = {
            sid: SegmentCoding(sid, adj.codes, adj.rationale, 1, adj.time)
            for sid, adj in adjudications.items()
        }
        sources.append(("consensus", "adjudicated consensus", adjudicated))
    if round == 1 and len(codings) >= 2:
        final = {
            sid: SegmentCoding(sid, codes)
            for sid, (codes, source) in consensus(
                [s.id for s in segments],
                {c: {sid: sc.codes for sid, sc in state.items()} for c, state in codings.items()},
                adjudications,
            ).items()
            if source in ("adjudicated", "agreed")
        }
        sources.append(("final", "final codes (adjudicated, or agreed by all its coders)", final))

    taken: set[str] = set()
    attr_names = sorted({k for s in data.segments for k in s.attributes})
    columns = [
        Column(safe_name("segment_id", taken), "Segment (answer of one respondent to one probe)"),
        Column(safe_name("respondent_id", taken), "Respondent"),
        Column(safe_name("interview_id", taken), "Interview"),
        Column(safe_name("variant_id", taken), "Wording variant"),
        Column(safe_name("probe_id", taken), "Probe"),
    ]
    columns += [Column(safe_name(a, taken), f"Respondent attribute: {a}") for a in attr_names]

    def base(seg: Segment) -> list[Cell]:
        cells: list[Cell] = [seg.id, seg.respondent_id, seg.interview_id, seg.variant_id, seg.probe_id]
        return cells + [seg.attributes.get(a, "") for a in attr_names]

    codes = frame.codes
    if code_level:
        columns.append(Column(safe_name("code", taken), f"Code of frame {frame.id}"))
        for who, label, _ in sources:
            columns.append(Column(safe_name(f"c_{who}", taken), f"{label}: code applied", True, YES_NO))
        rows: list[list[Cell]] = []
        for seg in segments:
            for code in codes:
                row = base(seg) + [code.id]
                for _, _, state in sources:
                    row.append(_has(state, seg.id, code.id))
                rows.append(row)
        return ExportTable(columns, rows)

    exclusive = frame.mode == "exclusive"
    number = {c.id: float(k) for k, c in enumerate(codes, start=1)}
    code_labels = {number[c.id]: f"{c.label} [{c.id}]" for c in codes}
    code_ids = {number[c.id]: c.id for c in codes}
    for who, label, _ in sources:
        if exclusive:
            columns.append(
                Column(safe_name(f"c_{who}", taken), f"{label}: {frame.id}", True, code_labels, code_ids)
            )
        else:
            columns.append(Column(safe_name(f"c_{who}", taken), f"{label}: codes ({frame.id})"))
    if not exclusive:
        for who, label, _ in sources:
            for code in codes:
                columns.append(
                    Column(safe_name(f"{code.id}_{who}", taken), f"{label}: {code.id} ({code.label})", True, YES_NO)
                )
    rows = []
    for seg in segments:
        row = base(seg)
        for _, _, state in sources:
            coding = state.get(seg.id)
            coded = coding is not None and coding.is_coded
            if exclusive:
                row.append(number[coding.codes[0]] if coded and coding else None)
            else:
                row.append(";".join(coding.codes) if coded and coding else None)
        if not exclusive:
            for _, _, state in sources:
                row += [_has(state, seg.id, code.id) for code in codes]
        rows.append(row)
    return ExportTable(columns, rows)


def _has(state: dict[str, SegmentCoding], segment_id: str, code_id: str) -> float | None:
    coding = state.get(segment_id)
    if coding is None or not coding.is_coded:
        return None
    return 1.0 if code_id in coding.codes else 0.0


def nested_records(data: StudyData, *, round: int = 1) -> list[dict[str, object]]:
    """JSON Lines form: one object per segment, codes and memos by coder.

    ``round=2``: only the recoded segments, with each recoding coder's first-round codes
    under ``round1_codes``.
    """
    codings = data.codings(round)
    adjudications = data.adjudications if round == 1 else {}
    segments = data.segments
    if round > 1:
        recoded = {sid for state in codings.values() for sid in state}
        segments = [s for s in data.segments if s.id in recoded]
        first = data.codings(1)
    out = []
    for seg in segments:
        rec: dict[str, object] = {
            "segment_id": seg.id,
            "respondent_id": seg.respondent_id,
            "interview_id": seg.interview_id,
            "variant_id": seg.variant_id,
            "probe_id": seg.probe_id,
            "attributes": seg.attributes,
            "round": round,
            "codes": {
                c: list(s[seg.id].codes) for c, s in codings.items() if seg.id in s and s[seg.id].is_coded
            },
            "memos": {c: s[seg.id].memo for c, s in codings.items() if seg.id in s and s[seg.id].memo},
        }
        if round > 1:
            rec["round1_codes"] = {
                c: list(first[c][seg.id].codes)
                for c in codings
                if seg.id in first.get(c, {}) and first[c][seg.id].is_coded
            }
        if seg.id in adjudications:
            adj = adjudications[seg.id]
            rec["consensus"] = {
                "codes": list(adj.codes),
                "adjudicator": adj.adjudicator,
                "rationale": adj.rationale,
            }
        out.append(rec)
    return out


# --- writers --------------------------------------------------------------------------------


def export_study(
    data: StudyData,
    fmt: ExportFormat,
    out: Path,
    *,
    round: int = 1,
    code_level: bool = False,
    force: bool = False,
) -> Path:
    """Write the table; an existing file is kept unless ``force`` (written aside, then moved)."""
    out = Path(out)
    if fmt not in FORMATS:
        raise TutError.at(str(out), "", f"unknown export format '{fmt}'", f"use one of {', '.join(FORMATS)}")
    if out.exists() and not force:
        raise TutError.at(out, "", "file exists, not overwritten", "use --force or another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as tmp:
        if fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for rec in nested_records(data, round=round):
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            table = units_by_coders(data, round=round, code_level=code_level)
            if fmt == "csv":
                _write_csv(table, tmp)
            else:
                _write_readstat(table, tmp, fmt, data)
    return out


def _write_csv(table: ExportTable, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c.name for c in table.columns])
        for row in table.rows:
            writer.writerow([_csv_cell(c, v) for c, v in zip(table.columns, row, strict=True)])


def _csv_cell(col: Column, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return col.text_values.get(value) or str(int(value))
    return value


def clip(text: str, nbytes: int = 80) -> str:
    """Cut a label to the byte limit of .dta/.sav labels without splitting a character."""
    return text.encode("utf-8")[:nbytes].decode("utf-8", errors="ignore")


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


def _write_readstat(table: ExportTable, path: Path, fmt: str, data: StudyData) -> None:
    import pandas as pd
    import pyreadstat

    frame: dict[str, object] = {}
    for k, col in enumerate(table.columns):
        values = [row[k] for row in table.rows]
        if col.numeric:
            frame[col.name] = pd.Series([math.nan if v is None else v for v in values], dtype="float64")
        else:
            frame[col.name] = pd.Series(["" if v is None else str(v) for v in values], dtype="object")
    df = pd.DataFrame(frame)
    labels: list[str | None] = [c.label for c in table.columns]
    value_labels: dict[str, dict[int | float, str]] = {
        c.name: dict(c.value_labels) for c in table.columns if c.value_labels
    }
    if fmt == "sav":
        pyreadstat.write_sav(
            df, str(path), column_labels=labels, variable_value_labels=value_labels,
            file_label=file_label(data, 64),
        )
    else:
        stata_labels: dict[str, dict[int | float, str]] = {
            n: {int(k): clip(v, 32000) for k, v in vl.items()} for n, vl in value_labels.items()
        }
        pyreadstat.write_dta(
            df, str(path), column_labels=[clip(c.label) for c in table.columns],
            variable_value_labels=stata_labels, file_label=file_label(data, 80),
        )
