"""A wording effect adjusted for composition, as R's ``svyglm``.

``adjust: [sex, age group]`` in the spec fits, per outcome and pair of variants (a, b) of
one survey, ``y ~ [variant is b] + factor(sex) + factor(age group)`` over the respondents
with an answer and both covariates: gaussian for means (the coefficient is the adjusted
difference b - a), quasibinomial for proportions (the adjusted log odds ratio). The SE is
R's ``svy.varcoef``: the PSU totals of ``x w (y - mu) A^{-1}`` under the design's Taylor
variance, ``A = X' diag(w v(mu)) X``. Shown next to the raw difference.

With replicate weights ``svyglm`` refits the model with each replicate weight, which needs
them again after reading: gaussian from each replicate's weighted cross-products (one more
pass), quasibinomial by IRLS in step for all replicates (:mod:`tut.compare.glm_irls`).
Two-stage designs: the scores are summed by second-stage unit (R's multistage variance).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tut.compare.design import ReplicateDesign, TaylorDesign, replicate_vcov, two_stage_vcov
from tut.compare.glm_irls import replicate_logit_fits
from tut.compare.glm_logit import logit_fit
from tut.compare.model import ComparisonSpec
from tut.compare.prepare import PreparedDataset
from tut.messages import Listing, Message


@dataclass(frozen=True)
class AdjustedDifference:
    """The coefficient of variant b against a, adjusted for the covariates."""

    outcome: str
    a: str
    b: str
    family: str
    """gaussian (difference of means) or quasibinomial (log odds ratio)."""
    covariates: tuple[str, ...]
    estimate: float
    se: float
    n: int
    converged: bool = True
    """False: the full-sample IRLS stopped at glm.fit's 25 steps (R warns)."""
    unconverged_replicates: int = 0
    """Replicate refits stopped at 25 steps (R warns once for each)."""
    replicates: int = 0
    """Replicate refits made (0: Taylor)."""

    def to_dict(self) -> dict[str, Any]:
        def num(x: float) -> float | None:
            return x if math.isfinite(x) else None

        return {"outcome": self.outcome, "a": self.a, "b": self.b, "family": self.family,
                "covariates": list(self.covariates), "coefficient": num(self.estimate),
                "se": num(self.se), "n": self.n, "converged": self.converged,
                "replicates_not_converged": self.unconverged_replicates}


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, units: np.ndarray, design: TaylorDesign,
        binomial: bool) -> tuple[np.ndarray, np.ndarray, bool]:
    """Coefficients, their design-based covariance and whether IRLS converged (rows already
    restricted; ``units``: their finest sampling units, PSUs or, in two-stage designs,
    second-stage units).

    ``w`` as R rescales them (weights over their mean in the design): the fit does not
    depend on their scale, but glm.fit's start and stopping rule do, at about 1e-8."""
    converged = True
    if binomial:
        logit = logit_fit(x, y, w)
        # as glm's object: working weights of the last IRLS step, residuals at the fit
        beta, work, resid, converged = logit.beta, logit.weights, logit.residuals, logit.converged
    else:
        beta = np.linalg.lstsq((x * w[:, None]).T @ x, x.T @ (w * y), rcond=None)[0]
        work, resid = w, y - x @ beta
    a_inv = np.linalg.pinv((x * work[:, None]).T @ x)
    scores = (x * (work * resid)[:, None]) @ a_inv
    by_unit = np.zeros((design.n_units, x.shape[1]))
    np.add.at(by_unit, units, scores)
    return beta, two_stage_vcov(by_unit, design), converged


def adjusted_differences(
    spec: ComparisonSpec, prepared: Sequence[PreparedDataset], covariates: Sequence[str],
    pairs: Sequence[tuple[str, str]],
    replicate_batches: Sequence[Callable[[], Iterator[np.ndarray]] | None] = (),
) -> list[AdjustedDifference]:
    """svyglm of each outcome on the variant and the covariates, per pair within a survey.

    With replicate weights each replicate's fit comes from its weighted cross-products,
    summed in more passes over the replicate weights."""
    out: list[AdjustedDifference] = []
    if not covariates:
        return out
    for k, p in enumerate(prepared):
        batches = replicate_batches[k] if k < len(replicate_batches) else None
        names = [d.name for d in p.domains]
        for i, c in enumerate(covariates):
            if c not in names:
                raise spec.error(f"/adjust/{i}", f"{c!r} is not a domain of {p.spec.name}",
                                 f"name one of the domains: {', '.join(names) or '(none)'}")
        replicate = isinstance(p.design, ReplicateDesign) and batches is not None
        if not replicate and not isinstance(p.design, TaylorDesign):
            raise spec.error("/adjust", "adjusted differences (svyglm) need the replicate "
                             "weights read again, which this dataset cannot",
                             "remove adjust")
        models: list[Any] = []
        logits: list[Any] = []
        levels = [next(d for d in p.domains if d.name == c) for c in covariates]
        for a, b in pairs:
            if a not in p.variants or b not in p.variants:
                continue
            ia, ib = p.variants.index(a), p.variants.index(b)
            for o in p.outcomes:
                if o.spec.kind == "ratio" or o.spec.categorical or o.spec.category:
                    continue  # a categorical answer's codes get the Rao-Scott test instead
                rows = o.valid & np.isin(p.variant_index, [ia, ib])
                for d in levels:
                    rows &= d.index >= 0
                idx = np.flatnonzero(rows)
                columns = [np.ones(len(idx)), (p.variant_index[idx] == ib).astype(np.float64)]
                for d in levels:
                    codes = d.index[idx]
                    present = np.unique(codes)
                    columns += [(codes == k).astype(np.float64) for k in present[1:]]
                x = np.column_stack(columns)
                binomial = o.spec.kind == "proportion"
                if np.linalg.matrix_rank(x) < x.shape[1]:
                    continue  # no adjusted effect (a category absent; see README)
                if replicate:
                    (logits if binomial else models).append(
                        (o.spec.name, a, b, idx, x, o.values[idx]))
                    continue
                assert isinstance(p.design, TaylorDesign)
                beta, vcov, done = fit(x, o.values[idx], p.weight[idx] / p.weight.mean(),
                                       p.design.units[idx], p.design, binomial)
                out.append(AdjustedDifference(
                    outcome=o.spec.name, a=a, b=b,
                    family="quasibinomial" if binomial else "gaussian",
                    covariates=tuple(covariates), estimate=float(beta[1]),
                    se=math.sqrt(vcov[1, 1]) if vcov[1, 1] >= 0 else math.nan, n=len(idx),
                    converged=done))
        if models and batches is not None and isinstance(p.design, ReplicateDesign):
            out += _replicate_fits(p, p.design, models, batches, tuple(covariates))
        if logits and batches is not None and isinstance(p.design, ReplicateDesign):
            out += _replicate_logits(p, p.design, logits, batches, tuple(covariates))
    return out


def _replicate_fits(
    p: PreparedDataset, design: ReplicateDesign, models: list, batches: Any,
    covariates: tuple[str, ...],
) -> list[AdjustedDifference]:
    """Gaussian svyglm on a replicate design: each replicate refitted from its weighted
    cross-products X'W_r X and X'W_r y; variance as svrVar with the design's mse."""
    shapes = [x.shape[1] for *_, x, _y in models]
    widths = [q * q + q for q in shapes]
    sums = np.zeros((design.n_replicates, sum(widths)))
    full = np.zeros(sum(widths))

    def block(k: int, lo: int, hi: int) -> np.ndarray:
        """Model k's cross-product columns for rows lo..hi (0 outside its rows)."""
        _n, _a, _b, idx, x, y = models[k]
        q = shapes[k]
        out = np.zeros((hi - lo, widths[k]))
        a, b = np.searchsorted(idx, [lo, hi])
        local = idx[a:b] - lo
        out[local, :q * q] = (x[a:b, :, None] * x[a:b, None, :]).reshape(b - a, -1)
        out[local, q * q:] = x[a:b] * y[a:b, None]
        return out

    start = 0
    for weights_t in batches():
        end = start + weights_t.shape[1]
        col = 0
        for k in range(len(models)):
            stats = block(k, start, end)
            sums[:, col:col + widths[k]] += weights_t @ stats
            full[col:col + widths[k]] += p.weight[start:end] @ stats
            col += widths[k]
        start = end
    out = []
    col = 0
    for (name, a, b, idx, _x, _y), q, width in zip(models, shapes, widths, strict=True):

        def solve(t: np.ndarray, q: int = q) -> np.ndarray:
            return np.linalg.lstsq(t[:q * q].reshape(q, q), t[q * q:], rcond=None)[0]

        beta = solve(full[col:col + width])
        reps = np.array([solve(sums[r, col:col + width]) for r in range(design.n_replicates)])
        vcov = replicate_vcov(reps, beta, design)
        out.append(AdjustedDifference(outcome=name, a=a, b=b, family="gaussian",
                                      covariates=covariates, estimate=float(beta[1]),
                                      se=math.sqrt(vcov[1, 1]) if vcov[1, 1] >= 0 else math.nan,
                                      n=len(idx)))
        col += width
    return out


def _replicate_logits(
    p: PreparedDataset, design: ReplicateDesign, models: list, batches: Any,
    covariates: tuple[str, ...],
) -> list[AdjustedDifference]:
    """Quasibinomial svyglm on a replicate design: the full-sample fit with R's weights
    (``pweights / mean(pweights)``), each replicate refitted from it; svrVar drops the
    replicates without a fit."""
    scaled = p.weight / p.weight.mean()
    full = [logit_fit(x, y, scaled[idx]) for _n, _a, _b, idx, x, y in models]
    reps = replicate_logit_fits([(idx, x, y) for _n, _a, _b, idx, x, y in models],
                                [f.beta for f in full], batches, design.n_replicates)
    out = []
    for (name, a, b, idx, _x, _y), f, rep in zip(models, full, reps, strict=True):
        kept = ~np.isnan(rep.betas).any(axis=1)
        sub = dataclasses.replace(design, rscales=design.rscales[kept])
        vcov = replicate_vcov(rep.betas[kept], f.beta, sub)
        out.append(AdjustedDifference(outcome=name, a=a, b=b, family="quasibinomial",
                                      covariates=covariates, estimate=float(f.beta[1]),
                                      se=math.sqrt(vcov[1, 1]) if vcov[1, 1] >= 0 else math.nan,
                                      n=len(idx), converged=f.converged,
                                      unconverged_replicates=rep.unconverged,
                                      replicates=design.n_replicates))
    return out


def not_converged(adjusted: Sequence[AdjustedDifference]) -> list[Message]:
    """A caveat naming the fits R would warn about ('algorithm did not converge')."""
    fits = []
    for a in adjusted:
        if a.unconverged_replicates:
            where = Message("compare.glm-replicates" if a.converged
                            else "compare.glm-full-and-replicates",
                            {"count": a.unconverged_replicates, "replicates": a.replicates})
        elif not a.converged:
            where = Message("compare.glm-full-sample")
        else:
            continue
        fits.append(Message("compare.glm-fit",
                            {"outcome": a.outcome, "a": a.a, "b": a.b, "where": where}))
    if not fits:
        return []
    return [Message("compare.glm-not-converged",
                    {"count": len(fits), "fits": Listing(tuple(fits), sep="; ")})]
