"""Agreement on a coding study, overall and broken down, from the code store's own objects."""

from __future__ import annotations

import numpy as np
import pytest

from tut.agreement import ReliabilityDataError, agreement_report, set_report
from tut.coding.agreement import study_agreement
from tut.coding.model import Segment, SegmentCoding
from tut.protocols.model import Code, CodeFamily, CodingFrame

CODES = ("presence", "responsibility", "activity", "other")


def frame(mode: str) -> CodingFrame:
    family = CodeFamily(
        "meaning", "Meaning", codes=tuple(Code(c, c, f"{c} reading") for c in CODES)
    )
    return CodingFrame(f"frame-{mode}", "Frame", mode, (family,))  # type: ignore[arg-type]


SEGMENTS = [
    Segment(
        f"s{i:02d}",
        f"r{i}",
        f"i{i}",
        ("atus-en", "enut-es")[i % 2],
        ("meaning", "sleep")[i // 6],
        "...",
    )
    for i in range(12)
]
# (ana, ben, cai) per segment; None = not coded
EXCLUSIVE = [
    ("presence", "presence", "presence"),
    ("responsibility", "responsibility", "responsibility"),
    ("activity", "activity", "presence"),
    ("presence", "presence", "presence"),
    ("other", "other", None),
    ("responsibility", "presence", "responsibility"),
    ("activity", "activity", "activity"),
    ("presence", "responsibility", "responsibility"),
    ("other", "other", "other"),
    ("responsibility", "responsibility", "responsibility"),
    ("presence", "activity", "presence"),
    (None, "other", None),
]
CODERS = ("ana", "ben", "cai")


def codings(rows: list[tuple[object, ...]]) -> dict[str, dict[str, SegmentCoding]]:
    out: dict[str, dict[str, SegmentCoding]] = {c: {} for c in CODERS}
    for seg, row in zip(SEGMENTS, rows, strict=True):
        for coder, value in zip(CODERS, row, strict=True):
            if value is None:
                continue
            codes = (value,) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
            # ana worked backwards through the list, the others in order
            minute = 59 - int(seg.id[1:]) if coder == "ana" else int(seg.id[1:])
            out[coder][seg.id] = SegmentCoding(
                seg.id, codes, updated=f"2025-03-01T10:{minute:02d}:00"
            )
    return out


def matrix(rows: list[tuple[object, ...]]) -> list[list[object]]:
    return [[row[i] for row in rows] for i in range(len(CODERS))]


def test_exclusive_study_overall_equals_the_table_of_codes() -> None:
    result = study_agreement(SEGMENTS, frame("exclusive"), codings(EXCLUSIVE))
    table = agreement_report(matrix(EXCLUSIVE), "nominal", categories=list(CODES))
    assert result.overall.to_json() == table.to_json()
    assert result.coders == CODERS and result.n_segments == 12
    assert result.overall.single_coded_units == ("s11",)
    assert result.main == "krippendorff_alpha"


def test_uncoded_and_empty_codings_are_missing() -> None:
    rows = codings(EXCLUSIVE)
    rows["cai"]["s04"] = SegmentCoding("s04", ())  # a 'set' with no codes: not coded
    result = study_agreement(SEGMENTS, frame("exclusive"), rows)
    assert result.overall.n_pairable == agreement_report(matrix(EXCLUSIVE)).n_pairable


@pytest.mark.parametrize("by", ["variant", "probe"])
def test_breakdown_by_variant_or_probe_is_agreement_within_each_group(by: str) -> None:
    result = study_agreement(SEGMENTS, frame("exclusive"), codings(EXCLUSIVE), by=by)  # type: ignore[arg-type]
    keys = [s.variant_id if by == "variant" else s.probe_id for s in SEGMENTS]
    assert [g.group for g in result.groups] == list(dict.fromkeys(keys))
    for g in result.groups:
        cols = [i for i, k in enumerate(keys) if k == g.group]
        sub = [[row[i] for i in cols] for row in matrix(EXCLUSIVE)]
        expected = agreement_report(sub, "nominal", categories=list(CODES))
        assert g.report["krippendorff_alpha"].value == expected["krippendorff_alpha"].value
        assert g.report.n_units == expected.n_units


def test_breakdown_by_coder_pair_shows_who_drifts() -> None:
    result = study_agreement(SEGMENTS, frame("exclusive"), codings(EXCLUSIVE), by="coder-pair")
    assert [g.group for g in result.groups] == ["ana + ben", "ana + cai", "ben + cai"]
    m = matrix(EXCLUSIVE)
    for g, (i, j) in zip(result.groups, [(0, 1), (0, 2), (1, 2)], strict=True):
        expected = agreement_report([m[i], m[j]], "nominal", categories=list(CODES))
        assert g.report["cohen_kappa"].value == expected["cohen_kappa"].value
        assert g.report.n_coders == 2


def test_breakdown_by_code_is_present_absent_agreement_for_every_frame_code() -> None:
    result = study_agreement(SEGMENTS, frame("exclusive"), codings(EXCLUSIVE), by="code", seed=3)
    assert [g.group for g in result.groups] == list(CODES)
    for g in result.groups:
        # the code as a 0/1 variable, built here from the rows: 1 = the coder chose it
        present = [
            [np.nan if v is None else float(v == g.group) for v in row] for row in matrix(EXCLUSIVE)
        ]
        by_hand = agreement_report(present, "nominal", categories=[0, 1])
        for name in ("krippendorff_alpha", "fleiss_kappa", "percent_agreement"):
            assert g.report[name].value == pytest.approx(by_hand[name].value, abs=1e-12)
            assert g.report[name].se == pytest.approx(by_hand[name].se, abs=1e-12)


def test_per_code_intervals_come_from_the_unit_bootstrap_or_say_too_few_uses() -> None:
    # 11 segments have two or more coders (s11 has one). 'presence' is on 6 of them and
    # missing from 5: enough for an interval. 'other' is on 2, 'activity' on 3,
    # 'responsibility' on 4: too few uses (fewer than 5).
    result = study_agreement(SEGMENTS, frame("exclusive"), codings(EXCLUSIVE), by="code", seed=3)
    groups = {g.group: g for g in result.groups}
    presence = groups["presence"].report["krippendorff_alpha"]
    assert not groups["presence"].too_few_uses
    assert presence.ci_method == "bootstrap over units, 1000 resamples, seed 3"
    assert presence.bootstrap is not None and presence.ci == presence.bootstrap.ci
    for code in ("other", "activity", "responsibility"):
        g = groups[code]
        assert g.too_few_uses, code
        alpha = g.report["krippendorff_alpha"]
        assert alpha.value is not None and alpha.ci is None
        assert alpha.ci_method.startswith("too few uses")
        assert g.to_json()["too_few_uses"] is True


def test_breakdown_over_time_compares_each_coders_first_and_last_third() -> None:
    result = study_agreement(SEGMENTS, frame("exclusive"), codings(EXCLUSIVE), by="time")
    assert [g.group for g in result.groups] == ["first third", "last third"]
    m = matrix(EXCLUSIVE)
    # ana coded the list backwards, ben and cai in order: keep each coder's codes only on the
    # segments in that coder's own first (last) third of work
    for g, third in zip(result.groups, (0, 2), strict=True):
        masked = []
        for ci, row in enumerate(m):
            done = [i for i in range(12) if row[i] is not None]
            if CODERS[ci] == "ana":
                done = done[::-1]
            keep = {i for rank, i in enumerate(done) if rank * 3 // len(done) == third}
            masked.append([v if i in keep else None for i, v in enumerate(row)])
        expected = agreement_report(masked, "nominal", categories=list(CODES))
        assert g.report.to_json() == expected.to_json()


def test_multiple_code_frame_reports_set_alphas_and_per_code() -> None:
    rows = [
        (("presence",), ("presence", "responsibility"), ("presence",)),
        (("responsibility",), ("responsibility",), ("responsibility", "other")),
        (("activity",), ("activity",), ("activity",)),
        (("presence", "other"), ("presence", "other"), None),
        (("other",), ("other",), ("other",)),
        (("presence",), ("responsibility",), ("presence",)),
    ] * 2
    result = study_agreement(SEGMENTS, frame("multiple"), codings(rows))
    assert result.overall.names == ("krippendorff_alpha_masi", "krippendorff_alpha_jaccard")
    assert result.main == "krippendorff_alpha_masi"
    sets = [[None if v is None else set(v) for v in row] for row in matrix(rows)]
    assert result.overall.to_json() == set_report(sets).to_json()
    by_code = study_agreement(SEGMENTS, frame("multiple"), codings(rows), by="code")
    assert [g.group for g in by_code.groups] == list(CODES)
    presence_alpha = by_code.groups[0].report["krippendorff_alpha"]
    assert presence_alpha.defined and presence_alpha.value < 1.0


def test_study_json_carries_overall_and_breakdown() -> None:
    result = study_agreement(
        SEGMENTS, frame("exclusive"), codings(EXCLUSIVE), by="variant", bootstrap=200, seed=3
    )
    out = result.to_json()
    assert out["mode"] == "exclusive" and out["by"] == "variant"
    assert out["single_coded_segments"] == ["s11"]
    assert [b["group"] for b in out["breakdown"]] == ["atus-en", "enut-es"]
    assert "bootstrap" in out["overall"]["krippendorff_alpha"]
    assert {"n_units", "n_coders", "n_pairable"} <= set(out["breakdown"][0])


def test_study_inputs_the_engine_cannot_use_are_refused() -> None:
    with pytest.raises(ReliabilityDataError, match="at least two coders"):
        study_agreement(SEGMENTS, frame("exclusive"), {"ana": codings(EXCLUSIVE)["ana"]})
    two_codes = codings(EXCLUSIVE)
    two_codes["ben"]["s00"] = SegmentCoding("s00", ("presence", "other"))
    with pytest.raises(ReliabilityDataError, match="ben put 2 codes on segment s00"):
        study_agreement(SEGMENTS, frame("exclusive"), two_codes)
    with pytest.raises(ReliabilityDataError, match="breakdown must be one of"):
        study_agreement(SEGMENTS, frame("exclusive"), codings(EXCLUSIVE), by="wording")  # type: ignore[arg-type]


def test_a_code_outside_the_frame_is_kept_not_lost() -> None:
    rows = codings(EXCLUSIVE)
    rows["ana"]["s00"] = SegmentCoding("s00", ("retired-code",))
    result = study_agreement(SEGMENTS, frame("exclusive"), rows, by="code")
    assert result.groups[-1].group == "retired-code"
    assert np.isfinite(result.overall["krippendorff_alpha"].value)
