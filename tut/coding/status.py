"""How far a study is: per-coder progress, disagreements, adjudications, journal warnings."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from tut.coding.decisions import standing, study_decisions
from tut.coding.study import StudyData


@dataclass(frozen=True)
class CoderProgress:
    coder: str
    coded: int
    """Segments with at least one code in round 1."""
    recode_assigned: int = 0
    """Segments drawn for this coder's blind recode (round 2)."""
    recoded: int = 0
    """Of those, how many are coded again in round 2."""
    last: str = ""
    """Time of the coder's latest action (ISO 8601): who is still at work."""


@dataclass(frozen=True)
class Conflict:
    """A segment two adjudicators decided differently: each one's standing decision."""

    segment_id: str
    decisions: dict[str, tuple[str, ...]]
    """Adjudicator -> the codes of their decision."""


@dataclass(frozen=True)
class StudyStatus:
    name: str
    protocol_id: str
    frame_id: str
    frame_mode: str
    segments: int
    variants: tuple[str, ...]
    probes: tuple[str, ...]
    coders: tuple[CoderProgress, ...]
    double_coded: int
    """Segments coded by two or more coders (the ones agreement can use)."""
    disagreements: int
    adjudicated: int
    open_disagreements: int
    """Disagreements without an adjudication yet."""
    adjudicators: tuple[str, ...] = ()
    adjudicated_by: dict[str, int] = field(default_factory=dict)
    """Segments each adjudicator settled (their latest decision per segment)."""
    warnings: tuple[str, ...] = field(default_factory=tuple)
    withdrawn_respondents: int = 0
    """Respondents who withdrew consent (their segments are not counted above)."""
    withdrawn_segments: int = 0
    conflicts: int = 0
    """Segments two adjudicators decided differently (no final codes until they agree)."""
    frame_version: int = 1
    """Version of the frame codes are read under (``tut study revise-frame`` adds one)."""
    conflict_list: tuple[Conflict, ...] = ()
    """The segments in conflict, in study order, with each adjudicator's decision."""

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def study_status(data: StudyData) -> StudyStatus:
    codings = data.codings(1)
    round2 = data.codings(2)
    coders = []
    for coder in data.coders:
        state = codings.get(coder, {})
        sample = data.recode_sample(coder)
        again = round2.get(coder, {})
        coders.append(
            CoderProgress(
                coder=coder,
                coded=sum(1 for c in state.values() if c.is_coded),
                recode_assigned=len(sample),
                recoded=sum(1 for sid in sample if sid in again and again[sid].is_coded),
                last=max((e.time for e in data.journals[coder].events), default=""),
            )
        )
    double = sum(
        1
        for seg in data.segments
        if sum(1 for s in codings.values() if seg.id in s and s[seg.id].is_coded) >= 2
    )
    disagreements = data.disagreements(1)
    adjudications = data.adjudications
    seen_probes = {s.probe_id for s in data.segments}
    conflicts = [
        Conflict(sid, {who: a.codes for who, a in sorted(standing(d.by_adjudicator).items())})
        for sid, d in study_decisions(data).items()
        if d.status == "conflict"
    ]
    return StudyStatus(
        name=data.study.name,
        protocol_id=data.study.protocol_id,
        frame_id=data.frame.id,
        frame_mode=data.frame.mode,
        segments=len(data.segments),
        variants=tuple(data.study.variants),
        probes=tuple(p.id for p in data.protocol.probes if p.id in seen_probes),
        coders=tuple(coders),
        double_coded=double,
        disagreements=len(disagreements),
        adjudicated=len(adjudications),
        open_disagreements=sum(1 for d in disagreements if d.segment_id not in adjudications),
        adjudicators=tuple(data.adjudicators),
        adjudicated_by=dict(Counter(a.adjudicator for a in adjudications.values())),
        warnings=tuple(data.warnings),
        withdrawn_respondents=len(data.withdrawals),
        withdrawn_segments=len(data.withdrawn_segment_ids),
        conflicts=len(conflicts),
        frame_version=data.frame.version,
        conflict_list=tuple(conflicts),
    )
