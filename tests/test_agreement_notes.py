"""Why a coefficient is undefined, how its interval was made and its name: catalogue notes, so
the JSON's English and the report's, the TUI's and the CLI's Spanish come from one template."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tut.agreement import (
    agreement_report,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    reliability_data,
)
from tut.agreement.coefficients import Coefficient, Note
from tut.agreement.multicode import per_code_agreement, set_report
from tut.messages import CATALOGUE, fields

NA = np.nan
MIXED = [[1, 2, 3, 1, 2, 3, 1, 2], [1, 2, 3, 1, 2, 3, 1, 3], [1, 2, 3, 1, 2, 2, 1, 2]]
WORDS = [["a", "b", "a", "c"], ["a", "b", "b", "c"], ["a", "c", "b", "c"]]


def every_case() -> list[Coefficient]:
    """Coefficients with every reason and every interval method the stage gives."""
    cases: list[Coefficient] = []
    for data in ([[1, 1, 1], [1, 1, NA]], [[1, NA, 2], [NA, 2, NA]], [[1, 1, 2, NA], [1, 1, NA, 2]],
                 [[1, 2, 3], [1, 2, 2]], MIXED):
        cases += agreement_report(data).coefficients
    for level in ("ordinal", "ratio"):
        cases += agreement_report([[1, 2, 3], [1, 2, 2]], level).coefficients
    cases += agreement_report(MIXED, bootstrap=50, seed=3).coefficients
    cases += agreement_report(MIXED, bootstrap=50, seed=3, bootstrap_method="pairs").coefficients
    many = np.arange(2 * 1200, dtype=float).reshape(2, 1200) % 1100
    cases += agreement_report(many, "interval").coefficients
    words = reliability_data(WORDS)
    cases += [fleiss_kappa(words, "linear"), brennan_prediger(words, "quadratic")]
    cases += [fleiss_kappa(reliability_data([[1, 2], [1, 2]]), "quadratic")]
    cases += [cohen_kappa(words, "linear"), cohen_kappa(MIXED)]
    cases += [gwet_ac1([[1, 1], [1, 1]]), brennan_prediger([[1, 1], [1, 1]])]
    cases += [krippendorff_alpha(reliability_data([[1, NA], [1, NA]]))]
    sets = [[{"a"}, {"a", "b"}, {"b"}], [{"a"}, {"b"}, {"b"}]]
    cases += set_report(sets, bootstrap=20, seed=1).coefficients
    for report in per_code_agreement(sets, ["a", "b", "never"], bootstrap=20, seed=2).values():
        cases += report.coefficients
    return cases


CASES = every_case()


def test_every_reason_method_and_name_the_stage_gives_is_a_catalogue_key_with_its_values():
    reasons = [c.reason_note for c in CASES if c.reason]
    methods = [c.method_note for c in CASES if c.ci_method]
    labels = [c.label_note for c in CASES if c.label]
    for note in (*reasons, *methods, *labels):
        assert note.key in CATALOGUE and not note.written, note
        for lang in ("en", "es"):
            assert fields(CATALOGUE[note.key][lang]) == set(note.params), note
            assert note.text(lang) and "{" not in note.text(lang)
    keys = {n.key for n in (*reasons, *methods, *labels)}
    # the cases reach most of the keys: every kind of reason and method, not only one
    assert {"agreement.ci-gwet", "agreement.ci-bootstrap-units", "agreement.ci-bootstrap-pairs",
            "agreement.no-variation", "agreement.no-expected-disagreement",
            "agreement.too-many-values", "agreement.cohen-two-coders",
            "agreement.scott-pi-fleiss", "agreement.alpha-nominal", "agreement.alpha-ordinal",
            "agreement.alpha-interval", "agreement.alpha-distance",
            "agreement.coefficient-cohen_kappa", "agreement.coefficient-gwet_ac1"} <= keys
    assert len(keys) >= 30


def test_the_json_says_each_note_in_english_worded_from_its_key():
    c = cohen_kappa(MIXED)
    assert c.reason == "Cohen's kappa is for two coders; these data have 3 (see Conger's)"
    assert c.to_json()["undefined"] == c.reason == c.reason_note.text("en")
    alpha = agreement_report(MIXED, "ordinal")["krippendorff_alpha"]
    assert alpha.label == "Krippendorff's alpha (ordinal)"
    assert alpha.to_json()["ci_method"] == alpha.ci_method == "Gwet linearisation, t(7)"


def test_spanish_says_the_same_with_the_same_numbers():
    why = cohen_kappa(MIXED).reason_note
    assert why.text("es") == (
        "la kappa de Cohen es para dos codificadores; estos datos tienen 3 (véase la de Conger)"
    )
    boot = agreement_report(MIXED, bootstrap=50, seed=3)["krippendorff_alpha"]
    assert boot.ci_method == "bootstrap over units, 50 resamples, seed 3"
    assert boot.method_note.text("es") == "bootstrap sobre unidades, 50 remuestreos, semilla 3"


def test_a_caller_that_swaps_the_interval_says_what_it_put():
    gwet = agreement_report(MIXED)["fleiss_kappa"]
    assert gwet.method_note.key == "agreement.ci-gwet"
    boot = agreement_report(MIXED, bootstrap=30, seed=4)["fleiss_kappa"].bootstrap
    assert boot is not None
    swapped = gwet.with_bootstrap(boot)
    assert swapped.method_note == boot.note() and swapped.ci == boot.ci
    assert swapped.ci_method == boot.describe() == "bootstrap over units, 30 resamples, seed 4"
    bare = replace(swapped, bootstrap=None).with_method(None, Note.as_written("too few uses"))
    assert bare.method_note == Note.as_written("too few uses")  # its own words, no stale key
    assert bare.ci_method == bare.method_note.text("es") == "too few uses"


def test_a_reason_given_as_words_is_shown_as_written_in_every_language():
    c = Coefficient.undefined("fleiss_kappa", "no codes yet")
    assert c.reason == c.reason_note.text("es") == "no codes yet"
    assert c.label_note == Note("agreement.coefficient-fleiss_kappa")
    assert c.label_note.text("es") == "Kappa de Fleiss"


@pytest.mark.parametrize("note", [Note(), Note(""), Note.as_written("")])
def test_an_empty_note_is_false(note: Note) -> None:
    assert not note and note.text("es") == ""
