"""One selection: the row highlighted in the list, the answer shown and the segment a code
goes to are always the same segment, whatever moved it (keys, wheel, scrollbar, find,
filters, undo). Driven through the pilot at 80x24 with the real store."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual import events
from tui_support import build_study

from tut.coding.model import Event
from tut.coding.store import CoderJournal, journal_path, read_journal
from tut.coding.study import open_study
from tut.tui.app import make_adjudication_app, make_coding_app
from tut.tui.screens.adjudication import AdjudicationScreen
from tut.tui.screens.base import SegmentScreen
from tut.tui.screens.coding import CodingScreen
from tut.tui.widgets.answer import AnswerPanel


def coding_screen(app) -> CodingScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, CodingScreen)
    return screen


def journal(study: Path, coder: str = "zed") -> list[Event]:
    return read_journal(journal_path(study, coder)).events


def shown_segment(screen: SegmentScreen) -> str:
    """The segment id the answer panel names in its title ("Answer · r0003 · s00031")."""
    title = str(screen.query_one("#answer", AnswerPanel).border_title)
    return title.rsplit(" · ", 1)[-1] if " · " in title else ""


def assert_one_selection(screen: SegmentScreen) -> str:
    """Highlighted row == answer shown == note box's segment == where a code goes; and the
    highlighted row is in sight. Returns that segment id ("" when nothing is in view)."""
    rows, seglist = screen.rows, screen.seglist
    current = rows.current
    if current is None:
        assert seglist.row_count == 0
        return ""
    target = current.id if isinstance(screen, CodingScreen) else current.segment.id  # type: ignore[union-attr]
    assert seglist.cursor == rows.cursor
    assert rows.row(seglist.cursor).id == target  # type: ignore[attr-defined]
    assert seglist.cursor in seglist.visible_rows(), (seglist.cursor, seglist.visible_rows())
    assert shown_segment(screen) == target
    assert screen.note_box.segment_id == target
    return target


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return build_study(tmp_path / "proj", n=60)[1]


async def test_end_then_a_hotkey_codes_the_last_segment(study: Path) -> None:
    code = next(c for c in open_study(study).frame.codes if c.hotkey)
    app = make_coding_app(study, "zed", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end")
        screen = coding_screen(app)
        assert assert_one_selection(screen) == "s00059"
        await pilot.press(code.hotkey)
        await pilot.press("home")
        assert assert_one_selection(screen) == "s00000"
        await pilot.press("pagedown")
        below = assert_one_selection(screen)
        assert below > "s00010"  # a page of rows, not one
        await pilot.press("pageup", "down", "down", "up")
        assert assert_one_selection(screen) == "s00001"
        await pilot.press("q")
    assert [(e.segment_id, e.codes) for e in journal(study)] == [("s00059", (code.id,))]


async def test_wheel_and_scrollbar_move_the_selection_with_the_rows(study: Path) -> None:
    app = make_coding_app(study, "zed", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = coding_screen(app)
        seglist = screen.seglist
        for _ in range(3):
            seglist.post_message(events.MouseScrollDown(seglist, 3, 3, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert assert_one_selection(screen) == "s00003"
        seglist.scroll_to(y=30, animate=False)  # what dragging the scrollbar does
        await pilot.pause()
        assert assert_one_selection(screen) == "s00030"  # the top row in sight
        await pilot.press("q")


async def test_clearing_a_filter_keeps_the_selected_row_in_sight(study: Path) -> None:
    app = make_coding_app(study, "zed", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = coding_screen(app)
        await pilot.press("f", *"asleep", "enter", "end")
        chosen = assert_one_selection(screen)
        await pilot.press("escape")
        assert not screen.session.filter.active
        assert assert_one_selection(screen) == chosen
        await pilot.press("q")


async def test_undo_of_a_segment_the_filter_hides_shows_it_first(study: Path) -> None:
    code = next(c for c in open_study(study).frame.codes if c.hotkey)
    app = make_coding_app(study, "zed", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = coding_screen(app)
        await pilot.press(code.hotkey)  # s00000 coded ...
        await pilot.press("f", "tab", "tab", "tab", "space", "shift+tab", "shift+tab",
                          "shift+tab", "enter")  # ... then only uncoded: s00000 is hidden
        assert screen.session.filter.uncoded_only
        assert assert_one_selection(screen) != "s00000"
        await pilot.press("u")
        assert assert_one_selection(screen) == "s00000"
        assert journal(study)[-1].segment_id == "s00000"
        await pilot.press("q")


# --- random key sequences ---------------------------------------------------------------

MOVES = ["j", "k", "down", "up", "home", "end", "pageup", "pagedown", "n", "p", "enter"]
WORDS = ["asleep", "niños", "care", "upstairs", "zzz-none"]


def random_step(rng: random.Random, hotkeys: list[str]) -> tuple[str, list[str]]:
    """(kind, keys) of one random user action."""
    roll = rng.random()
    if roll < 0.40:
        return "move", [rng.choice(MOVES)]
    if roll < 0.62:
        key = rng.choice(hotkeys)
        return "code", [key.upper() if key.isalpha() and rng.random() < 0.3 else key]
    if roll < 0.72:
        return "undo", [rng.choice(["u", "r"])]
    if roll < 0.79:
        return "find", ["f", *rng.choice(WORDS), "enter"]
    if roll < 0.83:
        return "find", ["f", "tab", "tab", "tab", "space", "shift+tab", "shift+tab",
                        "shift+tab", "enter"]
    if roll < 0.88:
        return "find", ["escape"]
    if roll < 0.92:
        return "memo", ["m", rng.choice("abc"), "escape"]
    if roll < 0.96:
        return "wheel", [rng.choice(["down", "up"])]
    return "scrollbar", []


async def drive(study: Path, seed: int, steps: int) -> None:
    rng = random.Random(seed)
    frame = open_study(study).frame
    hotkeys = [c.hotkey for c in frame.codes if c.hotkey][:5]
    app = make_coding_app(study, "zed", lang=rng.choice(["en", "es"]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = coding_screen(app)
        seen = len(journal(study))
        for step in range(steps):
            before = assert_one_selection(screen)
            kind, keys = random_step(rng, hotkeys)
            if kind == "wheel":
                cls = events.MouseScrollDown if keys[0] == "down" else events.MouseScrollUp
                screen.seglist.post_message(cls(screen.seglist, 3, 3, 0, 1, 0, False, False, False))
                await pilot.pause()
            elif kind == "scrollbar":
                screen.seglist.scroll_to(y=rng.randrange(0, 60), animate=False)
                await pilot.pause()
            else:
                await pilot.press(*keys)
            after = assert_one_selection(screen)
            new = journal(study)[seen:]
            seen += len(new)
            where = f"seed {seed} step {step}: {kind} {keys}"
            if kind in ("code", "memo"):
                assert all(e.segment_id == before for e in new), where
            elif kind == "undo":  # undo shows the segment it writes to
                assert all(e.segment_id == after for e in new), where
            else:
                assert new == [], where
        await pilot.press("q")


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_keys_never_separate_the_highlighted_shown_and_coded_segment(
    tmp_path: Path, seed: int
) -> None:
    _, study = build_study(tmp_path / "proj", n=60)
    await drive(study, seed, steps=45)


async def test_adjudication_moves_keep_one_selection(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=60)
    frame = open_study(study).frame
    for coder, code in (("ana", "presence-only"), ("bob", "on-call")):
        with CoderJournal.open(study, coder, frame) as coder_journal:
            for i in range(60):
                coder_journal.set_codes(f"s{i:05d}", [code])
    app = make_adjudication_app(study, "carla", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        await pilot.press("end")
        assert assert_one_selection(screen) == "s00059"
        await pilot.press("p", "m", *"ok", "escape", "enter")  # recorded on the unit in sight
        assert screen.session.units[-1].recorded is not None
        await pilot.press("home", "pagedown")
        assert assert_one_selection(screen) > "s00010"
        screen.seglist.post_message(
            events.MouseScrollUp(screen.seglist, 3, 3, 0, -1, 0, False, False, False)
        )
        await pilot.pause()
        assert_one_selection(screen)
        screen.seglist.scroll_to(y=0, animate=False)
        await pilot.pause()
        assert assert_one_selection(screen) < "s00021"
        await pilot.press("q")
    adjudications = [e for e in journal(study, "carla") if e.action == "adjudicate"]
    assert [e.segment_id for e in adjudications] == ["s00059"]
