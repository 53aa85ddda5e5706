"""The microdata results arranged per outcome: domains as rows, wordings side by side."""

from __future__ import annotations

from dataclasses import dataclass

from tut.compare.results import ComparisonResult, Difference, Domain, Estimate

PRECISION_MARK = {"high": "", "moderate": "*", "low": "**", None: ""}
"""INEGI-style precision marks next to an estimate (CV 15-30% *, 30% or more **)."""


@dataclass(frozen=True)
class OutcomeBlock:
    outcome: str
    title: str
    kind: str
    unit: str
    variants: tuple[str, ...]
    domains: tuple[Domain, ...]
    pairs: tuple[tuple[str, str], ...]
    estimates: dict[tuple[str, Domain], Estimate]
    differences: dict[tuple[str, str, Domain], Difference]


def outcome_blocks(result: ComparisonResult) -> list[OutcomeBlock]:
    """One block per outcome, in the order the comparison gives them."""
    blocks = []
    for outcome in dict.fromkeys(e.outcome for e in result.estimates):
        ests = [e for e in result.estimates if e.outcome == outcome]
        diffs = [d for d in result.differences if d.outcome == outcome]
        first = ests[0]
        unit = first.unit if first.kind != "proportion" else "%"
        blocks.append(
            OutcomeBlock(
                outcome=outcome,
                title=f"{outcome} ({unit})",
                kind=first.kind,
                unit=first.unit,
                variants=tuple(dict.fromkeys(e.variant for e in ests)),
                domains=tuple(dict.fromkeys(e.domain for e in ests)),
                pairs=tuple(dict.fromkeys((d.a, d.b) for d in diffs)),
                estimates={(e.variant, e.domain): e for e in ests},
                differences={(d.a, d.b, d.domain): d for d in diffs},
            )
        )
    return blocks
