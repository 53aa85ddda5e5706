"""The frame revision step: check a revision against the study's current frame and record it.

All or nothing, one change at a time per study (the change lock of :mod:`tut.coding.grow`);
only ``frame_revisions.json`` is written (see :mod:`tut.coding.revisions`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from tut.coding.grow import changing
from tut.coding.revisions import (
    REVISIONS_FILE,
    Change,
    FrameRevision,
    apply_revision,
    record_revision,
)
from tut.coding.store import Clock, check_coder_id, now_iso
from tut.errors import TutError
from tut.protocols.model import CodingFrame


def revise_frame(
    study_dir: Path,
    change: Change,
    codes: Sequence[str],
    rationale: str,
    *,
    into: str = "",
    fields: Mapping[str, str] | None = None,
    by: str = "",
    clock: Clock = now_iso,
) -> tuple[FrameRevision, CodingFrame]:
    """Record one revision of the study's frame; returns it and the new frame version."""
    if not rationale.strip():
        raise TutError.at(Path(study_dir) / REVISIONS_FILE, "", "a revision needs a rationale",
                          "say why with --rationale TEXT")
    with changing(Path(study_dir)) as data:
        rev = FrameRevision(data.frame.version + 1, clock(), change, rationale.strip(),
                            tuple(codes), into, {k: v for k, v in (fields or {}).items() if v},
                            check_coder_id(by) if by else "")
        frame = apply_revision(data.frame, rev, str(data.dir / REVISIONS_FILE))
        record_revision(data.dir, data.revisions, rev)
    return rev, frame
