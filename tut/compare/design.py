"""Sampling designs and the variance of estimates under them.

Two ways, as in R's survey package:

* :class:`TaylorDesign`: PSUs drawn with replacement within strata
  (``svydesign(ids=~psu, strata=~stratum, weights=~w, nest=TRUE)``). The variance of a
  vector of estimates comes from their linearised scores summed by PSU.
* :class:`ReplicateDesign`: replicate weights (``svrepdesign``), the variance from the
  spread of the estimates recomputed with each replicate weight.

Both return a full covariance matrix, so any contrast (difference of two variants, gender
gap, difference in differences) gets its standard error from ``c' V c`` with the design
covariance included, never from independent SEs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tut.compare.model import LonelyRule, ReplicateType


@dataclass(frozen=True)
class TaylorDesign:
    """Strata and PSUs, PSUs nested in strata and numbered 0..P-1."""

    psu: np.ndarray
    """(n,) PSU index of each row."""
    psu_stratum: np.ndarray
    """(P,) stratum index 0..H-1 of each PSU."""
    lonely_psu: LonelyRule
    fpc: np.ndarray | None = None
    """(H,) finite population factor of each stratum, 1 - n_h/N_h (R's onestrat ``f``)."""
    ssu: np.ndarray | None = None
    """(n,) second-stage unit of each row, numbered 0..U-1 across PSUs (two-stage designs)."""
    ssu_psu: np.ndarray | None = None
    """(U,) PSU of each second-stage unit."""
    fpc2: np.ndarray | None = None
    """(P,) second-stage factor of each PSU, 1 - m_i/M_i."""

    @property
    def units(self) -> np.ndarray:
        """The finest sampling unit of each row: the SSU in two-stage designs, else the PSU."""
        return self.psu if self.ssu is None else self.ssu

    @property
    def n_units(self) -> int:
        return self.n_psu if self.ssu_psu is None else len(self.ssu_psu)

    def psu_totals(self, unit_totals: np.ndarray) -> np.ndarray:
        """Sum totals per unit (U, ...) into totals per PSU (P, ...)."""
        if self.ssu_psu is None:
            return unit_totals
        out = np.zeros((self.n_psu, *unit_totals.shape[1:]))
        np.add.at(out, self.ssu_psu, unit_totals)
        return out

    @classmethod
    def from_codes(
        cls, strata: np.ndarray | None, psu: np.ndarray | None, n: int, lonely_psu: LonelyRule
    ) -> TaylorDesign:
        """Number the PSUs; PSU codes are only unique within a stratum (``nest=TRUE``).

        No PSU variable means each row is its own PSU; no strata means one stratum.
        """
        s_idx = np.zeros(n, dtype=np.int64) if strata is None else _factorize(strata)
        p_local = np.arange(n, dtype=np.int64) if psu is None else _factorize(psu)
        pair = s_idx * (int(p_local.max(initial=0)) + 1) + p_local
        uniq, psu_idx = np.unique(pair, return_inverse=True)
        psu_stratum = np.zeros(len(uniq), dtype=np.int64)
        psu_stratum[psu_idx] = s_idx
        return cls(psu=psu_idx.astype(np.int64), psu_stratum=psu_stratum, lonely_psu=lonely_psu)

    @property
    def n_psu(self) -> int:
        return len(self.psu_stratum)

    @property
    def n_strata(self) -> int:
        return int(self.psu_stratum.max(initial=-1)) + 1

    @property
    def psus_per_stratum(self) -> np.ndarray:
        return np.bincount(self.psu_stratum, minlength=self.n_strata)

    @property
    def lonely_strata(self) -> np.ndarray:
        """Indices of strata with a single PSU."""
        return np.flatnonzero(self.psus_per_stratum == 1)

    @property
    def degf(self) -> int:
        """Design degrees of freedom, #PSU - #strata (R: ``degf(design)``)."""
        return self.n_psu - self.n_strata


@dataclass(frozen=True)
class ReplicateDesign:
    """How replicate estimates turn into a variance: ``scale * sum(rscales * d_r^2)``."""

    type: ReplicateType
    scale: float
    rscales: np.ndarray
    """(R,) one factor per replicate."""
    mse: bool
    """Deviations from the full-sample estimate (True) or from the replicates' mean."""
    rank: int | None = None
    """Rank of the replicate weights (:class:`ReplicateRank`); None when not measured."""

    @property
    def n_replicates(self) -> int:
        return len(self.rscales)

    @property
    def degf(self) -> int:
        """Rank of the replicate weights minus one, as R's ``degf(svrepdesign(...))``.

        That is R - 1 for linearly independent replicates; fewer when some replicate
        weights are combinations of others (BRR with more replicates than strata + 1, or
        a replicate listed twice). Without a measured rank, R - 1.
        """
        return (self.rank if self.rank is not None else self.n_replicates) - 1


def replicate_design(
    type: ReplicateType,
    n_replicates: int,
    *,
    rho: float | None = None,
    scale: float | None = None,
    rscales: tuple[float, ...] | None = None,
    mse: bool | None = None,
    rank: int | None = None,
) -> ReplicateDesign:
    """The variance constants of each replicate type, as ``svrepdesign`` sets them.

    ``sdr`` is successive difference replication (ATUS): ``4/R``, the same as Fay with
    rho = 0.5, and by default deviations from the full-sample estimate (``mse``), as the
    ATUS User's Guide formula has it. Every other type defaults to ``mse=False`` like R.
    """
    r = n_replicates
    defaults = {
        "brr": 1.0 / r,
        "fay": 1.0 / (r * (1.0 - (rho or 0.0)) ** 2),
        "jk1": (r - 1.0) / r,
        "jkn": 1.0,
        "sdr": 4.0 / r,
        "bootstrap": 1.0 / (r - 1.0),
    }
    return ReplicateDesign(
        type=type,
        scale=float(scale) if scale is not None else defaults[type],
        rscales=np.asarray(rscales if rscales is not None else np.ones(r), dtype=np.float64),
        mse=bool(mse) if mse is not None else type == "sdr",
        rank=rank,
    )


RANK_TOL = 1e-5
"""R's ``degf()`` takes ``qr(weights, tol = 1e-5)$rank`` of the replicate weights."""


def gram_rank(gram: np.ndarray, tol: float = RANK_TOL) -> int:
    """Rank of a matrix X from its Gram matrix X'X, decided as R's ``qr(X, tol)$rank``.

    R's default QR (LINPACK ``dqrdc2``) takes the columns in order and sets aside a column
    whose part not explained by the columns kept so far is shorter than ``tol`` times its
    own length (an all-zero column too). The same test on the Gram matrix: the diagonal of
    the running Schur complement is that squared length.
    """
    rest = np.array(gram, dtype=np.float64)
    length2 = np.diag(rest).copy()
    rank = 0
    for j in range(len(rest)):
        left = rest[j, j]
        if length2[j] <= 0 or left < tol * tol * length2[j]:
            continue
        rank += 1
        row = rest[j] / math.sqrt(left)
        rest -= np.outer(row, row)
    return rank


class ReplicateRank:
    """The rank of the replicate weights of all rows, or of a subset of rows (R's ``degf``
    of ``subset(design, ...)``), measured while they stream past.

    A usable set of R replicates has full rank, and R rows spread over a batch usually
    show it: so 2R rows of each batch, evenly spaced, are added to a probe of the batches
    so far, and once the probe reaches ``target`` (R; for a subset the rank of all the
    rows, which it cannot exceed) nothing more is done (a large file costs a few
    milliseconds). Until then each batch's rows are also summed into a Gram matrix
    (:meth:`include`, which a caller may put off until the next batch's probe), so that a
    rank-deficient set (a domain missing whole PSUs) is exact after one pass over the rows,
    never read again.
    """

    def __init__(self, n_replicates: int, target: int | None = None) -> None:
        self.n_replicates = n_replicates
        self.target = n_replicates if target is None else target
        self.gram = np.zeros((n_replicates, n_replicates))
        self.probes: np.ndarray | None = None
        """Only for a set with more than 2R rows in a batch (one dataset has many subsets)."""
        self._probe_rows = 0
        self._rows = 0
        self._rank: int | None = 0

    @property
    def rank(self) -> int:
        """Measured only when asked and the rows added could have changed it."""
        if self._rank is None:
            self._rank = gram_rank(self.gram)
        return self._rank

    @property
    def full(self) -> bool:
        return self._rank is not None and self._rank >= self.target

    def add(self, weights_t: np.ndarray, rows: np.ndarray | None = None) -> None:
        """Add a batch of rows, given as (R, rows); ``rows``: only these of them."""
        if not self.full and not self.probe(weights_t, rows):
            self.include(weights_t, rows)

    def probe(self, weights_t: np.ndarray, rows: np.ndarray | None = None) -> bool:
        """Add 2R of the batch's rows, evenly spaced, to the probe; whether it is full."""
        m = weights_t.shape[1] if rows is None else len(rows)
        step = m // (2 * self.n_replicates)
        if self.full or step <= 1:
            return self.full
        # the probes of every batch so far: a first batch of rank 106 of 160 (successive
        # differences over sorted rows) is full with the next batch's probe, without
        # the Gram matrix of every row of that batch (0.05 s a batch)
        probe = weights_t[:, ::step] if rows is None else weights_t[:, rows[::step]]
        if self.probes is None:
            self.probes = np.zeros_like(self.gram)
        self.probes += probe @ probe.T
        self._probe_rows += probe.shape[1]
        if self._probe_rows >= self.target:
            probed = gram_rank(self.probes)
            if probed >= self.target:
                self._rank = probed
        return self.full

    def include(self, weights_t: np.ndarray, rows: np.ndarray | None = None) -> None:
        """Add every one of the batch's rows to the Gram matrix (exact rank)."""
        part = weights_t if rows is None else weights_t[:, rows]
        self.gram += part @ part.T
        self._rows += part.shape[1]
        self._rank = None
        if self._rows >= self.target:
            self._rank = gram_rank(self.gram)  # full now? (then nothing more is added)


def taylor_vcov(scores: np.ndarray, design: TaylorDesign) -> np.ndarray:
    """Covariance of K estimates from their linearised scores summed by PSU.

    Parameters
    ----------
    scores : ndarray, shape (P, K)
        Score totals of each PSU for each estimate.
    design : TaylorDesign

    Returns
    -------
    ndarray, shape (K, K)
        ``sum_h n_h/(n_h-1) sum_i (z_hi - zbar_h)(z_hi - zbar_h)'``; strata with one PSU
        follow ``design.lonely_psu`` exactly as R's ``survey.lonely.psu`` does.
    """
    n_h = design.psus_per_stratum.astype(np.float64)
    stratum = design.psu_stratum
    k = scores.shape[1]
    sums = np.zeros((design.n_strata, k))
    np.add.at(sums, stratum, scores)
    means = sums / n_h[:, None]
    lonely = n_h == 1
    if design.lonely_psu == "adjust":
        # centre the single PSU at zero, the mean of the scores over the whole sample
        means[lonely] = 0.0
    centred = scores - means[stratum]
    factor = np.where(lonely, 1.0, n_h / np.maximum(n_h - 1.0, 1.0))[stratum]
    if design.fpc is not None:
        factor = factor * design.fpc[stratum]
    if design.lonely_psu == "average":
        factor = np.where(lonely[stratum], 0.0, factor)
    vcov = (centred * factor[:, None]).T @ centred
    if design.lonely_psu == "average" and lonely.any():
        n_strata = len(n_h)
        ok = n_strata - int(lonely.sum())
        vcov *= n_strata / ok if ok else math.nan  # every stratum lonely: R gives NaN
    return vcov


def two_stage_vcov(unit_scores: np.ndarray, design: TaylorDesign) -> np.ndarray:
    """Stage 1 over PSUs plus, as R's ``multistage``, each PSU's variance between its
    second-stage units times its first-stage sampling fraction n_h/N_h.

    A PSU with one second-stage unit follows the lonely rule (adjust: not centred;
    certainty, remove: nothing; average: undefined, NaN)."""
    vcov = taylor_vcov(design.psu_totals(unit_scores), design)
    if design.ssu_psu is None or design.fpc2 is None or design.fpc is None:
        return vcov
    owner = design.ssu_psu
    m = np.bincount(owner, minlength=design.n_psu).astype(np.float64)
    sums = np.zeros((design.n_psu, unit_scores.shape[1]))
    np.add.at(sums, owner, unit_scores)
    lonely = m == 1
    means = sums / np.maximum(m, 1)[:, None]
    if design.lonely_psu == "adjust":
        means[lonely] = 0.0
    centred = unit_scores - means[owner]
    frac1 = 1.0 - design.fpc[design.psu_stratum]  # n_h / N_h
    factor = np.where(lonely, 1.0, m / np.maximum(m - 1.0, 1.0)) * design.fpc2 * frac1
    if design.lonely_psu in ("certainty", "remove"):
        factor = np.where(lonely, 0.0, factor)
    if design.lonely_psu == "average" and lonely.any():
        factor = np.where(lonely, np.nan, factor)
    return vcov + (centred * factor[owner][:, None]).T @ centred


def replicate_vcov(
    replicates: np.ndarray, full: np.ndarray, design: ReplicateDesign
) -> np.ndarray:
    """Covariance of K estimates from their replicate values.

    Parameters
    ----------
    replicates : ndarray, shape (R, K)
        Each estimate recomputed with each replicate weight.
    full : ndarray, shape (K,)
        Full-sample estimates.
    design : ReplicateDesign

    Returns
    -------
    ndarray, shape (K, K)
        ``scale * sum_r rscales_r (t_r - c)(t_r - c)'`` with c the full-sample estimate
        (``mse``) or the replicates' mean.
    """
    centre = full if design.mse else replicates.mean(axis=0)
    dev = replicates - centre
    return design.scale * (dev * design.rscales[:, None]).T @ dev


def _factorize(values: np.ndarray) -> np.ndarray:
    """Dense codes 0..k-1 for numbers or text."""
    _, idx = np.unique(values, return_inverse=True)
    return idx.astype(np.int64).reshape(-1)
