"""Every coefficient for one reliability table, with one interval each and its method.

The interval of every coefficient comes from one method, named with it (``ci_method``):
Gwet's linearisation by default, or a bootstrap over units (``bootstrap`` resamples, the
seed reported) for every coefficient at once. The pair bootstrap of Hayes and Krippendorff
(2007) is available for alpha only (``bootstrap_method="pairs"``); the other coefficients
then keep their linearised interval, and a warning says when units have more than two
coders (the pairs of a unit are not independent: that interval is too narrow).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy.typing as npt

from tut.agreement.alpha import BootstrapMethod, krippendorff_alpha
from tut.agreement.coefficients import (
    CI_LEVEL,
    WEIGHTED_KAPPA_NOMINAL,
    Coefficient,
    Note,
    as_data,
    brennan_prediger,
    cohen_kappa,
    conger_kappa,
    fleiss_kappa,
    gwet_ac1,
    percent_agreement,
    scott_pi,
)
from tut.agreement.data import ReliabilityData, reliability_data
from tut.agreement.unit_bootstrap import unit_bootstrap
from tut.agreement.verdicts import verdict

MAX_KAPPA_CATEGORIES = 1000
"""Above this many distinct values (minutes, scores) the kappa family, which treats each
value as a category, is not computed: only alpha's distances make sense there."""

PAIRS_NOTE = Note("agreement.pairs-bootstrap-narrow")
"""Units have more than two coders: the pair bootstrap's interval is too narrow."""
PAIRS_WARNING = PAIRS_NOTE.text()
"""PAIRS_NOTE in English."""


@dataclass(frozen=True)
class AgreementReport:
    """Every coefficient for one reliability table, with the counts a reader needs."""

    coefficients: tuple[Coefficient, ...]
    n_units: int
    """Units at least one coder coded."""
    n_coders: int
    """Coders who coded at least one unit."""
    n_pairable: int
    """Values on units that two or more coders coded (what alpha pairs)."""
    level: str
    coders: tuple[str, ...] = ()
    single_coded_units: tuple[str, ...] = ()
    """Units only one coder coded: left out of every coefficient."""
    dropped_units: int = 0
    dropped_coders: tuple[str, ...] = ()
    n_pairable_units: int = 0
    """Units two or more coders coded: the units every coefficient is computed on."""
    warning_notes: tuple[Note, ...] = ()
    """What the reader should know about the whole table (a note without a key: as written)."""

    def __getitem__(self, name: str) -> Coefficient:
        for c in self.coefficients:
            if c.name == name:
                return c
        raise KeyError(name)

    def get(self, name: str) -> Coefficient | None:
        try:
            return self[name]
        except KeyError:
            return None

    @property
    def warnings(self) -> tuple[str, ...]:
        """:attr:`warning_notes` in English."""
        return tuple(n.text() for n in self.warning_notes)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.coefficients)

    @property
    def methods(self) -> tuple[str, ...]:
        """The distinct interval methods of the defined coefficients, in order."""
        return tuple(dict.fromkeys(c.ci_method for c in self.coefficients if c.ci_method))

    def to_json(self) -> dict[str, Any]:
        """The coefficient objects by name, then the counts.

        Each defined coefficient also carries its ``verdict`` (label, source, what the interval
        adds), so machine output says as much as the table.
        """
        out: dict[str, Any] = {}
        for c in self.coefficients:
            obj = c.to_json()
            if c.defined and c.value is not None:
                v = verdict(c)
                obj["verdict"] = {"label": v.label, "source": v.source, "note": v.note.text()}
            out[c.name] = obj
        out["n_units"] = self.n_units
        out["n_coders"] = self.n_coders
        out["n_pairable"] = self.n_pairable
        out["n_pairable_units"] = self.n_pairable_units
        out["n_single_coded_units"] = len(self.single_coded_units)
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


def agreement_report(
    data: ReliabilityData | npt.ArrayLike,
    level: str | None = None,
    *,
    categories: Sequence[Any] | None = None,
    coders: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    ci_level: float = CI_LEVEL,
    bootstrap_method: BootstrapMethod = "units",
    all_units: bool = False,
) -> AgreementReport:
    """Every coefficient on one (M coders, N units) table, validated once.

    Cohen's kappa (plain, linear, quadratic) is included for exactly two coders only.
    ``all_units=True`` computes the kappa family as irrCAC does (prevalence and variance
    over units coded once too); no bootstrap then applies to it.
    """
    d = (
        as_data(data, level)
        if isinstance(data, ReliabilityData)
        else reliability_data(
            data, level or "nominal", categories=categories, coders=coders, units=units
        )
    )
    pairs = bootstrap_method == "pairs"
    alpha = krippendorff_alpha(
        d,
        ci_level=ci_level,
        bootstrap=bootstrap if pairs else 0,
        seed=seed,
        bootstrap_method=bootstrap_method,
    )
    coefs = [alpha, *_kappa_family(d, ci_level, all_units)]
    warnings: tuple[Note, ...] = ()
    if bootstrap and not pairs:
        coefs = _bootstrapped(d, coefs, bootstrap, seed, ci_level, all_units)
    if bootstrap and pairs and int(d.values_per_unit.max(initial=0)) > 2:
        warnings = (PAIRS_NOTE,)
    return report_of(d, coefs, warnings)


def _kappa_family(d: ReliabilityData, ci_level: float, all_units: bool) -> list[Coefficient]:
    names = ["fleiss_kappa", "conger_kappa", "gwet_ac1", "brennan_prediger", "scott_pi"]
    names.append("percent_agreement")
    if d.n_coders == 2:
        names[:0] = ["cohen_kappa", "cohen_kappa_linear", "cohen_kappa_quadratic"]
    if d.n_categories > MAX_KAPPA_CATEGORIES:
        why = Note("agreement.too-many-values", {"values": d.n_categories})
        return [Coefficient.undefined(n, why) for n in names]
    kw: dict[str, Any] = {"ci_level": ci_level, "all_units": all_units}
    out: list[Coefficient] = []
    if d.n_coders == 2:
        out.append(cohen_kappa(d, **kw))
        for w in ("linear", "quadratic"):
            if d.level == "nominal":
                out.append(Coefficient.undefined(f"cohen_kappa_{w}", WEIGHTED_KAPPA_NOMINAL))
            else:
                out.append(cohen_kappa(d, w, **kw))  # type: ignore[arg-type]
    out += [
        fleiss_kappa(d, **kw),
        conger_kappa(d, **kw),
        gwet_ac1(d, **kw),
        brennan_prediger(d, **kw),
        scott_pi(d, **kw),
        percent_agreement(d, **kw),
    ]
    return out


def _bootstrapped(
    d: ReliabilityData,
    coefs: Sequence[Coefficient],
    resamples: int,
    seed: int | None,
    ci_level: float,
    all_units: bool,
) -> list[Coefficient]:
    """The coefficients with the intervals of one bootstrap over units (shared resamples)."""
    names = [
        c.name
        for c in coefs
        if c.defined and (c.name.startswith("krippendorff_alpha") or not all_units)
    ]
    boots = unit_bootstrap(d, names, resamples, seed=seed, ci_level=ci_level)
    out = []
    for c in coefs:
        b = boots.get(c.name)
        out.append(c.with_bootstrap(b) if b else c)
    return out


def report_of(
    d: ReliabilityData, coefs: Sequence[Coefficient], warnings: Sequence[str | Note] = ()
) -> AgreementReport:
    notes = tuple(w if isinstance(w, Note) else Note.as_written(w) for w in warnings)
    return AgreementReport(
        coefficients=tuple(coefs),
        n_units=d.n_units,
        n_coders=d.n_coders,
        n_pairable=d.n_pairable,
        level=d.level,
        coders=d.coders,
        single_coded_units=d.single_coded_units,
        dropped_units=d.dropped_units,
        dropped_coders=d.dropped_coders,
        n_pairable_units=int(d.pairable.sum()),
        warning_notes=notes,
    )
