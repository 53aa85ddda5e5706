"""Reading only some columns, batch by batch, with progress: the path for large files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pyreadstat
import pytest

from tut.microdata import iter_batches, read_codebook, read_columns


@pytest.fixture(scope="module")
def wide_sav(tmp_path_factory):
    """20,000 rows x 30 columns, with user-missing codes spread through the file."""
    rng = np.random.default_rng(11)
    n = 20_000
    data = {f"w{i:02d}": rng.uniform(0, 100, n) for i in range(1, 26)}
    data["sex"] = rng.integers(1, 3, n).astype(float)
    data["care"] = rng.choice([-2.0, -1.0, 0.0, 15.0, 60.0, 999.0], n)
    data["variant"] = rng.integers(1, 3, n).astype(float)
    data["note"] = rng.choice(["", "a", "bb"], n)
    data["id"] = np.arange(n, dtype=float)
    frame = pd.DataFrame(data)
    frame.loc[rng.choice(n, 500, replace=False), "care"] = np.nan
    path = tmp_path_factory.mktemp("wide") / "wide.sav"
    pyreadstat.write_sav(
        frame, str(path), missing_ranges={"care": [-1, {"lo": 900, "hi": 1000}]},
        variable_value_labels={"sex": {1: "Male", 2: "Female"}},
    )
    return path, frame


def test_only_the_asked_columns_in_the_asked_order(wide_sav):
    path, frame = wide_sav
    got = read_columns(path, ["variant", "care", "w03"])
    assert got.columns == ["variant", "care", "w03"]
    assert got["w03"].to_list() == frame["w03"].tolist()
    expected_care = [None if np.isnan(x) else x for x in frame["care"]]
    assert got["care"].to_list() == expected_care  # -1, 999 (declared missing) kept; NaN -> null


@pytest.mark.parametrize("engine", ["polars-readstat", "pyreadstat"])
def test_batches_add_up_to_the_whole_file_in_row_order(wide_sav, engine):
    path, frame = wide_sav
    seen: list[tuple[int, int]] = []
    batches = list(iter_batches(path, ["id", "care", "note"], batch_rows=3_000, engine=engine,
                                progress=lambda done, total: seen.append((done, total))))
    assert len(batches) >= 2 and all(b.height <= 3_000 for b in batches)
    whole = pl.concat(batches)
    assert whole["id"].to_list() == list(range(20_000))
    assert whole.equals(read_columns(path, ["id", "care", "note"], engine="pyreadstat"))
    assert seen[-1] == (20_000, 20_000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_progress_is_reported_for_a_whole_read(wide_sav):
    path, _ = wide_sav
    seen: list[tuple[int, int]] = []
    read_columns(path, ["w01"], progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (20_000, 20_000)


def test_user_missing_codes_are_counted_from_the_codebook(wide_sav):
    path, frame = wide_sav
    book = read_codebook(path)
    care = book.variable("care")
    got = read_columns(path, ["care"], codebook=book)
    n_missing_codes = got.select(care.missing_expr().sum()).item()
    raw = frame["care"]
    assert n_missing_codes == int(raw.isin([-1.0]).sum() + raw.between(900, 1000).sum())
    assert got["care"].null_count() == 500


def test_a_stopped_batch_read_can_be_abandoned(wide_sav):
    path, _ = wide_sav
    reader = iter_batches(path, ["id"], batch_rows=1_000)
    first = next(reader)
    reader.close()  # the caller stops early: no error, nothing left open
    assert first["id"].to_list()[:3] == [0.0, 1.0, 2.0]


def test_zero_row_file_gives_an_empty_frame_with_the_right_types(tmp_path):
    path = tmp_path / "empty_rows.sav"
    pyreadstat.write_sav(pd.DataFrame({"x": pd.Series([], dtype=float),
                                       "s": pd.Series([], dtype=object)}), str(path))
    frame = read_columns(path, ["x", "s"])
    assert frame.height == 0
    assert frame.schema == pl.Schema({"x": pl.Float64, "s": pl.String})


def test_dta_and_sav_of_the_same_data_read_the_same(tmp_path, wide_sav):
    _, frame = wide_sav
    small = frame[["id", "sex", "w01"]].head(500)
    pyreadstat.write_sav(small, str(tmp_path / "s.sav"))
    pyreadstat.write_dta(small, str(tmp_path / "s.dta"))
    a = read_columns(tmp_path / "s.sav", ["id", "sex", "w01"])
    b = read_columns(tmp_path / "s.dta", ["id", "sex", "w01"])
    assert a.equals(b)


@pytest.mark.parametrize("batch_rows", [None, 3_000])
def test_user_missing_codes_survive_a_wide_read(wide_sav, batch_rows):
    """Among many columns, the few that declare missing codes are read apart (faster) and
    put back in each batch: the codes are kept and the rows still line up."""
    path, frame = wide_sav
    names = list(frame.columns)
    batches = list(iter_batches(path, names, batch_rows=batch_rows, engine="polars-readstat"))
    if batch_rows:
        assert len(batches) == 7
    bulk = pl.concat(batches)
    assert bulk.columns == names
    assert bulk.equals(read_columns(path, names, engine="pyreadstat"))
    codes = frame["care"].isin([-1.0]) | frame["care"].between(900, 1000)
    assert bulk.select(read_codebook(path).variable("care").missing_expr().sum()).item() == int(
        codes.sum())


def test_restored_columns_are_put_back_whatever_their_batch_sizes():
    """The reader of the codes may cut its batches elsewhere than the plain reader."""
    from tut.microdata.polars_reader import _put_back

    plain = [pl.DataFrame({"id": range(a, b), "care": [None] * (b - a)}, schema_overrides={
        "care": pl.Float64}) for a, b in [(0, 4), (4, 4), (4, 11), (11, 12)]]
    codes = [pl.DataFrame({"care": [float(-i) for i in range(a, b)]})
             for a, b in [(0, 1), (1, 9), (9, 12)]]
    got = pl.concat(list(_put_back(iter(plain), iter(codes), ["care"])))
    assert got["id"].to_list() == list(range(12))
    assert got["care"].to_list() == [float(-i) for i in range(12)]
    with pytest.raises(ValueError, match="gave 9 rows of care but more rows"):
        list(_put_back(iter(plain), iter(codes[:2]), ["care"]))
    with pytest.raises(ValueError, match="gave 12 rows of care but 11 rows"):
        list(_put_back(iter(plain[:3]), iter(codes), ["care"]))
