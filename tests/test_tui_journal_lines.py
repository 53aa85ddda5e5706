"""Journal lines the study cannot place (a hand edit, a file copied from another study):
the coding screen opens, says which lines it skipped in the coder's language, and keeps them."""

from __future__ import annotations

import json
from pathlib import Path

from tui_support import build_study

from tut.coding.store import CoderJournal, journal_path, read_journal
from tut.coding.study import open_study
from tut.tui.app import make_adjudication_app, make_coding_app
from tut.tui.screens.coding import CodingScreen


def foreign_line(seq: int, coder: str, segment_id: str, codes: list[str]) -> str:
    return json.dumps({"seq": seq, "time": "2025-01-01T00:00:00+00:00", "coder": coder,
                       "action": "set", "segment_id": segment_id, "codes": codes,
                       "round": 1}) + "\n"


async def test_lines_naming_an_unknown_code_or_segment_are_skipped_said_and_kept(
    tmp_path: Path,
) -> None:
    _, study = build_study(tmp_path / "proj", n=6)
    frame = open_study(study).frame
    with CoderJournal.open(study, "zed", frame) as zed:
        zed.set_codes("s00001", ["on-call"])
    path = journal_path(study, "zed")
    with path.open("a", encoding="utf-8") as fh:
        # the first segment, shown on opening, gets a code from another study's frame ...
        fh.write(foreign_line(2, "zed", "s00000", ["cuida-de-noche"]))
        # ... s00001 an unknown code after its real one, and a segment from elsewhere
        fh.write(foreign_line(3, "zed", "s00001", ["on-call", "cuida-de-noche"]))
        fh.write(foreign_line(4, "zed", "s09999", ["on-call"]))
    before = path.read_bytes()

    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        messages = [n.message for n in app._notifications]
        assert any("zed.jsonl:línea 2: el código 'cuida-de-noche' no está en el marco" in m
                   for m in messages), messages
        assert any("zed.jsonl:línea 3: el código 'cuida-de-noche'" in m for m in messages)
        assert any("zed.jsonl:línea 4: el segmento 's09999' no está en este estudio" in m
                   for m in messages)
        assert screen.session.codes_of("s00000") == ()  # the skipped line is not replayed
        assert screen.session.codes_of("s00001") == ("on-call",)  # the line before it is
        await pilot.press("j", "k", "j")  # showing both segments draws their codes
        assert screen.session.current.id == "s00001"
        await pilot.press(frame.code("responsibility").hotkey)
        assert app.is_running
        await pilot.press("q")
    after = path.read_bytes()
    assert after.startswith(before)  # nothing rewritten or dropped, only appended
    events = read_journal(path).events
    assert (events[-1].segment_id, events[-1].codes) == ("s00001", ("responsibility", "on-call"))
    assert events[-1].seq == 5  # numbered after the skipped lines too


async def test_adjudication_opens_and_names_a_coders_unknown_code(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=6)
    frame = open_study(study).frame
    for coder, code in (("ana", "on-call"), ("bob", "responsibility")):
        with CoderJournal.open(study, coder, frame) as journal:
            journal.set_codes("s00000", [code])
    with journal_path(study, "ana").open("a", encoding="utf-8") as fh:
        fh.write(foreign_line(2, "ana", "s00001", ["cuida-de-noche"]))
    app = make_adjudication_app(study, "carla", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        messages = [n.message for n in app._notifications]
        assert any("ana.jsonl:line 2: code 'cuida-de-noche' is not in the frame" in m
                   for m in messages), messages
        await pilot.press("j", "k", "q")
