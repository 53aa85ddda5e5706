"""Interview transcripts (``.txt``, ``.docx``) to a segments file, by a simple convention.

One transcript per interview. Each line starts with a marker (case does not matter)::

    @respondent EN01            who was interviewed (required)
    @interview CI01             the interview id (default: the file name)
    @sex Female                 any other @name value: a respondent attribute
    WORDING atus-incare-en      the wording variant read from here on
    PROBE meaning               the probe asked: starts the next answer
    I: What does "in your care" mean to you?     interviewer speech (not kept)
    R: That they were with me.  respondent speech: the answer (R lines are joined)
    NOTE: laughed               an interviewer note on the current answer

A line without a marker continues the previous ``R:``, ``I:`` or ``NOTE:``; blank lines and
lines starting with ``#`` are skipped. A line that cannot be placed (speech before any
probe, an unknown variant or probe, an unknown marker) is reported with its file and line and
left out, so the file can be fixed and converted again.

``.docx`` files are read as a zip (size-capped) whose ``word/document.xml`` is parsed with
:mod:`tut.xmlsafe`: one paragraph is one line, no macro or external part is ever opened.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tut.errors import Problem, TutError
from tut.protocols.model import Protocol
from tut.userfiles import SEGMENTS_MAX_BYTES, decode_utf8, read_limited
from tut.xmlsafe import parse_xml, read_zip_member

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MARKER = re.compile(r"^\s*(@\S+|wording\b|probe\b|[ir]:|note:)\s*(.*)$", re.IGNORECASE)


@dataclass
class _Answer:
    variant: str
    probe: str
    line: int
    answer: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Transcript:
    """The segments rows read from one transcript, and the lines that could not be placed."""

    rows: list[dict[str, str]]
    unplaced: list[Problem]
    files: tuple[Path, ...] = ()
    """The transcripts read (an output must never replace one)."""


def transcript_lines(path: Path) -> list[str]:
    """The lines of a ``.txt`` (UTF-8) or the paragraphs of a ``.docx``."""
    if path.suffix.lower() == ".docx":
        root = parse_xml(read_zip_member(path, "word/document.xml"), f"{path}:word/document.xml")
        return [_paragraph(p) for p in root.iter(f"{W}p")]
    text = decode_utf8(read_limited(path, SEGMENTS_MAX_BYTES, "a transcript"), path)
    return text.removeprefix("\ufeff").splitlines()


def _paragraph(p: ET.Element) -> str:
    parts = []
    for el in p.iter():
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append("\t")
        elif el.tag in (f"{W}br", f"{W}cr"):
            parts.append(" ")
    return "".join(parts)


def parse_transcript(lines: list[str], file: str, protocol: Protocol) -> Transcript:
    """Rows for a segments file (pure); ``file`` labels the problems."""
    meta: dict[str, str] = {}
    answers: list[_Answer] = []
    unplaced: list[Problem] = []
    variant, current, last = "", None, ""

    def miss(n: int, what: str, fix: str) -> None:
        unplaced.append(Problem(file, f"line {n}", what, fix))

    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _MARKER.match(line)
        if m is None:
            if current is not None and last in ("r:", "note:"):
                (current.answer if last == "r:" else current.notes).append(line)
            elif last != "i:":
                miss(n, f"cannot place {line[:40]!r}", "start the line with R:, I:, NOTE:, "
                     "WORDING, PROBE or @name")
            continue
        marker, rest = m.group(1).lower(), m.group(2).strip()
        if marker.startswith("@"):
            meta[marker[1:]] = rest
        elif marker == "wording":
            if rest not in protocol.variants:
                miss(n, f"variant {rest!r} is not tested by protocol {protocol.id}",
                     f"use one of {', '.join(protocol.variants)}")
                variant, current = "", None
            else:
                variant, current = rest, None
        elif marker == "probe":
            current = _probe(n, rest, variant, protocol, answers, miss)
        elif current is None and marker != "i:":
            miss(n, f"{marker.upper()} before any PROBE line", "put WORDING and PROBE lines "
                 "before the answer")
        elif marker == "r:" and current is not None:
            current.answer.append(rest)
        elif marker == "note:" and current is not None:
            current.notes.append(rest)
        last = marker if marker in ("r:", "i:", "note:") else ""
    return Transcript(_rows(answers, meta, file, unplaced), unplaced)


def _probe(n: int, probe: str, variant: str, protocol: Protocol, answers: list[_Answer],
           miss: Callable[[int, str, str], None]) -> _Answer | None:
    if not variant:
        miss(n, f"PROBE {probe} before a WORDING line", "say which wording was read first")
        return None
    asked = [p.id for p in protocol.probes_for(variant)]
    if probe not in asked:
        miss(n, f"probe {probe!r} is not asked after {variant} in protocol {protocol.id}",
             f"use one of {', '.join(asked)}")
        return None
    for a in answers:
        if (a.variant, a.probe) == (variant, probe):
            return a  # the probe asked again: one answer, in order
    answers.append(_Answer(variant, probe, n))
    return answers[-1]


def _rows(answers: list[_Answer], meta: dict[str, str], file: str,
          unplaced: list[Problem]) -> list[dict[str, str]]:
    respondent = meta.pop("respondent", "")
    interview = meta.pop("interview", "") or Path(file).stem
    if not respondent:
        unplaced.append(Problem(file, "line 1", "no @respondent line",
                                "add '@respondent ID' at the top of the transcript"))
        return []
    rows = []
    for a in answers:
        text = " ".join(x for x in a.answer if x)
        if not text:
            unplaced.append(Problem(file, f"line {a.line}", f"probe {a.probe} has no R: answer",
                                    "add the respondent's words on R: lines"))
            continue
        rows.append({"respondent_id": respondent, "interview_id": interview,
                     "variant_id": a.variant, "probe_id": a.probe, "answer": text,
                     "notes": " ".join(a.notes)} | meta)
    return rows


def read_transcripts(folder: Path, protocol: Protocol) -> Transcript:
    """Every ``.txt`` and ``.docx`` of ``folder``, in name order. One that cannot be read (a
    pipe, a broken link) is an error naming it, never left out without a word."""
    if not folder.is_dir():
        raise TutError.at(folder, "", "not a folder", "name the folder holding the transcripts")
    files = sorted(p for p in folder.iterdir()
                   if p.suffix.lower() in (".txt", ".docx") and not p.is_dir())
    if not files:
        raise TutError.at(folder, "", "no .txt or .docx transcripts here",
                          "put one transcript per interview in the folder")
    rows: list[dict[str, str]] = []
    unplaced: list[Problem] = []
    for path in files:
        t = parse_transcript(transcript_lines(path), str(path), protocol)
        rows += t.rows
        unplaced += t.unplaced
    return Transcript(rows, unplaced, tuple(files))
