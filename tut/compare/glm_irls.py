"""Quasibinomial ``svyglm`` refitted with each replicate weight, as R's ``svyglm`` on a
``svrepdesign``: ``glm.fit(X, y, weights = w_r / sum(w_r), start = coef(full))`` per
replicate, stopped by glm.fit's own deviance criterion, then ``svrVar`` of the replicate
coefficients.

All replicates iterate in step, one pass over the replicate weights per IRLS step: a pass
gives, for every replicate at its current coefficients, the deviance and the weighted
cross-products ``X' W_r V X`` and ``X' W_r V z`` (IRLS is unchanged by the scale of the
weights; the deviance is divided by ``sum(w_r)`` as R's normalised weights give it, since
glm.fit's criterion is not scale-free). A replicate stops when its deviance changes by
less than ``1e-8`` relative (R's ``epsilon``); usually 3-5 passes from the full-sample fit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np

ReplicateBatches = Callable[[], Iterator[np.ndarray]]
EPSILON = 1e-8
MAX_STEPS = 25
"""glm.control()'s epsilon and maxit."""


def converged(dev: np.ndarray | float, old: np.ndarray | float) -> np.ndarray | np.bool_:
    """glm.fit's stopping rule: the deviance changed by less than ``EPSILON`` relative."""
    return np.abs(dev - old) / (np.abs(dev) + 0.1) < EPSILON


def replicate_logit_fits(
    models: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]], starts: Sequence[np.ndarray],
    batches: ReplicateBatches, n_replicates: int,
) -> list[np.ndarray]:
    """(R, q) coefficients of each model ``(rows, X, y)`` (rows sorted) refitted with each
    replicate weight from the full-sample coefficients ``starts``; NaN rows where a
    replicate leaves the model without a solution (R: NA, dropped by svrVar)."""
    betas = [np.tile(b, (n_replicates, 1)) for b in starts]
    done = [np.zeros(n_replicates, dtype=bool) for _ in models]
    dev_old: list[np.ndarray | None] = [None] * len(models)
    for _ in range(MAX_STEPS + 1):
        sums = _pass(models, betas, batches, n_replicates)
        for k, (total, dev, xwx, xwz) in enumerate(sums):
            q = betas[k].shape[1]
            with np.errstate(invalid="ignore", divide="ignore"):
                dev = dev / total  # R's weights w_r / sum(w_r)
            old = dev_old[k]
            if old is not None:
                done[k] |= converged(dev, old)
            dev_old[k] = dev
            for r in np.flatnonzero(~done[k]):
                a = xwx[r].reshape(q, q)
                if not np.isfinite(a).all() or np.linalg.matrix_rank(a) < q:
                    betas[k][r] = np.nan
                    done[k][r] = True
                    continue
                betas[k][r] = np.linalg.solve(a, xwz[r])
        if all(d.all() for d in done):
            break
    return betas


def _pass(
    models: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]], betas: list[np.ndarray],
    batches: ReplicateBatches, n_replicates: int,
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Per model: each replicate's weight total, deviance (unnormalised) and IRLS
    cross-products at its current coefficients."""
    out = []
    for _rows, x, _y in models:
        q = x.shape[1]
        out.append((np.zeros(n_replicates), np.zeros(n_replicates),
                    np.zeros((n_replicates, q * q)), np.zeros((n_replicates, q))))
    start = 0
    for weights_t in batches():
        end = start + weights_t.shape[1]
        for (rows, x, y), beta, sums in zip(models, betas, out, strict=True):
            a, b = np.searchsorted(rows, [start, end])
            for lo in range(a, b, CHUNK_ROWS):  # (R, rows) temporaries of a few MB
                hi = min(lo + CHUNK_ROWS, b)
                _add(sums, weights_t[:, rows[lo:hi] - start], x[lo:hi], y[lo:hi], beta)
        start = end
    return out


CHUNK_ROWS = 8192


def _add(sums: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], w: np.ndarray,
         x: np.ndarray, y: np.ndarray, beta: np.ndarray) -> None:
    """Add rows (w: (R, m) replicate weights) to each replicate's sums at its beta.

    With e = exp(-eta): mu = 1/(1 + e), mu (1 - mu) = mu^2 e, and binomial()'s deviance of
    a 0/1 answer is 2 (log(1 + e) + (1 - y) eta); the IRLS right-hand side w v z is
    w v eta + w (y - mu)."""
    total, dev, xwx, xwz = sums
    with np.errstate(over="ignore", invalid="ignore"):
        eta = np.nan_to_num(beta) @ x.T  # (R, m)
        e = np.exp(-eta)
        mu = 1 / (1 + e)
        wv = w * (mu * mu * e)
        total += w.sum(axis=1)
        dev += (w * (np.log1p(e) + (1 - y) * eta)).sum(axis=1) * 2
        xwx += wv @ (x[:, :, None] * x[:, None, :]).reshape(len(x), -1)
        xwz += (wv * eta + w * (y - mu)) @ x
