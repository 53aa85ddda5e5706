"""The TUI's agreement screen in Spanish says how the interval was made and why alpha is
undefined in Spanish (the catalogue's ``agreement.*`` keys), in English in English."""

from __future__ import annotations

from pathlib import Path

from test_agreement_tui import three_coders
from tui_support import build_study

from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.tui.app import make_adjudication_app
from tut.tui.screens.summary import SummaryScreen

NO_VARIATION_EN = "every code in the data is the same value: there is no variation to agree on"
NO_VARIATION_ES = (
    "todos los códigos de los datos son el mismo valor: no hay variación sobre la que coincidir"
)


async def _agreement_screen(study: Path, lang: str) -> str:
    """The agreement screen's alpha line once the worker is done."""
    app = make_adjudication_app(study, "dee", lang=lang)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("ctrl+g")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        await app.workers.wait_for_complete()
        for _ in range(50):  # the worker's message is handled on the screen's next turns
            await pilot.pause()
            shown = str(summary.query_one("#summary-alpha").render())
            if "…" not in shown:
                break
        await pilot.press("escape", "q")
    return shown


async def test_tui_agreement_screen_names_the_interval_method_in_spanish(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=40)
    three_coders(study, 40)
    es = await _agreement_screen(study, "es")
    en = await _agreement_screen(study, "en")
    assert "Gwet linearisation, t(" in en
    df = en.split("Gwet linearisation, t(", 1)[1].split(")", 1)[0]
    assert f"linealización de Gwet, t({df})" in es
    assert "linearisation" not in es
    assert en.startswith("Krippendorff's alpha (MASI distance): ")
    assert es.startswith("Alfa de Krippendorff (distancia MASI): ")


async def test_tui_agreement_screen_says_why_alpha_is_undefined_in_spanish(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=12)
    frame = open_study(study).frame
    segments = [s.id for s in open_study(study).segments]
    for coder in ("ana", "bob"):
        with CoderJournal.open(study, coder, frame) as journal:
            for sid in segments:
                journal.set_codes(sid, [frame.codes[0].id])
    es = await _agreement_screen(study, "es")
    en = await _agreement_screen(study, "en")
    assert NO_VARIATION_EN in en
    assert "no disponible" in es and NO_VARIATION_ES in es
    assert NO_VARIATION_EN not in es
