"""Studies on disk: created in one step, never overwritten, codable from their own copies."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from coding_support import IDS, PROTOCOL, SEGMENTS, pilot_study, quality_study

from tut.coding.model import WordingCopy
from tut.coding.status import study_status
from tut.coding.store import CoderJournal
from tut.coding.study import (
    create_study,
    frame_from_json,
    frame_to_json,
    open_study,
)
from tut.errors import TutError


def test_a_study_reads_back_as_it_was_created(tmp_path: Path) -> None:
    wording = WordingCopy("atus-incare-en", "During which of these activities ... in your care?", "en", "paraphrase", "1")
    study = create_study(
        tmp_path / "pilot", "pilot", PROTOCOL, SEGMENTS,
        description="first round", segments_source="segments.csv", wordings={"atus-incare-en": wording},
    )
    data = open_study(tmp_path / "pilot")
    assert data.study == study
    assert data.segments == SEGMENTS
    assert data.protocol == PROTOCOL
    assert data.frame == PROTOCOL.frame()
    assert data.wordings == {"atus-incare-en": wording}
    assert study.variants == PROTOCOL.variants  # every tested variant has segments here
    assert (study.segment_count, study.frame_id) == (6, "supervisory-care-interpretation")
    assert data.segment("s004").answer.startswith("Pues estar al pendiente")
    assert data.coders == [] and data.codings() == {} and data.disagreements() == []


def test_an_existing_study_is_never_overwritten(tmp_path: Path) -> None:
    folder = pilot_study(tmp_path)
    with CoderJournal.open(folder, "ana", PROTOCOL.frame()) as journal:
        journal.set_codes(IDS[0], ["responsibility"])
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with pytest.raises(TutError, match="already exists"):
        create_study(folder, "pilot", PROTOCOL, SEGMENTS[:2])
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


def test_the_frame_is_frozen_with_the_study(tmp_path: Path) -> None:
    """Later edits of the protocol do not change what a study is coded against."""
    folder = quality_study(tmp_path)
    frame = open_study(folder).frame
    assert frame.id == "answer-quality" and frame.mode == "exclusive"
    assert frame_from_json(json.loads((folder / "frame.json").read_text(encoding="utf-8"))) == frame
    assert frame_from_json(frame_to_json(PROTOCOL.frame())) == PROTOCOL.frame()
    # a file written by an older or newer tut with an extra key still opens
    raw = json.loads((folder / "frame.json").read_text(encoding="utf-8"))
    raw["colour"] = "blue"
    (folder / "frame.json").write_text(json.dumps(raw), encoding="utf-8")
    assert open_study(folder).frame == frame


def test_bad_frame_names_and_empty_studies_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TutError, match="no coding frame 'nope'.*answer-quality"):
        create_study(tmp_path / "a", "a", PROTOCOL, SEGMENTS, frame_id="nope")
    with pytest.raises(TutError, match="no segments"):
        create_study(tmp_path / "b", "b", PROTOCOL, [])
    with pytest.raises(TutError, match="duplicate segment ids"):
        create_study(tmp_path / "c", "c", PROTOCOL, [SEGMENTS[0], replace(SEGMENTS[1], id=IDS[0])])
    with pytest.raises(TutError, match="not usable as a folder name"):
        create_study(tmp_path / "d", "../d", PROTOCOL, SEGMENTS)
    assert list(tmp_path.iterdir()) == []


def test_opening_a_missing_or_damaged_study_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(TutError, match="no study here"):
        open_study(tmp_path / "nothing")
    folder = pilot_study(tmp_path)
    (folder / "frame.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(TutError) as caught:
        open_study(folder)
    assert str(folder / "frame.json") in str(caught.value) and "damaged" in str(caught.value)


def test_uncoded_segments_never_count_as_agreement_or_disagreement(tmp_path: Path) -> None:
    folder = pilot_study(tmp_path)
    frame = PROTOCOL.frame()
    with CoderJournal.open(folder, "ana", frame) as ana:
        ana.set_codes(IDS[0], ["presence-only"])
        ana.set_codes(IDS[1], ["excludes-sleeping", "presence-only"])
        ana.set_codes(IDS[2], ["responsibility"])
        ana.set_codes(IDS[3], ["on-call"])
    with CoderJournal.open(folder, "bob", frame) as bob:
        bob.set_codes(IDS[0], ["responsibility"])  # disagrees
        bob.set_codes(IDS[1], ["presence-only", "excludes-sleeping"])  # agrees (order is irrelevant)
        bob.set_codes(IDS[2], ["responsibility"])
        bob.clear(IDS[2])  # cleared: uncoded again
        # IDS[3]: never coded by bob
    with CoderJournal.open(folder, "lead", frame) as lead:
        lead.adjudicate(IDS[0], ["responsibility"], "explicit about being in charge")
    data = open_study(folder)
    (only,) = data.disagreements()
    assert only.segment_id == IDS[0]
    assert only.by_coder == {"ana": ("presence-only",), "bob": ("responsibility",)}
    assert data.progress() == {"ana": 4, "bob": 2}

    status = study_status(data)
    assert [(c.coder, c.coded) for c in status.coders] == [("ana", 4), ("bob", 2)]
    assert (status.double_coded, status.disagreements, status.adjudicated, status.open_disagreements) == (
        2, 1, 1, 0,
    )
    assert status.adjudicators == ("lead",)
    assert status.probes == ("meaning", "sleeping-child", "other-adult")
