"""The agreement table of the report, computed with :mod:`tut.agreement`.

The report needs a few fixed slices (whole frame, each code, each variant, each probe, each
coder pair, intra-coder recode), each as Krippendorff's alpha with an interval and the
Krippendorff (2004) verdict, so this module only arranges the agreement stage's functions.
Units a coder did not code are missing, never a category; units coded by one coder only are
left out of the pairable values (and counted).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

from tut.agreement.coefficients import Coefficient, krippendorff_alpha
from tut.agreement.data import ReliabilityDataError
from tut.agreement.multicode import per_code_agreement, set_data
from tut.agreement.verdicts import RELIABLE, TENTATIVE, alpha_verdict
from tut.coding.model import Segment
from tut.protocols.model import CodingFrame
from tut.report.model import AgreementSummary, AlphaRow

Codings = Mapping[str, Mapping[str, tuple[str, ...]]]


def _row(scope: str, key: str, coef: Coefficient, n_units: int, n_pairable: int) -> AlphaRow:
    if not coef.defined or coef.value is None:
        return AlphaRow(scope, key, None, None, "undefined", n_units, n_pairable, note=coef.reason)
    boot = coef.bootstrap
    label = alpha_verdict(coef.value, coef.ci).label
    return AlphaRow(
        scope=scope,
        key=key,
        value=coef.value,
        ci=coef.ci,
        verdict=label,  # type: ignore[arg-type]
        n_units=n_units,
        n_pairable=n_pairable,
        p_below_tentative=boot.probability_below(TENTATIVE) if boot else None,
        p_below_reliable=boot.probability_below(RELIABLE) if boot else None,
        note=coef.ci_method,
    )


def _undefined(scope: str, key: str, reason: str) -> AlphaRow:
    return AlphaRow(scope, key, None, None, "undefined", 0, 0, note=reason)


def _table(
    coders: Sequence[str], unit_ids: Sequence[str], codings: Codings
) -> list[list[tuple[str, ...] | None]]:
    return [[codings[c].get(u) or None for u in unit_ids] for c in coders]


def set_alpha_row(
    scope: str,
    key: str,
    coders: Sequence[str],
    unit_ids: Sequence[str],
    codings: Codings,
    bootstrap: int,
    seed: int | None,
) -> AlphaRow:
    """Alpha with the MASI distance on the sets of codes of these units."""
    try:
        data = set_data(_table(coders, unit_ids, codings), "masi", coders=coders, units=unit_ids)
    except ReliabilityDataError as exc:
        return _undefined(scope, key, str(exc))
    coef = krippendorff_alpha(data, bootstrap=bootstrap, seed=seed)
    return _row(scope, key, coef, data.n_units, data.n_pairable)


def summarise_agreement(
    segments: Sequence[Segment],
    codings: Codings,
    frame: CodingFrame,
    *,
    recode: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
    bootstrap: int = 1000,
    seed: int | None = 1,
) -> AgreementSummary:
    """Overall, per-code, per-variant, per-probe, per-pair and intra-coder alpha.

    ``recode`` maps a coder to their round-2 (blind recode) codes; each is compared with the
    same coder's round-1 codes on the recoded segments.
    """
    coders = tuple(c for c in codings if codings[c])
    ids = [s.id for s in segments]
    if len(coders) < 2:
        row = _undefined("overall", "frame", "agreement needs at least two coders")
        return AgreementSummary(coders, row)
    overall = set_alpha_row("overall", frame.id, coders, ids, codings, bootstrap, seed)
    table = _table(coders, ids, codings)
    single = sum(
        1 for j in range(len(ids)) if sum(1 for row in table if row[j] is not None) == 1
    )

    used = {c for cd in codings.values() for codes in cd.values() for c in codes}
    order = [c.id for c in frame.codes if c.id in used]
    by_code: list[AlphaRow] = []
    try:
        reports = per_code_agreement(
            table, order, coders=coders, units=ids, bootstrap=bootstrap, seed=seed
        )
    except ReliabilityDataError as exc:
        reports = {}
        by_code = [_undefined("code", c, str(exc)) for c in order]
    for code, rep in reports.items():
        by_code.append(_row("code", code, rep["krippendorff_alpha"], rep.n_units, rep.n_pairable))

    def by(attr: str, scope: str) -> tuple[AlphaRow, ...]:
        keys = list(dict.fromkeys(getattr(s, attr) for s in segments))
        return tuple(
            set_alpha_row(
                scope, k, coders, [s.id for s in segments if getattr(s, attr) == k], codings,
                bootstrap, seed,
            )
            for k in keys
        )

    pairs = tuple(
        set_alpha_row("coder-pair", f"{a}+{b}", (a, b), ids, codings, bootstrap, seed)
        for a, b in combinations(coders, 2)
    )
    intra: list[AlphaRow] = []
    for coder, second in (recode or {}).items():
        first = codings.get(coder, {})
        units = [u for u in ids if u in second and u in first]
        if not units:
            continue
        both = {f"{coder} (round 1)": first, f"{coder} (round 2)": second}
        intra.append(
            set_alpha_row("intra-coder", coder, tuple(both), units, both, bootstrap, seed)
        )
    method = (
        "Krippendorff's alpha; sets of codes compared with the MASI distance (Passonneau 2006), "
        "each code also as present/absent; "
        + (
            f"bootstrap intervals, {bootstrap} resamples (Hayes and Krippendorff 2007)"
            if bootstrap
            else "intervals by Gwet's linearisation"
        )
    )
    return AgreementSummary(
        coders=coders,
        overall=overall,
        by_code=tuple(by_code),
        by_variant=by("variant_id", "variant"),
        by_probe=by("probe_id", "probe"),
        by_pair=pairs,
        intra=tuple(intra),
        method=method,
        bootstrap=bootstrap,
        seed=seed,
        single_coded_units=single,
    )
