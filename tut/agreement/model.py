"""The agreement engine's results: a coefficient (or why the data cannot define it), its
bootstrap, and the notes they carry.

A reason, an interval method or a name is a :class:`Note`: a catalogue key (``agreement.*``
of :mod:`tut.messages`, which imports nothing else of tut) and its parameters, worded only
when shown, so the English of the JSON output and every other language come from one
template and cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from tut.messages import Message, render

CI_LEVEL = 0.95

NAMES: dict[str, str] = {
    name: render(Message(f"agreement.coefficient-{name}"))
    for name in (
        "krippendorff_alpha",
        "cohen_kappa",
        "cohen_kappa_linear",
        "cohen_kappa_quadratic",
        "fleiss_kappa",
        "conger_kappa",
        "gwet_ac1",
        "gwet_ac2",
        "brennan_prediger",
        "scott_pi",
        "percent_agreement",
    )
}
"""Machine name -> English name (the catalogue's ``agreement.coefficient-<name>``)."""


@dataclass(frozen=True)
class Note:
    """What the agreement stage says: a catalogue key and its parameters, worded in the
    reader's language only when shown (:meth:`text`). Without a key it holds words a caller
    gave (an error's text, a label), shown as written in every language; ``Note()`` says
    nothing and is false."""

    key: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    written: str = ""

    @classmethod
    def as_written(cls, words: str) -> Note:
        return cls(written=words)

    def text(self, lang: str = "en") -> str:
        """The note in ``lang`` (English by default: the JSON output's words)."""
        message = self.message()
        return render(message, lang) if message is not None else self.written

    def message(self) -> Message | None:
        """The catalogue message (None for words shown as written)."""
        return Message(self.key, self.params) if self.key else None

    def __bool__(self) -> bool:
        return bool(self.key or self.written)

    def __hash__(self) -> int:
        return hash((self.key, self.written, tuple(sorted(self.params))))


def coefficient_label(name: str) -> Note:
    """The name for people of a coefficient of :data:`NAMES` (its machine name otherwise)."""
    return Note(f"agreement.coefficient-{name}") if name in NAMES else Note.as_written(name)


WEIGHTED_KAPPA_TEXT = Note("agreement.weighted-kappa-text")
WEIGHTED_KAPPA_NOMINAL = Note("agreement.weighted-kappa-nominal")


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
        """How the interval was made, for the line under a table (English)."""
        return self.note().text()

    def note(self) -> Note:
        """How the interval was made, as a catalogue note."""
        kind = "shared" if self.shared else self.method
        return Note(f"agreement.ci-bootstrap-{kind}", {"resamples": self.resamples, "seed": self.seed})

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
    reason_note: Note = Note()
    """Why the coefficient is undefined, or a note on how it was computed."""
    label_note: Note = Note()
    """Name for people (``Krippendorff's alpha (ordinal)``); by default the name of
    :data:`NAMES` (see :attr:`label`)."""
    method_note: Note = Note()
    """How ``ci`` was made: Gwet's linearisation with its t, or the bootstrap's note."""
    bootstrap: Bootstrap | None = None
    se_table: float | None = None
    """Cohen's kappa only: the contingency-table ASE that SPSS and SAS print."""

    @classmethod
    def undefined(cls, name: str, reason: str | Note, label: Note | None = None) -> Coefficient:
        why = reason if isinstance(reason, Note) else Note.as_written(reason)
        return cls(name, None, defined=False, reason_note=why,
                   label_note=label or coefficient_label(name))

    def with_reason(self, reason: Note) -> Coefficient:
        return replace(self, reason_note=reason)

    def with_method(self, ci: tuple[float, float] | None, method: Note) -> Coefficient:
        return replace(self, ci=ci, method_note=method)

    def with_bootstrap(self, boot: Bootstrap) -> Coefficient:
        """The coefficient with ``boot``'s interval, named as the bootstrap's."""
        return replace(self, bootstrap=boot).with_method(boot.ci, boot.note())

    @property
    def reason(self) -> str:
        """:attr:`reason_note` in English ('' without one)."""
        return self.reason_note.text()

    @property
    def label(self) -> str:
        """:attr:`label_note` in English ('' without one)."""
        return self.label_note.text()

    @property
    def ci_method(self) -> str:
        """:attr:`method_note` in English ('' without one)."""
        return self.method_note.text()

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
