"""A categorical outcome shown as its categories' shares per wording: the `tut compare`
table (80 columns and wide), its JSON, and the report's microdata section in English and
Spanish. The numbers themselves equal R's (tests/test_compare_r_api.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

API = Path(__file__).parent / "fixtures" / "compare" / "api"
A, B = "atus-incare-en", "cand-responsible-en"


@pytest.fixture
def api_spec(tmp_path: Path) -> Path:
    shutil.copy(API / "api.sav", tmp_path / "api.sav")
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"""datasets:
  - file: api.sav
    variant: {{variable: ballot, map: {{1: {A}, 2: {B}}}}}
    weight: w
    design: {{psu: dnum}}
outcomes:
  - {{name: api, variable: api00, kind: mean}}
  - {{name: type, label: School type, variable: stype_n, kind: mean, categorical: true}}
domains: [{{variable: enroll, name: large, condition: '>= 500'}}]
""")
    return spec


def test_the_table_shows_each_category_share_in_80_columns(
    api_spec: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = run_cli("compare", str(api_spec)).out
    assert max(len(line) for line in out.splitlines()) <= 80
    data = json.loads(run_cli("compare", str(api_spec), "--json").out)
    shares = {(x["category"], x["variant"], tuple(x["domain"].items())): x
              for x in data["estimates"] if x.get("category")}
    lines = out.splitlines()
    start = lines.index(next(x for x in lines if x.startswith("type (categories): share %")))
    rows = lines[start + 3:start + 6]  # title, heads, rule, then All: E, H, M
    for row, label in zip(rows, ("E", "H", "M"), strict=True):
        a, b = shares[(label, A, ())], shares[(label, B, ())]
        diff = next(d for d in data["differences"] if d.get("category") == label
                    and d["domain"] == {})
        assert row.split()[0 if label != "E" else 1] == label
        # the share in percent with its Korn-Graubard interval, then B - A in pp
        assert f"{100 * a['estimate']:.1f}" in row and f"{100 * b['estimate']:.1f}" in row
        assert f"[{100 * a['ci_beta'][0]:.1f},{100 * a['ci_beta'][1]:.1f}]" in row
        assert f"{100 * diff['diff']:+.1f}" in row
    assert lines[start + 3].split()[0] == "All"
    # the mean of the codes (1 = E, 2 = H, 3 = M) is no estimate
    assert not any(x["outcome"] == "type" and "category" not in x for x in data["estimates"])
    assert "Rao-Scott test (svychisq F), B vs A (3 answer categories)" in out
    # the other outcome keeps its own table
    assert "api (mean); estimate [95% CI]" in out


def test_the_wide_table_has_n_and_the_difference_interval(
    api_spec: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = run_cli("compare", str(api_spec)).out
    data = json.loads(run_cli("compare", str(api_spec), "--json").out)
    e = next(x for x in data["estimates"] if x.get("category") == "M" and x["variant"] == A
             and x["domain"] == {"large": "no"})
    d = next(x for x in data["differences"] if x.get("category") == "M"
             and x["domain"] == {"large": "no"})
    row = next(x for x in out.splitlines() if f"n={e['n']}" in x and " M " in x
               and f"{100 * d['diff']:+.1f} [{100 * d['ci'][0]:+.1f}, {100 * d['ci'][1]:+.1f}]"
               in x)
    assert f"[{100 * e['ci_beta'][0]:.1f}, {100 * e['ci_beta'][1]:.1f}]" in row
    assert f"{B} - {A} (pp)" in out


def _demo_with_who(folder: Path) -> Path:
    """`tut demo-data`, plus a categorical variable written with pyreadstat: who else was
    caring (1 alone, 2 with partner, 3 other adult; -2 don't know, declared missing), its
    shares differing by ballot. The spec lists it after the demo's own outcomes."""
    import numpy as np
    import pyreadstat

    from tut.cli import main

    assert main(["demo-data", "--out", str(folder), "--n", "2000"]) == 0
    df, meta = pyreadstat.read_sav(folder / "demo.sav")
    rng = np.random.default_rng(5)
    alone = np.where(df["ballot"] == 2, 0.35, 0.5)
    u = rng.random(len(df))
    who = np.where(u < alone, 1.0, np.where(u < alone + 0.3, 2.0, 3.0))
    who[rng.random(len(df)) < 0.04] = -2
    df["care_who"] = who
    labels = dict(meta.variable_value_labels)
    labels["care_who"] = {1: "Alone", 2: "With partner", 3: "Other adult", -2: "Don't know"}
    pyreadstat.write_sav(df, folder / "demo_who.sav", variable_value_labels=labels,
                         missing_ranges={"care_who": [-2]})
    text = (folder / "spec.yaml").read_text().replace("file: demo.sav", "file: demo_who.sav")
    who_outcome = ("  - {name: who, label: Who else was caring, variable: care_who, kind: mean, "
                   "categorical: true}\n")
    text = text.replace("\ndomains:", "\n" + who_outcome + "domains:", 1)
    spec = folder / "spec_who.yaml"
    spec.write_text(text)
    return spec


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tut.cli import main
    from tut.examples import EXAMPLE_STUDY

    root = tmp_path_factory.mktemp("who")
    spec = _demo_with_who(root / "data")
    for lang in ("en", "es"):
        assert main(["report", str(EXAMPLE_STUDY), "--data", str(spec), "--bootstrap", "0",
                     "--out", str(root / lang), "--lang", lang]) == 0
    return root


def test_the_report_shows_each_wording_s_shares_with_the_rao_scott_test(reports: Path) -> None:
    data = json.loads((reports / "en" / "report.json").read_text(encoding="utf-8"))["comparison"]
    md = (reports / "en" / "report.md").read_text(encoding="utf-8")
    shares = [x for x in data["estimates"] if x.get("category")]
    assert {x["category"] for x in shares} == {"Alone", "With partner", "Other adult"}
    assert not any(x["outcome"] == "who" and "category" not in x for x in data["estimates"])
    assert "#### Who else was caring: share of each category `who`" in md
    assert "#### who:" not in md  # no table per category, no mean of the codes
    table = md.split("share of each category `who`")[1].split("\n\n*")[0]
    for x in (x for x in shares if x["domain"] == {} and x["variant"] == "atus-incare-en"):
        d = next(d for d in data["differences"] if d.get("category") == x["category"]
                 and d["domain"] == {})
        row = next(r for r in table.splitlines() if r.startswith(f"| {x['category']} |"))
        low, high = x["ci_beta"]
        assert f"{100 * x['estimate']:.1f}% \\[{100 * low:.1f}%, {100 * high:.1f}%\\]" in row
        assert f"{100 * d['diff']:+.1f} pp" in row
    rs = next(t for t in data["rao_scott"] if t["outcome"] == "who" and t["domain"] == {})
    assert "Rao-Scott test of the 3 categories by wording (svychisq F), " in md
    assert f"All: F = {rs['F']:.2f} on {rs['ndf']:.2f} and {rs['ddf']:.1f} df" in md
    assert "| **Sex: Female** |" in table


def test_the_report_s_share_cells_carry_the_json_numbers(reports: Path) -> None:
    import re
    from html import unescape

    data = json.loads((reports / "en" / "report.json").read_text(encoding="utf-8"))["comparison"]
    html = (reports / "en" / "report.html").read_text(encoding="utf-8")
    tds = [dict(re.findall(r'data-([\w-]+)="([^"]*)"', td))
           for td in re.findall(r"<td[^>]*>", html)]
    cells = {(a["category"], a["variant"], unescape(a["domain"])): float(a["value"]) for a in tds
             if a.get("field") == "estimate" and a.get("outcome") == "who"}
    shares = [x for x in data["estimates"] if x.get("category")]  # main text and appendix
    assert len(shares) == len(cells) > 20
    for x in shares:
        domain = json.dumps(x["domain"], sort_keys=True, ensure_ascii=False)
        assert cells[(x["category"], x["variant"], domain)] == x["estimate"]


def test_the_spanish_report_words_the_shares_in_spanish(reports: Path) -> None:
    md = (reports / "es" / "report.md").read_text(encoding="utf-8")
    en = json.loads((reports / "en" / "report.json").read_text(encoding="utf-8"))["comparison"]
    es = json.loads((reports / "es" / "report.json").read_text(encoding="utf-8"))["comparison"]
    assert "proporción de cada categoría `who`" in md
    assert "| Categoría |" in md
    assert "Prueba de Rao-Scott de las 3 categorías por redacción (F de svychisq)" in md
    assert " frente a " in md and " gl, p " in md
    assert "share of each category" not in md and "Rao-Scott test of" not in md
    assert [x for x in es["estimates"] if x.get("category")] == \
        [x for x in en["estimates"] if x.get("category")]


def test_a_categorical_outcome_has_no_quantiles(api_spec: Path, run_cli: Any) -> None:
    from conftest import located_errors

    api_spec.write_text(api_spec.read_text().replace("categorical: true}",
                                                     "categorical: true, quantiles: [0.5]}"))
    [line] = located_errors(run_cli("compare", str(api_spec)), api_spec)
    assert "(/outcomes/1/quantiles): a categorical outcome's codes have no quantiles" in line


def test_two_surveys_match_categories_by_label(tmp_path: Path) -> None:
    """Two surveys (here the same schools in a .sav and a .dta): each category's share in
    each, and the difference between them with Var = V_a + V_b."""
    import math

    from tut.compare.run import run_comparison

    for name in ("api.sav", "api.dta"):
        shutil.copy(API / name, tmp_path / name)
    spec = tmp_path / "two.yaml"
    spec.write_text(f"""datasets:
  - {{name: one, file: api.sav, variant: {A}, weight: w, design: {{psu: dnum}}}}
  - {{name: two, file: api.dta, variant: {B}, weight: w, design: {{psu: dnum}}}}
outcomes: [{{name: type, variable: stype_n, kind: mean, categorical: true}}]
""")
    r = run_comparison(spec)
    for label in ("E", "H", "M"):
        a, b = r.estimate(f"type: {label}", A), r.estimate(f"type: {label}", B)
        assert a.value.estimate == pytest.approx(b.value.estimate, abs=1e-15)
        d = r.difference(f"type: {label}", A, B)
        assert d.independent and d.category is not None and d.category.label == label
        assert d.test.value.se == pytest.approx(math.hypot(a.value.se, b.value.se), rel=1e-12)


def test_the_pure_core_gives_the_same_shares_as_reading_the_file(tmp_path: Path) -> None:
    """compare_tables (columns already read) and run_comparison (the replicate weights
    summed while reading, the categorical column read first) agree."""
    from tut.compare.run import compare_tables, run_comparison
    from tut.compare.spec import load_spec
    from tut.microdata.readers import read_codebook, read_columns

    shutil.copy(API / "api.sav", tmp_path / "api.sav")
    spec = tmp_path / "jk1.yaml"
    spec.write_text(f"""datasets:
  - file: api.sav
    variant: {{variable: ballot, map: {{1: {A}, 2: {B}}}}}
    weight: w
    design: {{replicates: {{prefix: repw, type: jk1, mse: false}}}}
outcomes: [{{name: type, variable: stype_n, kind: mean, categorical: true}}]
domains: [{{variable: enroll, name: large, condition: '>= 500'}}]
""")
    book = read_codebook(tmp_path / "api.sav")
    frame = read_columns(tmp_path / "api.sav", list(book.variables), codebook=book)
    core = compare_tables(load_spec(spec), [(book, frame)])
    read = run_comparison(spec)
    assert [e.to_dict() for e in core.estimates] == [e.to_dict() for e in read.estimates]
    assert len(core.estimates) == 3 * 2 * 3  # categories x variants x (all, yes, no)


def test_the_report_leads_with_a_number_per_wording_even_when_a_categorical_comes_first(
    tmp_path: Path, run_cli: Any
) -> None:
    from tut.examples import EXAMPLE_STUDY

    spec = _demo_with_who(tmp_path / "data")
    text = spec.read_text()
    who = next(line for line in text.splitlines() if "categorical: true" in line)
    first = text.replace(who + "\n", "").replace("\noutcomes:\n", "\noutcomes:\n" + who + "\n", 1)
    assert first.index("name: who") < first.index("name: care")
    spec.write_text(first)
    result = run_cli("report", str(EXAMPLE_STUDY), "--data", str(spec), "--bootstrap", "0",
                     "--out", str(tmp_path / "r"))
    assert result.code == 0, result.err
    saved = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert saved["comparison_outcome"] == "care"
    chosen = run_cli("report", str(EXAMPLE_STUDY), "--data", str(spec), "--bootstrap", "0",
                     "--out", str(tmp_path / "r2"), "--outcome", "who")
    assert chosen.code == 2 and chosen.err.count("\n") == 1, chosen.err
    assert "'who' is categorical" in chosen.err and "'who: Alone'" in chosen.err
    share = run_cli("report", str(EXAMPLE_STUDY), "--data", str(spec), "--bootstrap", "0",
                    "--out", str(tmp_path / "r3"), "--outcome", "who: Alone")
    assert share.code == 0, share.err
    saved = json.loads((tmp_path / "r3" / "report.json").read_text(encoding="utf-8"))
    assert saved["comparison_outcome"] == "who: Alone"


def test_the_shares_cv_and_design_effect_table_in_80_columns(
    api_spec: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under the shares, as under every other outcome's estimates: each share's CV (flagged
    as in the shares' table) and design effect, per wording."""
    monkeypatch.setenv("COLUMNS", "80")
    out = run_cli("compare", str(api_spec)).out
    assert max(len(line) for line in out.splitlines()) <= 80
    data = json.loads(run_cli("compare", str(api_spec), "--json").out)
    shares = {(x["category"], x["variant"], tuple(x["domain"].items())): x
              for x in data["estimates"] if x.get("category")}
    lines = out.splitlines()
    start = lines.index(next(x for x in lines
                             if x.startswith("type (categories): CV, design effect")))
    assert lines[start + 1].split() == ["domain", "category", "A", "CV", "A", "deff", "B", "CV",
                                        "B", "deff"]
    checked = 0
    for domain, first in (((), "All"), ((("large", "no"),), "no")):
        at = next(i for i, x in enumerate(lines[start:], start) if x.split()[:1] == [first])
        for row, label in zip(lines[at:at + 3], ("E", "H", "M"), strict=True):
            cells = row.split()[1 if label == "E" else 0:]
            assert cells[0] == label
            for i, variant in enumerate((A, B)):
                e = shares[(label, variant, domain)]
                assert cells[1 + 2 * i].startswith(f"{e['cv']:.1f}%")
                assert cells[2 + 2 * i] == f"{e['deff']:.2f}"
                checked += 1
    assert checked == 12
