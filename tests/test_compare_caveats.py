"""Caveats of `tut compare` are catalogue messages (a key and its values), shown in English or
Spanish by the CLI (--lang) and the report: no English caveat reaches a Spanish reader."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tut.compare.run import run_comparison
from tut.examples import EXAMPLE_STUDY
from tut.messages import CATALOGUE, Message, fields, render

RunCli = Callable[..., Any]
A, B = "atus-incare-en", "cand-responsible-en"

TWO = f"""\
title: caveats
test: t
datasets:
  - name: enut
    file: demo.sav
    variant: {{variable: ballot, map: {{1: {A}}}}}
    weight: finalwt
    design: {{strata: stratum, psu: psu, lonely_psu: adjust}}
    missing: {{care_min: [-1, -2, -3], ballot: [2]}}
    domains: [sex, {{variable: agegrp, name: age group}}]
  - name: atus
    file: demo.dta
    variant: {{variable: ballot, map: {{2: {B}}}}}
    weight: finalwt
    design: {{replicates: {{prefix: repwt, type: sdr}}}}
    missing: {{care_min: [-1, -2, -3], ballot: [1]}}
    domains: [{{variable: sex, labels: {{1: Hombre, 2: Mujer}}}}]
outcomes:
  - name: care_week
    variable: care_min
    kind: mean
    unit: minutes per day
    convert:
      to: hours per week
      factor: 7/60
      caveat: one diary day times 7 is not a measured week (weekday/weekend mix differs)
"""

ENGLISH = {
    "the", "and", "have", "has", "are", "is", "of", "with", "from", "rows", "estimates",
    "respondents", "converted", "variant", "variants", "their", "which", "under", "only",
    "datasets", "domain", "domains", "weights", "more", "all", "so", "label",
}
"""Words of the English caveats that no Spanish sentence uses."""


def english_words(text: str) -> set[str]:
    """English words left in a Spanish text, outside quotes («...») and spec keys (``key:``)."""
    text = re.sub(r"«[^»]*»", " ", text)
    text = re.sub(r"\b[\w_]+:", " ", text)
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if w in ENGLISH}


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tut.cli import main

    out = tmp_path_factory.mktemp("caveats")
    assert main(["demo-data", "--out", str(out), "--n", "300", "--seed", "5"]) == 0
    path = out / "two.yaml"
    path.write_text(TWO)
    return path


@pytest.mark.parametrize("key", sorted(k for k in CATALOGUE if k.split(".")[0] in
                                       ("compare", "microdata", "cli")))
def test_every_spanish_caveat_template_is_spanish(key):
    es = CATALOGUE[key]["es"]
    for name in fields(es):
        es = es.replace("{" + name + "}", " ")
    assert english_words(es) == set(), (key, es)


def test_the_stage_emits_messages_never_sentences(two: Path):
    result = run_comparison(two)
    keys = [c.key for c in result.caveats]
    assert all(isinstance(c, Message) for c in result.caveats)
    assert set(keys) >= {
        "compare.converted", "compare.rows-without-variant", "compare.domain-labels-differ",
        "compare.independent-samples", "compare.t-distribution", "compare.few-respondents",
    }
    assert all(k in CATALOGUE for k in keys)
    for c in result.caveats:
        spanish = render(c, "es")
        assert spanish != render(c, "en") and english_words(spanish) == set(), spanish
    converted = render(result.caveats[keys.index("compare.converted")], "es")
    assert converted == (
        "enut: care_week convertido de minutos al día a horas a la semana (× 7/60): un día de "
        "diario por 7 no es una semana medida (la mezcla de días entre semana y de fin de "
        "semana difiere)"
    )
    # the labels that differ are shown as each file writes them
    differ = render(result.caveats[keys.index("compare.domain-labels-differ")], "es")
    assert "(Female, Male frente a Hombre, Mujer)" in differ or "(Male, Female frente a" in differ


def test_the_cli_prints_caveats_in_the_chosen_language(two: Path, run_cli: RunCli):
    result = run_comparison(two)
    english = run_cli("compare", str(two))
    spanish = run_cli("compare", str(two), "--lang", "es")
    assert english.code == spanish.code == 0, spanish.err
    notes = [line.removeprefix("nota: ") for line in spanish.out.splitlines()
             if line.startswith("nota: ")]
    assert len(notes) == len(result.caveats)
    assert "nota:" not in english.out and "note:" not in spanish.out
    assert all(line.startswith(render(c, "es")[:60]) for line, c in zip(notes, result.caveats,
                                                                         strict=True))
    for line in notes:
        assert english_words(line) == set(), line


def test_the_json_keeps_readable_caveats_and_adds_their_keys(two: Path, run_cli: RunCli):
    english = json.loads(run_cli("compare", str(two), "--json").out)
    spanish = json.loads(run_cli("compare", str(two), "--json", "--lang", "es").out)
    assert english["caveat_messages"] == spanish["caveat_messages"]
    keys = [m["key"] for m in english["caveat_messages"]]
    assert "compare.independent-samples" in keys
    i = keys.index("compare.independent-samples")
    assert english["caveats"][i].startswith("The two datasets are independent samples")
    assert spanish["caveats"][i].startswith("Los dos conjuntos de datos son muestras")
    # how each dataset's variance is estimated, in the chosen language too
    assert english["datasets"][0]["design"].startswith("Taylor linearisation: ")
    assert spanish["datasets"][0]["design"].startswith("Linealización de Taylor: ")
    assert spanish["datasets"][1]["design"].startswith(
        f"{spanish['datasets'][1]['design'].split()[0]} pesos replicados, tipo sdr")
    for d in spanish["datasets"]:
        assert english_words(d["design"]) == set(), d["design"]
    # flat parameters come back as they went in: the text can be re-made from key and values
    for message, text in zip(english["caveat_messages"], english["caveats"], strict=True):
        if not any(isinstance(v, list | dict) for v in message["params"].values()):
            assert text == render(Message(message["key"], message["params"]), "en")


def test_a_spanish_report_has_no_english_caveat(two: Path, run_cli: RunCli, tmp_path: Path):
    out = tmp_path / "es"
    done = run_cli("report", str(EXAMPLE_STUDY), "--data", str(two), "--bootstrap", "0",
                   "--out", str(out), "--lang", "es", "--format", "md", "--format", "json")
    assert done.code == 0, done.err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    caveats = report["comparison"]["caveats"]
    assert len(caveats) >= 6
    md = (out / "report.md").read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes
    for text in caveats:
        assert english_words(text) == set(), text
        assert text in md
    assert "independent samples" not in md and "converted from" not in md
