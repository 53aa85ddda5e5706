"""The crash-safe code store: one append-only JSON Lines journal per coder.

INTERFACE CONTRACT (the TUI codes against it):

- ``replay(events, round=1) -> dict[str, SegmentCoding]``: pure; current state per segment for
  one coder and one round (latest ``set``/``clear``/``memo`` wins; ``adjudicate`` is ignored).
- ``replay_adjudications(events) -> dict[str, Adjudication]``: pure; latest adjudication wins.
- ``CoderJournal.open(study_dir, coder, frame, *, round=1, segment_ids=None, clock=now_iso)``:
  takes an exclusive file lock on ``journals/<coder>.lock`` (a second process for the same
  coder gets a ``TutError``), reads ``journals/<coder>.jsonl``, reports a torn last line via
  ``journal.warnings`` (never silently dropped: the bytes stay in the file and a newline is
  appended after them so later events start on a line of their own). With ``segment_ids``
  given, codes on unknown segments are refused too. Lines naming a code the frame lacks, or
  (with ``study_segment_ids``, in this round) a segment the study lacks, are not replayed:
  they are in ``journal.skipped`` and ``journal.warnings``, and stay in the file.
  ``clock()`` gives each event's ISO time
  (a fixed clock makes reproducible journals, e.g. the bundled example study).
- ``journal.set_codes(segment_id, codes) -> Event``: validates codes against the frame
  (unknown code or several codes in an exclusive frame -> ``TutError``), appends one JSON
  line, flush + fsync, then returns; only then may the UI show the code as saved. Codes are
  stored de-duplicated, in frame order. An empty ``codes`` is recorded as a ``set`` with no codes.
- ``journal.clear(segment_id) -> Event``, ``journal.memo(segment_id, text) -> Event``.
- ``journal.skipped -> list[SkippedLine]``: the same lines as data (line, torn, size), for
  screens that say it in the coder's language.
- ``journal.state -> dict[str, SegmentCoding]`` (current round only: blind to other rounds),
  ``journal.events -> list[Event]`` (all rounds, in journal order), ``journal.warnings``,
  ``journal.coder``, ``journal.round``, ``journal.frame``, ``journal.path``.
- ``journal.close()``; also a context manager. The OS releases the lock if the process dies.
- A failed write (disk full, folder gone) raises ``TutError`` saying the action was NOT saved;
  ``state`` is unchanged. Call the journal from one thread at a time.
- A journal file removed or replaced while open (checked by file identity before each
  append) is never written into: ``TutError`` (NOT saved), and what the open file held is
  copied to ``<journal>.rescued-N`` beside it, named in the message.
- Adjudication uses the same class with ``coder`` = the adjudicator and
  ``journal.adjudicate(segment_id, codes, rationale) -> Event``;
  ``journal.adjudications -> dict[str, Adjudication]``.
- ``read_journal(path) -> JournalContents`` reads a journal without locking (status, export).

Coder ids and file names live in :mod:`tut.coding.coder_files`, journal lines (the format
below, parsing) in :mod:`tut.coding.journal_lines`, replay in :mod:`tut.coding.replay`;
their names are importable from here.

Journal line format (one JSON object per line, UTF-8, human readable)::

    {"seq": 3, "time": "2025-01-01T10:00:00.123+00:00", "coder": "ana", "action": "set",
     "segment_id": "r01-meaning", "codes": ["presence-only"], "round": 1}

An event written by the coder's undo or redo carries ``"via": "undo"`` or ``"via": "redo"``
(optional: older journals have none, and replay treats such events like any other). An
adjudication made with the screen's "revise decision" carries ``"revises": "<adjudicator>"``,
the adjudicator whose decision it revises (optional; see :mod:`tut.coding.decisions`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import filelock

from tut.coding.coder_files import (
    CODER_ID_MAX,
    JOURNALS,
    check_coder_id,
    coder_file,
    coder_stem,
    journal_path,
)
from tut.coding.journal_lines import (
    ACTIONS,
    VIAS,
    JournalContents,
    SkippedLine,
    event_from_json,
    event_to_json,
    gc_paused,
    parse_journal,
    read_journal,
)
from tut.coding.model import Action, Adjudication, Event, SegmentCoding
from tut.coding.replay import apply_event, replay, replay_adjudications
from tut.coding.revisions import read_under
from tut.coding.study_files import STUDY_FILE_MAX_BYTES
from tut.errors import TutError
from tut.files import fsync_dir
from tut.messages import Message
from tut.protocols.model import CodingFrame
from tut.userfiles import check_file

__all__ = [  # the store's API, including what lives in its two parts
    "ACTIONS", "CODER_ID_MAX", "JOURNALS", "VIAS", "Clock", "CoderJournal", "JournalContents",
    "SkippedLine", "apply_event", "check_codes", "check_coder_id", "coder_file", "coder_stem",
    "event_from_json", "event_to_json", "gc_paused", "journal_path", "now_iso",
    "parse_journal", "read_journal", "replay", "replay_adjudications", "set_aside_unknown",
]


def set_aside_unknown(
    contents: JournalContents,
    frame: CodingFrame,
    study_segment_ids: Collection[str] | None,
    round: int,
) -> tuple[list[Event], list[SkippedLine]]:
    """Events to replay, and the lines naming a code the frame lacks or (for ``round``) a
    segment the study lacks: skipped and reported, the file is left as it is."""
    kept: list[Event] = []
    aside: list[SkippedLine] = []
    known = frame.code_ids
    all_known = known.issuperset
    lines = contents.lines if len(contents.lines) == len(contents.events) else []
    for k, ev in enumerate(contents.events):
        code = "" if all_known(ev.codes) else next(c for c in ev.codes if c not in known)
        segment = ""
        if study_segment_ids is not None and ev.round == round:
            segment = "" if ev.segment_id in study_segment_ids else ev.segment_id
        if code or segment:
            line = lines[k] if lines else 0
            what = (f"code {code!r} is not in the frame" if code
                    else f"segment {segment!r} is not in this study")
            aside.append(SkippedLine(contents.path, line, False, 0, what, code, segment))
        else:
            kept.append(ev)
    return kept, aside


def check_codes(frame: CodingFrame, codes: Iterable[str], segment_id: str = "") -> tuple[str, ...]:
    """Codes in frame order without repeats; unknown codes or too many for the frame refused."""
    wanted = [codes] if isinstance(codes, str) else list(codes)
    known = frame.code_ids
    unknown = [c for c in wanted if c not in known]
    place = f"segment {segment_id}" if segment_id else ""
    if unknown:
        listed = ", ".join(sorted(known))
        raise TutError.at(
            f"frame {frame.id}",
            place,
            f"code(s) not in the coding frame: {', '.join(map(str, unknown))}",
            f"use one of: {listed}" if len(listed) < 400 else "see 'tut protocols show'",
        )
    retired = [c for c in wanted if c in frame.retired]
    if retired:
        now = {frame.read_as(c) for c in retired} - set(frame.retired)
        raise TutError.at(
            f"frame {frame.id}", place,
            f"code(s) retired in a revision of the frame: {', '.join(retired)}",
            f"use {', '.join(sorted(now))}" if now else "choose a code still in use",
        )
    chosen = set(wanted)
    ordered = tuple(c.id for c in frame.codes if c.id in chosen)
    if frame.mode == "exclusive" and len(ordered) > 1:
        raise TutError.at(
            f"frame {frame.id}",
            place,
            f"frame is exclusive (one code per segment) but got {len(ordered)}: "
            f"{', '.join(ordered)}",
            "pick one code",
        )
    return ordered


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


Clock = Callable[[], str]
"""Gives the ISO 8601 time stamped on an event (``now_iso`` unless told otherwise)."""


# --- the writer ----------------------------------------------------------------------------


class CoderJournal:
    """One coder's journal, open for appending under an exclusive lock."""

    def __init__(
        self,
        path: Path,
        coder: str,
        frame: CodingFrame,
        round: int,
        lock: filelock.BaseFileLock,
        fd: int,
        contents: JournalContents,
        segment_ids: Collection[str] | None,
        clock: Clock = now_iso,
        study_segment_ids: Collection[str] | None = None,
    ) -> None:
        self.path = path
        self._clock = clock
        self.coder = coder
        self.frame = frame
        self.round = round
        self._lock = lock
        self._fd: int | None = fd
        kept, aside = set_aside_unknown(contents, frame, study_segment_ids, round)
        self.events: list[Event] = read_under(frame, kept)
        """The events replayed (lines naming an unknown code or segment are left out)."""
        said = [k.message() for k in aside]
        self.messages: list[Message] = list(contents.messages) + said
        """The lines set aside (and why), as catalogue messages: see :attr:`warnings`."""
        self.skipped: list[SkippedLine] = list(contents.skipped) + aside
        self._segment_ids = frozenset(segment_ids) if segment_ids is not None else None
        self.state: dict[str, SegmentCoding] = replay(self.events, round)
        self.adjudications: dict[str, Adjudication] = replay_adjudications(self.events)
        self._seq = max((e.seq for e in contents.events), default=0)
        self._cut = False
        st = os.fstat(fd)
        self._identity = (st.st_dev, st.st_ino)
        self._rescued: Path | None = None

    @classmethod
    def open(
        cls,
        study_dir: Path,
        coder: str,
        frame: CodingFrame,
        *,
        round: int = 1,
        segment_ids: Collection[str] | None = None,
        clock: Clock = now_iso,
        study_segment_ids: Collection[str] | None = None,
        folder: str = JOURNALS,
    ) -> CoderJournal:
        """``folder="practice"``: a calibration journal, apart from the study's codes."""
        coder = check_coder_id(coder)
        if round < 1:
            raise TutError.at(str(study_dir), "", f"round must be 1 or more, got {round}")
        where = Path(study_dir) / folder
        if not Path(study_dir).is_dir():
            raise TutError.at(str(study_dir), "", "study folder does not exist",
                              "create it with 'tut study init'")
        where.mkdir(exist_ok=True)
        path = coder_file(where, coder, ".jsonl")
        lock_path = path.with_suffix(".lock")
        lock = filelock.FileLock(str(lock_path), timeout=0)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise TutError.at(
                lock_path,
                "",
                f"coder '{coder}' already has this study open in another tut process",
                "close that window first, or code under another coder id",
            ) from None
        try:
            existed = path.exists() or path.is_symlink()
            if existed:  # a pipe, device or folder in its place: refused, never opened
                check_file(path, STUDY_FILE_MAX_BYTES, "a journal")
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
            if not existed:
                fsync_dir(where)
            contents = parse_journal(_read_all(fd), path)
            _check_owner(contents, coder, fd)
            if contents.torn_tail or contents.unterminated:
                # Close the cut line so new events start on their own line; the bytes stay.
                _append(fd, b"\n")
        except BaseException:
            lock.release()
            raise
        return cls(
            path, coder, frame, round, lock, fd, contents, segment_ids, clock, study_segment_ids
        )

    # -- actions --

    def set_codes(self, segment_id: str, codes: Iterable[str], *, via: str = "") -> Event:
        """Record the full set of codes for a segment; returns once the line is on disk.
        ``via="undo"``/``"redo"`` marks an event written by the coder's undo or redo."""
        self._check_segment(segment_id)
        checked = check_codes(self.frame, codes, segment_id)
        return self._write("set", segment_id, codes=checked, via=via)

    def clear(self, segment_id: str, *, via: str = "") -> Event:
        self._check_segment(segment_id)
        return self._write("clear", segment_id, via=via)

    def memo(self, segment_id: str, text: str, *, via: str = "") -> Event:
        self._check_segment(segment_id)
        return self._write("memo", segment_id, memo=str(text), via=via)

    def adjudicate(
        self, segment_id: str, codes: Iterable[str], rationale: str = "", *, revises: str = ""
    ) -> Event:
        """``revises``: the adjudicator whose decision this explicitly revises (an id)."""
        self._check_segment(segment_id)
        checked = check_codes(self.frame, codes, segment_id)
        return self._write("adjudicate", segment_id, codes=checked, rationale=str(rationale),
                           revises=revises)

    # -- plumbing --

    def _check_segment(self, segment_id: str) -> None:
        if not isinstance(segment_id, str) or not segment_id:
            raise TutError.at(str(self.path), "", "segment id is empty")
        if self._segment_ids is not None and segment_id not in self._segment_ids:
            raise TutError.at(str(self.path), "", f"segment {segment_id!r} is not in this study")

    def _write(
        self,
        action: Action,
        segment_id: str,
        *,
        codes: tuple[str, ...] = (),
        memo: str = "",
        rationale: str = "",
        via: str = "",
        revises: str = "",
    ) -> Event:
        if self._fd is None:
            raise RuntimeError(f"journal {self.path} is closed")
        if via not in VIAS:
            raise ValueError(f"via must be one of {VIAS}, got {via!r}")
        ev = Event(
            seq=self._seq + 1,
            time=self._clock(),
            coder=self.coder,
            action=action,
            segment_id=segment_id,
            codes=codes,
            memo=memo,
            round=self.round,
            rationale=rationale,
            via=via,
            revises=revises,
        )
        line = json.dumps(event_to_json(ev), ensure_ascii=False) + "\n"
        data = line.encode("utf-8")
        if self._cut:
            data = b"\n" + data  # close a line an earlier failed write may have left open
        self._check_in_place()
        try:
            _append(self._fd, data)
        except OSError as exc:
            self._cut = True
            raise TutError.at(
                str(self.path), "", f"could not save ({exc.strerror or exc}); this action was NOT saved",
                "free disk space or check the folder, then try again",
            ) from exc
        self._cut = False
        self._seq = ev.seq
        self.events.append(ev)
        if action == "adjudicate":
            self.adjudications.update(replay_adjudications([ev]))
        elif ev.round == self.round:
            apply_event(self.state, ev)
        return ev

    def _check_in_place(self) -> None:
        """Refuse to write into a journal that was removed or replaced under this screen:
        the line would go to a file nobody reads. What was saved is rescued beside it."""
        assert self._fd is not None
        try:
            st = os.stat(self.path)
            here = (st.st_dev, st.st_ino) == self._identity
        except OSError:
            st, here = None, False
        if here:
            return
        what = "removed" if st is None else "replaced by another file"
        self._rescued = self._rescued or _rescue(self._fd, self.path)
        rescued = self._rescued
        kept = (f"the codes saved before are kept in {rescued}" if rescued
                else "the codes saved before were in the file that was removed")
        raise TutError.at(
            str(self.path), "", f"the journal was {what} while it was open; this action was "
            f"NOT saved; {kept}",
            "quit, put the journal back in place if it was moved by mistake, and start again",
        )

    @property
    def warnings(self) -> list[str]:
        """:attr:`messages` in English (``--json``, logs), worded when asked."""
        return [m.text() for m in self.messages]

    @property
    def closed(self) -> bool:
        return self._fd is None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            self._lock.release()

    def __enter__(self) -> CoderJournal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - safety net only
        try:
            self.close()
        except Exception:
            pass


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    parts = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        parts.append(chunk)
    return b"".join(parts)


def _check_owner(contents: JournalContents, coder: str, fd: int) -> None:
    """A journal file holds one coder's codes: never append to another coder's."""
    other = next((e.coder for e in contents.events if e.coder != coder), None)
    if other is not None:
        os.close(fd)
        raise TutError.at(contents.path, "", f"this journal holds the codes of coder {other!r}, "
                          f"not {coder!r}", "code under the id that journal was made with")


def _rescue(fd: int, path: Path) -> Path | None:
    """Copy what the open journal holds to ``<journal>.rescued-N`` (never overwriting one);
    None when even that cannot be written (the folder is gone)."""
    try:
        data = _read_all(fd)
        for n in range(1, 1000):
            target = path.with_name(f"{path.name}.rescued-{n}")
            try:
                out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue
            try:
                _append(out, data)
            finally:
                os.close(out)
            return target
    except OSError:
        return None
    return None


def _append(fd: int, data: bytes) -> None:
    """Write every byte (O_APPEND), then fsync: after this the line survives a crash."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)
