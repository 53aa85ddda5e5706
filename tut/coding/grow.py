"""Studies that change after they start: more interviews come in, a respondent withdraws.

Both steps are all or nothing and never touch the coders' journals:

- :func:`add_segments` appends checked segments to ``segments.jsonl`` (the whole new file is
  written aside, fsynced and renamed over the old one), after ``study.json`` and
  ``wordings.json`` have learnt any new variant. A refused file changes nothing.
- :func:`withdraw_respondent` records the withdrawal in ``withdrawals.json`` (see
  :mod:`tut.coding.withdrawals`); the respondent's segments drop out of what every stage reads.

One change at a time per study (a lock file, ``.changing.lock``; the study is read under it);
coders may keep coding, and see added segments when they next open the study.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import filelock

from tut.coding.io_segments import csv_rows, decode_text, jsonl_rows, read_segments
from tut.coding.model import Segment, WordingCopy
from tut.coding.store import Clock, now_iso
from tut.coding.study import (
    SEGMENTS_FILE,
    STUDY_FILE,
    WORDINGS_FILE,
    StudyData,
    open_study,
    segment_to_json,
    study_to_json,
    wording_to_json,
)
from tut.coding.withdrawals import WITHDRAWALS_FILE, Withdrawal, record_withdrawal
from tut.errors import Problem, TutError
from tut.files import fsync_dir, json_text, replacing, write_atomic

LOCK_FILE = ".changing.lock"


@dataclass(frozen=True)
class Added:
    segments: int
    """How many segments were added."""
    total: int
    """Segments in the study now (withdrawn respondents' not counted)."""
    new_variants: tuple[str, ...]


@contextmanager
def changing(study_dir: Path) -> Iterator[StudyData]:
    """The study, read while holding its change lock: what is checked is what is changed."""
    study_dir = Path(study_dir)
    if not (study_dir / STUDY_FILE).is_file():
        open_study(study_dir)  # the usual 'no study here' error, before any lock file is made
    lock = filelock.FileLock(str(study_dir / LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise TutError.at(study_dir, "", "another change to this study is under way",
                          "wait for it to finish, then run the command again") from None
    try:
        yield open_study(study_dir)
    finally:
        lock.release()


def check_new_segments(data: StudyData, new: list[Segment], file: str) -> list[Problem]:
    """What stops ``new`` from joining the study: ids it already has (withdrawn ones too) and
    respondents who withdrew consent. Pure; problems name the segment (lines come later)."""
    known = set(data.segment_ids) | data.withdrawn_segment_ids
    gone = {w.respondent_id: w for w in data.withdrawals}
    problems = []
    for seg in new:
        if seg.id in known:
            problems.append(Problem(file, seg.id, f"segment '{seg.id}' is already in study '{data.name}'",
                                    "give it another segment_id, or leave the row out"))
        elif seg.respondent_id in gone:
            w = gone[seg.respondent_id]
            problems.append(Problem(file, seg.id, f"respondent '{seg.respondent_id}' withdrew consent on "
                                    f"{w.time[:10]}", "their answers cannot come back into the study"))
    return problems


def _located(problems: list[Problem], new: list[Segment], path: Path, encoding: str, data: StudyData) -> TutError:
    """The problems with the line of each segment: the k-th segment comes from the k-th record,
    since a file that reached this point had no bad record."""
    text, _ = decode_text(path.read_bytes(), str(path), encoding)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        rows, _ = jsonl_rows(text, str(path))
    else:
        rows, _ = csv_rows(text, str(path), variants=data.protocol.variants)
    line = {seg.id: row.line for seg, row in zip(new, rows, strict=False)}
    return TutError([replace(p, place=f"line {line.get(p.place, 0)}") for p in problems])


def add_segments(
    study_dir: Path,
    path: Path,
    *,
    encoding: str = "utf-8",
    wordings: Callable[[tuple[str, ...]], Mapping[str, WordingCopy]] | None = None,
) -> Added:
    """Read ``path`` with the checks of ``study init`` against the study's frozen protocol and
    append its segments; one TutError listing every problem, and the study unchanged, if any.
    ``wordings`` gives the frozen copies of variants the study did not have yet."""
    path = Path(path)
    with changing(study_dir) as data:
        new = read_segments(path, data.protocol, encoding=encoding)
        if not new:
            raise TutError.at(path, "", "no segments to add")
        problems = check_new_segments(data, new, str(path))
        if problems:
            raise _located(problems, new, path, encoding, data)
        present = set(data.study.variants)
        added = tuple(dict.fromkeys(s.variant_id for s in new if s.variant_id not in present))
        if added:
            _learn_variants(data, added, wordings(added) if wordings else {})
        _append_segments(data.dir / SEGMENTS_FILE, new)
        return Added(len(new), len(data.segments) + len(new), added)


def _learn_variants(data: StudyData, added: tuple[str, ...], wordings: Mapping[str, WordingCopy]) -> None:
    """study.json and wordings.json gain the new variants first: harmless if the segments
    never follow (a variant without segments), never the other way round."""
    order = {v: k for k, v in enumerate(data.protocol.variants)}
    variants = tuple(sorted((*data.study.variants, *added), key=lambda v: order.get(v, len(order))))
    study = replace(data.study, variants=variants)
    write_atomic(data.dir / STUDY_FILE, json_text(study_to_json(study)))
    copies = {**data.wordings, **{v: w for v, w in wordings.items() if v in added}}
    write_atomic(data.dir / WORDINGS_FILE, json_text({k: wording_to_json(w) for k, w in copies.items()}))


def _append_segments(target: Path, new: list[Segment]) -> None:
    old = target.read_bytes()
    if old and not old.endswith(b"\n"):
        old += b"\n"
    lines = "".join(json.dumps(segment_to_json(s), ensure_ascii=False) + "\n" for s in new)
    with replacing(target) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(old)
            fh.write(lines.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
    fsync_dir(target.parent)


def withdraw_respondent(study_dir: Path, respondent_id: str, reason: str, *, clock: Clock = now_iso) -> Withdrawal:
    """Record that ``respondent_id`` withdrew consent; their segments leave every later reading."""
    where = str(Path(study_dir) / WITHDRAWALS_FILE)
    if not reason.strip():
        raise TutError.at(where, "", "a withdrawal needs a reason", "say why with --reason, e.g. 'consent withdrawn by phone'")
    with changing(study_dir) as data:
        return _withdraw(data, respondent_id, reason, clock())


def _withdraw(data: StudyData, respondent_id: str, reason: str, time: str) -> Withdrawal:
    where = str(data.dir / WITHDRAWALS_FILE)
    if any(w.respondent_id == respondent_id for w in data.withdrawals):
        raise TutError.at(where, respondent_id, f"respondent '{respondent_id}' has already withdrawn")
    segments = tuple(s.id for s in data.segments if s.respondent_id == respondent_id)
    if not segments:
        raise TutError.at(data.dir / SEGMENTS_FILE, "", f"no respondent '{respondent_id}' in study '{data.name}'",
                          "respondent ids are those of the segments file (see 'tut study export')")
    withdrawal = Withdrawal(respondent_id, time, reason.strip(), segments)
    record_withdrawal(data.dir, data.withdrawals, withdrawal)
    return withdrawal

