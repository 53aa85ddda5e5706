"""The real and broken third-party files in ../shared, as test parameters.

Collected at import time so each file is its own test; when the shared folder is absent
a single placeholder parameter is produced and :func:`conftest.shared_dir` skips it (or
fails it in CI).
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REAL = SHARED / "realfiles"
BAD = SHARED / "badfiles"
DATA_SUFFIXES = {".sav", ".zsav", ".por", ".dta"}
ABSENT = "(shared folder absent)"


def real_files() -> list[str]:
    """Paths relative to realfiles/, e.g. ``pyreadstat/sample.sav``."""
    if not REAL.is_dir():
        return [ABSENT]
    return sorted(
        str(p.relative_to(REAL)) for p in REAL.glob("*/*") if p.suffix.lower() in DATA_SUFFIXES
    )


def bad_files() -> list[str]:
    if not BAD.is_dir():
        return [ABSENT]
    return sorted(p.name for p in BAD.iterdir() if p.is_file())


def sources_shapes() -> dict[str, tuple[int, int] | None]:
    """rows x cols per file as SOURCES.md states it; None where it says ``error``."""
    text = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    shapes: dict[str, tuple[int, int] | None] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 7 or not cells[0].startswith("`"):
            continue
        name = cells[0].strip("`")
        m = re.match(r"(\d+) x (\d+)", cells[4])
        shapes[name] = (int(m.group(1)), int(m.group(2))) if m else None
    return shapes
