"""Text and SVG captures of the coding and adjudication screens (80x24 and 160x48).

Regenerate from the repository root: ``.venv/bin/python docs/screenshots/capture.py``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

from tui_support import build_study  # noqa: E402

from tut.coding.store import CoderJournal  # noqa: E402
from tut.coding.study import open_study  # noqa: E402
from tut.tui.app import LIGHT, make_adjudication_app, make_coding_app  # noqa: E402

OUT = Path(__file__).resolve().parent



def text_of(app) -> str:  # type: ignore[no-untyped-def]
    """The screen as plain text (what a terminal capture shows)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips) + "\n"



async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _, study = build_study(Path(tmp) / "proj", n=60)
        frame = open_study(study).frame
        with CoderJournal.open(study, "bob", frame) as bob:
            bob.set_codes("s00000", ["responsibility"])
            bob.set_codes("s00001", ["presence-only", "counts-sleeping"])
        app = make_coding_app(study, "ana", lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("1", "2", "3", "j", "2", "s")
            memo = ["space" if c == " " else c for c in "dice responsable, no presencia"]
            await pilot.press("m", *memo, "escape")
            await pilot.pause(0.5)
            (OUT / "coding-80x24.txt").write_text(text_of(app), encoding="utf-8")
            await pilot.press("q")
        app = make_coding_app(study, "ana", lang="es")
        async with app.run_test(size=(80, 24)) as pilot:
            app.theme = LIGHT
            await pilot.press("k")
            await pilot.pause(0.5)
            app.save_screenshot("coding-80x24-light-es.svg", str(OUT))
            await pilot.press("q")
        app = make_adjudication_app(study, "carla", lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("p")
            await pilot.pause(3.5)
            (OUT / "adjudication-80x24.txt").write_text(text_of(app), encoding="utf-8")
            await pilot.press("q")
        app = make_coding_app(study, "ana", lang="en")
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.press("k")
            await pilot.pause(0.5)
            app.save_screenshot("coding-160x48-dark.svg", str(OUT))
            await pilot.press("q")


if __name__ == "__main__":
    asyncio.run(main())
