"""Report text in English and Spanish, and number formatting shared by the renderers.

Respondent answers, wordings and study notes are shown in the language they were written
in; only the report's own words are translated. Numbers use a decimal point in both
languages (as INEGI publishes).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from tut.report.i18n.decisions import DECISION_TEXT
from tut.report.i18n.names import (
    ATTRIBUTE_NAMES,
    CHECK_EXPLAINED_ES,
    CHECK_NAMES,
    FILE_ROLES,
    KEY_NAMES,
    LABELS_ES,
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
from tut.report.i18n.text_common import COMMON_TEXT
from tut.report.i18n.text_interviews import INTERVIEWS_TEXT
from tut.report.i18n.text_methods import METHODS_TEXT
from tut.report.i18n.text_microdata import MICRODATA_TEXT
from tut.report.i18n.text_summary import SUMMARY_TEXT

Lang = Literal["en", "es"]
LANGS: tuple[Lang, ...] = ("en", "es")

TEXT: dict[str, tuple[str, str]] = {
    **COMMON_TEXT,
    **SUMMARY_TEXT,
    **INTERVIEWS_TEXT,
    **MICRODATA_TEXT,
    **METHODS_TEXT,
    **DECISION_TEXT,
}


def label(text: str, lang: Lang) -> str:
    """A label from a data file or spec, in Spanish when tut knows it (see LABELS_ES)."""
    return LABELS_ES.get(text, text) if lang == "es" else text


def missing_code(text: str, lang: Lang) -> str:
    """A missing code as the comparison stage names it ("-2 Don't know"), label translated."""
    code, _, rest = text.partition(" ")
    if rest and code.lstrip("-").replace(".", "").isdigit():
        return f"{code} {label(rest, lang)}"
    return label(text, lang)


def named(names: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    """The display name of an id from a table of :mod:`.names` (the id itself if unknown)."""
    return pick(names.get(key, (key, key)), lang)


_COMPARE_CAVEATS_ES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(?P<ds>[^:]+): (?P<o>\S+) converted from (?P<u>.+?) to (?P<to>.+?) "
            r"\(x (?P<f>[^)]+)\): (?P<c>.*)$"
        ),
        "{ds}: {o} convertido de {u} a {to} (× {f}): {c}",
    ),
    (
        re.compile(r"^(?P<ds>[^:]+): (?P<n>\d+) rows have no variant .*$"),
        "{ds}: {n} filas no tienen redacción (respuesta no válida o vacía) y quedan fuera de "
        "todas las estimaciones",
    ),
    (
        re.compile(r"^(?P<n>\d+) estimates rest on fewer than 30 respondents\.$"),
        "{n} estimaciones se basan en menos de 30 personas.",
    ),
    (
        re.compile(r"^Tests and intervals use a t distribution .*$"),
        "Las pruebas e intervalos usan una distribución t con los grados de libertad del diseño.",
    ),
    (
        re.compile(r"^The two datasets are independent samples.*$"),
        "Los dos conjuntos de datos son muestras independientes: las diferencias entre sus "
        "redacciones usan Var = V1 + V2. Verifique que universo, periodo de referencia y edad "
        "de los niños y niñas coincidan antes de leerlas como efectos de la redacción.",
    ),
)


def caveat_text(text: str, lang: Lang) -> str:
    """A caveat of the comparison stage (written in English) in the report language."""
    if lang != "es":
        return text
    for pattern, spanish in _COMPARE_CAVEATS_ES:
        m = pattern.match(text)
        if m:
            return spanish.format(**{k: label(v, lang) for k, v in m.groupdict().items()})
    return text


def key_text(key: str, lang: Lang) -> str:
    return pick(KEY_NAMES[key], lang) if key in KEY_NAMES else key


def t(key: str, lang: Lang, **params: Any) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in (already formatted)."""
    en, es = TEXT[key]
    text = es if lang == "es" else en
    return text.format(**params) if params else text


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
