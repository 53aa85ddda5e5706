"""Find (answer text and notes, case and accents ignored, ids when asked, the number of
matches, Enter from any field) and undo of codes and memos, marked in the journal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Static
from tui_support import build_study

from tut.coding.store import journal_path, read_journal, replay
from tut.coding.study import open_study
from tut.tui.app import make_coding_app
from tut.tui.screens.coding import CodingScreen
from tut.tui.screens.find import FindScreen
from tut.tui.session import SegmentFilter, folded

ANSWERS = ["Cuido al NIÑO aunque duerma.", "The nino slept upstairs.", "Nobody was home."]


def coding_screen(app) -> CodingScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, CodingScreen)
    return screen


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return build_study(tmp_path / "proj", n=12, answers=ANSWERS)[1]


def shown_ids(screen: CodingScreen) -> list[str]:
    s = screen.session
    return [s.row(i).id for i in range(len(s.view))]


async def test_find_ignores_case_and_accents_counts_and_applies_with_enter(study: Path) -> None:
    segments = open_study(study).segments
    expected = [s.id for s in segments if "nino" in folded(s.answer)]
    assert any("NIÑO" in s.answer for s in segments if s.id in expected)
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", *"nino")
        find = app.screen
        assert isinstance(find, FindScreen)
        count = str(find.query_one("#find-count", Static).render())
        assert count == f"{len(expected)} de 12 segmentos coinciden"
        await pilot.press("tab", "tab", "tab")  # the 'only uncoded' box: Enter applies too
        assert isinstance(find.focused, Checkbox)
        await pilot.press("enter")
        screen = coding_screen(app)
        assert shown_ids(screen) == expected
        assert "niño" in screen.answer.plain.casefold() or "nino" in screen.answer.plain
        await pilot.press("q")


async def test_find_looks_in_notes_and_in_ids_only_when_asked(study: Path) -> None:
    segments = open_study(study).segments
    app = make_coding_app(study, "zed", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = coding_screen(app)
        await pilot.press("f", *"LAUGHED", "enter")  # the interviewer's notes
        assert shown_ids(screen) == [s.id for s in segments if s.notes == "laughed"]
        await pilot.press("escape", "f", *"s00003", "enter")
        assert shown_ids(screen) == []  # an id is not answer text ...
        await pilot.press("f")
        assert "0 of 12" in str(app.screen.query_one("#find-count", Static).render())
        await pilot.press("tab", "tab", "tab", "tab", "space")  # ... unless asked
        assert "1 of 12" in str(app.screen.query_one("#find-count", Static).render())
        await pilot.press("enter")
        assert shown_ids(screen) == ["s00003"]
        assert screen.session.filter == SegmentFilter(text="s00003", ids=True)
        await pilot.press("q")


async def test_undo_covers_memos_and_the_journal_says_undo_and_redo(study: Path) -> None:
    frame = open_study(study).frame
    key = frame.codes[0].hotkey
    app = make_coding_app(study, "zed", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = coding_screen(app)
        await pilot.press(key, "m", *"first", "escape", "m", *" second", "escape")
        assert screen.session.memo_of("s00000") == "first second"
        await pilot.press("u")  # the memo goes back ...
        assert screen.session.memo_of("s00000") == "first"
        assert screen.memo_box.text == "first"
        await pilot.press("u", "u")  # ... then to nothing, then the code goes
        assert screen.session.memo_of("s00000") == ""
        assert screen.session.codes_of("s00000") == ()
        await pilot.press("r")
        assert screen.session.codes_of("s00000") == (frame.codes[0].id,)
        await pilot.press("q")
    path = journal_path(study, "zed")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(e["action"], e.get("via")) for e in lines] == [
        ("set", None), ("memo", None), ("memo", None),
        ("memo", "undo"), ("memo", "undo"), ("clear", "undo"), ("set", "redo"),
    ]
    events = read_journal(path).events
    assert [e.via for e in events][-4:] == ["undo", "undo", "undo", "redo"]
    state = replay(events)["s00000"]
    assert (state.codes, state.memo) == ((frame.codes[0].id,), "")


def test_an_old_journal_without_via_reads_as_before(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=2)
    path = journal_path(study, "zed")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"seq": 1, "time": "2025-01-01T00:00:00+00:00", "coder": "zed",
                                "action": "set", "segment_id": "s00000",
                                "codes": ["on-call"], "round": 1}) + "\n", encoding="utf-8")
    contents = read_journal(path)
    assert contents.skipped == [] and contents.events[0].via == ""
    assert replay(contents.events)["s00000"].codes == ("on-call",)
