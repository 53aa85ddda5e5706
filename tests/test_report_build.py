"""Building the report from the example study: the decision rules, consensus, quotes,
pseudonyms and escaping, on the real stage objects (no microdata here; see test_report_cli)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tut.coding.consensus import consensus
from tut.coding.model import Adjudication
from tut.examples import EXAMPLE_STUDY
from tut.project import find_project
from tut.report import build_report, render_html, render_markdown, report_json
from tut.report.build import QUOTE_CHARS, QUOTES_PER_CODE, pseudonyms
from tut.report.decide import verdict
from tut.report.inputs import load_report_input
from tut.report.model import AlphaRow, InputFile

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def inputs():
    return load_report_input(EXAMPLE_STUDY, project=find_project(REPO), bootstrap=200, seed=7)


@pytest.fixture(scope="module")
def report(inputs):
    return build_report(inputs)


def test_summary_answer_follows_the_readings_of_each_wording(report):
    findings = {f.language: f for f in report.summary.languages}
    assert set(findings) == {"en", "es"}
    for f in findings.values():
        delta = f.alternative_reading.target_share - f.reference_reading.target_share
        assert f.delta == delta
        assert f.finding == verdict(delta, f.p)
        assert f.reference in ("atus-incare-en", "enut-child-pendiente-es")  # the ones in use
        # every example respondent reads a wording on or off target: one measure is enough
        assert not f.show_off_target
        # on-call and monitoring (alpha 0.52, 0.63) are target codes: the finding is hedged
        assert f.hedged and {"on-call", "monitoring"} <= set(f.rule_codes)
    assert findings["en"].finding == "better" and findings["en"].test == "mcnemar"
    key, params = report.summary.headlines["en"]
    assert key == "headline-better-tentative"
    assert params["alternative"] == "cand-responsible-en"
    assert report.summary.headlines["es"][1]["alternative"] == "cand-responsible-es"


def test_readings_count_respondents_from_consensus_codes(inputs, report):
    cons = consensus([s.id for s in inputs.segments], inputs.codings, inputs.adjudications)
    comprehension = {
        p.id for p in inputs.protocol.probes if p.kind in ("comprehension", "paraphrase")
    }
    target = set(inputs.notes.target_codes)
    for coding in report.coding:
        on = {
            s.respondent_id
            for s in inputs.segments
            if s.variant_id == coding.variant
            and s.probe_id in comprehension
            and set(cons[s.id][0]) & target
        }
        assert coding.reading.target == len(on)
        assert coding.coded + coding.unresolved <= coding.segments


def test_consensus_prefers_adjudication_then_agreement():
    codings = {
        "a": {"s1": ("x",), "s2": ("x",), "s3": ("x",)},
        "b": {"s1": ("y",), "s2": ("x",), "s3": ("y",)},
    }
    adj = {"s1": Adjudication("s1", ("y",), "dora", "b is right")}
    cons = consensus(["s1", "s2", "s3", "s4"], codings, adj)
    assert cons["s1"] == (("y",), "adjudicated")
    assert cons["s2"] == (("x",), "agreed")
    assert cons["s3"] == ((), "unresolved")
    assert cons["s4"] == ((), "uncoded")


def test_unreliable_frame_makes_the_answer_inconclusive_and_flags_numbers(inputs):
    weak = AlphaRow("overall", inputs.frame.id, 0.52, (0.45, 0.6), "unreliable", 360, 1000)
    report = build_report(replace(inputs, agreement=replace(inputs.agreement, overall=weak)))
    assert report.summary.headline[0] == "headline-inconclusive"
    assert all(f.finding == "inconclusive" for f in report.summary.languages)
    html = render_html(report, "en")
    assert "NOT reliable" in html
    assert 'class="flagged"' in html or "class=flagged" in html
    md = render_markdown(report, "en")
    assert "⚠ **The coding frame is NOT reliable" in md


def test_codes_below_the_floor_are_flagged(report):
    unreliable = {r.key for r in report.agreement.by_code if r.verdict == "unreliable"}
    assert unreliable, "the example's on-call/monitoring split is below 0.667"
    assert set(report.summary.unreliable_codes) == unreliable
    for coding in report.coding:
        for c in coding.codes:
            if c.code in unreliable:
                assert c.unreliable


def test_quotes_are_short_chosen_per_code_and_deterministic(inputs, report):
    again = build_report(inputs)
    assert [[q for c in v.codes for q in c.quotes] for v in report.coding] == [
        [q for c in v.codes for q in c.quotes] for v in again.coding
    ]
    by_id = {s.id: s for s in inputs.segments}
    for coding in report.coding:
        for c in coding.codes:
            assert c.quotes, c.code
            assert len({q.respondent for q in c.quotes}) == len(c.quotes)
            for q in c.quotes:
                seg = by_id[q.segment_id]
                assert seg.variant_id == coding.variant
                assert len(q.text) <= QUOTE_CHARS


def test_pseudonymise_replaces_every_respondent_id(inputs):
    report = build_report(replace(inputs, pseudonymise=True))
    real = {s.respondent_id for s in inputs.segments}
    names = pseudonyms(inputs.segments)
    assert names[inputs.segments[0].respondent_id] == "R01"
    assert sorted(names.values())[-1] == f"R{len(real):02d}"
    outputs = [
        render_html(report, "en"),
        render_markdown(report, "en"),
        json.dumps(report_json(report), ensure_ascii=False),
    ]
    for text in outputs:
        leaked = {rid for rid in real if re.search(rf"\b{rid}\b", text)}
        assert not leaked, sorted(leaked)[:5]
    quoted = {q.respondent for c in report.coding for cc in c.codes for q in cc.quotes}
    assert quoted <= set(names.values())
    assert build_report(replace(inputs, pseudonymise=True)).coding == report.coding  # stable


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data):
        self.text.append(data)


def test_respondent_text_is_escaped(inputs):
    """An answer with markup is shown as text in every output, never run or rendered."""
    evil = "<script>alert(1)</script> & <b>bold</b> | *stars*"
    target = next(s for s in inputs.segments if s.probe_id == "meaning")
    segments = tuple(replace(s, answer=evil) if s.id == target.id else s for s in inputs.segments)
    # the only answer with a code nobody else used, so it is the quote for that code
    codes = ("other-interpretation",)
    adjudications = dict(inputs.adjudications)
    adjudications[target.id] = Adjudication(target.id, codes, "dora", "<img src=x onerror=1>")
    report = build_report(replace(inputs, segments=segments, adjudications=adjudications))
    assert any(
        q.text.startswith("<script>") for c in report.coding for cc in c.codes for q in cc.quotes
    )
    html = render_html(report, "en")
    parser = _Scripts()
    parser.feed(html)
    assert parser.scripts == 0
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert any("<script>alert(1)</script>" in chunk for chunk in parser.text)
    md = render_markdown(report, "en")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "<b>" not in md


def test_escape_sequences_in_user_text_are_shown_not_sent(inputs):
    """A report.md read with `cat` must not retitle or clear the terminal (issue 13)."""
    evil = "on call\x1b]0;pwned\x07 \x1b[2J\u202eevil"
    target = next(s for s in inputs.segments if s.probe_id == "meaning")
    segments = tuple(replace(s, answer=evil) if s.id == target.id else s for s in inputs.segments)
    adjudications = dict(inputs.adjudications)
    adjudications[target.id] = Adjudication(target.id, ("other-interpretation",), "dora\x1b[31m", "ok")
    report = build_report(replace(inputs, segments=segments, adjudications=adjudications))
    for text in (render_html(report, "en"), render_markdown(report, "en")):
        assert not any(ch in text for ch in "\x1b\x07\u202e")
        shown = text.replace("\\", "")  # Markdown escapes brackets and backslashes
        assert "␛]0;pwned␇" in shown and "␛[2J" in shown and "u202eevil" in shown


def test_wordings_diff_and_checks_come_from_the_instruments_stage(report):
    ids = [w.id for w in report.wordings]
    assert ids == list(report.study.variants)
    atus = next(w for w in report.wordings if w.id == "atus-incare-en")
    assert not atus.read_out and atus.text_status == "paraphrase"
    assert any(f.check == "undefined-term" for f in atus.flags)
    pair = next(p for p in report.pairs if p.language == "en")
    assert (pair.reference, pair.alternative) == ("atus-incare-en", "cand-responsible-en")
    assert any(p.kind == "delete" and "care" in p.text for p in pair.pieces)
    assert any(p.kind == "insert" and "responsible" in p.text for p in pair.pieces)


def test_methods_follow_cirf_and_count_the_sample(report):
    s = report.sample
    assert s["respondents"] == 40
    assert s["segments"] == sum(c.segments for c in report.coding)
    assert s["by_language"] == {"en": 22, "es": 18}
    assert s["interviewers"] == ["JM", "KW", "LR", "MG"]
    assert s["consensus"]["unresolved"] == 0
    assert report.notes.objectives and report.notes.limitations
    html = render_html(report, "en")
    for heading in (
        "Research objectives",
        "Research design",
        "Sample",
        "Data collection and protocol",
        "Interviewers",
        "Coding and analysis",
        "Strengths and limitations",
        "Boeije and Willis 2013",
    ):
        assert heading in html, heading


def test_a_study_with_one_coder_gets_a_report_that_says_why_it_cannot_decide(tmp_path):
    from tut.coding.store import CoderJournal
    from tut.coding.study import create_study, open_study

    example = open_study(EXAMPLE_STUDY)
    segments = [s for s in example.segments if s.respondent_id in ("EN01", "EN02", "ES01")]
    study_dir = tmp_path / "one-coder"
    create_study(
        study_dir,
        "one-coder",
        example.protocol,
        segments,
        frame_id=example.frame.id,
        wordings=example.wordings,
    )
    with CoderJournal.open(study_dir, "solo", example.frame) as journal:
        for s in segments:
            journal.set_codes(s.id, ["presence-only"])
    inputs = load_report_input(study_dir, project=find_project(REPO), bootstrap=0)
    report = build_report(inputs)
    assert report.agreement.overall.verdict == "undefined"
    assert report.summary.headline[0] == "headline-undefined"
    assert all(f.finding == "inconclusive" for f in report.summary.languages)
    html = render_html(report, "en")
    assert "could not be computed" in html and "two coders" in html
    assert "No se pudo calcular" in render_markdown(report, "es")
    json.dumps(report_json(report), allow_nan=False)  # plain JSON: no NaN, no objects left


class _QuoteCells(HTMLParser):
    """Quotes per (code, wording column) in the side-by-side quote tables."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, int], int] = {}
        self.columns: list[list[str]] = []
        self._table = False
        self._code = ""
        self._col = -1
        self._head = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._table = "quotes" in (a.get("class") or "")
            if self._table:
                self.columns.append([])
        if not self._table:
            return
        if tag == "thead":
            self._head = True
        if tag == "tr":
            self._code, self._col = a.get("data-code") or "", -1
        if tag == "td":
            self._col += 1
        if tag == "li" and self._code and self._col > 0:
            key = (f"{len(self.columns)}:{self._code}", self._col)
            self.cells[key] = self.cells.get(key, 0) + 1

    def handle_endtag(self, tag):
        if tag == "thead":
            self._head = False

    def handle_data(self, data):
        if self._table and self._head and data.strip():
            self.columns[-1].append(data.strip())


def test_quotes_are_capped_per_code_and_wording_and_side_by_side(report):
    for coding in report.coding:
        for c in coding.codes:
            assert c.count > 0, "only codes that occur are listed"
            assert 1 <= len(c.quotes) <= QUOTES_PER_CODE
    parser = _QuoteCells()
    parser.feed(render_html(report, "en"))
    assert len(parser.columns) == 2, "one table per language"
    assert parser.cells and max(parser.cells.values()) <= QUOTES_PER_CODE
    total = sum(len(c.quotes) for v in report.coding for c in v.codes)
    assert sum(parser.cells.values()) == total


def test_long_answers_are_cut_with_an_ellipsis(inputs):
    target = next(s for s in inputs.segments if s.probe_id == "meaning")
    long = "Well, " + "I was keeping an eye on the kids while cooking and cleaning, " * 8 + "END"
    segments = tuple(replace(s, answer=long) if s.id == target.id else s for s in inputs.segments)
    adjudications = dict(inputs.adjudications)
    adjudications[target.id] = Adjudication(target.id, ("other-interpretation",), "dora", "x")
    report = build_report(replace(inputs, segments=segments, adjudications=adjudications))
    (quote,) = [
        q
        for v in report.coding
        for c in v.codes
        if c.code == "other-interpretation"
        for q in c.quotes
    ]
    assert quote.text.endswith("…") and len(quote.text) <= QUOTE_CHARS
    assert long.startswith(quote.text[:-1]) and "END" not in quote.text


def test_file_text_is_escaped_everywhere(inputs):
    """Study notes, wordings, the spec and file names come from files: shown as text."""
    evil = "<script>alert(1)</script> & <b>x</b>"
    variants = dict(inputs.variants)
    vid = next(iter(variants))
    variants[vid] = replace(variants[vid], wording=f"In your care {evil}?")
    notes = replace(
        inputs.notes, objectives=evil, limitations=(evil,), sample={"size": evil}, translations={}
    )
    provenance = replace(
        inputs.provenance,
        spec_text=f"title: {evil}\n",
        files=(InputFile("study", "a&b/<script>.json", "0" * 64, 1),),
        command=f"tut report {evil}",
    )
    report = build_report(
        replace(inputs, variants=variants, notes=notes, provenance=provenance, title=evil)
    )
    html = render_html(report, "es")
    parser = _Scripts()
    parser.feed(html)
    assert parser.scripts == 0 and "<b>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;") >= 5
    assert "a&amp;b/&lt;script&gt;.json" in html
    md = render_markdown(report, "es")
    # code spans and the fenced spec show their content literally in Markdown (entities
    # would print as "&lt;" there); everywhere else markup is escaped
    prose = re.sub(r"`[^`]*`", "", md[: md.index("~~~~yaml")])
    assert "<script>" not in prose and "<b>" not in prose
    assert prose.count("&lt;script&gt;") >= 4


def _study_copy(tmp_path: Path, methods: str) -> Path:
    import shutil

    study = tmp_path / "study"
    shutil.copytree(EXAMPLE_STUDY, study)
    (study / "methods.yaml").write_text(methods, encoding="utf-8")
    return study


def test_methods_yaml_problems_are_one_clear_error_each(run_cli, tmp_path):
    text = (EXAMPLE_STUDY / "methods.yaml").read_text(encoding="utf-8")
    bad = text.replace("objectives:", "objetives:").replace(
        "limitations:\n", "limitations: Purposive sample\nleftover:\n"
    )
    study = _study_copy(tmp_path, bad)
    result = run_cli("report", str(study), "--out", str(tmp_path / "out"), "--bootstrap", "0")
    assert result.code == 2 and "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert any(
        "(/objetives): unknown field 'objetives' (did you mean 'objectives'?)" in x for x in lines
    )
    assert any("(/limitations):" in x and "list" in x for x in lines)
    assert all(x.startswith(f"error: {study / 'methods.yaml'}:line ") for x in lines), lines
    assert not (tmp_path / "out").exists()


def test_a_misspelt_target_code_is_refused(run_cli, tmp_path):
    text = (EXAMPLE_STUDY / "methods.yaml").read_text(encoding="utf-8")
    study = _study_copy(tmp_path, text.replace("[responsibility,", "[responsability,"))
    result = run_cli("report", str(study), "--out", str(tmp_path / "out"), "--bootstrap", "0")
    assert result.code == 2
    assert "(/concept/target_codes/0): 'responsability' is not a code" in result.err
    assert "did you mean 'responsibility'?" in result.err


def test_study_notes_in_the_report_language(report):
    """methods.yaml texts given as {en: ..., es: ...} are printed in the report's language."""
    es = report.notes.in_language("es")
    assert es is not report.notes and es.objectives.startswith("Conocer cómo")
    assert report.notes.objectives.startswith("Find out how")
    assert es.target_codes == report.notes.target_codes
    html_es, html_en = render_html(report, "es"), render_html(report, "en")
    assert "Muestra intencional de 40 personas" in html_es and "Purposive sample" not in html_es
    assert "Purposive sample of 40" in html_en and "Muestra intencional" not in html_en
    assert "Recodificación ciega" in render_markdown(report, "es")
