"""A journal removed or replaced under a running coding screen (issue 13): the next code is
refused as NOT saved, nothing is written into a file nobody reads, and what was saved is
rescued beside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from coding_support import IDS, pilot_study

from tut.coding.store import CoderJournal, read_journal
from tut.coding.study import open_study
from tut.errors import TutError


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return pilot_study(tmp_path)


def test_a_removed_journal_stops_saving_and_keeps_what_was_saved(study: Path) -> None:
    frame = open_study(study).frame
    first, second = frame.codes[0].id, frame.codes[1].id
    with CoderJournal.open(study, "ana", frame) as journal:
        journal.set_codes(IDS[0], [first])
        journal.path.unlink()  # a sync tool or a clean-up script, while ana codes
        with pytest.raises(TutError) as refused:
            journal.set_codes(IDS[1], [second])
        message = str(refused.value)
        assert "the journal was removed while it was open; this action was NOT saved" in message
        assert journal.state[IDS[0]].codes == (first,) and IDS[1] not in journal.state
        with pytest.raises(TutError):  # and it stays refused, the rescue is made once
            journal.set_codes(IDS[2], [second])
    rescued = study / "journals" / "ana.jsonl.rescued-1"
    assert f"the codes saved before are kept in {rescued}" in message
    assert not (study / "journals" / "ana.jsonl.rescued-2").exists()
    assert not (study / "journals" / "ana.jsonl").exists()
    os.rename(rescued, study / "journals" / "ana.jsonl")  # put back, as the message says
    assert open_study(study).codings()["ana"][IDS[0]].codes == (first,)


def test_a_replaced_journal_is_not_written_into(study: Path) -> None:
    frame = open_study(study).frame
    with CoderJournal.open(study, "ana", frame) as journal:
        journal.set_codes(IDS[0], [frame.codes[0].id])
        other = study / "journals" / "copy.tmp"
        other.write_bytes(b"")
        os.replace(other, journal.path)  # e.g. restored from an old backup
        with pytest.raises(TutError, match="replaced by another file while it was open; this action was NOT saved"):
            journal.set_codes(IDS[1], [frame.codes[0].id])
    assert journal.path.read_bytes() == b""
    saved = read_journal(study / "journals" / "ana.jsonl.rescued-1")
    assert [e.segment_id for e in saved.events] == [IDS[0]]
