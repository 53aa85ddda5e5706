"""The coding screen at 80x24, in Spanish: nothing covers the answer or the codes, a long
wording says there is more, ids are never cut mid-word, and a terminal smaller than 60x20 is
told so (60x20 itself: tests/test_tui_60x20.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual import events
from textual.widgets._toast import Toast
from tui_support import build_study

from tut.coding.store import journal_path, read_journal
from tut.coding.study import open_study
from tut.tui.app import make_coding_app
from tut.tui.screens.coding import CodingScreen

LONG_WORDING = " ".join(f"Part {k} of a long wording read out by the interviewer." for k in range(8))


def coding_screen(app) -> CodingScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, CodingScreen)
    return screen


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def long_segment_ids(seg):  # type: ignore[no-untyped-def]
    return dataclasses.replace(seg, id=f"EN{seg.id[1:]}-x-atus-incare-en-paraphrase-probe-text")


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return build_study(
        tmp_path / "proj", n=12, edit_segment=long_segment_ids,
        edit_wording=lambda w: dataclasses.replace(w, wording=LONG_WORDING),
    )[1]


async def test_memo_editor_and_toasts_leave_the_answer_and_codes_in_sight(study: Path) -> None:
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = coding_screen(app)
        answer, book = screen.answer, screen.codebook
        definition = screen.query_one("#definition")
        await pilot.press("m", *"una nota larga que ocupa varias lineas del memo")
        memo = screen.memo_box
        assert memo.has_focus and memo.region.height >= 3
        for panel in (answer, book, definition):
            assert not memo.region.overlaps(panel.region), panel
        assert answer.region.height >= 3 and book.region.height >= 6
        await pilot.press("escape", "u", "u", "r", "r")  # toasts: undone, nothing to undo...
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert toasts
        for toast in toasts:
            for panel in (answer, book, definition, screen.query_one("#wording")):
                assert not toast.region.overlaps(panel.region), (toast, panel)
        await pilot.press("q")


async def test_a_long_wording_scrolls_and_shows_there_is_more(study: Path) -> None:
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        wording = coding_screen(app).query_one("#wording")
        assert wording.line_count > wording.scrollable_content_region.height
        assert wording.more_below
        assert "▼" in screen_text(app).splitlines()[wording.region.bottom - 1]
        wording.post_message(events.MouseScrollDown(wording, 3, 2, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert wording.scroll_y > 0
        assert "▲" in screen_text(app).splitlines()[wording.region.y + 1]
        await pilot.press("q")


async def test_ids_are_broken_at_dashes_never_inside_a_word(study: Path) -> None:
    frame = open_study(study).frame
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = coding_screen(app)
        definition = screen.query_one("#definition")
        long_ids = [c for c in frame.codes if len(c.id) + 2 > definition.size.width - 1]
        assert long_ids  # e.g. (other-interpretation) is wider than the panel at 80x24
        for code in long_ids:
            screen.codebook.highlight_code(code.id)
            await pilot.pause()
            words = " ".join(s.text for s in definition._strips).split()
            for part in code.id.split("-"):  # each part whole on some line
                assert any(part in w for w in words), (code.id, words)
        # the answer's title: a segment id too long for it keeps whole parts, then -…
        title_id = str(screen.answer.border_title).split(" · ")[-1]
        seg_parts = screen.session.current.id.split("-")
        assert title_id == screen.session.current.id or title_id.endswith("-…")
        assert all(part in seg_parts for part in title_id.removesuffix("-…").split("-"))
        # a toast naming a long segment id: its lines end at dashes, not inside a part
        await pilot.press(frame.codes[0].hotkey, "u")
        await pilot.pause()
        toast = next(t for t in app.screen.query(Toast) if "EN00000" in str(t.render()))
        region = toast.region
        shown = [
            line[region.x : region.right].strip("▌ ")
            for line in screen_text(app).splitlines()[region.y : region.bottom]
        ]
        seg_id = screen.session.segments[0].id
        parts = seg_id.split("-")
        pieces = [w.strip(":") for line in shown for w in line.split() if w.strip(":") in seg_id]
        assert len(pieces) >= 2, shown  # the id does not fit one line: it is broken ...
        for piece in pieces:  # ... only after a dash: every piece is made of whole parts
            assert all(part in parts for part in piece.strip("-").split("-")), (piece, shown)
        await pilot.press("q")


async def test_below_60x20_the_screen_says_so_and_keys_do_nothing(study: Path) -> None:
    frame = open_study(study).frame
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(59, 20)) as pilot:
        text = screen_text(app)
        assert "demasiado pequeña: 59x20" in text and "60x20" in text
        await pilot.press(frame.codes[0].hotkey, "end", "j")
        screen = coding_screen(app)
        assert screen.session.cursor == 0 and screen.session.coded_count == 0
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert "demasiado pequeña" not in screen_text(app)
        assert screen.answer.region.height >= 6
        await pilot.press(frame.codes[0].hotkey)
        assert screen.session.coded_count == 1
        await pilot.resize_terminal(80, 19)
        await pilot.pause()
        assert "80x19" in screen_text(app)
        await pilot.press("q")  # q still quits
    assert app.return_code == 0
    events_ = read_journal(journal_path(study, "zed")).events
    assert len(events_) == 1


async def test_toasts_never_cover_the_selected_row(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=40)
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = coding_screen(app)
        seglist = screen.seglist
        for key in ("end", "home", "pagedown", "k", "end", "home", "j", "j", "j", "j", "j"):
            await pilot.press(key, "u", "u", "u")  # toasts pile up: nothing to undo
            await pilot.pause()
            assert list(app.screen.query(Toast))
            # the header line, then the rows from the top one in sight
            row_y = seglist.scrollable_content_region.y + 1 + seglist.cursor - round(seglist.scroll_y)
            row = screen_text(app).splitlines()[row_y]
            assert row[1] == "▸" and "▌" not in row[:26], (key, row)
            assert screen.session.current.respondent_id in row
        await pilot.press("q")
