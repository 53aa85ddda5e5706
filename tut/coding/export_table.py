"""The units x coders table of a study, in the words a methodologist reads (pure).

One row per segment (the unit of coding): who said what after which wording, the answer and
the interviewer's notes, then each coder's codes and memo, the adjudication (who, codes,
rationale), the segment's status and its final codes. Frames that allow several codes also get
one 0/1 column per code and source, which is what per-code agreement needs. A coder who has
not coded a segment is missing there (never 0): uncoded text must not count as agreement.

``code_level=True`` gives the long layout instead: one row per segment x code, one 0/1
column per coder (no texts: they would repeat on every code's row).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from tut.coding.decisions import STATUS_LABELS, STATUSES, study_decisions
from tut.coding.model import Segment, SegmentCoding
from tut.coding.store import coder_stem
from tut.coding.study import StudyData
from tut.messages import CATALOGUE, text

Cell = str | float | None
ColumnKind = Literal["id", "text", "codes", "code", "flag", "status"]
LANGS = ("en", "es")
YES_NO = {lang: {0.0: text("coding.export.no", lang), 1.0: text("coding.export.yes", lang)}
          for lang in LANGS}
WORDS = {
    lang: {
        key.removeprefix("coding.export."): text(key, lang)
        for key in CATALOGUE if key.startswith("coding.export.")
    }
    for lang in LANGS
}
"""Variable labels of exported tables per language (the catalogue's ``coding.export.*``)."""


@dataclass(frozen=True)
class Column:
    """One exported variable: a Stata/SPSS-safe name, its full label and value labels."""

    name: str
    label: str
    numeric: bool = False
    """Numeric columns hold whole numbers only (codes, 0/1 flags, status)."""
    value_labels: dict[float, str] = field(default_factory=dict)
    text_values: dict[float, str] = field(default_factory=dict)
    """What CSV writes instead of the number (code ids are easier to read than 1, 2, 3)."""
    kind: ColumnKind = "id"
    """``text``: long free text; ``codes``: code ids joined by ';' (blank when none)."""


@dataclass
class ExportTable:
    columns: list[Column]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Source:
    """A column group: one coder (or round), the consensus or the final codes."""

    who: str
    label: str
    state: dict[str, SegmentCoding]
    coder: str = ""
    """The coder's id when the source is a coder (memos are exported for coders)."""
    short: str = ""
    """A shorter label for the per-code columns, so the code id fits in Stata's 80 bytes."""

    @property
    def brief(self) -> str:
        return self.short or self.label


# --- names -----------------------------------------------------------------------------------


NAME_LIMIT = 28
"""Stata allows 32 characters, but pyreadstat names each value-label set after its variable
plus a counter, and that name must fit in 32 too."""


def plain(text: str) -> str:
    """Accents and ñ taken off (``región`` -> ``region``, ``ñandú`` -> ``nandu``)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def name_part(coder: str) -> str:
    """The coder's id as a piece of a variable name: the id when it has ASCII letters or digits
    once accents are off (``José`` -> ``Jose``), else its file stem (``李小龙`` would vanish)."""
    return coder if re.search(r"[A-Za-z0-9]", plain(coder)) else coder_stem(coder)


def safe_name(text: str, taken: set[str], limit: int = NAME_LIMIT) -> str:
    """A readable variable name Stata and SPSS accept (ASCII letters/digits/_, short), unique
    in ``taken`` (compared without case, as SPSS does)."""
    base = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_]", "_", plain(text))).strip("_") or "v"
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


# --- the table ------------------------------------------------------------------------------


def segments_of(data: StudyData, round: int) -> list[Segment]:
    """The segments of the table: all, or for a later round those recoded in it."""
    if round == 1:
        return list(data.segments)
    recoded = {sid for state in data.codings(round).values() for sid in state}
    return [s for s in data.segments if s.id in recoded]


def sources_of(data: StudyData, round: int, lang: str) -> list[Source]:
    w = WORDS[lang]
    codings = data.codings(round)
    if round == 1:
        return [Source(name_part(c), w["coder"].format(coder=c), st, c) for c, st in codings.items()]
    first = data.codings(1)
    out: list[Source] = []
    for coder, state in codings.items():
        out.append(Source(f"{name_part(coder)}_r1", w["coder_round"].format(coder=coder, round=1),
                          first.get(coder, {})))
        out.append(Source(f"{name_part(coder)}_r{round}", w["coder_blind"].format(coder=coder, round=round), state, coder))
    return out


def units_by_coders(
    data: StudyData, *, round: int = 1, code_level: bool = False, lang: str = "en"
) -> ExportTable:
    """The units x coders table; ``round=2`` is the intra-coder table (only the segments
    recoded blind, each recoding coder's round-1 codes next to the recode)."""
    w = WORDS[lang]
    segments = segments_of(data, round)
    sources = sources_of(data, round, lang)
    decided = study_decisions(data) if round == 1 else {}
    adjudications = data.adjudications if round == 1 else {}
    if adjudications:
        sources.append(Source("consensus", w["consensus"], {
            sid: SegmentCoding(sid, adj.codes, adj.rationale, 1, adj.time) for sid, adj in adjudications.items()
        }))
    if round == 1 and len(data.codings(1)) >= 2:
        final = {sid: SegmentCoding(sid, d.final) for sid, d in decided.items() if d.final}
        sources.append(Source("final", w["final"], final, short=w["final_short"]))

    taken: set[str] = set()
    columns, base = segment_columns(segments, taken, lang, texts=not code_level)
    if code_level:
        return _code_level(data, segments, sources, columns, base, taken, lang)
    extra: list[tuple[Column, Callable[[Segment], Cell]]] = []
    for src in sources:
        if src.coder:
            col = Column(safe_name(f"memo_{name_part(src.coder)}", taken), w["memo"].format(coder=src.coder), kind="text")
            extra.append((col, _memo_of(src.state)))
    if adjudications:
        extra.append((Column(safe_name("adjudicator", taken), w["adjudicator"]),
                      lambda seg: adjudications[seg.id].adjudicator if seg.id in adjudications else ""))
        extra.append((Column(safe_name("rationale", taken), w["rationale"], kind="text"),
                      lambda seg: adjudications[seg.id].rationale if seg.id in adjudications else ""))
    if decided:
        number = {s: float(k) for k, s in enumerate(STATUSES, start=1)}
        labels = {number[s]: text for s, text in STATUS_LABELS[lang].items()}
        col = Column(safe_name("status", taken), w["status"], True, labels, {v: k for k, v in number.items()}, "status")
        extra.append((col, lambda seg: number[decided[seg.id].status]))
    return _wide(data, segments, sources, columns, base, extra, taken, lang)


def _memo_of(state: dict[str, SegmentCoding]) -> Callable[[Segment], Cell]:
    return lambda seg: state[seg.id].memo if seg.id in state else ""


def segment_columns(
    segments: list[Segment], taken: set[str], lang: str, *, texts: bool
) -> tuple[list[Column], Callable[[Segment], list[Cell]]]:
    """Who said what after which wording: ids, respondent attributes, answer and notes."""
    w = WORDS[lang]
    columns = [Column(safe_name(k, taken), w[k]) for k in
               ("segment_id", "respondent_id", "interview_id", "variant_id", "probe_id")]
    attr_names = sorted({k for s in segments for k in s.attributes})
    columns += [Column(safe_name(a, taken), w["attribute"].format(name=a)) for a in attr_names]
    if texts:
        columns += [Column(safe_name(k, taken), w[k], kind="text") for k in ("answer", "notes")]

    def base(seg: Segment) -> list[Cell]:
        cells: list[Cell] = [seg.id, seg.respondent_id, seg.interview_id, seg.variant_id, seg.probe_id]
        cells += [seg.attributes.get(a, "") for a in attr_names]
        return cells + ([seg.answer, seg.notes] if texts else [])

    return columns, base


def _code_level(
    data: StudyData, segments: list[Segment], sources: list[Source], columns: list[Column],
    base: Callable[[Segment], list[Cell]], taken: set[str], lang: str,
) -> ExportTable:
    w = WORDS[lang]
    columns.append(Column(safe_name("code", taken), w["code"].format(frame=data.frame.id)))
    for src in sources:
        columns.append(Column(safe_name(f"c_{src.who}", taken), w["applied"].format(who=src.label),
                              True, YES_NO[lang], kind="flag"))
    rows: list[list[Cell]] = []
    for seg in segments:
        for code in data.frame.codes:
            rows.append(base(seg) + [code.id] + [_has(src.state, seg.id, code.id) for src in sources])
    return ExportTable(columns, rows)


def _wide(
    data: StudyData, segments: list[Segment], sources: list[Source], columns: list[Column],
    base: Callable[[Segment], list[Cell]], extra: list[tuple[Column, Callable[[Segment], Cell]]],
    taken: set[str], lang: str,
) -> ExportTable:
    frame = data.frame
    codes = frame.codes
    exclusive = frame.mode == "exclusive"
    number = {c.id: float(k) for k, c in enumerate(codes, start=1)}
    code_labels = {number[c.id]: f"{c.label_in(lang)} [{c.id}]" for c in codes}
    code_ids = {number[c.id]: c.id for c in codes}
    for src in sources:
        name = safe_name(f"c_{src.who}", taken)
        if exclusive:
            columns.append(Column(name, f"{src.label}: {frame.id}", True, code_labels, code_ids, "code"))
        else:
            columns.append(Column(name, WORDS[lang]["codes"].format(who=src.label, frame=frame.id), kind="codes"))
    columns += [col for col, _ in extra]
    if not exclusive:
        for src in sources:
            columns += [
                Column(safe_name(f"{code.id}_{src.who}", taken), f"{src.brief}: {code.id} ({code.label_in(lang)})",
                       True, YES_NO[lang], kind="flag")
                for code in codes
            ]
    rows: list[list[Cell]] = []
    for seg in segments:
        row = base(seg)
        for src in sources:
            coding = src.state.get(seg.id)
            if coding is None or not coding.is_coded:
                row.append(None)
            else:
                row.append(number[coding.codes[0]] if exclusive else ";".join(coding.codes))
        row += [get(seg) for _, get in extra]
        if not exclusive:
            for src in sources:
                row += [_has(src.state, seg.id, code.id) for code in codes]
        rows.append(row)
    return ExportTable(columns, rows)


def _has(state: dict[str, SegmentCoding], segment_id: str, code_id: str) -> float | None:
    coding = state.get(segment_id)
    if coding is None or not coding.is_coded:
        return None
    return 1.0 if code_id in coding.codes else 0.0


def nested_records(data: StudyData, *, round: int = 1) -> list[dict[str, object]]:
    """JSON Lines form: one object per segment with its texts, codes and memos by coder, the
    adjudication and, in round 1, the status and final codes (``null`` when there are none).

    ``round=2``: only the recoded segments, with each recoding coder's first-round codes
    under ``round1_codes``.
    """
    codings = data.codings(round)
    adjudications = data.adjudications if round == 1 else {}
    decided = study_decisions(data) if round == 1 else {}
    first = data.codings(1)
    out = []
    for seg in segments_of(data, round):
        rec: dict[str, object] = {
            "segment_id": seg.id,
            "respondent_id": seg.respondent_id,
            "interview_id": seg.interview_id,
            "variant_id": seg.variant_id,
            "probe_id": seg.probe_id,
            "attributes": seg.attributes,
            "answer": seg.answer,
            "notes": seg.notes,
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
            rec["consensus"] = {"codes": list(adj.codes), "adjudicator": adj.adjudicator, "rationale": adj.rationale}
        if seg.id in decided:
            d = decided[seg.id]
            rec["status"] = d.status
            rec["final"] = list(d.final) if d.final else None
            if d.status == "conflict":
                rec["adjudications"] = {
                    who: {"codes": list(a.codes), "rationale": a.rationale, "time": a.time}
                    for who, a in d.by_adjudicator.items()
                }
        out.append(rec)
    return out
