"""`tut report` on the example study with the synthetic microdata: the HTML is one
self-contained file whose sections and numbers match report.json, in English and Spanish."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tut.cli import main
from tut.examples import EXAMPLE_STUDY
from tut.project import shipped_dir

SECTIONS = (
    "summary",
    "wordings",
    "interviews",
    "agreement",
    "microdata",
    "methods",
    "provenance",
    "appendix",
)


class Page(HTMLParser):
    """Everything the tests look at in one pass: sections, links, cells with values."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, str] = {}
        self.h2: list[str] = []
        self.urls: list[tuple[str, str, str]] = []
        self.tags: set[str] = set()
        self.cells: list[dict[str, str]] = []
        self.rows: list[dict[str, str]] = []
        self._in_h2 = False
        self.lang = ""
        self.section = ""
        self.text: dict[str, list[str]] = {}
        """Visible text per section, without the spec (a copy of the user's YAML)."""
        self._in_pre = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.add(tag)
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "section":
            self.section = a.get("id", "")
            self.sections[self.section] = tag
        if tag == "pre":
            self._in_pre = True
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")
        for name in ("href", "src", "xlink:href", "action", "srcset", "poster", "data"):
            if name in a:
                self.urls.append((tag, name, a[name]))
        if tag == "tr":
            self.rows.append(a)
        if tag == "td" and "data-value" in a:
            row = {f"row:{k}": v for k, v in (self.rows[-1] if self.rows else {}).items()}
            self.cells.append({**a, **row, "section": self.section})

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_h2 = False
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data):
        if self._in_h2:
            self.h2[-1] += data
        if not self._in_pre:
            self.text.setdefault(self.section, []).append(data)

    def section_text(self, section: str) -> str:
        return " ".join(" ".join(self.text.get(section, [])).split())


def _run(*args: str) -> None:
    rc = main(list(args))
    assert rc == 0


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    data = root / "data"
    _run("demo-data", "--out", str(data), "--n", "3000")
    spec = data / "spec.yaml"
    common = ["--data", str(spec), "--bootstrap", "200", "--seed", "3"]
    _run("report", str(EXAMPLE_STUDY), *common, "--out", str(root / "en"))
    _run("report", str(EXAMPLE_STUDY), *common, "--out", str(root / "es"), "--lang", "es")
    _run("report", str(EXAMPLE_STUDY), *common, "--out", str(root / "pseudo"), "--pseudonymise")
    return root


def _page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _json(path: Path) -> dict:
    return json.loads((path / "report.json").read_text(encoding="utf-8"))


def test_three_files_are_written(made):
    for lang in ("en", "es"):
        for name in ("report.html", "report.md", "report.json"):
            assert (made / lang / name).stat().st_size > 1000


def test_html_has_every_section_in_order(made):
    page = _page(made / "en" / "report.html")
    assert list(page.sections) == list(SECTIONS)
    assert page.h2 == [
        "Summary",
        "The wordings side by side",
        "What the interviews revealed",
        "Inter-coder agreement",
        "What the microdata measured",
        "Methods",
        "Provenance and reproduction",
        "Appendix: full tables",
    ]


def test_html_is_self_contained_without_external_urls(made):
    html = (made / "en" / "report.html").read_text(encoding="utf-8")
    page = _page(made / "en" / "report.html")
    assert page.urls, "the table of contents links to the sections"
    for tag, attr, url in page.urls:
        assert url.startswith("#"), (tag, attr, url)
    assert not page.tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert "@import" not in html and "url(" not in html
    assert page.tags >= {"svg", "style"}
    # citation URLs are printed as text only
    assert "https://omb.report/icr/201307-1220-001/doc/40947901" in html
    assert not re.search(r"(?:href|src)\s*=\s*[\"']?\s*(?:https?:)?//", html)


def test_html_prints_on_a4(made):
    html = (made / "en" / "report.html").read_text(encoding="utf-8")
    assert "@page" in html and "size: A4" in html and "@media print" in html
    assert html.count("<svg") >= 2  # estimates chart and code-distribution chart


def _close(shown: str, value) -> bool:
    return value is not None and math.isclose(float(shown), float(value), rel_tol=1e-12)


def test_html_numbers_are_the_numbers_of_report_json(made):
    data = _json(made / "en")
    page = _page(made / "en" / "report.html")
    cells = page.cells

    # agreement: every row of every scope
    agreement = data["agreement"]
    rows = [
        agreement["overall"],
        *agreement["by_code"],
        *agreement["by_variant"],
        *agreement["by_pair"],
        *agreement["intra"],
    ]
    for row in rows:
        if row["value"] is None:
            continue
        match = [
            c
            for c in cells
            if c.get("row:data-scope") == row["scope"]
            and c.get("row:data-key") == row["key"]
            and c.get("data-field") == "alpha"
        ]
        assert len(match) == 1, (row["scope"], row["key"])
        assert _close(match[0]["data-value"], row["value"])

    # how each wording was read
    for coding in data["coding"]:
        reading = coding["reading"]
        for field in ("target", "off_target", "respondents"):
            match = [
                c
                for c in cells
                if c.get("row:data-variant") == coding["variant"] and c.get("data-field") == field
            ]
            assert len(match) == 1 and _close(match[0]["data-value"], reading[field])

    # estimates and differences from the microdata
    comp = data["comparison"]
    assert comp["estimates"] and comp["differences"]
    for est in comp["estimates"]:
        domain = json.dumps(est["domain"], sort_keys=True, ensure_ascii=False)
        match = [
            c
            for c in cells
            if c.get("data-field") == "estimate"
            and c.get("data-outcome") == est["outcome"]
            and c.get("data-variant") == est["variant"]
            and c.get("data-domain") == domain
        ]
        assert len(match) == 1, (est["outcome"], est["variant"], domain)
        assert _close(match[0]["data-value"], est["estimate"])
    for diff in comp["differences"]:
        domain = json.dumps(diff["domain"], sort_keys=True, ensure_ascii=False)
        effect = "cohens_h" if "cohens_h" in diff else "cohens_d"
        for field, key in (("diff", "diff"), ("p_holm", "p_holm"), ("effect_size", effect)):
            match = [
                c
                for c in cells
                if c.get("data-field") == field
                and c.get("data-outcome") == diff["outcome"]
                and c.get("data-a") == diff["a"]
                and c.get("data-domain") == domain
            ]
            assert len(match) == 1 and _close(match[0]["data-value"], diff[key])


def test_summary_states_the_answer_and_the_microdata_consequence(made):
    data = _json(made / "en")
    html = (made / "en" / "report.html").read_text(encoding="utf-8")
    micro = data["summary"]["microdata"]
    assert micro, "the spec compares atus-incare-en with cand-responsible-en"
    first = micro[0]
    assert (first["a"], first["b"]) == ("atus-incare-en", "cand-responsible-en")
    diff = next(
        d
        for d in data["comparison"]["differences"]
        if d["outcome"] == first["outcome"] and d["domain"] == {}
    )
    assert first["diff"] == diff["diff"]
    assert f"{diff['diff']:+,.1f}" in html
    headline = re.search(r'<p class="headline" id="headline">(.*?)</p>', html).group(1)
    assert "supervisory care" in headline
    assert data["summary"]["headline"]["key"].startswith("headline-")


def test_spanish_report_has_spanish_text_and_the_same_numbers(made):
    page = _page(made / "es" / "report.html")
    assert page.lang == "es"
    assert page.h2[0] == "Resumen" and "Métodos" in page.h2
    en, es = _json(made / "en"), _json(made / "es")
    # the same numbers and caveats; only the caveats' and designs' text is in the report's
    # language
    en_caveats, es_caveats = en["comparison"].pop("caveats"), es["comparison"].pop("caveats")
    designs = [[d.pop("design") for d in r["comparison"]["datasets"]] for r in (en, es)]
    assert designs[0][0].startswith("160 replicate weights")
    assert designs[1][0].startswith("160 pesos replicados")
    assert en["comparison"] == es["comparison"]
    assert len(en_caveats) == len(es_caveats) and en_caveats != es_caveats
    assert en["agreement"] == es["agreement"]
    md = (made / "es" / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# Informe de comparación de redacciones")
    assert "## Lo que revelaron las entrevistas" in md


def test_markdown_has_the_same_sections(made):
    md = (made / "en" / "report.md").read_text(encoding="utf-8")
    for heading in (
        "## Summary",
        "## The wordings side by side",
        "## What the interviews revealed",
        "## Inter-coder agreement",
        "## What the microdata measured",
        "## Methods",
        "## Provenance and reproduction",
        "## Appendix: full tables",
    ):
        assert heading in md


def test_provenance_lists_hashes_versions_seed_and_command(made):
    import hashlib

    prov = _json(made / "en")["provenance"]
    assert prov["seed"] == 3
    assert "--seed 3" in prov["command"] and "--bootstrap 200" in prov["command"]
    for name in ("tut", "python", "numpy", "pyreadstat", "krippendorff"):
        assert prov["software"][name]
    roles = {f["role"] for f in prov["files"]}
    assert {"study", "journal", "comparison spec", "microdata", "wordings"} <= roles
    # no absolute path of this machine: shipped wordings by <tut>/, the rest relative to
    # the project (here the current folder, as no --project was given)
    assert not [f["path"] for f in prov["files"] if Path(f["path"]).is_absolute()]
    registry = next(f for f in prov["files"] if f["role"] == "wordings")
    shipped = registry["path"].startswith("<tut>/instruments/")
    where = (
        shipped_dir("instruments") / registry["path"].removeprefix("<tut>/instruments/")
        if shipped
        else Path(registry["path"])  # this checkout is the project: its own instruments/
    )
    assert registry["sha256"] == hashlib.sha256(where.read_bytes()).hexdigest()
    spec = next(f for f in prov["files"] if f["role"] == "comparison spec")
    assert spec["sha256"] == hashlib.sha256(Path(spec["path"]).read_bytes()).hexdigest()
    assert "care_min" in prov["spec_text"]
    # the command as typed
    assert prov["command"].startswith("tut report ") and "--project" not in prov["command"]


def test_pseudonymised_report_has_no_respondent_ids(made):
    from tut.coding.study import open_study

    ids = {s.respondent_id for s in open_study(EXAMPLE_STUDY).segments}
    for name in ("report.html", "report.md", "report.json"):
        text = (made / "pseudo" / name).read_text(encoding="utf-8")
        assert not [i for i in ids if re.search(rf"\b{i}\b", text)], name
        assert re.search(r"\bR\d\d\b", text)


def test_bad_input_is_one_clear_error(run_cli, tmp_path):
    result = run_cli("report", str(tmp_path / "nostudy"), "--out", str(tmp_path / "o"))
    assert result.code == 2 and result.err.startswith("error: ")
    assert "no study found" in result.err and "Traceback" not in result.err
    result = run_cli(
        "report",
        str(EXAMPLE_STUDY),
        "--data",
        str(tmp_path / "missing.yaml"),
        "--out",
        str(tmp_path / "o"),
    )
    assert result.code == 2 and "missing.yaml" in result.err
    assert not (tmp_path / "o").exists()


def test_gaps_and_item_nonresponse_match_report_json(made):
    data = _json(made / "en")
    cells = _page(made / "en" / "report.html").cells
    comp = data["comparison"]
    assert comp["gaps"] and comp["missing"] and comp["nonresponse_differences"]
    for gap in comp["gaps"]:
        domain = json.dumps(gap["domain"], sort_keys=True, ensure_ascii=False)
        match = [
            c
            for c in cells
            if c.get("data-field") == gap["kind"]
            and c.get("row:data-outcome") == gap["outcome"]
            and c.get("row:data-variant") == (gap.get("variant") or "")
            and c.get("row:data-a") == (gap.get("a") or "")
            and c.get("row:data-domain") == domain
        ]
        assert len(match) == 1, (gap["kind"], gap["outcome"], domain)
        assert _close(match[0]["data-value"], gap[gap["kind"]])
    # item non-response per variant: outcomes built from one variable share one row
    shown = {
        c["row:data-variant"]: c
        for c in cells
        if c.get("row:data-row") == "missing" and c.get("data-field") == "weighted_rate"
    }
    assert set(shown) == {m["variant"] for m in comp["missing"]}
    for m in comp["missing"]:
        assert _close(shown[m["variant"]]["data-value"], m["weighted_rate"])
        assert shown[m["variant"]]["section"] == "microdata"
    diffs = [
        c
        for c in cells
        if c.get("row:data-row") == "nonresponse-difference" and c.get("data-field") == "diff"
    ]
    assert diffs and all(
        any(_close(c["data-value"], d["diff"]) for c in diffs)
        for d in comp["nonresponse_differences"]
    )


def test_cross_classified_domains_are_in_the_appendix(made):
    cells = [c for c in _page(made / "en" / "report.html").cells if "data-domain" in c]
    assert cells
    for c in cells:
        keys = json.loads(c["data-domain"])
        assert c["section"] == ("appendix" if len(keys) > 1 else "microdata"), (keys, c)
    assert any(len(json.loads(c["data-domain"])) > 1 for c in cells)


def test_first_section_is_a_summary_that_stands_alone(made):
    """Everything the expert group needs is in the summary: the answer, the key numbers of
    interviews, agreement and microdata with intervals, the chart and the main caveats."""
    data = _json(made / "en")
    html = (made / "en" / "report.html").read_text(encoding="utf-8")
    page = _page(made / "en" / "report.html")
    summary = page.section_text("summary")

    headline = data["summary"]["headline"]
    assert headline["text"] in summary and headline["key"].startswith("headline-")
    # wordings are named by their labels; ids only in the appendix
    labels = {w["id"]: w["label"] for w in data["wordings"]}
    assert labels["cand-responsible-en"] in headline["text"]
    assert "cand-responsible-en" not in summary and "atus-incare-en" not in summary
    # the headline is hedged: on-call and monitoring, target codes, have alpha below 0.667
    assert headline["text"].startswith("Tentatively")
    for f in data["summary"]["languages"]:
        for reading in (f["reference_reading"], f["alternative_reading"]):
            assert f"{reading['target']}/{reading['respondents']}" in summary
    overall = data["agreement"]["overall"]
    lo, hi = overall["ci"]
    assert f"{overall['value']:.3f} [{lo:.3f}, {hi:.3f}]" in summary
    m = data["summary"]["microdata"][0]
    assert f"{m['estimate_a']:.1f} [{m['ci_a'][0]:.1f}, {m['ci_a'][1]:.1f}]" in summary
    assert f"{m['diff']:+.1f} [{m['ci'][0]:+.1f}, {m['ci'][1]:+.1f}]" in summary
    assert f"{m['did']:+.1f} [{m['did_ci'][0]:+.1f}, {m['did_ci'][1]:+.1f}]" in summary
    assert f"{100 * m['nonresponse_a']:.1f}%" in summary
    assert f"Cohen's d {m['effect_size']:.2f}" in summary
    assert "Read with care" in summary and "tentative" in summary
    summary_html = html[
        html.index('<section id="summary">') : html.index('<section id="wordings">')
    ]
    assert "<svg" in summary_html and 'id="estimates-chart"' in summary_html
    assert 'id="caveats"' in summary_html and 'id="key-numbers"' in summary_html
    assert re.search(r"#summary \{ break-after: page", html), "the rest starts on page 2"


def test_spanish_report_speaks_spanish_around_the_data(made):
    page = _page(made / "es" / "report.html")
    text = " ".join(page.section_text(s) for s in SECTIONS)
    for spanish in (
        "Sexo: Mujer",
        "Sexo: Hombre",
        "Grupo de edad",
        "minutos al día",
        "Cuidado pasivo de niñas y niños menores de 13",
        "Tome en cuenta",
        "d de Cohen",
        "paráfrasis",
        "término sin definir",
        "Brecha Mujer − Hombre",
        "-2 No sabe",
    ):
        assert spanish in text, spanish
    # the demo's value labels and units are translated; only the user's spec (in <pre>),
    # wordings and answers stay as written
    for english in (
        "Female",
        "Male",
        "minutes per day",
        "Cohen's",
        "in use",
        "Read with care",
        "Don't know",
    ):
        assert not re.search(rf"\b{re.escape(english)}\b", text), english


def test_markdown_summary_has_the_key_numbers(made):
    data = _json(made / "en")
    md = (made / "en" / "report.md").read_text(encoding="utf-8")
    summary = md[md.index("## Summary") : md.index("## The wordings side by side")]
    m = data["summary"]["microdata"][0]
    # brackets escaped once, so Markdown shows "[lo, hi]" and never a link or "\[".
    assert f"{m['diff']:+.1f} \\[{m['ci'][0]:+.1f}, {m['ci'][1]:+.1f}\\]" in summary
    assert "\\\\[" not in md
    overall = data["agreement"]["overall"]
    assert f"{overall['value']:.3f} \\[{overall['ci'][0]:.3f}, {overall['ci'][1]:.3f}\\]" in summary
    assert "### Read with care" in summary


class _Balance(HTMLParser):
    VOID = {"br", "wbr", "meta"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[tuple[str, tuple[int, int]]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.errors.append((tag, self.getpos()))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_html_elements_are_all_closed(made, lang):
    """Unclosed tables or sections would let a printed page swallow the next section."""
    parser = _Balance()
    parser.feed((made / lang / "report.html").read_text(encoding="utf-8"))
    assert parser.errors == [] and parser.stack == []


def _study_with(tmp_path: Path, methods: str | None = None) -> Path:
    import shutil

    study = tmp_path / "study"
    shutil.copytree(EXAMPLE_STUDY, study)
    if methods is not None:
        (study / "methods.yaml").write_text(methods, encoding="utf-8")
    return study


@pytest.mark.parametrize("methods", ["", "# notes to come\n", "---\n# none yet\n"])
def test_empty_study_notes_are_no_notes(run_cli, tmp_path, methods):
    """Every field of methods.yaml is optional, so an empty file is a study without notes."""
    study = _study_with(tmp_path, methods)
    out = tmp_path / "out"
    result = run_cli("report", str(study), "--out", str(out), "--bootstrap", "0")
    assert result.code == 0, result.err
    methods_text = _page(out / "report.html").section_text("methods")
    assert methods_text and "Find out how" not in methods_text
    assert "Find out how" not in (out / "report.md").read_text(encoding="utf-8")


def test_skipped_journal_lines_are_warned_about(run_cli, tmp_path):
    """As `tut study status`: the report is written, and stderr names each skipped line."""
    study = _study_with(tmp_path)
    journal = study / "journals" / "carla.jsonl"
    lines = journal.read_bytes().count(b"\n")
    with journal.open("ab") as f:
        f.write(b"not json at all\n")
    out = tmp_path / "out"
    result = run_cli("report", str(study), "--out", str(out), "--bootstrap", "0")
    assert result.code == 0, result.err
    assert (out / "report.html").is_file()
    warned = [w for w in result.err.splitlines() if w.startswith("warning: ")]
    assert warned == [w for w in warned if f"{journal}:line {lines + 1}: not a valid event" in w]
    assert len(warned) == 1, result.err


def test_each_language_leads_with_its_own_comparison_and_names(made):
    """The Spanish report leads with the Spanish pair and names wordings and codes by their
    Spanish labels; registry and code ids appear only in the appendix."""
    es = _json(made / "es")
    assert es["summary"]["headline"]["params"]["alternative"] == "cand-responsible-es"
    assert _json(made / "en")["summary"]["headline"]["params"]["alternative"] == (
        "cand-responsible-en"
    )
    html = (made / "es" / "report.html").read_text(encoding="utf-8")
    findings = re.findall(r'<p class="finding" data-finding="[^"]*" data-language="(\w+)"', html)
    assert findings[0] == "es"
    page = _page(made / "es" / "report.html")
    ids = [w["id"] for w in es["wordings"]] + [c["id"] for c in es["frame_codes"]]
    ids = [i for i in ids if "-" in i]  # one-word ids ("responsibility") occur in quotes
    for section in ("summary", "interviews", "agreement", "microdata"):
        text = page.section_text(section)
        assert not [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)], section
    labels_es = {w["id"]: w["label_es"] for w in es["wordings"]}
    assert labels_es["cand-responsible-es"] in page.section_text("summary")
    appendix = page.section_text("appendix")
    assert "cand-responsible-es" in appendix and "on-call" in appendix
    # quotes say which kind of probe they answer in Spanish, not the probe's English id
    interviews = page.section_text("interviews")
    assert ", comprensión" in interviews and ", meaning" not in interviews


def test_readings_chart_has_one_panel_per_language_with_title_and_text(made):
    html = (made / "es" / "report.html").read_text(encoding="utf-8")
    figure = html[html.index('<figure id="readings-chart">') :]
    figure = figure[: figure.index("</figure>")]
    panels = re.findall(r'<div class="panel" data-language="(\w+)">', figure)
    assert panels == ["es", "en"]  # the report's own language first
    data = _json(made / "es")
    assert figure.count("<title>") == 2 and figure.count("<desc>") == 2
    for f in data["summary"]["languages"]:
        reading = f["alternative_reading"]
        assert f"{reading['target']}/{reading['respondents']}" in figure
