"""Which of Stata's extended missing values (``.a`` .. ``.z``) occur in a file's data.

A Stata header declares no missing codes: a value is ``.a`` .. ``.z`` in the data itself,
and a value label may name some of them (or none). So ``tut microdata describe`` reads a
``.dta``'s numeric columns the way ``tut compare`` reads them (``missing_tags=True``) to say
which tags each variable holds, batch by batch so that a large file is never held whole.
"""

from __future__ import annotations

from tut.microdata.codebook import STATA_MISSING_TAGS, Codebook
from tut.microdata.readers import iter_batches

CELLS_PER_BATCH = 4_000_000
"""Values read per batch (rows x columns), so a wide file's batches stay small."""


def missing_tags_in_data(book: Codebook) -> dict[str, tuple[str, ...]]:
    """Variable -> the extended missing tags that occur in its values, in ``.a``..``.z``
    order; variables without any are left out (and every variable of a non-Stata file)."""
    if book.format != "dta":
        return {}
    names = [n for n, v in book.variables.items() if v.kind != "string"]
    if not names or book.n_rows == 0:
        return {}
    found: dict[str, set[str]] = {n: set() for n in names}
    batch_rows = max(1_000, CELLS_PER_BATCH // len(names))
    for frame in iter_batches(book.path, names, codebook=book, batch_rows=batch_rows,
                              missing_tags=True):
        for name in names:
            tags = frame[f"{name}.missing"]
            if tags.null_count() < frame.height:
                found[name].update(tags.drop_nulls().unique().to_list())
    return {n: tuple(t for t in STATA_MISSING_TAGS if t in seen)
            for n, seen in found.items() if seen}
