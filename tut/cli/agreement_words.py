"""The words of `tut agreement`'s tables in the reader's language: coefficient names, verdicts,
what an interval adds, how intervals were made.

The agreement stage says all of these as catalogue notes (:class:`tut.agreement.model.Note`,
:attr:`tut.agreement.verdicts.Verdict.note`); here they are only worded.
"""

from __future__ import annotations

from tut.agreement import Coefficient, verdict
from tut.agreement.verdicts import label_message
from tut.messages import text


def coefficient_name(c: Coefficient, lang: str) -> str:
    return c.label_note.text(lang) or c.name


def verdict_label(label: str, lang: str) -> str:
    """A benchmark label (``reliable``, ``almost perfect`` ...) in ``lang``."""
    return label_message(label).text(lang)


def verdict_words(c: Coefficient, lang: str) -> tuple[str, str]:
    """The verdict with its source, and what the interval adds ('' when nothing)."""
    if not c.defined or c.value is None:
        return text("cli.agreement-undefined", lang, reason=c.reason_note.text(lang)), ""
    v = verdict(c)
    label = verdict_label(v.label, lang)
    head = text("cli.agreement-verdict-source", lang, label=label, source=v.source) \
        if v.source else label
    return head, v.note.text(lang)


def method_text(c: Coefficient, lang: str) -> str:
    """How ``c``'s interval was made, Gwet's linearisation named as irrCAC computes it."""
    note = c.method_note
    if note.key == "agreement.ci-gwet":
        return text("cli.agreement-ci-gwet-irrcac", lang, **note.params)
    said = note.text(lang)
    if said.startswith("Gwet linearisation"):  # a method given as written
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
    methods = "; ".join(parts) if parts else text("agreement.no-interval", lang)
    hint = "" if boot is None else " " + text("cli.agreement-seed-repeats", lang, seed=boot.seed)
    return text("cli.agreement-intervals", lang, methods=methods, seed=hint)
