"""Timing pieces shared by the benchmarks (not a benchmark itself: run_all.py skips ``_*``)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def best(fn: Callable[[], Any], repeat: int = 5, *, warm_up: bool = True) -> float:
    """Best wall time of ``repeat`` runs, after one untimed run unless ``warm_up`` is False
    (shared 2-core machine: the best run is the least disturbed one)."""
    if warm_up:
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def fsync_floor(path: Path, line: bytes, n: int) -> list[float]:
    """Seconds of each of ``n`` bare ``os.write`` + ``os.fsync`` appends of ``line`` to
    ``path``: what the disk alone costs to save one journal line, the floor of a code save."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    out = []
    try:
        for _ in range(n):
            t = time.perf_counter()
            os.write(fd, line)
            os.fsync(fd)
            out.append(time.perf_counter() - t)
    finally:
        os.close(fd)
    return out
