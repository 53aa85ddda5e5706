"""The codes that count for each segment once coding is done: adjudicated, or agreed.

One definition serves the exports (the ``final`` column) and the report, so a table read in
SPSS and the report's code distributions always count the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from tut.coding.model import Adjudication

ConsensusSource = Literal["adjudicated", "agreed", "single-coder", "unresolved", "uncoded"]


def consensus(
    segment_ids: Sequence[str],
    codings: Mapping[str, Mapping[str, tuple[str, ...]]],
    adjudications: Mapping[str, Adjudication],
) -> dict[str, tuple[tuple[str, ...], ConsensusSource]]:
    """Codes per segment and where they come from.

    An adjudication wins ("adjudicated"); otherwise the codes when every coder who coded the
    segment agrees ("agreed", two or more coders) or the one coder's codes ("single-coder");
    a disputed segment ("unresolved") or one nobody coded ("uncoded") has none. Exports keep
    only adjudicated and agreed codes; the report also counts single-coder segments.
    """
    out: dict[str, tuple[tuple[str, ...], ConsensusSource]] = {}
    for sid in segment_ids:
        if sid in adjudications and adjudications[sid].codes:
            out[sid] = (adjudications[sid].codes, "adjudicated")
            continue
        sets = [codes[sid] for codes in codings.values() if codes.get(sid)]
        if not sets:
            out[sid] = ((), "uncoded")
        elif len(sets) == 1:
            out[sid] = (sets[0], "single-coder")
        elif len({frozenset(s) for s in sets}) == 1:
            out[sid] = (sets[0], "agreed")
        else:
            out[sid] = ((), "unresolved")
    return out
