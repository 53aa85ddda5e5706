"""`tut agreement` through the real entry point: tables in every layout and format, bad
tables with one clear message, and studies on disk."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from agreement_tables import CAC_RAW4RATERS, JSON_KEYS_MORE

from tests.conftest import CliResult, shared_dir

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "agreement"
KRIPP = FIXTURES / "krippendorff2011.csv"
Run = Callable[..., CliResult]

# Krippendorff (2011), section C: .743 nominal, .815 ordinal, .849 interval, .797 ratio
PUBLISHED = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}
ROWS = [[None if np.isnan(v) else int(v) for v in unit] for unit in CAC_RAW4RATERS.T]
"""The table of KRIPP, units as rows (None: not coded)."""
CODERS = ["A", "B", "C", "D"]


def _json(result: CliResult) -> dict:
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.mark.parametrize("level", list(PUBLISHED))
def test_published_table_at_every_level(run_cli: Run, level: str) -> None:
    out = _json(run_cli("agreement", "--table", str(KRIPP), "--level", level, "--json"))
    assert round(out["krippendorff_alpha"]["value"], 3) == PUBLISHED[level]
    assert (out["n_units"], out["n_coders"], out["n_pairable"]) == (12, 4, 40)


def test_json_has_exactly_the_documented_keys(run_cli: Run, tmp_path: Path) -> None:
    out = _json(run_cli("agreement", "--table", str(KRIPP), "--level", "nominal", "--json"))
    assert list(out) == JSON_KEYS_MORE
    two = tmp_path / "two.csv"
    two.write_text("id,ana,ben\n1,1,1\n2,2,3\n3,3,3\n4,2,2\n", encoding="utf-8")
    out2 = _json(run_cli("agreement", "--table", str(two), "--level", "ordinal", "--json"))
    assert list(out2)[:4] == [
        "krippendorff_alpha",
        "cohen_kappa",
        "cohen_kappa_linear",
        "cohen_kappa_quadratic",
    ]
    for value in out2.values():
        if isinstance(value, dict):
            assert "value" in value and "ci" in value


def _write_layouts(tmp: Path) -> dict[str, tuple[Path, str]]:
    wide = tmp / "coders.csv"
    lines = ["coder," + ",".join(f"u{i + 1}" for i in range(12))]
    for j, c in enumerate(CODERS):
        lines.append(c + "," + ",".join("" if r[j] is None else str(r[j]) for r in ROWS))
    wide.write_text("\n".join(lines) + "\n", encoding="utf-8")
    long = tmp / "long.csv"
    rows = ["segment;rater;code"]
    for i, r in enumerate(ROWS):
        for j, c in enumerate(CODERS):
            if r[j] is not None:
                rows.append(f"u{i + 1};{c};{r[j]}")
    long.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return {"coders-x-units": (wide, "coders-x-units"), "long": (long, "long")}


def test_every_layout_reads_the_same_data(run_cli: Run, tmp_path: Path) -> None:
    base = _json(run_cli("agreement", "--table", str(KRIPP), "--level", "ordinal", "--json"))
    for path, layout in _write_layouts(tmp_path).values():
        got = _json(
            run_cli(
                "agreement",
                "--table",
                str(path),
                "--level",
                "ordinal",
                "--layout",
                layout,
                "--json",
            )
        )
        assert got == base, layout


def test_sav_and_dta_tables(run_cli: Run, tmp_path: Path) -> None:
    df = pd.DataFrame(
        {"unit": [f"u{i}" for i in range(12)]}
        | {c: [np.nan if r[j] is None else float(r[j]) for r in ROWS] for j, c in enumerate(CODERS)}
    )
    sav, dta = tmp_path / "rel.sav", tmp_path / "rel.dta"
    pyreadstat.write_sav(df, sav, variable_value_labels={"A": {1.0: "low", 5.0: "high"}})
    pyreadstat.write_dta(df, dta)
    base = _json(run_cli("agreement", "--table", str(KRIPP), "--level", "interval", "--json"))
    for path in (sav, dta):
        got = _json(run_cli("agreement", "--table", str(path), "--level", "interval", "--json"))
        assert got == base, path.suffix


def test_spss_user_missing_codes_are_missing(run_cli: Run, tmp_path: Path) -> None:
    df = pd.DataFrame(
        {c: [9.0 if r[j] is None else float(r[j]) for r in ROWS] for j, c in enumerate(CODERS)}
    )
    sav = tmp_path / "missing9.sav"
    pyreadstat.write_sav(df, sav, missing_ranges={c: [9.0] for c in CODERS})
    out = _json(run_cli("agreement", "--table", str(sav), "--level", "nominal", "--json"))
    assert round(out["krippendorff_alpha"]["value"], 3) == 0.743


def test_missing_token(run_cli: Run, tmp_path: Path) -> None:
    star = tmp_path / "star.csv"
    star.write_text(KRIPP.read_text().replace(",,", ",*,").replace(",\n", ",*\n"), "utf-8")
    refused = run_cli("agreement", "--table", str(star), "--level", "interval")
    assert refused.code == 2 and "'*' is text" in refused.err
    out = _json(
        run_cli(
            "agreement", "--table", str(star), "--level", "interval", "--missing", "*", "--json"
        )
    )
    assert round(out["krippendorff_alpha"]["value"], 3) == 0.849


def test_text_categories_at_nominal_level(run_cli: Run, tmp_path: Path) -> None:
    words = {1: "presence", 2: "responsibility", 3: "activity", 4: "other", 5: "unsure"}
    path = tmp_path / "words.csv"
    lines = ["unit," + ",".join(CODERS)]
    for i, r in enumerate(ROWS):
        lines.append(f"{i + 1}," + ",".join("" if v is None else words[v] for v in r))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _json(run_cli("agreement", "--table", str(path), "--level", "nominal", "--json"))
    assert round(out["krippendorff_alpha"]["value"], 3) == 0.743


def test_human_output_shows_value_interval_and_verdict(run_cli: Run) -> None:
    result = run_cli("agreement", "--table", str(KRIPP), "--level", "nominal")
    assert result.code == 0, result.err
    assert "Krippendorff's alpha" in result.out
    assert "0.743" in result.out
    assert "tentative (Krippendorff 2004)" in result.out
    assert "Landis & Koch 1977" in result.out
    assert " to 1.000" in result.out  # an interval is printed
    assert "coded by one coder only" in result.out and ": 12" in result.out


def test_bootstrap_is_seeded_and_reported(run_cli: Run) -> None:
    args = ("agreement", "--table", str(KRIPP), "--level", "interval", "--bootstrap", "500")
    a = _json(run_cli(*args, "--seed", "4", "--json"))
    b = _json(run_cli(*args, "--seed", "4", "--json"))
    assert a == b
    boot = a["krippendorff_alpha"]["bootstrap"]
    # the bootstrap over units: 11 units coded by two or more coders, every coefficient
    assert boot["method"] == "units" and boot["resamples"] == 500
    assert boot["units_per_resample"] == 11
    for name in ("fleiss_kappa", "conger_kappa", "gwet_ac1", "percent_agreement"):
        assert a[name]["ci_method"] == "bootstrap over units, 500 resamples, seed 4"
        assert a[name]["ci"] == a[name]["bootstrap"]["ci"]
    human = run_cli(*args, "--seed", "4")
    assert "P(alpha < 0.667)" in human.out and "P(alpha < 0.800)" in human.out
    assert "bootstrap over units, 500 resamples, seed 4" in _plain(human.out)


def test_pair_bootstrap_is_for_alpha_only_and_warns_beyond_two_coders(run_cli: Run) -> None:
    args = ("agreement", "--table", str(KRIPP), "--level", "interval", "--bootstrap", "500")
    out = _json(run_cli(*args, "--bootstrap-method", "pairs", "--seed", "4", "--json"))
    boot = out["krippendorff_alpha"]["bootstrap"]
    # Krippendorff (2011): 3 + 8 * 6 + 3 + 1 = 55 pairs of pairable values per resample
    assert boot["method"] == "pairs" and boot["pairs_per_resample"] == 55
    assert out["fleiss_kappa"]["ci_method"].startswith("Gwet linearisation")
    assert "bootstrap" not in out["fleiss_kappa"]
    assert any("more than two coders" in w for w in out["warnings"])
    human = run_cli(*args, "--bootstrap-method", "pairs", "--seed", "4")
    assert "warning: units have more than two coders" in _plain(human.out)


def _bad(run_cli: Run, path: Path, *extra: str, level: str = "nominal") -> str:
    result = run_cli("agreement", "--table", str(path), "--level", level, *extra)
    assert result.code == 2, (result.out, result.err)
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}"), result.err
    assert "Traceback" not in result.err
    return lines[0]


@pytest.mark.parametrize(
    ("content", "level", "message"),
    [
        ("unit,ana\n1,1\n2,2\n3,1\n", "nominal", "only one coder (ana) has codes"),
        ("unit,ana,ben\n1,1,\n2,,2\n3,1,\n", "nominal", "no unit was coded by two or more coders"),
        ("unit,ana,ben\n1,2,2\n2,2,\n3,2,2\n", "nominal", "every code in the table is 2"),
        ("unit,ana,ben\n1,low,low\n2,mid,low\n", "interval", "'low' is text, but --level interval"),
        ("unit,ana,ben\n1,1,1\n2,2\n3,1,1\n", "nominal", "line 3: ragged row"),
        ("", "nominal", "the file is empty"),
        ("unit,ana,ben\n", "nominal", "header but no data rows"),
        ("unit,ana,ben\n1,,\n2,NA,\n", "nominal", "holds no codes at all"),
    ],
)
def test_bad_tables_get_one_clear_message(
    run_cli: Run, tmp_path: Path, content: str, level: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    assert message in _bad(run_cli, path, level=level)


def test_text_cell_is_located(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "typo.csv"
    path.write_text("unit,ana,ben\n1,1,1\n2,2,2\n3,3,x3\n", encoding="utf-8")
    line = _bad(run_cli, path, level="ordinal")
    assert "line 4, column 3" in line and "'x3' is text" in line


def test_long_layout_refuses_two_values_for_one_coder_and_unit(
    run_cli: Run, tmp_path: Path
) -> None:
    path = tmp_path / "dupe.csv"
    path.write_text("unit,coder,value\n1,ana,1\n1,ben,1\n1,ana,2\n", encoding="utf-8")
    line = _bad(run_cli, path, "--layout", "long")
    assert "line 4" in line and "coder ana gave unit 1 two values" in line


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("empty.sav", "empty"),
        ("text_renamed.sav", "not an SPSS .sav file: it is plain text"),
        ("truncated_half.sav", "cannot read"),
        ("truncated_half.dta", "cannot read"),
        ("scrambled_header.dta", "not a Stata .dta file"),
    ],
)
def test_broken_spss_and_stata_files(run_cli: Run, name: str, says: str) -> None:
    # read through tut.microdata's readers: the same messages as for survey microdata
    path = shared_dir("badfiles") / name
    line = _bad(run_cli, path)
    assert says in line


def test_real_single_variable_spss_file_is_one_coder(run_cli: Run) -> None:
    path = shared_dir("realfiles") / "haven" / "labelled-num-na.sav"
    assert "only one coder" in _bad(run_cli, path)


def test_usage_errors(run_cli: Run) -> None:
    assert run_cli("agreement").code == 2
    no_level = run_cli("agreement", "--table", str(KRIPP))
    assert no_level.code == 2 and "--level" in no_level.err
    both = run_cli("agreement", "pilot", "--table", str(KRIPP), "--level", "nominal")
    assert both.code == 2
    by_on_table = run_cli("agreement", "--table", str(KRIPP), "--level", "nominal", "--by", "code")
    assert by_on_table.code == 2


# --- studies on disk -------------------------------------------------------------------------


@pytest.fixture
def study_project(tmp_path: Path) -> Path:
    from tut.coding.store import CoderJournal
    from tut.coding.study import create_study, protocol_from_json, read_segments

    coding = Path(__file__).resolve().parent / "fixtures" / "coding"
    protocol = protocol_from_json(json.loads((coding / "protocol.json").read_text("utf-8")))
    segments = read_segments(coding / "segments.csv", protocol)
    folder = tmp_path / "coded_responses" / "pilot"
    create_study(folder, "pilot", protocol, segments)
    codes = {
        "ana": [
            ["presence-only"],
            ["responsibility", "on-call"],
            ["presence-only"],
            ["responsibility"],
            ["confusion"],
            ["responsibility"],
        ],
        "ben": [
            ["presence-only"],
            ["responsibility"],
            ["presence-only"],
            ["responsibility"],
            ["confusion"],
            None,
        ],
        "cai": [
            ["presence-only", "on-call"],
            ["responsibility", "on-call"],
            ["active-care"],
            ["responsibility"],
            ["confusion"],
            ["responsibility"],
        ],
    }
    frame = protocol.frame()
    for coder, per_segment in codes.items():
        with CoderJournal.open(folder, coder, frame) as journal:
            for seg, chosen in zip(segments, per_segment, strict=True):
                if chosen is not None:
                    journal.set_codes(seg.id, chosen)
    return tmp_path


def test_study_by_name_in_the_project(run_cli: Run, study_project: Path) -> None:
    out = _json(run_cli("--project", str(study_project), "agreement", "pilot", "--json"))
    assert out["mode"] == "multiple"
    assert out["coders"] == ["ana", "ben", "cai"]
    masi = out["overall"]["krippendorff_alpha_masi"]
    assert masi["value"] is not None and masi["ci"] is not None
    assert out["overall"]["n_units"] == 6


def test_study_by_code_and_by_variant(run_cli: Run, study_project: Path) -> None:
    folder = study_project / "coded_responses" / "pilot"
    by_code = _json(run_cli("agreement", str(folder), "--by", "code", "--json"))
    groups = [g["group"] for g in by_code["breakdown"]]
    assert groups[:3] == ["presence-only", "responsibility", "on-call"]
    responsibility = by_code["breakdown"][1]["krippendorff_alpha"]["value"]
    assert responsibility == pytest.approx(1.0)
    human = run_cli(
        "agreement", str(folder), "--by", "variant", "--bootstrap", "200", "--seed", "1"
    )
    assert human.code == 0, human.err
    assert "By variant" in human.out and "atus-incare-en" in human.out


def test_unknown_study_is_a_clear_error(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("--project", str(tmp_path), "agreement", "nosuch")
    assert result.code == 2 and "no such study" in result.err


def test_study_with_one_coder_is_a_clear_error(run_cli: Run, tmp_path: Path) -> None:
    from tut.coding.store import CoderJournal
    from tut.coding.study import create_study, protocol_from_json, read_segments

    coding = Path(__file__).resolve().parent / "fixtures" / "coding"
    protocol = protocol_from_json(json.loads((coding / "protocol.json").read_text("utf-8")))
    segments = read_segments(coding / "segments.csv", protocol)
    folder = tmp_path / "solo"
    create_study(folder, "solo", protocol, segments)
    with CoderJournal.open(folder, "ana", protocol.frame()) as journal:
        journal.set_codes(segments[0].id, ["presence-only"])
    result = run_cli("agreement", str(folder))
    assert result.code == 2
    assert result.err.startswith(f"error: {folder}") and "at least two coders" in result.err


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_human_table_fits_an_80_column_terminal(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich: treat the captured stdout as a terminal
    result = run_cli("agreement", "--table", str(KRIPP), "--level", "nominal")
    assert result.code == 0, result.err
    out = _plain(result.out)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "…" not in out  # no figure cut short
    alpha_line = next(line for line in out.splitlines() if "Krippendorff's alpha" in line)
    # irrCAC since 2021-08-17 (commit 00b8451): SE 0.14548, interval (0.423, 1)
    assert "0.743" in alpha_line and "0.423 to 1.000" in alpha_line and "0.145" in alpha_line


def test_undefined_coefficients_say_why_in_human_and_json_output(
    run_cli: Run, tmp_path: Path
) -> None:
    path = tmp_path / "words.csv"
    path.write_text("unit,ana,ben\n1,yes,yes\n2,no,yes\n3,no,no\n4,yes,yes\n", "utf-8")
    out = _json(run_cli("agreement", "--table", str(path), "--level", "nominal", "--json"))
    linear = out["cohen_kappa_linear"]
    assert linear["value"] is None and linear["ci"] is None
    assert "ordered categories" in linear["undefined"]
    human = run_cli("agreement", "--table", str(path), "--level", "nominal")
    row = " ".join(
        line for line in human.out.splitlines() if "linear weights" in line or "ordered" in line
    )
    assert "undefined: weighted kappa needs ordered categories" in row
    assert not re.search(r"\bnan\b", human.out, re.IGNORECASE)


def test_study_by_code_says_which_alpha_it_shows_and_how_often_each_code_was_used(
    run_cli: Run, study_project: Path
) -> None:
    folder = study_project / "coded_responses" / "pilot"
    out = _json(run_cli("agreement", str(folder), "--by", "code", "--json"))
    uses = {g["group"]: g["uses"] for g in out["breakdown"]}
    # fixture: presence-only ana 2, ben 2, cai 1; on-call ana 1, cai 2; active-care cai 1
    assert (uses["presence-only"], uses["on-call"], uses["active-care"]) == (5, 3, 1)
    human = run_cli("agreement", str(folder), "--by", "code")
    assert "By code: each code present/absent on a segment, Krippendorff's alpha (nominal)" in (
        human.out
    )
    assert "MASI" not in human.out.split("By code")[1]  # the per-code figures are not MASI
    assert "Uses" in human.out


@pytest.mark.parametrize(
    ("name", "frame", "level", "message"),
    [
        (
            "text.sav",
            {"unit": ["a", "b"], "ana": ["low", "mid"], "ben": ["low", "low"]},
            "interval",
            "case 1, variable ana: 'low' is text, but --level interval needs numbers",
        ),
        ("single.dta", {"ana": [2.0, 2.0], "ben": [2.0, np.nan]}, "nominal", "every code"),
        (
            "nopair.dta",
            {"ana": [1.0, np.nan], "ben": [np.nan, 2.0]},
            "nominal",
            "no unit was coded by two or more coders",
        ),
        ("onecoder.sav", {"ana": [1.0, 2.0, 3.0]}, "nominal", "only one coder (ana)"),
        (
            "negative.dta",
            {"ana": [-1.0, 2.0, 3.0], "ben": [1.0, 2.0, 3.0]},
            "ratio",
            "-1 is negative, but the ratio level needs values of 0 or more",
        ),
    ],
)
def test_bad_spss_and_stata_tables_get_one_clear_message(
    run_cli: Run, tmp_path: Path, name: str, frame: dict, level: str, message: str
) -> None:
    path = tmp_path / name
    writer = pyreadstat.write_sav if name.endswith(".sav") else pyreadstat.write_dta
    writer(pd.DataFrame(frame), path)
    assert message in _bad(run_cli, path, level=level)


def test_spanish_case_column_names_units_not_a_coder(run_cli: Run, tmp_path: Path) -> None:
    # an ENUT-style export: the case id column 'folio' must not be read as a third coder
    path = tmp_path / "enut.csv"
    path.write_text("folio;codificador_1;codificador_2\n1001;1;1\n1002;2;2\n1003;1;2\n", "utf-8")
    out = _json(run_cli("agreement", "--table", str(path), "--level", "nominal", "--json"))
    assert out["n_coders"] == 2 and out["n_units"] == 3


def test_bootstrap_without_seed_reports_the_seed_that_repeats_it(run_cli: Run) -> None:
    args = ("agreement", "--table", str(KRIPP), "--level", "ordinal", "--bootstrap", "300")
    first = _json(run_cli(*args, "--json"))["krippendorff_alpha"]
    seed = first["bootstrap"]["seed"]
    assert isinstance(seed, int)
    again = _json(run_cli(*args, "--seed", str(seed), "--json"))["krippendorff_alpha"]
    assert again == first
    human = run_cli(*args)
    assert re.search(r"seed (\d+) \(--seed \1 repeats it\)", human.out)


@pytest.mark.parametrize("by", ["code", "variant", "coder-pair"])
def test_study_breakdowns_fit_an_80_column_terminal(
    run_cli: Run, study_project: Path, monkeypatch: pytest.MonkeyPatch, by: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    folder = study_project / "coded_responses" / "pilot"
    result = run_cli("agreement", str(folder), "--by", by)
    assert result.code == 0, result.err
    out = _plain(result.out)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "…" not in out
    assert f"By {by}" in out


def test_long_table_without_layout_long_is_refused_not_misread(
    run_cli: Run, tmp_path: Path
) -> None:
    long = tmp_path / "long.csv"
    long.write_text(
        "unit,coder,code\n"
        + "".join(
            f"u{i + 1},{c},{r[j]}\n"
            for i, r in enumerate(ROWS)
            for j, c in enumerate(CODERS)
            if r[j] is not None
        ),
        encoding="utf-8",
    )
    bad = run_cli("agreement", "--table", str(long), "--level", "nominal")
    assert bad.code == 2
    assert "long.csv:header:" in bad.err and "--layout long" in bad.err
    good = _json(
        run_cli(
            "agreement", "--table", str(long), "--layout", "long", "--level", "nominal", "--json"
        )
    )
    assert round(good["krippendorff_alpha"]["value"], 3) == PUBLISHED["nominal"]


def test_star_for_missing_without_missing_option_suggests_it(run_cli: Run, tmp_path: Path) -> None:
    star = tmp_path / "star.csv"
    star.write_text(
        "unit,A,B,C,D\n"
        + "".join(
            f"u{i + 1}," + ",".join("*" if v is None else str(v) for v in r) + "\n"
            for i, r in enumerate(ROWS)
        ),
        encoding="utf-8",
    )
    bad = run_cli("agreement", "--table", str(star), "--level", "interval")
    assert bad.code == 2 and "add --missing '*'" in bad.err


def test_ordinal_output_says_which_coefficients_ignore_the_level(run_cli: Run) -> None:
    ordinal = run_cli("agreement", "--table", str(KRIPP), "--level", "ordinal")
    nominal = run_cli("agreement", "--table", str(KRIPP), "--level", "nominal")
    assert ordinal.code == nominal.code == 0
    flat = " ".join(ordinal.out.split())
    assert "treat codes as categories (unweighted)" in flat
    assert "unweighted" not in " ".join(nominal.out.split())


def test_a_small_bootstrap_is_called_rough(run_cli: Run) -> None:
    few = run_cli("agreement", "--table", str(KRIPP), "--level", "nominal",
                  "--bootstrap", "50", "--seed", "3")
    enough = run_cli("agreement", "--table", str(KRIPP), "--level", "nominal",
                     "--bootstrap", "1000", "--seed", "3")
    assert "Fewer than 1,000 bootstrap resamples" in " ".join(few.out.split())
    assert "Fewer than 1,000" not in enough.out


def test_json_carries_each_verdict_with_its_source(run_cli: Run) -> None:
    out = _json(run_cli("agreement", "--table", str(KRIPP), "--level", "interval", "--json"))
    alpha = out["krippendorff_alpha"]["verdict"]
    assert alpha["label"] == "reliable" and alpha["source"].startswith("Krippendorff")
    assert out["fleiss_kappa"]["verdict"]["source"].startswith("Landis")
    assert out["percent_agreement"]["verdict"]["label"] == "no benchmark"


def test_a_study_with_skipped_journal_lines_says_which(run_cli: Run, tmp_path: Path) -> None:
    """As `tut study status`: a torn or invalid journal line is a warning naming the line."""
    import shutil

    from tut.examples import EXAMPLE_STUDY

    study = tmp_path / "study"
    shutil.copytree(EXAMPLE_STUDY, study)
    journal = study / "journals" / "beto.jsonl"
    lines = journal.read_bytes().count(b"\n")
    with journal.open("ab") as f:
        f.write(b'{"not": "an event"}\n{"torn')
    for args in ([], ["--json"]):
        result = run_cli("agreement", str(study), *args)
        assert result.code == 0, result.err
        warned = [w for w in result.err.splitlines() if w.startswith("warning: ")]
        assert len(warned) == 2, result.err
        assert f"{journal}:line {lines + 1}: not a valid event, skipped" in warned[0]
        assert f"{journal}:line {lines + 2}: torn last line" in warned[1]
    assert json.loads(result.out)["n_segments"] > 0


@pytest.mark.parametrize(
    ("value", "level", "message"),
    [
        ("-1e308", "ratio", "-1e+308 is negative, but the ratio level needs values of 0 or more"),
        ("-1e200", "interval", "-1e+200 is too large for distances between codes at the interval"),
        ("1e150", "ratio", "1e+150 is too large for distances between codes at the ratio level"),
    ],
)
def test_huge_codes_are_one_readable_error(
    run_cli: Run, tmp_path: Path, value: str, level: str, message: str
) -> None:
    """A missing-value code such as -1e308 read as a code: said as -1e+308, not 309 digits,
    and refused before any squared distance overflows (no numpy warning)."""
    import warnings

    table = tmp_path / "codes.csv"
    table.write_text(f"unit,a,b\n1,{value},2\n2,3,4\n3,1,1\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = run_cli("agreement", "--table", str(table), "--level", level)
    assert result.code == 2, result.out + result.err
    [line] = result.err.splitlines()
    assert line.startswith(f"error: {table}: ") and message in line
    assert len(line) < 300
