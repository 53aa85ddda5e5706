"""User text is shown as text: terminal escapes made visible, markup shown as written.

Answers, notes, wordings, code labels and definitions, memos and ids come from files anyone
can edit. None of them may retitle or clear the terminal, run an action, or crash a screen.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from tui_support import build_study

from tut.coding.model import Segment, WordingCopy
from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.protocols.model import Protocol
from tut.safe_text import visible
from tut.tui.app import make_adjudication_app, make_coding_app
from tut.tui.screens.adjudication import AdjudicationScreen
from tut.tui.screens.coding import CodingScreen

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m"
MARKUP = "[@click=app.quit]quit[/] [/x] [b]"
PAYLOAD = f"{ESCAPES}{MARKUP}"


def hostile_protocol(protocol: Protocol) -> Protocol:
    """The first frame's first code and its family get the payload in label and definition."""
    frame = protocol.frames[0]
    family = frame.families[0]
    code = dataclasses.replace(
        family.codes[0], label=f"L{PAYLOAD}", label_es=f"L{PAYLOAD}",
        definition=f"D{PAYLOAD}", definition_es=f"D{PAYLOAD}",
        examples=(f"E{PAYLOAD}",),
    )
    family = dataclasses.replace(family, label=f"F{PAYLOAD}", codes=(code, *family.codes[1:]))
    frame = dataclasses.replace(frame, families=(family, *frame.families[1:]))
    return dataclasses.replace(protocol, frames=(frame, *protocol.frames[1:]))


def hostile_segment(seg: Segment) -> Segment:
    return dataclasses.replace(
        seg, answer=f"A{PAYLOAD}\nsecond line", notes=f"N{PAYLOAD}",
        respondent_id=f"r{ESCAPES}[/x]", attributes={f"k{MARKUP}": f"v{ESCAPES}"},
    )


def hostile_wording(copy: WordingCopy) -> WordingCopy:
    return dataclasses.replace(copy, wording=f"W{PAYLOAD}")


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return build_study(
        tmp_path / "proj", n=6, edit_protocol=hostile_protocol, edit_segment=hostile_segment,
        edit_wording=hostile_wording,
    )[1]


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """Every character the terminal would be sent for the screen, without styles."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_inert(app) -> None:  # type: ignore[no-untyped-def]
    text = screen_text(app)
    assert app.is_running
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert not any(ord(ch) < 0x20 and ch != "\n" for ch in text)


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_coding_screen_shows_hostile_text_as_text(study: Path, lang: str) -> None:
    code = open_study(study).frame.codes[0]
    with CoderJournal.open(study, "zed", open_study(study).frame) as zed:
        zed.memo("s00001", f"M{PAYLOAD}")
    app = make_coding_app(study, "zed", lang=lang)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        assert_inert(app)
        text = screen_text(app)
        assert "␛]0;pwned␇" in text  # the answer, visible as the characters it holds
        assert "[@click=app.quit]quit[/]" in text
        assert "W␛]0;pwned␇" in text  # the wording
        await pilot.press(code.hotkey)  # a label holding [/x] in the codes panel's title
        assert_inert(app)
        assert screen.session.codes_of("s00000") == (code.id,)
        assert f"L{visible(PAYLOAD)}"[:20] in str(screen.codebook.border_title)
        await pilot.press("u", "r")  # toasts name the codes
        assert_inert(app)
        await pilot.press("j")  # the memo saved with escapes in it
        assert screen.memo_box.text.startswith("M␛]0;pwned␇")
        assert_inert(app)
        await pilot.press("k", "j")  # leaving and coming back saves nothing new
        await pilot.press("f", *"[b]", "enter")  # the filter text in the status line
        assert_inert(app)
        await pilot.press("escape", "slash", *"quit")  # the code picker lists the label
        assert_inert(app)
        await pilot.press("escape", "question_mark")
        assert_inert(app)
        await pilot.press("escape")
        await pilot.click("#answer", offset=(5, 2))  # a click on the answer runs nothing
        assert app.is_running
        await pilot.press("q")
    assert app.return_code == 0
    from tut.coding.store import journal_path, read_journal

    memos = [e for e in read_journal(journal_path(study, "zed")).events if e.action == "memo"]
    assert [m.memo for m in memos] == [f"M{PAYLOAD}"]  # shown made visible, never rewritten


async def test_adjudication_screen_shows_hostile_text_as_text(study: Path) -> None:
    frame = open_study(study).frame
    first, second = frame.codes[0].id, frame.codes[1].id
    for coder, code in (("ana", first), ("bob", second)):
        with CoderJournal.open(study, coder, frame) as journal:
            journal.set_codes("s00000", [code])
    app = make_adjudication_app(study, "carla", lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, AdjudicationScreen)
        assert_inert(app)
        text = screen_text(app)
        assert "A␛]0;pwned␇" in text and "[@click=app.quit]quit[/]" in text
        await pilot.press("p", "p", frame.codes[0].hotkey, "m", *"[/x]", "escape")
        assert_inert(app)
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert_inert(app)
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_palette_and_find_list_hostile_ids_as_text(tmp_path: Path) -> None:
    def odd_probe(seg: Segment) -> Segment:
        return dataclasses.replace(seg, probe_id=f"p[/x]{ESCAPES}") if seg.id == "s00001" else seg

    _, study = build_study(tmp_path / "proj", n=4, edit_segment=odd_probe)
    app = make_coding_app(study, "zed", lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p", *"p[/x")  # the palette lists "filter by probe p[/x]..."
        await pilot.pause(0.3)
        assert_inert(app)
        assert "p[/x]␛]0;pwned␇" in screen_text(app)
        await pilot.press("escape", "f", "tab", "tab", "down")  # the probe drop-down
        await pilot.pause()
        assert_inert(app)
        await pilot.press("escape", "escape", "q")
    assert app.return_code == 0
