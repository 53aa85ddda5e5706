"""Regenerate the bundled example study from :mod:`tut.examples.content` (ILLUSTRATIVE).

The example must look like real work so the demo, the tests and the report have something
honest to chew on: about 40 cognitive interviews, three coders who disagree in the ways
coders do (one lumps "keeping an ear out" with mere presence and tires towards the end,
one reads every question mark as confusion, one is careful but weaker in Spanish), an
adjudication of every disagreement, and a blind recode sample. Everything is drawn from a
fixed seed and written through the real study and journal API, so regenerating gives the
same files::

    .venv/bin/python -m tut.examples.build_example

The output folder ``tut/examples/supervisory-care/`` is committed so that the example is
static and reviewable; ``study/methods.yaml`` and ``README.md`` there are hand-written and
kept as they are.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tut.coding.model import Segment, WordingCopy
from tut.examples import content as C
from tut.files import spreadsheet_safe
from tut.protocols.model import Protocol

SEED = 20250310
EXAMPLE_DIR = Path(__file__).resolve().parent / "supervisory-care"
STUDY_NAME = "supervisory-care"
PROTOCOL_ID = "supervisory-care-wording-test"
CODERS = ("ana", "beto", "carla")
ADJUDICATOR = "dora"
RECODER = "ana"
RECODE_N = 30
N_ENGLISH, N_SPANISH = 22, 18
KEPT = ("methods.yaml",)
"""Hand-written files in the study folder that regeneration keeps."""

VARIANTS = {
    "en": ("atus-incare-en", "cand-responsible-en"),
    "es": ("enut-child-pendiente-es", "cand-responsible-es"),
}
INTERVIEWERS = {"en": ("KW", "JM"), "es": ("LR", "MG")}
VIEW_CODE = {
    "presence": "presence-only",
    "responsibility": "responsibility",
    "oncall": "on-call",
    "monitoring": "monitoring",
    "active": "active-care",
    "confused": "confusion",
}
SECOND_ONLY = ("the first one", "the last question", "la otra pregunta", "Ésta se entiende")
"""Answers that compare with the wording heard before: only possible for the second one."""
PAUSE_NOTE = {"en": "Long pause before answering.", "es": "Pausa larga antes de contestar."}

# How a respondent's view shapes the judgement probes: (counts, excludes, unsure).
SLEEP_SPLIT = {
    "presence": (0.55, 0.35, 0.10),
    "responsibility": (0.80, 0.15, 0.05),
    "oncall": (0.85, 0.10, 0.05),
    "monitoring": (0.50, 0.40, 0.10),
    "active": (0.15, 0.80, 0.05),
    "confused": (0.30, 0.20, 0.50),
}
# (excludes, includes, unsure) another adult's time.
OTHER_ADULT_SPLIT = {
    "presence": (0.15, 0.75, 0.10),
    "responsibility": (0.60, 0.35, 0.05),
    "oncall": (0.30, 0.60, 0.10),
    "monitoring": (0.35, 0.55, 0.10),
    "active": (0.50, 0.40, 0.10),
    "confused": (0.20, 0.30, 0.50),
}


@dataclass(frozen=True)
class Respondent:
    id: str
    interview_id: str
    language: str
    sex: str
    age_group: str
    has_child_u13: str
    interviewer: str
    person: C.Person
    variants: tuple[str, str]
    """In the order they were read (counterbalanced)."""


@dataclass(frozen=True)
class PlannedAnswer:
    """One segment of the example and the interpretation it was written to show."""

    respondent: Respondent
    variant_id: str
    probe_id: str
    answer: str
    notes: str
    intended: tuple[str, ...]
    view: str

    @property
    def segment_id(self) -> str:
        return f"{self.respondent.id}-{self.variant_id}-{self.probe_id}"


# --- interviews -------------------------------------------------------------------------------


def plan_respondents(rng: random.Random) -> list[Respondent]:
    out: list[Respondent] = []
    number = 0
    for language, n, people in (("en", N_ENGLISH, C.EN_PEOPLE), ("es", N_SPANISH, C.ES_PEOPLE)):
        women = round(n * 0.62)
        sexes = ["Female"] * women + ["Male"] * (n - women)
        rng.shuffle(sexes)
        for i in range(n):
            number += 1
            person = people[rng.randrange(len(people))]
            grandparent = person.child.startswith(("my grand", "mis nietos", "mi nieta"))
            if grandparent:
                age = rng.choice(("45-59", "60+", "60+"))
            else:
                age = rng.choice(("18-29", "30-44", "30-44", "30-44", "45-59"))
            first, second = VARIANTS[language]
            order = (first, second) if i % 2 == 0 else (second, first)
            out.append(
                Respondent(
                    id=f"{language.upper()}{i + 1:02d}",
                    interview_id=f"CI{number:02d}",
                    language=language,
                    sex=sexes[i],
                    age_group=age,
                    has_child_u13="no" if person.child in C.NON_PARENT else "yes",
                    interviewer=INTERVIEWERS[language][i % 2],
                    person=person,
                    variants=order,
                )
            )
    return out


def _weighted(rng: random.Random, options: dict[str, float]) -> str:
    keys = list(options)
    return rng.choices(keys, weights=[options[k] for k in keys])[0]


def _split(rng: random.Random, names: tuple[str, str, str], probs: tuple[float, ...]) -> str:
    return rng.choices(names, weights=probs)[0]


def _pick(
    rng: random.Random,
    entries: list[C.Entry],
    used: set[str],
    prefer_code: str = "",
    allow: Callable[[str], bool] = lambda _t: True,
) -> C.Entry:
    """An entry not yet used by this respondent, preferring one that shows their view."""
    pool = [e for e in entries if allow(e[0])] or entries
    fresh = [e for e in pool if e[0] not in used] or pool
    if prefer_code:
        matching = [e for e in fresh if prefer_code in e[1]]
        neutral = [e for e in fresh if not set(e[1]) & set(VIEW_CODE.values())]
        if matching and rng.random() < 0.8:
            fresh = matching
        elif neutral:
            fresh = neutral
    entry = fresh[rng.randrange(len(fresh))]
    used.add(entry[0])
    return entry


OPENERS = {
    "en": ("", "", "", "", "Well, ", "Hmm. ", "Um, ", "Honestly? ", "Oh, "),
    "es": ("", "", "", "", "Pues ", "Mmm, ", "A ver... ", "Este... ", "Ay, "),
}


def _voice(rng: random.Random, text: str, language: str) -> str:
    """A spoken opener now and then, so two respondents rarely read identically."""
    opener = rng.choice(OPENERS[language])
    if not opener or text.startswith(("¿", "Pues", "Hmm", "Um", "Honestly", "Mmm")):
        return text
    first = text.split(" ", 1)[0]
    keep_case = first in ("I", "I'm", "I'd", "I've")
    body = text if keep_case or opener.endswith((". ", "? ")) else (text[0].lower() + text[1:])
    return opener + body


def plan_answers(respondents: list[Respondent], rng: random.Random) -> list[PlannedAnswer]:
    """Every segment of every interview, in interview order."""
    out: list[PlannedAnswer] = []
    for index, r in enumerate(respondents):
        lang = r.language
        used: set[str] = set()
        for position, variant in enumerate(r.variants):
            view = _weighted(rng, C.VIEW_WEIGHTS[variant])
            fill = C.fills(r.person, lang, r.sex)
            is_second = position == 1

            def allowed(text: str, is_second: bool = is_second) -> bool:
                return is_second or not any(m in text for m in SECOND_ONLY)

            extras_cycle = (
                ("paraphrase",),
                ("recall",),
                ("response-mapping",),
                ("paraphrase", "recall"),
                ("recall", "response-mapping"),
            )
            extras = extras_cycle[(index + 2 * position) % len(extras_cycle)]
            recall_probe = "week-total" if variant.startswith("enut") else "recall"
            probes: list[str] = ["meaning"]
            if "paraphrase" in extras:
                probes.append("paraphrase")
            probes += ["sleeping-child", "other-adult"]
            if "recall" in extras:
                probes.append(recall_probe)
            if "response-mapping" in extras:
                probes.append("response-mapping")
            for probe in probes:
                note = ""
                if probe == "meaning":
                    entry = _pick(rng, C.MEANING[variant][view], used, allow=allowed)
                elif probe == "paraphrase":
                    entry = _pick(rng, C.PARAPHRASE[lang][view], used)
                elif probe == "sleeping-child":
                    choice = _split(rng, ("counts", "excludes", "unsure"), SLEEP_SPLIT[view])
                    entry = _pick(rng, C.SLEEPING[lang][choice], used, VIEW_CODE[view])
                elif probe == "other-adult":
                    choice = _split(
                        rng, ("excludes", "includes", "unsure"), OTHER_ADULT_SPLIT[view]
                    )
                    entry = _pick(rng, C.OTHER_ADULT[lang][choice], used, VIEW_CODE[view])
                elif probe in ("recall", "week-total"):
                    entry = _pick(rng, C.RECALL[lang][view], used)
                else:
                    entry = _pick(rng, C.MAPPING[lang][view], used)
                paused = probe == "meaning" and rng.random() < 0.18
                if paused:
                    note = PAUSE_NOTE[lang]
                elif rng.random() < 0.12:
                    note = rng.choice([n for n in C.NOTES[lang] if n != PAUSE_NOTE[lang]])
                text = _voice(rng, entry[0].format(**fill), lang)
                out.append(PlannedAnswer(r, variant, probe, text, note, entry[1], view))
                if paused:
                    hes = _pick(rng, C.HESITATION[lang], used)
                    out.append(
                        PlannedAnswer(
                            r,
                            variant,
                            "hesitation",
                            _voice(rng, hes[0].format(**fill), lang),
                            "",
                            hes[1],
                            view,
                        )
                    )
    return out


SEGMENT_COLUMNS = (
    "respondent_id",
    "interview_id",
    "variant_id",
    "probe_id",
    "answer",
    "notes",
    "sex",
    "age_group",
    "has_child_u13",
    "interviewer",
)


def segments_csv(planned: list[PlannedAnswer]) -> str:
    """The study input file: one row per segment, UTF-8, respondent attributes as columns."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SEGMENT_COLUMNS)
    for p in planned:
        r = p.respondent
        cells = (
            r.id,
            r.interview_id,
            p.variant_id,
            p.probe_id,
            p.answer,
            p.notes,
            r.sex,
            r.age_group,
            r.has_child_u13,
            r.interviewer,
        )
        writer.writerow([spreadsheet_safe(c) for c in cells])
    return buf.getvalue()


def intended_csv(planned: list[PlannedAnswer]) -> str:
    """The answer key of the illustration: what each answer was written to show."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(("segment_id", "view", "intended_codes"))
    for p in planned:
        writer.writerow([spreadsheet_safe(c) for c in (p.segment_id, p.view, ";".join(p.intended))])
    return buf.getvalue()


# --- coders -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drift:
    """How one coder departs from the intended codes."""

    confuse: dict[str, tuple[str, float]] = field(default_factory=dict)
    """code -> (what the coder puts instead, '' = leaves it out; probability)."""
    drop_second: float = 0.0
    question_means_confusion: float = 0.0
    """Adds ``confusion`` to answers with a question mark."""
    language_factor: dict[str, float] = field(default_factory=dict)
    fatigue: float = 0.0
    """Extra drift at the end of the coder's work (linear from 0 at the start)."""
    slip: float = 0.0
    """Any code now and then becomes a neighbouring one (a misread, a wrong key)."""
    skip: float = 0.0
    revise: float = 0.0
    memo: float = 0.0


NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "presence-only": ("monitoring", "on-call"),
    "responsibility": ("on-call", "status-not-time"),
    "on-call": ("monitoring", "responsibility"),
    "monitoring": ("on-call", "presence-only"),
    "active-care": ("presence-only", "overlap-active-care"),
    "counts-sleeping": ("excludes-sleeping",),
    "excludes-sleeping": ("counts-sleeping", "active-care"),
    "includes-other-adult": ("excludes-other-adult", ""),
    "excludes-other-adult": ("includes-other-adult", ""),
    "location-other-room": ("",),
    "confusion": ("no-interpretation", ""),
    "no-interpretation": ("confusion",),
}
"""What a slip turns a code into ('' = the code is left out)."""


DRIFTS: dict[str, Drift] = {
    "ana": Drift(
        confuse={
            "on-call": ("monitoring", 0.10),
            "monitoring": ("on-call", 0.12),
            "status-not-time": ("confusion", 0.15),
            "worry-mental-load": ("on-call", 0.15),
        },
        drop_second=0.05,
        language_factor={"en": 1.0, "es": 1.5},
        slip=0.02,
        revise=0.04,
        memo=0.04,
    ),
    "beto": Drift(
        confuse={
            "on-call": ("presence-only", 0.30),
            "monitoring": ("presence-only", 0.28),
            "location-other-room": ("", 0.45),
            "excludes-out-of-sight": ("", 0.4),
            "scope-which-children": ("", 0.5),
            "overlap-active-care": ("", 0.5),
            "responsibility": ("presence-only", 0.05),
        },
        drop_second=0.12,
        language_factor={"en": 1.0, "es": 1.0},
        fatigue=1.0,
        slip=0.025,
        skip=0.012,
        revise=0.02,
        memo=0.01,
    ),
    "carla": Drift(
        confuse={
            "responsibility": ("on-call", 0.10),
            "on-call": ("responsibility", 0.14),
            "no-interpretation": ("confusion", 0.5),
            "status-not-time": ("confusion", 0.3),
        },
        drop_second=0.06,
        question_means_confusion=0.35,
        language_factor={"en": 1.4, "es": 0.6},
        slip=0.03,
        skip=0.006,
        revise=0.05,
        memo=0.05,
    ),
}

EXCLUSIVE_CODES = ("no-interpretation",)
"""Codes the frame says never to combine with another code of the frame."""

MEMOS = (
    "Mixes presence and responsibility; coded the stronger reading.",
    "Is 'keeping an ear out' on-call or monitoring? Raise at the team meeting.",
    "'Always' here may be status-not-time; left as coded.",
    "Respondent hedges; coded what was said, not what was meant.",
    "Translation check: 'al pendiente' could also be worry here.",
)


def drifted_codes(
    p: PlannedAnswer, drift: Drift, progress: float, rng: random.Random, strength: float = 1.0
) -> tuple[str, ...]:
    """The codes a coder with this drift puts on an answer at this point of their work."""
    factor = drift.language_factor.get(p.respondent.language, 1.0)
    factor *= (1.0 + drift.fatigue * progress) * strength
    codes: list[str] = []
    for code in p.intended:
        replacement, prob = drift.confuse.get(code, ("", 0.0))
        if prob and rng.random() < min(prob * factor, 0.95):
            if replacement:
                codes.append(replacement)
        elif code in NEIGHBOURS and rng.random() < drift.slip * factor:
            if slipped := rng.choice(NEIGHBOURS[code]):
                codes.append(slipped)
        else:
            codes.append(code)
    if len(codes) > 1 and rng.random() < drift.drop_second * factor:
        codes.pop()
    if "?" in p.answer and rng.random() < drift.question_means_confusion:
        codes.append("confusion")
    codes = list(dict.fromkeys(codes))
    for code in EXCLUSIVE_CODES:
        if code in codes and len(codes) > 1:
            codes.remove(code)
    return tuple(codes) or p.intended


def simulated_clock(start: datetime, rng: random.Random) -> Callable[[], str]:
    """Timestamps of a plausible coding schedule instead of today's date.

    Passed as ``clock`` to the store (``create_study``, ``CoderJournal.open``,
    ``assign_recode``) so the committed journals are reproducible.
    """
    state = {"t": start}

    def tick() -> str:
        t = state["t"]
        if t.hour >= 17:  # the working day is over: next weekday, 9:00 plus a little
            t = (t + timedelta(days=1)).replace(hour=9, minute=rng.randrange(0, 40))
            while t.weekday() >= 5:
                t += timedelta(days=1)
        t += timedelta(seconds=rng.randrange(25, 110))
        state["t"] = t
        return t.isoformat(timespec="milliseconds")

    return tick


def _work_order(coder: str, planned: list[PlannedAnswer], rng: random.Random) -> list[int]:
    """Coders go through the study differently: in order, backwards, by interview."""
    idx = list(range(len(planned)))
    if coder == "beto":
        return idx[::-1]
    if coder == "carla":
        interviews = sorted({p.respondent.interview_id for p in planned})
        rng.shuffle(interviews)
        rank = {iv: k for k, iv in enumerate(interviews)}
        return sorted(idx, key=lambda i: (rank[planned[i].respondent.interview_id], i))
    return idx


RATIONALE = {
    "presence-only": "being together is the only reason given",
    "responsibility": "the answer says who was in charge",
    "on-call": "the respondent describes being available to help",
    "monitoring": "the respondent describes watching or checking on the child",
    "active-care": "only hands-on care is counted",
    "status-not-time": "read as a standing status, not as time",
    "worry-mental-load": "worry or phone check-ins are counted",
    "counts-sleeping": "time asleep is counted",
    "excludes-sleeping": "time asleep is left out",
    "includes-other-adult": "time with another adult present is counted",
    "excludes-other-adult": "time with another adult present is left out",
    "location-other-room": "the child out of sight but nearby is counted",
    "excludes-out-of-sight": "only time with the child in sight is counted",
    "counts-child-away": "time with the child away from home is counted",
    "overlap-active-care": "active-care time is counted as well",
    "scope-which-children": "the respondent is unsure which children are meant",
    "confusion": "the respondent asks what is meant or contradicts themself",
    "no-interpretation": "the answer gives no meaning",
}


def rationale(consensus: tuple[str, ...], by_coder: dict[str, tuple[str, ...]]) -> str:
    reasons = "; ".join(RATIONALE.get(c, c) for c in consensus)
    missed = [
        f"{coder} had {', '.join(codes)}"
        for coder, codes in sorted(by_coder.items())
        if set(codes) != set(consensus)
    ]
    return f"{' + '.join(consensus)}: {reasons}." + (
        f" Differs from: {'; '.join(missed)}." if missed else ""
    )


# --- writing ---------------------------------------------------------------------------------


def load_wordings(variant_ids: tuple[str, ...]) -> dict[str, WordingCopy]:
    """Frozen copies of the tested wordings from the shipped registry, as ``tut study init``."""
    from tut.coding.study import wording_copies
    from tut.instruments.registry import load_variants
    from tut.project import shipped_dir

    registry = load_variants([shipped_dir("instruments")])
    return wording_copies(registry.variants, variant_ids)


def load_protocol() -> Protocol:
    from tut.project import shipped_dir
    from tut.protocols.registry import load_protocols

    return load_protocols([shipped_dir("protocols")]).get(PROTOCOL_ID)


def build(target: Path = EXAMPLE_DIR, seed: int = SEED) -> dict[str, int]:
    """Write segments.csv, intended-codes.csv and the study folder with every journal."""
    from tut.coding.io_segments import read_segments
    from tut.coding.store import CoderJournal
    from tut.coding.study import assign_recode, create_study, open_study

    rng = random.Random(seed)
    protocol = load_protocol()
    frame = protocol.frame("supervisory-care-interpretation")
    respondents = plan_respondents(rng)
    planned = plan_answers(respondents, rng)

    target.mkdir(parents=True, exist_ok=True)
    (target / "segments.csv").write_text(segments_csv(planned), encoding="utf-8")
    (target / "intended-codes.csv").write_text(intended_csv(planned), encoding="utf-8")
    segments: list[Segment] = read_segments(target / "segments.csv", protocol)
    assert [s.id for s in segments] == [p.segment_id for p in planned]

    study_dir = target / "study"
    kept = {n: (study_dir / n).read_bytes() for n in KEPT if (study_dir / n).exists()}
    if study_dir.exists():
        shutil.rmtree(study_dir)
    start = datetime(2025, 3, 7, 10, 0, tzinfo=UTC)
    create_study(
        study_dir,
        STUDY_NAME,
        protocol,
        segments,
        frame_id=frame.id,
        description="ILLUSTRATIVE example: invented answers, not real respondents.",
        segments_source="segments.csv",
        wordings=load_wordings(protocol.variants),
        clock=simulated_clock(start, rng),
    )
    for name, data in kept.items():
        (study_dir / name).write_bytes(data)

    counts: Counter[str] = Counter()
    final: dict[str, dict[str, tuple[str, ...]]] = {}
    for k, coder in enumerate(CODERS):
        drift = DRIFTS[coder]
        coder_rng = random.Random(f"{seed}-{coder}")
        order = _work_order(coder, planned, coder_rng)
        begin = datetime(2025, 3, 10, 9 + 2 * k, 0, tzinfo=UTC)
        clock = simulated_clock(begin, coder_rng)
        with CoderJournal.open(study_dir, coder, frame, clock=clock) as j:
            mine: dict[str, tuple[str, ...]] = {}
            for n, i in enumerate(order):
                p = planned[i]
                if coder_rng.random() < drift.skip:
                    continue
                progress = n / max(len(order) - 1, 1)
                codes = drifted_codes(p, drift, progress, coder_rng)
                if coder_rng.random() < drift.revise:
                    first = drifted_codes(p, drift, progress, coder_rng, strength=4.0)
                    if first != codes:
                        j.set_codes(p.segment_id, first)
                j.set_codes(p.segment_id, codes)
                mine[p.segment_id] = codes
                if coder_rng.random() < drift.memo:
                    j.memo(p.segment_id, coder_rng.choice(MEMOS))
            counts[coder] = len(j.events)
        final[coder] = mine

    # Adjudication of every segment the coders disagree on.
    adj_rng = random.Random(f"{seed}-{ADJUDICATOR}")
    clock = simulated_clock(datetime(2025, 3, 24, 9, 0, tzinfo=UTC), adj_rng)
    with CoderJournal.open(study_dir, ADJUDICATOR, frame, clock=clock) as j:
        for p in planned:
            by_coder = {c: final[c][p.segment_id] for c in CODERS if p.segment_id in final[c]}
            if len(by_coder) < 2 or len({frozenset(v) for v in by_coder.values()}) == 1:
                continue
            consensus = p.intended
            if adj_rng.random() < 0.08:  # now and then the majority wins over the intention
                top, n = Counter(frozenset(v) for v in by_coder.values()).most_common(1)[0]
                if n >= 2:
                    consensus = tuple(c for c in p.intended if c in top) + tuple(
                        sorted(top - set(p.intended))
                    )
            j.adjudicate(p.segment_id, consensus, rationale(consensus, by_coder))
            counts[ADJUDICATOR] += 1

    # A blind recode by ana of a random sample, three weeks later (intra-coder reliability).
    rec_rng = random.Random(f"{seed}-recode")
    clock = simulated_clock(datetime(2025, 3, 31, 9, 0, tzinfo=UTC), rec_rng)
    ids = assign_recode(open_study(study_dir), RECODER, RECODE_N, seed, clock=clock)
    by_id = {p.segment_id: p for p in planned}
    with CoderJournal.open(study_dir, RECODER, frame, round=2, clock=clock) as j:
        for sid in ids:
            j.set_codes(sid, drifted_codes(by_id[sid], DRIFTS[RECODER], 0.5, rec_rng, 1.3))
    counts["recode"] = len(ids)
    for lock in (study_dir / "journals").glob("*.lock"):
        lock.unlink()
    counts["segments"] = len(planned)
    counts["respondents"] = len(respondents)
    return dict(counts)


def main() -> None:
    counts = build()
    print(f"example study written to {EXAMPLE_DIR}: {counts}")


if __name__ == "__main__":
    main()
