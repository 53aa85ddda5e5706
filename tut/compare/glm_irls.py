"""``svyglm`` refitted with each replicate weight, as R's ``svyglm`` on a ``svrepdesign``:
quasibinomial by ``glm.fit(X, y, weights = w_r / sum(w_r), start = coef(full))`` per
replicate, with R's link and stopping rule (:mod:`tut.compare.glm_logit`); gaussian from
each replicate's cross-products (:mod:`tut.compare.glm`); then ``svrVar`` of the replicate
coefficients.

The model's columns are the intercept, the variant and the covariates' categories, so its
rows fall into few groups of the same columns and answer, and a fit depends on the rows
only through each group's weight total (a gaussian one's, grouped by columns, also
through the totals of w y). Those come from the totals summed while the file was read
(:mod:`tut.compare.glm`); every replicate's IRLS then runs on those (R, groups) totals in
memory, all replicates in step: the same sums as row by row, in another order. IRLS is unchanged by the scale of the
weights; the deviance is divided by ``sum(w_r)`` as R's normalised weights give it, since
glm.fit's criterion is not scale-free.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tut.compare.glm_logit import MAX_STEPS, Groups, converged, irls_terms


@dataclass(frozen=True)
class ReplicateFits:
    """One model's coefficients under each replicate weight."""

    betas: np.ndarray
    """(R, q); NaN rows where the replicate leaves a column without respondents (R: NA
    coefficients, which svrVar drops)."""
    unconverged: int
    """Replicate fits stopped at glm.fit's 25 steps (R: 'algorithm did not converge')."""


def replicate_logit_fits(groups: Groups, totals: np.ndarray, start: np.ndarray) -> ReplicateFits:
    """glm.fit from the full-sample coefficients ``start`` for every replicate at once, on
    the (R, G) replicate totals of the model's groups of columns and answer."""
    assert groups.y is not None
    n_rep, q = len(totals), len(start)
    # R's QR finds a column without respondents in a replicate: its coefficient is NA
    present = ((totals > 0).astype(np.float64) @ groups.outer()).reshape(n_rep, q, q)
    failed = np.linalg.matrix_rank(present) < q
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = totals / totals.sum(axis=1, keepdims=True)  # R's w_r / sum(w_r)
    betas = np.tile(start, (n_rep, 1))
    _a, _z, dev = irls_terms(betas @ groups.x.T, groups.y)
    dev_old = (scaled * dev).sum(axis=1)
    done = failed.copy()
    for _ in range(MAX_STEPS):
        live = np.flatnonzero(~done)
        if not len(live):
            break
        a, z, _dev = irls_terms(betas[live] @ groups.x.T, groups.y)
        work = scaled[live] * a
        root = np.sqrt(work)
        betas[live] = _qr_solve(root[:, :, None] * groups.x, root * z)
        _a, _z, dev = irls_terms(betas[live] @ groups.x.T, groups.y)
        dev = (scaled[live] * dev).sum(axis=1)
        done[live] |= converged(dev, dev_old[live]) | np.isnan(betas[live]).any(axis=1)
        dev_old[live] = dev
    failed |= np.isnan(betas).any(axis=1)
    betas[failed] = np.nan
    return ReplicateFits(betas, int((~done).sum()))


def _qr_solve(m: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each replicate's IRLS step, least squares ``m[r] beta = b[r]`` by QR as R's Cdqrls
    (``m``: (R, G, q) the groups' columns times the root of their working weights); NaN
    where a replicate's R factor is singular."""
    q_, r_ = np.linalg.qr(m)
    qtb = np.einsum("rgq,rg->rq", q_, b)
    try:
        return np.linalg.solve(r_, qtb[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:
        out = np.full(qtb.shape, np.nan)
        for r in range(len(qtb)):
            try:
                out[r] = np.linalg.solve(r_[r], qtb[r])
            except np.linalg.LinAlgError:
                pass
        return out
