"""From a spec and the raw columns of a file to clean arrays, refusing bad input early.

Every check that can fail because of the data or the spec lives here, and each failure is
one :class:`TutError` located at the spec key to change (a variable that is not in the
file, a ballot code missing from the map, a negative weight, a stratum with one PSU, ...).
:func:`plan_columns` runs on the codebook alone, before any data is read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import numpy as np
import polars as pl

from tut.compare.checks import count, weight_values
from tut.compare.columns import (
    ColumnPlan,
    PreparedOutcome,
    declared_missing,
    is_number,
    prepare_outcome,
    small_codes,
)
from tut.compare.design import ReplicateDesign, TaylorDesign, replicate_design
from tut.compare.fpc import with_fpc, with_second_stage
from tut.compare.spec import (
    ComparisonSpec,
    DatasetSpec,
    DomainSpec,
    ReplicateSpec,
    TaylorSpec,
    clipped,
    code_text,
    pointer_key,
)
from tut.compare.stream import ReplicateStream
from tut.errors import number_text
from tut.microdata.codebook import Codebook, Variable


@dataclass(frozen=True)
class DomainLevels:
    """A domain variable as category indices (-1: not in any category)."""

    name: str
    variable: str
    labels: tuple[str, ...]
    index: np.ndarray
    """(n,) category of each row, -1 for empty or declared-missing values."""



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
        if ds.design.fpc:
            want(ds.design.fpc, f"{ds.design.pointer}/fpc", True, "fpc")
        if ds.design.ssu:
            want(ds.design.ssu, f"{ds.design.pointer}/ssu", False, "ssu")
        if ds.design.fpc2:
            want(ds.design.fpc2, f"{ds.design.pointer}/fpc2", True, "fpc2")
    else:
        reps = _replicate_columns(spec, ds, ds.design, book)
        for j, name in enumerate(reps):
            ptr = ds.design.pointer + (f"/columns/{j}" if ds.design.columns else "/prefix")
            want(name, ptr, True, "replicate weight")
    for o in ds.outcomes:
        want(o.variable, f"{o.pointer}/variable", True, f"outcome {o.name!r}: variable")
        if o.denominator is not None:
            want(o.denominator, f"{o.pointer}/denominator", True,
                 f"outcome {o.name!r}: denominator")
    for d in ds.domains:
        ptr = d.pointer if d.variable == d.name and not d.labels else f"{d.pointer}/variable"
        want(d.variable, ptr, False, "domain")
    for name, codes in ds.missing.items():
        ptr = f"{ds.missing_pointer}/{pointer_key(name)}"
        var = _variable(spec, ds, book, name, ptr)
        text = [c for c in codes if not is_number(code_text(c))]
        if var.kind == "numeric" and text:
            raise spec.error(
                f"{ptr}/{list(codes).index(text[0])}",
                f"{clipped(text[0])!r} can never match: {name} holds numbers in {ds.file.name}",
                "write the code as a number, such as -1",
            )
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
    outcomes = tuple(prepare_outcome(spec, ds, o, book, frame) for o in ds.outcomes)
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
    if t.fpc:
        design = with_fpc(spec, ds, t, design, frame[t.fpc].cast(pl.Float64).to_numpy())
    if t.ssu or t.fpc2:
        design = with_second_stage(spec, ds, t, design, frame)
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
    if design.n_psu == 1:
        raise spec.error(
            f"{t.pointer}/psu" if t.psu else t.pointer,
            f"the design has a single PSU in {ds.file.name}, so no standard error can be "
            "estimated from it (R gives 0 or fails)",
            "point psu (and strata) at the survey's design variables, or use its replicate "
            "weights",
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
    codes, inverse = small_codes(col)
    declared = declared_missing(ds, book.variables[v.variable], col)
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




def _domain(
    spec: ComparisonSpec, ds: DatasetSpec, d: DomainSpec, book: Codebook, frame: pl.DataFrame
) -> DomainLevels:
    var = book.variables[d.variable]
    col = frame[d.variable]
    declared = declared_missing(ds, var, col)
    if d.condition is not None:
        return condition_domain(spec, ds, d, col, declared)
    codes, inverse = small_codes(col)
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


def condition_domain(
    spec: ComparisonSpec, ds: DatasetSpec, d: DomainSpec, col: pl.Series, declared: np.ndarray
) -> DomainLevels:
    """A domain by condition: yes (0) where the value meets it, no (1), -1 without a value."""
    assert d.condition is not None
    if col.dtype == pl.String:
        raise spec.error(f"{d.pointer}/condition",
                         f"domain {d.name!r}: {d.variable} holds text in {ds.file.name}, a "
                         "condition needs numbers", "point variable at a numeric variable")
    values = col.cast(pl.Float64).to_numpy()
    empty = declared | np.isnan(values)
    index = np.where(empty, -1, np.where(d.condition.holds(values), 0, 1)).astype(np.int64)
    return DomainLevels(name=d.name, variable=d.variable, labels=("yes", "no"), index=index)


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
    return (0, float(code), "") if is_number(code) else (1, 0.0, code)


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
