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
from dataclasses import dataclass

import numpy as np
import polars as pl

from tut.compare.design import ReplicateDesign, TaylorDesign, replicate_design
from tut.compare.spec import (
    ComparisonSpec,
    DatasetSpec,
    DomainSpec,
    OutcomeSpec,
    ReplicateSpec,
    TaylorSpec,
    code_text,
)
from tut.microdata.codebook import Codebook, Variable

SYSTEM_MISSING = "system missing"


@dataclass(frozen=True)
class ColumnPlan:
    """The columns one dataset needs, resolved against its codebook."""

    columns: tuple[str, ...]
    replicate_columns: tuple[str, ...]


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
    replicate_weights: tuple[np.ndarray, ...] | None
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
        want(o.variable, f"{o.pointer}/variable", True, f"outcome {o.name!r} uses")
    for d in ds.domains:
        ptr = d.pointer if d.variable == d.name and not d.labels else f"{d.pointer}/variable"
        want(d.variable, ptr, False, "domain")
    for name in ds.missing:
        _variable(spec, ds, book, name, f"{ds.missing_pointer}/{_escape(name)}")
    return ColumnPlan(columns=tuple(need), replicate_columns=reps)


def prepare_dataset(
    spec: ComparisonSpec, ds: DatasetSpec, book: Codebook, frame: pl.DataFrame, plan: ColumnPlan
) -> PreparedDataset:
    """Turn raw columns into validated arrays (weights, design, variants, domains, outcomes)."""
    n = frame.height
    weight = _weights(spec, ds, frame, ds.weight, f"{ds.pointer}/weight", "weight")
    design: TaylorDesign | ReplicateDesign
    reps: tuple[np.ndarray, ...] | None = None
    if isinstance(ds.design, TaylorSpec):
        design = _taylor(spec, ds, ds.design, frame, n)
    else:
        r = ds.design
        reps = tuple(
            _weights(spec, ds, frame, c, r.pointer, "replicate weight", allow_all_zero=True)
            for c in plan.replicate_columns
        )
        if r.rscales is not None and len(r.rscales) != len(reps):
            raise spec.error(
                f"{r.pointer}/rscales",
                f"{len(r.rscales)} rscales for {len(reps)} replicate weights",
                "give one rscale per replicate weight",
            )
        design = replicate_design(
            r.type, len(reps), rho=r.rho, scale=r.scale, rscales=r.rscales, mse=r.mse
        )
    variants, variant_index = _variants(spec, ds, book, frame)
    domains = tuple(_domain(ds, d, book, frame) for d in ds.domains)
    outcomes = tuple(_outcome(spec, ds, o, book, frame) for o in ds.outcomes)
    return PreparedDataset(
        spec=ds,
        n_rows=n,
        weight=weight,
        design=design,
        replicate_weights=reps,
        variants=variants,
        variant_index=variant_index,
        domains=domains,
        outcomes=outcomes,
    )


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# --- variables -------------------------------------------------------------------------


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


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
            f"{len(cols)} replicate weights found in {ds.file.name}, but count says {r.count}",
            "fix count, or the prefix/columns so that every replicate weight is included",
        )
    if len(cols) < 2:
        raise spec.error(ptr, "a replicate design needs at least 2 replicate weights",
                         "list all the replicate weight variables")
    return tuple(cols)


def _weights(
    spec: ComparisonSpec,
    ds: DatasetSpec,
    frame: pl.DataFrame,
    name: str,
    pointer: str,
    role: str,
    allow_all_zero: bool = False,
) -> np.ndarray:
    col = frame[name]
    nulls = col.null_count()
    values = col.cast(pl.Float64).to_numpy()
    fix_missing = "every row needs a weight; drop rows outside the sample before the analysis"
    if nulls:
        first = int(np.flatnonzero(np.isnan(values))[0]) + 1
        raise spec.error(
            pointer, f"{role} {name!r} is empty in {_count(nulls, 'row')} (first: row {first})",
            fix_missing,
        )
    if np.isnan(values).any():
        first = int(np.flatnonzero(np.isnan(values))[0]) + 1
        raise spec.error(pointer, f"{role} {name!r} is not a number in row {first}", fix_missing)
    neg = values < 0
    if neg.any():
        first = int(np.flatnonzero(neg)[0]) + 1
        raise spec.error(
            pointer,
            f"{role} {name!r} is negative in {_count(int(neg.sum()), 'row')} (first: row {first}, "
            f"value {values[first - 1]:g})",
            "use the survey's final (positive) weight; a negative code may be a missing "
            "value that must not be used as a weight",
        )
    if not allow_all_zero and not values.any():
        raise spec.error(pointer, f"{role} {name!r} is zero in every row",
                         "point weight at the final person weight")
    return values


def _taylor(
    spec: ComparisonSpec, ds: DatasetSpec, t: TaylorSpec, frame: pl.DataFrame, n: int
) -> TaylorDesign:
    codes: dict[str, np.ndarray | None] = {"strata": None, "psu": None}
    for key, name in (("strata", t.strata), ("psu", t.psu)):
        if name is None:
            continue
        col = frame[name]
        if col.null_count():
            raise spec.error(f"{t.pointer}/{key}",
                             f"{key} variable {name!r} is empty in "
                             f"{_count(col.null_count(), 'row')}",
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
            f"{_count(len(lonely), 'stratum', 'strata')} with a single PSU{example} and the "
            f"design has {given}",
            "set design.lonely_psu to adjust (as R's survey.lonely.psu; Stata "
            "singleunit(centered)), average, certainty or remove, or merge those strata",
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
    codes, inverse = _keys(col)
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
        listed = ", ".join(f"{c} ({_count(k, 'row')})" for c, k in unknown[:5])
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


def _domain(ds: DatasetSpec, d: DomainSpec, book: Codebook, frame: pl.DataFrame) -> DomainLevels:
    var = book.variables[d.variable]
    col = frame[d.variable]
    declared = _declared_missing(ds, var, col)
    codes, inverse = _keys(col)
    order = sorted((k for k in codes if k != ""), key=_sort_key)
    file_labels = {code_text(k): str(v) for k, v in var.value_labels.items()}
    labels = tuple(d.labels.get(k) or file_labels.get(k) or k for k in order)
    position = {k: i for i, k in enumerate(order)}
    lookup = np.array([position.get(k, -1) for k in codes], dtype=np.int64)
    index = np.where(declared, -1, lookup[inverse])
    return DomainLevels(name=d.name, variable=d.variable, labels=labels, index=index)


def _sort_key(code: str) -> tuple[int, float, str]:
    return (0, float(code), "") if _is_number(code) else (1, 0.0, code)


def _outcome(
    spec: ComparisonSpec, ds: DatasetSpec, o: OutcomeSpec, book: Codebook, frame: pl.DataFrame
) -> PreparedOutcome:
    var = book.variables[o.variable]
    col = frame[o.variable]
    if col.dtype == pl.String:  # the codebook said numeric but the reader disagrees
        raise spec.error(f"{o.pointer}/variable",
                         f"outcome {o.name!r}: {o.variable} holds text, a number is needed",
                         "point variable at a numeric variable")
    raw = col.cast(pl.Float64).to_numpy()
    empty = np.isnan(raw)
    declared = _declared_missing(ds, var, col)
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
                    f"than 0 and 1 (e.g. {example:g})",
                    "add a condition such as '> 0' (the share above 0), or list the other "
                    f"codes under missing.{o.variable}",
                )
            valid = answered
    else:
        valid = answered & o.condition.holds(raw) if o.condition is not None else answered
        values = np.where(valid, values, 0.0)
        if o.convert is not None:
            values = values * o.convert.factor
    return PreparedOutcome(spec=o, values=values, valid=valid, missing=missing,
                           missing_codes=codes)
