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
