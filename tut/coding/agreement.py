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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any, Literal, get_args

import numpy as np
from threadpoolctl import threadpool_limits

from tut.agreement.alpha import BootstrapMethod
from tut.agreement.bootstrap import fresh_seed
from tut.agreement.coefficients import CI_LEVEL, Coefficient, Note
from tut.agreement.data import ReliabilityDataError
from tut.agreement.report import AgreementReport, agreement_report, report_of
from tut.agreement.unit_bootstrap import unit_bootstrap
from tut.coding.agreement_tables import (
    MIN_USES,
    GroupSpec,
    StudyTables,
    main_alpha,
    with_intervals,
)
from tut.coding.model import Segment, SegmentCoding
from tut.coding.store import gc_paused
from tut.protocols.model import CodingFrame

By = Literal["variant", "probe", "coder-pair", "code", "time"]
BREAKDOWNS: tuple[str, ...] = get_args(By)

CODE_RESAMPLES = 1000
"""Per-code intervals always come from the bootstrap over units: this many resamples when
no ``bootstrap`` is asked for (a rare code's linearised interval is meaningless)."""
TOO_FEW_USES_NOTE = Note("agreement.too-few-uses", {"uses": MIN_USES})


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
    # patterns x codes), and on a busy 2-core machine OpenBLAS's threads made them 100x slower;
    # the cyclic GC paused: arrays make no cycles, and each collection walked the whole study
    with threadpool_limits(limits=1, user_api="blas"), gc_paused():
        return _codings_agreement(
            unit_ids, frame, codings_by_coder, [by], {by: group_keys} if by and group_keys
            else {}, bootstrap, seed, ci_level, bootstrap_method, overall_bootstrap, tables,
        )[0]


def study_breakdowns(
    segments: Sequence[Segment],
    frame: CodingFrame,
    codings_by_coder: Mapping[str, Mapping[str, SegmentCoding]],
    bys: Sequence[By],
    *,
    bootstrap: int = 0,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
    bootstrap_method: BootstrapMethod = "units",
    tables: StudyTables | None = None,
    main_only: bool = False,
) -> dict[str, StudyAgreement]:
    """:func:`study_agreement` for several breakdowns at once, with the same numbers: the
    overall computed once, and the groups of every breakdown (but code) summed in one pass
    over the study's shared draws (a report asks for them all). ``main_only``: each report
    holds only the headline alpha (:attr:`StudyAgreement.main`), with the same numbers."""
    if any(by not in BREAKDOWNS for by in bys):
        raise ReliabilityDataError(f"breakdown must be one of {', '.join(BREAKDOWNS)}")
    keys: dict[str, Sequence[str]] = {
        by: [s.variant_id if by == "variant" else s.probe_id for s in segments]
        for by in bys
        if by in ("variant", "probe")
    }
    if seed is None and (bootstrap or "code" in bys):
        seed = fresh_seed()
    with threadpool_limits(limits=1, user_api="blas"), gc_paused():
        found = _codings_agreement(
            [s.id for s in segments], frame, codings_by_coder, list(bys), keys, bootstrap,
            seed, ci_level, bootstrap_method, True, tables, main_only,
        )
    return dict(zip(bys, found, strict=True))


def _codings_agreement(
    unit_ids: Sequence[str],
    frame: CodingFrame,
    codings_by_coder: Mapping[str, Mapping[str, SegmentCoding]],
    bys: Sequence[By | None],
    group_keys: Mapping[str, Sequence[str]],
    bootstrap: int,
    seed: int | None,
    ci_level: float,
    bootstrap_method: BootstrapMethod,
    overall_bootstrap: bool,
    tables: StudyTables | None,
    main_only: bool = False,
) -> list[StudyAgreement]:
    """Each breakdown's agreement; the overall and every shared group asked in one batch."""
    if tables is None:
        tables = StudyTables(unit_ids, frame, codings_by_coder)
    tables = tables.using(bootstrap, seed, ci_level, bootstrap_method, main_only)
    if bootstrap and bootstrap_method == "units" and any(
        by in ("variant", "probe", "coder-pair", "time") for by in bys
    ):
        tables.draw_ahead()  # drawn in a thread while the codes' bootstraps run
    names: list[list[str]] = []
    specs: list[GroupSpec] = [GroupSpec(resample=overall_bootstrap)]
    for by in bys:
        named = _group_specs(tables, by, group_keys.get(by or ""))
        names.append([name for name, _ in named])
        specs += [spec for _, spec in named]
    by_code = _by_code(tables, bootstrap, seed, ci_level) if "code" in bys else []
    reports = tables.reports(specs)
    overall, at = reports[0], 1
    out = []
    for by, groups in zip(bys, names, strict=True):
        found = [GroupAgreement(name, rep) for name, rep in zip(groups, reports[at:], strict=False)]
        at += len(groups)
        if by == "code":  # no shared groups: each code has its own bootstrap
            found = by_code
        out.append(
            StudyAgreement(
                frame_id=frame.id,
                mode=frame.mode,
                coders=tables.coders,
                n_segments=len(unit_ids),
                overall=overall,
                by=by,
                groups=tuple(found),
            )
        )
    return out


def _group_specs(
    tables: StudyTables, by: By | None, group_keys: Sequence[str] | None
) -> list[tuple[str, GroupSpec]]:
    """The groups of a breakdown on the shared draws, by name (by code: none, see
    :func:`_by_code`)."""
    if by == "coder-pair":
        return [
            (f"{tables.coders[i]} + {tables.coders[j]}", GroupSpec(coders=(i, j), shared=True))
            for i, j in combinations(range(len(tables.coders)), 2)
        ]
    if by in ("variant", "probe"):
        assert group_keys is not None
        keys = np.array(group_keys, dtype=object)
        return [
            (key, GroupSpec(units=np.asarray(keys == key, dtype=bool), shared=True))
            for key in dict.fromkeys(group_keys)
        ]
    if by == "time":
        return [
            (name, GroupSpec(third=third, shared=True))
            for third, name in ((0, "first third"), (2, "last third"))
        ]
    return []


def _by_code(
    tables: StudyTables, bootstrap: int, seed: int | None, ci_level: float
) -> list[GroupAgreement]:
    """Each code present/absent, with its own bootstrap over units."""
    groups = []
    resamples = bootstrap or CODE_RESAMPLES
    for code in tables.code_ids:
        d = tables.present_absent(code)
        if tables.main_only:  # alpha alone, as agreement_report computes and bootstraps it
            options = {"bootstrap": resamples, "seed": seed, "ci_level": ci_level,
                       "bootstrap_method": "units"}
            alpha = main_alpha(d, options)
            names = [alpha.name] if alpha.defined else []
            boots = unit_bootstrap(d, names, resamples, seed=seed, ci_level=ci_level)
            rep = report_of(d, with_intervals([alpha], boots))
        else:
            rep = agreement_report(d, bootstrap=resamples, seed=seed, ci_level=ci_level)
        few = tables.too_few_uses(code)
        groups.append(
            GroupAgreement(code, _without_intervals(rep) if few else rep, tables.uses(code), few)
        )
    return groups


def _without_intervals(report: AgreementReport) -> AgreementReport:
    """A code under the :data:`MIN_USES` rule: the values stay, the intervals go."""

    def bare(c: Coefficient) -> Coefficient:
        if not c.defined:
            return c
        return replace(c, bootstrap=None).with_method(None, TOO_FEW_USES_NOTE)

    return replace(report, coefficients=tuple(bare(c) for c in report.coefficients))
