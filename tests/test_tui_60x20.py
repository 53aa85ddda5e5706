"""Every screen is usable at 60x20 (columns x rows), in Spanish with long answers and seven
coders: the answer keeps its lines, the codes are in sight, the help and quit keys are never
cut from the key hints, the dialogs show every label and button whole, and a code typed
fast, between resizes, lands on the segment the answer panel names."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._toast import Toast
from tui_support import build_study, type_fast

from tut.coding.store import CoderJournal, journal_path, read_journal
from tut.coding.study import open_study
from tut.tui.app import make_adjudication_app, make_coding_app
from tut.tui.screens.adjudication import AdjudicationScreen
from tut.tui.screens.base import SegmentScreen
from tut.tui.screens.coding import CodingScreen

SIZE = (60, 20)
LONG_ES = [
    "Pues mire, yo estaba en la cocina preparando la comida y los niños jugaban en el patio; "
    "sí los cuidaba aunque no estuviera con ellos, si pasaba algo yo salía corriendo.",
    "Mi mamá se queda con ellos por la mañana y yo por la tarde; el niño duerme la siesta de "
    "tres a cinco y yo aprovecho para lavar la ropa.",
]
CODERS = ["ana", "bob", "cruz", "dora", "eli", "fer", "gus"]


def lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [strip.text for strip in app.screen._compositor.render_strips()]


def answer_title_id(screen: SegmentScreen) -> str:
    return str(screen.answer.border_title).rsplit(" · ", 1)[-1]


def assert_usable(app, screen: SegmentScreen) -> None:  # type: ignore[no-untyped-def]
    """The answer shows text lines, the codes panel is in sight, ? and q are in the hints."""
    shown = lines(app)
    assert screen.answer.region.height >= 5, screen.answer.region
    assert screen.codebook.region.height >= 4 and screen.codebook.region.width >= 40
    assert screen.answer.region.bottom <= screen.codebook.region.y
    hints = shown[-1]
    assert "? Ayuda" in hints and "q Salir" in hints, hints
    current = screen.rows.current
    assert current is not None
    seg_id = current.id if isinstance(screen, CodingScreen) else current.segment.id  # type: ignore[union-attr]
    assert answer_title_id(screen) == seg_id


@pytest.fixture
def study(tmp_path: Path) -> Path:
    _, study = build_study(tmp_path / "proj", n=40, answers=LONG_ES)
    frame = open_study(study).frame
    for k, coder in enumerate(CODERS):
        with CoderJournal.open(study, coder, frame) as j:
            for i in range(12):
                j.set_codes(f"s{i:05d}", [frame.codes[(i + k) % 3].id])
    return study


async def test_coding_at_60x20_through_resizes_codes_the_segment_named(study: Path) -> None:
    frame = open_study(study).frame
    one, two, three = (c.hotkey for c in frame.codes[:3])
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        assert_usable(app, screen)
        await pilot.press("u", "u", "u")  # toasts (nothing to undo) stand over the wording
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert toasts
        for toast in toasts:
            for panel in (screen.answer, screen.codebook):
                assert not toast.region.overlaps(panel.region), (toast.region, panel)
        await type_fast(pilot, one, "j", "j", two)
        assert answer_title_id(screen) == "s00002"
        await pilot.resize_terminal(80, 24)
        await type_fast(pilot, "j", three)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert_usable(app, screen)
        await type_fast(pilot, "f", *"siesta", "enter", one, "m", *"la siesta", "escape")
        assert answer_title_id(screen) == "s00003"  # s00003 has "siesta": the find kept it
        assert_usable(app, screen)
        await pilot.press("m")  # writing a memo: the answer keeps its rows
        assert screen.answer.region.height >= 5
        assert screen.memo_box.region.height >= 3
        await pilot.press("escape", "escape", "home", "pagedown")  # no list: ten rows a page
        assert answer_title_id(screen) == "s00010"
        await pilot.press("q")
    events = read_journal(journal_path(study, "zed")).events
    assert [(e.segment_id, e.action, e.codes, e.memo) for e in events] == [
        ("s00000", "set", (frame.codes[0].id,), ""),
        ("s00002", "set", (frame.codes[1].id,), ""),
        ("s00003", "set", (frame.codes[2].id,), ""),
        ("s00003", "set", (frame.codes[0].id, frame.codes[2].id), ""),  # frame order
        ("s00003", "memo", (), "la siesta"),
    ]


async def test_adjudication_at_60x20_with_seven_coders(study: Path) -> None:
    app = make_adjudication_app(study, "carla", lang="es")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        assert_usable(app, screen)
        coders = screen.query_one("#coders")
        assert coders.region.height >= 3  # the consensus line and coders, scrolling
        await type_fast(pilot, "p", "p", "enter", *"bob", "escape", "enter")
        await pilot.pause()
        assert answer_title_id(screen) == "s00001"
        assert_usable(app, screen)
        await pilot.press("m")  # writing the rationale: the answer keeps its rows
        assert screen.answer.region.height >= 5
        await pilot.press("escape", "q")
    events = read_journal(journal_path(study, "carla")).events
    assert [(e.segment_id, e.rationale) for e in events] == [("s00000", "bob")]
    assert events[0].codes == screen.session.units[0].by_coder["bob"]


@pytest.mark.parametrize(
    ("keys", "whole"),
    [
        (["f"], ["(ignora mayúsculas y", "buscar también en los ids", "solo sin codificar",
                 "Aplicar (Enter)", "Limpiar", "Cancelar (Esc)"]),
        (["slash"], ["Enter marca, Esc cierra", "Pensar o preocuparse por el niño"]),
        (["question_mark"], ["Esc cierra esta pantalla."]),
    ],
)
async def test_dialogs_at_60x20_show_every_label_whole(
    study: Path, keys: list[str], whole: list[str]
) -> None:
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        text = "\n".join(lines(app))
        for words in whole:
            assert words in text, (words, text)
        await pilot.press("escape", "q")
