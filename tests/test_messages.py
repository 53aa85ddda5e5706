"""The one message catalogue (tut.messages): every key in English and Spanish with the same
placeholders, messages rendered in either language, and the report's, the TUI's and the
wording checks' words served from it."""

from __future__ import annotations

import pytest
from conftest import run_fresh_python

from tut.coding.decisions import STATUS_LABELS, STATUSES
from tut.coding.export_table import WORDS, YES_NO
from tut.instruments.checks import CHECKS, MESSAGES, render_message
from tut.messages import (
    AREAS,
    CATALOGUE,
    LANGS,
    DataLabel,
    Listing,
    Message,
    fields,
    language,
    render,
    text,
)
from tut.report import i18n
from tut.tui.i18n import EN, ES, Labels


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    texts = CATALOGUE[key]
    assert set(texts) == set(LANGS), key
    en, es = texts["en"], texts["es"]
    # a column heading may be empty in both languages, never in one only
    assert bool(en.strip()) == bool(es.strip()), key
    assert fields(en) == fields(es), key


def test_keys_are_area_dot_name_and_every_area_is_filed():
    areas = {key.split(".", 1)[0] for key in CATALOGUE}
    assert areas == {a.split(".")[0] for a in AREAS} == {
        "report", "tui", "coding", "agreement", "compare", "microdata", "check", "check-about",
        "cli", "help", "name", "label",
    }
    assert sum(len(table) for tables in AREAS.values() for table in tables) == len(CATALOGUE)


def test_names_labels_and_check_descriptions_are_served_from_the_catalogue():
    assert i18n.named(i18n.ATTRIBUTE_NAMES, "sex", "es") == text("name.attribute.sex", "es")
    assert i18n.named(i18n.FILE_ROLES, "journal", "es") == "bitácora"
    assert i18n.label("Female", "es") == text("label.Female", "es") == "Mujer"
    assert i18n.label("Female", "en") == "Female" and i18n.label("Hembra", "es") == "Hembra"
    assert CHECKS["negation"] == text("check-about.negation", "en")
    assert i18n.CHECK_EXPLAINED_ES["negation"] == text("check-about.negation", "es")
    assert set(CHECKS) == set(i18n.CHECK_EXPLAINED_ES) == set(i18n.CHECK_NAMES)


def test_the_catalogue_imports_nothing_of_the_stages():
    run_fresh_python(
        "import sys, tut.messages\n"
        "mods = sorted(m for m in sys.modules if m.startswith('tut.') and "
        "not m.startswith('tut.messages'))\n"
        "assert mods == [], mods\n"
    )


def test_a_message_renders_in_either_language_with_nested_values():
    cells = Listing(
        (
            Message(
                "compare.cell",
                {
                    "outcome": "care",
                    "variant": "v1",
                    "domain": Listing(
                        (
                            Message(
                                "compare.domain-part",
                                {"name": DataLabel("sex"), "label": DataLabel("Female")},
                            ),
                        )
                    ),
                    "count": 3,
                },
            ),
            Message("compare.and-more", {"count": 2}),
        ),
        sep="; ",
    )
    msg = Message(
        "compare.weightless-domains", {"dataset": "survey", "count": 3, "cells": cells}
    )
    assert render(msg, "en") == (
        "survey: 3 domains have respondents (how many in brackets) whose weights are all 0, "
        "so they have no estimate: care v1 sex=Female (3); and 2 more"
    )
    spanish = render(msg, "es")
    assert "care v1 sexo=Mujer (3); y 2 más" in spanish and spanish.startswith("survey: 3 dominios")
    assert msg.text("es-MX") == spanish
    # JSON keeps the key and plain parameters
    data = msg.to_dict()
    assert data["key"] == "compare.weightless-domains"
    assert data["params"]["cells"][0]["params"]["domain"][0]["params"] == {
        "name": "sex",
        "label": "Female",
    }


def test_a_label_the_demo_does_not_ship_is_shown_as_written():
    msg = Message(
        "compare.converted",
        {
            "dataset": "enut",
            "outcome": "care",
            "unit": DataLabel("minutes per day"),
            "to": DataLabel("Stunden pro Woche"),
            "factor": "7/60",
            "caveat": DataLabel("see the manual"),
        },
    )
    assert render(msg, "es") == (
        "enut: care convertido de minutos al día a Stunden pro Woche (× 7/60): see the manual"
    )


def test_language_codes():
    assert [language(c) for c in ("es", "es-MX", "es_ES.UTF-8", "ES", "en", "fr", "", None)] == [
        "es", "es", "es", "es", "en", "en", "en", "en",
    ]


def test_the_report_words_are_a_view_on_the_catalogue():
    report_keys = {k.removeprefix("report.") for k in CATALOGUE if k.startswith("report.")}
    assert set(i18n.TEXT) == report_keys
    assert i18n.t("key-gap", "es", first="Mujer", second="Hombre") == text(
        "report.key-gap", "es", first="Mujer", second="Hombre"
    )
    assert i18n.t("report-title", "es") == "Informe de comparación de redacciones"


def test_the_tui_labels_are_a_view_on_the_catalogue():
    assert set(EN) == set(ES) == {k.removeprefix("tui.") for k in CATALOGUE if k.startswith("tui.")}
    assert Labels("es")("find_count", count=1200, total=3000) == "1,200 de 3,000 segmentos coinciden"
    assert Labels("en")("find_count", count=1200, total=3000) == "1,200 of 3,000 segments match"
    assert Labels("es")("no such label") == "no such label"


def test_the_wording_check_messages_are_in_the_catalogue():
    assert {f"check.{k}" for k in MESSAGES} == {k for k in CATALOGUE if k.startswith("check.")}
    es = render_message("vague-quantifier", {"phrase": "a menudo"}, "es")
    assert es == text("check.vague-quantifier", "es", phrase="a menudo")
    assert "«a menudo»" in es


def test_the_coding_words_are_served_from_the_catalogue():
    assert STATUS_LABELS["es"]["unresolved"] == text("coding.status.unresolved", "es")
    assert set(STATUS_LABELS["en"]) == set(STATUSES)
    assert WORDS["es"]["answer"] == text("coding.export.answer", "es")
    assert set(WORDS["en"]) == set(WORDS["es"]) and "codes" in WORDS["en"]
    assert YES_NO["es"] == {0.0: "no", 1.0: "sí"} and YES_NO["en"][1.0] == "yes"
    assert Labels("es")("practice_title") == "Práctica"
