"""A categorical outcome's shares: one indicator proportion per category, as R's
``svymean(~factor(y), design)``.

A ``categorical: true`` outcome's codes are categories (1 = alone, 2 = with partner ...);
the mean of its codes means nothing. Each code with an answer becomes a ``kind:
proportion`` outcome with the condition ``== code`` (its share among the respondents who
answered), so every estimator, design, interval, difference and Holm family of
proportions applies unchanged, and the categorical outcome itself only keeps its
Rao-Scott test and its item non-response. The categories must be known before a
replicate design's weights are summed, so they come from the outcome's column alone.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import polars as pl

from tut.compare.columns import declared_missing, small_codes
from tut.compare.model import Category, ComparisonSpec, Condition, DatasetSpec, OutcomeSpec
from tut.compare.spec import clipped, code_text
from tut.microdata.codebook import Codebook

MAX_CATEGORIES = 50
"""More codes than this is no categorical answer (minutes, an id)."""


def needs_categories(ds: DatasetSpec) -> list[str]:
    """The variables of a dataset's categorical outcomes (to read before the rest)."""
    return list(dict.fromkeys(o.variable for o in ds.outcomes if o.categorical))


def with_categories(
    spec: ComparisonSpec, ds: DatasetSpec, book: Codebook, frame: pl.DataFrame
) -> DatasetSpec:
    """``ds`` with each categorical outcome followed by the share of each of its categories.

    ``frame`` needs the categorical outcomes' columns. Categories are the codes with an
    answer (not empty, not declared missing) in numeric order, named by their value
    labels (a code without one by itself; two codes sharing a label get their code added).
    """
    if not needs_categories(ds):
        return ds
    names = {o.name for o in ds.outcomes}
    outcomes: list[OutcomeSpec] = []
    for o in ds.outcomes:
        outcomes.append(o)
        if not o.categorical:
            continue
        for cat in categories(spec, ds, o, book, frame[o.variable]):
            name = f"{o.name}: {cat.label}"
            if name in names:
                raise spec.error(f"{o.pointer}/name",
                                 f"outcome {clipped(name)!r} is both an outcome of the spec and "
                                 f"the share of category {clipped(cat.label)!r} of {o.name!r}",
                                 "rename one of the two outcomes")
            outcomes.append(OutcomeSpec(
                name=name, variable=o.variable, kind="proportion", unit="proportion",
                label=f"{o.label}: {cat.label}", condition=Condition("==", float(cat.code)),
                convert=None, pointer=o.pointer, category=cat,
            ))
    return dataclasses.replace(ds, outcomes=tuple(outcomes))


def categories(
    spec: ComparisonSpec, ds: DatasetSpec, o: OutcomeSpec, book: Codebook, col: pl.Series
) -> list[Category]:
    """The categories of one categorical outcome, in numeric order of their codes."""
    var = book.variables[o.variable]
    codes, inverse = small_codes(col)
    declared = declared_missing(ds, var, col)
    present = np.bincount(inverse[~declared], minlength=len(codes)) > 0
    found = sorted((c for c, here in zip(codes, present, strict=True) if here and c != ""),
                   key=float)
    if len(found) > MAX_CATEGORIES:
        raise spec.error(f"{o.pointer}/categorical",
                         f"outcome {o.name!r}: {o.variable} has {len(found):,} distinct answers "
                         f"in {ds.file.name}, too many categories for a Rao-Scott test and "
                         "shares", f"categorical is for at most {MAX_CATEGORIES} codes (group "
                         "them first), or remove it")
    labels = {code_text(k): str(v) for k, v in var.value_labels.items()}
    named = [labels.get(c, c) for c in found]
    shared = {x for x in named if named.count(x) > 1}
    return [Category(o.name, f"{x} ({c})" if x in shared else x, c)
            for c, x in zip(found, named, strict=True)]
