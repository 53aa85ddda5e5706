"""A coding window killed (SIGKILL) between keystrokes loses no code it showed as saved,
and a journal whose last line was cut by the crash opens again: the screen says which line,
the codes before it stand, and the next code goes on a line of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from tui_support import build_study

from tut.coding.store import journal_path, read_journal, replay
from tut.coding.study import open_study
from tut.tui.app import make_coding_app
from tut.tui.screens.coding import CodingScreen

TESTS = Path(__file__).resolve().parent

CODER = textwrap.dedent(
    """
    import asyncio, sys
    from tut.tui.app import make_coding_app

    async def main(study, keys):
        app = make_coding_app(study, "zed", lang="es")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            for i in range(10_000):
                await pilot.press(keys[i % len(keys)], "j")
                ev = screen.session.last_event
                # what the screen shows as saved at this point
                print(ev.seq, ev.segment_id, ",".join(ev.codes), flush=True)

    asyncio.run(main(sys.argv[1], sys.argv[2].split(",")))
    """
)


def code_until_killed(study: Path, keys: list[str], saves: int) -> list[list[str]]:
    """Run a coding window in another process; SIGKILL it after ``saves`` codes shown saved."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS.parent), str(TESTS)]))
    proc = subprocess.Popen(
        [sys.executable, "-c", CODER, str(study), ",".join(keys)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    shown: list[list[str]] = []
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            shown.append(line.split())
            if len(shown) >= saves:
                break
        proc.send_signal(signal.SIGKILL)  # mid-stride: the next key may be half handled
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    return shown


def test_a_kill_between_keystrokes_loses_no_code_shown_as_saved(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=400)
    frame = open_study(study).frame
    keys = [c.hotkey for c in frame.codes if c.hotkey][:4]
    shown = code_until_killed(study, keys, 25)
    events = read_journal(journal_path(study, "zed")).events
    on_disk = {(str(e.seq), e.segment_id, ",".join(e.codes)) for e in events}
    assert len(shown) == 25
    for seq, seg, *codes in shown:
        assert (seq, seg, codes[0] if codes else "") in on_disk
    # one code per segment, in order: none went to a segment the window was not on
    assert [e.segment_id for e in events] == [f"s{i:05d}" for i in range(len(events))]


async def test_a_journal_cut_mid_line_opens_says_so_and_keeps_every_code(tmp_path: Path) -> None:
    _, study = build_study(tmp_path / "proj", n=400)
    frame = open_study(study).frame
    keys = [c.hotkey for c in frame.codes if c.hotkey][:4]
    assert len(code_until_killed(study, keys, 6)) == 6
    path = journal_path(study, "zed")
    before = read_journal(path).events
    assert len(before) >= 6
    torn = b'{"seq": 999, "time": "2026-01-01T00:00:00+00:00", "coder": "zed", "act'
    with path.open("ab") as fh:  # what a crash in the middle of a write leaves
        fh.write(torn)
    app = make_coding_app(study, "zed", lang="es")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        messages = [n.message for n in app._notifications]
        assert any(f"zed.jsonl:línea {len(before) + 1}" in m for m in messages), messages
        s = screen.session
        state = replay(before)
        assert all(s.codes_of(sid) == sc.codes for sid, sc in state.items())
        # the screen opens on the first segment not coded yet: the next code goes there
        assert s.current is not None and s.current.id == f"s{len(state):05d}"
        await pilot.press(frame.codes[0].hotkey, "q")
    data = path.read_bytes()
    assert torn + b"\n" in data  # the cut bytes stay, closed by a newline
    after = read_journal(path)
    assert after.events[: len(before)] == before
    assert [(e.segment_id, e.codes) for e in after.events[len(before):]] == [
        (f"s{len(state):05d}", (frame.codes[0].id,))
    ]
    assert len(after.skipped) == 1 and after.skipped[0].line == len(before) + 1
