"""The covariance of a few cell estimates, as R's survey package reports it.

Most of the time that is a sub-matrix of the design covariance. Two cases differ, and in
both tut follows what R does for the same estimates:

* Replicate designs in which a cell has no respondents under some replicate weight: the
  replicate estimate is 0/0. R (``svrVar``, ``na.action = na.omit``) drops those replicates
  and computes the variance from the rest, with a warning. A single estimate drops the
  replicates where it is undefined (``svymean`` of the domain); a contrast drops the
  replicates where any of its cells is undefined (``svycontrast`` on
  ``svyby(..., covmat = TRUE)``). With ``mse: false`` the centre is the mean of the
  replicates kept.
* ``lonely_psu: average`` in domains: R's ``svymean`` on a domain (its subset drops rows)
  averages over the strata *present in the domain*, ``H_d / (H_d - L_d)`` with ``L_d`` the
  lonely strata among them, not over all strata of the design. A contrast averages over the
  strata present in any of its cells (the design ``svyby`` was given).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tut.compare.design import ReplicateDesign
from tut.compare.glm_logit import MAX_STEPS, converged, irls_terms, linkinv, mu_eta


@dataclass(frozen=True)
class CellVariance:
    """One dataset's covariance of its K cells, and what R-style sub-matrices need."""

    vcov: np.ndarray
    """(K, K) design covariance (NaN where a replicate was undefined)."""
    replicates: np.ndarray | None = None
    """(R, K) replicate estimates (replicate designs)."""
    design: ReplicateDesign | None = None
    full: np.ndarray | None = None
    """(K,) full-sample estimates (the centre of ``mse`` replicate designs)."""
    present: np.ndarray | None = None
    """(K, H) strata with rows in each cell, kept only for ``lonely_psu: average`` with
    lonely strata; ``vcov`` is then scaled by ``H / (H - L)`` over all strata."""
    lonely: np.ndarray | None = None
    """(H,) True for strata with one PSU."""

    def cov(self, idx: np.ndarray) -> np.ndarray:
        """Covariance of the cells ``idx`` (local positions) as R reports it."""
        if self.replicates is not None and self.design is not None and self.full is not None:
            reps = self.replicates[:, idx]
            kept = ~np.isnan(reps).any(axis=1)
            if not kept.all():
                return _replicate_cov(reps[kept], self.full[idx], self.design, kept)
        sub = self.vcov[np.ix_(idx, idx)]
        if self.present is None or self.lonely is None:
            return sub
        return sub / average_factor(self.lonely, None) * average_factor(
            self.lonely, self.present[idx].any(axis=0))

    def logit_se(self, k: int) -> float | None:
        """SE of logit(estimate) from the replicates, as ``svyglm`` refits each one
        (``svyciprop(method = "logit")``); None without replicates (Taylor: the delta
        method is exact for one proportion) or when the estimate is 0 or 1."""
        if self.replicates is None or self.design is None or self.full is None:
            return None
        p = float(self.full[k])
        if not 0 < p < 1:
            return None
        full = math.log(p / (1 - p))
        reps = self.replicates[:, k]
        kept = ~np.isnan(reps)
        logits = _glm_logits(reps, full)
        v = _replicate_cov(logits[kept, None], np.array([full]), self.design, kept)
        return float(np.sqrt(v[0, 0])) if v[0, 0] >= 0 else None

    def dropped(self, k: int) -> int:
        """Replicates left out of cell k's variance (its estimate there is undefined)."""
        if self.replicates is None:
            return 0
        return int(np.isnan(self.replicates[:, k]).sum())

    @property
    def any_dropped(self) -> bool:
        return self.replicates is not None and bool(np.isnan(self.replicates).any())


def _glm_logits(p: np.ndarray, start: float) -> np.ndarray:
    """The intercept R's ``glm.fit`` reaches for replicates whose weighted shares are p,
    each started at the full-sample logit, with R's link and stopping rule
    (:mod:`tut.compare.glm_logit`): a share of 0 or 1 stops at a large coefficient (about
    +-21), and a step that overshoots stays finite (R's SE then blows up, as here). With
    weights summing to 1 each step is ``eta + (p - mu) / mu.eta``. NaN where p is."""
    eta = np.full(len(p), start)
    old = irls_terms(eta, p)[2]
    moving = ~np.isnan(p)
    for _ in range(MAX_STEPS):
        if not moving.any():
            break
        with np.errstate(invalid="ignore"):
            eta = np.where(moving, eta + (p - linkinv(eta)) / mu_eta(eta), eta)
            dev = irls_terms(eta, p)[2]
            moving &= ~converged(dev, old)
        old = dev
    return np.where(np.isnan(p), np.nan, eta)


def average_factor(lonely: np.ndarray, present: np.ndarray | None) -> float:
    """``H / (H - L)`` over the strata present (all when None); NaN when all are lonely."""
    if present is None:
        present = np.ones(len(lonely), dtype=bool)
    h = int(present.sum())
    ok = h - int((lonely & present).sum())
    return h / ok if ok else np.nan


def _replicate_cov(
    reps: np.ndarray, full: np.ndarray, design: ReplicateDesign, kept: np.ndarray
) -> np.ndarray:
    """``svrVar`` on the replicates kept (``reps`` holds only them); NaN when none are."""
    k = reps.shape[1]
    if not len(reps):
        return np.full((k, k), np.nan)
    rscales = design.rscales[kept]
    centre = full if design.mse else reps[rscales > 0].mean(axis=0)
    dev = reps - centre
    return design.scale * (dev * rscales[:, None]).T @ dev
