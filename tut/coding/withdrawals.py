"""Respondents who withdrew consent: the study's record of it, ``withdrawals.json``.

A withdrawal is a step of the study with its time and reason, kept for good: the file only
grows (rewritten whole and atomically with one more entry), and nothing else in the study
folder changes. :func:`tut.coding.study.open_study` leaves a withdrawn respondent's segments
out of ``StudyData.segments`` and their codes out of ``codings()``/``adjudications``, which is
what the export, agreement, status and report read; the coders' journals, the audit trail,
stay byte for byte as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from tut.coding.study_files import read_study_json, shaped
from tut.files import json_text, write_atomic

WITHDRAWALS_FILE = "withdrawals.json"
FORMAT = "tut-withdrawals/1"


@dataclass(frozen=True)
class Withdrawal:
    """One respondent's withdrawal of consent."""

    respondent_id: str
    time: str
    """ISO 8601 UTC."""
    reason: str
    segments: tuple[str, ...]
    """The segments that left the study with the respondent (ids, for the record)."""


def read_withdrawals(study_dir: Path) -> tuple[Withdrawal, ...]:
    """The study's withdrawals in the order they were recorded (none when the file is absent)."""
    path = Path(study_dir) / WITHDRAWALS_FILE
    raw = read_study_json(path, required=False)
    if raw is None:
        return ()
    return shaped(path, raw, lambda d: tuple(
        Withdrawal(w["respondent_id"], w["time"], w["reason"], tuple(w["segments"]))
        for w in d["withdrawals"]
    ))


def record_withdrawal(study_dir: Path, previous: Iterable[Withdrawal], new: Withdrawal) -> None:
    """Write the withdrawals file with ``new`` added, in one step (the old file or the new)."""
    entries = [asdict(w) for w in (*previous, new)]
    for e in entries:
        e["segments"] = list(e["segments"])
    write_atomic(Path(study_dir) / WITHDRAWALS_FILE, json_text({"format": FORMAT, "withdrawals": entries}))
