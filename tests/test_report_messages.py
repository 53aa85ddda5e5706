"""The report's message catalogue: every key has an English and a Spanish text that take the
same parameters, so no report sentence falls back to another language or loses a number."""

from __future__ import annotations

import string

import pytest

from tut.messages.report_decisions import DECISION_TEXT
from tut.report.i18n import TEXT, t


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_key_has_both_languages_with_the_same_parameters(key):
    en, es = TEXT[key]
    assert en.strip() and es.strip(), key
    assert _fields(en) == _fields(es), key


def test_decision_texts_are_in_the_catalogue():
    assert set(DECISION_TEXT) <= set(TEXT)
    for key in DECISION_TEXT:
        assert TEXT[key] == DECISION_TEXT[key]


def test_every_verdict_has_a_headline_and_a_hedged_one():
    for finding in ("better", "worse", "suggestive-better", "suggestive-worse", "no-difference"):
        plain = t(f"headline-{finding}", "en", alternative="A", reference="B", p="= 0.2")
        hedged = t(f"headline-{finding}-tentative", "en", alternative="A", reference="B", p="= 0.2")
        assert hedged.startswith("Tentatively") and not plain.startswith("Tentatively")
        assert t(f"headline-{finding}-tentative", "es", alternative="A", reference="B", p="")
