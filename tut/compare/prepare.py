"""From a spec and the raw columns of a file to clean arrays, refusing bad input early.

Every check that can fail because of the data or the spec lives here, and each failure is
one :class:`TutError` located at the spec key to change (a variable that is not in the
file, a ballot code missing from the map, a negative weight, a stratum with one PSU, ...).
:func:`plan_columns` runs on the codebook alone, before any data is read.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from tut.compare.checks import (
    TOO_LARGE_FIX,
    WEIGHT_TOO_LARGE_FIX,
    check_finite_outcome,
    check_replicate_batch,
    check_replicate_columns,
    count,
    replicate_pointer,
    weight_values,
)
from tut.compare.design import ReplicateDesign, ReplicateRank, TaylorDesign, replicate_design
from tut.compare.estimate import add_replicate_totals
from tut.compare.spec import (
    ComparisonSpec,
    DatasetSpec,
    DomainSpec,
    OutcomeSpec,
    ReplicateSpec,
    TaylorSpec,
    clipped,
    code_text,
    pointer_key,
)
from tut.errors import TutError, number_text
from tut.microdata.codebook import Codebook, Variable

SYSTEM_MISSING = "system missing"


@dataclass(frozen=True)
class ColumnPlan:
    """The columns one dataset needs, resolved against its codebook."""

    columns: tuple[str, ...]
    replicate_columns: tuple[str, ...]
    frame_columns: tuple[str, ...] = ()
    """The columns kept in memory: all but the replicate weights (which are summed while
    reading), unless a replicate column also serves as something else."""


@dataclass(frozen=True)
class DomainLevels:
    """A domain variable as category indices (-1: not in any category)."""

    name: str
    variable: str
    labels: tuple[str, ...]
    index: np.ndarray
    """(n,) category of each row, -1 for empty or declared-missing values."""


@dataclass(frozen=True)
class PreparedOutcome:
    """An outcome's values with non-answers separated out."""

    spec: OutcomeSpec
    values: np.ndarray
    """(n,) in the reported unit (0/1 for proportions); 0 where not valid."""
    valid: np.ndarray
    """(n,) bool: an answer that enters the estimate."""
    missing: np.ndarray
    """(n,) bool: a declared non-answer code or an empty cell."""
    missing_codes: dict[str, np.ndarray]
    """Label (``"-2 Don't know"``) -> (n,) bool, for counting by code."""


@dataclass(frozen=True)
class PreparedDataset:
    """One dataset ready for estimation."""

    spec: DatasetSpec
    n_rows: int
    weight: np.ndarray
    design: TaylorDesign | ReplicateDesign
    replicates: ReplicateStream | None
    """Replicate-weighted totals accumulated while reading (replicate designs)."""
    variants: tuple[str, ...]
    variant_index: np.ndarray
    """(n,) index into ``variants``, -1 where the ballot is a non-answer or empty."""
    domains: tuple[DomainLevels, ...]
    outcomes: tuple[PreparedOutcome, ...]

    @property
    def excluded(self) -> int:
        return int((self.variant_index < 0).sum())


def plan_columns(spec: ComparisonSpec, ds: DatasetSpec, book: Codebook) -> ColumnPlan:
    """Check every named variable exists with a usable type; list what to read."""
    need: list[str] = []
    kept: list[str] = []

    def want(name: str, pointer: str, numeric: bool, role: str) -> None:
        var = _variable(spec, ds, book, name, pointer)
        if numeric and var.kind != "numeric":
            raise spec.error(
                pointer,
                f"{role} {name!r} holds {_kind_words(var)} in {ds.file.name}, "
                "but a number is needed",
                f"point {pointer.rsplit('/', 1)[-1]} at a numeric variable, or recode "
                "the text into numeric codes",
            )
        if name not in need:
            need.append(name)
        if role != "replicate weight" and name not in kept:
            kept.append(name)

    if ds.variant.variable is not None:
        want(ds.variant.variable, f"{ds.variant.pointer}/variable", False, "ballot variable")
    want(ds.weight, f"{ds.pointer}/weight", True, "weight")
    reps: tuple[str, ...] = ()
    if isinstance(ds.design, TaylorSpec):
        if ds.design.strata:
            want(ds.design.strata, f"{ds.design.pointer}/strata", False, "strata")
        if ds.design.psu:
            want(ds.design.psu, f"{ds.design.pointer}/psu", False, "psu")
    else:
        reps = _replicate_columns(spec, ds, ds.design, book)
        for j, name in enumerate(reps):
            ptr = ds.design.pointer + (f"/columns/{j}" if ds.design.columns else "/prefix")
            want(name, ptr, True, "replicate weight")
    for o in ds.outcomes:
        want(o.variable, f"{o.pointer}/variable", True, f"outcome {o.name!r}: variable")
    for d in ds.domains:
        ptr = d.pointer if d.variable == d.name and not d.labels else f"{d.pointer}/variable"
        want(d.variable, ptr, False, "domain")
    for name in ds.missing:
        _variable(spec, ds, book, name, f"{ds.missing_pointer}/{pointer_key(name)}")
    return ColumnPlan(columns=tuple(need), replicate_columns=reps, frame_columns=tuple(kept))


def prepare_dataset(
    spec: ComparisonSpec,
    ds: DatasetSpec,
    book: Codebook,
    frame: pl.DataFrame,
    plan: ColumnPlan,
    replicates: ReplicateStream | None = None,
) -> PreparedDataset:
    """Turn raw columns into validated arrays (weights, design, variants, domains, outcomes).

    ``frame`` needs every planned column except the replicate weights, whose totals come
    from ``replicates`` (fed with the same rows, batch by batch, while reading).
    """
    n = frame.height
    if n == 0:
        raise spec.error(f"{ds.pointer}/file", f"{ds.file.name} has no rows",
                         "point file at the survey's respondent file")
    weight = weight_values(spec, ds, frame, ds.weight, f"{ds.pointer}/weight", "weight")
    design: TaylorDesign | ReplicateDesign
    if isinstance(ds.design, TaylorSpec):
        design = _taylor(spec, ds, ds.design, frame, n)
    else:
        r = ds.design
        if replicates is None or replicates.rows != n:
            raise ValueError("a replicate design needs the replicate totals of every row")
        replicates.check(weight)
        count = len(plan.replicate_columns)
        if r.rscales is not None and len(r.rscales) != count:
            raise spec.error(
                f"{r.pointer}/rscales",
                f"{len(r.rscales)} rscales for {count} replicate weights",
                "give one rscale per replicate weight",
            )
        design = replicate_design(
            r.type, count, rho=r.rho, scale=r.scale, rscales=r.rscales, mse=r.mse,
            rank=replicates.rank,
        )
    variants, variant_index = _variants(spec, ds, book, frame)
    if (variant_index < 0).all():
        raise spec.error(
            f"{ds.variant.pointer}/variable",
            f"no row has a variant: {ds.variant.variable} is empty or declared missing in "
            f"every row of {ds.file.name}",
            "point variant.variable at the ballot (which wording each respondent got)",
        )
    domains = tuple(_domain(spec, ds, d, book, frame) for d in ds.domains)
    outcomes = tuple(_outcome(spec, ds, o, book, frame) for o in ds.outcomes)
    for o in outcomes:
        _check_answers(spec, ds, o, weight, variants, variant_index)
    return PreparedDataset(
        spec=ds,
        n_rows=n,
        weight=weight,
        design=design,
        replicates=replicates,
        variants=variants,
        variant_index=variant_index,
        domains=domains,
        outcomes=outcomes,
    )


# --- per-row statistics -----------------------------------------------------------------

STAT_ALL = 0
"""Column of the statistics matrix that is 1 on every row."""
STAT_VALID, STAT_Y, STAT_Y2, STAT_PART, STAT_MISS = range(5)
"""Offsets within each outcome's block: answered, value, value squared, value > 0, non-answer."""
STATS_PER_OUTCOME = 5


def stat_base(outcome_index: int) -> int:
    """First column of an outcome's block in the statistics matrix."""
    return 1 + STATS_PER_OUTCOME * outcome_index


def too_large(spec: ComparisonSpec, ds: DatasetSpec, o: OutcomeSpec) -> TutError:
    """The error for an outcome whose weighted totals or variance overflow."""
    return spec.error(
        f"{o.pointer}/variable",
        f"outcome {o.name!r}: the values of {o.variable} in {ds.file.name}, times the weights, "
        "are too large to compute with (the totals overflow)",
        TOO_LARGE_FIX,
    )


def row_statistics(outcomes: Sequence[PreparedOutcome], n: int) -> np.ndarray:
    """(N, 1 + 5*O) per-row statistics; every estimate is a ratio of their weighted totals.

    Squares that overflow become inf (no warning); :func:`too_large` reports them.
    """
    out = np.empty((n, 1 + STATS_PER_OUTCOME * len(outcomes)))
    out[:, STAT_ALL] = 1.0
    for i, o in enumerate(outcomes):
        base = stat_base(i)
        out[:, base + STAT_VALID] = o.valid
        out[:, base + STAT_Y] = o.values
        with np.errstate(over="ignore"):
            out[:, base + STAT_Y2] = o.values * o.values
        out[:, base + STAT_PART] = o.valid & (o.values > 0)
        out[:, base + STAT_MISS] = o.missing
    return out


class ReplicateStream:
    """Replicate-weighted totals, accumulated batch by batch while a file is read.

    Rows are keyed by the raw values of the ballot and domain variables (the final groups
    are only known once every row has been seen); :meth:`totals` regroups the keys. Each
    batch's replicate weights are checked (empty or negative) and then dropped, so 160
    replicate weights of a large file are never all in memory.
    """

    def __init__(
        self, spec: ComparisonSpec, ds: DatasetSpec, book: Codebook, plan: ColumnPlan
    ) -> None:
        self.spec, self.ds, self.book, self.plan = spec, ds, book, plan
        keys = [ds.variant.variable] if ds.variant.variable else []
        keys += [d.variable for d in ds.domains]
        self.key_columns = list(dict.fromkeys(keys))
        self.rows = 0
        self._ids: list[dict[object, int]] = [{} for _ in self.key_columns]
        self._fine: dict[tuple[int, ...], int] = {}
        self._first_row: list[int] = []
        self.n_stats = 1 + STATS_PER_OUTCOME * len(ds.outcomes)
        # squares only serve the design effect, which uses the full-sample weight
        squares = {stat_base(i) + STAT_Y2 for i in range(len(ds.outcomes))}
        self._columns = np.array([j for j in range(self.n_stats) if j not in squares])
        self._sums = np.zeros((16, len(plan.replicate_columns), len(self._columns)))
        self._rank = ReplicateRank(len(plan.replicate_columns))
        self._buffer = np.empty((0, 0))
        self._nonzero = np.zeros(len(plan.replicate_columns), dtype=bool)

    def add(self, batch: pl.DataFrame) -> None:
        """Add a batch of rows (with the replicate, ballot, domain and outcome columns)."""
        n = batch.height
        if n == 0:
            return
        weights_t = self._weights(batch)
        check_replicate_batch(self.spec, self.ds, self.plan.replicate_columns, weights_t,
                              self.rows)
        self._nonzero |= weights_t.any(axis=1)
        outcomes = [_outcome(self.spec, self.ds, o, self.book, batch, self.rows)
                    for o in self.ds.outcomes]
        with np.errstate(over="ignore", invalid="ignore"):  # overflow: refused by check()
            self._rank.add(weights_t)
            stats = row_statistics(outcomes, n)[:, self._columns]
            keys = self._keys(batch)
            add_replicate_totals(self._sums, weights_t, stats, keys)
        self.rows += n

    def check(self, weight: np.ndarray) -> None:
        """After the last batch: no replicate weight is zero in every row, and no
        replicate-weighted total overflowed."""
        check_replicate_columns(self.spec, self.ds, self.plan.replicate_columns, self._nonzero)
        finite = np.isfinite(self._sums).all(axis=(0, 1))
        if finite.all():
            return
        stat = int(self._columns[np.flatnonzero(~finite)[0]])
        if stat == STAT_ALL:
            raise self.spec.error(
                replicate_pointer(self.ds),
                f"the replicate weights of {self.ds.file.name} add up to more than the largest "
                "number a computer holds", WEIGHT_TOO_LARGE_FIX)
        raise too_large(self.spec, self.ds, self.ds.outcomes[(stat - 1) // STATS_PER_OUTCOME])

    @property
    def rank(self) -> int:
        """Rank of the replicate weights seen so far (R's degrees of freedom + 1)."""
        return self._rank.rank

    def _weights(self, batch: pl.DataFrame) -> np.ndarray:
        """The batch's replicate weights as (R, rows), one replicate per row.

        Copied column by column into a buffer kept from batch to batch: a fresh array
        per batch costs more in page faults than the copy itself.
        """
        shape = (len(self.plan.replicate_columns), batch.height)
        if self._buffer.shape != shape:
            self._buffer = np.empty(shape)
        for row, name in zip(self._buffer, self.plan.replicate_columns, strict=True):
            row[:] = batch.get_column(name).to_numpy()
        return self._buffer

    def totals(self, groups: np.ndarray, n_groups: int) -> np.ndarray:
        """(R, G, S) totals, given the final group of every row (squares left at 0)."""
        group_of_key = groups[np.asarray(self._first_row, dtype=np.int64)]
        out = np.zeros((self._sums.shape[1], n_groups, self.n_stats))
        for key, g in enumerate(group_of_key):
            out[:, g, self._columns] += self._sums[key]
        return out

    def _keys(self, batch: pl.DataFrame) -> np.ndarray:
        """Key of each row: its combination of raw ballot and domain values."""
        n = batch.height
        ids = np.zeros((n, max(len(self.key_columns), 1)), dtype=np.int64)
        combined = np.zeros(n, dtype=np.int64)
        size = 1
        for j, name in enumerate(self.key_columns):
            codes, inverse = _small_codes(batch[name])
            lookup = self._ids[j]
            ids[:, j] = np.array([lookup.setdefault(c, len(lookup)) for c in codes],
                                 dtype=np.int64)[inverse]
            radix = int(ids[:, j].max()) + 1
            if size * radix >= 1 << 62:  # keep the mixed-radix code in range
                _, _, combined = _factorize_small(combined)
                size = int(combined.max()) + 1
            combined = combined * radix + ids[:, j]
            size *= radix
        present, first, inverse = _factorize_small(combined)
        fine = np.empty(len(present), dtype=np.int64)
        for u, row in enumerate(first.tolist()):
            key = tuple(ids[row].tolist())
            if key not in self._fine:
                self._fine[key] = len(self._fine)
                self._first_row.append(self.rows + int(first[u]))
            fine[u] = self._fine[key]
        if len(self._fine) > len(self._sums):
            grown = np.zeros((2 * len(self._fine), *self._sums.shape[1:]))
            grown[: len(self._sums)] = self._sums
            self._sums = grown
        return fine[inverse]


def _small_codes(col: pl.Series) -> tuple[list[str], np.ndarray]:
    """Like :func:`_keys`, in linear time for the usual case of small integer codes."""
    if col.dtype != pl.String:
        values = col.cast(pl.Float64).to_numpy()
        finite = values[~np.isnan(values)]
        if len(finite):
            lo, hi = finite.min(), finite.max()
            if hi - lo < 4096 and np.array_equal(finite, np.floor(finite)):
                idx = np.where(np.isnan(values), hi - lo + 1, values - lo).astype(np.int64)
                present, _, inverse = _factorize_small(idx)
                nan_code = int(hi - lo + 1)
                codes = ["" if v == nan_code else code_text(float(v + lo)) for v in present.tolist()]
                return codes, inverse
    return _keys(col)


def _factorize_small(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct non-negative ints, the first row of each and each row's index, in O(n).

    Falls back to sorting when the values are too spread out for a lookup table.
    """
    if len(values) and values.max() < 4 * len(values) + 65536:
        counts = np.bincount(values)
        present = np.flatnonzero(counts)
        index = np.full(len(counts), -1, dtype=np.int64)
        index[present] = np.arange(len(present))
        inverse = index[values]
        first = np.full(len(present), len(values), dtype=np.int64)
        np.minimum.at(first, inverse, np.arange(len(values)))
        return present, first, inverse
    present, first, inverse = np.unique(values, return_index=True, return_inverse=True)
    return present, first, inverse.reshape(-1)


# --- variables -------------------------------------------------------------------------


def _variable(
    spec: ComparisonSpec, ds: DatasetSpec, book: Codebook, name: str, pointer: str
) -> Variable:
    var = book.variables.get(name)
    if var is not None:
        return var
    folded = {n.lower(): n for n in book.variables}
    if name.lower() in folded:
        fix = f"did you mean {folded[name.lower()]!r}? variable names are case-sensitive"
    else:
        close = difflib.get_close_matches(name, list(book.variables), n=3, cutoff=0.6)
        fix = ("did you mean " + ", ".join(repr(c) for c in close) + "?") if close else (
            f"run `tut microdata describe {ds.file.name}` to list its variables"
        )
    if len(spec.datasets) > 1 and not pointer.startswith(ds.pointer + "/"):
        # Two surveys rarely share variable names: say where a per-survey list goes.
        key = pointer.split("/")[1]
        fix += (f"; the top-level {key} applies to both surveys: give dataset {ds.name!r} "
                f"its own {key} under {ds.pointer}")
    raise spec.error(pointer, f"variable {name!r} is not in {ds.file.name}", fix)


def _kind_words(var: Variable) -> str:
    return {"string": "text", "date": "dates", "datetime": "dates and times",
            "time": "times"}.get(var.kind, var.kind)


def _replicate_columns(
    spec: ComparisonSpec, ds: DatasetSpec, r: ReplicateSpec, book: Codebook
) -> tuple[str, ...]:
    if r.columns is not None:
        cols = r.columns
        ptr = f"{r.pointer}/columns"
    else:
        assert r.prefix is not None
        pattern = re.compile(re.escape(r.prefix) + r"(\d+)")
        found = [(int(m.group(1)), n) for n in book.variables if (m := pattern.fullmatch(n))]
        cols = tuple(n for _, n in sorted(found))
        ptr = f"{r.pointer}/prefix"
        if not cols:
            raise spec.error(
                ptr,
                f"no variable in {ds.file.name} is named {r.prefix!r} followed by a number",
                "check the prefix (ATUS: TUFNWGTP for TUFNWGTP001..160) or list the columns",
            )
    if r.count is not None and len(cols) != r.count:
        raise spec.error(
            ptr,
            f"{len(cols)} replicate weights found in {ds.file.name}, but count says "
            f"{number_text(r.count)}",
            "fix count, or the prefix/columns so that every replicate weight is included",
        )
    if len(cols) < 2:
        raise spec.error(ptr, "a replicate design needs at least 2 replicate weights",
                         "list all the replicate weight variables")
    return tuple(cols)


def _taylor(
    spec: ComparisonSpec, ds: DatasetSpec, t: TaylorSpec, frame: pl.DataFrame, n: int
) -> TaylorDesign:
    codes: dict[str, np.ndarray | None] = {"strata": None, "psu": None}
    for key, name in (("strata", t.strata), ("psu", t.psu)):
        if name is None:
            continue
        col = frame[name]
        empty = col.is_null() | (col.is_nan() if col.dtype.is_float() else False)
        if empty.any():
            k, first = int(empty.sum()), int(empty.arg_true()[0]) + 1
            raise spec.error(f"{t.pointer}/{key}",
                             f"{key} variable {name!r} is empty in {count(k, 'row')} (first: "
                             f"row {first} of {ds.file.name})",
                             "every row needs its stratum and PSU")
        codes[key] = col.cast(pl.String).to_numpy() if col.dtype == pl.String else col.to_numpy()
    design = TaylorDesign.from_codes(codes["strata"], codes["psu"], n, t.lonely_psu)
    lonely = design.lonely_strata
    if len(lonely) and t.lonely_psu == "fail":
        strata_col = frame[t.strata] if t.strata else None
        example = ""
        if strata_col is not None:
            first_psu = int(np.flatnonzero(design.psu_stratum == lonely[0])[0])
            row = int(np.flatnonzero(design.psu == first_psu)[0])
            example = f" (e.g. stratum {code_text(strata_col[row])})"
        given = "lonely_psu: fail" if t.lonely_psu_given else "no lonely_psu rule"
        raise spec.error(
            f"{t.pointer}/strata" if t.strata else t.pointer,
            f"{count(len(lonely), 'stratum', 'strata')} with a single PSU{example} and the "
            f"design has {given}",
            "set design.lonely_psu to adjust (as R's survey.lonely.psu; Stata "
            "singleunit(centered)), average, certainty or remove, or merge those strata",
        )
    if t.lonely_psu == "average" and len(lonely) == design.n_strata:
        raise spec.error(
            f"{t.pointer}/lonely_psu",
            "every stratum has a single PSU, so lonely_psu: average has no stratum to take "
            "the average variance from",
            "use lonely_psu: adjust, or check the strata and psu variables",
        )
    return design


def _variants(
    spec: ComparisonSpec, ds: DatasetSpec, book: Codebook, frame: pl.DataFrame
) -> tuple[tuple[str, ...], np.ndarray]:
    v = ds.variant
    n = frame.height
    if v.variable is None:
        assert v.single is not None
        return (v.single,), np.zeros(n, dtype=np.int64)
    ids = tuple(v.ids)
    col = frame[v.variable]
    codes, inverse = _small_codes(col)
    declared = _declared_missing(ds, book.variables[v.variable], col)
    counts = np.bincount(inverse, minlength=len(codes))
    all_declared = np.bincount(inverse, weights=declared, minlength=len(codes)) == counts
    lookup = np.full(len(codes), -1, dtype=np.int64)
    unknown: list[tuple[str, int]] = []
    for u, code in enumerate(codes):
        if code in v.codes:
            lookup[u] = ids.index(v.codes[code])
        elif code != "" and not all_declared[u]:
            unknown.append((code, int(counts[u])))
    index = lookup[inverse]
    if unknown:
        listed = ", ".join(f"{clipped(c, 40)} ({count(k, 'row')})" for c, k in unknown[:5])
        raise spec.error(
            f"{v.pointer}/map",
            f"{v.variable} has codes that are not in the variant map: {listed}",
            f"add each code to variant.map with its variant id, or list it under "
            f"missing.{v.variable} if it is not a ballot",
        )
    return ids, index


def _keys(col: pl.Series) -> tuple[list[str], np.ndarray]:
    """Distinct values as normalised code text ("" for empty) and each row's index into them.

    Codes are matched as text so that 1, 1.0 and "1" in the spec are the same code.
    """
    if col.dtype == pl.String:
        uniq, inverse = np.unique(col.fill_null("").to_numpy().astype(str), return_inverse=True)
        return [str(u) for u in uniq], inverse.reshape(-1)
    values = col.cast(pl.Float64).to_numpy()
    uniq, inverse = np.unique(values, return_inverse=True)
    return ["" if math.isnan(u) else code_text(float(u)) for u in uniq], inverse.reshape(-1)


def _declared_missing(ds: DatasetSpec, var: Variable, col: pl.Series) -> np.ndarray:
    """True where the file or the spec says the value is not an answer."""
    codes = {code_text(c) for c in ds.missing.get(var.name, ())}
    codes |= {code_text(c) for c in var.missing_values}
    if col.dtype == pl.String:
        return col.is_in(list(codes)).fill_null(False).to_numpy()
    values = col.cast(pl.Float64).to_numpy()
    out = np.zeros(len(values), dtype=bool)
    numeric = [float(c) for c in codes if _is_number(c)]
    if numeric:
        out |= np.isin(values, numeric)
    with np.errstate(invalid="ignore"):
        for lo, hi in var.missing_ranges:
            out |= (values >= lo) & (values <= hi)
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _domain(
    spec: ComparisonSpec, ds: DatasetSpec, d: DomainSpec, book: Codebook, frame: pl.DataFrame
) -> DomainLevels:
    var = book.variables[d.variable]
    col = frame[d.variable]
    declared = _declared_missing(ds, var, col)
    codes, inverse = _small_codes(col)
    present = np.bincount(inverse[~declared], minlength=len(codes)) > 0
    order = sorted((k for k, here in zip(codes, present, strict=True) if k != "" and here),
                   key=_sort_key)
    if not order:
        raise spec.error(
            d.pointer,
            f"domain {d.name!r}: {d.variable} is empty or declared missing in every row of "
            f"{ds.file.name}, so it has no categories",
            "point the domain at a variable with values, or remove it",
        )
    file_labels = {code_text(k): str(v) for k, v in var.value_labels.items()}
    labels = tuple(d.labels.get(k) or file_labels.get(k) or k for k in order)
    _check_labels(spec, ds, d, order, labels)
    position = {k: i for i, k in enumerate(order)}
    lookup = np.array([position.get(k, -1) for k in codes], dtype=np.int64)
    index = np.where(declared, -1, lookup[inverse])
    return DomainLevels(name=d.name, variable=d.variable, labels=labels, index=index)


def _check_labels(
    spec: ComparisonSpec, ds: DatasetSpec, d: DomainSpec, codes: list[str],
    labels: tuple[str, ...],
) -> None:
    """Results are keyed by category label, so two codes may not share one."""
    first: dict[str, str] = {}
    for code, label in zip(codes, labels, strict=True):
        if label not in first:
            first[label] = code
            continue
        other = first[label]
        raise spec.error(
            f"{d.pointer}/labels" if d.labels else d.pointer,
            f"codes {clipped(other, 20)} and {clipped(code, 20)} of {d.variable} both have the "
            f"label {clipped(label)!r} in {ds.file.name}",
            f"give them distinct labels under labels: in this domain, e.g. {{{other}: "
            f"{clipped(label, 20)} ({other}), {code}: {clipped(label, 20)} ({code})}}, or "
            "recode them into one code",
        )


def _sort_key(code: str) -> tuple[int, float, str]:
    return (0, float(code), "") if _is_number(code) else (1, 0.0, code)


def _check_answers(
    spec: ComparisonSpec, ds: DatasetSpec, o: PreparedOutcome, weight: np.ndarray,
    variants: tuple[str, ...], variant_index: np.ndarray,
) -> None:
    """Something to estimate: answers in the file, and under each variant that has
    answers, at least one with a weight above zero."""
    s = o.spec
    if not (o.valid & (variant_index >= 0)).any():
        meeting = f" meets the condition {s.condition}" if s.condition and s.kind == "mean" else ""
        raise spec.error(
            f"{s.pointer}/variable",
            f"outcome {s.name!r}: no respondent has an answer to {s.variable}{meeting} in "
            f"{ds.file.name} (every row with a variant is empty or declared missing)",
            "check the variable and the missing codes, or remove the outcome",
        )
    for vi, v in enumerate(variants):
        answered = o.valid & (variant_index == vi)
        if answered.any() and not weight[answered].any():
            raise spec.error(
                f"{ds.pointer}/weight",
                f"weight {ds.weight!r} is zero for every respondent given {v} who answered "
                f"{s.variable} ({count(int(answered.sum()), 'row')} of {ds.file.name}), so "
                "that variant has no estimate",
                "check the weight variable; a variant's respondents need weights above zero",
            )


def _outcome(
    spec: ComparisonSpec, ds: DatasetSpec, o: OutcomeSpec, book: Codebook, frame: pl.DataFrame,
    first_row: int = 0,
) -> PreparedOutcome:
    """An outcome's values and non-answers; ``first_row`` numbers the rows of a batch."""
    var = book.variables[o.variable]
    col = frame[o.variable]
    if col.dtype == pl.String:  # the codebook said numeric but the reader disagrees
        raise spec.error(f"{o.pointer}/variable",
                         f"outcome {o.name!r}: {o.variable} holds text, a number is needed",
                         "point variable at a numeric variable")
    raw = col.cast(pl.Float64).to_numpy()
    empty = np.isnan(raw)
    declared = _declared_missing(ds, var, col)
    check_finite_outcome(spec, ds, o, raw, declared, first_row)
    missing = empty | declared
    codes: dict[str, np.ndarray] = {}
    if empty.any():
        codes[SYSTEM_MISSING] = empty
    labels = {code_text(k): str(v) for k, v in var.value_labels.items()}
    for value in sorted(np.unique(raw[declared]), key=abs):
        key = code_text(float(value))
        name = f"{key} {labels[key]}" if key in labels else key
        codes[name] = declared & (raw == value)
    answered = ~missing
    values = np.where(answered, raw, 0.0)
    if o.kind == "proportion":
        if o.condition is not None:
            valid = answered
            values = np.where(answered & o.condition.holds(raw), 1.0, 0.0)
        else:
            odd = answered & (values != 0) & (values != 1)
            if odd.any():
                example = values[np.flatnonzero(odd)[0]]
                raise spec.error(
                    o.pointer,
                    f"outcome {o.name!r} is a proportion but {o.variable} has values other "
                    f"than 0 and 1 (e.g. {number_text(example)})",
                    "add a condition such as '> 0' (the share above 0), or list the other "
                    f"codes under missing.{o.variable}",
                )
            valid = answered
    else:
        valid = answered & o.condition.holds(raw) if o.condition is not None else answered
        values = np.where(valid, values, 0.0)
        if o.convert is not None:
            with np.errstate(over="ignore"):  # an overflow is refused after estimation
                values = values * o.convert.factor
    return PreparedOutcome(spec=o, values=values, valid=valid, missing=missing,
                           missing_codes=codes)
