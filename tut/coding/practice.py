"""Calibration: new coders practise on a training set and are compared with the reference.

- ``training.json`` names the training set: segments given by id (``tut study training NAME
  --segments ID,...``) or a random sample of adjudicated segments (``--sample N --seed S``),
  with each segment's *reference codes* frozen at that moment: the adjudicated codes, else
  the codes every coder of the segment agreed on (two coders or more). A segment without a
  reference cannot be in the set. Choosing again replaces the set (``--force``); practice
  codes already made are kept.
- Practice codes go to ``practice/<coder>.jsonl`` (a journal like any other, in its own
  folder), never to ``journals/``: they are not read by agreement, consensus, status,
  exports or the report.
- :func:`calibration` compares each trainee's practice codes with the reference: percent
  agreement and Cohen's kappa over the training segments the trainee coded, each segment's
  set of codes taken as one category (in an exclusive frame, the code).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tut.coding.consensus import consensus
from tut.coding.grow import changing
from tut.coding.revisions import read_under
from tut.coding.store import Clock, now_iso, read_journal, replay
from tut.coding.study import StudyData
from tut.coding.study_files import read_study_json, shaped
from tut.errors import TutError
from tut.files import json_text, write_atomic
from tut.messages import text
from tut.protocols.model import CodingFrame

TRAINING_FILE = "training.json"
PRACTICE = "practice"
"""Folder of the practice journals (one per trainee), beside ``journals/``."""
FORMAT = "tut-training/1"


@dataclass(frozen=True)
class TrainingSet:
    segments: tuple[str, ...]
    reference: dict[str, tuple[str, ...]]
    """Reference codes by segment (as the frame read them when the set was chosen)."""
    source: str
    """``segments`` (given by id) or ``sample`` (drawn from adjudicated segments)."""
    time: str
    seed: int | None = None
    frame_version: int = 1

    def reference_under(self, frame: CodingFrame) -> dict[str, tuple[str, ...]]:
        """The reference read under ``frame`` (a code merged since counts as its new code)."""
        order = {c.id: i for i, c in enumerate(frame.codes)}
        return {sid: tuple(sorted(dict.fromkeys(frame.read_as(c) for c in codes),
                                  key=lambda c: order.get(c, len(order))))
                for sid, codes in self.reference.items()}


def reference_codes(data: StudyData) -> dict[str, tuple[str, ...]]:
    """Segments with settled codes: adjudicated, or agreed by every coder (two or more)."""
    codings = {c: {sid: s.codes for sid, s in st.items()} for c, st in data.codings(1).items()}
    settled = consensus(data.segment_ids, codings, data.adjudications)
    return {sid: codes for sid, (codes, how) in settled.items() if how in ("adjudicated", "agreed")}


def choose_training(
    data: StudyData,
    *,
    segment_ids: Sequence[str] | None = None,
    sample: int | None = None,
    seed: int = 1,
    clock: Clock = now_iso,
) -> TrainingSet:
    """The training set, by id or as a reproducible sample of adjudicated segments (pure)."""
    reference = reference_codes(data)
    where = str(data.dir / TRAINING_FILE)
    if segment_ids is not None:
        unknown = [s for s in segment_ids if s not in set(data.segment_ids)]
        if unknown:
            raise TutError.at(where, "--segments", f"not in this study: {', '.join(unknown)}",
                              "give segment ids from the study's segments file")
        unsettled = [s for s in segment_ids if s not in reference]
        if unsettled:
            raise TutError.at(where, "--segments", "no reference codes (neither adjudicated nor "
                              f"agreed by two coders) for: {', '.join(unsettled)}",
                              "adjudicate them first, or choose other segments")
        ids = list(dict.fromkeys(segment_ids))
        return TrainingSet(tuple(ids), {s: reference[s] for s in ids}, "segments", clock(),
                           frame_version=data.frame.version)
    adjudicated = [s for s in data.segment_ids if s in data.adjudications and s in reference]
    if not adjudicated:
        raise TutError.at(where, "--sample", "no adjudicated segment to draw from",
                          "adjudicate first, or name segments with --segments")
    n = sample or 0
    if n < 1:
        raise TutError.at(where, "--sample", f"sample size must be at least 1, got {n}")
    chosen = set(random.Random(seed).sample(adjudicated, min(n, len(adjudicated))))
    ids = [s for s in adjudicated if s in chosen]
    return TrainingSet(tuple(ids), {s: reference[s] for s in ids}, "sample", clock(), seed,
                       data.frame.version)


def designate_training(
    study_dir: Path,
    *,
    segment_ids: Sequence[str] | None = None,
    sample: int | None = None,
    seed: int = 1,
    force: bool = False,
    clock: Clock = now_iso,
) -> TrainingSet:
    """Choose the training set and save it in ``training.json`` (all or nothing)."""
    with changing(Path(study_dir)) as data:
        path = data.dir / TRAINING_FILE
        if path.exists() and not force:
            raise TutError.at(path, "", "the study already has a training set",
                              "use --force to choose another (practice codes are kept)")
        chosen = choose_training(data, segment_ids=segment_ids, sample=sample, seed=seed,
                                 clock=clock)
        write_atomic(path, json_text({
            "format": FORMAT, "time": chosen.time, "source": chosen.source, "seed": chosen.seed,
            "frame_version": chosen.frame_version, "segments": list(chosen.segments),
            "reference": {s: list(c) for s, c in chosen.reference.items()},
        }))
    return chosen


def read_training(study_dir: Path) -> TrainingSet | None:
    path = Path(study_dir) / TRAINING_FILE
    again = "choose the set again with 'tut study training NAME --force'"
    raw = read_study_json(path, fix=again, required=False)
    if raw is None:
        return None
    return shaped(path, raw, lambda d: TrainingSet(
        tuple(d["segments"]), {str(k): tuple(v) for k, v in d["reference"].items()},
        str(d["source"]), str(d["time"]), d.get("seed"), int(d.get("frame_version", 1))), again)


def need_training(study_dir: Path) -> TrainingSet:
    training = read_training(study_dir)
    if training is None:
        raise TutError.at(Path(study_dir) / TRAINING_FILE, "", "the study has no training set",
                          "choose one with 'tut study training NAME --segments ID,... "
                          "| --sample N'")
    return training


# --- calibration -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    """One trainee against the reference."""

    coder: str
    n: int
    """Training segments the trainee coded."""
    agreed: int
    percent: float | None
    kappa: float | None
    """Cohen's kappa, code sets as categories; None when undefined (one category only)."""
    of: int
    """Segments in the training set."""


def cohen_kappa(pairs: Sequence[tuple[object, object]]) -> float | None:
    """Cohen's (1960) kappa of two raters over ``pairs`` of categories; None if undefined."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return None if expected >= 1 else (observed - expected) / (1 - expected)


def trainee_codes(data: StudyData) -> dict[str, dict[str, tuple[str, ...]]]:
    """Practice codes by trainee and segment (read as the current frame version reads them;
    segments of respondents who withdrew consent left out)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    folder = data.dir / PRACTICE
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        events = read_under(data.frame, read_journal(path).events)
        if not events:
            continue
        state = replay(events, 1)
        out.setdefault(events[0].coder, {}).update(
            {sid: s.codes for sid, s in state.items()
             if s.codes and sid not in data.withdrawn_segment_ids})
    return out


def calibration(
    training: TrainingSet, frame: CodingFrame, practice: Mapping[str, Mapping[str, tuple[str, ...]]]
) -> list[Calibration]:
    """Each trainee's agreement with the reference on the training segments they coded."""
    reference = training.reference_under(frame)
    out = []
    for coder in sorted(practice):
        pairs = [(frozenset(practice[coder][s]), frozenset(reference[s]))
                 for s in training.segments if practice[coder].get(s) and s in reference]
        agreed = sum(1 for a, b in pairs if a == b)
        out.append(Calibration(coder, len(pairs), agreed, agreed / len(pairs) if pairs else None,
                               cohen_kappa(pairs), len(training.segments)))
    return out


def practice_note(frame: CodingFrame, reference: Sequence[str], given: Sequence[str],
                  lang: str = "en") -> tuple[str, bool]:
    """What the coder is shown after a practice answer: the reference codes and a match."""
    same = set(given) == set(reference)
    names = ", ".join(frame.code(c).label_in(lang) if c in frame.code_ids else c
                      for c in reference) or "—"
    key = "coding.practice-matches" if same else "coding.practice-differs"
    return text(key, lang, codes=names), same
