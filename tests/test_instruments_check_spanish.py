"""Wording-check flags in Spanish: the same result, worded for Spanish-speaking reviewers,
with its numbers and words (the English message stays for older readers)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tut.instruments.checks import MESSAGES, WordingFlag, check_variant
from tut.instruments.registry import load_variants
from tut.project import shipped_dir


@pytest.fixture(scope="module")
def shipped():
    return load_variants([shipped_dir("instruments")])


def test_a_long_sentence_flag_reads_in_spanish_with_its_number(shipped):
    variant = replace(shipped.get("cand-responsible-es"),
                      wording=" ".join(["palabra"] * 40) + "?")
    flag = next(f for f in check_variant(variant) if f.check == "long-sentence")
    assert flag.params == {"words": 40, "limit": 25}
    assert flag.message_in("es").startswith("oración de 40 palabras (más de 25)")
    assert flag.message_in("es-MX") == flag.message_in("es")
    assert flag.message_in("en") == flag.message
    assert flag.message.startswith("sentence of 40 words (more than 25)")


def test_every_flag_of_every_shipped_wording_has_both_languages(shipped):
    for variant in shipped:
        for flag in check_variant(variant):
            assert flag.key in MESSAGES, (variant.id, flag.check)
            spanish = flag.message_in("es")
            assert spanish and spanish != flag.message, (variant.id, flag.key)
            for value in flag.params.values():
                if isinstance(value, str | int):
                    assert str(value) in spanish, (variant.id, flag.key, value)


def test_a_flag_without_a_key_keeps_its_english_message():
    flag = WordingFlag("negation", "info", "something a plug-in said", "«not»")
    assert flag.message_in("es") == "something a plug-in said"


def test_instruments_check_lang_es(run_cli):
    variant = "cand-responsible-es"
    spanish = run_cli("instruments", "check", variant, "--lang", "es")
    assert spanish.code == 0, spanish.err
    data = json.loads(run_cli("instruments", "check", variant, "--json").out)
    long = next(f for f in data["flags"] if f["key"] == "long-sentence")
    assert f"oración de {long['params']['words']} palabras" in spanish.out
    english = run_cli("instruments", "check", variant)
    assert f"sentence of {long['params']['words']} words" in english.out
    assert "oración de" not in english.out


def test_instruments_check_lang_es_heads_and_sums_in_spanish(run_cli):
    from tut.instruments.model import TEXT_STATUS_NOTES, TEXT_STATUS_NOTES_ES

    variant = "cand-responsible-es"
    spanish = run_cli("instruments", "check", variant, "--lang", "es")
    english = run_cli("instruments", "check", variant)
    assert spanish.code == english.code == 0, spanish.err
    assert f"{variant} (es-MX, {TEXT_STATUS_NOTES_ES['candidate']})" in spanish.out
    assert TEXT_STATUS_NOTES["candidate"] not in spanish.out
    assert f"{variant} (es-MX, {TEXT_STATUS_NOTES['candidate']})" in english.out
    data = json.loads(run_cli("instruments", "check", variant, "--json").out)
    warnings = sum(f["severity"] == "warning" for f in data["flags"])
    notes = sum(f["severity"] == "info" for f in data["flags"])
    last = spanish.out.strip().splitlines()[-1]
    assert last.startswith("1 variante: ") and f"{warnings} advertencia" in last, last
    assert f"{notes} nota" in last, last
    assert "warning" not in spanish.out and "variant:" not in spanish.out
    assert english.out.strip().splitlines()[-1].startswith("1 variant: ")


def test_every_text_status_has_a_spanish_note():
    from tut.instruments.model import TEXT_STATUS_NOTES, TEXT_STATUS_NOTES_ES, text_status_note

    assert TEXT_STATUS_NOTES_ES.keys() == TEXT_STATUS_NOTES.keys()
    for status in TEXT_STATUS_NOTES:
        assert text_status_note(status, "es-MX") == TEXT_STATUS_NOTES_ES[status]
        assert text_status_note(status) == TEXT_STATUS_NOTES[status] != TEXT_STATUS_NOTES_ES[status]
