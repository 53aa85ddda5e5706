"""The coding view model and the labels, without a terminal (and without importing Textual)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_fresh_python
from tui_support import build_study

from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.tui.i18n import EN, ES, Labels, detect_lang
from tut.tui.session import CodingSession, SegmentFilter


@pytest.fixture
def session(tmp_path: Path):  # type: ignore[no-untyped-def]
    _, study = build_study(tmp_path / "proj", n=10)
    data = open_study(study)
    journal = CoderJournal.open(study, "ana", data.frame)
    yield CodingSession(data.segments, data.frame, journal)
    journal.close()


def test_undo_and_redo_write_through_the_journal(session: CodingSession) -> None:
    session.toggle("on-call")
    session.toggle("responsibility")
    assert session.codes_of("s00000") == ("responsibility", "on-call")  # frame order
    assert session.coded_count == 1
    session.undo()
    session.undo()
    assert session.codes_of("s00000") == () and session.coded_count == 0
    session.redo()
    assert session.codes_of("s00000") == ("on-call",) and session.coded_count == 1
    actions = [(e.action, e.codes) for e in session.journal.events]
    assert actions == [
        ("set", ("on-call",)),
        ("set", ("responsibility", "on-call")),
        ("set", ("on-call",)),
        ("clear", ()),
        ("set", ("on-call",)),
    ]
    session.toggle("presence-only")  # a new change drops what could be redone
    assert session.redo() is None


def test_next_uncoded_wraps_and_filters_keep_the_cursor(session: CodingSession) -> None:
    session.move_to(8)
    session.toggle("on-call")  # s00008 coded
    assert session.next_uncoded() and session.current.id == "s00009"
    assert session.next_uncoded() and session.current.id == "s00000"  # wrapped
    session.move_to(9)
    session.apply_filter(SegmentFilter(probe_id=session.current.probe_id))
    assert session.current.id == "s00009"
    assert all(session.row(i).probe_id == session.current.probe_id for i in range(len(session.view)))
    session.apply_filter(SegmentFilter(uncoded_only=True))
    assert "s00008" not in {session.row(i).id for i in range(len(session.view))}
    session.apply_filter(SegmentFilter(text="NO SUCH TEXT"))
    assert session.current is None and session.toggle("on-call") is None


def test_language_from_flag_then_locale() -> None:
    assert detect_lang("es") == "es"
    assert detect_lang("en", {"LANG": "es_MX.UTF-8"}) == "en"
    assert detect_lang(None, {"LANG": "es_MX.UTF-8"}) == "es"
    assert detect_lang(None, {"LC_ALL": "C", "LANG": "es_ES.UTF-8"}) == "en"  # LC_ALL wins
    assert detect_lang(None, {}) == "en"
    assert Labels("es")("undone", segment="s1", codes="ninguno").startswith("Deshecho en s1")


def test_every_label_exists_in_both_languages() -> None:
    assert set(EN) == set(ES)
    assert [k for k in EN if EN[k] and not ES[k]] == []


def test_view_models_import_without_textual() -> None:
    code = (
        "import sys, tut.tui.session, tut.tui.i18n, tut.tui.texts, tut.cli\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
    )
    run_fresh_python(code)
