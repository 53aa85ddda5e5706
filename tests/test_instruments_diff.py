"""Word-level diff of wordings, and of their metadata."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tut.instruments.diff import (
    diff_variants,
    diff_wordings,
    join_tokens,
    render_plain,
    tokenize,
)
from tut.instruments.registry import load_variants
from tut.project import shipped_dir


@pytest.fixture(scope="module")
def shipped():
    return load_variants([shipped_dir("instruments")])


def test_tokens_keep_punctuation_fills_and_inner_hyphens():
    assert tokenize("¿Estaba(n) [NOMBRE(S)] a su cuidado?") == [
        "¿", "Estaba", "(", "n", ")", "[NOMBRE(S)]", "a", "su", "cuidado", "?",
    ]
    assert tokenize("non-household child's care, yesterday.") == [
        "non-household", "child's", "care", ",", "yesterday", ".",
    ]
    assert join_tokens(tokenize("Ayer, ¿estuvo a su cuidado?")) == "Ayer, ¿estuvo a su cuidado?"


def test_one_word_replaced():
    changes = diff_wordings("Was a child in your care?", "Was a child in your charge?")
    assert [(c.kind, c.text) for c in changes] == [
        ("equal", "Was a child in your"), ("delete", "care"), ("insert", "charge"), ("equal", "?"),
    ]
    assert render_plain(changes) == "Was a child in your [-care-] {+charge+}?"


def test_insertion_with_punctuation_and_spanish_marks():
    plain = render_plain(diff_wordings("¿Estaba a su cuidado?", "Ayer, ¿estaba al pendiente?"))
    assert plain == "{+Ayer,+} ¿[-Estaba a su cuidado-] {+estaba al pendiente+}?"
    plain = render_plain(diff_wordings("Was the child in your care?",
                                       "Was the child, aged 0-12, in your care yesterday?"))
    assert plain == "Was the child{+, aged 0-12,+} in your care {+yesterday+}?"


def test_identical_and_empty_wordings():
    same = diff_wordings("In your care?", "In your care?")
    assert [c.kind for c in same] == ["equal"]
    assert render_plain(diff_wordings("", "New text")) == "{+New text+}"
    assert render_plain(diff_wordings("Old text", "")) == "[-Old text-]"


def test_applying_the_changes_rebuilds_both_wordings():
    a = "During which of these activities was/were [NAME(S)] in your care?"
    b = ("Yesterday, during which of these activities were you responsible for a child "
         "under 13 — that is, you were keeping an eye on them?")
    changes = diff_wordings(a, b)
    old = [t for c in changes if c.kind != "insert" for t in c.tokens]
    new = [t for c in changes if c.kind != "delete" for t in c.tokens]
    assert old == tokenize(a) and new == tokenize(b)


def test_diff_of_two_shipped_variants(shipped):
    d = diff_variants(shipped.get("atus-incare-en"), shipped.get("cand-responsible-en"))
    assert "[-[NAME(S)] in your care-]" in d.plain
    assert "{+you responsible for a child under 13" in d.plain
    fields = {f.field: (f.a, f.b) for f in d.fields}
    assert fields["text_status"] == ("paraphrase", "candidate")
    assert fields["status"] == ("in-use", "candidate")
    assert "language" not in fields and "response_format" not in fields
    assert d.notes == ("atus-incare-en: paraphrase — not the read-out text",)
    assert 0 < d.similarity < 0.5


def test_translation_pair_differs_in_language_and_wording(shipped):
    d = diff_variants(shipped.get("cand-available-en"), shipped.get("cand-available-es"))
    fields = {f.field for f in d.fields}
    assert {"language", "translation_of"} <= fields
    assert d.notes == ()


def test_a_variant_against_itself_has_no_differences(shipped):
    v = shipped.get("enut-elder-pendiente-es")
    d = diff_variants(v, v)
    assert d.fields == () and d.plain == v.wording and d.similarity == 1.0


def test_metadata_only_change_is_reported(shipped):
    v = shipped.get("cand-responsible-en")
    newer = replace(v, version="2", reference_period="last week")
    d = diff_variants(v, newer)
    assert [f.field for f in d.fields] == ["version", "reference_period"]
    assert d.to_dict()["fields"][1] == {"field": "reference_period", "a": v.reference_period,
                                        "b": "last week"}


def test_to_dict_is_what_json_output_prints(shipped):
    d = diff_variants(shipped.get("atus-incare-es"), shipped.get("cand-responsible-es")).to_dict()
    assert d["a"] == "atus-incare-es" and d["b"] == "cand-responsible-es"
    kinds = {piece["kind"] for piece in d["wording"]}
    assert kinds == {"equal", "delete", "insert"}
    assert d["wording_plain"].startswith("{+Ayer,+} ¿")

