"""The TUI's agreement screen shows the numbers ``tut agreement`` shows, with their method."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from conftest import CliResult
from tui_support import build_study

from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.tui.app import make_adjudication_app
from tut.tui.screens.summary import SummaryScreen

Run = Callable[..., CliResult]


def three_coders(study: Path, n: int) -> None:
    """ana, bob and cy code every segment, agreeing most of the time (seeded); cy skips
    every fourth segment, so some segments have two coders."""
    frame = open_study(study).frame
    codes = [c.id for c in frame.codes][:4]
    rng = np.random.default_rng(5)
    segments = [s.id for s in open_study(study).segments][:n]
    truth = rng.integers(0, len(codes), n)
    for coder in ("ana", "bob", "cy"):
        with CoderJournal.open(study, coder, frame) as journal:
            for i, sid in enumerate(segments):
                if coder == "cy" and i % 4 == 0:
                    continue
                k = truth[i] if rng.random() < 0.75 else rng.integers(0, len(codes))
                journal.set_codes(sid, [codes[k]])


async def test_summary_screen_equals_tut_agreement_by_code(tmp_path: Path, run_cli: Run) -> None:
    _, study = build_study(tmp_path / "proj", n=40)
    three_coders(study, 40)
    app = make_adjudication_app(study, "dee", lang="en")
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("ctrl+g")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        await app.workers.wait_for_complete()
        for _ in range(50):  # the worker's message is handled on the screen's next turns
            await pilot.pause()
            if summary.alpha is not None:
                break
        shown = str(summary.query_one("#summary-alpha").render())
        scope = str(summary.query_one("#summary-scope").render())
        per_code = dict(summary.alpha_per_code)
        await pilot.press("escape", "q")

    result = run_cli("agreement", str(study), "--by", "code", "--seed", "1", "--json")
    assert result.code == 0, result.err
    out = json.loads(result.out)
    main = "krippendorff_alpha_masi" if out["mode"] != "exclusive" else "krippendorff_alpha"
    alpha = out["overall"][main]
    lo, hi = alpha["ci"]
    assert f"{alpha['value']:.3f} [{lo:.3f}, {hi:.3f}]" in shown
    assert alpha["ci_method"] in shown  # the method is named with the interval
    assert "Round-1 codes saved so far" in scope and "--seed 1" in scope
    assert any(not g["too_few_uses"] for g in out["breakdown"])  # some intervals to compare
    for group in out["breakdown"]:
        code_alpha = group["krippendorff_alpha"]
        value, interval = per_code[group["group"]]
        if code_alpha["value"] is not None:
            assert value == f"{code_alpha['value']:.2f}"
        if group["too_few_uses"]:
            assert interval == "few"
        elif code_alpha["ci"] is not None:
            assert interval == f"[{code_alpha['ci'][0]:.3f}, {code_alpha['ci'][1]:.3f}]"
            assert code_alpha["ci_method"] == "bootstrap over units, 1000 resamples, seed 1"
