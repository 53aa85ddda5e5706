"""Quasibinomial ``svyglm`` refitted with each replicate weight, as R's ``svyglm`` on a
``svrepdesign``: ``glm.fit(X, y, weights = w_r / sum(w_r), start = coef(full))`` per
replicate, with R's link and stopping rule (:mod:`tut.compare.glm_logit`), then ``svrVar``
of the replicate coefficients.

The model's columns are the intercept, the variant and the covariates' categories, so its
rows fall into few groups of the same columns and answer, and a fit depends on the rows
only through each group's weight total. One pass over the replicate weights sums them per
replicate and group; every replicate's IRLS then runs on those (R, groups) totals in
memory, all replicates in step: the same sums as row by row, in another order. IRLS is
unchanged by the scale of the weights; the deviance is divided by ``sum(w_r)`` as R's
normalised weights give it, since glm.fit's criterion is not scale-free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from tut.compare.glm_logit import MAX_STEPS, converged, irls_terms

ReplicateBatches = Callable[[], Iterator[np.ndarray]]


@dataclass(frozen=True)
class ReplicateFits:
    """One model's coefficients under each replicate weight."""

    betas: np.ndarray
    """(R, q); NaN rows where the replicate leaves a column without respondents (R: NA
    coefficients, which svrVar drops)."""
    unconverged: int
    """Replicate fits stopped at glm.fit's 25 steps (R: 'algorithm did not converge')."""


def replicate_logit_fits(
    models: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]], starts: Sequence[np.ndarray],
    batches: ReplicateBatches, n_replicates: int,
) -> list[ReplicateFits]:
    """Each model ``(rows, X, y)`` (rows sorted, y 0/1) refitted with each replicate weight
    from its full-sample coefficients ``starts``."""
    groups = [_Groups.of(x, y) for _rows, x, y in models]
    totals = _group_totals([rows for rows, _x, _y in models], groups, batches, n_replicates)
    return [_fit(g, t, start) for g, t, start in zip(groups, totals, starts, strict=True)]


@dataclass(frozen=True)
class _Groups:
    """A model's rows grouped by their columns and answer."""

    x: np.ndarray
    """(G, q) the columns of each group."""
    y: np.ndarray
    """(G,) the answer of each group."""
    of_row: np.ndarray
    """(rows,) the group of each row."""

    @classmethod
    def of(cls, x: np.ndarray, y: np.ndarray) -> _Groups:
        found, of_row = np.unique(np.column_stack([x, y]), axis=0, return_inverse=True)
        return cls(found[:, :-1], found[:, -1], of_row.reshape(-1))


DENSE_GROUPS = 256
"""Up to this many groups a batch's totals are one matrix product with a 0/1 matrix."""


def _group_totals(
    rows: Sequence[np.ndarray], groups: Sequence[_Groups], batches: ReplicateBatches,
    n_replicates: int,
) -> list[np.ndarray]:
    """(R, G) replicate-weighted totals of each model's groups, in one pass."""
    out = [np.zeros((n_replicates, len(g.y))) for g in groups]
    start = 0
    for weights_t in batches():
        end = start + weights_t.shape[1]
        for r, g, total in zip(rows, groups, out, strict=True):
            a, b = np.searchsorted(r, [start, end])
            local, of = r[a:b] - start, g.of_row[a:b]
            if len(g.y) <= DENSE_GROUPS:
                member = np.zeros((end - start, len(g.y)))
                member[local, of] = 1.0
                total += weights_t @ member
            elif len(local):  # many groups: sum each group's columns
                order = np.argsort(of, kind="stable")
                present, first = np.unique(of[order], return_index=True)
                total[:, present] += np.add.reduceat(weights_t[:, local[order]], first, axis=1)
        start = end
    return out


def _fit(groups: _Groups, totals: np.ndarray, start: np.ndarray) -> ReplicateFits:
    """glm.fit from ``start`` for every replicate (rows of ``totals``) at once."""
    n_rep, q = len(totals), len(start)
    outer = (groups.x[:, :, None] * groups.x[:, None, :]).reshape(len(groups.y), q * q)
    # R's QR finds a column without respondents in a replicate: its coefficient is NA
    present = ((totals > 0).astype(np.float64) @ outer).reshape(n_rep, q, q)
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
        gram = (work @ outer).reshape(len(live), q, q)
        rhs = (work * z) @ groups.x
        betas[live] = _solve(gram, rhs)
        _a, _z, dev = irls_terms(betas[live] @ groups.x.T, groups.y)
        dev = (scaled[live] * dev).sum(axis=1)
        done[live] |= converged(dev, dev_old[live]) | np.isnan(betas[live]).any(axis=1)
        dev_old[live] = dev
    failed |= np.isnan(betas).any(axis=1)
    betas[failed] = np.nan
    return ReplicateFits(betas, int((~done).sum()))


def _solve(gram: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Each replicate's IRLS step; NaN where its cross-products are singular."""
    try:
        return np.linalg.solve(gram, rhs[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:
        out = np.full(rhs.shape, np.nan)
        for r in range(len(rhs)):
            try:
                out[r] = np.linalg.solve(gram[r], rhs[r])
            except np.linalg.LinAlgError:
                pass
        return out
