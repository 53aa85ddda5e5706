"""A study made from a REFI-QDA project: coded selections become segments, codings become
coders' journal events.

Every coded ``PlainTextSelection`` of a text source is a segment whose answer is the selected
text; selections with the same span in one source are one segment. Its wording variant and
probe come from the selection's description (``variant: ID`` / ``probe: ID``, as tut's export
writes them) or from ``--variant``/``--probe``. The respondent is the ``Case`` that holds the
source (its variables are the respondent's attributes), else the source itself.

QDA codes map to the frame by the mapping file, else by the id tut wrote into the code's
description, else by the code's name (a code id or label of the frame). A code used in a
coding that maps to nothing stops the import, with every such code listed: nothing is
imported half way. Each user's codings on a segment become one ``set`` event in that coder's
journal, at the time of the latest of them; notes on a selection become ``memo`` events of
the note's author; codings that point to an adjudication note are an adjudication with that
note as the rationale (tut names such notes ``adjudication by NAME``; other notes are memos). Every
event line carries ``"imported": "<file>"``.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tut.coding.model import Event, Segment, WordingCopy
from tut.coding.qdpx_read import QdaCase, QdaProject, QdaSelection, QdaSource
from tut.coding.store import Clock, check_coder_id, event_to_json, journal_path, now_iso
from tut.coding.study import create_study
from tut.errors import Problem, TutError, number_text
from tut.files import fsync_dir, write_durable
from tut.protocols.model import CodingFrame, Protocol
from tut.protocols.qda_format import QdaCode, parse_description
from tut.userfiles import capped
from tut.yamlio import load_yaml

UNKNOWN_USER = "unknown user"
ADJUDICATION = "adjudication by "
"""How tut names the note holding an adjudication's rationale (see :mod:`.qdpx_export`)."""


@dataclass
class ImportPlan:
    """What a project becomes in tut, checked before anything is written."""

    segments: list[Segment] = field(default_factory=list)
    events: dict[str, list[Event]] = field(default_factory=dict)
    """Coder or adjudicator -> events in journal order."""
    skipped: list[str] = field(default_factory=list)
    """Sources that are not plain text."""
    uncoded_sources: list[str] = field(default_factory=list)
    """Text sources without a coded selection (nothing to import from them)."""


def _named(value: object) -> str:
    """A value given as a code id, as a message names it: never its Python repr (a whole
    protocol pasted in would print as one long line of braces)."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "nothing"
    return number_text(value) if isinstance(value, int | float) else f"'{value}'"


def read_code_map(path: str | Path, frame: CodingFrame) -> dict[str, str]:
    """``QDA code name: frame code id`` pairs from a YAML mapping file."""
    doc = load_yaml(path)
    if not isinstance(doc.data, dict):
        raise TutError.at(path, "line 1", "not a mapping of QDA code names to code ids",
                          "write one 'QDA code name: code-id' per line")
    problems = []
    out: dict[str, str] = {}
    for name, code in doc.data.items():
        if not isinstance(code, str) or code not in frame.code_ids:
            problems.append(Problem(str(path), doc.place("/" + str(name)),
                                    f"{_named(code)} (for '{name}') is not a code of frame {frame.id}",
                                    "use a code id shown by 'tut protocols show'"))
        else:
            out[str(name)] = code
    if problems:
        raise TutError(capped(problems))
    return out


def code_targets(project: QdaProject, frame: CodingFrame, mapping: Mapping[str, str]
                 ) -> tuple[dict[str, str], list[QdaCode]]:
    """QDA code GUID -> frame code id, and the codes that map to nothing."""
    by_label = {c.label.casefold(): c.id for c in frame.codes}
    found: dict[str, str] = {}
    missing = []
    for code in project.code_by_guid().values():
        tut_id = parse_description(code.description).id
        target = (mapping.get(code.name) or (tut_id if tut_id in frame.code_ids else None)
                  or (code.name if code.name in frame.code_ids else None)
                  or by_label.get(code.name.casefold()))
        if target:
            found[code.guid] = frame.read_as(target)
        else:
            missing.append(code)
    return found, missing


def plan_import(project: QdaProject, protocol: Protocol, frame: CodingFrame,
                mapping: Mapping[str, str], *, variant: str = "", probe: str = "",
                clock: Clock = now_iso) -> ImportPlan:
    """Segments and journal events from a checked project (pure but for the clock)."""
    label = f"{project.path}:project.qde"
    targets, unmapped = code_targets(project, frame, mapping)
    used = {c.code for s in project.sources for sel in s.selections for c in sel.codings}
    problems = [
        Problem(label, f"code '{c.name}'", f"the code is used but is not in frame {frame.id}",
                f"map it in --codes MAP.yaml ('{c.name}': CODE-ID), or add it to the frame")
        for c in unmapped if c.guid in used
    ]
    problems += [Problem(label, f"coding of code {g}", "the code is not in the project's codebook",
                         "export the project again") for g in sorted(used - project.code_by_guid().keys())]
    plan = ImportPlan(skipped=list(project.skipped))
    respondents = {ref: case for case in project.cases for ref in case.sources}
    by_user: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    adjudications: dict[tuple[str, str], tuple[list[str], str, str]] = {}
    memos: list[tuple[str, str, str, str]] = []
    for src in project.sources:
        groups = _same_span(src)
        if not groups:
            plan.uncoded_sources.append(src.name or src.guid)
        for sid, sels in groups:
            seg = _segment(sid, src, sels, respondents, protocol, variant, probe, label,
                                  problems)
            if seg is None:
                continue
            plan.segments.append(seg)
            rationale_notes: set[str] = set()
            for sel in sels:
                for c in sel.codings:
                    code = targets.get(c.code)
                    if code is None:
                        continue
                    who = project.users.get(c.user, UNKNOWN_USER)
                    note = next((n for r in c.notes if (n := project.notes.get(r)) is not None
                                 and n.name.startswith(ADJUDICATION)), None)
                    if note is not None:
                        rationale_notes.add(note.guid)
                        entry = adjudications.setdefault((who, sid), ([], "", ""))
                        entry[0].append(code)
                        adjudications[(who, sid)] = (entry[0], note.text, max(entry[2], c.time))
                    else:
                        by_user[who][sid].append((code, c.time))
            for sel in sels:
                refs = dict.fromkeys([*sel.notes, *(r for c in sel.codings for r in c.notes)])
                for ref in refs:
                    note = project.notes.get(ref)
                    if note is not None and ref not in rationale_notes:
                        memos.append((project.users.get(note.user, UNKNOWN_USER), sid,
                                      note.text, note.time))
    if problems:
        raise TutError(problems)
    plan.events = _events(by_user, adjudications, memos, frame, clock, label)
    return plan


def _same_span(src: QdaSource) -> list[tuple[str, list[QdaSelection]]]:
    """Coded selections grouped by span, in text order, each with its segment id."""
    spans: dict[tuple[int, int], list[QdaSelection]] = {}
    for sel in sorted(src.selections, key=lambda s: (s.start, s.end)):
        if sel.codings:
            spans.setdefault((sel.start, sel.end), []).append(sel)
    out = []
    for (start, _end), sels in spans.items():
        named = next((s.name for s in sels if s.name.strip()), "")
        out.append((named or f"{src.name or src.guid}-{start}", sels))
    return out


def _described(sels: list[QdaSelection]) -> dict[str, str]:
    out: dict[str, str] = {}
    for sel in sels:
        for line in sel.description.splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip() in ("variant", "probe", "notes"):
                out.setdefault(key.strip(), value.strip())
    return out


def _segment(sid: str, src: QdaSource, sels: list[QdaSelection], respondents: Mapping[str, QdaCase],
             protocol: Protocol, variant: str, probe: str, label: str,
             problems: list[Problem]) -> Segment | None:
    where = sels[0].place
    said = _described(sels)
    vid, pid = said.get("variant", variant), said.get("probe", probe)
    if not vid or not pid:
        problems.append(Problem(label, where, f"selection '{sid}' does not say which wording "
                                "variant and probe it answers",
                                "give --variant ID --probe ID for selections from other tools"))
        return None
    if vid not in protocol.variants:
        problems.append(Problem(label, where, f"variant '{vid}' is not tested by protocol "
                                f"{protocol.id}", f"use one of {', '.join(protocol.variants)}"))
        return None
    if pid not in {p.id for p in protocol.probes_for(vid)}:
        problems.append(Problem(label, where, f"probe '{pid}' is not asked after {vid} in "
                                f"protocol {protocol.id}",
                                f"use one of {', '.join(p.id for p in protocol.probes_for(vid))}"))
        return None
    case = respondents.get(src.guid)
    rid = (case.name if case else "") or src.name or src.guid
    attributes = dict(case.attributes) if case else {}
    return Segment(sid, rid, src.name or src.guid, vid, pid, sels[0].text, said.get("notes", ""),
                   attributes)


def _events(by_user: Mapping[str, Mapping[str, list[tuple[str, str]]]],
            adjudications: Mapping[tuple[str, str], tuple[list[str], str, str]],
            memos: list[tuple[str, str, str, str]], frame: CodingFrame, clock: Clock,
            label: str) -> dict[str, list[Event]]:
    now = clock()
    raw: dict[str, list[Event]] = defaultdict(list)
    problems = []
    for who, segments in by_user.items():
        for sid, coded in segments.items():
            codes = tuple(c.id for c in frame.codes if c.id in {code for code, _ in coded})
            if frame.mode == "exclusive" and len(codes) > 1:
                problems.append(Problem(label, f"segment {sid}", f"{who} gave {len(codes)} codes "
                                        f"({', '.join(codes)}) but frame {frame.id} takes one",
                                        "import with a frame of mode multiple"))
            when = max(t for _, t in coded) or now
            raw[who].append(Event(0, when, who, "set", sid, codes))
    for (who, sid), (given, rationale, when) in adjudications.items():
        ordered = tuple(c.id for c in frame.codes if c.id in set(given))
        raw[who].append(Event(0, when or now, who, "adjudicate", sid, ordered, rationale=rationale))
    for who, sid, text, when in memos:
        raw[who].append(Event(0, when or now, who, "memo", sid, memo=text))
    if problems:
        raise TutError(problems)
    out = {}
    for who, events in raw.items():
        name = check_coder_id(who)
        ordered_events = sorted(events, key=lambda e: e.time)
        out[name] = [Event(k, e.time, name, e.action, e.segment_id, e.codes, e.memo,
                           rationale=e.rationale) for k, e in enumerate(ordered_events, start=1)]
    return out


def write_imported_study(study_dir: Path, name: str, protocol: Protocol, plan: ImportPlan, *,
                         frame_id: str | None, source: Path, description: str = "",
                         wordings: Mapping[str, WordingCopy] | None = None) -> None:
    """The study and its journals made aside, then renamed into place in one step: an
    interrupted or failed import leaves no study behind."""
    study_dir = Path(study_dir)
    staging = study_dir.parent / f".{study_dir.name}.importing-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    create_study(staging, name, protocol, plan.segments, frame_id=frame_id,
                 description=description, segments_source=str(source), wordings=wordings)
    try:
        for who, events in plan.events.items():
            lines = [json.dumps(event_to_json(e) | {"imported": source.name}, ensure_ascii=False)
                     for e in events]
            write_durable(journal_path(staging, who), "\n".join(lines) + "\n")
        fsync_dir(staging / "journals")
        if study_dir.exists():
            raise TutError.at(study_dir, "", "a study already exists here", "choose another name")
        os.rename(staging, study_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_dir(study_dir.parent)
