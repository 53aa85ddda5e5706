"""Exported units x coders tables open in SPSS/Stata with their labels, uncoded stays missing."""

from __future__ import annotations

import csv
import json
import math
import random
import re
from dataclasses import replace
from pathlib import Path

import pyreadstat
import pytest
from coding_support import IDS, PROTOCOL, SEGMENTS, pilot_study, quality_study

from tut.coding.export import export_study, safe_name, units_by_coders
from tut.coding.store import CoderJournal
from tut.coding.study import open_study
from tut.errors import TutError
from tut.examples.build_example import intended_csv, plan_answers, plan_respondents, segments_csv
from tut.files import spreadsheet_safe
from tut.report.inputs import load_report_input

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
    assert names[5] == "nandu"  # accents and ñ taken off, readable
    assert [safe_name(t, taken) for t in ["región", "region", "Región"]] == ["region", "region_2", "Region_3"]
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
    assert math.isnan(final[IDS[2]]) and math.isnan(final[IDS[3]])  # missing, not an empty string
    assert meta.column_names_to_labels["c_final"].startswith("final codes")


# --- exports a methodologist can read -------------------------------------------------------

PROTOCOL_ID = "supervisory-care-wording-test"
LONG_ANSWER = " ".join(["Pues yo estaba al pendiente de la niña mientras lavaba, y luego"] * 120)
FORMULAS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "@SUM(A1:A9)"]


def write_segments(path: Path, rows: list[tuple[str, ...]]) -> Path:
    header = "segment_id,respondent_id,interview_id,variant_id,probe_id,answer,notes,región,score\n"
    body = "".join(",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n" for row in rows)
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.fixture
def team(run_cli, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A study coded by a team: two coders with memos, two adjudicators who disagree once."""
    project = tmp_path / "proj"
    assert run_cli("init", str(project)).code == 0
    rows = [
        ("s1", "r1", "i1", "enut-child-pendiente-es", "meaning", LONG_ANSWER, "tardó en contestar", "Centro", "-3"),
        ("s2", "r1", "i1", "enut-child-pendiente-es", "sleeping-child", FORMULAS[0], "", "Centro", "2"),
        ("s3", "r2", "i2", "atus-incare-en", "meaning", FORMULAS[1], "", "Norte", "-1"),
        ("s4", "r2", "i2", "atus-incare-en", "sleeping-child", FORMULAS[2], "", "Norte", "0"),
        ("s5", "r3", "i3", "atus-incare-en", "meaning", FORMULAS[3], "", "Sur", "1"),
    ]
    segments = write_segments(tmp_path / "answers.csv", rows)
    result = run_cli("--project", str(project), "study", "init", "team", "--protocol", PROTOCOL_ID,
                     "--segments", str(segments))
    assert result.code == 0, result.err
    folder = project / "coded_responses" / "team"
    frame = open_study(folder).frame
    with CoderJournal.open(folder, "ana", frame) as ana:
        ana.set_codes("s1", ["monitoring"])
        ana.memo("s1", "dice 'al pendiente', no vigila activamente")
        ana.set_codes("s2", ["excludes-sleeping"])
        ana.set_codes("s3", ["presence-only"])
        ana.set_codes("s4", ["on-call"])
    with CoderJournal.open(folder, LONG_CODER, frame) as other:
        other.set_codes("s1", ["monitoring"])  # agreed
        other.set_codes("s2", ["counts-sleeping"])  # adjudicated by dora only
        other.set_codes("s3", ["responsibility"])  # two adjudicators decide differently
        other.set_codes("s4", ["responsibility"])  # nobody adjudicates
    with CoderJournal.open(folder, "dora", frame) as dora:
        dora.adjudicate("s2", ["excludes-sleeping"], "the child was asleep; the respondent leaves it out")
        dora.adjudicate("s3", ["presence-only"], "only says the kids were there")
    with CoderJournal.open(folder, "lead", frame) as lead:
        lead.adjudicate("s3", ["responsibility"], "speaks of being in charge")
    return project


def export(run_cli, project: Path, fmt: str, *extra: str) -> Path:  # type: ignore[no-untyped-def]
    out = project / f"team-{'-'.join(extra) or 'en'}.{fmt}"
    result = run_cli("--project", str(project), "study", "export", "team", "--format", fmt,
                     "--out", str(out), *extra)
    assert result.code == 0, result.err
    return out


def test_a_csv_export_never_runs_an_answer_as_a_formula(run_cli, team: Path) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(export(run_cli, team, "csv").open(encoding="utf-8", newline="")))
    answers = {r["segment_id"]: r["answer"] for r in rows}
    assert [answers[s] for s in ("s2", "s3", "s4", "s5")] == ["'" + f for f in FORMULAS]
    assert answers["s1"] == LONG_ANSWER
    assert [r["score"] for r in rows] == ["-3", "2", "-1", "0", "1"]  # numbers stay numbers
    assert [r["region"] for r in rows] == ["Centro", "Centro", "Norte", "Norte", "Sur"]
    # the other formats keep the text exactly as said
    records = [json.loads(line) for line in export(run_cli, team, "jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["answer"] for r in records[1:]] == FORMULAS
    df, _ = pyreadstat.read_sav(str(export(run_cli, team, "sav")))
    assert list(df["answer"][1:]) == FORMULAS


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_texts_memos_adjudication_and_status_travel_with_the_codes(run_cli, team: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    df, meta = READERS[fmt](str(export(run_cli, team, fmt)))
    assert df.loc[0, "answer"] == LONG_ANSWER and len(LONG_ANSWER.encode()) > 2045  # a strL in Stata
    assert df.loc[0, "notes"] == "tardó en contestar"
    assert df.loc[0, "memo_ana"] == "dice 'al pendiente', no vigila activamente"
    assert list(df["adjudicator"]) == ["", "dora", "lead", "", ""]
    assert df.loc[1, "rationale"] == "the child was asleep; the respondent leaves it out"
    status = {float(k): v for k, v in meta.variable_value_labels["status"].items()}
    assert [status[v].split(" (")[0] for v in df["status"]] == [
        "agreed", "adjudicated", "conflict", "unresolved", "not coded",
    ]
    assert list(df["c_final"][:2]) == ["monitoring", "excludes-sleeping"]
    if fmt == "sav":  # a blank code string is declared missing: unresolved reads as missing
        assert all(isinstance(v, float) and math.isnan(v) for v in df["c_final"][2:])
    else:  # Stata: a blank string is missing()
        assert list(df["c_final"][2:]) == ["", "", ""]
    assert df.loc[0, "monitoring_final"] == 1 and math.isnan(df.loc[2, "monitoring_final"])
    # readable names, the original kept in the label
    assert "region" in df.columns and meta.column_names_to_labels["region"] == "Respondent attribute: región"
    # whole numbers get integer formats; texts get widths that fit them
    assert meta.original_variable_types["status"] == ("F1.0" if fmt == "sav" else "%1.0f")
    assert meta.original_variable_types["monitoring_ana"] == ("F1.0" if fmt == "sav" else "%1.0f")
    if fmt == "sav":
        assert meta.variable_storage_width["region"] == len("Centro")
        assert meta.variable_storage_width["answer"] == len(LONG_ANSWER.encode())


def test_stata_labels_are_cut_at_a_word_and_kept_whole_beside_the_file(run_cli, team: Path) -> None:  # type: ignore[no-untyped-def]
    out = export(run_cli, team, "dta")
    _, meta = pyreadstat.read_dta(str(out))
    book = json.loads(out.with_name("team-en.codebook.json").read_text(encoding="utf-8"))
    full = {v["name"]: v["label"] for v in book["variables"]}
    cut = [n for n, label in meta.column_names_to_labels.items() if label != full[n]]
    assert cut, "the long coder id makes some labels longer than 80 bytes"
    for name in cut:
        label = meta.column_names_to_labels[name]
        assert len(label) <= 80 and label.endswith("…")
        assert full[name].startswith(label[:-1]) and full[name][len(label) - 1] in " :;,("  # after a word
    _, sav = pyreadstat.read_sav(str(export(run_cli, team, "sav")))
    assert all(sav.column_names_to_labels[n] == full[n] for n in cut)  # SPSS holds 256 bytes


def test_value_labels_in_spanish(run_cli, team: Path) -> None:  # type: ignore[no-untyped-def]
    _, meta = pyreadstat.read_sav(str(export(run_cli, team, "sav", "--lang", "es")))
    assert set(meta.variable_value_labels["status"].values()) >= {"adjudicado", "sin codificar"}
    assert meta.variable_value_labels["monitoring_ana"] == {0.0: "no", 1.0: "sí"}
    assert meta.column_names_to_labels["answer"] == "Respuesta (palabras del entrevistado)"
    assert meta.column_names_to_labels["monitoring_ana"] == "codificador ana: monitoring (Vigilar / estar al pendiente)"


def test_jsonl_names_both_decisions_of_a_conflict(run_cli, team: Path) -> None:  # type: ignore[no-untyped-def]
    records = [json.loads(x) for x in export(run_cli, team, "jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in records] == ["agreed", "adjudicated", "conflict", "unresolved", "uncoded"]
    assert records[2]["final"] is None
    assert {who: d["codes"] for who, d in records[2]["adjudications"].items()} == {
        "dora": ["presence-only"], "lead": ["responsibility"],
    }
    assert records[0]["memos"] == {"ana": "dice 'al pendiente', no vigila activamente"}
    assert records[0]["notes"] == "tardó en contestar"


def test_the_spreadsheet_rule_on_its_own_and_in_the_example_files() -> None:
    for cell in ["=1+1", "+A1", "-A1", "@SUM(A1)", "\t=1", "\r=1", "-3+cmd|' /C calc'!A0"]:
        assert spreadsheet_safe(cell) == "'" + cell
    for cell in ["-3", "+1.5", "-0.25", "2e-3", "plain text", "", "'already quoted"]:
        assert spreadsheet_safe(cell) == cell
    planned = plan_answers(plan_respondents(random.Random(1)), random.Random(1))
    hostile = replace(planned[0], answer="=HYPERLINK(\"http://x\",\"y\")", view="@me")
    rows = list(csv.reader(segments_csv([hostile]).splitlines()))
    assert rows[1][4] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert list(csv.reader(intended_csv([hostile]).splitlines()))[1][1] == "'@me"


def test_a_label_longer_than_spss_keeps_is_given_whole_in_the_file_document(tmp_path: Path) -> None:
    """A frame whose code label runs past SPSS's 256 bytes (definitions pasted as labels)."""
    folder = pilot_study(tmp_path)
    raw = json.loads((folder / "frame.json").read_text(encoding="utf-8"))
    long_label = "Presence only, " + "that is the child was near the respondent but nobody was in charge " * 5
    raw["families"][0]["codes"][0]["label"] = long_label.strip()
    (folder / "frame.json").write_text(json.dumps(raw), encoding="utf-8")
    data = open_study(folder)
    code = data.frame.codes[0]
    with CoderJournal.open(folder, "ana", data.frame) as ana:
        ana.set_codes(IDS[0], [code.id])
    out = export_study(open_study(folder), "sav", tmp_path / "long.sav")
    _, meta = pyreadstat.read_sav(str(out))
    name = f"{code.id.replace('-', '_')}_ana"
    label = meta.column_names_to_labels[name]
    assert len(label.encode()) <= 256 and label.endswith("…")
    document = " ".join(meta.notes)
    assert f"{name}: coder ana: {code.id} ({long_label.strip()})" in document
    assert all(len(line.encode()) <= 80 for line in meta.notes)


def test_the_report_counts_a_conflict_as_the_export_does(team: Path) -> None:  # type: ignore[no-untyped-def]
    """Two adjudicators decided s3 differently: no final codes in the export, none in the report."""
    report = load_report_input(team / "coded_responses" / "team", bootstrap=0)
    assert sorted(report.adjudications) == ["s2"]
    assert open_study(team / "coded_responses" / "team").adjudications["s3"].adjudicator == "lead"


def test_status_names_the_conflicts(run_cli, team: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--project", str(team), "study", "status", "team")
    assert "Conflicts: 1 segment adjudicated differently by two adjudicators" in result.out


def test_stata_counts_characters_so_spanish_labels_are_not_cut_early(run_cli, team: Path) -> None:  # type: ignore[no-untyped-def]
    out = export(run_cli, team, "dta", "--lang", "es")
    _, meta = pyreadstat.read_dta(str(out))
    label = meta.column_names_to_labels["answer"]
    assert label == "Respuesta (palabras del entrevistado)"
    whole = [lab for lab in meta.column_names_to_labels.values() if len(lab.encode()) > 80 and not lab.endswith("…")]
    assert whole, "some Spanish labels are over 80 bytes but within 80 characters, and kept whole"


def test_a_coder_named_in_another_script_keeps_columns_of_their_own(run_cli, team: Path) -> None:  # type: ignore[no-untyped-def]
    folder = team / "coded_responses" / "team"
    frame = open_study(folder).frame
    for name, code in (("李小龙", "monitoring"), ("王芳", "on-call")):
        with CoderJournal.open(folder, name, frame) as journal:
            journal.set_codes("s1", [code])
            journal.memo("s1", f"memo of {name}")
    df, meta = pyreadstat.read_sav(str(export(run_cli, team, "sav")))
    labels = meta.column_names_to_labels
    memos = {labels[c]: df.loc[0, c] for c in df.columns if c.startswith("memo_")}
    assert memos["coder 李小龙: memo"] == "memo of 李小龙" and memos["coder 王芳: memo"] == "memo of 王芳"
    assert "memo" not in df.columns and "c" not in df.columns  # never a name with the coder gone
    chosen = {labels[c].split(":")[0]: df.loc[0, c] for c in df.columns if c.startswith("c_")}
    assert chosen["coder 李小龙"] == "monitoring" and chosen["coder 王芳"] == "on-call"
