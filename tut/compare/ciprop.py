"""Proportion intervals that stay inside [0, 1], as R's ``svyciprop``.

* ``logit``: the Wald interval of logit(p) from the intercept-only quasibinomial
  ``svyglm``, back-transformed. With Taylor linearisation the intercept's SE is
  ``SE(p) / (p (1 - p))`` exactly; with replicate weights it is the spread of the
  replicates' logits (``svyglm`` refits each replicate).
* ``beta`` (Korn-Graubard): Clopper-Pearson with the effective sample size
  ``p (1 - p) / Var(p)``, adjusted by ``(t_{n-1} / t_{degf})^2``.

Both use, as ``svyciprop`` does by default, a t with the design degrees of freedom of the
domain (``degf(subset(design, ...))``), and n the rows of the domain.
"""

from __future__ import annotations

import math

Bounds = tuple[float, float]


def logit_interval(p: float, se_logit: float, ci_level: float, df: float) -> Bounds | None:
    """``expit(logit(p) -/+ t_df se)``; None when p is 0 or 1 or nothing is defined."""
    from scipy.special import expit, stdtrit

    if not (0 < p < 1) or not math.isfinite(se_logit) or not df >= 1:
        return None
    half = float(stdtrit(df, 1 - (1 - ci_level) / 2)) * se_logit
    centre = math.log(p / (1 - p))
    return float(expit(centre - half)), float(expit(centre + half))


def beta_interval(p: float, se: float, n_rows: int, df: float, ci_level: float) -> Bounds | None:
    """Korn-Graubard interval; None when the effective n is undefined."""
    from scipy.special import betaincinv, stdtrit

    if not (0 <= p <= 1) or not se > 0 or not df >= 1 or n_rows < 2:
        return None
    alpha = 1 - ci_level
    n_eff = p * (1 - p) / (se * se)
    n_eff *= (float(stdtrit(n_rows - 1, alpha / 2)) / float(stdtrit(df, alpha / 2))) ** 2
    low = float(betaincinv(n_eff * p, n_eff * (1 - p) + 1, alpha / 2)) if p > 0 else 0.0
    high = float(betaincinv(n_eff * p + 1, n_eff * (1 - p), 1 - alpha / 2)) if p < 1 else 1.0
    return low, high
