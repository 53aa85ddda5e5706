"""Writing files so that a crash or a refused input never leaves half of one.

Every stage that saves something the user relies on (a study folder, a recode sample, an
export, the report, the demo's results) writes through these, so "nothing already saved is
lost or overwritten by half a file" holds in one place. Kept free of heavy imports: the
coding screen and ``tut --help`` load it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def json_text(data: Any, *, allow_nan: bool = True) -> str:
    """JSON as tut writes its files: indented, accents and ñ kept as they are (not ``\\u00f1``),
    one final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=allow_nan) + "\n"


def real_path(path: str | Path) -> Path:
    """``path`` with symlinks followed, as ``Path.resolve()`` does, except that a symlink loop
    is kept as named (Python before 3.13 raises RuntimeError on one): reading it then says
    "too many levels of symbolic links" at that file, as for any other unreadable file."""
    return Path(os.path.realpath(path))


def write_durable(path: Path, text: str) -> None:
    """Write UTF-8 text with ``\\n`` line ends and fsync it: on disk when this returns."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path`` to write to; it replaces ``path`` in one rename when
    the block ends without error, and is removed otherwise (``path`` is then untouched).

    The temporary name is kept short (a name near the system's 255-byte limit stays usable),
    and a write the system refuses names ``path``, the file the user chose, not it."""
    name = path.name if len(path.name.encode()) < 200 else \
        f"{path.name[:50]}-{hashlib.sha256(path.name.encode()).hexdigest()[:12]}"
    tmp = path.with_name(f".{name}.tmp-{os.getpid()}")
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        if exc.filename == str(tmp):
            exc.filename = str(path)
        raise
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: a reader sees the old file or the new one."""
    with replacing(path) as tmp:
        write_durable(tmp, text)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` survive a crash (where the platform can)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet run a cell as a formula (OWASP CSV injection)."""


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell that Excel, LibreOffice or Google Sheets shows as text, never runs: a cell
    starting with ``= + - @``, a tab or a carriage return gets a leading ``'`` (the OWASP
    rule), unless it is a plain number such as ``-3`` or ``+1.5`` (it stays a number)."""
    if not cell.startswith(FORMULA_STARTS) or _PLAIN_NUMBER.fullmatch(cell):
        return cell
    return "'" + cell


_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
