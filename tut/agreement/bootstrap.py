"""Bootstrap distribution of Krippendorff's alpha, as Hayes and Krippendorff (2007) describe.

What is resampled, exactly:

- the *pairs of pairable values*, not units: a draw is one cell (c, k) of the observed
  coincidence matrix, taken with probability ``o_ck / n..`` (each unit with m_u values gives
  m_u (m_u - 1) ordered pairs weighted 1 / (m_u - 1), so units coded by more coders do not
  weigh more than their values; units one coder coded give no pair);
- each resample draws as many pairs as the data hold, ``sum_u m_u (m_u - 1) / 2`` (Hayes and
  Krippendorff's example draws its 239 pairs), with replacement;
- the observed disagreement of a resample is the mean difference ``delta^2_ck`` of its pairs;
  the expected disagreement ``D_e`` stays the one observed, so
  ``alpha_b = 1 - D_o,b / D_e`` (Krippendorff's algorithm, 2006, revised 2011);
- as in that algorithm, resampled alphas below -1 are set to -1, and a resample whose pairs
  all fall in one diagonal cell (no variation: alpha would be 0/0) counts as alpha = 0.
  Krippendorff sets about ``X sum_c p_cc^M`` such resamples to 0; counting the draws tells
  exactly which ones they are.

Vectorised: the number of draws landing in each of the V (V + 1) / 2 cells is one
multinomial draw per resample, so 1,000 resamples cost a (1000, V (V + 1) / 2) integer
array and a matrix product, whatever the number of units.

The interval is the percentile interval of the resampled alphas; ``p_below`` gives the
probability that alpha is below Krippendorff's (2004) thresholds 0.667 and 0.800.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tut.agreement.coefficients import (
    CI_LEVEL,
    AlphaBootstrap,
    Coincidences,
    _alpha_undefined,
    as_data,
    coincidences,
)
from tut.agreement.data import ReliabilityData

THRESHOLDS = (0.667, 0.800)


def bootstrap_alpha(
    data: ReliabilityData | npt.ArrayLike,
    level: str | None = None,
    *,
    resamples: int = 1000,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
) -> AlphaBootstrap | None:
    """Bootstrap alpha for (M coders, N units) data; None when alpha is undefined."""
    d = as_data(data, level or "nominal")
    if _alpha_undefined(d):
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
) -> AlphaBootstrap:
    """Resample pairs of pairable values from the coincidence matrix (see module docstring).

    Parameters
    ----------
    co : Coincidences
        Observed coincidences o (V, V), differences delta^2 (V, V), n.. and the pair count.
    resamples : int
        Number X of resamples.
    seed : int, optional
        Seed of ``numpy.random.default_rng``: the same seed gives the same distribution.

    Returns
    -------
    AlphaBootstrap
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
    rng = np.random.default_rng(seed)
    hits = rng.multinomial(draws, p, size=resamples)  # (X, cells)
    d_o = hits @ delta / draws
    alphas = 1.0 - d_o / co.expected_disagreement
    diagonal = upper[0] == upper[1]
    no_variation = (hits[:, diagonal] == draws).any(axis=1)
    alphas[no_variation] = 0.0
    np.maximum(alphas, -1.0, out=alphas)
    alphas.sort()
    tail = (1.0 - ci_level) / 2.0
    lo, hi = np.quantile(alphas, [tail, 1.0 - tail])
    p_below = tuple((t, float(np.mean(alphas < t))) for t in THRESHOLDS)
    return AlphaBootstrap(resamples, seed, draws, (float(lo), float(hi)), p_below, alphas)
