"""Wording checks (QAS-99 style), each positive and negative, in English and Spanish."""

from __future__ import annotations

import json

import pytest

from tut.instruments.checks import (
    CHECKS,
    LONG_SENTENCE_WORDS,
    check_variant,
    check_variants,
    checks_to_dict,
)
from tut.instruments.model import Source, Variant
from tut.instruments.registry import load_variants
from tut.project import shipped_dir


def variant(wording: str, language: str = "en", **fields) -> Variant:
    """A read-out candidate wording with a reference period and nothing else to flag."""
    base = {
        "id": "test-variant", "family": "test", "concept": "Supervisory care.",
        "language": language, "wording": wording, "text_status": "candidate",
        "response_format": "yes-no", "reference_period": "", "target_population": "All.",
        "source": Source("Test"), "status": "candidate", "version": "1",
    }
    base.update(fields)
    return Variant(**base)


def flags(wording: str, language: str = "en", check: str | None = None, **fields):
    found = check_variant(variant(wording, language, **fields))
    return [f for f in found if check is None or f.check == check]


CLEAN = {
    "en": "Yesterday, during which activities was a child with you?",
    "es": "Ayer, ¿durante cuáles actividades estuvo un niño con usted?",
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_short_clear_question_raises_no_flag(language):
    assert flags(CLEAN[language], language) == []


# --- long sentences ---------------------------------------------------------------------------


@pytest.mark.parametrize("language, word", [("en", "activity"), ("es", "actividad")])
def test_long_sentence(language, word):
    long = "Yesterday " + " ".join([word] * LONG_SENTENCE_WORDS) + "?"
    (flag,) = flags(long, language, "long-sentence")
    assert flag.severity == "warning" and f"{LONG_SENTENCE_WORDS + 1} words" in flag.message
    # The same words split into two sentences are fine.
    half = LONG_SENTENCE_WORDS // 2
    split = "Yesterday " + " ".join([word] * half) + ". " + " ".join([word] * half) + "?"
    assert flags(split, language, "long-sentence") == []


# --- double-barrelled -------------------------------------------------------------------------


@pytest.mark.parametrize("language, wording, evidence", [
    ("en", "Yesterday, did you cook and did you watch a child?", "«did you cook and did»"),
    ("en", "Yesterday, was a child with you and/or in your home?", "«and/or»"),
    ("es", "Ayer, ¿cuidó o vigiló a algún niño?", "«cuidó o vigiló»"),
    ("es", "Cuidar o estar al pendiente de algún niño, la semana pasada", "«Cuidar o estar»"),
    ("es", "Ayer, ¿estuvo con un niño y/o una persona mayor?", "«y/o»"),
])
def test_double_barrelled(language, wording, evidence):
    found = flags(wording, language, "double-barrelled")
    assert len(found) == 1 and evidence in found[0].evidence


@pytest.mark.parametrize("language, wording, evidence", [
    ("en", "Yesterday, were you caring for or supervising a child?",
     "«caring for or supervising»"),
    ("en", "Yesterday, did you look after and play with your child?", "«look after and play»"),
    ("es", "Ayer, ¿estuvo usted cuidando o vigilando a algún niño?", "«cuidando o vigilando»"),
])
def test_double_barrelled_with_gerunds_and_care_verbs(language, wording, evidence):
    found = flags(wording, language, "double-barrelled")
    assert len(found) == 1 and evidence in found[0].evidence


@pytest.mark.parametrize("language, wording, evidence", [
    ("en", "Yesterday, was a child in your care, and if so, was the child asleep?", "«and if so»"),
    ("en", "Yesterday, was a child with you and if yes, for how long?", "«and if yes»"),
    ("es", "Ayer, ¿estuvo al pendiente de algún niño y, si es así, cuántas horas?",
     "«y, si es así»"),
    ("es", "Ayer, ¿cuidó a algún niño y en caso afirmativo, cuánto tiempo?",
     "«y en caso afirmativo»"),
])
def test_a_follow_up_tacked_on_is_a_second_question(language, wording, evidence):
    found = flags(wording, language, "double-barrelled")
    assert len(found) == 1 and evidence in found[0].evidence
    assert "second question" in found[0].message


@pytest.mark.parametrize("language, wording", [
    ("en", "Yesterday, was the child at home or at school?"),
    ("en", "Yesterday, were you keeping an eye on them or available to help?"),
    ("es", "Ayer, ¿estuvo a cargo de algún niño o niña menor de 13 años?"),
    ("es", "Ayer, ¿estaba al pendiente o disponible para ayudar?"),
])
def test_alternatives_that_are_not_two_questions(language, wording):
    assert flags(wording, language, "double-barrelled") == []


@pytest.mark.parametrize("language, wording", [
    ("en", "Yesterday, did you look after a child while doing something else, for example "
           "while cooking or watching TV?"),
    ("es", "Ayer, ¿hizo otra cosa, como cocinar o ver la televisión, mientras cuidaba a un niño?"),
    ("en", "Yesterday, were you looking after a child at home while your partner was out "
           "shopping or working?"),
])
def test_examples_and_distant_verbs_are_not_two_questions(language, wording):
    assert flags(wording, language, "double-barrelled") == []


# --- vague quantifiers ------------------------------------------------------------------------


@pytest.mark.parametrize("language, wording, word", [
    ("en", "Yesterday, how often was a child in your care?", "often"),
    ("en", "Last week, did you spend a lot of time with a child?", "a lot"),
    ("en", "Yesterday, did you usually watch a child?", "usually"),
    ("es", "Ayer, ¿estuvo a menudo con algún niño?", "a menudo"),
    ("es", "La semana pasada, ¿casi siempre estuvo al pendiente?", "casi siempre"),
    ("es", "Ayer, ¿pasó mucho tiempo con algún niño?", "mucho"),
])
def test_vague_quantifier(language, wording, word):
    (flag,) = flags(wording, language, "vague-quantifier")
    assert f"'{word}'" in flag.message and f"«{word}»" in flag.evidence.lower()


@pytest.mark.parametrize("language, wording", [
    ("en", "Yesterday, even while doing something else, was a child with you?"),
    ("en", "Yesterday, was someone under 13 with you?"),
    ("es", "Ayer, ¿estuvo con algún niño mientras hacía otra cosa?"),
    ("es", "Ayer, ¿estuvo con un niño? ¿Cuántas horas?"),
])
def test_no_vague_quantifier_inside_other_words(language, wording):
    assert flags(wording, language, "vague-quantifier") == []


@pytest.mark.parametrize("language, wording", [
    ("en", "Last week, how many hours was a child in your care?"),
    ("en", "Yesterday, how much time did you spend with a child?"),
    ("es", "La semana pasada, ¿cuánto tiempo estuvo con algún niño?"),
    ("es", "Ayer, ¿cuántas horas estuvo con algún niño?"),
])
def test_asking_for_a_number_is_not_vague(language, wording):
    """'How many' and 'how much' ask for a count; a reviewer does not flag them."""
    assert flags(wording, language, "vague-quantifier") == []


@pytest.mark.parametrize("language, wording, word", [
    ("en", "Last week, how often did you look after a child?", "often"),
    ("es", "La semana pasada, ¿con qué frecuencia cuidó a algún niño?", "frecuencia"),
])
def test_how_often_asks_for_a_frequency_without_a_unit(language, wording, word):
    (flag,) = flags(wording, language, "vague-quantifier")
    assert "frequency without a unit" in flag.message and f"«{word}»" in flag.evidence


# --- undefined key terms ----------------------------------------------------------------------


@pytest.mark.parametrize("language, wording, term", [
    ("en", "Yesterday, during which activities was a child in your care?", "in your care"),
    ("es", "Ayer, ¿durante cuáles actividades estuvo al pendiente de un niño?", "al pendiente"),
])
def test_domain_term_without_definition_is_flagged(language, wording, term):
    (flag,) = flags(wording, language, "undefined-term")
    assert f"'{term}'" in flag.message


@pytest.mark.parametrize("language, wording, term, extra", [
    ("en", "Yesterday, was a child in your care?", "in your care",
     {"definitions": {"in your care": "You knew what the child was doing."}}),
    ("en", "Yesterday, was a child in your care — that is, you knew what they were doing?",
     "in your care", {}),
    ("en", "Yesterday, was a child in your care?", "in your care",
     {"interviewer_instructions": 'If asked, "in your care" means you were responsible.'}),
    ("es", "Ayer, ¿estuvo a cargo de algún niño, es decir, al pendiente de él?", "a cargo de", {}),
    ("es", "Ayer, ¿estuvo disponible para algún niño?", "disponible",
     {"definitions": {"disponible": "Podía atenderle si lo necesitaba."}}),
])
def test_defined_or_explained_terms_pass(language, wording, term, extra):
    assert flags(wording, language, "undefined-term", key_terms=(term,), **extra) == []


@pytest.mark.parametrize("language, wording, term", [
    ("en", "Yesterday, were you keeping an eye on a child?", "keeping an eye on"),
    ("es", "Ayer, ¿estuvo usted vigilando a algún niño?", "vigilando"),
])
def test_other_supervision_phrases_need_a_definition_too(language, wording, term):
    (flag,) = flags(wording, language, "undefined-term")
    assert f"'{term}'" in flag.message


@pytest.mark.parametrize("language", ["en", "es"])
def test_listed_key_term_without_definition_is_flagged(language):
    found = flags(CLEAN[language], language, "undefined-term", key_terms=("activities",))
    assert len(found) == 1 and "'activities'" in found[0].message


# --- reference period ------------------------------------------------------------------------


@pytest.mark.parametrize("language, wording", [
    ("en", "During which activities was a child with you?"),
    ("es", "¿Durante cuáles actividades estuvo un niño con usted?"),
])
def test_missing_reference_period(language, wording):
    (flag,) = flags(wording, language, "reference-period")
    assert flag.severity == "warning"
    (note,) = flags(wording, language, "reference-period", reference_period="yesterday")
    assert note.severity == "info" and "yesterday" in note.message


@pytest.mark.parametrize("language, wording", [
    ("en", "Last week, how many hours was a child with you?"),
    ("en", "In the past 7 days, was a child with you?"),
    ("en", "Since the first of [REF_MONTH], have you helped an adult?"),
    ("es", "Durante la semana pasada, ¿cuántas horas estuvo con un niño?"),
    ("es", "En los últimos 7 días, ¿estuvo con un niño?"),
    ("es", "Ayer, ¿estuvo con un niño?"),
])
def test_reference_period_in_the_wording(language, wording):
    assert flags(wording, language, "reference-period") == []


@pytest.mark.parametrize("language, wording", [
    ("en", "During the reference week, was a child with you?"),
    ("en", "In the 4 weeks before the interview, was a child with you?"),
    ("en", "On [DATE], was a child with you?"),
    ("en", "Last Monday, was a child with you?"),
    ("en", "Since January, have you helped an adult?"),
    ("es", "En la semana del lunes 5 al domingo 11, ¿estuvo con un niño?"),
    ("es", "El lunes pasado, ¿estuvo con un niño?"),
    ("es", "El [FECHA], ¿estuvo con un niño?"),
    ("es", "Desde el lunes, ¿estuvo con un niño?"),
    ("es", "Durante la semana de referencia, ¿estuvo con un niño?"),
])
def test_more_ways_to_state_a_reference_period(language, wording):
    assert flags(wording, language, "reference-period") == []


@pytest.mark.parametrize("language, wording", [
    ("en", "Since you have children, did you look after one?"),  # 'since' = because
    ("es", "¿Desde su casa, estuvo con un niño?"),  # 'desde' = from a place
])
def test_since_and_desde_that_are_not_about_time(language, wording):
    (flag,) = flags(wording, language, "reference-period")
    assert flag.severity == "warning"


# --- negations -------------------------------------------------------------------------------


@pytest.mark.parametrize("language, wording, word", [
    ("en", "Yesterday, was there no adult with the child?", "no"),
    ("en", "Yesterday, didn't you watch a child?", "didn't"),
    ("es", "Ayer, ¿no estuvo con algún niño?", "no"),
    ("es", "Ayer, ¿nunca estuvo solo con un niño?", "nunca"),
])
def test_single_negation_is_a_note(language, wording, word):
    found = flags(wording, language, "negation")
    assert [f.severity for f in found] == ["info"]
    assert f"'{word}'" in found[0].message.lower()


@pytest.mark.parametrize("language, wording", [
    ("en", "Yesterday, was there never a time you were not with a child?"),
    ("es", "Ayer, ¿no hubo ningún momento sin un niño?"),
])
def test_double_negative_is_a_warning(language, wording):
    found = flags(wording, language, "negation")
    assert [f.severity for f in found].count("warning") == 1
    assert "double negative" in next(f for f in found if f.severity == "warning").message


@pytest.mark.parametrize("language, wording", [
    ("en", "Yesterday, was a child with you? Nonetheless, answer notably."),
    ("es", "Ayer, ¿estuvo con un niño? Nota: nadar cuenta."),
])
def test_negation_words_are_whole_words(language, wording):
    assert flags(wording, language, "negation") == []


@pytest.mark.parametrize("language, wording", [
    ("en", "Yesterday, was a child with you? Answer yes or no."),
    ("en", "Not including school time, yesterday, was a child with you?"),
    ("es", "Ayer, ¿estuvo con un niño? Conteste sí o no."),
])
def test_yes_or_no_and_exclusion_clauses_are_not_negated_questions(language, wording):
    assert flags(wording, language, "negation") == []


@pytest.mark.parametrize("wording", [
    "Ayer, ¿no hizo nada con los niños?",
    "Ayer, ¿estuvo a cargo de un niño, aunque no jugara con él ni lo atendiera?",
])
def test_spanish_negative_concord_is_one_negation(wording):
    """'no … nada', 'no … ni' are one negation in Spanish, not a double negative."""
    found = flags(wording, "es", "negation")
    assert [f.severity for f in found] == ["info"] and "'no'" in found[0].message


@pytest.mark.parametrize("language, wording, double", [
    ("en", "Yesterday, did you look after a child without help?", False),
    ("en", "Yesterday, was there never a time without a child?", True),
    ("es", "Ayer, ¿cuidó a un niño sin ayuda?", False),
    ("es", "Ayer, ¿no hubo ningún momento en que no estuviera a cargo de un niño?", True),
])
def test_without_counts_only_towards_a_double_negative(language, wording, double):
    found = flags(wording, language, "negation")
    assert any(f.severity == "warning" for f in found) is double
    assert all("without" not in f.message and "'sin'" not in f.message for f in found)


# --- what kind of text, and other languages --------------------------------------------------


def test_a_label_is_checked_but_marked_as_not_read_out():
    found = flags(CLEAN["en"], text_status="variable-label", status="in-use")
    assert [f.check for f in found] == ["text-status"]
    assert "variable label" in found[0].message


def test_other_languages_get_only_the_length_check():
    found = flags("Hier, pendant quelles activités un enfant était-il avec vous souvent ?", "fr")
    assert [f.check for f in found] == ["language"]


def test_regional_language_tags_use_the_base_language():
    assert flags("Ayer, ¿estuvo a menudo con un niño?", "es-MX", "vague-quantifier")


# --- the shipped registry, as the report sees it ---------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_variants([shipped_dir("instruments")])


def test_shipped_wordings_get_the_flags_a_reviewer_expects(shipped):
    results = check_variants(shipped)
    checks = {vid: {f.check for f in found} for vid, found in results.items()}
    assert "undefined-term" in checks["atus-incare-en"]  # "in your care" is never defined
    assert "undefined-term" not in checks["cand-responsible-en"]  # explained after "—"
    assert "long-sentence" in checks["cand-responsible-en"]
    assert "long-sentence" in checks["cand-responsible-es"]
    assert "double-barrelled" in checks["enut-elder-pendiente-es"]  # "Cuidar o estar"
    assert "text-status" in checks["enut-cp-label-es"]
    assert "text-status" not in checks["cand-available-es"]
    assert results["cand-available-en"] == []


def test_shipped_wordings_raise_no_false_alarms(shipped):
    """What a reviewer would not flag: no quantifier, negation or tacked-on question in them."""
    results = check_variants(shipped)
    barrelled = {vid for vid, found in results.items()
                 if any(f.check == "double-barrelled" for f in found)}
    # Only the ENUT "Cuidar o estar al pendiente" items join two activities in one question.
    assert barrelled == {"enut-elder-pendiente-es", "enut-child-pendiente-es"}
    for vid, found in results.items():
        assert not [f for f in found if f.check in ("vague-quantifier", "negation")], vid
        # Every fielded-language variant states a period or records one to carry over.
        assert all(f.severity == "info" for f in found if f.check == "reference-period"), vid


def test_checks_to_dict_is_json_for_the_report(shipped):
    data = json.loads(json.dumps(checks_to_dict(shipped)))
    assert set(data["checks"]) == set(CHECKS)
    assert set(data["variants"]) == set(shipped.variants)
    entry = data["variants"]["enut-elder-pendiente-es"]
    assert entry["warnings"] == sum(f["severity"] == "warning" for f in entry["flags"])
    assert all(set(f) == {"check", "severity", "message", "evidence", "key", "params"}
               for f in entry["flags"])
    assert all(f["check"] in CHECKS for v in data["variants"].values() for f in v["flags"])


def test_the_report_stores_what_check_shows(run_cli):
    """`tut instruments check --json` and the report's stored flags are the same results."""
    from tut.examples import EXAMPLE_STUDY
    from tut.project import find_project
    from tut.report import build_report, report_json
    from tut.report.inputs import load_report_input

    repo = shipped_dir("instruments").parent
    inputs = load_report_input(EXAMPLE_STUDY, project=find_project(repo), bootstrap=20, seed=1)
    stored = json.loads(json.dumps(report_json(build_report(inputs))))["wordings"]
    assert stored
    for wording in stored:
        shown = run_cli("--project", str(repo), "instruments", "check", wording["id"], "--json")
        assert shown.code == 0, shown.err
        assert wording["flags"] == json.loads(shown.out)["flags"], wording["id"]
