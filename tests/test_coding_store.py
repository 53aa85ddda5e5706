"""The code store: journals replay, survive crashes and torn lines, and refuse bad codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from coding_support import IDS, PROTOCOL, SEGMENTS, pilot_study, quality_study

from tut.coding.model import Event
from tut.coding.store import CoderJournal, read_journal, replay
from tut.coding.study import (
    assign_recode,
    create_study,
    open_study,
    sample_for_recode,
)
from tut.errors import TutError


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return pilot_study(tmp_path)


@pytest.fixture
def exclusive_study(tmp_path: Path) -> Path:
    return quality_study(tmp_path)


def frame_of(folder: Path):  # type: ignore[no-untyped-def]
    return open_study(folder).frame


def run_child(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# --- replay ---------------------------------------------------------------------------------


def ev(seq: int, action: str, sid: str, codes: tuple[str, ...] = (), memo: str = "", rnd: int = 1) -> Event:
    return Event(seq, f"2025-01-01T00:00:{seq:02d}Z", "ana", action, sid, codes, memo, rnd)  # type: ignore[arg-type]


def test_replay_keeps_the_latest_action_per_segment_and_round() -> None:
    events = [
        ev(1, "set", "s1", ("presence-only",)),
        ev(2, "memo", "s1", memo="check with Bob"),
        ev(3, "set", "s1", ("responsibility", "on-call")),
        ev(4, "set", "s2", ("confusion",)),
        ev(5, "clear", "s2"),
        ev(6, "set", "s1", ("active-care",), rnd=2),
    ]
    first = replay(events)
    assert first["s1"].codes == ("responsibility", "on-call")
    assert first["s1"].memo == "check with Bob"
    assert first["s1"].updated == events[2].time
    assert first["s2"].codes == () and not first["s2"].is_coded
    assert replay(events, round=2)["s1"].codes == ("active-care",)
    assert "s2" not in replay(events, round=2)


def test_codes_survive_closing_and_reopening(study: Path) -> None:
    frame = frame_of(study)
    with CoderJournal.open(study, "ana", frame) as journal:
        journal.set_codes(IDS[0], ["responsibility"])
        journal.set_codes(IDS[1], ["counts-sleeping", "presence-only"])
        journal.memo(IDS[1], "dice que «depende» si duerme")
        journal.set_codes(IDS[0], ["on-call"])
        before = dict(journal.state)
    with CoderJournal.open(study, "ana", frame) as journal:
        assert journal.state == before
        assert journal.state[IDS[0]].codes == ("on-call",)
        assert journal.state[IDS[1]].memo == "dice que «depende» si duerme"
        assert journal.warnings == []
        nxt = journal.clear(IDS[0])
    assert nxt.seq == 5
    assert not open_study(study).codings()["ana"][IDS[0]].is_coded


def test_the_journal_is_a_readable_audit_trail(study: Path) -> None:
    with CoderJournal.open(study, "ana", frame_of(study)) as journal:
        journal.set_codes(IDS[0], ["responsibility"])
        journal.set_codes(IDS[0], ["responsibility", "on-call"])
    lines = (study / "journals" / "ana.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["codes"] for r in records] == [["responsibility"], ["responsibility", "on-call"]]
    assert all(r["coder"] == "ana" and r["action"] == "set" and r["time"] for r in records)
    assert [r["seq"] for r in records] == [1, 2]


def test_codes_are_stored_once_in_frame_order(study: Path) -> None:
    with CoderJournal.open(study, "ana", frame_of(study)) as journal:
        event = journal.set_codes(IDS[0], ["on-call", "presence-only", "on-call"])
    assert event.codes == ("presence-only", "on-call")


# --- refused codes --------------------------------------------------------------------------


def test_a_code_not_in_the_frame_is_refused_and_nothing_is_written(study: Path) -> None:
    with CoderJournal.open(study, "ana", frame_of(study)) as journal:
        journal.set_codes(IDS[0], ["responsibility"])
        size = journal.path.stat().st_size
        with pytest.raises(TutError, match="not in the coding frame: babysitting"):
            journal.set_codes(IDS[0], ["responsibility", "babysitting"])
        assert journal.path.stat().st_size == size
        assert journal.state[IDS[0]].codes == ("responsibility",)


def test_several_codes_in_an_exclusive_frame_are_refused(exclusive_study: Path) -> None:
    with CoderJournal.open(exclusive_study, "ana", frame_of(exclusive_study)) as journal:
        with pytest.raises(TutError, match="exclusive"):
            journal.set_codes(IDS[0], ["clear", "partial"])
        with pytest.raises(TutError, match="exclusive"):
            journal.adjudicate(IDS[0], ["clear", "partial"], "both")
        assert journal.set_codes(IDS[0], ["partial"]).codes == ("partial",)
    assert len(read_journal(exclusive_study / "journals" / "ana.jsonl").events) == 1


def test_unknown_segments_and_bad_coder_ids_are_refused(study: Path) -> None:
    frame = frame_of(study)
    with CoderJournal.open(study, "ana", frame, segment_ids=IDS) as journal:
        with pytest.raises(TutError, match="not in this study"):
            journal.set_codes("s999", ["responsibility"])
    with pytest.raises(TutError, match="holds a control character"):
        CoderJournal.open(study, "bob\n", frame)
    with CoderJournal.open(study, "../bob", frame) as journal:  # a name, never a path
        assert journal.path.parent == study / "journals"


# --- torn lines -----------------------------------------------------------------------------


def test_a_torn_last_line_is_reported_skipped_and_kept(study: Path) -> None:
    frame = frame_of(study)
    with CoderJournal.open(study, "ana", frame) as journal:
        for sid in IDS[:3]:
            journal.set_codes(sid, ["responsibility"])
    path = study / "journals" / "ana.jsonl"
    saved = path.read_bytes()
    torn = b'{"seq": 4, "time": "2025-01-01T00:00:00Z", "coder": "ana", "action": "se'
    with open(path, "ab") as fh:
        fh.write(torn)

    assert any("line 4" in w and "torn" in w for w in open_study(study).warnings)
    with CoderJournal.open(study, "ana", frame) as journal:
        assert len(journal.warnings) == 1
        assert f"{path}:line 4" in journal.warnings[0]
        assert sorted(journal.state) == IDS[:3]
        journal.set_codes(IDS[3], ["on-call"])

    data = path.read_bytes()
    assert data.startswith(saved + torn + b"\n")  # nothing dropped, nothing rewritten
    again = read_journal(path)
    assert [e.segment_id for e in again.events] == IDS[:4]
    assert len(again.warnings) == 1 and "line 4" in again.warnings[0]


def test_a_complete_last_event_without_newline_is_kept(study: Path) -> None:
    frame = frame_of(study)
    with CoderJournal.open(study, "ana", frame) as journal:
        journal.set_codes(IDS[0], ["responsibility"])
    path = study / "journals" / "ana.jsonl"
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    with CoderJournal.open(study, "ana", frame) as journal:
        assert journal.state[IDS[0]].codes == ("responsibility",)
        journal.set_codes(IDS[1], ["on-call"])
    assert [e.segment_id for e in read_journal(path).events] == IDS[:2]


# --- real processes -------------------------------------------------------------------------

CODING_LOOP = """
    import sys
    from tut.coding.store import CoderJournal
    from tut.coding.study import open_study
    data = open_study(sys.argv[1])
    codes = [c.id for c in data.frame.codes]
    with CoderJournal.open(data.dir, sys.argv[2], data.frame) as journal:
        print("ready", flush=True)
        i = 0
        limit = int(sys.argv[3])
        while limit == 0 or i < limit:
            seg = data.segments[i % len(data.segments)]
            event = journal.set_codes(seg.id, [codes[i % len(codes)]])
            journal.memo(seg.id, "nota " * (i % 50))
            print(event.seq, flush=True)
            i += 1
"""


def test_kill_9_while_coding_loses_nothing_shown_as_saved(study: Path) -> None:
    child = run_child(CODING_LOOP, str(study), "ana", "0")
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    printed: list[int] = []
    while len(printed) < 150:
        printed.append(int(child.stdout.readline()))
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    printed += [int(x) for x in rest.split()]
    assert child.returncode == -signal.SIGKILL

    contents = read_journal(study / "journals" / "ana.jsonl")
    seqs = {e.seq for e in contents.events}
    assert set(printed) <= seqs
    # and the next start works: the lock died with the process, any torn tail is reported
    with CoderJournal.open(study, "ana", frame_of(study)) as journal:
        assert len(journal.events) >= len(printed)
        assert all("torn" in w for w in journal.warnings)
        assert journal.set_codes(IDS[0], ["presence-only"]).seq == max(seqs) + 1


def test_two_coders_code_the_same_study_at_the_same_time(study: Path) -> None:
    children = {coder: run_child(CODING_LOOP, str(study), coder, "120") for coder in ("ana", "bob")}
    for child in children.values():
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        printed = out.split()[1:]
        assert printed == [str(seq) for seq in range(1, 240, 2)]  # a code then a memo, 120 times
    data = open_study(study)
    assert data.coders == ["ana", "bob"]
    for coder in ("ana", "bob"):
        events = data.journals[coder].events
        assert len(events) == 240 and {e.coder for e in events} == {coder}
    assert data.warnings == []
    assert set(data.codings()["ana"]) == set(IDS)


def test_a_second_process_for_the_same_coder_is_refused(study: Path) -> None:
    holder = run_child(
        """
        import sys
        from tut.coding.store import CoderJournal
        from tut.coding.study import open_study
        data = open_study(sys.argv[1])
        journal = CoderJournal.open(data.dir, "ana", data.frame)
        print("ready", flush=True)
        sys.stdin.read()
        """,
        str(study),
    )
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "ready"
        frame = frame_of(study)
        with pytest.raises(TutError) as refused:
            CoderJournal.open(study, "ana", frame)
        assert "coder 'ana' already has this study open" in str(refused.value)
        assert "ana.lock" in str(refused.value)
        with CoderJournal.open(study, "bob", frame) as other:  # other coders are not blocked
            other.set_codes(IDS[0], ["responsibility"])
    finally:
        holder.kill()
        holder.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while True:  # the OS frees the lock of a dead process
        try:
            with CoderJournal.open(study, "ana", frame_of(study)):
                break
        except TutError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_the_same_coder_twice_in_one_process_is_refused_too(study: Path) -> None:
    frame = frame_of(study)
    with CoderJournal.open(study, "ana", frame):
        with pytest.raises(TutError, match="already has this study open"):
            CoderJournal.open(study, "ana", frame)
    with CoderJournal.open(study, "ana", frame):  # released on close
        pass


# --- adjudication and recoding --------------------------------------------------------------


def test_adjudications_are_kept_apart_from_coding(study: Path) -> None:
    frame = frame_of(study)
    with CoderJournal.open(study, "ana", frame) as ana:
        ana.set_codes(IDS[0], ["presence-only"])
    with CoderJournal.open(study, "bob", frame) as bob:
        bob.set_codes(IDS[0], ["responsibility"])
    data = open_study(study)
    assert [d.segment_id for d in data.disagreements()] == [IDS[0]]
    with CoderJournal.open(study, "lead", frame) as lead:
        lead.adjudicate(IDS[0], ["responsibility"], "she says she was in charge")
        assert lead.adjudications[IDS[0]].codes == ("responsibility",)
        assert lead.state == {}
    data.refresh()
    assert data.coders == ["ana", "bob"]
    assert data.adjudicators == ["lead"]
    adj = data.adjudications[IDS[0]]
    assert (adj.adjudicator, adj.rationale) == ("lead", "she says she was in charge")


def test_recoding_is_blind_and_keeps_both_rounds(study: Path) -> None:
    frame = frame_of(study)
    with CoderJournal.open(study, "ana", frame) as ana:
        for sid in IDS:
            ana.set_codes(sid, ["responsibility"])
    data = open_study(study)
    sample = sample_for_recode(data, "ana", 3, seed=7)
    assert sample == sample_for_recode(data, "ana", 3, seed=7)
    assert len(sample) == 3 and set(sample) <= set(IDS)
    assert sample == [sid for sid in IDS if sid in sample]  # study order
    assert assign_recode(data, "ana", 3, seed=7) == sample
    with pytest.raises(TutError, match="already has a recode sample"):
        assign_recode(data, "ana", 3, seed=8)

    with CoderJournal.open(study, "ana", frame, round=2) as again:
        assert again.state == {}  # blind to round 1
        for sid in sample:
            again.set_codes(sid, ["on-call"])
    data.refresh()
    assert data.recode_sample("ana") == sample
    assert all(c.codes == ("responsibility",) for c in data.codings(1)["ana"].values())
    assert {sid: c.codes for sid, c in data.codings(2)["ana"].items()} == {
        sid: ("on-call",) for sid in sample
    }
    with pytest.raises(TutError, match="has not coded any segment"):
        sample_for_recode(data, "nobody", 2, seed=1)


def test_journal_lines_are_written_before_set_codes_returns(study: Path) -> None:
    """What the UI shows as saved is already in the file another process reads."""
    with CoderJournal.open(study, "ana", frame_of(study)) as journal:
        journal.set_codes(IDS[0], ["confusion"])
        fd = os.open(journal.path, os.O_RDONLY)
        try:
            assert b'"confusion"' in os.read(fd, 1 << 16)
        finally:
            os.close(fd)


def test_a_failed_write_says_not_saved_and_the_next_one_starts_clean(
    study: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import tut.coding.store as store

    real_write = os.write

    def disk_full(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data)[:20])  # half a line reaches the disk, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    with CoderJournal.open(study, "ana", frame_of(study)) as journal:
        journal.set_codes(IDS[0], ["responsibility"])
        monkeypatch.setattr(store.os, "write", disk_full)
        with pytest.raises(TutError, match="No space left on device.*NOT saved"):
            journal.set_codes(IDS[1], ["on-call"])
        assert IDS[1] not in journal.state
        monkeypatch.setattr(store.os, "write", real_write)
        journal.set_codes(IDS[2], ["confusion"])
    contents = read_journal(study / "journals" / "ana.jsonl")
    assert [e.segment_id for e in contents.events] == [IDS[0], IDS[2]]
    assert len(contents.warnings) == 1 and "line 2" in contents.warnings[0]


def test_a_given_clock_stamps_study_journal_and_recode_sample(tmp_path: Path) -> None:
    """Reproducible studies (the bundled example) pass a clock instead of patching the store."""
    times = iter(f"2025-03-0{d}T09:00:00.000+00:00" for d in range(1, 10))

    def clock() -> str:
        return next(times)

    folder = tmp_path / "fixed"
    study = create_study(folder, "fixed", PROTOCOL, SEGMENTS, clock=clock)
    assert study.created == "2025-03-01T09:00:00.000+00:00"
    with CoderJournal.open(folder, "ana", frame_of(folder), clock=clock) as journal:
        journal.set_codes(IDS[0], ["responsibility"])
        journal.memo(IDS[0], "dice responsable")
    stamped = [e.time for e in read_journal(folder / "journals" / "ana.jsonl").events]
    assert stamped == ["2025-03-02T09:00:00.000+00:00", "2025-03-03T09:00:00.000+00:00"]
    assign_recode(open_study(folder), "ana", 1, seed=3, clock=clock)
    drawn = json.loads((folder / "recode" / "ana.json").read_text(encoding="utf-8"))["drawn"]
    assert drawn == "2025-03-04T09:00:00.000+00:00"
