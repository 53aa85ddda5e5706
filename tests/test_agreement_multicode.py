"""Segments carrying several codes: per-code agreement and alpha on sets (MASI, Jaccard)."""

from __future__ import annotations

import numpy as np
import pytest

from tut.agreement import (
    ReliabilityDataError,
    agreement_report,
    per_code_agreement,
    set_alpha,
    set_report,
)
from tut.agreement.multicode import jaccard_distance, masi_distance, presence, set_distances


def fs(*codes: str) -> frozenset[str]:
    return frozenset(codes)


@pytest.mark.parametrize(
    ("a", "b", "jaccard", "masi"),
    [
        # Passonneau (2006): MASI = 1 - J * M, M = 1 equal, 2/3 subset, 1/3 overlap, 0 disjoint
        (fs("a", "b"), fs("a", "b"), 0.0, 0.0),
        (fs("a"), fs("a", "b"), 0.5, 1 - 0.5 * 2 / 3),
        (fs("a", "b"), fs("b", "c"), 1 - 1 / 3, 1 - (1 / 3) * (1 / 3)),
        (fs("a"), fs("b"), 1.0, 1.0),
    ],
)
def test_set_distances_follow_their_definitions(
    a: frozenset[str], b: frozenset[str], jaccard: float, masi: float
) -> None:
    assert jaccard_distance(a, b) == pytest.approx(jaccard)
    assert masi_distance(a, b) == pytest.approx(masi)
    matrix_j = set_distances([a, b], "jaccard")
    matrix_m = set_distances([a, b], "masi")
    if a != b:
        assert matrix_j[0, 1] == pytest.approx(jaccard)
        assert matrix_m[0, 1] == pytest.approx(masi)
    assert np.allclose(np.diag(matrix_m), 0.0)


CODERS = [
    [{"presence"}, {"presence", "responsibility"}, {"activity"}, None, {"other"}, {"activity"}],
    [{"presence"}, {"presence"}, {"activity"}, {"other"}, {"other"}, {"activity", "other"}],
    [{"presence"}, {"presence", "responsibility"}, {"activity"}, {"other"}, None, {"activity"}],
]


def test_identical_sets_give_alpha_one() -> None:
    same = [CODERS[0], CODERS[0]]
    assert set_alpha(same, "masi").value == pytest.approx(1.0)
    assert set_alpha(same, "jaccard").value == pytest.approx(1.0)


def test_partial_overlap_counts_more_than_disjoint_under_both_distances() -> None:
    report = set_report(CODERS)
    masi = report["krippendorff_alpha_masi"]
    jaccard = report["krippendorff_alpha_jaccard"]
    assert masi.defined and jaccard.defined
    assert "MASI" in masi.label and "Jaccard" in jaccard.label
    # nominal alpha on the sets treats {presence} vs {presence, responsibility} as full
    # disagreement; a set distance gives partial credit, so alpha is higher
    nominal = agreement_report(
        [["+".join(sorted(s)) if s else None for s in row] for row in CODERS], "nominal"
    )["krippendorff_alpha"]
    assert jaccard.value > nominal.value
    assert masi.value > nominal.value
    assert report.n_pairable == 16


def test_uncoded_segments_are_missing_not_empty_sets() -> None:
    m = presence(CODERS, "other")
    assert np.isnan(m[0, 3]) and np.isnan(m[2, 4])
    assert m[1, 3] == 1.0 and m[0, 0] == 0.0
    with_empty = [[{"a"}, set(), {"b"}], [{"a"}, {"c"}, {"b"}]]
    assert np.isnan(presence(with_empty, "c")[0, 1])


def test_per_code_agreement_is_every_coefficient_on_present_absent() -> None:
    per_code = per_code_agreement(
        CODERS, ["presence", "responsibility", "activity", "other", "unused"]
    )
    assert list(per_code) == ["presence", "responsibility", "activity", "other", "unused"]
    assert per_code["presence"]["krippendorff_alpha"].value == pytest.approx(1.0)
    direct = agreement_report(presence(CODERS, "activity"), "nominal", categories=[0, 1])
    assert per_code["activity"].to_json() == direct.to_json()
    unused = per_code["unused"]["krippendorff_alpha"]
    assert not unused.defined and unused.reason


def test_sets_must_be_collections() -> None:
    with pytest.raises(ReliabilityDataError, match="collection of codes"):
        set_alpha([["presence", "other"], ["presence", "other"]])
    with pytest.raises(ReliabilityDataError, match="one entry per unit"):
        set_alpha([[{"a"}], [{"a"}, {"b"}]])
