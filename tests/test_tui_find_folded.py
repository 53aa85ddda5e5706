"""The find box folds every answer once per study, not on each key typed, and still finds
what the per-segment rule finds: accents and case ignored, notes and (when asked) ids, never
a match made of the end of one text and the start of the next."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_support import build_study

import tut.tui.session as session_module
from tut.coding.model import Segment
from tut.coding.study import open_study
from tut.tui.app import make_coding_app
from tut.tui.screens.coding import CodingScreen
from tut.tui.screens.find import FindScreen
from tut.tui.session import FoldedTexts, SegmentFilter

ANSWERS = [
    "Cuido al NIÑO aunque duerma.",
    "The nino slept upstairs; Ǆemal's café.",
    "Nobody was home",
    "FInally the ﬁre went out",
]


def with_notes(seg: Segment) -> Segment:
    """A note right after an answer ending "(#2)": ")work" is in neither text."""
    notes = "Workday, madre presente" if seg.answer.startswith("Nobody") else seg.notes
    return dataclasses.replace(seg, notes=notes)


@pytest.fixture
def segments(tmp_path: Path) -> list[Segment]:
    _, study = build_study(tmp_path / "proj", n=16, answers=ANSWERS, edit_segment=with_notes)
    return open_study(study).segments


@pytest.mark.parametrize(
    "text", ["nino", "NIÑO", "cafe", "CAFÉ", "ǆemal", "dzemal", "fin", "ﬁre", ")work",
             "home (#2) workday", "MADRE", "s0000", "r0001", "int-0002", "(#1", "", " "]
)
@pytest.mark.parametrize("ids", [False, True])
def test_every_key_finds_what_the_rule_for_one_segment_finds(
    segments: list[Segment], text: str, ids: bool
) -> None:
    texts = FoldedTexts(segments)
    flt = SegmentFilter(text=text, ids=ids)
    expected = [i for i, s in enumerate(segments) if flt.matches(s, False)]
    assert flt.select(segments, lambda i: False, texts) == expected


def test_filters_combine_with_the_text(segments: list[Segment]) -> None:
    texts = FoldedTexts(segments)
    coded = {i for i in range(len(segments)) if i % 3 == 0}
    variant, probe = segments[1].variant_id, segments[2].probe_id
    for flt in (
        SegmentFilter(text="the", variant_id=variant),
        SegmentFilter(text="o", probe_id=probe, uncoded_only=True),
        SegmentFilter(variant_id=variant, uncoded_only=True),
        SegmentFilter(uncoded_only=True, ids=True),
    ):
        expected = [i for i, s in enumerate(segments) if flt.matches(s, i in coded)]
        assert flt.select(segments, coded.__contains__, texts) == expected, flt
        assert expected  # each case keeps some segments and drops others
        assert len(expected) < len(segments)


async def test_typing_in_the_find_box_folds_the_answers_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, study = build_study(tmp_path / "proj", n=40, answers=ANSWERS)
    folds: list[str] = []
    fold = session_module.fold

    def counting_fold(text: str) -> str:
        folds.append(text)
        return fold(text)

    monkeypatch.setattr(session_module, "fold", counting_fold)
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "n")
        find = app.screen
        assert isinstance(find, FindScreen)
        first = len(folds)
        assert first >= 40  # the first key folded every answer ...
        await pilot.press(*"ino")
        count = str(find.query_one("#find-count", Static).render())
        assert count == "20 de 40 segmentos coinciden"  # NIÑO and nino
        assert len(folds) - first <= 3  # ... later keys fold what was typed, not the answers
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        s = screen.session
        assert [s.row(i).id for i in range(len(s.view))] == [
            seg.id for seg in s.segments if "nino" in seg.answer.lower().replace("ñ", "n")
        ]
        assert s.current is not None and s.current.id == s.row(s.cursor).id
        await pilot.press("q")
