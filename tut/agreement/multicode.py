"""Agreement when a coder may put several codes on one segment.

Two views, both standard:

- per code: each code becomes a present/absent variable (binary nominal data), so every
  coefficient applies to it (Krippendorff 2004 treats multi-valued coding this way);
- the whole set: Krippendorff's alpha with a distance between sets of codes, the Jaccard
  distance ``1 - |A & B| / |A | B|`` or MASI (Passonneau 2006): ``1 - J * M`` with
  monotonicity M = 1 for equal sets, 2/3 when one contains the other, 1/3 when they only
  overlap, 0 when disjoint.

A segment a coder did not code (no codes at all) is missing, never the empty set.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from tut.agreement.alpha import krippendorff_alpha
from tut.agreement.coefficients import CI_LEVEL, Coefficient
from tut.agreement.data import (
    MISSING,
    ReliabilityData,
    ReliabilityDataError,
    from_codes,
    names_or_default,
)
from tut.agreement.report import AgreementReport, agreement_report, report_of

SetDistance = Literal["masi", "jaccard"]
CodeSets = Sequence[Sequence[Iterable[str] | None]]
"""Shape (M coders, N units): the codes each coder put on each unit, None if not coded."""


def _as_sets(sets: CodeSets) -> list[list[frozenset[str] | None]]:
    rows = [list(row) for row in sets]
    if len(rows) < 2:
        raise ReliabilityDataError("agreement needs at least two coders; the data have one")
    widths = {len(r) for r in rows}
    if len(widths) > 1:
        raise ReliabilityDataError("every coder needs one entry per unit (None where not coded)")
    out: list[list[frozenset[str] | None]] = []
    for row in rows:
        clean: list[frozenset[str] | None] = []
        for cell in row:
            if cell is None or isinstance(cell, float) and np.isnan(cell):
                clean.append(None)
                continue
            if isinstance(cell, str):
                raise ReliabilityDataError(
                    f"each cell must be a collection of codes, not the string {cell!r}"
                )
            codes = frozenset(str(c) for c in cell)
            clean.append(codes or None)
        out.append(clean)
    return out


def jaccard_distance(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return 0.0 if union == 0 else 1.0 - len(a & b) / union


def masi_distance(a: frozenset[str], b: frozenset[str]) -> float:
    """Passonneau's (2006) MASI distance: Jaccard scaled by how the sets relate."""
    if a == b:
        return 0.0
    inter = len(a & b)
    if inter == 0:
        return 1.0
    monotonicity = 2.0 / 3.0 if inter == min(len(a), len(b)) else 1.0 / 3.0
    return 1.0 - (inter / len(a | b)) * monotonicity


def set_distances(
    domain: Sequence[frozenset[str]], distance: SetDistance
) -> npt.NDArray[np.float64]:
    """(V, V) distances between the distinct sets, vectorised over a membership matrix."""
    codes = sorted({c for s in domain for c in s})
    col = {c: j for j, c in enumerate(codes)}
    member = np.zeros((len(domain), len(codes)))
    for i, s in enumerate(domain):
        member[i, [col[c] for c in s]] = 1.0
    inter = member @ member.T
    size = member.sum(axis=1)
    union = size[:, None] + size[None, :] - inter
    jac = np.divide(inter, union, out=np.ones_like(inter), where=union > 0)
    if distance == "jaccard":
        return 1.0 - jac
    if distance != "masi":
        raise ValueError(f"unknown set distance {distance!r}: masi or jaccard")
    smaller = np.minimum(size[:, None], size[None, :])
    equal = (inter == size[:, None]) & (inter == size[None, :])
    mono = np.where(equal, 1.0, np.where(inter == smaller, 2 / 3, np.where(inter > 0, 1 / 3, 0.0)))
    return 1.0 - jac * mono


def set_codes(sets: CodeSets) -> tuple[npt.NDArray[np.int64], list[frozenset[str]]]:
    """(M, N) integer codes of the distinct sets (-1 = not coded) and the sets, smallest first."""
    return _set_codes(_as_sets(sets))


def _set_codes(
    rows: list[list[frozenset[str] | None]],
) -> tuple[npt.NDArray[np.int64], list[frozenset[str]]]:
    distinct = {cell for row in rows for cell in row if cell is not None}
    ordered = sorted(distinct, key=lambda s: (len(s), sorted(s)))
    index = {s: i for i, s in enumerate(ordered)}
    codes = np.array(
        [[MISSING if c is None else index[c] for c in row] for row in rows], dtype=np.int64
    )
    return codes, ordered


def set_extra(ordered: Sequence[frozenset[str]], distance: SetDistance) -> dict[str, Any]:
    """What :class:`ReliabilityData` carries so alpha uses a set distance."""
    return {
        "distance": set_distances(ordered, distance),
        "distance_name": "MASI" if distance == "masi" else "Jaccard",
    }


def set_labels(ordered: Sequence[frozenset[str]]) -> tuple[str, ...]:
    return tuple("+".join(sorted(s)) for s in ordered)


def set_data(
    sets: CodeSets,
    distance: SetDistance = "masi",
    *,
    coders: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
) -> ReliabilityData:
    """Reliability data whose categories are the distinct sets of codes, with a set distance."""
    codes, ordered = set_codes(sets)
    m, n = codes.shape
    return from_codes(
        codes,
        set_labels(ordered),
        "nominal",
        tuple(names_or_default(coders, m, "coder")),
        names_or_default(units, n, "unit"),
        None,
        set_extra(ordered, distance),
    )


def set_alpha(
    sets: CodeSets,
    distance: SetDistance = "masi",
    *,
    bootstrap: int = 0,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
) -> Coefficient:
    """Krippendorff's alpha on sets of codes with the MASI or Jaccard distance."""
    d = set_data(sets, distance)
    c = krippendorff_alpha(d, ci_level=ci_level, bootstrap=bootstrap, seed=seed)
    return _renamed(c, f"krippendorff_alpha_{distance}")


def _renamed(c: Coefficient, name: str) -> Coefficient:
    return replace(c, name=name)


def set_report(
    sets: CodeSets,
    *,
    coders: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
) -> AgreementReport:
    """Alpha with MASI and with Jaccard distance for sets of codes, as one report."""
    coefs = []
    d = set_data(sets, "masi", coders=coders, units=units)
    for dist in ("masi", "jaccard"):
        dd = d if dist == "masi" else set_data(sets, "jaccard", coders=coders, units=units)
        c = krippendorff_alpha(dd, ci_level=ci_level, bootstrap=bootstrap, seed=seed)
        coefs.append(_renamed(c, f"krippendorff_alpha_{dist}"))
    return report_of(d, coefs)


class Presence:
    """Each code as present/absent, from the sets' integer codes: one (M, N) matrix per code
    by indexing, not by walking the cells again."""

    def __init__(self, rows: list[list[frozenset[str] | None]]) -> None:
        self.set_index, ordered = _set_codes(rows)
        self.ordered = ordered
        self.codes = sorted({c for s in ordered for c in s})
        column = {c: j for j, c in enumerate(self.codes)}
        self.member = np.zeros((len(ordered) + 1, len(self.codes) + 1))
        for i, s in enumerate(ordered):
            self.member[i, [column[c] for c in s]] = 1.0
        self.member[-1, :] = np.nan  # index -1: not coded
        self.column = column

    def __call__(self, code: str) -> npt.NDArray[np.float64]:
        """(M, N): 1 where the coder used ``code``, 0 where they coded without it, NaN where
        they did not code the unit."""
        j = self.column.get(code, len(self.codes))  # a code nobody used: the zero column
        out = self.member[self.set_index, j]
        return np.asarray(out, dtype=np.float64)


def presence(sets: CodeSets, code: str) -> npt.NDArray[np.float64]:
    """(M, N) matrix: 1 where the coder used the code, 0 where they coded without it, NaN
    where they did not code the unit."""
    return Presence(_as_sets(sets))(code)


def per_code_agreement(
    sets: CodeSets,
    codes: Sequence[str] | None = None,
    *,
    coders: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
) -> dict[str, AgreementReport]:
    """Every coefficient for each code as a present/absent variable (nominal, 0/1).

    ``codes`` defaults to every code used; a code in the frame nobody used gets a report
    whose coefficients say why they are undefined.
    """
    table = Presence(_as_sets(sets))
    wanted = list(codes) if codes is not None else table.codes
    return {
        code: agreement_report(
            table(code),
            "nominal",
            categories=[0, 1],
            coders=coders,
            units=units,
            bootstrap=bootstrap,
            seed=seed,
            ci_level=ci_level,
        )
        for code in wanted
    }
