"""The breakdowns' shared unit draws: one set of resamples of the study's units, each group's
coefficient recomputed on the draws restricted to its units."""

from __future__ import annotations

import numpy as np
import pytest

from tests.test_agreement_study import CODES, EXCLUSIVE, SEGMENTS, codings, frame
from tut.agreement import agreement_report, reliability_data
from tut.agreement.shared_bootstrap import shared_bootstrap, shared_draws
from tut.coding.agreement import By, StudyAgreement, codings_agreement, study_agreement

NAMES = ["krippendorff_alpha", "fleiss_kappa", "conger_kappa", "gwet_ac1", "percent_agreement"]


def group_table(rng: np.random.Generator) -> list[list[object]]:
    """3 coders x 30 units, mostly agreeing, a few codes missing, the last unit coded once."""
    truth = rng.integers(0, 4, size=30)
    codes = np.where(rng.random((3, 30)) < 0.7, truth, rng.integers(0, 4, size=(3, 30)))
    table: list[list[object]] = codes.astype(object).tolist()
    table[2][3] = None
    table[1][29] = table[2][29] = None
    return table


def test_each_resample_is_the_group_repeated_by_its_units_draws() -> None:
    """Brute force: every resampled value equals the coefficient on the group's units, each
    repeated as often as it was drawn (its size varies with the draw)."""
    table = group_table(np.random.default_rng(3))
    data = reliability_data(table, "nominal", categories=[0, 1, 2, 3])
    draws = shared_draws(50, 40, seed=9)
    positions = np.r_[np.arange(10, 39), -1]  # the group is 29 of the study's 50 drawn units
    boots = shared_bootstrap(data, NAMES, draws, positions)
    grid = np.array(table, dtype=object)
    expected: dict[str, list[float]] = {name: [] for name in NAMES}
    for r in range(draws.resamples):
        times = draws.counts[positions[:29], r].astype(int)
        again = np.repeat(grid[:, :29], times, axis=1)
        rep = agreement_report(again.tolist(), "nominal", categories=[0, 1, 2, 3])
        for name in NAMES:
            expected[name].append(rep[name].value)  # type: ignore[arg-type]
    for name in NAMES:
        assert boots[name].alphas == pytest.approx(sorted(expected[name]), abs=1e-12), name
        assert boots[name].shared and boots[name].resamples == 40 and boots[name].seed == 9


def test_draws_count_every_unit_n_times_per_resample() -> None:
    draws = shared_draws(1000, 30, seed=1)
    assert draws.counts.shape == (1000, 30)
    assert (draws.counts.sum(axis=0) == 1000).all()
    again = shared_draws(1000, 30, seed=1)
    assert np.array_equal(draws.counts, again.counts)


@pytest.mark.parametrize("by", ["variant", "probe", "coder-pair", "time"])
def test_breakdowns_share_the_study_draws_and_say_so(by: By) -> None:
    rows = codings(EXCLUSIVE)
    result = study_agreement(SEGMENTS, frame("exclusive"), rows, by, bootstrap=200, seed=4)
    alone = agreement_report(
        [[row[i] for row in EXCLUSIVE] for i in range(3)],
        "nominal",
        categories=list(CODES),
        bootstrap=200,
        seed=4,
    )
    overall = result.overall["krippendorff_alpha"]
    assert overall.ci == alone["krippendorff_alpha"].ci  # the overall keeps its own draws
    assert overall.ci_method == "bootstrap over units, 200 resamples, seed 4"
    for g in result.groups:
        alpha = g.report["krippendorff_alpha"]
        assert alpha.ci_method == (
            "bootstrap over the study's units, one set of 200 resamples for every group "
            "(group sizes vary), seed 4"
        )
        assert g.report.to_json()["krippendorff_alpha"]["bootstrap"]["shared_across_groups"]


@pytest.mark.parametrize("mode", ["exclusive", "multiple"])
def test_group_intervals_do_not_depend_on_the_order_segments_are_listed(mode: str) -> None:
    ids = [s.id for s in SEGMENTS]
    keys = [s.variant_id for s in SEGMENTS]
    rows = codings(EXCLUSIVE)
    listed = codings_agreement(
        ids, frame(mode), rows, "variant", group_keys=keys, bootstrap=300, seed=2
    )
    backwards = codings_agreement(
        ids[::-1], frame(mode), rows, "variant", group_keys=keys[::-1], bootstrap=300, seed=2
    )

    def intervals(result: StudyAgreement) -> dict[tuple[str, str], object]:
        return {
            (g.group, c.name): c.bootstrap.to_json()
            for g in result.groups
            for c in g.report.coefficients
            if c.bootstrap
        }

    assert intervals(listed) == intervals(backwards)
    assert len(intervals(listed)) >= 2
