"""Finite population correction of a one-stage design, as R's ``svydesign(fpc = ~f)``.

The fpc variable holds, per stratum, the number of PSUs in the population (N_h) or, when
every value is at most 1, the share of them sampled (n_h / N_h). Each stratum's variance
is multiplied by ``1 - n_h / N_h`` (R's ``onestrat``), so a stratum sampled whole adds
nothing.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import polars as pl

from tut.compare.design import TaylorDesign
from tut.compare.model import ComparisonSpec, DatasetSpec, TaylorSpec
from tut.errors import number_text


def with_fpc(
    spec: ComparisonSpec, ds: DatasetSpec, t: TaylorSpec, design: TaylorDesign, values: np.ndarray
) -> TaylorDesign:
    """The design with each stratum's factor ``1 - n_h / N_h``; bad fpc values are errors."""
    ptr = f"{t.pointer}/fpc"
    bad = ~np.isfinite(values) | (values <= 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise spec.error(ptr, f"fpc {t.fpc!r} is {number_text(values[row])} in row {row + 1} of "
                         f"{ds.file.name}", "the fpc is a population count or a sampling share "
                         "above 0 in every row")
    stratum = design.psu_stratum[design.psu]
    low = np.full(design.n_strata, np.inf)
    high = np.full(design.n_strata, -np.inf)
    np.minimum.at(low, stratum, values)
    np.maximum.at(high, stratum, values)
    if (low != high).any():
        h = int(np.flatnonzero(low != high)[0])
        raise spec.error(ptr, f"fpc {t.fpc!r} differs within a stratum of {ds.file.name} "
                         f"({number_text(low[h])} and {number_text(high[h])})",
                         "give each stratum one population count (R: fpc must be the same "
                         "within strata)")
    n_h = design.psus_per_stratum.astype(np.float64)
    population = n_h / low if (values <= 1).all() else low
    over = population < n_h - 1e-9
    if over.any():
        h = int(np.flatnonzero(over)[0])
        raise spec.error(ptr, f"fpc {t.fpc!r} says {number_text(population[h])} PSUs in a "
                         f"stratum's population, but {int(n_h[h])} were sampled",
                         "give the number of PSUs in the population, or the sampled share")
    return dataclasses.replace(design, fpc=(population - n_h) / population)


def with_second_stage(
    spec: ComparisonSpec, ds: DatasetSpec, t: TaylorSpec, design: TaylorDesign, frame: pl.DataFrame
) -> TaylorDesign:
    """Number the second-stage units within PSUs and take each PSU's ``1 - m_i / M_i``
    (R's ``svydesign(ids = ~psu + ssu, fpc = ~fpc + fpc2)``)."""
    if not (t.ssu and t.fpc2 and t.fpc):
        missing = [k for k, v in (("ssu", t.ssu), ("fpc", t.fpc), ("fpc2", t.fpc2)) if not v]
        raise spec.error(f"{t.pointer}/{'ssu' if t.ssu else 'fpc2'}",
                         f"a second stage needs ssu, fpc and fpc2 ({', '.join(missing)} not "
                         "given); without population counts R uses the first stage only",
                         "give all three, or remove ssu and fpc2")
    col = frame[t.ssu]
    codes = col.cast(pl.String).to_numpy() if col.dtype == pl.String else col.to_numpy()
    _, local = np.unique(codes, return_inverse=True)
    pair = design.psu.astype(np.int64) * (int(local.max(initial=0)) + 1) + local.reshape(-1)
    uniq, ssu = np.unique(pair, return_inverse=True)
    ssu_psu = np.zeros(len(uniq), dtype=np.int64)
    ssu_psu[ssu] = design.psu
    values = frame[t.fpc2].cast(pl.Float64).to_numpy()
    ptr = f"{t.pointer}/fpc2"
    bad = ~np.isfinite(values) | (values <= 0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise spec.error(ptr, f"fpc2 {t.fpc2!r} is {number_text(values[row])} in row {row + 1}"
                         f" of {ds.file.name}", "give a population count or a share above 0")
    low = np.full(design.n_psu, np.inf)
    high = np.full(design.n_psu, -np.inf)
    np.minimum.at(low, design.psu, values)
    np.maximum.at(high, design.psu, values)
    if (low != high).any():
        raise spec.error(ptr, f"fpc2 {t.fpc2!r} differs within a PSU of {ds.file.name}",
                         "give each PSU one population count of second-stage units")
    m = np.bincount(ssu_psu, minlength=design.n_psu).astype(np.float64)
    population = m / low if (values <= 1).all() else low
    if (population < m - 1e-9).any():
        raise spec.error(ptr, f"fpc2 {t.fpc2!r} is below the second-stage units sampled in a PSU",
                         "give the number of second-stage units in the PSU's population")
    if design.lonely_psu == "fail" and (m == 1).any():
        raise spec.error(f"{t.pointer}/ssu", "a PSU has a single second-stage unit and the "
                         "design has no lonely_psu rule", "set design.lonely_psu")
    return dataclasses.replace(design, ssu=ssu.reshape(-1).astype(np.int64), ssu_psu=ssu_psu,
                               fpc2=(population - m) / population)
