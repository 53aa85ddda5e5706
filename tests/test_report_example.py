"""The bundled example study: complete, marked as illustrative, and reproducible."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from tut.coding.consensus import consensus
from tut.coding.study import open_study
from tut.examples import EXAMPLE_DIR, EXAMPLE_STUDY
from tut.examples.build_example import build


@pytest.fixture(scope="module")
def study():
    return open_study(EXAMPLE_STUDY)


def test_example_is_marked_illustrative():
    readme = (EXAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" in readme and "invented" in readme
    assert "illustrative: true" in (EXAMPLE_STUDY / "methods.yaml").read_text(encoding="utf-8")
    assert "ILLUSTRATIVE" in open_study(EXAMPLE_STUDY).study.description


def test_about_forty_interviews_each_with_two_wordings_and_several_probes(study):
    by_resp: dict[str, set[str]] = {}
    probes: Counter[tuple[str, str]] = Counter()
    for s in study.segments:
        by_resp.setdefault(s.respondent_id, set()).add(s.variant_id)
        probes[(s.respondent_id, s.variant_id)] += 1
    assert 35 <= len(by_resp) <= 45
    assert all(len(v) >= 2 for v in by_resp.values())
    assert min(probes.values()) >= 3
    english = {"atus-incare-en", "cand-responsible-en"}
    spanish = {"enut-child-pendiente-es", "cand-responsible-es"}
    assert all(v in (english, spanish) for v in by_resp.values())
    assert {s.attributes["sex"] for s in study.segments} == {"Female", "Male"}
    for key in ("age_group", "has_child_u13"):
        assert all(s.attributes.get(key) for s in study.segments)


def test_spanish_answers_are_spanish_and_csv_is_utf8():
    text = (EXAMPLE_DIR / "segments.csv").read_bytes().decode("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    spanish = [r["answer"] for r in rows if r["variant_id"].endswith("-es")]
    assert any("pendiente" in a for a in spanish)
    assert any(ch in "".join(spanish) for ch in "áéíóúñ¿")


def test_three_coders_disagree_and_every_disagreement_is_adjudicated(study):
    assert study.coders == ["ana", "beto", "carla"]
    assert study.adjudicators == ["dora"]
    disagreements = study.disagreements()
    assert 0.15 * len(study.segments) < len(disagreements) < 0.6 * len(study.segments)
    adjudicated = study.adjudications
    assert {d.segment_id for d in disagreements} <= set(adjudicated)
    assert all(a.rationale for a in adjudicated.values())
    assert study.recode_sample("ana")
    assert study.codings(2)["ana"], "ana's blind recode (round 2) is in her journal"


def test_consensus_recovers_the_intended_interpretation(study):
    """The answer key of the illustration: adjudicated codes match what answers were written
    to show for nearly every segment (the adjudicator sometimes follows the majority)."""
    with open(EXAMPLE_DIR / "intended-codes.csv", encoding="utf-8") as fh:
        intended = {
            r["segment_id"]: set(r["intended_codes"].split(";")) for r in csv.DictReader(fh)
        }
    codings = {c: {k: v.codes for k, v in st.items()} for c, st in study.codings(1).items()}
    cons = consensus(study.segment_ids, codings, study.adjudications)
    same = sum(1 for sid, (codes, _src) in cons.items() if set(codes) == intended[sid])
    assert same / len(cons) > 0.85


def test_regenerating_matches_the_committed_snapshot(tmp_path: Path):
    """A snapshot test: the committed example files were written by tut's own generator, so
    this checks that the generator still reproduces them byte for byte (nothing drifted), not
    that they are right; their content is checked by the tests above."""
    build(tmp_path)
    for rel in (
        "segments.csv",
        "intended-codes.csv",
        "study/segments.jsonl",
        "study/journals/ana.jsonl",
        "study/journals/beto.jsonl",
        "study/journals/carla.jsonl",
        "study/journals/dora.jsonl",
        "study/study.json",
        "study/recode/ana.json",
    ):
        assert (tmp_path / rel).read_bytes() == (EXAMPLE_DIR / rel).read_bytes(), rel
    assert not list((tmp_path / "study" / "journals").glob("*.lock"))
