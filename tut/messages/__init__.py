"""One message catalogue for the report, the TUI and the CLI, in English and Spanish.

A stage says what it found as a :class:`Message` (a key and its parameters), never as an
English sentence that another module would have to translate; whoever shows it renders it
in the reader's language with :func:`render`. Every key has a template in both languages
taking the same parameters (``tests/test_messages.py`` checks it).

Keys are ``area.name``: ``report.*`` (the report's words), ``tui.*`` (the coding screens),
``coding.*`` (segment statuses, export labels, the practice note), ``agreement.*`` (why an
agreement coefficient is undefined, how its interval was made), ``compare.*`` (caveats of
the microdata comparison), ``microdata.*`` (what building a table from linked files and
diaries found), ``check.*`` (the wording checks' messages), ``check-about.*`` (what each
check looks for), ``cli.*`` (lines the commands print), ``help.*`` (their ``--help``),
``name.<table>.*`` (display names of ids: :mod:`tut.messages.names`) and ``label.*``
(labels of tut's demo data). The templates live in one module per area beside this one;
this package imports nothing else of tut, so any stage may use it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from tut.messages.agreement import AGREEMENT_TEXT
from tut.messages.checks import CHECK_ABOUT, CHECK_TEXT
from tut.messages.cli import CLI_TEXT
from tut.messages.cli_agreement import CLI_AGREEMENT_TEXT
from tut.messages.cli_study import CLI_STUDY_TEXT
from tut.messages.coding import CODING_TEXT
from tut.messages.compare import COMPARE_TEXT
from tut.messages.help import HELP_TEXT
from tut.messages.labels import LABELS_ES
from tut.messages.microdata import MICRODATA_NOTES
from tut.messages.names import NAME_TABLES
from tut.messages.report_common import COMMON_TEXT
from tut.messages.report_decisions import DECISION_TEXT
from tut.messages.report_interviews import INTERVIEWS_TEXT
from tut.messages.report_methods import METHODS_TEXT
from tut.messages.report_microdata import MICRODATA_TEXT
from tut.messages.report_summary import SUMMARY_TEXT
from tut.messages.tui import TUI_TEXT

Lang = Literal["en", "es"]
LANGS: tuple[Lang, ...] = ("en", "es")

Pairs = Mapping[str, tuple[str, str]]
"""An area's templates: name -> (English, Spanish)."""

AREAS: dict[str, tuple[Pairs, ...]] = {
    "report": (
        COMMON_TEXT,
        SUMMARY_TEXT,
        INTERVIEWS_TEXT,
        MICRODATA_TEXT,
        METHODS_TEXT,
        DECISION_TEXT,
    ),
    "tui": (TUI_TEXT,),
    "coding": (CODING_TEXT,),
    "agreement": (AGREEMENT_TEXT,),
    "compare": (COMPARE_TEXT,),
    "microdata": (MICRODATA_NOTES,),
    "check": (CHECK_TEXT,),
    "check-about": (CHECK_ABOUT,),
    "cli": (CLI_TEXT, CLI_AGREEMENT_TEXT, CLI_STUDY_TEXT),
    "help": (HELP_TEXT,),
    "label": ({english: (english, spanish) for english, spanish in LABELS_ES.items()},),
    **{f"name.{table}": (names,) for table, names in NAME_TABLES.items()},
}


def _catalogue() -> dict[str, dict[Lang, str]]:
    out: dict[str, dict[Lang, str]] = {}
    for area, tables in AREAS.items():
        for table in tables:
            for name, (en, es) in table.items():
                key = f"{area}.{name}"
                if key in out:
                    raise ValueError(f"message key {key} is defined twice")
                out[key] = {"en": en, "es": es}
    return out


CATALOGUE: dict[str, dict[Lang, str]] = _catalogue()
"""Every message key -> {"en": template, "es": template}."""


class DataLabel(str):
    """A label from a data file or spec (a value label, a unit): shown as written, except
    that the labels of tut's own demo data are shown in Spanish (:data:`LABELS_ES`)."""

    __slots__ = ()


@dataclass(frozen=True)
class Listing:
    """Several values for one parameter, joined with ``sep`` in the reader's language."""

    items: tuple[Any, ...]
    sep: str = ", "


@dataclass(frozen=True, eq=True)
class Message:
    """What a stage says, as a catalogue key and the values its template is filled with.

    Values are numbers, text shown as written (ids, file names), :class:`DataLabel`,
    :class:`Listing` or other messages (rendered in the same language)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return render(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """The key and JSON-ready parameters (nested messages as their own dicts)."""
        return {"key": self.key, "params": {k: _plain(v) for k, v in self.params.items()}}

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted(self.params))))


def language(code: str | None) -> Lang:
    """``es``, ``es-MX``, ``es_ES.UTF-8`` -> ``es``; anything else -> ``en``."""
    head = (code or "").lower().replace("_", "-").split("-")[0].split(".")[0]
    return "es" if head == "es" else "en"


def plural(n: Any, one: str, many: str | None = None, spec: str = "") -> str:
    """``1 variant``, ``4 variants``, ``0 variants`` (1 takes the singular in English and
    Spanish alike); ``many`` defaults to ``one`` + s and ``spec`` formats the number (``,``)."""
    word = one if _is_one(n) else (many if many is not None else one + "s")
    return f"{format(n, spec)} {word}"


def _is_one(n: Any) -> bool:
    """1, 1.0, or a count already written out as "1"."""
    return n == 1 or (isinstance(n, str) and n.strip() == "1")


class _Formatter(string.Formatter):
    """str.format, plus ``{n:|variant|variants}`` (or ``{n:,|row|rows}``) for a count and
    its noun in the template's own language, via :func:`plural`, and ``{n:is|are}`` for a
    word alone that agrees with the count."""

    def format_field(self, value: Any, format_spec: str) -> str:
        parts = format_spec.split("|")
        if len(parts) == 2:
            return parts[0] if _is_one(value) else parts[1]
        if len(parts) == 3:
            return plural(value, parts[1], parts[2], parts[0])
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


def text(key: str, lang: str, /, **params: Any) -> str:
    """The template of ``key`` in ``lang``, filled with ``params`` when there are any."""
    template = CATALOGUE[key][language(lang)]
    if not params:
        return template
    values = {k: _value(v, language(lang)) for k, v in params.items()}
    if "|" in template:
        return _FORMATTER.format(template, **values)
    return template.format(**values)


def text_or(key: str, fallback: str, lang: str, /, **params: Any) -> str:
    """``key``'s text in ``lang`` when the catalogue has it, else ``fallback`` as written
    (an id, or a stage's English sentence without a key)."""
    return text(key, lang, **params) if key and key in CATALOGUE else fallback


def render(message: Message, lang: str = "en") -> str:
    """``message`` in ``lang`` (English unless ``lang`` is Spanish)."""
    return text(message.key, lang, **message.params)


def data_label(value: str, lang: str) -> str:
    """A label tut's demo data ship in English, in Spanish when ``lang`` is Spanish; other
    labels as written."""
    return text_or(f"label.{value}", value, lang)


def fields(template: str) -> set[str]:
    """The names of a template's placeholders (``{count:,}`` -> ``count``)."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name}


def _value(value: Any, lang: Lang) -> Any:
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, DataLabel):
        return data_label(value, lang)
    if isinstance(value, Listing):
        return value.sep.join(str(_value(v, lang)) for v in value.items)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, Listing):
        return [_plain(v) for v in value.items]
    if isinstance(value, DataLabel):
        return str(value)
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(v) for v in value]
    return value


__all__ = [
    "AREAS",
    "CATALOGUE",
    "DataLabel",
    "LABELS_ES",
    "LANGS",
    "Lang",
    "Listing",
    "Message",
    "data_label",
    "fields",
    "language",
    "plural",
    "render",
    "text",
]
