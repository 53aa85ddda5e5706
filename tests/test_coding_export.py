"""Exported units x coders tables open in SPSS/Stata with their labels, uncoded stays missing."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pyreadstat
import pytest
from coding_support import IDS, PROTOCOL, SEGMENTS, pilot_study, quality_study

from tut.coding.export import export_study, safe_name, units_by_coders
from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.errors import TutError

LONG_CODER = "maria.fernanda-gonzalez_lopez"  # long and full of characters Stata refuses
READERS = {"sav": pyreadstat.read_sav, "dta": pyreadstat.read_dta}


@pytest.fixture
def multiple(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = pilot_study(tmp_path)
    frame = PROTOCOL.frame()
    with CoderJournal.open(folder, "ana", frame) as ana:
        ana.set_codes(IDS[0], ["presence-only", "location-other-room"])
        ana.set_codes(IDS[1], ["excludes-sleeping"])
    with CoderJournal.open(folder, LONG_CODER, frame) as other:
        other.set_codes(IDS[0], ["responsibility"])
    with CoderJournal.open(folder, "lead", frame) as lead:
        lead.adjudicate(IDS[0], ["responsibility"], "in charge")
    return open_study(folder)


@pytest.fixture
def exclusive(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = quality_study(tmp_path)
    frame = PROTOCOL.frame("answer-quality")
    with CoderJournal.open(folder, "ana", frame) as ana:
        ana.set_codes(IDS[0], ["partial"])
        ana.set_codes(IDS[2], ["unusable"])
    with CoderJournal.open(folder, "bob", frame) as bob:
        bob.set_codes(IDS[0], ["clear"])
    return open_study(folder)


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_an_exclusive_frame_exports_one_labelled_column_per_coder(exclusive, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = export_study(exclusive, fmt, tmp_path / f"quality.{fmt}")  # type: ignore[arg-type]
    df, meta = READERS[fmt](str(out))
    assert list(df["segment_id"]) == IDS
    assert list(df.columns[:5]) == ["segment_id", "respondent_id", "interview_id", "variant_id", "probe_id"]
    assert list(df["sex"]) == [s.attributes["sex"] for s in SEGMENTS]
    labels = {float(k): v for k, v in meta.variable_value_labels["c_ana"].items()}
    assert labels == {1.0: "Clear [clear]", 2.0: "Partial [partial]", 3.0: "Unusable [unusable]"}
    assert meta.column_names_to_labels["c_bob"] == "coder bob: answer-quality"
    ana = list(df["c_ana"])
    assert ana[0] == 2 and ana[2] == 3
    assert math.isnan(ana[1])  # uncoded is missing, never a code
    assert df["c_bob"].notna().sum() == 1


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_a_multiple_frame_adds_a_0_1_column_per_code_and_coder(multiple, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = export_study(multiple, fmt, tmp_path / f"pilot.{fmt}")  # type: ignore[arg-type]
    df, meta = READERS[fmt](str(out))
    for name in df.columns:
        assert len(name) <= 32 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name), name
    assert len({n.lower() for n in df.columns}) == len(df.columns)
    assert df.loc[0, "c_ana"] == "presence-only;location-other-room"
    assert df.loc[0, "presence_only_ana"] == 1 and df.loc[0, "responsibility_ana"] == 0
    assert math.isnan(df.loc[2, "presence_only_ana"])  # ana did not code segment 3
    assert {float(k): v for k, v in meta.variable_value_labels["presence_only_ana"].items()} == {
        0.0: "no", 1.0: "yes",
    }
    long_cols = [c for c in df.columns if c.startswith("c_maria")]
    assert len(long_cols) == 1
    assert meta.column_names_to_labels[long_cols[0]].startswith(f"coder {LONG_CODER}")
    assert df.loc[0, "c_consensus"] == "responsibility"
    assert meta.column_names_to_labels["c_consensus"].startswith("adjudicated consensus")
    # the file label names the study; SPSS keeps 64 bytes, so parts are dropped, never cut
    assert meta.file_label.startswith("tut study pilot")
    assert meta.file_label.endswith(multiple.frame.id)


def test_csv_and_jsonl_keep_code_ids(exclusive, multiple, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = export_study(exclusive, "csv", tmp_path / "q.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["c_ana"] for r in rows] == ["partial", "", "unusable", "", "", ""]
    out = export_study(multiple, "jsonl", tmp_path / "p.jsonl")
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["codes"] == {"ana": ["presence-only", "location-other-room"], LONG_CODER: ["responsibility"]}
    assert first["consensus"] == {"codes": ["responsibility"], "adjudicator": "lead", "rationale": "in charge"}
    assert first["attributes"]["sex"] == "Female"


def test_code_level_layout_has_one_row_per_segment_and_code(multiple) -> None:  # type: ignore[no-untyped-def]
    table = units_by_coders(multiple, code_level=True)
    names = [c.name for c in table.columns]
    assert len(table.rows) == len(IDS) * len(multiple.frame.codes)
    rows = {(r[0], r[names.index("code")]): r for r in table.rows}
    assert rows[(IDS[0], "location-other-room")][names.index("c_ana")] == 1.0
    assert rows[(IDS[0], "on-call")][names.index("c_ana")] == 0.0
    assert rows[(IDS[3], "on-call")][names.index("c_ana")] is None


def test_an_existing_export_is_kept_unless_forced(exclusive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "quality.csv"
    out.write_text("my own notes\n", encoding="utf-8")
    with pytest.raises(TutError, match="file exists, not overwritten"):
        export_study(exclusive, "csv", out)
    assert out.read_text(encoding="utf-8") == "my own notes\n"
    export_study(exclusive, "csv", out, force=True)
    assert out.read_text(encoding="utf-8").startswith("segment_id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quality", "quality.csv"]  # no temp file left


def test_safe_names_are_short_unique_identifiers() -> None:
    taken: set[str] = set()
    names = [safe_name(t, taken) for t in ["1st-coder", "excludes-other-adult_" + "x" * 40,
                                          "excludes-other-adult_" + "x" * 41, "Ana", "ana", "ñandú"]]
    assert names[0] == "v_1st_coder"
    assert all(len(n) <= 32 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", n) for n in names)
    assert len({n.lower() for n in names}) == len(names)


def test_final_codes_are_adjudicated_or_agreed_never_single_or_disputed(tmp_path: Path) -> None:
    folder = pilot_study(tmp_path)
    frame = PROTOCOL.frame()
    with CoderJournal.open(folder, "ana", frame) as ana:
        ana.set_codes(IDS[0], ["presence-only"])  # disputed, then adjudicated
        ana.set_codes(IDS[1], ["excludes-sleeping"])  # both agree
        ana.set_codes(IDS[2], ["on-call"])  # disputed, not adjudicated
        ana.set_codes(IDS[3], ["on-call"])  # only ana coded it
    with CoderJournal.open(folder, "beto", frame) as beto:
        beto.set_codes(IDS[0], ["responsibility"])
        beto.set_codes(IDS[1], ["excludes-sleeping"])
        beto.set_codes(IDS[2], ["responsibility"])
    with CoderJournal.open(folder, "lead", frame) as lead:
        lead.adjudicate(IDS[0], ["responsibility"], "in charge")
    export_study(open_study(folder), "sav", tmp_path / "final.sav")
    df, meta = pyreadstat.read_sav(str(tmp_path / "final.sav"))
    final = dict(zip(df["segment_id"], df["c_final"], strict=True))
    assert final[IDS[0]] == "responsibility"
    assert final[IDS[1]] == "excludes-sleeping"
    assert final[IDS[2]] == "" and final[IDS[3]] == ""
    assert meta.column_names_to_labels["c_final"].startswith("final codes")
