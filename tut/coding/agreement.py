"""Agreement on a coding study, whole and broken down as the frame-revision loop needs.

The study adapter of :mod:`tut.agreement` (which knows nothing of studies): it lives with
the code store so the agreement engine imports without it.

Takes the code store's objects as they are (segments, the coding frame, and per coder a
``segment_id -> SegmentCoding`` map) and answers: how reliable is the frame overall, and
for which code, coder pair, wording variant, probe, or stretch of each coder's work
(first vs last third) it is weaker.

Exclusive frames give one code per segment: nominal data, every coefficient. Multiple-code
frames give sets of codes: alpha with MASI and Jaccard distances for the sets, and every
coefficient per code (present/absent). A segment a coder has not coded is missing.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from tut.agreement.alpha import BootstrapMethod, krippendorff_alpha
from tut.agreement.bootstrap import fresh_seed
from tut.agreement.coefficients import CI_LEVEL, Bootstrap, Coefficient
from tut.agreement.data import ReliabilityData, ReliabilityDataError, from_codes
from tut.agreement.multicode import Presence, _renamed, set_extra, set_labels
from tut.agreement.report import AgreementReport, agreement_report, report_of
from tut.agreement.shared_bootstrap import SharedDraws, shared_bootstrap, shared_draws
from tut.agreement.unit_bootstrap import unit_bootstrap
from tut.coding.model import Segment, SegmentCoding
from tut.coding.store import gc_paused
from tut.protocols.model import CodingFrame

By = Literal["variant", "probe", "coder-pair", "code", "time"]
BREAKDOWNS: tuple[str, ...] = get_args(By)

CODE_RESAMPLES = 1000
"""Per-code intervals always come from the bootstrap over units: this many resamples when
no ``bootstrap`` is asked for (a rare code's linearised interval is meaningless)."""
MIN_USES = 5
"""A code needs at least this many segments (coded by two or more coders) with it, and as
many without it, for an interval; below, the interval reads "too few uses"."""
TOO_FEW_USES = (
    f"too few uses: an interval needs the code on at least {MIN_USES} segments two or more "
    f"coders coded, and at least {MIN_USES} such segments without it"
)


@dataclass(frozen=True)
class GroupAgreement:
    """Agreement within one group of a breakdown (one variant, one code, one pair ...)."""

    group: str
    report: AgreementReport
    uses: int | None = None
    """By code only: how many times the coders put this code on a segment (a code used
    once or twice gives a wide or degenerate interval; a code nobody used, no alpha)."""
    too_few_uses: bool = False
    """By code only: under the :data:`MIN_USES` rule, so no interval is given."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"group": self.group}
        if self.uses is not None:
            out["uses"] = self.uses
            out["too_few_uses"] = self.too_few_uses
        return out | self.report.to_json()


@dataclass(frozen=True)
class StudyAgreement:
    """Agreement on a study: overall, and per group of the requested breakdown."""

    frame_id: str
    mode: str
    coders: tuple[str, ...]
    n_segments: int
    overall: AgreementReport
    by: str | None = None
    groups: tuple[GroupAgreement, ...] = ()

    @property
    def main(self) -> str:
        """Name of the headline coefficient (alpha; MASI alpha for multiple-code frames)."""
        return "krippendorff_alpha" if self.mode == "exclusive" else "krippendorff_alpha_masi"

    def to_json(self) -> dict[str, Any]:
        return {
            "frame": self.frame_id,
            "mode": self.mode,
            "coders": list(self.coders),
            "n_segments": self.n_segments,
            "single_coded_segments": list(self.overall.single_coded_units),
            "overall": self.overall.to_json(),
            "by": self.by,
            "breakdown": [g.to_json() for g in self.groups],
        }


def study_agreement(
    segments: Sequence[Segment],
    frame: CodingFrame,
    codings_by_coder: Mapping[str, Mapping[str, SegmentCoding]],
    by: By | None = None,
    *,
    bootstrap: int = 0,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
    bootstrap_method: BootstrapMethod = "units",
    overall_bootstrap: bool = True,
    tables: StudyTables | None = None,
) -> StudyAgreement:
    """Agreement of the coders of a study, overall and broken down ``by`` one aspect.

    Parameters
    ----------
    segments : sequence of Segment
        The study's segments (units), in order.
    frame : CodingFrame
        Its coding frame: ``mode`` says whether a segment takes one code or a set.
    codings_by_coder : mapping
        ``coder -> {segment_id: SegmentCoding}`` (round-1 codes; uncoded segments absent or
        with no codes).
    by : {"variant", "probe", "coder-pair", "code", "time"}, optional
        The breakdown; ``time`` compares the first and last third of each coder's work.
    bootstrap, seed, bootstrap_method
        Intervals from a bootstrap (over units by default). Per code, the intervals always
        come from the bootstrap over units (:data:`CODE_RESAMPLES` when none is asked for),
        and a code under the :data:`MIN_USES` rule gets none.
    tables : StudyTables, optional
        The grid of these segments and codings, built once for several breakdowns.
    """
    keys = None
    if by in ("variant", "probe"):
        keys = [s.variant_id if by == "variant" else s.probe_id for s in segments]
    return codings_agreement(
        [s.id for s in segments],
        frame,
        codings_by_coder,
        by,
        group_keys=keys,
        bootstrap=bootstrap,
        seed=seed,
        ci_level=ci_level,
        bootstrap_method=bootstrap_method,
        overall_bootstrap=overall_bootstrap,
        tables=tables,
    )


def codings_agreement(
    unit_ids: Sequence[str],
    frame: CodingFrame,
    codings_by_coder: Mapping[str, Mapping[str, SegmentCoding]],
    by: By | None = None,
    *,
    group_keys: Sequence[str] | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
    bootstrap_method: BootstrapMethod = "units",
    overall_bootstrap: bool = True,
    tables: StudyTables | None = None,
) -> StudyAgreement:
    """:func:`study_agreement` on segment ids alone (the TUI's codes so far); ``by`` variant
    or probe needs ``group_keys``, one per id. Results do not depend on the ids' order.
    ``overall_bootstrap=False``: the groups only are bootstrapped (a caller that has the
    overall already)."""
    if by is not None and by not in BREAKDOWNS:
        raise ReliabilityDataError(f"breakdown must be one of {', '.join(BREAKDOWNS)}, not {by!r}")
    if by in ("variant", "probe") and group_keys is None:
        raise ReliabilityDataError(f"a breakdown by {by} needs the segments' {by}s")
    if seed is None and (bootstrap or by == "code"):
        seed = fresh_seed()  # one seed for every group, reported with each interval
    # BLAS on one thread: the bootstrap's products are small (resamples x patterns times
    # patterns x codes), and on a busy 2-core machine OpenBLAS's threads made them 100x slower
    with threadpool_limits(limits=1, user_api="blas"):
        return _codings_agreement(
            unit_ids, frame, codings_by_coder, by, group_keys, bootstrap, seed, ci_level,
            bootstrap_method, overall_bootstrap, tables,
        )


def _codings_agreement(
    unit_ids: Sequence[str],
    frame: CodingFrame,
    codings_by_coder: Mapping[str, Mapping[str, SegmentCoding]],
    by: By | None,
    group_keys: Sequence[str] | None,
    bootstrap: int,
    seed: int | None,
    ci_level: float,
    bootstrap_method: BootstrapMethod,
    overall_bootstrap: bool,
    tables: StudyTables | None,
) -> StudyAgreement:
    if tables is None:
        tables = StudyTables(unit_ids, frame, codings_by_coder)
    tables = tables.using(bootstrap, seed, ci_level, bootstrap_method)
    groups: list[GroupAgreement] = []
    if by == "code":
        for code in tables.code_ids:
            rep = agreement_report(
                tables.present_absent(code),
                bootstrap=bootstrap or CODE_RESAMPLES,
                seed=seed,
                ci_level=ci_level,
            )
            few = tables.too_few_uses(code)
            groups.append(
                GroupAgreement(
                    code, _without_intervals(rep) if few else rep, tables.uses(code), few
                )
            )
    elif by == "coder-pair":
        for i, j in combinations(range(len(tables.coders)), 2):
            name = f"{tables.coders[i]} + {tables.coders[j]}"
            groups.append(GroupAgreement(name, tables.report(coders=[i, j], shared=True)))
    elif by in ("variant", "probe"):
        assert group_keys is not None
        for key in dict.fromkeys(group_keys):
            mask = np.array([k == key for k in group_keys])
            groups.append(GroupAgreement(key, tables.report(units=mask, shared=True)))
    elif by == "time":
        for third, name in ((0, "first third"), (2, "last third")):
            groups.append(GroupAgreement(name, tables.report(third=third, shared=True)))
    return StudyAgreement(
        frame_id=frame.id,
        mode=frame.mode,
        coders=tables.coders,
        n_segments=len(unit_ids),
        overall=tables.report(resample=overall_bootstrap),
        by=by,
        groups=tuple(groups),
    )


class StudyTables:
    """The study as one full (coders x segments) code grid, built once, sliced per group
    (and shared by the breakdowns of one report: pass it as ``tables``)."""

    @gc_paused()
    def __init__(
        self,
        unit_ids: Sequence[str],
        frame: CodingFrame,
        codings: Mapping[str, Mapping[str, SegmentCoding]],
    ) -> None:
        self.mode = frame.mode
        self.coders = tuple(codings)
        if len(self.coders) < 2:
            raise ReliabilityDataError(
                f"agreement needs at least two coders; this study has {len(self.coders)}"
            )
        self.unit_ids = tuple(unit_ids)
        self.options: dict[str, Any] = {
            "bootstrap": 0, "seed": None, "ci_level": CI_LEVEL, "bootstrap_method": "units",
        }
        used = {c for per in codings.values() for sc in per.values() for c in sc.codes}
        self.code_ids = [c.id for c in frame.codes] + sorted(used - frame.code_ids)
        self.codings = codings
        self.sets: list[list[frozenset[str] | None]] = []
        interned: dict[tuple[str, ...], frozenset[str]] = {}  # one set object per distinct set
        for coder in self.coders:
            per = codings[coder]
            row: list[frozenset[str] | None] = []
            for sid in self.unit_ids:
                sc = per.get(sid)
                if sc is None or not sc.codes:
                    row.append(None)
                    continue
                found = interned.get(sc.codes)
                if found is None:
                    found = interned[sc.codes] = frozenset(sc.codes)
                row.append(found)
            self.sets.append(row)
        self.presence = Presence(self.sets)
        self.pairable = (self.presence.set_index >= 0).sum(axis=0) >= 2
        # each segment's row in the shared draws: the pairable segments in order of their ids,
        # so the draws do not depend on how a caller lists them (the TUI and the CLI differ)
        by_id = np.argsort(np.array(self.unit_ids, dtype=str), kind="stable")
        ranked = self.pairable[by_id]
        self.positions = np.full(len(self.unit_ids), -1, dtype=np.int64)
        self.positions[by_id] = np.where(ranked, np.cumsum(ranked) - 1, -1)
        self.cache: dict[Any, Any] = {}  # shared by every copy (:meth:`using`)
        self.variants: list[tuple[str, tuple[Any, ...], dict[str, Any]]]
        if self.mode == "exclusive":
            self.codes = self._exclusive_codes()
            self.variants = [("", tuple(self.code_ids), {})]
        else:
            self.codes, ordered = self.presence.set_index, self.presence.ordered
            labels = set_labels(ordered)
            self.variants = [
                (dist, labels, set_extra(ordered, dist))  # type: ignore[arg-type]
                for dist in ("masi", "jaccard")
            ]

    def using(
        self, bootstrap: int, seed: int | None, ci_level: float, bootstrap_method: BootstrapMethod
    ) -> StudyTables:
        """The same grid with these interval options (the grid itself is not copied)."""
        out = copy.copy(self)
        out.options = {
            "bootstrap": bootstrap, "seed": seed, "ci_level": ci_level,
            "bootstrap_method": bootstrap_method,
        }
        return out

    def present_absent(self, code: str) -> ReliabilityData:
        """The code as a 0/1 nominal variable (1 = the coder used it), validated already."""
        present = self.presence(code)
        codes = np.where(np.isnan(present), -1, present).astype(np.int64)
        scores = np.array([0.0, 1.0])
        return from_codes(codes, (0, 1), "nominal", self.coders, self.unit_ids, scores)

    def uses(self, code: str) -> int:
        """How many times the coders put ``code`` on a segment."""
        return int((self.presence(code) == 1.0).sum())

    def too_few_uses(self, code: str) -> bool:
        """The :data:`MIN_USES` rule, on the segments two or more coders coded."""
        used = (self.presence(code) == 1.0).any(axis=0)[self.pairable]
        with_code = int(used.sum())
        return with_code < MIN_USES or int(used.size) - with_code < MIN_USES

    def _exclusive_codes(self) -> npt.NDArray[np.int64]:
        """(M, N) code indices; a set of several codes is an error (exclusive frame)."""
        index = {c: i for i, c in enumerate(self.code_ids)}
        ordered = self.presence.ordered
        of_set = np.array([index[next(iter(s))] if len(s) == 1 else -2 for s in ordered] + [-1])
        codes = of_set[self.presence.set_index]  # index -1 (not coded) reads the last: -1
        if (codes == -2).any():
            ci, ui = (int(i[0]) for i in np.nonzero(codes == -2))
            many = ordered[int(self.presence.set_index[ci, ui])]
            raise ReliabilityDataError(
                f"coder {self.coders[ci]} put {len(many)} codes on segment {self.unit_ids[ui]}, "
                "but the frame is exclusive (one code per segment)"
            )
        return np.asarray(codes, dtype=np.int64)

    def report(
        self,
        *,
        units: npt.NDArray[np.bool_] | None = None,
        coders: Sequence[int] | None = None,
        third: int | None = None,
        resample: bool = True,
        shared: bool = False,
    ) -> AgreementReport:
        """One group's report (``shared``: intervals from the study's shared draws)."""
        codes = self.codes
        if third is not None:
            codes = np.where(self._thirds() == third, codes, -1)
        coder_names = self.coders
        if coders is not None:
            codes = codes[list(coders)]
            coder_names = tuple(self.coders[i] for i in coders)
        unit_names = self.unit_ids
        if units is not None:
            codes = codes[:, units]
            unit_names = tuple(u for u, k in zip(self.unit_ids, units, strict=True) if k)
        parts = [
            (name, from_codes(codes, labels, "nominal", coder_names, unit_names, None, extra))
            for name, labels, extra in self.variants
        ]
        options = dict(self.options)
        if not resample:
            options["bootstrap"] = 0
        units_boot = options["bootstrap"] and options["bootstrap_method"] == "units"
        draws = self._draws() if shared and units_boot else None
        positions = self.positions if units is None else self.positions[units]
        positions = positions[(codes >= 0).any(axis=0)]  # from_codes drops uncoded segments
        if self.mode == "exclusive":
            if draws is None:
                return agreement_report(parts[0][1], **options)
            rep = agreement_report(parts[0][1], **(options | {"bootstrap": 0}))
            names = [c.name for c in rep.coefficients if c.defined]
            boots = shared_bootstrap(
                parts[0][1], names, draws, positions, ci_level=options["ci_level"]
            )
            return replace(rep, coefficients=_with_intervals(rep.coefficients, boots))
        if units_boot:
            options["bootstrap"] = 0  # below: one set of resamples for both distances
        coefs = [
            _renamed(krippendorff_alpha(d, **options), f"krippendorff_alpha_{name}")
            for name, d in parts
        ]
        if units_boot:
            named = {c.name: d for c, (_, d) in zip(coefs, parts, strict=True) if c.defined}
            boots = (
                shared_bootstrap(
                    parts[0][1], [], draws, positions, ci_level=options["ci_level"], alphas=named
                )
                if draws is not None
                else unit_bootstrap(
                    parts[0][1],
                    [],
                    self.options["bootstrap"],
                    seed=self.options["seed"],
                    ci_level=self.options["ci_level"],
                    alphas=named,
                )
            )
            coefs = list(_with_intervals(coefs, boots))
        return report_of(parts[0][1], coefs)

    def _draws(self) -> SharedDraws:
        """The study's shared unit draws for these options, drawn once per seed."""
        key = ("draws", self.options["bootstrap"], self.options["seed"])
        if key not in self.cache:
            n = int(self.pairable.sum())
            self.cache[key] = shared_draws(n, self.options["bootstrap"], self.options["seed"])
        return self.cache[key]  # type: ignore[no-any-return]

    def _thirds(self) -> npt.NDArray[np.int64]:
        """(M, N): which third of that coder's own work each coded segment is in (-1: none);
        computed once per grid (both thirds use it)."""
        if "thirds" not in self.cache:
            order = np.array([_work_order(self.codings[c], self.unit_ids) for c in self.coders])
            done = (order >= 0).sum(axis=1, keepdims=True)
            self.cache["thirds"] = np.where(order >= 0, (order * 3) // np.maximum(done, 1), -1)
        return np.asarray(self.cache["thirds"])


def _work_order(per: Mapping[str, SegmentCoding], unit_ids: Sequence[str]) -> npt.NDArray[np.int64]:
    """Position of each segment in the order this coder coded it (by time, then segment order)."""
    got = [per.get(sid) for sid in unit_ids]
    coded = [i for i, sc in enumerate(got) if sc is not None and sc.is_coded]
    stamps = np.array([sc.updated for sc in got if sc is not None and sc.is_coded], dtype=np.str_)
    ranked = np.asarray(coded, dtype=np.int64)[np.argsort(stamps, kind="stable")]
    out = np.full(len(unit_ids), -1, dtype=np.int64)
    out[ranked] = np.arange(ranked.size)  # stable: equal times keep the segments' order
    return out


def _with_intervals(
    coefs: Sequence[Coefficient], boots: Mapping[str, Bootstrap]
) -> tuple[Coefficient, ...]:
    """The coefficients with their bootstrap intervals (those with none keep theirs)."""
    return tuple(
        replace(c, ci=b.ci, ci_method=b.describe(), bootstrap=b) if (b := boots.get(c.name)) else c
        for c in coefs
    )


def _without_intervals(report: AgreementReport) -> AgreementReport:
    """A code under the :data:`MIN_USES` rule: the values stay, the intervals go."""

    def bare(c: Coefficient) -> Coefficient:
        if not c.defined:
            return c
        return replace(c, ci=None, ci_method=TOO_FEW_USES, bootstrap=None)

    return replace(report, coefficients=tuple(bare(c) for c in report.coefficients))
