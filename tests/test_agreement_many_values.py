"""Alpha on many distinct values (minutes as codes) without values x values matrices:
nominal from per-unit value counts, ordinal as interval alpha on mid-ranks; ratio alpha has
no such form and is refused, before allocating, with the fix."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from conftest import CliResult

from tut.agreement import ReliabilityDataError, krippendorff_alpha, reliability_data
from tut.agreement.alpha import MANY_VALUES
from tut.agreement.coincidences import MAX_MATRIX_CELLS


def _minutes(units: int, values: int, seed: int, coders: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, values, units)
    rows = [truth]
    for _ in range(coders - 1):
        moved = rng.random(units) < 0.4  # most coders agree exactly, some are off
        shift = rng.integers(-values // 30, values // 30 + 1, units)
        rows.append(np.clip(truth + moved * shift, 0, values - 1))
    x = np.vstack(rows).astype(float)
    x[1:, :][rng.random((coders - 1, units)) < 0.1] = np.nan  # some units coded once
    return x


def _refuse_matrices(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a V x V matrix was built")

    for module in ("coefficients", "coincidences", "unit_bootstrap"):
        monkeypatch.setattr(importlib.import_module(f"tut.agreement.{module}"),
                            "distance_matrix", refuse)


@pytest.mark.parametrize("level", ["nominal", "ordinal"])
@pytest.mark.parametrize("coders", [2, 4])
def test_many_values_equal_the_package_and_the_matrix_route(
    level: str, coders: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    x = _minutes(220 if coders == 2 else 150, 5000, seed=21 + coders, coders=coders)
    d = reliability_data(x, level)
    assert d.n_categories > MANY_VALUES  # the path without V x V matrices
    theirs = krippendorff.alpha(x, level_of_measurement=level)
    fast = krippendorff_alpha(d)
    assert fast.value == pytest.approx(theirs, abs=1e-12)
    monkeypatch.setattr(importlib.import_module("tut.agreement.alpha"), "MANY_VALUES", 10**9)
    matrices = krippendorff_alpha(x, level)
    assert (fast.value, fast.se) == pytest.approx((matrices.value, matrices.se), abs=1e-12)
    assert fast.ci == pytest.approx(matrices.ci, abs=1e-12)


def test_nominal_alpha_on_many_values_never_builds_a_values_by_values_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 50,000 distinct values: one V x V float matrix would take 20 GB. Alpha, its SE and a
    # bootstrap over units are computed while building one is made impossible.
    _refuse_matrices(monkeypatch)
    x = _minutes(200_000, 50_000, seed=31, coders=3)
    d = reliability_data(x, "nominal")
    assert d.n_categories > 40_000
    alpha = krippendorff_alpha(d, bootstrap=20, seed=1)
    assert alpha.value is not None and 0.3 < alpha.value < 0.9
    assert alpha.se is not None and alpha.bootstrap is not None
    assert alpha.bootstrap.ci[0] < alpha.value < alpha.bootstrap.ci[1]


def test_ordinal_alpha_on_many_values_needs_no_matrix_but_its_bootstrap_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _refuse_matrices(monkeypatch)
    x = _minutes(20_000, 10_000, seed=32)
    alpha = krippendorff_alpha(x, "ordinal")
    assert alpha.value is not None and alpha.se is not None
    with pytest.raises(ReliabilityDataError, match="bin the values"):
        krippendorff_alpha(x, "ordinal", bootstrap=20, seed=1)


def test_ratio_alpha_on_too_many_values_is_refused_before_allocating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _refuse_matrices(monkeypatch)
    values = int(MAX_MATRIX_CELLS**0.5) + 10
    x = np.vstack([np.arange(values), np.arange(values)]) + 1.0
    x[1, ::2] += 1.0
    d = reliability_data(x, "ratio")
    assert d.n_categories ** 2 > MAX_MATRIX_CELLS
    with pytest.raises(ReliabilityDataError) as caught:
        krippendorff_alpha(d)
    message = str(caught.value)
    assert f"{d.n_categories} distinct values at the ratio level" in message
    assert "bin the values" in message and "interval level" in message


def test_ratio_alpha_below_the_limit_still_equals_the_package() -> None:
    x = _minutes(200, 600, seed=34) + 1.0
    theirs = krippendorff.alpha(x, level_of_measurement="ratio")
    assert krippendorff_alpha(x, "ratio").value == pytest.approx(theirs, abs=1e-12)


def test_the_cli_names_the_table_and_the_fix_for_ratio_alpha_on_too_many_values(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    values = int(MAX_MATRIX_CELLS**0.5) + 10
    path = tmp_path / "minutes.csv"
    path.write_text("unit,ana,ben\n" + "".join(f"u{i},{i + 1},{i + 1 + i % 2}\n"
                                               for i in range(values)), encoding="utf-8")
    result = run_cli("agreement", "--table", str(path), "--level", "ratio")
    assert result.code == 2 and result.out == ""
    [line] = result.err.strip().splitlines()
    assert line.startswith(f"error: {path}: ") and "distinct values at the ratio level" in line
    assert "bin the values" in line
    interval = run_cli("agreement", "--table", str(path), "--level", "interval")
    assert interval.code == 0 and "Krippendorff's alpha (interval)" in interval.out
