"""Report text in English and Spanish, and number formatting shared by the renderers.

Respondent answers, wordings and study notes are shown in the language they were written
in; only the report's own words are translated. Numbers use a decimal point in both
languages (as INEGI publishes).

The words are a view on the one message catalogue (:mod:`tut.messages`, keys ``report.*``)
that also serves the TUI and the CLI; :func:`t` and the names here keep the renderers'
calls unchanged.
"""

from __future__ import annotations

from typing import Any

from tut.messages import CATALOGUE, LABELS_ES, LANGS, Lang, Message, data_label, render
from tut.messages import text as catalogue_text
from tut.messages.checks import CHECK_ABOUT
from tut.messages.names import (
    ATTRIBUTE_NAMES,
    CHECK_NAMES,
    FILE_ROLES,
    KEY_NAMES,
    LANGUAGE_NAMES,
    NOTE_FIELDS,
    PROBE_KINDS,
    SEVERITY_NAMES,
    STATUS_NAMES,
    TEXT_STATUS_NAMES,
)
from tut.report.i18n.numbers import (
    alpha,
    interval,
    level_text,
    num,
    p_is,
    pct,
    points,
    pval,
    signed,
    signed_pct,
)

TEXT: dict[str, tuple[str, str]] = {
    key.removeprefix("report."): (texts["en"], texts["es"])
    for key, texts in CATALOGUE.items()
    if key.startswith("report.")
}
"""The report's words, key -> (English, Spanish): a view on the ``report.`` keys of
:data:`tut.messages.CATALOGUE` (where the templates live, one module per area)."""

CHECK_EXPLAINED_ES: dict[str, str] = {check: es for check, (_en, es) in CHECK_ABOUT.items()}
"""The wording checks explained in Spanish (the catalogue's ``check-about.*``); the evidence,
in the wording's own language, is shown after it."""


def label(text: str, lang: Lang) -> str:
    """A label from a data file or spec, in Spanish when tut knows it (see LABELS_ES)."""
    return data_label(text, lang)


def missing_code(text: str, lang: Lang) -> str:
    """A missing code as the comparison stage names it ("-2 Don't know"), label translated."""
    code, _, rest = text.partition(" ")
    if rest and code.lstrip("-").replace(".", "").isdigit():
        return f"{code} {label(rest, lang)}"
    return label(text, lang)


def named(names: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    """The display name of an id from a table of :mod:`.names` (the id itself if unknown)."""
    return pick(names.get(key, (key, key)), lang)


def caveat_text(caveat: Message | str, lang: Lang) -> str:
    """A caveat of the comparison stage (a :class:`~tut.messages.Message`) in the report
    language; text (a caveat read from an older result) is shown as it is."""
    if isinstance(caveat, Message):
        return render(caveat, lang)
    return caveat


def key_text(key: str, lang: Lang) -> str:
    return pick(KEY_NAMES[key], lang) if key in KEY_NAMES else key


def t(key: str, lang: Lang, **params: Any) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in (already formatted): the
    catalogue's ``report.<key>``."""
    return catalogue_text(f"report.{key}", lang, **params)


def pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "es" else pair[0]


__all__ = [
    "ATTRIBUTE_NAMES",
    "CHECK_EXPLAINED_ES",
    "CHECK_NAMES",
    "FILE_ROLES",
    "KEY_NAMES",
    "LABELS_ES",
    "LANGS",
    "LANGUAGE_NAMES",
    "Lang",
    "NOTE_FIELDS",
    "PROBE_KINDS",
    "SEVERITY_NAMES",
    "STATUS_NAMES",
    "TEXT",
    "TEXT_STATUS_NAMES",
    "alpha",
    "caveat_text",
    "interval",
    "key_text",
    "label",
    "level_text",
    "missing_code",
    "named",
    "num",
    "p_is",
    "pct",
    "pick",
    "points",
    "pval",
    "signed",
    "signed_pct",
    "t",
]
