"""The agreement table of the report, computed by the agreement stage.

The report shows fixed slices (whole frame, each code, variant, probe, coder pair, first
vs last third of the coders' work, and the blind recode), each as Krippendorff's alpha with
its interval and the Krippendorff (2004) verdict. The numbers come from
:func:`tut.agreement.study_agreement` with the report's ``--bootstrap N --seed S``, so they
equal ``tut agreement STUDY --by ... --bootstrap N --seed S`` (intervals from the bootstrap
over units; ``--bootstrap 0``: Gwet's linearisation, per code still the unit bootstrap).
Units a coder did not code are missing, never a category; units coded by one coder only
are left out (and counted). A code on too few segments gets "too few uses", no interval.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tut.agreement import AgreementReport, ReliabilityDataError
from tut.agreement.coefficients import Coefficient, Note
from tut.agreement.verdicts import RELIABLE, TENTATIVE, alpha_verdict
from tut.coding.agreement import (
    By,
    StudyAgreement,
    StudyTables,
    study_agreement,
    study_breakdowns,
)
from tut.coding.agreement_tables import error_note
from tut.coding.model import Segment, SegmentCoding
from tut.coding.store import gc_paused
from tut.protocols.model import CodingFrame
from tut.report.model import AgreementSummary, AlphaRow

Codings = Mapping[str, Mapping[str, tuple[str, ...]]]
EVERY_BREAKDOWN: tuple[By, ...] = ("code", "variant", "probe", "coder-pair", "time")
SCOPES = {
    "variant": "variant",
    "probe": "probe",
    "coder-pair": "coder-pair",
    "code": "code",
    "time": "time",
}


def _main(report: AgreementReport, mode: str) -> Coefficient:
    name = "krippendorff_alpha" if mode == "exclusive" else "krippendorff_alpha_masi"
    return report.get(name) or report["krippendorff_alpha"]


def alpha_row(
    scope: str,
    key: str,
    coef: Coefficient,
    n_units: int,
    n_pairable: int,
    too_few_uses: bool = False,
) -> AlphaRow:
    """One row of the table from an agreement coefficient."""
    if not coef.defined or coef.value is None:
        return AlphaRow(
            scope, key, None, None, "undefined", n_units, n_pairable, said=coef.reason_note
        )
    boot = coef.bootstrap
    return AlphaRow(
        scope=scope,
        key=key,
        value=coef.value,
        ci=coef.ci,
        verdict=alpha_verdict(coef.value, coef.ci).label,  # type: ignore[arg-type]
        n_units=n_units,
        n_pairable=n_pairable,
        p_below_tentative=boot.probability_below(TENTATIVE) if boot else None,
        p_below_reliable=boot.probability_below(RELIABLE) if boot else None,
        said=coef.method_note,
        too_few_uses=too_few_uses,
    )


def _undefined(scope: str, key: str, reason: str | Note) -> AlphaRow:
    why = reason if isinstance(reason, Note) else Note.as_written(reason)
    return AlphaRow(scope, key, None, None, "undefined", 0, 0, said=why)


TWO_CODERS = Note("agreement.needs-two-coders")


@gc_paused()
def as_codings(codes: Codings) -> dict[str, dict[str, SegmentCoding]]:
    return {
        coder: {sid: SegmentCoding(sid, tuple(c)) for sid, c in per.items() if c}
        for coder, per in codes.items()
    }


def _breakdowns(
    segments: Sequence[Segment],
    frame: CodingFrame,
    coded: Mapping[str, Mapping[str, SegmentCoding]],
    bootstrap: int,
    seed: int | None,
    tables: StudyTables,
) -> dict[str, StudyAgreement | ReliabilityDataError]:
    """Every breakdown (by code first: its overall is the report's), all at once: one
    overall, the groups in one pass over the shared draws. When one breakdown cannot be
    computed, each is computed alone, so the others still are (the overall's error is
    raised)."""
    try:
        return dict(
            study_breakdowns(
                segments, frame, coded, EVERY_BREAKDOWN, bootstrap=bootstrap, seed=seed,
                tables=tables, main_only=True,  # the report shows the headline alpha only
            )
        )
    except ReliabilityDataError:
        pass
    out: dict[str, StudyAgreement | ReliabilityDataError] = {
        "code": study_agreement(
            segments, frame, coded, "code", bootstrap=bootstrap, seed=seed, tables=tables
        )
    }
    for by in EVERY_BREAKDOWN[1:]:
        try:
            out[by] = study_agreement(
                segments, frame, coded, by,
                bootstrap=bootstrap, seed=seed, overall_bootstrap=False, tables=tables,
            )
        except ReliabilityDataError as exc:
            out[by] = exc
    return out


def summarise_agreement(
    segments: Sequence[Segment],
    codings: Codings,
    frame: CodingFrame,
    *,
    recode: Codings | None = None,
    saved: Mapping[str, Mapping[str, SegmentCoding]] | None = None,
    bootstrap: int = 1000,
    seed: int | None = 1,
) -> AgreementSummary:
    """Overall alpha and its breakdowns, plus intra-coder alpha for blind recodes.

    ``recode`` maps a coder to their round-2 codes; each is compared with the same coder's
    round-1 codes on the recoded segments.

    ``saved``: the round-1 codings as the store replays them (``StudyData.codings(1)``, whose
    codes ``codings`` holds), with their save times: the first and last third of each coder's
    work then follow those times, as ``tut agreement --by time`` does. Without them a coder's
    work is taken in the segments' order.
    """
    coders = tuple(c for c, per in codings.items() if any(per.values()))
    if len(coders) < 2:
        row = _undefined("overall", frame.id, TWO_CODERS)
        return AgreementSummary(coders, row)
    ids = [s.id for s in segments]
    try:  # one grid for every breakdown (from the codes alone: no SegmentCoding per code)
        if saved is not None:
            tables = StudyTables(ids, frame, {c: saved.get(c, {}) for c in codings})
        else:
            coded = {c: {sid: tuple(x) for sid, x in per.items() if x} for c, per in codings.items()}
            tables = StudyTables.of_codes(ids, frame, coded)
        parts = _breakdowns(segments, frame, tables.codings, bootstrap, seed, tables)
    except ReliabilityDataError as exc:
        return AgreementSummary(coders, _undefined("overall", frame.id, error_note(exc)))
    whole = parts["code"]
    assert isinstance(whole, StudyAgreement)
    mode = whole.mode
    ov = whole.overall
    overall = alpha_row("overall", frame.id, _main(ov, mode), ov.n_units, ov.n_pairable)
    rows: dict[str, list[AlphaRow]] = {"code": []}
    for g in whole.groups:
        rep = g.report
        coef = rep["krippendorff_alpha"]
        rows["code"].append(
            alpha_row("code", g.group, coef, rep.n_units, rep.n_pairable, g.too_few_uses)
        )
    for by in ("variant", "probe", "coder-pair", "time"):
        part = parts[by]
        if isinstance(part, ReliabilityDataError):
            rows[by] = [_undefined(by, "", error_note(part))]
            continue
        rows[by] = [
            alpha_row(by, g.group, _main(g.report, mode), g.report.n_units, g.report.n_pairable)
            for g in part.groups
        ]
    intra: list[AlphaRow] = []
    for coder, second in (recode or {}).items():
        first = codings.get(coder, {})
        units = [s for s in segments if s.id in second and s.id in first and second[s.id]]
        if not units:
            continue
        rounds = as_codings({f"{coder} (round 1)": first, f"{coder} (round 2)": second})
        try:
            rep = study_agreement(units, frame, rounds, bootstrap=bootstrap, seed=seed).overall
        except ReliabilityDataError as exc:
            intra.append(_undefined("intra-coder", coder, error_note(exc)))
            continue
        intra.append(alpha_row("intra-coder", coder, _main(rep, mode), rep.n_units, rep.n_pairable))
    distance = (
        ""
        if mode == "exclusive"
        else (
            "sets of codes compared with the MASI distance (Passonneau 2006), each code also as "
            "present/absent; "
        )
    )
    interval = (
        f"intervals from a bootstrap over units, {bootstrap} resamples, seed {seed} (variants, "
        "probes, coder pairs and thirds: one set of resamples of the study's units for every "
        "group, so a group's size varies)"
        if bootstrap
        else "intervals by Gwet's linearisation (per code: bootstrap over units)"
    )
    return AgreementSummary(
        coders=coders,
        overall=overall,
        by_code=tuple(rows["code"]),
        by_variant=tuple(rows["variant"]),
        by_probe=tuple(rows["probe"]),
        by_pair=tuple(rows["coder-pair"]),
        by_time=tuple(rows["time"]),
        intra=tuple(intra),
        method=f"Krippendorff's alpha; {distance}{interval}",
        bootstrap=bootstrap,
        seed=seed,
        single_coded_units=len(ov.single_coded_units),
        sets=mode != "exclusive",
    )
