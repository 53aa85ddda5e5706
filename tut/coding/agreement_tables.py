"""A study's codes as one (coders x segments) grid, sliced into the groups of its breakdowns.

Built once per study (:class:`StudyTables`) and shared by every breakdown of one report.
The groups of the breakdowns by variant, probe, coder pair and third of the work take their
intervals from one set of draws of the study's units
(:mod:`tut.agreement.shared_bootstrap`), summed for all groups asked together
(:meth:`StudyTables.reports`) in one pass over those draws.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from tut.agreement.alpha import BootstrapMethod, krippendorff_alpha
from tut.agreement.coefficients import CI_LEVEL, Bootstrap, Coefficient, Note
from tut.agreement.data import ReliabilityData, ReliabilityDataError, from_codes, pick_names
from tut.agreement.multicode import Presence, _renamed, set_extra, set_labels
from tut.agreement.report import AgreementReport, agreement_report, report_of
from tut.agreement.shared_bootstrap import (
    GroupDraws,
    SharedDraws,
    group_draws,
    own_draws,
    run_groups,
    shared_draws,
)
from tut.agreement.unit_bootstrap import unit_bootstrap
from tut.coding.model import SegmentCoding
from tut.coding.store import gc_paused
from tut.protocols.model import CodingFrame

MIN_USES = 5
"""A code needs at least this many segments (coded by two or more coders) with it, and as
many without it, for an interval; below, the interval reads "too few uses"."""

Finish = Callable[[Mapping[str, Bootstrap]], AgreementReport]
"""A group's report once its bootstrap intervals are known."""


class StudyAgreementError(ReliabilityDataError):
    """A study whose codes agreement cannot use, with the catalogue note that says why."""

    def __init__(self, note: Note) -> None:
        super().__init__(note.text())
        self.note = note


def error_note(exc: ReliabilityDataError) -> Note:
    """Why agreement cannot be computed, with its catalogue key when the study stage gave
    one (the agreement engine's own errors are said as written)."""
    return exc.note if isinstance(exc, StudyAgreementError) else Note.as_written(str(exc))


@dataclass(frozen=True)
class GroupSpec:
    """One group of a breakdown, or the whole study: which segments (a mask), which coders
    (indices), which third of each coder's work; ``shared``: intervals from the study's
    shared draws; ``resample=False``: no bootstrap at all."""

    units: npt.NDArray[np.bool_] | None = None
    coders: tuple[int, ...] | None = None
    third: int | None = None
    resample: bool = True
    shared: bool = False


class StudyTables:
    """The study as one full (coders x segments) code grid, built once, sliced per group
    (and shared by the breakdowns of one report: pass it as ``tables``)."""

    @gc_paused()
    def __init__(
        self,
        unit_ids: Sequence[str],
        frame: CodingFrame,
        codings: Mapping[str, Mapping[str, SegmentCoding]],
        *,
        plain: bool = False,
    ) -> None:
        """``plain``: ``codings`` gives each coder's codes (tuples), not SegmentCodings
        (see :meth:`of_codes`)."""
        codes_of: Callable[[Any], tuple[str, ...]] = (
            (lambda codes: codes) if plain else attrgetter("codes")
        )
        self.mode = frame.mode
        self.coders = tuple(codings)
        if len(self.coders) < 2:
            raise StudyAgreementError(
                Note("agreement.study-two-coders", {"coders": len(self.coders)})
            )
        self.unit_ids = tuple(unit_ids)
        self.options: dict[str, Any] = {
            "bootstrap": 0, "seed": None, "ci_level": CI_LEVEL, "bootstrap_method": "units",
        }
        used = {c for per in codings.values() for sc in per.values() for c in codes_of(sc)}
        self.code_ids = [c.id for c in frame.codes] + sorted(used - frame.code_ids)
        self.codings: Mapping[str, Mapping[str, Any]] = codings
        sets, self.stamps = _code_sets(self.coders, self.unit_ids, codings, codes_of, not plain)
        self.presence = Presence(sets)
        self.pairable = (self.presence.set_index >= 0).sum(axis=0) >= 2
        # each segment's row in the shared draws: the pairable segments in order of their ids,
        # so the draws do not depend on how a caller lists them (the TUI and the CLI differ)
        by_id = np.argsort(np.array(self.unit_ids, dtype=str), kind="stable")
        ranked = self.pairable[by_id]
        self.positions = np.full(len(self.unit_ids), -1, dtype=np.int64)
        self.positions[by_id] = np.where(ranked, np.cumsum(ranked) - 1, -1)
        self.cache: dict[Any, Any] = {}  # shared by every copy (:meth:`using`)
        self.main_only = False
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

    @classmethod
    def of_codes(
        cls,
        unit_ids: Sequence[str],
        frame: CodingFrame,
        codes: Mapping[str, Mapping[str, tuple[str, ...]]],
    ) -> StudyTables:
        """From each coder's codes alone (no save times: a coder's work, for the thirds, is
        in the segments' order), without making a SegmentCoding for each."""
        return cls(unit_ids, frame, codes, plain=True)  # type: ignore[arg-type]

    def using(
        self,
        bootstrap: int,
        seed: int | None,
        ci_level: float,
        bootstrap_method: BootstrapMethod,
        main_only: bool = False,
    ) -> StudyTables:
        """The same grid with these interval options (the grid itself is not copied).
        ``main_only``: each report holds the headline alpha only (alpha; MASI alpha on sets),
        what the report shows; its numbers are the same as among all coefficients."""
        out = copy.copy(self)
        out.options = {
            "bootstrap": bootstrap, "seed": seed, "ci_level": ci_level,
            "bootstrap_method": bootstrap_method,
        }
        out.main_only = main_only
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
            coder, segment = self.coders[ci], self.unit_ids[ui]
            raise StudyAgreementError(Note(
                "agreement.exclusive-several-codes",
                {"coder": coder, "codes": len(many), "segment": segment},
            ))
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
        spec = GroupSpec(units, None if coders is None else tuple(coders), third, resample, shared)
        return self.reports([spec])[0]

    def reports(self, specs: Sequence[GroupSpec]) -> list[AgreementReport]:
        """Each group's report; the shared groups' intervals (and the whole study's, when it
        would draw the same units) from one pass over the shared draws."""
        options = self.options
        units_boot = bool(options["bootstrap"]) and options["bootstrap_method"] == "units"
        drawing = self.draw_ahead() if units_boot and any(s.shared for s in specs) else None
        drawn = (
            (int(self.pairable.sum()), options["bootstrap"], options["seed"]) if drawing else None
        )
        out: list[AgreementReport | None] = [None] * len(specs)
        requests: list[GroupDraws | None] = []
        finishing: list[tuple[int, Finish]] = []
        for k, spec in enumerate(specs):
            done = self._prepare(spec, drawn)
            if isinstance(done, AgreementReport):
                out[k] = done
            else:
                requests.append(done[0])
                finishing.append((k, done[1]))
        if requests:
            assert drawing is not None
            boots = run_groups(requests, drawing.result(), options["ci_level"])
            for (k, finish), b in zip(finishing, boots, strict=True):
                out[k] = finish(b)
        return [r for r in out if r is not None]

    def _prepare(
        self, spec: GroupSpec, drawn: tuple[int, int, int] | None
    ) -> AgreementReport | tuple[GroupDraws | None, Finish]:
        """A group's report, or what its bootstrap needs from the shared draws and how its
        report is finished once the intervals are known."""
        codes, coder_names, unit_names = self._group_codes(spec)
        variants = self.variants[:1] if self.main_only else self.variants  # MASI first
        parts = [
            (name, from_codes(codes, labels, "nominal", coder_names, unit_names, None, extra))
            for name, labels, extra in variants
        ]
        first = parts[0][1]
        options = dict(self.options)
        if not spec.resample:
            options["bootstrap"] = 0
        resamples, seed = options["bootstrap"], options["seed"]
        if not (resamples and options["bootstrap_method"] == "units"):
            if self.mode == "exclusive":
                return self._exclusive_report(first, options)
            return report_of(first, [_renamed(krippendorff_alpha(d, **options),
                                              f"krippendorff_alpha_{name}") for name, d in parts])
        options["bootstrap"] = 0  # the bootstrap over units is added below
        alphas: dict[str, ReliabilityData] | None = None
        if self.mode == "exclusive":
            rep = self._exclusive_report(first, options)
            names = [c.name for c in rep.coefficients if c.defined]

            def finish(boots: Mapping[str, Bootstrap]) -> AgreementReport:
                return replace(rep, coefficients=with_intervals(rep.coefficients, boots))

        else:
            coefs = [
                _renamed(krippendorff_alpha(d, **options), f"krippendorff_alpha_{name}")
                for name, d in parts
            ]
            names, alphas = [], {c.name: d for c, (_, d) in zip(coefs, parts, strict=True)
                                 if c.defined}

            def finish(boots: Mapping[str, Bootstrap]) -> AgreementReport:
                return report_of(first, with_intervals(coefs, boots))

        if spec.shared and drawn is not None:
            positions = self.positions if spec.units is None else self.positions[spec.units]
            positions = positions[(codes >= 0).any(axis=0)]  # from_codes drops uncoded segments
            return group_draws(first, names, positions, alphas), finish
        request = (
            own_draws(first, names, drawn, resamples, seed, alphas) if drawn is not None else None
        )
        if request is None:
            ci = options["ci_level"]
            return finish(unit_bootstrap(first, names, resamples, seed=seed, ci_level=ci,
                                         alphas=alphas))
        return request, finish

    def _group_codes(
        self, spec: GroupSpec
    ) -> tuple[npt.NDArray[np.int64], tuple[str, ...], Sequence[str]]:
        """The group's (coders x segments) codes, coders and segments."""
        codes = self.codes
        if spec.third is not None:
            codes = np.where(self._thirds() == spec.third, codes, -1)
        coder_names = self.coders
        if spec.coders is not None:
            codes = codes[list(spec.coders)]
            coder_names = tuple(self.coders[i] for i in spec.coders)
        unit_names: Sequence[str] = self.unit_ids
        if spec.units is not None:
            codes = codes[:, spec.units]
            unit_names = pick_names(self.unit_ids, np.flatnonzero(spec.units))
        return codes, coder_names, unit_names

    def _exclusive_report(self, d: ReliabilityData, options: dict[str, Any]) -> AgreementReport:
        """Every coefficient, or (``main_only``) alpha alone as :func:`agreement_report`
        computes it."""
        if not self.main_only or options["bootstrap_method"] == "pairs":  # pairs: a warning
            return agreement_report(d, **options)
        return report_of(d, [main_alpha(d, options)])

    def draw_ahead(self) -> Future[SharedDraws]:
        """The study's shared unit draws for these options, drawn once per seed, in a
        thread of their own: the generator and the counting release the GIL, so a caller
        that starts them early (before the per-code bootstraps) has them drawn meanwhile."""
        key = ("draws", self.options["bootstrap"], self.options["seed"])
        if key not in self.cache:
            n = int(self.pairable.sum())
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tut-draws")
            self.cache[key] = pool.submit(
                shared_draws, n, self.options["bootstrap"], self.options["seed"]
            )
            pool.shutdown(wait=False)  # the thread ends with the draws
        return self.cache[key]  # type: ignore[no-any-return]

    def _thirds(self) -> npt.NDArray[np.int64]:
        """(M, N): which third of that coder's own work each coded segment is in (-1: none);
        computed once per grid (both thirds use it)."""
        if "thirds" not in self.cache:
            coded = self.presence.set_index >= 0
            order = np.array([
                _work_order(np.flatnonzero(coded[i]),
                            None if self.stamps is None else self.stamps[i], len(self.unit_ids))
                for i in range(len(self.coders))
            ])
            done = (order >= 0).sum(axis=1, keepdims=True)
            self.cache["thirds"] = np.where(order >= 0, (order * 3) // np.maximum(done, 1), -1)
        return np.asarray(self.cache["thirds"])


def _code_sets(
    coders: Sequence[str],
    unit_ids: Sequence[str],
    codings: Mapping[str, Mapping[str, Any]],
    codes_of: Callable[[Any], tuple[str, ...]],
    timed: bool = False,
) -> tuple[list[list[frozenset[str] | None]], list[list[str]] | None]:
    """Each coder's set of codes on each segment (None: not coded), one set object per
    distinct set; ``timed``: and each coder's save times of the coded segments, in the
    segments' order (read in the same pass)."""
    sets: list[list[frozenset[str] | None]] = []
    stamps: list[list[str]] = []
    interned: dict[tuple[str, ...], frozenset[str]] = {}
    for coder in coders:
        per = codings[coder]
        row: list[frozenset[str] | None] = []
        saved: list[str] = []
        for sid in unit_ids:
            sc = per.get(sid)
            codes = None if sc is None else codes_of(sc)
            if sc is None or not codes:
                row.append(None)
                continue
            if timed:
                saved.append(sc.updated)
            found = interned.get(codes)
            if found is None:
                found = interned[codes] = frozenset(codes)
            row.append(found)
        sets.append(row)
        stamps.append(saved)
    return sets, (stamps if timed else None)


def _work_order(
    coded: npt.NDArray[np.intp], stamps: Sequence[str] | None, n: int
) -> npt.NDArray[np.int64]:
    """Position of each of ``n`` segments in the order this coder coded it (-1: not coded):
    by save time, then segment order. ``coded``: the coded segments' indices, in order;
    ``stamps``: their save times (None: none known, so in segment order)."""
    ranked = coded
    if stamps is not None:  # Python's sort: stable, and compares the stamps as numpy's would
        ranked = coded[sorted(range(len(stamps)), key=stamps.__getitem__)]
    out = np.full(n, -1, dtype=np.int64)
    out[ranked] = np.arange(ranked.size)  # stable: equal times keep the segments' order
    return out


def with_intervals(
    coefs: Sequence[Coefficient], boots: Mapping[str, Bootstrap]
) -> tuple[Coefficient, ...]:
    """The coefficients with their bootstrap intervals (those with none keep theirs)."""
    return tuple(
        c.with_bootstrap(b) if (b := boots.get(c.name)) else c
        for c in coefs
    )


def main_alpha(d: ReliabilityData, options: Mapping[str, Any]) -> Coefficient:
    """Alpha as :func:`agreement_report` computes it with these options (its bootstrap over
    units, if any, added by the caller)."""
    pairs = options["bootstrap_method"] == "pairs"
    return krippendorff_alpha(
        d,
        ci_level=options["ci_level"],
        bootstrap=options["bootstrap"] if pairs else 0,
        seed=options["seed"],
        bootstrap_method=options["bootstrap_method"],
    )
