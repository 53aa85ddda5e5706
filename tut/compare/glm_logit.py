"""R's logit link and ``glm.fit``'s IRLS, the one place every quasibinomial fit of tut
(``svyglm``'s full-sample and replicate fits, ``svyciprop``'s logit interval) takes them
from, so that a separated fit stops where R's stops.

``binomial()$linkinv`` pins mu at ``1 / (1 + eps)`` beyond eta > 30 (``eps / (1 + eps)``
below -30) and ``mu.eta`` is ``eps`` there: when a category of the covariates answers all
alike, or a replicate's first step from the full-sample fit overshoots, those rows keep a
working weight of about ``eps`` and a finite deviance, and R's numbers depend on it.
``glm.fit`` stops when the deviance changes by less than ``epsilon`` relative
(``|dev - devold| / (|dev| + 0.1) < 1e-8``) or after ``maxit = 25`` steps, warning then
that the algorithm did not converge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EPSILON = 1e-8
MAX_STEPS = 25
"""glm.control()'s epsilon and maxit."""
EPS = float(np.finfo(float).eps)
THRESH = 30.0
"""|eta| beyond which R's logit link pins mu and mu.eta (C's THRESH, MTHRESH)."""


def converged(dev: np.ndarray | float, old: np.ndarray | float) -> np.ndarray | np.bool_:
    """glm.fit's stopping rule: the deviance changed by less than ``EPSILON`` relative."""
    return np.abs(dev - old) / (np.abs(dev) + 0.1) < EPSILON


def _exp(eta: np.ndarray) -> np.ndarray:
    """exp(eta) within +-THRESH, as R's C code takes it (no overflow beyond)."""
    return np.exp(np.clip(eta, -THRESH, THRESH))


def linkinv(eta: np.ndarray) -> np.ndarray:
    """``binomial()$linkinv``: ``t / (1 + t)``, t = exp(eta) pinned at eps or 1 / eps
    beyond +-THRESH, so mu stays within ``[eps / (1 + eps), 1 / (1 + eps)]``."""
    t = np.where(eta < -THRESH, EPS, np.where(eta > THRESH, 1 / EPS, _exp(eta)))
    return t / (1 + t)


def mu_eta(eta: np.ndarray) -> np.ndarray:
    """``binomial()$mu.eta``: ``exp(eta) / (1 + exp(eta))^2``, ``eps`` beyond +-THRESH."""
    e = _exp(eta)
    return np.where(np.abs(eta) > THRESH, EPS, e / ((1 + e) * (1 + e)))


def irls_terms(eta: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row, in R's arithmetic (a fit that does not converge is sensitive to it): the
    working weight ``mu.eta^2 / variance`` (to be multiplied by the prior weight), the
    working response ``z = eta + (y - mu) / mu.eta`` and binomial()'s deviance of a 0/1
    answer, ``-2 log mu`` or ``-2 log(1 - mu)`` (for a share y of 0/1 answers, their
    weighted mean)."""
    mu = linkinv(eta)
    me = mu_eta(eta)
    variance = mu * (1 - mu)
    dev = -2 * (y * np.log(mu) + (1 - y) * np.log(1 - mu))
    return me * me / variance, eta + (y - mu) / me, dev


@dataclass(frozen=True)
class LogitFit:
    """One ``glm.fit(x, y, weights = w, family = quasibinomial())``."""

    beta: np.ndarray
    weights: np.ndarray
    """The working weights of the last step (the glm object's ``weights``)."""
    residuals: np.ndarray
    """Working residuals ``(y - mu) / mu.eta`` at the fit."""
    converged: bool
    """False: 25 steps without meeting the deviance criterion (R warns)."""


@dataclass(frozen=True)
class Groups:
    """A model's rows grouped by their columns (and, for a 0/1 answer, by answer): the
    columns are the intercept, the variant and the covariates' categories, so a few groups
    hold all rows, and a fit depends on the rows only through each group's weight total."""

    x: np.ndarray
    """(G, q) the columns of each group."""
    y: np.ndarray | None
    """(G,) the answer of each group (None: grouped by columns only)."""
    of_row: np.ndarray
    """(rows,) the group of each row."""

    @classmethod
    def of(cls, x: np.ndarray, y: np.ndarray | None = None) -> Groups:
        keys = np.zeros(len(x), dtype=np.int64)
        size = 1
        for col in [*x.T, *([] if y is None else [y])]:
            if ((col == 0) | (col == 1)).all():  # a 0/1 column (dummies, the answer)
                codes = col.astype(np.int64)
            else:
                codes = np.unique(col, return_inverse=True)[1].reshape(-1)
            radix = int(codes.max(initial=0)) + 1
            if size * radix >= 1 << 62:  # keep the mixed-radix key in range
                keys = np.unique(keys, return_inverse=True)[1].reshape(-1)
                size = int(keys.max(initial=0)) + 1
            keys = keys * radix + codes
            size *= radix
        _found, first, of_row = np.unique(keys, return_index=True, return_inverse=True)
        return cls(x[first], None if y is None else y[first], of_row.reshape(-1))

    def totals(self, w: np.ndarray) -> np.ndarray:
        """(G,) each group's total of the rows' ``w``."""
        return np.bincount(self.of_row, weights=w, minlength=len(self.x))

    def outer(self) -> np.ndarray:
        """(G, q * q) each group's ``x x'``, flat: totals @ this are the cross-products."""
        return (self.x[:, :, None] * self.x[:, None, :]).reshape(len(self.x), self.x.shape[1] ** 2)


def logit_fit(x: np.ndarray, y: np.ndarray, w: np.ndarray,
              groups: Groups | None = None) -> LogitFit:
    """R's ``glm.fit`` for the logit link from its own start, ``mu = (w y + 0.5) / (w + 1)``.

    That start differs row by row, so the first step is taken over the rows; from then on
    eta is the same within each group of columns and answer, and the steps are taken over
    the groups (same least-squares problem, one row per group). Rows of weight 0 add
    nothing (R leaves them out of each step). ``groups``: ``Groups.of(x, y)`` if known."""
    groups = Groups.of(x, y) if groups is None else groups
    assert groups.y is not None
    total = groups.totals(w)
    mu = (w * y + 0.5) / (w + 1)
    a, z, rows = irls_terms(np.log(mu / (1 - mu)), y)
    dev_old = float(w @ rows)
    work = w * a
    beta = _qr_solve(x, work, z)
    done = False
    for step in range(1, MAX_STEPS + 1):
        a, z, rows = irls_terms(groups.x @ beta, groups.y)
        dev = float(total @ rows)
        if converged(dev, dev_old):
            done = True
            break
        dev_old = dev
        if step == MAX_STEPS:
            break
        work = w * a[groups.of_row]
        beta = _qr_solve(groups.x, total * a, z)
    eta = (groups.x @ beta)[groups.of_row]
    return LogitFit(beta, work, (y - linkinv(eta)) / mu_eta(eta), done)


def _qr_solve(x: np.ndarray, work: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Weighted least squares by QR of ``sqrt(work) X``, as R's Cdqrls: a fit separated to
    working weights near eps keeps the precision cross-products would square away."""
    root = np.sqrt(work)
    q, r = np.linalg.qr(x * root[:, None])
    return np.linalg.lstsq(r, q.T @ (root * z), rcond=None)[0]
