"""Finite population correction of a one-stage design, as R's ``svydesign(fpc = ~f)``.

The fpc variable holds, per stratum, the number of PSUs in the population (N_h) or, when
every value is at most 1, the share of them sampled (n_h / N_h). Each stratum's variance
is multiplied by ``1 - n_h / N_h`` (R's ``onestrat``), so a stratum sampled whole adds
nothing.
"""

from __future__ import annotations

import dataclasses

import numpy as np

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
