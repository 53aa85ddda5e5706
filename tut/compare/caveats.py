"""The caveats of a comparison, as messages (a catalogue key and its values, never an
English sentence): what the spec converts, rows and variants left out, lonely strata,
labels that differ between datasets, small or undefined estimates, and the cells R's survey
package would warn about or leave out silently. The CLI and the report render them in the
reader's language (:mod:`tut.messages.compare`). :func:`design_message` words how a
dataset's variance is estimated the same way."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from tut.compare.cells import DatasetCells
from tut.compare.design import ReplicateDesign, TaylorDesign
from tut.compare.differences import Pool
from tut.compare.prepare import PreparedDataset
from tut.compare.results import Domain, Estimate
from tut.compare.spec import ComparisonSpec, TaylorSpec
from tut.messages import DataLabel, Listing, Message

SHOWN = 5
"""Cells named in one caveat; the rest are counted."""


def caveats(
    spec: ComparisonSpec,
    prepared: Sequence[PreparedDataset],
    estimates: Sequence[Estimate],
    cells: Sequence[DatasetCells],
    pool: Pool,
    notes: Iterable[tuple[str, tuple[Message, ...]]] = (),
) -> tuple[Message, ...]:
    """Every caveat of one comparison, in the order the CLI and the report list them.

    ``notes`` are (dataset, notes) of building an assembled table (joins, episodes, derive)."""
    out = _spec_caveats(spec, prepared, estimates)
    # the mean of a categorical outcome's codes is not shown: its shares' cells are named
    hidden = {o.spec.name for p in prepared for o in p.outcomes if o.spec.categorical}
    out += dropped_replicates(cells, pool, hidden) + weightless(cells, hidden)
    out += [
        Message("compare.dataset-note", {"dataset": name, "note": note})
        for name, texts in notes
        for note in texts
    ]
    return tuple(out)


def design_message(p: PreparedDataset) -> Message:
    """How the dataset's variance is estimated (Taylor or replicate weights, as R's survey)."""
    d = p.design
    if isinstance(d, TaylorDesign):
        assert isinstance(p.spec.design, TaylorSpec)
        fpc = (Message("compare.design-fpc", {"column": p.spec.design.fpc})
               if d.fpc is not None else "")
        return Message("compare.design-taylor", {
            "strata": d.n_strata, "psus": d.n_psu, "rule": p.spec.design.lonely_psu, "fpc": fpc,
        })
    assert isinstance(d, ReplicateDesign)
    rank = (Message("compare.design-rank", {"rank": d.rank, "degf": d.degf})
            if d.rank is not None and d.rank < d.n_replicates else "")
    return Message("compare.design-replicates", {
        "count": d.n_replicates, "type": d.type, "scale": f"{d.scale:.6g}",
        "centre": Message("compare.design-mse" if d.mse else "compare.design-centred"),
        "rank": rank,
    })


def domain_message(domain: Domain) -> Message | Listing:
    """``sex=Female, age group=15-24``; ``all`` for the whole population."""
    if not domain:
        return Message("compare.domain-all")
    return Listing(
        tuple(
            Message("compare.domain-part", {"name": DataLabel(name), "label": DataLabel(label)})
            for name, label in domain
        )
    )


def dropped_replicates(
    cells: Sequence[DatasetCells], pool: Pool, hidden: frozenset[str] | set[str] = frozenset()
) -> list[Message]:
    """Cells with no respondents under some replicate weights: R drops those replicates."""
    out = []
    for c in cells:
        if c.estimates.variance is None or not c.estimates.variance.any_dropped:
            continue
        assert c.estimates.variance.replicates is not None
        r = c.estimates.variance.replicates.shape[0]
        found = []
        for key in c.keys:
            i = pool.find(key.outcome, key.variant, key.domain, key.measure)
            if key.outcome in hidden:
                continue
            if i is not None and key.measure == "value" and (k := pool.dropped(i)):
                found.append(_cell(key.outcome, key.variant, key.domain, k))
        if found:
            out.append(
                Message(
                    "compare.dropped-replicates",
                    {"dataset": c.name, "count": len(found), "replicates": r,
                     "cells": _listed(found)},
                )
            )
    return out


def weightless(
    cells: Sequence[DatasetCells], hidden: frozenset[str] | set[str] = frozenset()
) -> list[Message]:
    """Cells whose respondents all have weight 0: no estimate, said rather than left out."""
    out = []
    for c in cells:
        found = [_cell(key.outcome, key.variant, key.domain, int(c.n[i]))
                 for i, key in enumerate(c.keys)
                 if key.measure == "value" and c.n[i] > 0 and c.estimates.den_total[i] == 0
                 and key.outcome not in hidden]
        if found:
            out.append(
                Message(
                    "compare.weightless-domains",
                    {"dataset": c.name, "count": len(found), "cells": _listed(found)},
                )
            )
    return out


def _cell(outcome: str, variant: str, domain: Domain, count: int) -> Message:
    return Message(
        "compare.cell",
        {"outcome": outcome, "variant": variant, "domain": domain_message(domain), "count": count},
    )


def _listed(found: list[Message]) -> Listing:
    """The first :data:`SHOWN` cells, then how many more."""
    more = len(found) - SHOWN
    shown: list[Message] = found[:SHOWN]
    if more > 0:
        shown.append(Message("compare.and-more", {"count": more}))
    return Listing(tuple(shown), sep="; ")


def _spec_caveats(
    spec: ComparisonSpec, prepared: Sequence[PreparedDataset], estimates: Sequence[Estimate]
) -> list[Message]:
    out: list[Message] = []
    for p in prepared:
        out += _dataset_caveats(p, estimates)
    if len(prepared) == 2:
        first = {dom.name: dom.labels for dom in prepared[0].domains}
        for dom in prepared[1].domains:
            if dom.name in first and set(first[dom.name]) != set(dom.labels):
                out.append(Message("compare.domain-labels-differ", {
                    "domain": DataLabel(dom.name),
                    # the labels as each file writes them: they are what differs
                    "first": Listing(tuple(first[dom.name])),
                    "second": Listing(tuple(dom.labels)),
                }))
        out.append(Message("compare.independent-samples"))
    if spec.test == "t":
        out.append(Message("compare.t-distribution"))
        out += [
            Message("compare.no-degrees-of-freedom", {"dataset": p.spec.name,
                                                      "degf": p.design.degf})
            for p in prepared if p.design.degf < 1
        ]
    small = sum(1 for e in estimates if e.n < 30)
    if small:
        out.append(Message("compare.few-respondents", {"count": small}))
    undefined = sum(1 for e in estimates if math.isnan(e.value.se))
    if undefined:
        out.append(Message("compare.no-standard-error", {"count": undefined}))
    return out


def _dataset_caveats(p: PreparedDataset, estimates: Sequence[Estimate]) -> list[Message]:
    """Conversions, rows and variants left out, and lonely strata of one dataset."""
    name = p.spec.name
    out: list[Message] = []
    for o in p.outcomes:
        c = o.spec.convert
        if c is not None:
            out.append(Message("compare.converted", {
                "dataset": name, "outcome": o.spec.name, "unit": DataLabel(o.spec.unit),
                "to": DataLabel(c.to_unit), "factor": c.factor_text,
                "caveat": DataLabel(c.caveat),
            }))
    if p.excluded:
        out.append(Message("compare.rows-without-variant", {"dataset": name, "rows": p.excluded}))
    have = {e.variant for e in estimates if e.dataset == name}
    given = np.bincount(p.variant_index[p.variant_index >= 0], minlength=len(p.variants))
    for vi, v in enumerate(p.variants):
        if not given[vi]:
            out.append(Message("compare.variant-not-given", {
                "dataset": name, "file": Path(p.spec.file).name, "variant": v,
            }))
        elif v not in have:
            out.append(Message("compare.variant-no-answers", {"dataset": name, "variant": v}))
    d = p.design
    if isinstance(d, TaylorDesign) and len(d.lonely_strata):
        assert isinstance(p.spec.design, TaylorSpec)
        k = len(d.lonely_strata)
        rule = p.spec.design.lonely_psu
        out.append(
            Message("compare.lonely-stratum", {"dataset": name, "rule": rule}) if k == 1
            else Message("compare.lonely-strata", {"dataset": name, "strata": k, "rule": rule})
        )
    return out
