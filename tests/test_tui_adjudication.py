"""The adjudication screen: disagreements, coders side by side, recorded with a rationale."""

from __future__ import annotations

from pathlib import Path

from tui_support import build_study

from tut.coding.store import CoderJournal, journal_path, read_journal
from tut.coding.study import open_study
from tut.tui.app import make_adjudication_app
from tut.tui.screens.adjudication import AdjudicationScreen
from tut.tui.screens.summary import SummaryScreen
from tut.tui.session import percent_agreement


def keys_for(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def two_coders(study: Path) -> None:
    """ana and bob disagree on s00000 and s00001, agree on s00002; s00003 only ana coded."""
    frame = open_study(study).frame
    plan = {
        "ana": {"s00000": ["presence-only"], "s00001": ["on-call"], "s00002": ["responsibility"],
                "s00003": ["on-call"]},
        "bob": {"s00000": ["responsibility"], "s00001": ["on-call", "counts-sleeping"],
                "s00002": ["responsibility"]},
    }
    for coder, codes in plan.items():
        with CoderJournal.open(study, coder, frame) as journal:
            for sid, cs in codes.items():
                journal.set_codes(sid, cs)


async def test_adjudicate_two_disagreements_with_rationale(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=8)
    two_coders(study)
    frame = open_study(study).frame
    app = make_adjudication_app(study, "carla", lang="en")
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        assert [u.segment.id for u in screen.session.units] == ["s00000", "s00001"]
        assert screen.session.units[0].by_coder == {
            "ana": ("presence-only",), "bob": ("responsibility",)
        }

        # s00000: take a coder's codes (ana first), then bob's, write why, record
        await pilot.press("p", "p")
        assert screen.session.current.draft == ("responsibility",)
        await pilot.press("enter")  # no rationale yet: nothing recorded, the box gets focus
        assert screen.session.current.recorded is None
        await pilot.press(*keys_for("bob read the answer right"), "escape", "enter")
        assert screen.session.units[0].recorded is not None
        assert screen.session.current.segment.id == "s00001"  # moved on to the next open unit

        # s00001: a consensus neither coder chose, set by hotkey
        await pilot.press(frame.code("on-call").hotkey, frame.code("excludes-sleeping").hotkey)
        await pilot.press("m", *keys_for("asleep means not counted"), "escape", "enter")

        await pilot.press("ctrl+g")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert summary.summary.units == 3 and summary.summary.same == 1
        assert summary.alpha is not None
        assert "alpha" in str(summary.query_one("#summary-alpha").render())
        await pilot.press("escape", "q")

    events = read_journal(journal_path(study, "carla")).events
    assert [(e.action, e.segment_id, e.codes, e.rationale) for e in events] == [
        ("adjudicate", "s00000", ("responsibility",), "bob read the answer right"),
        ("adjudicate", "s00001", ("on-call", "excludes-sleeping"), "asleep means not counted"),
    ]
    assert open_study(study).adjudications["s00001"].adjudicator == "carla"


def test_percent_agreement_counts_only_units_two_coders_coded(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=8)
    two_coders(study)
    data = open_study(study)
    summary = percent_agreement(data.codings(1), data.frame)
    assert (summary.units, summary.same) == (3, 1)  # s00003 (ana only) does not count
    by_code = {c.code_id: c for c in summary.per_code}
    assert (by_code["on-call"].agree, by_code["on-call"].used) == (3, 1)
    assert (by_code["counts-sleeping"].agree, by_code["counts-sleeping"].used) == (2, 1)


async def test_the_consensus_row_and_a_torn_coder_journal_are_in_sight(tmp_path: Path) -> None:
    """At 80x24 the draft consensus is the first row under the coders' codes (the code list
    may be scrolled past it), and a coder's torn journal line is told to the adjudicator."""
    from tut.tui.widgets.adjudication import CoderCodes

    _, study = build_study(tmp_path / "proj", n=8)
    two_coders(study)
    with open(journal_path(study, "bob"), "ab") as fh:
        fh.write(b'{"seq": 4, "time": "2025')  # bob's window was killed mid-write
    app = make_adjudication_app(study, "carla", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        assert any("bob.jsonl:línea 4: última línea cortada" in n.message
                   for n in app._notifications)
        table = app.screen.query_one(CoderCodes)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "= Consenso" and first[1] == "(pendiente) —"
        await pilot.press("p")  # take ana's codes
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[1] == "(borrador, sin guardar) 1 Solo presencia"
        # ▶ the coder taken; ≠ two coders who disagree both differ (no majority)
        assert [str(table.get_row_at(1)[0]), str(table.get_row_at(2)[0])] == ["▶≠ ana", " ≠ bob"]
        await pilot.press("q")
