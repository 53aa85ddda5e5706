"""Coding UI speed on a 20,000-segment study: time to first screen and per-key latency.

Run: ``.venv/bin/python bench/tui.py [--segments 20000] [--keys 200]`` (``--segments 100000``
for the find box on a large study)

Headless (Textual's ``run_test``), 80x24. Each figure is put next to its floor:

- first screen vs an empty Textual app's first screen (Textual's own start-up cost);
- a code save (toggle a code: journal line written and fsynced, screen redrawn) vs a raw
  ``os.write`` + ``os.fsync`` of the same line (the disk's cost);
- moving, next uncoded and filtering are reported as they are (no library floor);
- a key typed in the find box (the match count is redone over every answer on each key):
  the count alone and the whole key; the first key folds every answer once.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from _timing import fsync_floor  # noqa: E402
from textual.app import App  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Static  # noqa: E402
from tui_support import build_study  # noqa: E402

from tut.coding.store import CoderJournal  # noqa: E402
from tut.coding.study import open_study  # noqa: E402
from tut.tui.app import make_coding_app  # noqa: E402
from tut.tui.screens.coding import CodingScreen  # noqa: E402
from tut.tui.session import SegmentFilter  # noqa: E402

SIZE = (80, 24)


class Empty(App[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("hello")


async def empty_press(keys: int) -> list[float]:
    async with Empty().run_test(size=SIZE) as pilot:
        return await timed_presses(pilot, ["j"] * keys, "empty")


async def empty_first_screen() -> float:
    t0 = time.perf_counter()
    async with Empty().run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - t0


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[int(0.95 * (len(values) - 1))]
    return f"median {statistics.median(values) * 1000:6.2f} ms  p95 {p95 * 1000:6.2f} ms"


def raw_fsync(folder: Path, n: int) -> list[float]:
    line = (
        b'{"seq": 1, "time": "2025-01-01T10:00:00.000+00:00", "coder": "x", "action": "set", '
        b'"segment_id": "s00001", "codes": ["on-call"], "round": 1}\n'
    )
    return fsync_floor(folder / "raw.jsonl", line, n)


class HandlerClock:
    """Time spent in the screen's own key handlers (session call, store call, redraw requests)."""

    def __init__(self, screen: CodingScreen) -> None:
        self.times: list[float] = []
        for name in ("action_move", "action_next_uncoded", "press_code"):
            setattr(screen, name, self._wrap(getattr(screen, name)))

    def _wrap(self, fn):  # type: ignore[no-untyped-def]
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.times.append(time.perf_counter() - t0)

        return timed

    def take(self) -> list[float]:
        out, self.times = self.times, []
        return out


CPU: dict[str, float] = {}
"""Process CPU time per key of the last timed_presses run, by label."""
LAYOUTS: dict[str, float] = {}
"""Whole-screen layouts per key, by label: the costly part of a key (Textual re-arranges
every widget); moving and coding should need almost none."""
_layouts = [0]
_refresh_layout = Screen._refresh_layout


def _counting_refresh_layout(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    _layouts[0] += 1
    return _refresh_layout(self, *args, **kwargs)


Screen._refresh_layout = _counting_refresh_layout  # type: ignore[method-assign]


async def timed_presses(pilot, keys: list[str], label: str = "") -> list[float]:  # type: ignore[no-untyped-def]
    """Key sent -> app idle again (handler, layout and a repaint, plus the pilot's own wait).

    The pilot waits for the process to look idle, so wall time overstates latency; the CPU
    time per key (handler + layout + render, in this process) is recorded in ``CPU``.
    """
    out = []
    _layouts[0] = 0
    c0 = time.process_time()
    for key in keys:
        t0 = time.perf_counter()
        await pilot.press(key)
        out.append(time.perf_counter() - t0)
    CPU[label] = (time.process_time() - c0) / max(1, len(keys))
    LAYOUTS[label] = _layouts[0] / max(1, len(keys))
    return out


FIND_TYPED = "asleep upstairs"


async def timed_find(pilot, screen: CodingScreen) -> tuple[float, list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Open the find box, then type a word a key at a time: (opening, per key, count per key).
    The count is timed apart by wrapping the session's count (what each key asks for)."""
    session = screen.session
    counted: list[float] = []
    count = session.count

    def timed_count(flt: SegmentFilter) -> int:
        t0 = time.perf_counter()
        try:
            return count(flt)
        finally:
            counted.append(time.perf_counter() - t0)

    session.count = timed_count  # type: ignore[method-assign]
    t0 = time.perf_counter()
    await pilot.press("f")
    await pilot.pause()
    first = time.perf_counter() - t0
    counted.clear()
    keys = await timed_presses(pilot, [c if c != " " else "space" for c in FIND_TYPED], "find key")
    await pilot.press("escape")
    session.count = count  # type: ignore[method-assign]
    return first, keys, counted


async def main(segments: int, keys: int, precoded: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        _, study = build_study(Path(tmp) / "proj", n=segments)
        build = time.perf_counter() - t0
        frame = open_study(study).frame
        with CoderJournal.open(study, "ana", frame) as journal:
            for i in range(precoded):
                journal.set_codes(f"s{i:05d}", [frame.codes[i % 5].id])
        print(f"study: {segments:,} segments (built in {build:.1f}s), ana has coded {precoded:,}")

        floor = min([await empty_first_screen() for _ in range(3)])

        t0 = time.perf_counter()
        app = make_coding_app(study, "ana", lang="en")
        opened = time.perf_counter() - t0
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            first = time.perf_counter() - t0
            screen = app.screen
            assert isinstance(screen, CodingScreen)
            hot = [c.hotkey for c in frame.codes[:3]]
            clock = HandlerClock(screen)
            move = await timed_presses(pilot, ["j"] * keys, "move down (j)")
            move_h = clock.take()
            back = await timed_presses(pilot, ["k"] * keys, "move up (k)")
            back_h = clock.take()
            code = await timed_presses(pilot, [hot[i % 3] for i in range(keys)], "code save (hotkey)")
            code_h = clock.take()
            uncoded = await timed_presses(pilot, ["n"] * max(10, keys // 10), "next uncoded (n)")
            uncoded_h = clock.take()
            filters = []
            for flt in (SegmentFilter(text="asleep"), SegmentFilter(probe_id="meaning"),
                        SegmentFilter()):
                t1 = time.perf_counter()
                screen.apply_filter(flt)
                await pilot.pause()
                filters.append(time.perf_counter() - t1)
            find_first, find_keys, find_count = await timed_find(pilot, screen)
            await pilot.press("q")
        raw = raw_fsync(Path(tmp), keys)
    harness = await empty_press(max(20, keys // 5))

    print(f"first screen (open study + journal + Textual, 80x24): {first:.3f} s")
    print(f"  of which opening the study and journal:              {opened:.3f} s")
    print(f"  empty Textual app first screen (floor):               {floor:.3f} s")
    print(f"  ratio to floor:                                       {first / floor:.1f}x")
    print("per key: handler = time in tut's code (session, store call with fsync, redraw requests)")
    print("         cpu     = process CPU per key: handler + layout + render (the real latency)")
    print("         to idle = wall time until the test pilot sees the app idle (overstates it)")
    print("         layouts = whole-screen layouts per key (each costs several ms at 80x24)")
    print(f"  empty Textual app (floor)     cpu {CPU['empty'] * 1000:5.1f} ms   to idle {ms(harness)}")
    for name, h, idle in (
        ("move down (j)", move_h, move),
        ("move up (k)", back_h, back),
        ("next uncoded (n)", uncoded_h, uncoded),
        ("code save (hotkey)", code_h, code),
    ):
        print(
            f"  {name:<20} handler {ms(h)}   cpu {CPU[name] * 1000:5.1f} ms   "
            f"layouts {LAYOUTS[name]:.2f}   to idle {ms(idle)}"
        )
    print(f"  raw write+fsync of one journal line (floor of a save): {ms(raw)}")
    print(f"  code save handler / raw fsync (medians): "
          f"{statistics.median(code_h) / statistics.median(raw):.1f}x")
    print(f"filter text / probe / clear over {segments:,}: "
          + ", ".join(f"{f * 1000:.0f} ms" for f in filters))
    print(f"find box over {segments:,} answers, typing {FIND_TYPED!r}:")
    print(f"  opening it (first count)  {find_first * 1000:6.0f} ms")
    print(f"  count per key             {ms(find_count)}")
    print(f"  whole key                 cpu {CPU['find key'] * 1000:5.1f} ms   to idle {ms(find_keys)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=20_000)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--precoded", type=int, default=5_000)
    args = parser.parse_args()
    asyncio.run(main(args.segments, args.keys, args.precoded))
