"""Keys typed faster than the screen handles them (all read before the first is handled)
do what the same keys typed slowly do: a memo's or rationale's letters never code, move or
take a coder's codes; the keys after Escape code the segment the memo was on; what is typed
right after ``/`` or ``f`` reaches the box, so Enter picks the code or find typed.
Every code and memo is read back from the journals; random key sequences typed fast and
typed slowly must write the same journal. Keys typed after ``q`` do nothing."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tui_support import build_study, type_fast

from tut.coding.store import CoderJournal, journal_path, read_journal
from tut.coding.study import open_study
from tut.tui.app import make_adjudication_app, make_coding_app
from tut.tui.screens.adjudication import AdjudicationScreen
from tut.tui.screens.coding import CodingScreen

LONG_ES = [
    "Pues mire, yo estaba en la cocina preparando la comida y los niños jugaban en el patio; "
    "sí los cuidaba aunque no estuviera con ellos, si pasaba algo yo salía corriendo.",
    "No sé, supongo que cuando los estoy cuidando de verdad, dándoles de comer, bañándolos, "
    "ayudándoles con la tarea; lo demás no cuenta, ¿verdad?",
    "Mi mamá se queda con ellos por la mañana y yo por la tarde; el niño duerme la siesta de "
    "tres a cinco y yo aprovecho para lavar la ropa.",
]


def spelled(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return build_study(tmp_path / "proj", n=30, answers=LONG_ES)[1]


def journal(study: Path, who: str = "zed") -> list[tuple[str, str, tuple[str, ...], str]]:
    return [
        (e.segment_id, e.action, e.codes, e.memo)
        for e in read_journal(journal_path(study, who)).events
    ]


async def test_a_memo_typed_fast_is_memo_text_not_codes_or_moves(study: Path) -> None:
    frame = open_study(study).frame
    one, two = frame.codes[0], frame.codes[1]
    memo = "nota: dice ninos, l v s z"  # n moves, the others are code hotkeys
    assert {"n", "s", "z", "l", "v"} <= {c.hotkey for c in frame.codes} | {"n"}
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await type_fast(pilot, "m", *spelled(memo), "escape", one.hotkey, "j", two.hotkey)
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        assert screen.session.current is not None
        assert screen.session.current.id == "s00001"
        await pilot.press("q")
    assert journal(study) == [
        ("s00000", "memo", (), memo),
        ("s00000", "set", (one.id,), ""),
        ("s00001", "set", (two.id,), ""),
    ]


async def test_moving_then_a_memo_typed_fast_stay_on_the_segment_moved_to(study: Path) -> None:
    frame = open_study(study).frame
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await type_fast(pilot, "j", "m", "x", "escape", frame.codes[1].hotkey, "u", "u", "r")
        await pilot.press("q")
    assert journal(study) == [
        ("s00001", "memo", (), "x"),
        ("s00001", "set", (frame.codes[1].id,), ""),
        ("s00001", "clear", (), ""),  # undo
        ("s00001", "memo", (), ""),  # undo of the memo
        ("s00001", "memo", (), "x"),  # redo
    ]


async def test_the_picker_and_find_get_what_is_typed_right_after_them(study: Path) -> None:
    frame = open_study(study).frame
    wanted = frame.code("responsibility")
    assert frame.codes[0].id != wanted.id  # Enter before the letters would pick codes[0]
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await type_fast(pilot, "slash", *"respons", "enter", "enter")  # 2nd Enter moves on
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        await type_fast(pilot, "f", *"siesta", "enter", frame.codes[2].hotkey)
        assert app.screen is screen
        s = screen.session
        assert s.filter.text == "siesta"
        shown = [s.row(i).id for i in range(len(s.view))]
        assert shown == [seg.id for seg in s.segments if "siesta" in seg.answer]
        assert s.current is not None and s.current.id == shown[0] == "s00002"
        await pilot.press("q")
    assert journal(study) == [
        ("s00000", "set", (wanted.id,), ""),
        ("s00002", "set", (frame.codes[2].id,), ""),
    ]


async def test_a_rationale_typed_fast_records_the_draft_chosen(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=8, answers=LONG_ES)
    frame = open_study(study).frame
    coders = ["ana", "bob", "cruz", "dora", "eli", "fer"]
    for k, coder in enumerate(coders):
        with CoderJournal.open(study, coder, frame) as j:
            j.set_codes("s00000", [frame.codes[k % 3].id])
    app = make_adjudication_app(study, "carla", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        # p takes ana's codes; Enter asks for the rationale and gives the box the focus;
        # "porque" holds p (take the next coder) and "u" (undo the draft)
        await type_fast(pilot, "p", "enter", *spelled("porque ana tiene razon"), "escape", "enter")
        await pilot.press("q")
    events = read_journal(journal_path(study, "carla")).events
    assert [(e.segment_id, e.codes, e.rationale) for e in events] == [
        ("s00000", (frame.codes[0].id,), "porque ana tiene razon")
    ]


async def test_tab_space_and_enter_typed_right_after_f_set_the_filter_asked(study: Path) -> None:
    frame = open_study(study).frame
    one, two = frame.codes[0], frame.codes[1]
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        # code two segments, then "only uncoded" (third field) and a code on the first left
        await type_fast(pilot, one.hotkey, "j", one.hotkey, "home",
                        "f", "tab", "tab", "tab", "space", "enter", two.hotkey, "n", two.hotkey)
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        assert screen.session.filter.uncoded_only
        await pilot.press("q")
    assert journal(study) == [
        ("s00000", "set", (one.id,), ""),
        ("s00001", "set", (one.id,), ""),
        ("s00002", "set", (two.id,), ""),
        ("s00003", "set", (two.id,), ""),
    ]


async def test_a_second_find_typed_fast_replaces_the_first(study: Path) -> None:
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", *"siesta", "enter")
        await type_fast(pilot, "f", *"cocina", "enter")  # the box opens holding "siesta"
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        assert screen.session.filter.text == "cocina"
        await pilot.press("q")


def random_keys(seed: int, hotkeys: list[str], steps: int = 30) -> list[str]:
    """A coder's keys: codes, moves, undo/redo, memos, the picker, finds, Esc."""
    rng = random.Random(seed)
    keys: list[str] = []
    for _ in range(steps):
        pick = rng.random()
        if pick < 0.35:
            keys.append(rng.choice(hotkeys))
        elif pick < 0.55:
            keys.append(rng.choice(["j", "k", "n", "end", "home", "pagedown", "pageup"]))
        elif pick < 0.65:
            keys.append(rng.choice(["u", "r"]))
        elif pick < 0.75:
            keys += ["m", *spelled(rng.choice(["nota", "si 1", "l v", "x"])), "escape"]
        elif pick < 0.85:
            keys += ["slash", *rng.choice(["resp", "sol", "vig"]), "enter"]
        elif pick < 0.95:
            keys += ["f", *rng.choice(["siesta", "nino", "cocina", "zzz"]), "enter"]
        else:
            keys.append("escape")
    return keys


async def test_random_keys_typed_fast_save_what_they_save_typed_slowly(tmp_path: Path) -> None:
    seed = 4  # its keys found a find typed fast appended to the last one (more: slow)
    saved = {}
    for fast in (False, True):
        _, study = build_study(tmp_path / f"proj-{fast}", n=40, answers=LONG_ES)
        hotkeys = [c.hotkey for c in open_study(study).frame.codes if c.hotkey][:6]
        keys = random_keys(seed, hotkeys)
        app = make_coding_app(study, "zed", lang="es")
        async with app.run_test(size=(80, 24)) as pilot:
            await (type_fast(pilot, *keys) if fast else pilot.press(*keys))
            for _ in range(3):
                await pilot.pause(0.05)
            await pilot.press("q")
        saved[fast] = journal(study)
    assert len(saved[False]) >= 10
    assert saved[True] == saved[False]


async def test_keys_typed_after_quit_do_nothing(tmp_path: Path) -> None:
    """``q`` only queues the exit behind the keys typed ahead of it: they recorded a decision
    (Enter) and opened a find dialog the closing app never built, empty and deaf to Escape
    (seed 11 of a random adjudication script). Typed slowly, the app is gone after ``q``."""
    _, study = build_study(tmp_path / "proj", n=8, answers=LONG_ES)
    frame = open_study(study).frame
    for k, coder in enumerate(["ana", "bob"]):
        with CoderJournal.open(study, coder, frame) as j:
            j.set_codes("s00000", [frame.codes[k].id])
    app = make_adjudication_app(study, "carla", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        # a draft with its rationale, ready to record with Enter
        await pilot.press("p", "m", *spelled("porque"), "escape")
        await type_fast(pilot, "q", "enter", "f", *"siesta")
        assert [type(s) for s in app.screen_stack] == [AdjudicationScreen]
    assert read_journal(journal_path(study, "carla")).events == []


async def test_a_code_typed_after_quit_is_not_saved(study: Path) -> None:
    frame = open_study(study).frame
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await type_fast(pilot, frame.codes[0].hotkey, "q", "j", frame.codes[1].hotkey)
    assert journal(study) == [("s00000", "set", (frame.codes[0].id,), "")]
