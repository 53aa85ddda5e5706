"""Bootstrap over units: every coefficient's interval from resampled units, vectorised.

A coding study's units (segments) are the sampled things; the codes within a unit are not
independent of each other. So a resample draws n of the n pairable units with replacement
(Efron's bootstrap for clustered data: each unit keeps all its codes), and every coefficient
is recomputed on it. Units coded once are not drawn: no coefficient uses them (see
:func:`tut.agreement.coefficients.pairable_part`).

Vectorised, without a loop over resamples or over units:

- units with the same codes from the same coders form one pattern (a study with 3 coders and
  20 codes has at most 21^3 patterns, usually a few hundred); a resample is then a vector of
  how many times each pattern was drawn: one multinomial draw over the patterns (units drawn
  uniformly, so a pattern is drawn with probability units-with-it / n), or, when there are
  nearly as many patterns as units, n uniform unit indices counted per pattern;
- each coefficient is a function of weighted sums over patterns (agreement per unit,
  category shares, each coder's category shares, the coincidences), so a block of resamples
  is one (resamples x patterns) matrix times a few (patterns x categories) matrices;
- interval alpha uses sums of values and squares per unit: no V x V matrix.

The interval is read off the sorted resampled values as the KALPHA macro reads its own
(:func:`tut.agreement.bootstrap.percentile_interval`). A resample where a coefficient is 0/0
(everything in one category) is left out of that coefficient's interval and counted.
The same seed gives the same resamples for every coefficient of a report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from tut.agreement.bootstrap import THRESHOLDS, fresh_seed, percentile_interval
from tut.agreement.coefficients import (
    CI_LEVEL,
    Bootstrap,
    Matrix,
    distance_matrix,
    pairable_part,
    weight_matrix,
)
from tut.agreement.coincidences import MAX_MATRIX_CELLS, coder_pairs, pair_sums
from tut.agreement.data import ReliabilityData, ReliabilityDataError

BLOCK_CELLS = 500_000
"""Largest (resamples x units) block drawn at once: bounds memory on big studies."""

Statistic = Callable[[Matrix], Matrix]
"""Coefficient value for each row of a (resamples, patterns) matrix of draw counts."""


@dataclass(frozen=True)
class UnitPatterns:
    """The pairable units grouped by their row of codes (one code per coder, -1 = none)."""

    codes: npt.NDArray[np.int64]  # (P, M)
    weight: Matrix  # (P,) units with that row
    index: npt.NDArray[np.int64]  # (n,) pattern of each pairable unit
    n_categories: int

    @property
    def n(self) -> int:
        return int(self.index.shape[0])

    def counts(self) -> Matrix:
        """(P, V): coders per category in each pattern."""
        p, q = self.codes.shape[0], max(self.n_categories, 1)
        valid = self.codes >= 0
        rows = np.broadcast_to(np.arange(p)[:, None], self.codes.shape)[valid]
        flat = np.bincount(rows * q + self.codes[valid], minlength=p * q)
        return flat.reshape(p, q).astype(np.float64)

    def sparse_counts(self) -> sparse.csr_matrix:
        """:meth:`counts` as a sparse matrix: at most M entries per pattern, whatever V."""
        p, q = self.codes.shape[0], max(self.n_categories, 1)
        valid = self.codes >= 0
        rows = np.broadcast_to(np.arange(p)[:, None], self.codes.shape)[valid]
        ones = np.ones(rows.shape[0])
        return sparse.csr_matrix((ones, (rows, self.codes[valid])), shape=(p, q))

    def by_coder(self) -> Matrix:
        """(P, M * V): one-hot of each coder's category in each pattern."""
        p, m = self.codes.shape
        q = max(self.n_categories, 1)
        out = np.zeros((p, m * q))
        valid = self.codes >= 0
        pi, ci = np.nonzero(valid)
        out[pi, ci * q + self.codes[valid]] = 1.0
        return out


def unit_patterns(d: ReliabilityData, keep_order: bool = False) -> UnitPatterns:
    """Group the pairable units of ``d`` by their row of codes (``keep_order``: ``index``
    in the units' own order, for :func:`shared_bootstrap`)."""
    rows = d.codes[:, d.pairable].T  # (n, M)
    base = d.n_categories + 1
    m = rows.shape[1]
    if m * np.log2(max(base, 2)) < 62:
        place = base ** np.arange(m, dtype=np.int64)
        keys = (rows + 1) @ place
        if base**m <= 1 << 20:  # few possible rows: count them instead of sorting
            counted = np.bincount(keys, minlength=1)
            uniq = np.flatnonzero(counted)
            index = (np.cumsum(counted > 0) - 1)[keys]
            tally = counted[uniq]
        else:
            uniq, index, tally = np.unique(keys, return_inverse=True, return_counts=True)
        codes = (uniq[:, None] // place[None, :]) % base - 1
    else:
        codes, index, tally = np.unique(rows, axis=0, return_inverse=True, return_counts=True)
    # units sorted by pattern: a resample then depends on which units there are, not on
    # their order (the TUI and the CLI may list a study's segments differently)
    index = np.asarray(index, dtype=np.int64).ravel()
    return UnitPatterns(
        np.asarray(codes, dtype=np.int64),
        tally.astype(np.float64),
        index if keep_order else np.sort(index),
        d.n_categories,
    )


@dataclass(frozen=True)
class DrawLayout:
    """How :func:`draw_blocks` draws: by pattern (one multinomial per resample) or by unit
    (``block`` resamples of n unit indices of integer type ``kind`` per call of the
    generator). Two draws by unit with the same layout and seed draw the same units."""

    by_unit: bool
    block: int
    kind: type[np.signedinteger[Any]]


def draw_layout(pat: UnitPatterns) -> DrawLayout:
    n, p = pat.n, pat.weight.shape[0]
    few_patterns = p * 8 <= n
    block = max(1, BLOCK_CELLS // max(p if few_patterns else n, 1))
    small = n < 2**31 and block * p < 2**31
    return DrawLayout(not few_patterns, block, np.int32 if small else np.int64)


def draw_blocks(pat: UnitPatterns, resamples: int, rng: np.random.Generator) -> Iterator[Matrix]:
    """Blocks of (resamples, patterns) draw counts, each row summing to n."""
    n, p = pat.n, pat.weight.shape[0]
    layout = draw_layout(pat)
    few_patterns, block, kind = not layout.by_unit, layout.block, layout.kind
    share = pat.weight / pat.weight.sum()
    index = pat.index.astype(np.int32) if kind is np.int32 else pat.index
    done = 0
    while done < resamples:
        b = min(block, resamples - done)
        if few_patterns:
            counts = rng.multinomial(n, share, size=b)
        else:
            drawn = index[rng.integers(0, n, size=(b, n), dtype=kind)]
            drawn += (np.arange(b, dtype=kind) * p)[:, None]
            counts = np.bincount(drawn.ravel(), minlength=b * p).reshape(b, p)
        done += b
        yield counts.astype(np.float64)


# --- each coefficient as a function of draw counts ------------------------------------------


def _chance_corrected(pa: Matrix, pe: Matrix) -> Matrix:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(pe < 1.0 - 1e-12, (pa - pe) / (1.0 - pe), np.nan)


def kappa_statistic(kind: str, pat: UnitPatterns, w: Matrix) -> Statistic:
    """Percent agreement, Fleiss/Scott, Conger/Cohen, Gwet's AC1/AC2 or Brennan-Prediger."""
    counts = pat.counts()
    r = counts.sum(axis=1)
    sum_q = (counts * (counts @ w.T - 1.0)).sum(axis=1)
    pa_p = sum_q / (r * (r - 1.0))
    q = pat.n_categories
    shares = counts / r[:, None]

    def pa(t: Matrix) -> Matrix:
        # units per resample from the draws: n, or a group's varying share of shared draws
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(t @ pa_p / t.sum(axis=1))

    if kind == "percent_agreement":
        return pa
    if kind == "brennan_prediger":
        pe_bp = float(w.sum()) / q**2
        return lambda t: _chance_corrected(pa(t), np.full(t.shape[0], pe_bp))
    if kind == "fleiss_kappa":

        def fleiss(t: Matrix) -> Matrix:
            pi = t @ shares / t.sum(axis=1)[:, None]
            return _chance_corrected(pa(t), np.einsum("bk,kl,bl->b", pi, w, pi))

        return fleiss
    if kind == "gwet_ac":
        tw = float(w.sum())

        def ac(t: Matrix) -> Matrix:
            pi = t @ shares / t.sum(axis=1)[:, None]
            pe = tw * (pi * (1.0 - pi)).sum(axis=1) / (q * (q - 1.0))
            return _chance_corrected(pa(t), pe)

        return ac
    if kind == "conger_kappa":
        onehot = pat.by_coder()
        m = pat.codes.shape[1]

        def conger(t: Matrix) -> Matrix:
            classif = (t @ onehot).reshape(t.shape[0], m, q)
            ng = classif.sum(axis=2, keepdims=True)
            pgk = np.divide(classif, ng, out=np.zeros_like(classif), where=ng > 0)
            p_mean = pgk.mean(axis=1)
            outer = np.einsum("bk,bl->bkl", p_mean, p_mean)
            s2 = (np.einsum("bjk,bjl->bkl", pgk, pgk) - m * outer) / (m - 1.0)
            pe = np.einsum("kl,bkl->b", w, outer - s2 / m)
            return _chance_corrected(pa(t), pe)

        return conger
    raise ValueError(f"no unit bootstrap for {kind!r}")


def alpha_statistic(d: ReliabilityData, pat: UnitPatterns) -> Statistic:
    """Krippendorff's alpha ``1 - (n.. - 1) sum o delta / sum n_c n_k delta`` per resample."""
    if d.level == "interval" and "distance" not in d.extra and d.scores is not None:
        return _interval_alpha_statistic(d.scores, pat)
    if d.level == "nominal" and "distance" not in d.extra:
        return _nominal_alpha_statistic(pat)
    if d.level == "ordinal" and "distance" not in d.extra:
        _check_ordinal_size(pat)
        counts = pat.counts()
        return _ordinal_alpha_statistic(d, counts, counts.sum(axis=1))
    delta = distance_matrix(d)
    m = (pat.codes >= 0).sum(axis=1).astype(np.float64)
    d_o = pair_sums(pat.codes.T, delta) / (m - 1.0)  # sum o delta of each pattern
    counts_t = pat.sparse_counts().T.tocsr()  # (V, P)

    def alpha(t: Matrix) -> Matrix:
        n_v = np.asarray(counts_t @ t.T).T  # (b, V)
        total = t @ m
        expected = ((n_v @ delta) * n_v).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(expected > 0, 1.0 - (total - 1.0) * (t @ d_o) / expected, np.nan)

    return alpha


def _interval_alpha_statistic(scores: Matrix, pat: UnitPatterns) -> Statistic:
    """Interval alpha from sums of values and squares: sum_{j,k} (x_j - x_k)^2 over a
    unit's values is 2 (m S2 - S1^2), over all values 2 (n.. T2 - T1^2)."""
    valid = pat.codes >= 0
    x = np.where(valid, scores[np.where(valid, pat.codes, 0)], 0.0)
    m = valid.sum(axis=1).astype(np.float64)
    s1, s2 = x.sum(axis=1), (x * x).sum(axis=1)
    d_o = 2.0 * (m * s2 - s1 * s1) / (m - 1.0)

    def alpha(t: Matrix) -> Matrix:
        total, t1, t2 = t @ m, t @ s1, t @ s2
        expected = 2.0 * (total * t2 - t1 * t1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(expected > 0, 1.0 - (total - 1.0) * (t @ d_o) / expected, np.nan)

    return alpha


def _nominal_alpha_statistic(pat: UnitPatterns) -> Statistic:
    """Nominal alpha from each pattern's agreeing pairs and each resample's pooled counts: no
    V x V matrix, so many distinct values (minutes as codes) stay cheap."""
    codes = pat.codes.T  # (M, P)
    valid = codes >= 0
    m = valid.sum(axis=0).astype(np.float64)
    agree = np.zeros(codes.shape[1])
    for i, j in coder_pairs(codes.shape[0]):
        agree += valid[i] & valid[j] & (codes[i] == codes[j])
    d_o = (m * (m - 1.0) - agree) / (m - 1.0)  # sum o delta of each pattern
    counts_t = pat.sparse_counts().T.tocsr()  # (V, P)

    def alpha(t: Matrix) -> Matrix:
        n_v = np.asarray(counts_t @ t.T)  # (V, b)
        total = t @ m
        expected = total * total - (n_v * n_v).sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(expected > 0, 1.0 - (total - 1.0) * (t @ d_o) / expected, np.nan)

    return alpha


def _check_ordinal_size(pat: UnitPatterns) -> None:
    p, v = pat.codes.shape[0], pat.n_categories
    if p * v * v > MAX_MATRIX_CELLS:
        raise ReliabilityDataError(
            f"{v} distinct values at the ordinal level: the bootstrap over units would need "
            f"{p} x {v} x {v} coincidences (over {MAX_MATRIX_CELLS} cells) "
            "(bin the values, or leave out --bootstrap: the linearised interval needs no matrix)"
        )


def _ordinal_alpha_statistic(d: ReliabilityData, counts: Matrix, m: Matrix) -> Statistic:
    """Ordinal alpha: the differences depend on each resample's marginals (patterns x V x V
    coincidences, so refused before allocating on very many distinct values)."""
    v = counts.shape[1]
    coinc = (counts[:, :, None] * counts[:, None, :]).reshape(len(m), v * v)
    coinc -= (counts[:, :, None] * np.eye(v)[None]).reshape(len(m), v * v)
    coinc /= (m - 1.0)[:, None]
    i = np.arange(v)
    lo, hi = np.minimum(i[:, None], i[None, :]), np.maximum(i[:, None], i[None, :])

    def alpha(t: Matrix) -> Matrix:
        n_v = t @ counts  # (b, V)
        cum = np.concatenate([np.zeros((t.shape[0], 1)), np.cumsum(n_v, axis=1)], axis=1)
        between = cum[:, hi + 1] - cum[:, lo]  # (b, V, V)
        delta = (between - (n_v[:, :, None] + n_v[:, None, :]) / 2.0) ** 2
        observed = ((t @ coinc).reshape(-1, v, v) * delta).sum(axis=(1, 2))
        expected = np.einsum("bk,bkl,bl->b", n_v, delta, n_v)
        total = t @ m
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(expected > 0, 1.0 - (total - 1.0) * observed / expected, np.nan)

    return alpha


# --- the bootstrap ----------------------------------------------------------------------------

KINDS: dict[str, tuple[str, str]] = {
    "percent_agreement": ("percent_agreement", "identity"),
    "fleiss_kappa": ("fleiss_kappa", "identity"),
    "scott_pi": ("fleiss_kappa", "identity"),
    "conger_kappa": ("conger_kappa", "identity"),
    "cohen_kappa": ("conger_kappa", "identity"),
    "cohen_kappa_linear": ("conger_kappa", "linear"),
    "cohen_kappa_quadratic": ("conger_kappa", "quadratic"),
    "gwet_ac1": ("gwet_ac", "identity"),
    "gwet_ac2": ("gwet_ac", "quadratic"),
    "brennan_prediger": ("brennan_prediger", "identity"),
}
"""Coefficient name -> (statistic, weights). Alpha's names start with krippendorff_alpha."""


def statistics(d: ReliabilityData, names: Sequence[str], pat: UnitPatterns) -> dict[str, Statistic]:
    out: dict[str, Statistic] = {}
    for name in names:
        if name.startswith("krippendorff_alpha"):
            out[name] = alpha_statistic(d, pat)
        elif name in KINDS:
            kind, weights = KINDS[name]
            out[name] = kappa_statistic(kind, pat, weight_matrix(d, weights))  # type: ignore[arg-type]
        else:
            raise ValueError(f"no unit bootstrap for {name!r}")
    return out


def bootstrap_plan(
    data: ReliabilityData,
    names: Sequence[str],
    alphas: Mapping[str, ReliabilityData] | None = None,
    keep_order: bool = False,
) -> tuple[UnitPatterns, dict[str, Statistic]] | None:
    """What :func:`unit_bootstrap` resamples (the pairable units' patterns) and computes on
    each resample; None when there is nothing to bootstrap. ``keep_order``: as
    :func:`unit_patterns` (a group of the shared draws)."""
    d = pairable_part(data)
    pat = unit_patterns(d, keep_order)
    if pat.n < 2 or not (names or alphas):
        return None
    stats = statistics(d, names, pat)
    for name, other in (alphas or {}).items():
        same = pairable_part(other)
        if not np.array_equal(same.codes, d.codes):
            raise ValueError(f"{name}: not the same codes as the data bootstrapped")
        stats[name] = alpha_statistic(same, pat)
    return pat, stats


def unit_bootstrap(
    data: ReliabilityData,
    names: Sequence[str],
    resamples: int,
    *,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
    alphas: Mapping[str, ReliabilityData] | None = None,
) -> dict[str, Bootstrap]:
    """Bootstrap the named coefficients over the pairable units of ``data`` (one set of
    resamples for all of them); a name with no defined resample is left out.

    ``alphas``: more alphas on the same codes with other distances (MASI and Jaccard on
    sets), by name, computed on the same resamples (the result is what each alone gives).
    """
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    if seed is None:
        seed = fresh_seed()
    plan = bootstrap_plan(data, names, alphas)
    if plan is None:
        return {}
    pat, stats = plan
    values: dict[str, list[Matrix]] = {name: [] for name in stats}
    for block in draw_blocks(pat, resamples, np.random.default_rng(seed)):
        for name, stat in stats.items():
            values[name].append(stat(block))
    return intervals_of(values, resamples, seed, pat.n, ci_level)


def intervals_of(
    values: Mapping[str, Sequence[Matrix]],
    resamples: int,
    seed: int,
    n: int,
    ci_level: float,
    shared: bool = False,
) -> dict[str, Bootstrap]:
    """Each coefficient's interval from its resampled values (0/0 resamples left out)."""
    out: dict[str, Bootstrap] = {}
    for name, parts in values.items():
        every = np.concatenate(parts)
        ok = np.sort(every[np.isfinite(every)])
        if ok.size == 0:
            continue
        ci = percentile_interval(ok, ci_level)
        below = (
            tuple((t, float(np.mean(ok < t))) for t in THRESHOLDS)
            if name.startswith("krippendorff_alpha")
            else ()
        )
        out[name] = Bootstrap(
            resamples, seed, n, ci, below, ok, "units", int(every.size - ok.size), shared
        )
    return out
