"""Where each segment stands once coding is done, as an export shows it to a methodologist.

Builds on :func:`tut.coding.consensus.consensus` and adds *conflict*: two adjudicators whose
latest decisions on the same segment give different codes. tut keeps one journal per
adjudicator, so a conflict is read off the journals: each adjudicator's latest decision per
segment, compared across adjudicators. A conflict has no final codes until the adjudicators
agree, or one of them revises the other's decision.

The revision rule: a decision recorded with "revise decision" (``revises`` = another
adjudicator's id in the journal) sets aside that adjudicator's latest decision when it was
made before the revision; the reviser's decision stands. A decision recorded without it
never sets another aside: two different decisions are a conflict. An adjudicator who decides
again after being revised (without revising in turn) makes a conflict again.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from tut.coding.consensus import consensus
from tut.coding.model import Adjudication
from tut.coding.store import replay_adjudications
from tut.coding.study import StudyData
from tut.messages import text

SegmentStatus = Literal["agreed", "adjudicated", "conflict", "unresolved", "single-coder", "uncoded"]
STATUSES: tuple[SegmentStatus, ...] = (
    "agreed", "adjudicated", "conflict", "unresolved", "single-coder", "uncoded",
)
STATUS_LABELS: dict[str, dict[SegmentStatus, str]] = {
    lang: {status: text(f"coding.status.{status}", lang) for status in STATUSES}
    for lang in ("en", "es")
}
"""Each status in words, per language (the catalogue's ``coding.status.*``)."""


@dataclass(frozen=True)
class Decision:
    """The status of one segment and the codes that count (empty unless agreed/adjudicated)."""

    status: SegmentStatus
    final: tuple[str, ...]
    by_adjudicator: dict[str, Adjudication]
    """Each adjudicator's latest decision on the segment (several only when they differ or agree twice)."""


def decisions(
    segment_ids: Sequence[str],
    codings: Mapping[str, Mapping[str, tuple[str, ...]]],
    by_adjudicator: Mapping[str, Mapping[str, Adjudication]],
    latest: Mapping[str, Adjudication],
) -> dict[str, Decision]:
    """Status and final codes per segment; pure.

    ``codings``: coder -> segment -> codes; ``by_adjudicator``: adjudicator -> segment -> that
    adjudicator's latest decision; ``latest``: the study's latest decision per segment.
    """
    base = consensus(segment_ids, codings, latest)
    out: dict[str, Decision] = {}
    for sid in segment_ids:
        codes, source = base[sid]
        mine = _decided(sid, by_adjudicator)
        if in_conflict(mine):
            out[sid] = Decision("conflict", (), mine)
        elif source in ("adjudicated", "agreed"):
            out[sid] = Decision(source, codes, mine)
        else:
            out[sid] = Decision(source, (), mine)
    return out


def _decided(
    sid: str, by_adjudicator: Mapping[str, Mapping[str, Adjudication]]
) -> dict[str, Adjudication]:
    """Each adjudicator's latest decision (with codes) on one segment."""
    return {who: adj[sid] for who, adj in by_adjudicator.items() if sid in adj and adj[sid].codes}


def in_conflict(mine: Mapping[str, Adjudication]) -> bool:
    """The decisions that still stand on one segment give different codes."""
    return len({frozenset(a.codes) for a in standing(mine).values()}) > 1


def conflicts(
    segment_ids: Sequence[str], by_adjudicator: Mapping[str, Mapping[str, Adjudication]]
) -> tuple[str, ...]:
    """The segments in conflict, in the segments' order: what :func:`decisions` calls
    ``conflict``, read off the adjudications alone (no consensus of the coders needed)."""
    adjudicated = {sid for adj in by_adjudicator.values() for sid in adj}
    return tuple(
        sid for sid in segment_ids
        if sid in adjudicated and in_conflict(_decided(sid, by_adjudicator))
    )


def standing(by_adjudicator: Mapping[str, Adjudication]) -> dict[str, Adjudication]:
    """The decisions on one segment that still stand: each adjudicator's latest, less those
    an explicit revision by another adjudicator, made later, set aside (the module's rule)."""
    revised = {
        a.revises
        for who, a in by_adjudicator.items()
        if a.revises and a.revises != who and a.revises in by_adjudicator
        and by_adjudicator[a.revises].time <= a.time
    }
    return {who: a for who, a in by_adjudicator.items() if who not in revised}


def study_decisions(data: StudyData) -> dict[str, Decision]:
    """Round-1 status and final codes of every segment of a study, conflicts included."""
    codings = {c: {sid: sc.codes for sid, sc in st.items()} for c, st in data.codings(1).items()}
    return decisions(data.segment_ids, codings, _by_adjudicator(data), data.adjudications)


def study_conflicts(data: StudyData) -> tuple[str, ...]:
    """The study's round-1 segments in conflict (:func:`conflicts`), in the segments' order."""
    return conflicts(data.segment_ids, _by_adjudicator(data))


def _by_adjudicator(data: StudyData) -> dict[str, dict[str, Adjudication]]:
    """Each adjudicator's latest decision per segment, from their own journal."""
    return {who: replay_adjudications(data.journals[who].events) for who in data.adjudicators}


def settled_adjudications(
    data: StudyData, in_conflict: Collection[str] | None = None
) -> dict[str, Adjudication]:
    """The study's latest adjudication per segment, without the segments in conflict: what the
    report counts, so it and the exports' ``c_final`` agree. ``in_conflict``: the study's
    :func:`study_conflicts` when the caller has them already."""
    skip = set(study_conflicts(data) if in_conflict is None else in_conflict)
    return {sid: a for sid, a in data.adjudications.items() if sid not in skip}
