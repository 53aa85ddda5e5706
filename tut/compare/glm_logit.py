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


def logit_fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> LogitFit:
    """R's ``glm.fit`` for the logit link from its own start, ``mu = (w y + 0.5) / (w + 1)``.

    Rows of weight 0 add nothing (R leaves them out of each step)."""
    mu = (w * y + 0.5) / (w + 1)
    eta = np.log(mu / (1 - mu))
    a, z, rows = irls_terms(eta, y)
    dev_old = float(w @ rows)
    beta = np.zeros(x.shape[1])
    work = w * a
    done = False
    for _ in range(MAX_STEPS):
        work = w * a
        beta = _qr_solve(x, work, z)
        eta = x @ beta
        a, z, rows = irls_terms(eta, y)
        dev = float(w @ rows)
        if converged(dev, dev_old):
            done = True
            break
        dev_old = dev
    return LogitFit(beta, work, (y - linkinv(eta)) / mu_eta(eta), done)


def _qr_solve(x: np.ndarray, work: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Weighted least squares by QR of ``sqrt(work) X``, as R's Cdqrls: a fit separated to
    working weights near eps keeps the precision cross-products would square away."""
    root = np.sqrt(work)
    q, r = np.linalg.qr(x * root[:, None])
    return np.linalg.lstsq(r, q.T @ (root * z), rcond=None)[0]
