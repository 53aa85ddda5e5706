"""What a coefficient means, with the source of the benchmark and always with its interval.

- Krippendorff's alpha: Krippendorff (2004, *Content Analysis*, 2nd ed., p. 241): rely on
  variables with alpha >= 0.800; alpha >= 0.667 only for tentative conclusions; below, do not.
- Kappa-type coefficients (Cohen, Fleiss, Conger, Scott, Gwet, Brennan-Prediger): Landis
  and Koch (1977, *Biometrics* 33: 159-174) labels.
- Percent agreement is not chance-corrected: no benchmark applies.

The label follows the point value; the note says where the interval lies, because a
tentative alpha whose interval reaches below 0.667 is weaker evidence than its value says.
"""

from __future__ import annotations

from dataclasses import dataclass

from tut.agreement.coefficients import Coefficient
from tut.agreement.model import Note
from tut.messages import Message

KRIPPENDORFF_2004 = "Krippendorff 2004"
LANDIS_KOCH_1977 = "Landis & Koch 1977"

RELIABLE = 0.800
TENTATIVE = 0.667

LANDIS_KOCH: tuple[tuple[float, str], ...] = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.00, "almost perfect"),
)
"""Upper bound (inclusive) of each Landis and Koch band from 0; below 0 is 'poor'."""


@dataclass(frozen=True)
class Verdict:
    """A benchmark label for one coefficient, its source, and what the interval adds."""

    label: str
    """The label's id, in English (``reliable``, ``almost perfect``): see :func:`label_message`."""
    source: str
    note: Note = Note()
    """What the interval adds (or why the coefficient is undefined); a band's labels are
    :func:`label_message` parameters, so each language names them."""

    def __str__(self) -> str:
        text = f"{self.label} ({self.source})" if self.source else self.label
        return f"{text}; {self.note.text()}" if self.note else text


def label_message(label: str) -> Message:
    """A verdict label (``reliable``, ``almost perfect``, ``undefined`` ...) as the catalogue
    says it: ``agreement.verdict-<label>``, the one set the CLI, the TUI and the report use."""
    return Message("agreement.verdict-" + label.replace(" ", "-"))


def verdict(coef: Coefficient) -> Verdict:
    """The benchmark verdict for a coefficient (see module docstring)."""
    if not coef.defined or coef.value is None:
        return Verdict("undefined", "", coef.reason_note)
    if coef.name.startswith("krippendorff_alpha"):
        return alpha_verdict(coef.value, coef.ci)
    if coef.name == "percent_agreement":
        return Verdict("no benchmark", "", Note("agreement.not-chance-corrected"))
    return kappa_verdict(coef.value, coef.ci)


def _settled(value: float) -> float:
    """The value as the benchmarks should see it: the same data summed in another order
    gives 0.40000000000000024 for 0.4, which must not move it into the next band."""
    return round(value, 10)


def alpha_verdict(value: float, ci: tuple[float, float] | None = None) -> Verdict:
    """Krippendorff's (2004) thresholds, 0.800 reliable and 0.667 tentative."""
    value = _settled(value)
    if value >= RELIABLE:
        label = "reliable"
    elif value >= TENTATIVE:
        label = "tentative"
    else:
        label = "unreliable"
    return Verdict(label, KRIPPENDORFF_2004, _interval_note(ci, (TENTATIVE, RELIABLE)))


def kappa_verdict(value: float, ci: tuple[float, float] | None = None) -> Verdict:
    """Landis and Koch (1977) strength-of-agreement label."""
    label = landis_koch_label(value)
    said = Note()
    if ci is not None:
        lo, hi = landis_koch_label(ci[0]), landis_koch_label(ci[1])
        if lo != hi:
            said = Note("agreement.interval-bands",
                        {"low": label_message(lo), "high": label_message(hi)})
        else:
            said = Note("agreement.interval-band", {"label": label_message(lo)})
    return Verdict(label, LANDIS_KOCH_1977, said)


def landis_koch_label(value: float) -> str:
    value = _settled(value)
    if value < 0:
        return "poor"
    for upper, label in LANDIS_KOCH:
        if value <= upper:
            return label
    return LANDIS_KOCH[-1][1]


def _interval_note(ci: tuple[float, float] | None, thresholds: tuple[float, ...]) -> Note:
    if ci is None:
        return Note("agreement.no-interval")
    lo, hi = ci
    crossed = [f"{t:.3f}" for t in thresholds if lo < t <= hi]
    if len(crossed) == 2:
        return Note("agreement.interval-crosses-both", {"low": crossed[0], "high": crossed[1]})
    if crossed:
        return Note("agreement.interval-crosses", {"threshold": crossed[0]})
    if lo >= RELIABLE:
        return Note("agreement.interval-above", {"threshold": f"{RELIABLE:.3f}"})
    if hi < TENTATIVE:
        return Note("agreement.interval-below", {"threshold": f"{TENTATIVE:.3f}"})
    return Note("agreement.interval-between",
                {"low": f"{TENTATIVE:.3f}", "high": f"{RELIABLE:.3f}"})
