"""Why agreement is undefined, in the reader's language: the Spanish report says the agreement
stage's reasons in Spanish (from the catalogue's ``agreement.*`` keys), the English report
in English, and report.json keeps the English with the key."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from tui_support import build_study

from tut.coding.store import CoderJournal
from tut.coding.study import create_study, open_study
from tut.examples import EXAMPLE_STUDY
from tut.messages import text
from tut.project import find_project
from tut.report import build_report, render_html, render_markdown, report_json
from tut.report.agreement import summarise_agreement
from tut.report.inputs import load_report_input
from tut.report.model import Report

REPO = Path(__file__).resolve().parents[1]
NO_VARIATION_EN = "every code in the data is the same value: there is no variation to agree on"
NO_VARIATION_ES = (
    "todos los códigos de los datos son el mismo valor: no hay variación sobre la que coincidir"
)


def _flat(page: str) -> str:
    return " ".join(html.unescape(page).split())


@pytest.fixture(scope="module")
def same_code_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """Two coders who put the same one code on every segment: alpha is undefined overall
    (one value) and per code (no expected disagreement)."""
    example = open_study(EXAMPLE_STUDY)
    segments = [s for s in example.segments if s.respondent_id in ("EN01", "EN02", "ES01")]
    study = tmp_path_factory.mktemp("same") / "same-code"
    create_study(study, "same-code", example.protocol, segments, frame_id=example.frame.id,
                 wordings=example.wordings)
    for coder in ("ana", "bob"):
        with CoderJournal.open(study, coder, example.frame) as journal:
            for s in segments:
                journal.set_codes(s.id, ["presence-only"])
    return build_report(load_report_input(study, project=find_project(REPO), bootstrap=0))


def test_spanish_report_says_why_agreement_is_undefined_in_spanish(same_code_report: Report):
    a = same_code_report.agreement
    assert a.overall.verdict == "undefined" and a.overall.note == NO_VARIATION_EN
    undefined_codes = [row for row in a.by_code if row.verdict == "undefined"]
    assert undefined_codes, "a code whose alpha is undefined"
    english_notes = {row.note for row in (a.overall, *a.by_code) if row.note}
    for page in (render_markdown(same_code_report, "es"), render_html(same_code_report, "es")):
        shown = _flat(page)
        assert NO_VARIATION_ES in shown
        for note in english_notes:
            assert note not in shown
    english = _flat(render_markdown(same_code_report, "en"))
    assert NO_VARIATION_EN in english and NO_VARIATION_ES not in english


def test_the_spanish_reasons_are_the_catalogues_for_every_row(same_code_report: Report):
    a = same_code_report.agreement
    for row in (a.overall, *a.by_code):
        assert row.note_message is not None
        assert row.note_in("en") == row.note
        assert row.note_in("es") == text(row.note_message.key, "es", **row.note_message.params)
        assert row.note_in("es") != row.note


def test_report_json_keeps_the_english_note_and_gives_its_key(same_code_report: Report):
    out = report_json(same_code_report, "es")
    overall = out["agreement"]["overall"]
    assert overall["note"] == NO_VARIATION_EN
    assert overall["note_message"] == {"key": "agreement.no-variation", "params": {}}
    assert NO_VARIATION_ES in out["summary"]["headline"]["text"]



def test_every_row_of_a_bootstrapped_report_says_its_interval_method_by_key() -> None:
    inputs = load_report_input(EXAMPLE_STUDY, project=find_project(REPO), bootstrap=20, seed=3)
    a = inputs.agreement
    rows = [a.overall, *a.by_code, *a.by_variant, *a.by_probe, *a.by_pair, *a.by_time]
    keys = set()
    for row in rows:
        if row.note:
            assert row.note_message is not None, row
            assert row.note_in("en") == row.note
            keys.add(row.note_message.key)
    # groups share one set of draws of the study's units; the overall and codes have their own
    assert {"agreement.ci-bootstrap-shared", "agreement.ci-bootstrap-units"} <= keys
    shared = next(r for r in a.by_variant if r.note_message is not None)
    assert shared.note_in("es") == (
        "bootstrap sobre las unidades del estudio, un mismo conjunto de 20 remuestreos para "
        "todos los grupos (el tamaño de los grupos varía), semilla 3"
    )


def test_codes_agreement_cannot_use_are_said_in_spanish_too(tmp_path: Path) -> None:
    """Two codes on one segment of an exclusive frame (a hand-edited journal): the study
    stage's reason carries its key as well."""
    _, study = build_study(tmp_path / "proj", n=6, exclusive=True)
    data = open_study(study)
    first, second = (c.id for c in data.frame.codes[:2])
    codings = {
        "ana": {s.id: (first,) for s in data.segments},
        "bob": {s.id: (first, second) if i == 0 else (first,)
                for i, s in enumerate(data.segments)},
    }
    summary = summarise_agreement(data.segments, codings, data.frame, bootstrap=0)
    overall = summary.overall
    assert overall.verdict == "undefined"
    segment = data.segments[0].id
    assert overall.note == (
        f"coder bob put 2 codes on segment {segment}, but the frame is exclusive (one code per "
        "segment)"
    )
    assert overall.note_in("es") == (
        f"el codificador bob puso 2 códigos en el segmento {segment}, pero el marco es "
        "excluyente (un código por segmento)"
    )


@pytest.mark.parametrize("lang, word", [("en", "Undefined"), ("es", "No definido")])
def test_the_agreement_table_says_why_each_undefined_row_is_undefined(
    same_code_report: Report, lang: str, word: str
) -> None:
    """The verdict cell only says "undefined": a note under the table gives each reason once,
    naming its rows, in the reader's language."""
    a = same_code_report.agreement
    undefined = [row for row in (a.overall, *a.by_code) if row.verdict == "undefined"]
    reasons = {row.note_in(lang).rstrip(".") for row in undefined}
    page = render_markdown(same_code_report, lang)
    notes = [line for line in page.splitlines() if line.strip("*_ ").startswith(f"{word} (")]
    assert len(notes) == len(reasons), notes
    for reason in reasons:
        (line,) = [n for n in notes if reason in _flat(n).replace("\\", "")]
        rows = [row for row in undefined if row.note_in(lang).rstrip(".") == reason]
        assert line.count(",") + 1 >= len(rows)


def test_a_row_keeps_one_note_and_report_json_shows_it_as_before() -> None:
    """A row holds the agreement stage's note once; report.json still has its English
    (``note``) and its key (``note_message``, null for words given as written), in place."""
    from tut.agreement.model import Note
    from tut.report.model import AlphaRow

    keyed = AlphaRow("overall", "", None, None, "undefined", 0, 0,
                     said=Note("agreement.cohen-two-coders", {"coders": 3}))
    plain = AlphaRow("code", "x", None, None, "undefined", 0, 0, said=Note.as_written("no codes"))
    for row in (keyed, plain):
        out = row.to_json()
        assert list(out)[-5:] == ["p_below_tentative", "p_below_reliable", "note",
                                  "too_few_uses", "note_message"]
        assert out["note"] == row.note == row.note_in("en")
    assert keyed.to_json()["note_message"] == {"key": "agreement.cohen-two-coders",
                                               "params": {"coders": 3}}
    assert keyed.note_in("es").startswith("la kappa de Cohen es para dos codificadores")
    assert plain.to_json()["note_message"] is None and plain.note_in("es") == "no codes"
