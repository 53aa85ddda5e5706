"""Adjudicating as a team at 80x24: five coders and two adjudicators, decisions already
recorded shown, a conflict made visible, an explicit revision, undo/redo and find."""

from __future__ import annotations

import json
from pathlib import Path

from tui_support import build_study

from tut.coding.decisions import study_decisions
from tut.coding.store import CoderJournal, journal_path, read_journal
from tut.coding.study import open_study
from tut.tui.app import make_adjudication_app
from tut.tui.screens.adjudication import AdjudicationScreen
from tut.tui.widgets.adjudication import CoderCodes

FIVE = {
    # s00000: three say responsibility, eve and fay differ; eve gives a long list of codes
    "ana": {"s00000": ["responsibility"], "s00001": ["on-call"]},
    "bob": {"s00000": ["responsibility"], "s00001": ["responsibility"]},
    "cy": {"s00000": ["responsibility"], "s00001": ["on-call"]},
    "eve": {"s00000": ["presence-only", "on-call", "monitoring", "counts-sleeping",
                       "responsibility"], "s00001": ["on-call"]},
    "fay": {"s00000": ["on-call"], "s00001": ["on-call"]},
}


def keys_for(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def code(study: Path, plan: dict[str, dict[str, list[str]]]) -> None:
    frame = open_study(study).frame
    for coder, codes in plan.items():
        with CoderJournal.open(study, coder, frame) as journal:
            for sid, cs in codes.items():
                journal.set_codes(sid, cs)


def rows(table: CoderCodes) -> list[tuple[str, str]]:
    return [(str(r[0]), str(r[1])) for r in (table.get_row_at(i) for i in range(table.row_count))]


def carla_events(study: Path) -> list[dict[str, object]]:
    lines = journal_path(study, "carla").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


async def test_five_coders_two_adjudicators_at_80x24(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=8)
    code(study, FIVE)
    with CoderJournal.open(study, "dora", open_study(study).frame) as dora:
        dora.adjudicate("s00000", ["responsibility"], "three of five; in charge while cooking")
    app = make_adjudication_app(study, "carla", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        table = screen.query_one(CoderCodes)
        # dora's decision is settled: carla starts on the next open unit; going back shows it
        assert screen.session.current.segment.id == "s00001"
        await pilot.press("k")
        shown = rows(table)
        assert shown[0][0] == "= Consensus" and "decided by dora" in shown[0][1]
        who, said = shown[1]
        assert who == "⚖  dora"
        assert "Responsibility" in said and "three of five; in charge while cooking" in said
        assert "UTC" in said and said.count(":") >= 1  # when
        # every coder is a row; the ones who differ from the majority are marked ≠
        coders = {r[0][3:]: r[0][:2] for r in shown[2:]}
        assert coders == {"ana": "  ", "bob": "  ", "cy": "  ", "eve": " ≠", "fay": " ≠"}
        # eve's five codes wrap over several lines instead of being cut
        eve = next(i for i, r in enumerate(shown) if r[0].endswith("eve"))
        assert table.rows[table.coordinate_to_cell_key((eve, 0)).row_key].height > 1
        assert "Responsibility" in shown[eve][1] and "…" not in shown[eve][1]

        # the panel is shorter than its rows: Tab reaches it and the arrows bring every row in
        assert table.virtual_size.height > table.scrollable_content_region.height
        for _ in range(6):
            if screen.focused is table:
                break
            await pilot.press("tab")
        assert screen.focused is table
        await pilot.press(*["down"] * (table.row_count - 1))
        assert table.cursor_row == table.row_count - 1 and table.scroll_y > 0
        last_row = table.row_count - 1
        region = table._get_row_region(last_row)
        assert region.bottom <= table.scroll_y + table.scrollable_content_region.height + 0
        await pilot.press("escape", "q")


async def test_a_different_decision_is_a_visible_conflict_and_R_revises_it(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=8)
    code(study, {c: FIVE[c] for c in ("ana", "bob", "fay")})
    with CoderJournal.open(study, "dora", open_study(study).frame) as dora:
        dora.adjudicate("s00001", ["on-call"], "two of three")
    app = make_adjudication_app(study, "carla", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        table = screen.query_one(CoderCodes)
        await pilot.press("j")
        assert screen.session.current.segment.id == "s00001"
        # carla records another decision without revising: a conflict, shown, both kept
        await pilot.press("p", "p")  # bob's codes
        await pilot.press("m", *keys_for("he is in charge"), "escape", "enter")
        assert screen.session.current.segment.id == "s00001"  # stays in sight
        shown = rows(table)
        assert "≠ conflict" in shown[0][1]
        decisions = {r[0]: r[1] for r in shown if r[0].startswith("⚖")}
        assert set(decisions) == {"⚖≠ dora", "⚖≠ carla"}
        assert any("Conflict on s00001" in n.message and "dora" in n.message
                   for n in app._notifications)
        assert study_decisions(open_study(study))["s00001"].status == "conflict"
        assert "revises" not in carla_events(study)[-1]

        # Enter again over one's own decision is refused: changing it is a revision
        await pilot.press("p")
        await pilot.press("enter")
        assert len(carla_events(study)) == 1
        assert any("R revises your decision" in n.message for n in app._notifications)

        # R revises dora's decision: a new rationale is required
        await pilot.press("escape", "R")
        assert screen.session.current.revising == "dora"
        assert "revising dora's decision" in rows(table)[0][1]
        await pilot.press("escape", "enter")
        assert len(carla_events(study)) == 1  # no rationale: nothing written
        assert screen.focused is screen.rationale_box  # ... and the box is opened for it
        await pilot.press(*keys_for("talked it over with dora"), "escape", "enter")
        last = carla_events(study)[-1]
        assert (last["revises"], last["rationale"]) == ("dora", "talked it over with dora")
        decision = study_decisions(open_study(study))["s00001"]
        assert decision.status == "adjudicated" and decision.final == tuple(last["codes"])
        await pilot.press("q")


async def test_the_rationale_never_hides_the_answer_at_80x24(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=8)
    code(study, FIVE)
    app = make_adjudication_app(study, "carla", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        await pilot.press("m", *keys_for("una razón"))
        assert screen.focused is screen.rationale_box
        answer, box = screen.answer.region, screen.rationale_box.region
        assert answer.height >= 3 and not answer.overlaps(box)
        assert "niños" in "".join(str(line.text) for line in screen.answer.render_lines(
            screen.answer.region.reset_offset))
        await pilot.press("escape", "q")


async def test_undo_redo_and_find_in_adjudication(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=8)
    code(study, {c: FIVE[c] for c in ("ana", "bob", "fay")})
    app = make_adjudication_app(study, "carla", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        s = screen.session
        await pilot.press("p", "p")  # ana's, then bob's codes
        assert (s.current.draft, s.current.taken_from) == (("responsibility",), "bob")
        await pilot.press("p", "u")
        assert s.current.taken_from == "bob"
        await pilot.press("u", "u")
        assert s.current.draft == () and not s.undo_stack
        await pilot.press("r", "r")
        assert (s.current.draft, s.current.taken_from) == (("responsibility",), "bob")
        # undo comes back to the unit it changed, from another one
        await pilot.press("j", "u")
        assert s.current.segment.id == "s00000" and s.current.taken_from == "ana"

        # find: accents and case ignored, Enter applies, Esc clears
        await pilot.press("f", *"NINOS", "enter")
        assert [s.row(i).id for i in range(s.row_count)] == ["s00000"]
        assert screen.seglist.border_subtitle == "1/2"
        await pilot.press("escape")  # clears the filter
        assert s.row_count == 2 and s.current.segment.id == "s00000"
        await pilot.press("f", *keys_for("asleep upstairs"), "enter")
        assert [s.row(i).id for i in range(s.row_count)] == ["s00001"]
        assert s.current.segment.id == "s00001"  # the selection is the one row shown
        await pilot.press("q")
    assert not journal_path(study, "carla").exists() or not read_journal(
        journal_path(study, "carla")).events  # drafts and undo never reach the journal



async def test_R_revises_ones_own_decision_with_a_new_rationale(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=8)
    code(study, {c: FIVE[c] for c in ("ana", "bob", "fay")})
    app = make_adjudication_app(study, "carla", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        await pilot.press("p", "m", *keys_for("as ana"), "escape", "enter")
        assert screen.session.current.segment.id == "s00001"
        await pilot.press("k", "R")  # back to s00000, revise my own decision
        unit = screen.session.current
        assert (unit.segment.id, unit.revising, unit.rationale) == ("s00000", "carla", "")
        assert screen.rationale_box.value == ""
        await pilot.press(*keys_for("on second thought"), "escape", "p", "p", "enter")
        await pilot.press("q")
    events = carla_events(study)
    assert [(e["codes"], e["rationale"], e.get("revises")) for e in events] == [
        (["responsibility"], "as ana", None),
        (["on-call"], "on second thought", "carla"),
    ]
    decision = study_decisions(open_study(study))["s00000"]
    assert (decision.status, decision.final) == ("adjudicated", ("on-call",))


async def test_enter_on_a_decision_row_takes_its_codes_and_the_panel_keeps_its_row(
    tmp_path: Path,
) -> None:
    _, study = build_study(tmp_path / "proj", n=8)
    code(study, FIVE)
    with CoderJournal.open(study, "dora", open_study(study).frame) as dora:
        dora.adjudicate("s00000", ["responsibility"], "three of five")
    app = make_adjudication_app(study, "carla", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        table = screen.query_one(CoderCodes)
        await pilot.press("k")
        table.focus()
        await pilot.press("down", "enter")  # dora's decision
        assert screen.session.current.draft == ("responsibility",)
        assert table.cursor_row == 1  # drawn again for the same unit: still on dora's row
        await pilot.press("down", "down", "down", "down", "enter")  # ana, bob, cy, eve
        assert screen.session.current.taken_from == "eve" and table.cursor_row == 5
        await pilot.press("escape", "q")
