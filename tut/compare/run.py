"""Run a comparison: read the files a spec names, estimate, and assemble the results.

:func:`compare_tables` is the pure core (spec + codebooks + raw columns -> results), used
directly by tests; :func:`run_comparison` adds the reading, only of the columns needed.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import polars as pl

from tut.compare.categories import needs_categories, with_categories
from tut.compare.caveats import caveats, design_message
from tut.compare.cells import (
    CELL_LIMIT,
    CellKey,
    DatasetCells,
    cell_count,
    domain_cells,
    estimate_cells,
)
from tut.compare.chisq import RaoScottTable, rao_scott_tables, rao_scott_tests
from tut.compare.ciprop import beta_interval, logit_interval
from tut.compare.columns import ColumnPlan, too_large
from tut.compare.design import ReplicateDesign
from tut.compare.differences import Pool, gaps, nonresponse_differences, variant_differences
from tut.compare.glm import adjusted_differences, glm_caveats
from tut.compare.prepare import PreparedDataset, plan_columns, prepare_dataset
from tut.compare.quantile_cells import quantile_rows, with_quantiles
from tut.compare.results import (
    ComparisonResult,
    DatasetInfo,
    Difference,
    Domain,
    Estimate,
    Gap,
    Interval,
    MissingCount,
    finite,
)
from tut.compare.spec import (
    ComparisonSpec,
    DatasetSpec,
    ReplicateSpec,
    clipped,
    load_spec,
)
from tut.compare.stream import ReplicateStream
from tut.compare.subset_degf import (
    DomainDegf,
    ReplicateBatches,
    proportion_degf,
    proportion_rows,
)
from tut.errors import number_text
from tut.messages import Message, render
from tut.microdata.codebook import Codebook
from tut.microdata.demo_data import is_synthetic
from tut.microdata.prefetch import prefetch

StageProgress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stage is ``"read <dataset name>"``."""


def run_comparison(
    spec: ComparisonSpec | str | Path,
    *,
    ci_level: float | None = None,
    progress: StageProgress | None = None,
    while_reading: Callable[[], None] | None = None,
) -> ComparisonResult:
    """Read each dataset's needed columns and compare the variants.

    ``while_reading`` (the CLI's check of the variant ids against the registry) runs once,
    as soon as the reader thread of the replicate weights has started (else before the
    first read): its error stops the read.

    Replicate weights are streamed: each batch read adds its replicate-weighted totals and
    is dropped, so only the few other columns stay in memory.

    BLAS runs on one thread: its products here are thin (replicates x rows times rows x a
    few statistics), so memory, not arithmetic, bounds them, and OpenBLAS's extra threads
    only spin (on a busy 2-core machine they doubled the run time).
    """
    from threadpoolctl import threadpool_limits

    if not isinstance(spec, ComparisonSpec):
        spec = load_spec(spec)
    with threadpool_limits(limits=1, user_api="blas"):
        return _compare(spec, _read(spec, progress, while_reading), ci_level)


def _read(
    spec: ComparisonSpec, progress: StageProgress | None,
    while_reading: Callable[[], None] | None = None,
) -> list[_Input]:
    """Each dataset's needed columns; replicate weights only as their running totals."""
    from tut.microdata.readers import iter_batches, read_codebook, read_columns

    pending = [while_reading] if while_reading is not None else []

    def run_pending() -> None:
        while pending:
            pending.pop()()

    inputs: list[_Input] = []
    for ds in spec.datasets:
        if ds.assembly is not None:
            run_pending()
            inputs.append(_assembled(spec, ds))
            continue
        if not ds.file.is_file():
            what = "is not a file (a folder or a device)" if ds.file.exists() else "not found"
            raise spec.error(f"{ds.pointer}/file", f"data file {ds.file} {what}",
                             "the path is relative to the spec file; check it")
        book = read_codebook(ds.file)
        plan = plan_columns(spec, ds, book)
        stage = f"read {ds.name}"
        hook = (lambda done, total, s=stage: progress(s, done, total)) if progress else None
        stream = None
        if plan.replicate_columns:
            if needs_categories(ds):  # the shares' outcomes are summed while reading
                ds = with_categories(spec, ds, book, read_columns(
                    ds.file, needs_categories(ds), codebook=book))
            stream = ReplicateStream(spec, ds, book, plan)
            keep = list(plan.frame_columns)
            parts = []
            batches = iter_batches(ds.file, list(plan.columns), codebook=book, progress=hook,
                                   batch_rows=BATCH_ROWS)
            for batch in prefetch(batches, meanwhile=run_pending):
                stream.add(batch)
                parts.append(batch.select(keep))
            frame = pl.concat(parts) if parts else read_columns(ds.file, keep, codebook=book)
        else:
            run_pending()
            frame = read_columns(ds.file, list(plan.columns), codebook=book, progress=hook)
            ds = with_categories(spec, ds, book, frame)
        frame = _with_missing_tags(ds, book, frame)
        inputs.append(_Input(ds, book, plan, frame, stream))
    run_pending()
    return inputs


def _with_missing_tags(ds: DatasetSpec, book: Codebook, frame: pl.DataFrame) -> pl.DataFrame:
    """Add Stata's extended missing tags (``.a``, ``.b``) of outcomes that have empty answers,
    so that the non-response breakdown counts them under their own codes and labels."""
    from tut.microdata.readers import read_columns

    if book.format != "dta":
        return frame
    names = list(dict.fromkeys(o.variable for o in ds.outcomes
                               if o.variable in frame.columns and frame[o.variable].null_count()))
    if not names:
        return frame
    tags = read_columns(ds.file, names, codebook=book, missing_tags=True)
    return frame.with_columns(tags.select([f"{n}.missing" for n in names]))


def _replicate_batches(item: _Input) -> ReplicateBatches | None:
    """The replicate weights again, (R, rows) per batch: from memory when the frame kept
    them, else read once more from the file (only those columns)."""
    from tut.microdata.readers import iter_batches

    stream = item.replicates
    if stream is None:
        return None
    columns = list(item.plan.replicate_columns)
    design = item.ds.design
    if isinstance(design, ReplicateSpec) and not design.combined:
        columns.append(item.ds.weight)
    columns = list(dict.fromkeys(columns))  # a column listed twice is read once
    if all(c in item.frame.columns for c in columns):
        return lambda: (stream.weights(b) for b in item.frame.select(columns)
                        .iter_slices(BATCH_ROWS))
    return lambda: (stream.weights(b) for b in iter_batches(
        item.ds.file, columns, codebook=item.book, batch_rows=BATCH_ROWS))


def _assembled(spec: ComparisonSpec, ds: DatasetSpec) -> _Input:
    """A dataset built from linked files, episodes or derived variables, read whole."""
    from tut.microdata import assemble

    assert ds.assembly is not None
    built = assemble.plan(ds.assembly, spec.error)
    plan = plan_columns(spec, ds, built.codebook)
    frame, notes = assemble.read(built, list(plan.columns), ds.missing)
    ds = with_categories(spec, ds, built.codebook, frame)
    stream = None
    if plan.replicate_columns:
        stream = ReplicateStream(spec, ds, built.codebook, plan)
        for part in frame.iter_slices(BATCH_ROWS):
            stream.add(part)
    return _Input(ds, built.codebook, plan, frame, stream, notes)


def compare_tables(
    spec: ComparisonSpec,
    tables: Sequence[tuple[Codebook, pl.DataFrame]],
    *,
    ci_level: float | None = None,
) -> ComparisonResult:
    """Estimates, differences, gaps and non-response from already-read raw columns."""
    inputs = []
    for ds, (book, frame) in zip(spec.datasets, tables, strict=True):
        plan = plan_columns(spec, ds, book)
        ds = with_categories(spec, ds, book, frame)
        stream = None
        if plan.replicate_columns:
            stream = ReplicateStream(spec, ds, book, plan)
            for part in frame.iter_slices(BATCH_ROWS):
                stream.add(part)
        inputs.append(_Input(ds, book, plan, frame, stream))
    return _compare(spec, inputs, ci_level)


BATCH_ROWS = 1 << 16


@dataclass(frozen=True)
class _Input:
    ds: DatasetSpec
    book: Codebook
    plan: ColumnPlan
    frame: pl.DataFrame
    replicates: ReplicateStream | None
    notes: tuple[Message, ...] = ()
    """What building the table found (joins, episodes, derive), shown as caveats."""


def _compare(
    spec: ComparisonSpec, inputs: Sequence[_Input], ci_level: float | None
) -> ComparisonResult:
    ci_level = spec.ci_level if ci_level is None else ci_level
    gap_domain = spec.gap.domain if spec.gap else None
    prepared: list[PreparedDataset] = []
    cells: list[DatasetCells] = []
    for item in inputs:
        p = prepare_dataset(spec, item.ds, item.book, item.frame, item.plan, item.replicates)
        _check_gap(spec, p)
        _check_size(spec, p, gap_domain)
        # An overflow shows as inf in the results and is refused by _check_cells; an
        # undefined ratio (a domain empty in some replicate) stays NaN, as in R.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            c = estimate_cells(p, gap_domain)
        _check_cells(spec, p, c)
        cells.append(c)
        prepared.append(p)
    variants = {v: p.spec.name for p in prepared for v in p.variants}
    pool = Pool.of(cells, variants, ci_level, spec.test)
    batches = [_replicate_batches(item) for item in inputs]
    tables = [rao_scott_tables(spec, p, spec.pairs) for p in prepared]
    degf = [_domain_degf(p, c, t, b, gap_domain)
            for p, c, t, b in zip(prepared, cells, tables, batches, strict=True)]
    estimates = [e for p, c, d in zip(prepared, cells, degf, strict=True)
                 for e in _estimates(p, c, pool, proportion_degf(p, c.keys, d))]
    estimates = with_quantiles(spec, prepared, estimates, gap_domain, ci_level, batches, degf)
    differences = _with_category(variant_differences(pool, spec.pairs, estimates), estimates)
    missing = [m for p in prepared for m in _missing(p, pool)]
    gap_rows = []
    if spec.gap is not None:
        contexts = _gap_contexts(prepared, spec.gap.domain)
        outcomes = list(dict.fromkeys((e.outcome, e.unit) for e in estimates))
        gap_rows = _with_category(gaps(pool, spec.gap.domain, spec.gap.first, spec.gap.second,
                                       contexts, outcomes, list(variants), spec.pairs),
                                  estimates)
    adjusted = adjusted_differences(spec, prepared, spec.adjust, spec.pairs)
    return ComparisonResult(
        title=spec.title,
        texts_es=dict(spec.texts_es),
        ci_level=ci_level,
        test=spec.test,
        datasets=tuple(_info(p, item.book) for p, item in zip(prepared, inputs, strict=True)),
        estimates=tuple(estimates),
        differences=tuple(differences),
        gaps=tuple(gap_rows),
        missing=tuple(missing),
        nonresponse_differences=tuple(nonresponse_differences(pool, spec.pairs, missing)),
        adjusted=tuple(adjusted),
        rao_scott=tuple(rao_scott_tests(prepared, batches, degf, tables)),
        caveats=caveats(spec, prepared, estimates, cells, pool,
                        [(item.ds.name, item.notes) for item in inputs])
        + tuple(glm_caveats(adjusted)),
    )


def _domain_degf(
    p: PreparedDataset, c: DatasetCells, tables: list[RaoScottTable],
    batches: ReplicateBatches | None, gap_domain: str | None,
) -> DomainDegf | None:
    """The degrees of freedom of every subset of a replicate design that the proportions'
    intervals, the quantiles and the Rao-Scott tests take, in one pass over its weights."""
    if not isinstance(p.design, ReplicateDesign) or batches is None:
        return None
    masks = [*proportion_rows(p, c.keys).values(), *quantile_rows(p, gap_domain),
             *(t.rows for t in tables)]
    return DomainDegf.measure(batches, masks, p.design)


def _check_gap(spec: ComparisonSpec, p: PreparedDataset) -> None:
    """The gap's two categories must be labels of its domain in every dataset."""
    if spec.gap is None:
        return
    dom = next(d for d in p.domains if d.name == spec.gap.domain)
    for key, label in (("first", spec.gap.first), ("second", spec.gap.second)):
        if label not in dom.labels:
            known = ", ".join(clipped(x, 40) for x in dom.labels[:20])
            raise spec.error(
                f"/gap/{key}",
                f"{clipped(label)!r} is not a category of {clipped(dom.name)} ({dom.variable}) "
                f"in {p.spec.file.name}",
                f"use one of: {known}" + (" ..." if len(dom.labels) > 20 else "")
                + " (value labels, or labels: in domains)",
            )


def _check_size(spec: ComparisonSpec, p: PreparedDataset, gap_domain: str | None) -> None:
    """Refuse, before allocating it, a table of estimates that does not fit in memory."""
    k, g = cell_count(p, gap_domain)
    if k * g <= CELL_LIMIT or not p.domains:
        return
    j = max(range(len(p.domains)), key=lambda i: len(p.domains[i].labels))
    big = p.domains[j]
    raise spec.error(
        p.spec.domains[j].pointer,
        f"domain {clipped(big.name)!r} ({big.variable}) has {len(big.labels):,} categories in "
        f"{p.spec.file.name}: with the other domains that is {k:,} estimates over {g:,} "
        "groups of respondents, more than fits in memory (is it an identifier?)",
        "use a variable with fewer categories (group them first), or fewer domains",
    )


def _check_cells(spec: ComparisonSpec, p: PreparedDataset, c: DatasetCells) -> None:
    """Numbers too large for floating point: refused at the outcome, never shown as NaN."""
    est = c.estimates
    with np.errstate(invalid="ignore"):
        values = (np.isinf(est.estimate) | np.isinf(est.den_total) | np.isinf(c.second_moment)
                  | ((est.den_total > 0) & np.isnan(est.estimate)))
        bad = values | np.isinf(np.diag(est.vcov))
    # a total overflows long before a mean: it is then left out, not an error
    bad &= np.array([k.measure != "total" for k in c.keys])
    values &= np.array([k.measure != "total" for k in c.keys])
    design = p.spec.design
    if bad.any() and not values.any() and isinstance(design, ReplicateSpec):
        if design.scale:
            raise spec.error(f"{design.pointer}/scale",
                             f"scale {number_text(design.scale)} makes the variances overflow",
                             "remove scale to use the replicate type's own, or check its value")
        if design.rscales:
            raise spec.error(f"{design.pointer}/rscales",
                             f"rscales up to {number_text(max(design.rscales))} make the "
                             "variances overflow", "give (n_h - 1)/n_h of each replicate's stratum")
    if bad.any():
        name = c.keys[int(np.flatnonzero(bad)[0])].outcome
        raise too_large(spec, p.spec, next(o.spec for o in p.outcomes if o.spec.name == name))


def _estimates(
    p: PreparedDataset, c: DatasetCells, pool: Pool, degf: dict[int, int]
) -> list[Estimate]:
    """Each cell's estimate; ``degf``: the subset's degrees of freedom of a replicate
    design's proportions (by cell position)."""
    units = {o.spec.name: o.spec for o in p.outcomes}
    index = c.index()
    out = []
    for i, key in enumerate(c.keys):
        if key.measure != "value":
            continue
        gi = pool.find(key.outcome, key.variant, key.domain, "value")
        if gi is None or units[key.outcome].categorical:
            continue  # the mean of category codes means nothing: its shares are shown
        value = pool.value(gi, (key.variant,))
        est = value.estimate
        n_pos = int(c.n_positive[i])
        spread = c.second_moment[i] - est * est
        s2 = spread * n_pos / (n_pos - 1) if n_pos > 1 else math.nan
        deff = value.se**2 / (s2 / n_pos) if n_pos > 1 and s2 > 0 else math.nan
        o = units[key.outcome]
        part = pool.find(key.outcome, key.variant, key.domain, "participation")
        among = pool.find(key.outcome, key.variant, key.domain, "participants")
        total = pool.find(key.outcome, key.variant, key.domain, "total")
        n_part = None
        if among is not None:
            n_part = int(c.n[index[CellKey(key.outcome, key.variant, key.domain, "participants")]])
        out.append(Estimate(
            dataset=p.spec.name,
            outcome=key.outcome,
            variant=key.variant,
            domain=key.domain,
            kind=o.kind,
            unit=o.reported_unit,
            value=value,
            cv=100 * value.se / abs(est) if est else None,
            n=int(c.n[i]),
            weighted_n=float(c.estimates.den_total[i]),
            deff=deff,
            sd=math.sqrt(s2) if s2 >= 0 else None,
            participation=pool.value(part, (key.variant,)) if part is not None else None,
            mean_participants=pool.value(among, (key.variant,)) if among is not None else None,
            n_participants=n_part,
            total=finite(pool.value(total, (key.variant,))) if total is not None else None,
            category=o.category,
            **(_prop_intervals(c, i, pool, value, degf.get(i)) if o.kind == "proportion"
               else {}),
        ))
    return out


def _prop_intervals(
    c: DatasetCells, i: int, pool: Pool, value: Interval, subset_degf: int | None
) -> dict[str, Any]:
    """svyciprop's logit and beta intervals of one proportion (t with the domain's degf)."""
    p = value.estimate
    degf = float(c.degf if c.estimates.degf is None else c.estimates.degf[i])
    if subset_degf is not None:
        degf = float(subset_degf)
    se_logit = None
    if c.estimates.variance is not None:
        se_logit = c.estimates.variance.logit_se(i)
    if se_logit is None and 0 < p < 1:
        se_logit = value.se / (p * (1 - p))
    return {
        "ci_logit": logit_interval(p, se_logit, pool.ci_level, degf) if se_logit else None,
        "ci_beta": beta_interval(p, value.se, int(c.n[i]), degf, pool.ci_level),
    }


def _missing(p: PreparedDataset, pool: Pool) -> list[MissingCount]:
    out = []
    for o in p.outcomes:
        if o.spec.category is not None:
            continue  # one category's share: its outcome's non-response is the same
        for vi, v in enumerate(p.variants):
            rows = p.variant_index == vi
            i = pool.find(o.spec.name, v, (), "nonresponse")
            if i is None:
                continue
            out.append(MissingCount(
                dataset=p.spec.name,
                outcome=o.spec.name,
                variable=o.spec.variable,
                variant=v,
                n=int(rows.sum()),
                n_missing=int((o.missing & rows).sum()),
                weighted_rate=pool.value(i, (v,)),
                codes={name: int((mask & rows).sum()) for name, mask in o.missing_codes.items()},
            ))
    return out


_Row = TypeVar("_Row", Difference, Gap)


def _with_category(rows: list[_Row], estimates: Sequence[Estimate]) -> list[_Row]:
    """Differences or gaps of a category's share name the category, as its estimates do."""
    of = {e.outcome: e.category for e in estimates if e.category is not None}
    return [dataclasses.replace(r, category=of[r.outcome]) if r.outcome in of else r
            for r in rows]


def _gap_contexts(prepared: Sequence[PreparedDataset], gap_domain: str) -> list[Domain]:
    """The whole population and each category of the other domains (from the first dataset
    that has them; contexts missing from a dataset simply yield no gap there)."""
    seen: dict[Domain, None] = {}
    for p in prepared:
        for domain, _ in domain_cells(p, None):
            if not any(name == gap_domain for name, _ in domain):
                seen.setdefault(domain, None)
    return list(seen)


def _info(p: PreparedDataset, book: Codebook) -> DatasetInfo:
    design = design_message(p)
    return DatasetInfo(
        name=p.spec.name, file=str(p.spec.file), rows=p.n_rows, variants=p.variants,
        design=render(design, "en"), degf=p.design.degf, excluded=p.excluded,
        design_message=design, synthetic=is_synthetic(book),
    )
