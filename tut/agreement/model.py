"""The agreement engine's results: a coefficient (or why the data cannot define it), its
bootstrap, and the notes they carry.

A reason or an interval method is an English sentence (the JSON output, irrCAC-style users)
with a catalogue key and parameters beside it (:class:`Note`): this package imports nothing
else of tut, and whoever shows a note renders its key (``agreement.*`` in
:mod:`tut.messages`) in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

CI_LEVEL = 0.95

NAMES: dict[str, str] = {
    "krippendorff_alpha": "Krippendorff's alpha",
    "cohen_kappa": "Cohen's kappa",
    "cohen_kappa_linear": "Cohen's kappa, linear weights",
    "cohen_kappa_quadratic": "Cohen's kappa, quadratic weights",
    "fleiss_kappa": "Fleiss' kappa",
    "conger_kappa": "Conger's kappa",
    "gwet_ac1": "Gwet's AC1",
    "gwet_ac2": "Gwet's AC2",
    "brennan_prediger": "Brennan-Prediger",
    "scott_pi": "Scott's pi",
    "percent_agreement": "Percent agreement",
}


@dataclass(frozen=True)
class Note:
    """An English sentence with the catalogue key and parameters that say it in any language
    (key ``agreement.<name>`` of :mod:`tut.messages`; '' when it has none)."""

    text: str
    key: str = ""
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __bool__(self) -> bool:
        return bool(self.text)


WEIGHTED_KAPPA_TEXT = Note(
    "weighted kappa needs ordered categories; text categories have no order",
    "agreement.weighted-kappa-text",
)
WEIGHTED_KAPPA_NOMINAL = Note(
    "weighted kappa needs ordered categories; the level is nominal",
    "agreement.weighted-kappa-nominal",
)


@dataclass(frozen=True)
class Bootstrap:
    """Bootstrap distribution of one coefficient: over units (:mod:`.unit_bootstrap`, the
    default) or, for alpha only, over pairs of values (:mod:`.bootstrap`, Hayes and
    Krippendorff 2007)."""

    resamples: int
    seed: int | None
    pairs_per_resample: int
    """What one resample draws: pairs of values (``pairs``) or units (``units``)."""
    ci: tuple[float, float]
    p_below: tuple[tuple[float, float], ...]
    """(threshold, share of resampled values below it), for 0.667 and 0.800 (alpha)."""
    alphas: npt.NDArray[np.float64] = field(repr=False, compare=False)
    """The resampled values, sorted (resamples where the coefficient is undefined left out)."""
    method: Literal["units", "pairs"] = "pairs"
    undefined: int = 0
    """Resamples where the coefficient was undefined (0/0), left out of the interval."""
    shared: bool = False
    """Units only: a group's resamples are one set of draws of the whole study's units,
    restricted to the group (:mod:`.shared_bootstrap`), so the group's size varies."""

    def probability_below(self, threshold: float) -> float:
        for t, p in self.p_below:
            if abs(t - threshold) < 1e-9:
                return p
        return float(np.mean(self.alphas < threshold))

    @property
    def se(self) -> float | None:
        """Standard deviation of the resampled values."""
        return float(np.std(self.alphas, ddof=1)) if self.alphas.size > 1 else None

    def describe(self) -> str:
        """How the interval was made, for the line under a table."""
        what = (
            "units" if self.method == "units" else "pairs of values (Hayes and Krippendorff 2007)"
        )
        if self.shared:
            return (
                f"bootstrap over the study's units, one set of {self.resamples} resamples for "
                f"every group (group sizes vary), seed {self.seed}"
            )
        return f"bootstrap over {what}, {self.resamples} resamples, seed {self.seed}"

    def note(self) -> Note:
        """:meth:`describe` with its catalogue key and parameters."""
        kind = "shared" if self.shared else self.method
        params = {"resamples": self.resamples, "seed": self.seed}
        return Note(self.describe(), f"agreement.ci-bootstrap-{kind}", params)

    def to_json(self) -> dict[str, Any]:
        per = "units_per_resample" if self.method == "units" else "pairs_per_resample"
        shared = {"shared_across_groups": True} if self.shared else {}
        return shared | {
            "method": self.method,
            "resamples": self.resamples,
            "seed": self.seed,
            per: self.pairs_per_resample,
            "ci": list(self.ci),
            "se": self.se,
            "undefined_resamples": self.undefined,
            "p_below": {f"{t:.3f}": p for t, p in self.p_below},
        }


AlphaBootstrap = Bootstrap
"""Former name (alpha had the only bootstrap)."""


@dataclass(frozen=True)
class Coefficient:
    """One agreement coefficient, or why the data cannot define it."""

    name: str
    """Machine name, as in the JSON output (``krippendorff_alpha``, ``cohen_kappa`` ...)."""
    value: float | None
    se: float | None = None
    """Linearised standard error (Gwet 2014), whatever the interval's method."""
    ci: tuple[float, float] | None = None
    defined: bool = True
    reason: str = ""
    """Why the coefficient is undefined, or a note on how it was computed."""
    label: str = ""
    """Name for people (``Krippendorff's alpha (ordinal)``)."""
    ci_method: str = ""
    """How ``ci`` was made: ``Gwet linearisation, t(10)`` or ``bootstrap over units, ...``."""
    bootstrap: Bootstrap | None = None
    se_table: float | None = None
    """Cohen's kappa only: the contingency-table ASE that SPSS and SAS print."""
    reason_key: str = ""
    """Catalogue key of ``reason`` ('' when it has none); see :meth:`reason_note`."""
    reason_params: Mapping[str, Any] = field(default_factory=dict, compare=False)
    ci_method_key: str = ""
    """Catalogue key of ``ci_method`` when no bootstrap made it; see :meth:`method_note`."""
    ci_method_params: Mapping[str, Any] = field(default_factory=dict, compare=False)
    label_key: str = ""
    """Catalogue key of ``label`` when it is not one of :data:`NAMES`; see :meth:`label_note`."""
    label_params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def undefined(cls, name: str, reason: str | Note, label: str = "") -> Coefficient:
        why = reason if isinstance(reason, Note) else Note(reason)
        return cls(
            name,
            None,
            defined=False,
            reason=why.text,
            label=label or NAMES.get(name, name),
            reason_key=why.key,
            reason_params=dict(why.params),
        )

    def with_reason(self, reason: Note) -> Coefficient:
        return replace(
            self, reason=reason.text, reason_key=reason.key, reason_params=dict(reason.params)
        )

    def with_method(self, ci: tuple[float, float] | None, method: Note) -> Coefficient:
        return replace(
            self,
            ci=ci,
            ci_method=method.text,
            ci_method_key=method.key,
            ci_method_params=dict(method.params),
        )

    def with_label(self, label: Note) -> Coefficient:
        return replace(
            self, label=label.text, label_key=label.key, label_params=dict(label.params)
        )

    def label_note(self) -> Note:
        """``label`` with its catalogue key (``agreement.coefficient-<name>`` for the names
        of :data:`NAMES`) and parameters; none for a label a caller gave."""
        if self.label_key:
            return Note(self.label, self.label_key, self.label_params)
        for name, label in NAMES.items():
            if self.label == label:
                return Note(label, f"agreement.coefficient-{name}")
        return Note(self.label)

    def reason_note(self) -> Note:
        """``reason`` with its catalogue key and parameters."""
        return Note(self.reason, self.reason_key, self.reason_params)

    def method_note(self) -> Note:
        """``ci_method`` with its catalogue key and parameters, as :meth:`with_method` set
        them; the bootstrap's when one made the interval (also when a caller attached it with
        ``dataclasses.replace``); none when a caller changed the text beside a bootstrap."""
        if self.bootstrap is not None:
            same = self.ci_method == self.bootstrap.describe()
            return self.bootstrap.note() if same else Note(self.ci_method)
        return Note(self.ci_method, self.ci_method_key, self.ci_method_params)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "ci": list(self.ci) if self.ci else None}
        if self.ci is not None:
            out["ci_method"] = self.ci_method
        if self.se is not None:
            out["se"] = self.se
        if self.se_table is not None:
            out["se_table"] = self.se_table
        if not self.defined:
            out["undefined"] = self.reason
        if self.bootstrap is not None:
            out["bootstrap"] = self.bootstrap.to_json()
        return out
