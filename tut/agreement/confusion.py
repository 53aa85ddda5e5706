"""Which codes coders swap: a code x code matrix per pair of coders, and pooled.

Read on the segments both coders of a pair coded (at least one code each). On each segment:

- a code both coders gave counts once on the diagonal (``x``, ``x``);
- the codes only one of them gave are the swaps: every code ``x`` only the first coder gave
  against every code ``y`` only the second gave counts once in (``x``, ``y``);
- when one coder's extra codes have nothing on the other side, each counts against
  ``(none)``: (``x``, none) or (none, ``y``).

In an exclusive frame (one code per segment) this is the usual confusion matrix: one count
per segment. In a multiple-code frame a segment where one coder gave {a, b} and the other
{a, c} counts (a, a) and (b, c); {a, b} against {a} counts (a, a) and (b, none).

The pooled matrix adds every pair with its order forgotten, so it is symmetric: a cell
(x, y) says how often one coder gave x where another gave y, the diagonal how often two
coders gave the same code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

NONE = "(none)"
"""Row and column of a code with no counterpart on the other side."""


@dataclass(frozen=True)
class ConfusionMatrix:
    """Counts by (row code, column code); ``codes`` label both, ``NONE`` last."""

    coders: tuple[str, ...]
    """The pair (rows, columns), or every coder for the pooled matrix."""
    codes: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    segments: int
    """Segments read (coded by both coders of the pair; for pooled, pairs x segments)."""

    def cell(self, row: str, col: str) -> int:
        return self.counts[self.codes.index(row)][self.codes.index(col)]

    @property
    def swaps(self) -> list[tuple[str, str, int]]:
        """Off-diagonal cells with a count, largest first (upper triangle when symmetric)."""
        k = len(self.codes)
        symmetric = all(self.counts[i][j] == self.counts[j][i] for i in range(k) for j in range(k))
        out = [(self.codes[i], self.codes[j], self.counts[i][j]) for i in range(k) for j in range(k)
               if i != j and self.counts[i][j] and (not symmetric or i < j)]
        return sorted(out, key=lambda t: (-t[2], self.codes.index(t[0]), self.codes.index(t[1])))

    def to_json(self) -> dict[str, object]:
        return {"coders": list(self.coders), "segments": self.segments, "codes": list(self.codes),
                "matrix": [list(r) for r in self.counts],
                "swaps": [{"row": r, "column": c, "count": n} for r, c, n in self.swaps]}


@dataclass(frozen=True)
class Confusion:
    """Every pair's matrix and the pooled one, on the same codes."""

    pairs: tuple[ConfusionMatrix, ...]
    pooled: ConfusionMatrix

    def to_json(self) -> dict[str, object]:
        return {"definition": DEFINITION, "pairs": [p.to_json() for p in self.pairs],
                "pooled": self.pooled.to_json()}


DEFINITION = (
    "On segments both coders coded: a code both gave counts on the diagonal; each code only "
    "the row coder gave counts against each code only the column coder gave; an extra code "
    "with nothing on the other side counts against (none). Pooled: every pair added with "
    "rows and columns folded together (symmetric)."
)


def segment_cells(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, str]]:
    """The (row, column) cells one segment adds: ``a`` the row coder's codes, ``b`` the other's."""
    shared = [c for c in a if c in b]
    only_a = [c for c in a if c not in b] or [NONE]
    only_b = [c for c in b if c not in a] or [NONE]
    cells = [(c, c) for c in shared]
    if only_a != [NONE] or only_b != [NONE]:
        cells += [(x, y) for x in only_a for y in only_b]
    return cells


def confusion(
    code_order: Sequence[str],
    codings: Mapping[str, Mapping[str, Sequence[str]]],
    pairs: Iterable[tuple[str, str]] | None = None,
) -> Confusion:
    """Matrices for ``pairs`` of coders (default every pair) and pooled over them.

    ``codings``: codes by coder and segment id; codes not in ``code_order`` are added at the
    end (a journal may hold a code since taken out of the frame).
    """
    coders = sorted(codings)
    chosen = list(pairs) if pairs is not None else list(combinations(coders, 2))
    # one number per distinct list of codes, so each segment's list is hashed once per coder
    # (not once per pair it is in) and pairs of lists are counted as pairs of small ints
    lists: dict[tuple[str, ...], int] = {}
    ids: dict[str, dict[str, int]] = {}
    for coder in sorted(set(codings) | {c for p in chosen for c in p}):
        state = codings.get(coder, {})
        ids[coder] = {sid: lists.setdefault(tuple(got), len(lists))
                      for sid, got in state.items() if got}
    by_id = list(lists)
    used = {c for codes_ in by_id for c in codes_}
    codes = (*code_order, *sorted(used - set(code_order)), NONE)
    index = {c: i for i, c in enumerate(codes)}
    k = len(codes)
    pooled = [[0] * k for _ in range(k)]
    out = []
    pooled_segments = 0
    for first, second in chosen:
        a, b = ids[first], ids[second]
        m = [[0] * k for _ in range(k)]
        seen = Counter((la, b[sid]) for sid, la in a.items() if sid in b)
        for (la, lb), times in seen.items():
            for row, col in segment_cells(by_id[la], by_id[lb]):
                m[index[row]][index[col]] += times
        for i in range(k):
            for j in range(k):
                pooled[i][j] += m[i][j] + (m[j][i] if i != j else 0)
        both = sum(seen.values())
        pooled_segments += both
        out.append(ConfusionMatrix((first, second), codes, tuple(map(tuple, m)), both))
    whole = ConfusionMatrix(tuple(sorted({c for p in chosen for c in p})), codes,
                            tuple(map(tuple, pooled)), pooled_segments)
    return Confusion(tuple(out), whole)


def pooled_summary(code_order: Sequence[str],
                   codings: Mapping[str, Mapping[str, Sequence[str]]]) -> dict[str, object]:
    """The pooled matrix on the codes used, without coder names (for the report's appendix)."""
    pooled = confusion(code_order, codings).pooled
    used = [i for i, row in enumerate(pooled.counts) if any(row)]
    return {"definition": DEFINITION, "segments": pooled.segments,
            "codes": [pooled.codes[i] for i in used],
            "matrix": [[pooled.counts[i][j] for j in used] for i in used],
            "swaps": [{"row": a, "column": b, "count": n} for a, b, n in pooled.swaps]}
