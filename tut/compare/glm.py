"""A wording effect adjusted for composition, as R's ``svyglm``.

``adjust: [sex, age group]`` in the spec fits, per outcome and pair of variants (a, b) of
one survey, ``y ~ [variant is b] + factor(sex) + factor(age group)`` over the respondents
with an answer and both covariates: gaussian for means (the coefficient is the adjusted
difference b - a), quasibinomial for proportions and for each category of a categorical
answer (its indicator: the adjusted log odds ratio). The SE is R's ``svy.varcoef``: the PSU
totals of ``x w (y - mu) A^{-1}`` under the design's Taylor variance,
``A = X' diag(w v(mu)) X``. Shown next to the raw difference.

With replicate weights ``svyglm`` refits the model with each replicate weight. A fit needs
them only as totals per group of rows with the same columns (and answer), which the totals
by variant and domain categories summed while the file was read give; gaussian fits then solve each replicate's cross-products and quasibinomial ones
iterate IRLS for all replicates in step (:mod:`tut.compare.glm_irls`). Two-stage
designs: the scores are summed by second-stage unit (R's multistage variance).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tut.compare.cells import group_keys
from tut.compare.columns import STAT_VALID, STAT_Y, stat_base
from tut.compare.design import ReplicateDesign, TaylorDesign, replicate_vcov, two_stage_vcov
from tut.compare.glm_irls import replicate_logit_fits
from tut.compare.glm_logit import Groups, logit_fit
from tut.compare.model import Category, ComparisonSpec
from tut.compare.prepare import PreparedDataset
from tut.compare.results import outcome_keys
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
    dropped_replicates: int = 0
    """Replicates without a fit (a covariate category without respondents in them): left
    out of the SE, as R's svrVar does with a warning."""
    category: Category | None = None
    """Set for one category of a categorical outcome (``outcome`` is its share's name)."""

    def to_dict(self) -> dict[str, Any]:
        def num(x: float) -> float | None:
            return x if math.isfinite(x) else None

        return {**outcome_keys(self.outcome, self.category), "a": self.a, "b": self.b,
                "family": self.family, "covariates": list(self.covariates),
                "coefficient": num(self.estimate), "se": num(self.se), "n": self.n,
                "converged": self.converged,
                "replicates_not_converged": self.unconverged_replicates,
                "replicates_dropped": self.dropped_replicates}


@dataclass(frozen=True)
class _Model:
    """One svyglm to fit: an outcome's rows for a pair of variants, their columns, answer."""

    outcome: str
    category: Category | None
    a: str
    b: str
    rows: np.ndarray
    """Sorted positions of the rows in the dataset."""
    x: np.ndarray
    y: np.ndarray
    binomial: bool
    outcome_index: int
    """Its outcome's place among the dataset's (its block of streamed statistics)."""

    def result(self, covariates: tuple[str, ...], beta: np.ndarray, vcov: np.ndarray,
               **fit: Any) -> AdjustedDifference:
        return AdjustedDifference(
            outcome=self.outcome, a=self.a, b=self.b,
            family="quasibinomial" if self.binomial else "gaussian", covariates=covariates,
            estimate=float(beta[1]), se=math.sqrt(vcov[1, 1]) if vcov[1, 1] >= 0 else math.nan,
            n=len(self.rows), category=self.category, **fit)


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
    # A^{-1} as summary.glm's cov.unscaled, from the QR of sqrt(w) X: working weights near
    # eps (a separated fit) keep their direction, which cross-products would round away
    r_inv = np.linalg.pinv(np.linalg.qr(x * np.sqrt(work)[:, None], mode="r"))
    a_inv = r_inv @ r_inv.T
    scores = (x * (work * resid)[:, None]) @ a_inv
    by_unit = np.zeros((design.n_units, x.shape[1]))
    np.add.at(by_unit, units, scores)
    return beta, two_stage_vcov(by_unit, design), converged


def adjusted_differences(
    spec: ComparisonSpec, prepared: Sequence[PreparedDataset], covariates: Sequence[str],
    pairs: Sequence[tuple[str, str]],
) -> list[AdjustedDifference]:
    """svyglm of each outcome on the variant and the covariates, per pair within a survey.

    With replicate weights each replicate's fit comes from its group totals, taken from the
    totals summed while the file was read."""
    out: list[AdjustedDifference] = []
    if not covariates:
        return out
    for p in prepared:
        _check(spec, p, covariates)
        models = list(_models(p, covariates, pairs))
        if isinstance(p.design, ReplicateDesign):
            out += _replicate_differences(p, p.design, models, tuple(covariates))
            continue
        assert isinstance(p.design, TaylorDesign)
        for m in models:
            beta, vcov, done = fit(m.x, m.y, p.weight[m.rows] / p.weight.mean(),
                                   p.design.units[m.rows], p.design, m.binomial)
            out.append(m.result(tuple(covariates), beta, vcov, converged=done))
    return out


def _check(spec: ComparisonSpec, p: PreparedDataset, covariates: Sequence[str]) -> None:
    names = [d.name for d in p.domains]
    for i, c in enumerate(covariates):
        if c not in names:
            raise spec.error(f"/adjust/{i}", f"{c!r} is not a domain of {p.spec.name}",
                             f"name one of the domains: {', '.join(names) or '(none)'}")


def _models(
    p: PreparedDataset, covariates: Sequence[str], pairs: Sequence[tuple[str, str]]
) -> Iterator[_Model]:
    """The fits of one dataset: each outcome (each category of a categorical one) and pair
    of its variants, over the rows with an answer and every covariate."""
    levels = [next(d for d in p.domains if d.name == c) for c in covariates]
    for a, b in pairs:
        if a not in p.variants or b not in p.variants:
            continue
        ia, ib = p.variants.index(a), p.variants.index(b)
        for i, o in enumerate(p.outcomes):
            if o.spec.kind == "ratio" or o.spec.categorical:
                continue  # a categorical answer: its categories' indicators instead
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
            if np.linalg.matrix_rank(x) < x.shape[1]:
                continue  # no adjusted effect (a category absent; see README)
            yield _Model(o.spec.name, o.spec.category, a, b, idx, x, o.values[idx],
                         o.spec.kind == "proportion", i)


def _replicate_differences(
    p: PreparedDataset, design: ReplicateDesign, models: list[_Model],
    covariates: tuple[str, ...],
) -> list[AdjustedDifference]:
    """svyglm on a replicate design, as R's svyglm.svyrep.design: each replicate refitted
    (gaussian: least squares on its cross-products; quasibinomial: glm.fit from the
    full-sample fit with weights ``pweights / mean(pweights)``), then svrVar with the
    design's mse, leaving out replicates without a fit."""
    groups = [Groups.of(m.x, m.y if m.binomial else None) for m in models]
    totals = _streamed_totals(p, models, groups)
    scaled = p.weight / p.weight.mean()
    out = []
    for m, g, t in zip(models, groups, totals, strict=True):
        fit_info: dict[str, Any] = {"replicates": design.n_replicates}
        if m.binomial:
            full = logit_fit(m.x, m.y, scaled[m.rows], g)
            reps = replicate_logit_fits(g, t, full.beta)
            beta, betas = full.beta, reps.betas
            fit_info.update(converged=full.converged, unconverged_replicates=reps.unconverged)
        else:
            w = p.weight[m.rows]
            beta = _least_squares(g, g.totals(w)[None], g.totals(w * m.y)[None])[0]
            betas = _least_squares(g, t[:, :len(g.x)], t[:, len(g.x):])
        kept = ~np.isnan(betas).any(axis=1)
        vcov = replicate_vcov(betas[kept], beta,
                              dataclasses.replace(design, rscales=design.rscales[kept]))
        fit_info["dropped_replicates"] = int((~kept).sum())
        out.append(m.result(covariates, beta, vcov, **fit_info))
    return out


def _streamed_totals(
    p: PreparedDataset, models: list[_Model], groups: list[Groups]
) -> list[np.ndarray]:
    """Each model's (R, G) replicate totals (gaussian: (R, 2G), with w y) from the totals
    by variant and domain categories summed while the file was read, as the Rao-Scott
    tests take theirs: a model's rows are its outcome's answers in the cells of its pair of
    variants and covariates, so no second pass over the replicate weights."""
    assert p.replicates is not None  # every replicate design has them
    cell_of_row, keys = group_keys(p)
    reps = p.replicates.totals(cell_of_row, len(keys))  # (R, cells, statistics)
    out = []
    for m, g in zip(models, groups, strict=True):
        base = stat_base(m.outcome_index)
        valid, value = reps[:, :, base + STAT_VALID], reps[:, :, base + STAT_Y]
        cells = cell_of_row[m.rows]
        n = len(g.x)
        total = np.zeros((len(reps), n if m.binomial else 2 * n))
        if m.binomial:  # the answer 1 rows of a cell: its value total; the 0 rows: the rest
            no = valid - value
            no[no < 1e-12 * valid] = 0.0  # a cell without 0 answers, to rounding
            found, first = np.unique(cells * 2 + m.y.astype(np.int64), return_index=True)
            for key, row in zip(found.tolist(), first.tolist(), strict=True):
                total[:, g.of_row[row]] += value[:, key // 2] if key % 2 else no[:, key // 2]
        else:
            found, first = np.unique(cells, return_index=True)
            for c, row in zip(found.tolist(), first.tolist(), strict=True):
                total[:, g.of_row[row]] += valid[:, c]
                total[:, n + g.of_row[row]] += value[:, c]
        out.append(total)
    return out


def _least_squares(groups: Groups, w: np.ndarray, wy: np.ndarray) -> np.ndarray:
    """(R, q) weighted least squares from each row of group totals of w and w y."""
    q = groups.x.shape[1]
    gram, rhs = (w @ groups.outer()).reshape(len(w), q, q), wy @ groups.x
    return np.array([np.linalg.lstsq(a, b, rcond=None)[0] for a, b in zip(gram, rhs,
                                                                          strict=True)])


def glm_caveats(adjusted: Sequence[AdjustedDifference]) -> list[Message]:
    """Caveats naming the fits R warns about: 'algorithm did not converge', and replicates
    that 'gave NA results and were discarded'."""
    dropped = [Message("compare.glm-fit", {"outcome": a.outcome, "a": a.a, "b": a.b,
                                           "where": Message("compare.glm-replicates", {
                                               "count": a.dropped_replicates,
                                               "replicates": a.replicates})})
               for a in adjusted if a.dropped_replicates]
    out = [Message("compare.glm-dropped", {"count": len(dropped),
                                           "fits": Listing(tuple(dropped), sep="; ")})]
    return _not_converged(adjusted) + (out if dropped else [])


def _not_converged(adjusted: Sequence[AdjustedDifference]) -> list[Message]:
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
