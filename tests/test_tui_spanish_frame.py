"""A coder working in Spanish reads the highlighted code's definition and rules in Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static
from tui_support import build_study

from tut.coding.study import open_study
from tut.tui.app import make_coding_app
from tut.tui.widgets.codebook import CodeBook, CodeDefinition


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return build_study(tmp_path / "proj", n=6)[1]


async def test_spanish_coder_reads_the_definition_and_rules_in_spanish(study: Path) -> None:
    frame = open_study(study).frame
    app = make_coding_app(study, "ana", lang="es")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")  # highlight another code: the panel follows
        code = app.screen.query_one(CodeBook).highlighted_code
        assert code is not None and code.definition_es
        shown = " ".join(app.screen.query_one("#definition", CodeDefinition).plain.split())
        assert " ".join(code.definition_es.split()) in shown
        assert code.include_es[0] in shown and code.exclude_es[0] in shown
        assert code.definition not in shown

        await pilot.press("slash", *"sleep")  # the fuzzy picker shows it in Spanish too
        option = app.screen.query_one("#picker-options", OptionList).highlighted_option
        assert option is not None and option.id is not None
        picked = frame.code(option.id)
        note = " ".join(str(app.screen.query_one("#picker-definition", Static).render()).split())
        assert " ".join(picked.definition_es.split())[:60] in note
        await pilot.press("escape", "q")


async def test_english_coder_reads_the_english_definition(study: Path) -> None:
    app = make_coding_app(study, "ana", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        code = app.screen.query_one(CodeBook).highlighted_code
        assert code is not None
        shown = " ".join(app.screen.query_one("#definition", CodeDefinition).plain.split())
        assert " ".join(code.definition.split()) in shown
        assert code.definition_es[:30] not in shown
        await pilot.press("q")
