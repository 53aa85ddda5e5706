"""Bootstrap distribution of Krippendorff's alpha, as Hayes and Krippendorff (2007) describe.

Not the default: ``--bootstrap-method pairs`` (``bootstrap_method="pairs"``). It treats the
pairs of values within a unit as independent draws, so with more than two coders per unit
its interval is too narrow (5 coders: about half the width of the bootstrap over units,
:mod:`.unit_bootstrap`, which is the default). It is kept to reproduce KALPHA.

What is resampled, exactly (Hayes and Krippendorff 2007; Krippendorff's "Algorithm for
bootstrapping a distribution of alpha", 2006, revised 2011; the KALPHA macro, version 3.0):

- units are NOT resampled. The pairs of pairable values are: a draw is one cell (c, k) of
  the observed coincidence matrix, c <= k, taken with probability ``o_ck / n..`` on the
  diagonal and ``2 o_ck / n..`` off it. Each unit with m_u >= 2 values has put
  m_u (m_u - 1) ordered pairs of weight 1 / (m_u - 1) into that matrix, so a unit weighs
  by its values, not by its pairs; a unit only one coder coded puts nothing in it and is
  never drawn;
- each resample draws, with replacement, as many pairs as the data hold,
  ``M = sum_u m_u (m_u - 1) / 2`` (Hayes and Krippendorff's example draws its 239 pairs,
  the macro's "Pairs"). Krippendorff's 2011 revision and KALPHA 3.0 draw
  ``min(25 Q, (m - 1) n.. / 2)`` instead (Q = non-empty cells, m = coders): the same number
  for complete data with few cells, but a speed cap that on a large table (Q = 64 cells,
  200,000 units) would draw 1,600 pairs and give an interval far wider than the data
  warrant. It is not used; ``pairs_per_resample`` reports M;
- the resample's observed disagreement is the mean difference ``delta^2_ck`` of its M
  pairs; the expected disagreement ``D_e`` stays the one observed, so
  ``alpha_b = 1 - D_o,b / D_e``;
- as in the algorithm, resampled alphas below -1 are set to -1, and a resample whose pairs
  all fall in one diagonal cell (no variation: alpha would be 0/0) counts as alpha = 0.
  The macro sets ``round(X sum_c (o_cc / n..)^M)`` of its alpha = 1 resamples to 0, the
  expected number of such resamples; counting the draws tells exactly which ones they are;
- the interval is read off the sorted resampled alphas as the macro does: for X resamples
  and a 95% level, the ``trunc(0.025 X)``-th and the ``(trunc(0.975 X) + 1)``-th values
  (the 25th and the 976th of 1,000); ``p_below`` is the share of resampled alphas below
  Krippendorff's (2004) thresholds 0.667 and 0.800 (the macro's q for alphamin).

Vectorised: the number of draws landing in each of the V (V + 1) / 2 cells is one
multinomial draw per resample, so X resamples cost an (X, V (V + 1) / 2) integer array and a
matrix product, whatever the number of units. Seeded with ``numpy.random.default_rng(seed)``:
the same seed gives the same distribution. Without a seed one is drawn and reported, so any
run can be repeated.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tut.agreement.coefficients import CI_LEVEL, Bootstrap, as_data
from tut.agreement.coincidences import Coincidences, alpha_undefined, coincidences
from tut.agreement.data import ReliabilityData

THRESHOLDS = (0.667, 0.800)


def bootstrap_alpha(
    data: ReliabilityData | npt.ArrayLike,
    level: str | None = None,
    *,
    resamples: int = 1000,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
) -> Bootstrap | None:
    """Bootstrap alpha for (M coders, N units) data; None when alpha is undefined."""
    d = as_data(data, level)
    if alpha_undefined(d):
        return None
    co = coincidences(d)
    if co.expected_disagreement <= 0:
        return None
    return bootstrap_from_coincidences(co, resamples, seed=seed, ci_level=ci_level)


def bootstrap_from_coincidences(
    co: Coincidences,
    resamples: int,
    *,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
) -> Bootstrap:
    """Resample pairs of pairable values from the coincidence matrix (see module docstring).

    Parameters
    ----------
    co : Coincidences
        Observed coincidences o (V, V), differences delta^2 (V, V), n.. and the pair count.
    resamples : int
        Number X of resamples.
    seed : int, optional
        Seed of ``numpy.random.default_rng``: the same seed gives the same distribution.
        None draws a seed (:func:`fresh_seed`), reported in the result.

    Returns
    -------
    Bootstrap
    """
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    v = co.o.shape[0]
    upper = np.triu_indices(v)
    p = np.where(upper[0] == upper[1], 1.0, 2.0) * co.o[upper] / co.n_pairable
    p = np.clip(p, 0.0, None)
    p = p / p.sum()
    delta = co.d[upper]
    draws = max(int(co.n_pairs), 1)
    if seed is None:
        seed = fresh_seed()
    rng = np.random.default_rng(seed)
    hits = rng.multinomial(draws, p, size=resamples)  # (X, cells)
    d_o = hits @ delta / draws
    alphas = 1.0 - d_o / co.expected_disagreement
    diagonal = upper[0] == upper[1]
    no_variation = (hits[:, diagonal] == draws).any(axis=1)
    alphas[no_variation] = 0.0
    np.maximum(alphas, -1.0, out=alphas)
    alphas.sort()
    lo, hi = percentile_interval(alphas, ci_level)
    p_below = tuple((t, float(np.mean(alphas < t))) for t in THRESHOLDS)
    return Bootstrap(resamples, seed, draws, (lo, hi), p_below, alphas)


def percentile_interval(
    sorted_alphas: npt.NDArray[np.float64], ci_level: float
) -> tuple[float, float]:
    """The KALPHA macro's percentile interval: the ``trunc(tail X)``-th and the
    ``(trunc((1 - tail) X) + 1)``-th of the X sorted alphas (1-based, kept within 1..X)."""
    x = int(sorted_alphas.shape[0])
    tail = (1.0 - ci_level) / 2.0
    lo = min(max(int(tail * x + 1e-9), 1), x)
    hi = min(max(int((1.0 - tail) * x + 1e-9) + 1, 1), x)
    return float(sorted_alphas[lo - 1]), float(sorted_alphas[hi - 1])


def fresh_seed() -> int:
    """A seed from the operating system's entropy, small enough to type back as ``--seed``."""
    return int(np.random.default_rng().integers(1_000_000_000))
