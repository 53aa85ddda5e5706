"""Writing SPSS and Stata files through pyreadstat, with a refused write said like any other.

pyreadstat reports a file it cannot open for writing (a read-only folder, a full disk) as
its own ``PyreadstatError``, which the CLI would show as an internal error. Raised again as
an ``OSError`` naming the file the user chose, it becomes the one ``error:`` line (exit 2)
every other refused write gets.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_ERRNO = re.compile(r"\(errno (\d+)\)")


@contextmanager
def stat_writing(path: Path, shown: Path | None = None) -> Iterator[None]:
    """Around one ``pyreadstat.write_*`` call writing ``path``; ``shown`` is the file to name
    (the user's --out, when ``path`` is the temporary file that replaces it)."""
    import pyreadstat  # loaded by the writers anyway; importing this module stays light

    try:
        yield
    except pyreadstat.PyreadstatError as exc:
        found = _ERRNO.search(str(exc))
        if found is None and "could not open" not in str(exc).lower():
            raise
        code = int(found.group(1)) if found else errno.EIO
        raise OSError(code, os.strerror(code), str(shown or path)) from None
