"""`tut agreement` and `tut study status` with --lang es: every heading, verdict, note and
warning from the message catalogue in Spanish, the figures as in English, --json unchanged,
and the English words exactly those of the agreement stage's verdicts (issue 12)."""

from __future__ import annotations

import itertools
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_support import build_study

from tests.conftest import CliResult
from tut.agreement import Coefficient, verdict
from tut.agreement.confusion import DEFINITION
from tut.agreement.report import PAIRS_NOTE, PAIRS_WARNING, agreement_report
from tut.cli.agreement_words import verdict_words
from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.examples import EXAMPLE_STUDY
from tut.messages import text

Run = Callable[..., CliResult]
KRIPP = Path(__file__).resolve().parent / "fixtures" / "agreement" / "krippendorff2011.csv"

ENGLISH_AGREEMENT = [
    "Agreement study", "Coefficient", "Value", "95% interval", "Verdict (source)",
    "Krippendorff's alpha", "coders,", "segments (", "coded by two or more coders",
    "coded once", "pairable values", "several codes per segment", "tentative (", "interval:",
    "Intervals:", "every coefficient", "linearisation", "upper bounds capped", " to ",
]


def _example(tmp_path: Path) -> Path:
    study = tmp_path / "proj" / "coded_responses" / "example"
    shutil.copytree(EXAMPLE_STUDY, study)
    return study


def _absent(out: str, english: list[str]) -> list[str]:
    return [phrase for phrase in english if phrase in out]


def test_agreement_of_the_example_study_in_spanish(run_cli: Run, tmp_path: Path) -> None:
    study = _example(tmp_path)
    es = run_cli("agreement", str(study), "--lang", "es")
    en = run_cli("agreement", str(study))
    assert es.code == en.code == 0, es.err + en.err
    for word in ("Acuerdo del estudio", "Coeficiente", "Valor", "Intervalo 95%",
                 "Veredicto (fuente)", "Alfa de Krippendorff (distancia MASI)",
                 "varios códigos por segmento", "valores apareables", "tentativo (Krippendorff "
                 "2004)", "intervalo: todo entre 0.667 y 0.800", "Intervalos: todos los "
                 "coeficientes", "linealización de Gwet (2014), como irrCAC"):
        assert word in " ".join(es.out.split()), word
    assert _absent(es.out, ENGLISH_AGREEMENT) == []
    assert "Krippendorff's alpha (MASI distance)" in en.out and "Coefficient" in en.out
    # the figures are the same: every number of the English output is in the Spanish one
    numbers = [w for w in en.out.split() if w.replace(".", "").replace("-", "").isdigit()]
    assert numbers and all(n in es.out.split() for n in numbers)


def test_breakdown_by_code_in_spanish(run_cli: Run, tmp_path: Path) -> None:
    study = _example(tmp_path)
    es = run_cli("agreement", str(study), "--by", "code", "--seed", "1", "--lang", "es")
    assert es.code == 0, es.err
    flat = " ".join(es.out.split())
    for word in ("Por código: cada código presente/ausente", "Usos", "muy pocos usos",
                 "sin intervalo", "no confiable (Krippendorff 2004)", "el intervalo cruza",
                 "no definido:", "bootstrap sobre unidades, 1000 remuestreos, semilla 1",
                 "Un código que nadie usó no tiene alfa"):
        assert word in flat, word
    english = ["By code", "Uses", "too few uses", "no interval", "unreliable", "undefined",
               "interval crosses", "bootstrap over units", "A code nobody used"]
    assert _absent(es.out, english) == []


def test_breakdown_by_variant_with_a_bootstrap_in_spanish(run_cli: Run, tmp_path: Path) -> None:
    study = _example(tmp_path)
    es = run_cli("agreement", str(study), "--by", "variant", "--bootstrap", "50", "--seed",
                 "2", "--lang", "es")
    assert es.code == 0, es.err
    flat = " ".join(es.out.split())
    for word in ("Por variante: Alfa de Krippendorff (distancia MASI)", "Unidades",
                 "apareables", "P(alfa < 0.667)", "Menos de 1.000 remuestreos",
                 "(--seed 2 lo repite)", "un mismo conjunto de 50 remuestreos"):
        assert word in flat, word
    assert _absent(es.out, ["By variant", "Units", "P(alpha", "Fewer than", "repeats it",
                            "resamples"]) == []


def test_breakdown_by_time_names_the_thirds_in_spanish(run_cli: Run, tmp_path: Path) -> None:
    study = _example(tmp_path)
    es = run_cli("agreement", str(study), "--by", "time", "--lang", "es")
    assert es.code == 0, es.err
    assert "Por tramo:" in es.out and "primer tercio" in es.out and "último tercio" in es.out
    assert _absent(es.out, ["first third", "last third", "By time"]) == []


def test_table_levels_and_the_pair_bootstrap_warning_in_spanish(run_cli: Run) -> None:
    args = ("agreement", "--table", str(KRIPP), "--level", "interval", "--bootstrap", "50",
            "--bootstrap-method", "pairs", "--seed", "5")
    es, en = run_cli(*args, "--lang", "es"), run_cli(*args)
    assert es.code == en.code == 0
    flat = " ".join(es.out.split())
    assert "nivel de intervalo, 4 codificadores, 12 unidades" in flat
    assert "Kappa de Fleiss" in flat and "considerable (Landis & Koch 1977)" in flat
    assert "intervalo: de moderado a casi perfecto" in flat
    assert "En el nivel de intervalo solo el alfa de Krippendorff" in flat
    assert "sin referencia" in flat and "no está corregido por azar" in flat
    [warned] = [line for line in es.out.splitlines() if line.startswith("warning: ")]
    assert "hay unidades con más de dos codificadores" in warned
    assert f"warning: {PAIRS_WARNING}" in " ".join(en.out.split())
    assert _absent(es.out, ["interval level", "Fleiss' kappa", "substantial", "no benchmark",
                            "units have more", "At the"]) == []


def test_json_stays_english_whatever_the_language(run_cli: Run, tmp_path: Path) -> None:
    study = _example(tmp_path)
    for args in (("agreement", str(study), "--by", "probe"),
                 ("agreement", "--table", str(KRIPP), "--level", "ordinal", "--bootstrap",
                  "20", "--bootstrap-method", "pairs", "--seed", "3")):
        es, en = run_cli(*args, "--json", "--lang", "es"), run_cli(*args, "--json")
        assert es.code == en.code == 0
        assert json.loads(es.out) == json.loads(en.out)
    assert json.loads(en.out)["warnings"] == [PAIRS_WARNING]


def test_confusion_in_spanish_with_the_frames_spanish_labels(run_cli: Run, tmp_path: Path) -> None:
    study = _example(tmp_path)
    es = run_cli("agreement", str(study), "--confusion", "--lang", "es")
    assert es.code == 0, es.err
    flat = " ".join(es.out.split())
    for word in ("Confusión del estudio", "3 pares de codificadores", "Sumada sobre los pares",
                 "ana (filas) x beto (columnas)", "Los más intercambiados", "Códigos:",
                 "Solo presencia", "sin contraparte en el otro lado",
                 "En los segmentos que ambos codificadores codificaron"):
        assert word in flat, word
    assert _absent(es.out, ["Confusion study", "Pooled over", "(rows)", "Most swapped",
                            "Codes:", "Presence only", "no counterpart", "On segments"]) == []
    assert text("cli.confusion-definition", "en") == DEFINITION


def test_status_of_the_example_study_in_spanish(run_cli: Run, tmp_path: Path) -> None:
    study = _example(tmp_path)
    root = str(study.parent.parent)
    es = run_cli("--project", root, "study", "status", "example", "--lang", "es")
    en = run_cli("--project", root, "study", "status", "example")
    assert es.code == en.code == 0, es.err
    for word in ("Estudio supervisory-care: protocolo", "(múltiple)", "Segmentos: 360 (4 "
                 "variantes, 8 sondeos)", "Codificadores:", "último 2025-03-31 09:34 UTC",
                 "recodificación 30/30", "Codificados por dos o más codificadores: 360",
                 "Desacuerdos: 142 (segmentos adjudicados: 142, aún abiertos: 0)",
                 "Adjudicado por: dora 142"):
        assert word in es.out, word
    english = ["Study ", "protocol ", "(multiple)", "Segments:", "variants", "probes",
               "Coders:", "last ", "recode ", "Coded by", "Disagreements", "adjudicated segments",
               "still open", "Adjudicated by"]
    assert _absent(es.out, english) == []
    assert all(word in en.out for word in english)
    assert len(es.out.splitlines()) == len(en.out.splitlines())


def test_status_withdrawn_respondents_in_spanish(run_cli: Run, tmp_path: Path) -> None:
    study = _example(tmp_path)
    root = str(study.parent.parent)
    done = run_cli("--project", root, "study", "withdraw", "example", "--respondent", "EN01",
                   "--reason", "asked")
    assert done.code == 0, done.err
    es = run_cli("--project", root, "study", "status", "example", "--lang", "es")
    assert "Retirados (consentimiento): 1 persona," in es.out
    assert "fuera de las exportaciones, del acuerdo y del informe" in es.out
    assert "Withdrawn" not in es.out and "left out" not in es.out


def test_status_conflicts_in_spanish(run_cli: Run, tmp_path: Path) -> None:
    project, study = build_study(tmp_path / "proj", n=4)
    frame = open_study(study).frame
    for who, codes in (("ana", ["presence-only"]), ("bob", ["responsibility"])):
        with CoderJournal.open(study, who, frame) as journal:
            journal.set_codes("s00000", codes)
    for who, codes in (("dora", ["presence-only"]), ("lead", ["responsibility"])):
        with CoderJournal.open(study, who, frame) as journal:
            journal.adjudicate("s00000", codes, "why")
    es = run_cli("--project", str(project.root), "study", "status", "pilot", "--lang", "es")
    assert es.code == 0, es.err
    assert "Conflictos: 1 segmento adjudicado de forma distinta" in es.out
    assert "  s00000  dora: presence-only; lead: responsibility" in es.out
    assert "Conflicts" not in es.out and "adjudicators" not in es.out


def test_journal_warnings_in_spanish_keep_the_warning_prefix(run_cli: Run, tmp_path: Path) -> None:
    study = _example(tmp_path)
    journal = study / "journals" / "beto.jsonl"
    lines = journal.read_bytes().count(b"\n")
    with journal.open("ab") as f:
        f.write(b'{"not": "an event"}\n')
    for args in (("agreement", str(study)), ("agreement", str(study), "--confusion"),
                 ("--project", str(study.parent.parent), "study", "status", "example")):
        es = run_cli(*args, "--lang", "es")
        assert es.code == 0, es.err
        [warned] = es.err.splitlines()
        assert warned.startswith(f"warning: {journal}:línea {lines + 1}: no es un evento válido")
        en = run_cli(*args)
        assert f"{journal}:line {lines + 1}: not a valid event, skipped" in en.err


def test_the_pair_bootstrap_warning_has_a_key() -> None:
    assert PAIRS_NOTE.text() == PAIRS_WARNING == text(PAIRS_NOTE.key, "en")
    report = agreement_report([[1, 2, 3, 1], [1, 2, 3, 2], [1, 2, 2, 1]], "nominal",
                              bootstrap=20, seed=1, bootstrap_method="pairs")
    assert report.warnings == (PAIRS_WARNING,) and report.warning_notes == (PAIRS_NOTE,)
    assert "más de dos codificadores" in PAIRS_NOTE.text("es")


CUTS = (-0.1, 0.1, 0.3, 0.5, 0.6, 0.65, 0.667, 0.7, 0.79, 0.8, 0.85, 0.95, 1.0)


@pytest.mark.parametrize("name", ["krippendorff_alpha", "fleiss_kappa", "percent_agreement"])
def test_english_verdicts_are_exactly_the_agreement_stages(name: str) -> None:
    """The agreement stage keys each verdict's interval note; worded from the catalogue, its
    English is the stage's own, for every value and interval around the thresholds."""
    for value, (lo, hi) in itertools.product(CUTS, itertools.combinations(CUTS, 2)):
        for ci in ((lo, hi), None):
            c = Coefficient(name, value, ci=ci)
            v = verdict(c)
            head, note = verdict_words(c, "en")
            assert head == (f"{v.label} ({v.source})" if v.source else v.label)
            assert note == v.note.text() == str(v).partition("; ")[2], (value, ci)
            assert bool(v.note.key) == bool(v.note), (value, ci)  # every note keyed
            es_head, es_note = verdict_words(c, "es")
            assert es_head and (es_note or not note)
    undefined = Coefficient.undefined(name, "reason")
    assert verdict_words(undefined, "en") == ("undefined: reason", "")
    assert verdict_words(undefined, "es") == ("no definido: reason", "")
