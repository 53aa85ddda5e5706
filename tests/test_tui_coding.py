"""The coding screen, driven through Textual's pilot with the real keys and the real store."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from tui_support import build_study

from tut.coding.store import CoderJournal, journal_path, read_journal, replay
from tut.coding.study import open_study
from tut.errors import TutError
from tut.tui.app import make_coding_app
from tut.tui.screens.coding import CodingScreen
from tut.tui.widgets.codebook import CodeBook
from tut.tui.widgets.segments import SegmentList


def keys_for(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def screen_of(app) -> CodingScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, CodingScreen)
    return screen


def hotkey(study_dir: Path, code_id: str) -> str:
    return open_study(study_dir).frame.code(code_id).hotkey


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return build_study(tmp_path / "proj", n=12)[1]


async def test_code_undo_memo_quit_and_reopen(study: Path) -> None:
    presence, responsibility, on_call = (
        hotkey(study, c) for c in ("presence-only", "responsibility", "on-call")
    )
    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test() as pilot:
        await pilot.press(presence, responsibility)  # s00000: two codes (multiple frame)
        await pilot.press("j", on_call)  # s00001: on-call ...
        await pilot.press("u")  # ... undone
        await pilot.press("m", *keys_for("no lo cuenta si duerme"), "escape")
        await pilot.press("j", "k", "q")
    assert app.return_code == 0

    events = read_journal(journal_path(study, "ana")).events
    state = replay(events)
    assert state["s00000"].codes == ("presence-only", "responsibility")
    assert state["s00001"].codes == ()
    assert state["s00001"].memo == "no lo cuenta si duerme"
    # the undo is in the journal: on-call was set, then taken back by a later event
    on_s1 = [(e.action, e.codes) for e in events if e.segment_id == "s00001" and e.action != "memo"]
    assert on_s1 == [("set", ("on-call",)), ("clear", ())]

    again = make_coding_app(study, "ana", lang="en")
    async with again.run_test() as pilot:
        screen = screen_of(again)
        assert screen.session.current.id == "s00001"  # carries on at the first uncoded
        assert screen.query_one("#memo").text == "no lo cuenta si duerme"
        await pilot.press("k")
        assert screen.query_one(CodeBook)._checked == {"presence-only", "responsibility"}
        await pilot.press("r")  # redo has nothing after a restart (undo history is per session)
        await pilot.press("q")


async def test_blind_coding_never_reads_other_coders(
    study: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with CoderJournal.open(study, "bob", open_study(study).frame) as bob:
        bob.set_codes("s00000", ["on-call"])
        bob.memo("s00000", "bob's memo")
    read: list[Path] = []
    import tut.coding.study as study_mod

    real = study_mod.read_journal
    monkeypatch.setattr(study_mod, "read_journal", lambda p: read.append(Path(p)) or real(p))

    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test() as pilot:
        screen = screen_of(app)
        assert screen.session.current.id == "s00000"
        assert screen.query_one(CodeBook)._checked == frozenset()
        assert screen.query_one("#memo").text == ""
        assert screen.session.coded_count == 0
        await pilot.press("q")
    assert journal_path(study, "bob") not in read


async def test_exclusive_frame_replaces_and_multiple_toggles(tmp_path: Path) -> None:
    _, exclusive = build_study(tmp_path / "ex", n=4, exclusive=True)
    one, two = hotkey(exclusive, "presence-only"), hotkey(exclusive, "responsibility")
    app = make_coding_app(exclusive, "ana")
    async with app.run_test() as pilot:
        await pilot.press(one, two)
        assert screen_of(app).session.codes_of("s00000") == ("responsibility",)
        await pilot.press(two)  # the same key again takes the code off
        assert screen_of(app).session.codes_of("s00000") == ()
        await pilot.press("ctrl+a", one)  # auto-advance: code, then the next segment
        assert screen_of(app).session.current.id == "s00001"
        await pilot.press("q")
    assert replay(read_journal(journal_path(exclusive, "ana")).events)["s00000"].codes == (
        "presence-only",
    )

    _, multiple = build_study(tmp_path / "mu", n=4)
    app = make_coding_app(multiple, "ana")
    async with app.run_test() as pilot:
        await pilot.press(one, two, one)
        assert screen_of(app).session.codes_of("s00000") == ("responsibility",)
        await pilot.press(one)
        assert screen_of(app).session.codes_of("s00000") == ("presence-only", "responsibility")
        sleeping = hotkey(multiple, "counts-sleeping")
        await pilot.press(sleeping.upper())  # shift + hotkey: toggle and move on
        assert "counts-sleeping" in screen_of(app).session.codes_of("s00000")
        assert screen_of(app).session.current.id == "s00001"
        await pilot.press("q")


async def test_fuzzy_picker_finds_a_code_by_its_words(study: Path) -> None:
    app = make_coding_app(study, "ana")
    async with app.run_test() as pilot:
        await pilot.press("slash", *keys_for("excl sleep"), "enter")
        assert screen_of(app).session.codes_of("s00000") == ("excludes-sleeping",)
        await pilot.press("slash", "escape")  # Esc closes without coding
        assert screen_of(app).session.codes_of("s00000") == ("excludes-sleeping",)
        await pilot.press("q")


async def test_find_text_and_filter_by_variant(study: Path) -> None:
    segments = open_study(study).segments
    app = make_coding_app(study, "ana")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = screen_of(app)
        await pilot.press("f", *keys_for("asleep"), "enter")
        expected = [s.id for s in segments if "asleep" in s.answer]
        assert [screen.session.row(i).id for i in range(len(screen.session.view))] == expected
        assert screen.query_one(SegmentList).row_count == len(expected)
        await pilot.press("escape")  # clears the filter
        assert len(screen.session.view) == len(segments)

        # variant filter through the Select: tab to it, open it (down), take the first
        # variant (down, Enter picks it in the open list), then Enter applies from the Select
        await pilot.press("f", "tab", "down", "down", "enter", "enter")
        first_variant = sorted({s.variant_id for s in segments})[0]
        shown = {screen.session.row(i).variant_id for i in range(len(screen.session.view))}
        assert shown == {first_variant}
        assert first_variant in str(screen.query_one("#status-state").render())
        await pilot.press("q")


async def test_spanish_labels_and_help(study: Path) -> None:
    app = make_coding_app(study, "ana", lang="es")
    async with app.run_test() as pilot:
        screen = screen_of(app)
        descriptions = {b.description for _, b in screen._bindings}
        assert {"Deshacer", "Buscar", "Salir"} <= descriptions
        assert screen.query_one(CodeBook).border_title.startswith("Códigos")
        await pilot.press("question_mark")
        assert "Teclas" in str(app.screen.query_one("#help-box").border_title)
        await pilot.press("escape", "ctrl+t")  # light theme
        assert app.theme == "textual-light"
        await pilot.press("q")


async def test_a_code_the_disk_refuses_is_not_shown_as_saved(
    study: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tut.coding.store as store

    def disk_full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    app = make_coding_app(study, "ana")
    async with app.run_test() as pilot:
        monkeypatch.setattr(store, "_append", disk_full)
        await pilot.press(hotkey(study, "on-call"))
        screen = screen_of(app)
        assert screen.session.codes_of("s00000") == ()
        assert screen.query_one(CodeBook)._checked == frozenset()
        assert any("No space left" in n.message for n in app._notifications)
        monkeypatch.undo()
        await pilot.press("q")
    assert read_journal(journal_path(study, "ana")).events == []


async def test_recode_round_two_is_blind_to_round_one(study: Path) -> None:
    frame = open_study(study).frame
    with CoderJournal.open(study, "ana", frame) as ana:
        for sid in ("s00000", "s00001", "s00002", "s00003"):
            ana.set_codes(sid, ["presence-only"])
    app = make_coding_app(study, "ana", recode=2, seed=7)
    async with app.run_test() as pilot:
        screen = screen_of(app)
        sample = [s.id for s in screen.session.segments]
        assert len(sample) == 2 and set(sample) <= {"s00000", "s00001", "s00002", "s00003"}
        assert screen.session.coded_count == 0
        assert screen.query_one(CodeBook)._checked == frozenset()
        await pilot.press(hotkey(study, "on-call"), "q")
    events = read_journal(journal_path(study, "ana")).events
    round2 = replay(events, round=2)
    assert list(round2) == [sample[0]] and round2[sample[0]].codes == ("on-call",)
    assert all(sc.codes == ("presence-only",) for sc in replay(events, round=1).values())
    # reopening round 2 uses the same saved sample, whatever N is asked
    again = make_coding_app(study, "ana", recode=3)
    assert [s.id for s in again._main_screen().session.segments] == sample
    again.close_journal()


def test_second_window_for_the_same_coder_is_refused(study: Path) -> None:
    first = make_coding_app(study, "ana")
    try:
        with pytest.raises(TutError, match="already has this study open"):
            make_coding_app(study, "ana")
    finally:
        first.close_journal()


def test_cli_names_a_missing_study(tmp_path: Path, run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("tut.cli.code.has_terminal", lambda: True)  # as typed in a terminal
    project, _ = build_study(tmp_path / "proj", n=2)
    result = run_cli("--project", str(project.root), "code", "nosuch", "--coder", "ana")
    assert result.code == 2
    assert result.err.startswith("error:") and "nosuch" in result.err
    result = run_cli("--project", str(project.root), "adjudicate", "nosuch", "--adjudicator", "c")
    assert result.code == 2


async def test_mouse_picks_a_segment_and_toggles_a_code(study: Path) -> None:
    app = make_coding_app(study, "ana")
    async with app.run_test() as pilot:
        screen = screen_of(app)
        # the panel's title rule is line 0, the column header line 1: line 4 is row 2
        await pilot.click(SegmentList, offset=(4, 4))
        assert screen.session.current.id == "s00002"
        book = screen.query_one(CodeBook)
        row = book._index["responsibility"]
        await pilot.click(CodeBook, offset=(6, 1 + row - round(book.scroll_y)))
        assert screen.session.codes_of("s00002") == ("responsibility",)
        await pilot.press("q")


async def test_a_torn_journal_line_is_reported_on_opening(study: Path) -> None:
    with CoderJournal.open(study, "ana", open_study(study).frame) as ana:
        ana.set_codes("s00000", ["on-call"])
    with open(journal_path(study, "ana"), "ab") as fh:
        fh.write(b'{"seq": 2, "time": "2025-01-0')  # a write cut short by a crash
    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test() as pilot:
        assert screen_of(app).session.codes_of("s00000") == ("on-call",)
        assert any("ana.jsonl:line 2: torn last line" in n.message for n in app._notifications)
        await pilot.press("q")
    # reopened: the cut bytes are still there (now followed by a newline) and still reported,
    # in the coder's language
    app = make_coding_app(study, "ana", lang="es")
    async with app.run_test() as pilot:
        assert any(
            "ana.jsonl:línea 2: no es un evento válido" in n.message for n in app._notifications
        )
        await pilot.press("q")


async def test_keys_typed_in_a_burst_code_the_segment_the_cursor_reached(study: Path) -> None:
    """A fast coder (or a busy screen) delivers 'j j 1' at once: the code goes on the third
    segment, where the cursor is when the code key is read, never on the first."""
    from textual import events

    presence, sleeping = hotkey(study, "presence-only"), hotkey(study, "counts-sleeping")
    assert sleeping.isalpha()
    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test() as pilot:
        for key in ("j", "j", presence, "j", sleeping.upper()):
            app.post_message(events.Key(key, key))
        await pilot.pause()
        await pilot.pause()
        assert screen_of(app).session.current.id == "s00004"  # upper case coded and moved on
        await pilot.press("q")
    state = replay(read_journal(journal_path(study, "ana")).events)
    assert {sid: sc.codes for sid, sc in state.items()} == {
        "s00002": ("presence-only",),
        "s00003": ("counts-sleeping",),
    }


def test_narrow_lists_cut_variant_ids_part_by_part_and_keep_them_apart() -> None:
    from tut.tui.widgets.segments.segment_list import short_ids

    ids = ["atus-incare-en", "atus-incare-es", "atus-tucc5-label-en", "cand-responsible-en",
           "cand-responsible-es", "cand-available-en", "enut-child-pendiente-es",
           "enut-elder-pendiente-es", "abs-diary-secondary-en"]
    for width in (7, 9, 11, 14):
        short = short_ids(ids, width)
        assert all(len(s) <= width for s in short.values()), short
        assert len(set(short.values())) == len(ids), short  # never two rows that look alike
    nine = short_ids(ids, 9)
    assert (nine["atus-incare-en"], nine["cand-responsible-es"]) == ("at-inc-en", "ca-res-es")
    assert short_ids(ids, 30) == {i: i for i in ids}


async def test_at_80x24_the_chosen_codes_and_a_long_answer_stay_in_reach(tmp_path: Path) -> None:
    long = " ".join(f"Sentence {k} of a long answer about who was watching the kids." for k in range(12))
    _, study = build_study(tmp_path / "proj", n=12, answers=[long])
    frame = open_study(study).frame
    late = [c for c in frame.codes if c.hotkey][-1]  # at the bottom of the list, out of sight
    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        book = screen.codebook
        assert str(book.border_title) == "Codes · several allowed"
        await pilot.press(late.hotkey)
        assert late.label in str(book.border_title)  # named in the title even when scrolled off
        answer = screen.query_one("#answer")
        assert answer.line_count > answer.scrollable_content_region.height  # it does not fit
        assert answer.more_below
        assert answer.allow_vertical_scroll  # the mouse wheel scrolls it too
        await pilot.press("shift+down", "shift+down")
        assert answer.scroll_y == 6
        assert screen.session.cursor == 0  # reading the answer does not move the list
        await pilot.press("q")


async def test_a_tall_terminal_shows_the_whole_frame(study: Path) -> None:
    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test(size=(200, 50)) as pilot:
        book = screen_of(app).codebook
        assert book.scrollable_content_region.height >= book.option_count
        await pilot.press("q")


async def test_spanish_reaches_the_command_palette(study: Path) -> None:
    from textual.command import CommandPalette

    app = make_coding_app(study, "ana", lang="es")
    async with app.run_test() as pilot:
        footer_keys = [(b.key, b.description) for _, b, _, _ in app.active_bindings.values()]
        assert ("ctrl+p", "comandos") in footer_keys
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one("Input").placeholder == "Buscar comandos…"
        titles = [c.title for c in app.get_system_commands(screen_of_stack(app))]
        assert titles == ["Tema oscuro / claro", "Salir", "Guardar una captura (SVG) en la carpeta actual"]
        await pilot.press("escape", "q")


def screen_of_stack(app):  # type: ignore[no-untyped-def]
    """The coding screen under whatever modal is on top."""
    return next(s for s in app.screen_stack if isinstance(s, CodingScreen))


async def test_the_probe_reads_as_asked_with_the_wordings_key_phrase(study: Path) -> None:
    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test() as pilot:
        screen = screen_of(app)
        seg = screen.session.current
        assert (seg.variant_id, seg.probe_id) == ("atus-incare-en", "meaning")
        shown = screen.query_one("#answer").plain
        assert 'Probe (meaning): What does "in your care" mean to you' in shown
        assert "[TERM]" not in shown
        await pilot.press("q")


async def test_ctrl_c_says_how_to_quit_in_spanish(study: Path) -> None:
    app = make_coding_app(study, "ana", lang="es")
    async with app.run_test() as pilot:
        await pilot.press("ctrl+c")
        assert any(n.message.startswith("Pulse q para salir") for n in app._notifications)
        assert app.is_running
        await pilot.press("q")


TUI_CHILD = """
import asyncio, sys
from pathlib import Path
from tut.tui.app import make_coding_app

async def main() -> None:
    app = make_coding_app(Path(sys.argv[1]), "ana", lang="en")
    async with app.run_test() as pilot:
        screen = app.screen
        while True:  # code, move on, report what the screen shows as saved
            seg = screen.session.current.id
            await pilot.press(sys.argv[2], "j")
            if "saved" in screen._saved_note and screen.session.is_coded(seg):
                print(seg, flush=True)

asyncio.run(main())
"""


def test_kill_9_of_the_coding_screen_loses_nothing_it_showed_as_saved(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    _, study = build_study(tmp_path / "proj", n=400)
    key = hotkey(study, "on-call")
    child = subprocess.Popen(
        [sys.executable, "-c", TUI_CHILD, str(study), key],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    shown = [child.stdout.readline().strip() for _ in range(25)]
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=60)
    shown += rest.split()
    assert child.returncode == -signal.SIGKILL
    state = replay(read_journal(journal_path(study, "ana")).events)
    assert all(state[sid].codes == ("on-call",) for sid in shown), shown
    # the lock died with the process: the coder opens the study again at once
    again = make_coding_app(study, "ana", lang="en")
    again.close_journal()


async def test_find_dialog_shows_its_input_box_and_the_uncoded_state_in_text(study: Path) -> None:
    """At 80x24 the text field has a frame and 'only uncoded' reads off/on without colour."""
    from textual.widgets import Checkbox, Input

    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        find = app.screen
        field = find.query_one("#find-text", Input)
        assert field.region.height == 3 and field.styles.border_top[0] != ""
        box = find.query_one("#find-uncoded", Checkbox)
        assert str(box.render()).startswith("▐ ▌")
        await pilot.press("tab", "tab", "tab", "space")
        assert box.value and str(box.render()).startswith("▐X▌")
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "enter")
        screen = screen_of(app)
        assert screen.session.filter.uncoded_only
        await pilot.press("f")
        assert str(app.screen.query_one("#find-uncoded", Checkbox).render()).startswith("▐X▌")
        await pilot.press("escape", "q")
