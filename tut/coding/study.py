"""Studies on disk: create one from a segments file, open it, and read every coder's codes.

A study folder (``coded_responses/<name>/``) holds::

    study.json       what the study is (protocol, frame, variants, when created)
    protocol.json    frozen copy of the protocol at creation (probes, frames)
    frame.json       frozen copy of the coding frame used, so the study stays codable
                     even if the protocol file changes later
    wordings.json    frozen copy of the tested variants' wordings (when they were known)
    segments.jsonl   the segments, one JSON object per line, in import order
    journals/        one append-only journal per coder (see :mod:`tut.coding.store`)
    recode/          samples assigned for blind recoding (round 2), one file per coder

Reading is lock-free: :func:`open_study` never blocks a coder who is coding.

API (the TUI, agreement and report stages code against it):

- ``read_segments(path, protocol) -> list[Segment]`` (CSV/JSONL; one TutError with every problem)
- ``create_study(study_dir, name, protocol, segments, *, frame_id=None, description="",
  segments_source="", wordings=None, clock=now_iso) -> Study`` (refuses an existing folder)
- ``open_study(study_dir) -> StudyData`` with ``.study``, ``.segments`` (in order),
  ``.segment(id)``, ``.protocol``, ``.frame`` and ``.wordings`` ({variant_id: WordingCopy})
  (frozen copies), ``.codings(round=1)``
  ``-> {coder: {segment_id: SegmentCoding}}``, ``.adjudications -> {segment_id: Adjudication}``,
  ``.coders``, ``.adjudicators``, ``.progress(round=1)``, ``.disagreements(round=1)``,
  ``.warnings`` (torn journal lines), ``.recode_sample(coder)``, ``.refresh()``
- ``sample_for_recode(data, coder, n, seed) -> list[str]`` (pure) and
  ``assign_recode(data, coder, n, seed, *, force=False, clock=now_iso) -> list[str]`` (saved
  in ``recode/``);
  the coder then opens ``CoderJournal.open(..., round=2)`` on those segments, blind to round 1.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tut.coding.io_segments import read_segments
from tut.coding.journal_lines import scan_object
from tut.coding.model import (
    Adjudication,
    Disagreement,
    Segment,
    SegmentCoding,
    Study,
    WordingCopy,
)
from tut.coding.revisions import FrameRevision, apply_revisions, read_revisions, read_under
from tut.coding.store import (
    JOURNALS,
    Clock,
    JournalContents,
    SkippedLine,
    check_coder_id,
    coder_file,
    gc_paused,
    now_iso,
    read_journal,
    replay,
    replay_adjudications,
    set_aside_unknown,
)
from tut.coding.study_files import (
    TOO_DEEP,
    damaged,
    read_study_json,
    shape_error,
    shaped,
    study_json_lines,
)
from tut.coding.study_json import (
    REVISED_FIELDS,
    frame_from_json,
    frame_to_json,
    protocol_from_json,
    protocol_to_json,
    rebuild,
    segment_from_json,
    segment_to_json,
    study_from_json,
    study_to_json,
    wording_copies,
    wording_to_json,
)
from tut.coding.withdrawals import Withdrawal, read_withdrawals
from tut.errors import TutError
from tut.files import fsync_dir, json_text, write_atomic, write_durable
from tut.messages import Message
from tut.project import check_study_name
from tut.protocols.model import CodingFrame, Protocol

__all__ = [
    "StudyData",
    "check_study_name",
    "create_study",
    "open_study",
    "read_segments",
    "sample_for_recode",
    "assign_recode",
    "frame_to_json",
    "frame_from_json",
    "protocol_to_json",
    "protocol_from_json",
    "REVISED_FIELDS",
    "segment_from_json",
    "segment_to_json",
    "study_from_json",
    "study_to_json",
    "wording_copies",
    "wording_to_json",
]
"""The JSON copies (protocol, frame, wordings, segments, study) live in
:mod:`tut.coding.study_json` and are importable from here too."""

STUDY_FILE = "study.json"
PROTOCOL_FILE = "protocol.json"
FRAME_FILE = "frame.json"
WORDINGS_FILE = "wordings.json"
SEGMENTS_FILE = "segments.jsonl"
RECODE = "recode"
T = TypeVar("T")


# --- creating a study ----------------------------------------------------------------------


def create_study(
    study_dir: Path,
    name: str,
    protocol: Protocol,
    segments: list[Segment],
    *,
    frame_id: str | None = None,
    description: str = "",
    segments_source: str = "",
    wordings: Mapping[str, WordingCopy] | None = None,
    clock: Clock = now_iso,
) -> Study:
    """Write a new study folder in one step (built aside, then renamed); never overwrites."""
    study_dir = Path(study_dir)
    check_study_name(name, new=True)
    if study_dir.exists():
        raise TutError.at(
            study_dir, "", "a study already exists here", "choose another name; studies are never overwritten"
        )
    try:
        frame = protocol.frame(frame_id)
    except (KeyError, IndexError):
        known = ", ".join(f.id for f in protocol.frames) or "none"
        raise TutError.at(
            protocol.source_file or f"protocol {protocol.id}",
            "frames",
            f"no coding frame {frame_id!r}" if frame_id else "protocol has no coding frame",
            f"frames in this protocol: {known}",
        ) from None
    if not segments:
        raise TutError.at(segments_source or "<segments>", "", "no segments to code")
    ids = [s.id for s in segments]
    if len(set(ids)) != len(ids):
        raise TutError.at(segments_source or "<segments>", "", "duplicate segment ids")
    present = {s.variant_id for s in segments}
    variants = tuple(v for v in protocol.variants if v in present) + tuple(
        sorted(present - set(protocol.variants))
    )
    study = Study(
        name=name,
        protocol_id=protocol.id,
        frame_id=frame.id,
        variants=variants,
        created=clock(),
        description=description,
        protocol_version=protocol.version,
        segments_source=segments_source,
        segment_count=len(segments),
    )
    parent = study_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = parent / f".{study_dir.name}.creating-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        write_durable(tmp / STUDY_FILE, json_text(study_to_json(study)))
        write_durable(tmp / PROTOCOL_FILE, json_text(protocol_to_json(protocol)))
        write_durable(tmp / FRAME_FILE, json_text(frame_to_json(frame)))
        copies = {k: wording_to_json(w) for k, w in (wordings or {}).items()}
        write_durable(tmp / WORDINGS_FILE, json_text(copies))
        lines = (json.dumps(segment_to_json(s), ensure_ascii=False) for s in segments)
        write_durable(tmp / SEGMENTS_FILE, "\n".join(lines) + "\n")
        (tmp / JOURNALS).mkdir()
        if study_dir.exists():
            raise TutError.at(study_dir, "", "a study already exists here", "choose another name")
        os.rename(tmp, study_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    fsync_dir(parent)
    return study


# --- opening a study -----------------------------------------------------------------------


@dataclass
class StudyData:
    """A study as read from disk; coders' journals are read (lock-free) on first use."""

    dir: Path
    study: Study
    segments: list[Segment]
    protocol: Protocol
    """Frozen copy of the protocol taken when the study was created."""
    frame: CodingFrame
    """The study's coding frame: the frozen copy, with the study's frame revisions applied
    (``frame.version``; codes merged away are read as the code they were merged into)."""
    wordings: dict[str, WordingCopy] = field(default_factory=dict)
    """Frozen copies of the tested wordings, by variant id (may be empty)."""
    withdrawals: tuple[Withdrawal, ...] = ()
    """Respondents who withdrew consent (``withdrawals.json``)."""
    withdrawn_segment_ids: frozenset[str] = frozenset()
    """Their segments: left out of ``segments``, ``codings()`` and ``adjudications``."""
    revisions: tuple[FrameRevision, ...] = ()
    """The frame's revisions during the study (``frame_revisions.json``), in order."""
    _journals: dict[str, JournalContents] | None = field(default=None, repr=False)
    _by_id: dict[str, Segment] | None = field(default=None, repr=False)
    _codings: dict[int, dict[str, dict[str, SegmentCoding]]] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return self.study.name

    def segment(self, segment_id: str) -> Segment:
        if self._by_id is None:
            self._by_id = {s.id: s for s in self.segments}
        return self._by_id[segment_id]

    @property
    def segment_ids(self) -> list[str]:
        return [s.id for s in self.segments]

    # -- journals --

    @property
    def journals(self) -> dict[str, JournalContents]:
        """Every journal in the study folder, by coder id (read once; see :meth:`refresh`)."""
        if self._journals is None:
            self.refresh()
        assert self._journals is not None
        return self._journals

    def refresh(self) -> None:
        """Re-read the journals (coders may be coding right now)."""
        folder = self.dir / JOURNALS
        found: dict[str, JournalContents] = {}
        known = frozenset(self.segment_ids) | self.withdrawn_segment_ids
        if os.path.lexists(folder) and not folder.is_dir():  # else every code reads as gone
            raise TutError.at(folder, "", "is not a folder: the coders' journals are kept in a "
                              "folder of this name", "restore the folder from a backup or a "
                              "copy of the study")
        if folder.is_dir():
            for path in sorted(folder.glob("*.jsonl")):
                contents = _set_aside(read_journal(path), self.frame, known)
                contents.events = read_under(self.frame, contents.events)
                # the coder is who the events say (a file name is only a safe stem of it)
                coder = next((e.coder for e in contents.events), path.stem)
                if coder in found:
                    contents = _merged(found[coder], contents, coder)
                found[coder] = contents
        self._journals = found
        self._codings = {}

    @property
    def warnings(self) -> list[str]:
        """Torn or unreadable journal lines, with file and line."""
        return [w for j in self.journals.values() for w in j.warnings]

    @property
    def skipped(self) -> list[SkippedLine]:
        """The same lines as data, for screens that say it in the user's language."""
        return [k for j in self.journals.values() for k in j.skipped]

    @property
    def messages(self) -> list[Message]:
        """``warnings`` as catalogue messages, to say them in the reader's language."""
        return [m for j in self.journals.values() for m in j.messages]

    @property
    def coders(self) -> list[str]:
        """Coders who have coded anything (adjudicators who only adjudicate are not coders)."""
        return [
            c
            for c, j in self.journals.items()
            if any(e.action != "adjudicate" for e in j.events)
        ]

    @property
    def adjudicators(self) -> list[str]:
        return [c for c, j in self.journals.items() if any(e.action == "adjudicate" for e in j.events)]

    def codings(self, round: int = 1) -> dict[str, dict[str, SegmentCoding]]:
        """Current codes per coder and segment for one round (coders with nothing left out).

        Computed once per :meth:`refresh`; treat the result as read-only.
        """
        if round not in self._codings:
            out: dict[str, dict[str, SegmentCoding]] = {}
            for coder in self.coders:
                state = replay(self.journals[coder].events, round)
                for sid in self.withdrawn_segment_ids.intersection(state):
                    del state[sid]
                if state:
                    out[coder] = state
            self._codings[round] = out
        return self._codings[round]

    @property
    def adjudications(self) -> dict[str, Adjudication]:
        """Latest adjudication per segment across all adjudicators (by time)."""
        events = [
            e for j in self.journals.values() for e in j.events
            if e.action == "adjudicate" and e.segment_id not in self.withdrawn_segment_ids
        ]
        events.sort(key=lambda e: (e.time, e.coder, e.seq))
        return replay_adjudications(events)

    def progress(self, round: int = 1) -> dict[str, int]:
        """How many segments each coder has coded (at least one code) in this round."""
        return {
            coder: sum(1 for c in state.values() if c.is_coded)
            for coder, state in self.codings(round).items()
        }

    def disagreements(self, round: int = 1) -> list[Disagreement]:
        """Segments coded by two or more coders with different codes, in study order.

        A coder who has not coded a segment does not count: uncoded is not agreement.
        """
        codings = self.codings(round)
        out: list[Disagreement] = []
        for seg in self.segments:
            by_coder = {
                coder: state[seg.id].codes
                for coder, state in codings.items()
                if seg.id in state and state[seg.id].is_coded
            }
            if len(by_coder) >= 2 and len({frozenset(v) for v in by_coder.values()}) > 1:
                out.append(Disagreement(seg.id, by_coder))
        return out

    def recode_sample(self, coder: str) -> list[str]:
        """Segments assigned to this coder for blind recoding (round 2); empty if none."""
        path = coder_file(self.dir / RECODE, coder, ".json")
        raw = read_study_json(path, required=False)
        return [] if raw is None else shaped(path, raw, lambda d: [str(s) for s in d["segments"]])


def _set_aside(contents: JournalContents, frame: CodingFrame, known: frozenset[str]) -> JournalContents:
    """Lines naming a code the frame lacks or a segment the study lacks are not replayed (a hand
    edit, a journal copied from another study): they become skipped lines and warnings, as
    in the coder's own open journal (:func:`tut.coding.store.set_aside_unknown`)."""
    kept, aside = set_aside_unknown(contents, frame, known, 1)
    if not aside:
        return contents
    gone = {k.line for k in aside}
    lines = [n for n in contents.lines if n not in gone] if len(kept) + len(aside) == len(
        contents.lines) else []
    said = [k.message() for k in aside]
    return JournalContents(contents.path, kept, contents.skipped + aside, contents.torn_tail,
                           contents.unterminated, lines, contents.messages + said)


def _merged(first: JournalContents, second: JournalContents, coder: str) -> JournalContents:
    """Two files holding one coder's events (a journal copied by hand): read both, say so."""
    note = Message("coding.journal-copied",
                   {"second": str(second.path), "coder": repr(coder), "first": str(first.path)})
    return JournalContents(
        first.path, first.events + second.events,
        first.skipped + second.skipped, first.torn_tail or second.torn_tail,
        first.unterminated or second.unterminated,
        messages=[*first.messages, *second.messages, note],
    )


def open_study(study_dir: Path) -> StudyData:
    """Read a study folder; a missing or damaged file is a clear error naming it."""
    study_dir = Path(study_dir)
    if not os.path.lexists(study_dir / STUDY_FILE):  # a folder or pipe there: named below
        raise TutError.at(
            study_dir, "", "no study here", "create it with 'tut study init NAME --protocol ID --segments FILE'"
        )
    study = _built(study_dir / STUDY_FILE, study_from_json)
    protocol = _built(study_dir / PROTOCOL_FILE, protocol_from_json)
    revisions = read_revisions(study_dir)
    frame = apply_revisions(_built(study_dir / FRAME_FILE, frame_from_json), revisions)
    segments: list[Segment] = []
    seg_path = study_dir / SEGMENTS_FILE
    with gc_paused():
        for lineno, line in study_json_lines(seg_path):
            try:
                obj = scan_object(line.rstrip("\n"))
                segments.append(segment_from_json(json.loads(line) if obj is None else obj))
            except json.JSONDecodeError as exc:
                raise damaged(seg_path, f"line {lineno}, column {exc.colno}",
                              f"not JSON ({exc.msg.lower()})") from None
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                raise shape_error(seg_path, exc, f"line {lineno}") from None
            except RecursionError:
                raise damaged(seg_path, f"line {lineno}", TOO_DEEP) from None
    if len(segments) < study.segment_count:  # segments are only ever added
        raise damaged(seg_path, "", f"it holds {len(segments):,} of the {study.segment_count:,} "
                      "segments the study was created with: it was cut short or emptied")
    wordings_path = study_dir / WORDINGS_FILE
    raw_wordings = read_study_json(wordings_path, required=False) or {}
    wordings = shaped(wordings_path, raw_wordings,
                      lambda d: {str(k): rebuild(WordingCopy, v) for k, v in d.items()})
    withdrawals = read_withdrawals(study_dir)
    gone = {w.respondent_id for w in withdrawals}
    withdrawn = frozenset(s.id for s in segments if s.respondent_id in gone)
    if withdrawn:
        segments = [s for s in segments if s.id not in withdrawn]
    return StudyData(study_dir, study, segments, protocol, frame, wordings, withdrawals, withdrawn,
                     revisions)


def _built(path: Path, build: Callable[[Any], T]) -> T:
    """``build`` of the JSON the study file ``path`` holds; see :func:`shaped`."""
    return shaped(path, read_study_json(path), build)


# --- blind recoding (intra-coder reliability) ----------------------------------------------


def sample_for_recode(data: StudyData, coder: str, n: int, seed: int) -> list[str]:
    """A reproducible random sample of segments this coder coded in round 1, in study order."""
    coded = data.codings(1).get(coder, {})
    pool = [s.id for s in data.segments if s.id in coded and coded[s.id].is_coded]
    if not pool:
        raise TutError.at(data.dir, "", f"coder '{coder}' has not coded any segment yet",
                          "recoding samples come from a coder's own earlier segments")
    if n < 1:
        raise TutError.at(data.dir, "", f"sample size must be at least 1, got {n}")
    chosen = set(random.Random(seed).sample(pool, min(n, len(pool))))
    return [sid for sid in pool if sid in chosen]


def assign_recode(
    data: StudyData, coder: str, n: int, seed: int, *, force: bool = False, clock: Clock = now_iso
) -> list[str]:
    """Draw a recode sample and save it in ``recode/<coder>.json`` (kept unless ``force``)."""
    coder = check_coder_id(coder)
    path = coder_file(data.dir / RECODE, coder, ".json")
    if path.exists() and not force:
        raise TutError.at(path, "", f"coder '{coder}' already has a recode sample",
                          "use --force to draw a new one (round-2 codes already made are kept)")
    ids = sample_for_recode(data, coder, n, seed)
    path.parent.mkdir(exist_ok=True)
    sample = {"coder": coder, "round": 2, "seed": seed, "drawn": clock(), "segments": ids}
    write_atomic(path, json_text(sample))
    return ids


def segments_by_id(segments: Iterable[Segment]) -> dict[str, Segment]:
    return {s.id: s for s in segments}
