"""The words of `tut agreement`'s tables in the reader's language: coefficient names, verdicts,
what an interval adds, how intervals were made.

The agreement stage gives its notes as catalogue keys beside the English text
(:class:`tut.agreement.model.Note`); the verdicts are rebuilt here from the coefficient's value
and interval with the thresholds of :mod:`tut.agreement.verdicts`, so their English is exactly
:func:`tut.agreement.verdicts.verdict`'s (a test holds them together).
"""

from __future__ import annotations

from tut.agreement import Coefficient, verdict
from tut.agreement.coefficients import Note
from tut.agreement.verdicts import RELIABLE, TENTATIVE, landis_koch_label
from tut.messages import CATALOGUE, text


def note_text(note: Note, lang: str) -> str:
    """A stage's note in ``lang``; as written when it has no catalogue key."""
    if note.key and note.key in CATALOGUE:
        return text(note.key, lang, **note.params)
    return note.text


def coefficient_name(c: Coefficient, lang: str) -> str:
    return note_text(c.label_note(), lang) or c.name


def verdict_label(label: str, lang: str) -> str:
    """A benchmark label (``reliable``, ``almost perfect`` ...) in ``lang``."""
    key = "cli.agreement-verdict-" + label.replace(" ", "-")
    return text(key, lang) if key in CATALOGUE else label


def verdict_words(c: Coefficient, lang: str) -> tuple[str, str]:
    """The verdict with its source, and what the interval adds ('' when nothing)."""
    if not c.defined or c.value is None:
        return text("cli.agreement-undefined", lang, reason=note_text(c.reason_note(), lang)), ""
    v = verdict(c)
    label = verdict_label(v.label, lang)
    head = text("cli.agreement-verdict-source", lang, label=label, source=v.source) \
        if v.source else label
    return head, interval_note(c, lang)


def interval_note(c: Coefficient, lang: str) -> str:
    """What the interval adds to the verdict (as :func:`tut.agreement.verdicts.verdict`)."""
    if c.name.startswith("krippendorff_alpha"):
        return _alpha_note(c.ci, lang)
    if c.name == "percent_agreement":
        return text("cli.agreement-not-chance-corrected", lang)
    if c.ci is None:
        return ""
    lo, hi = (verdict_label(landis_koch_label(x), lang) for x in c.ci)
    if lo != hi:
        return text("cli.agreement-interval-bands", lang, low=lo, high=hi)
    return text("cli.agreement-interval-band", lang, label=lo)


def _alpha_note(ci: tuple[float, float] | None, lang: str) -> str:
    if ci is None:
        return text("cli.agreement-no-interval", lang)
    lo, hi = ci
    crossed = [f"{t:.3f}" for t in (TENTATIVE, RELIABLE) if lo < t <= hi]
    if len(crossed) == 2:
        return text("cli.agreement-interval-crosses-both", lang, low=crossed[0], high=crossed[1])
    if crossed:
        return text("cli.agreement-interval-crosses", lang, threshold=crossed[0])
    if lo >= RELIABLE:
        return text("cli.agreement-interval-above", lang, threshold=f"{RELIABLE:.3f}")
    if hi < TENTATIVE:
        return text("cli.agreement-interval-below", lang, threshold=f"{TENTATIVE:.3f}")
    return text("cli.agreement-interval-between", lang, low=f"{TENTATIVE:.3f}",
                high=f"{RELIABLE:.3f}")


def method_text(c: Coefficient, lang: str) -> str:
    """How ``c``'s interval was made, Gwet's linearisation named as irrCAC computes it."""
    note = c.method_note()
    if note.key == "agreement.ci-gwet":
        return text("cli.agreement-ci-gwet-irrcac", lang, **note.params)
    said = note_text(note, lang)
    if said.startswith("Gwet linearisation"):  # a method given without its key
        said = said.replace("Gwet linearisation", "Gwet (2014) linearisation, as irrCAC")
    return said


def method_line(coefficients: tuple[Coefficient, ...], lang: str) -> str:
    """Which method made the intervals shown (one per coefficient, named), and the seed."""
    by_method: dict[str, tuple[str, list[str]]] = {}
    for c in coefficients:
        if c.ci_method and c.ci is not None:
            said = by_method.setdefault(c.ci_method, (method_text(c, lang), []))
            said[1].append(coefficient_name(c, lang))
    boot = next((c.bootstrap for c in coefficients if c.bootstrap is not None), None)
    parts = []
    for method, names in by_method.values():
        whom = text("cli.agreement-every-coefficient", lang) if len(by_method) == 1 \
            else ", ".join(names)
        parts.append(text("cli.agreement-method-for", lang, whom=whom, method=method))
    methods = "; ".join(parts) if parts else text("cli.agreement-no-interval", lang)
    hint = "" if boot is None else " " + text("cli.agreement-seed-repeats", lang, seed=boot.seed)
    return text("cli.agreement-intervals", lang, methods=methods, seed=hint)
