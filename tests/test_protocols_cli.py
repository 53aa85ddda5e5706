"""`tut protocols` through the real entry point."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import located_errors

from tut.project import init_project
from tut.protocols.registry import protocols_for

FIXTURES = Path(__file__).parent / "fixtures" / "protocols"
SHIPPED_ID = "supervisory-care-wording-test"


@pytest.fixture
def project(tmp_path):
    """A user project with one protocol of its own (borrowing a shipped frame)."""
    proj = init_project(tmp_path / "proj")
    shutil.copy(FIXTURES / "user-availability-test.yaml", proj.protocols_dir / "availability.yaml")
    return proj


def test_list_json_has_shipped_and_project_protocols(run_cli, project):
    result = run_cli("--project", str(project.root), "protocols", "list", "--json")
    assert result.code == 0, result.err
    by_id = {p["id"]: p for p in json.loads(result.out)}
    assert set(by_id) == {SHIPPED_ID, "availability-wording-test"}
    frames = {f["id"]: f for f in by_id[SHIPPED_ID]["frames"]}
    assert frames["supervisory-care-interpretation"]["mode"] == "multiple"
    assert frames["response-process"]["codes"] > 10
    borrowed = by_id["availability-wording-test"]["frames"][1]
    assert borrowed["id"] == "response-process" and borrowed["defined_in"] == SHIPPED_ID


def test_list_table_names_each_protocol(run_cli, project):
    result = run_cli("--project", str(project.root), "protocols", "list")
    assert result.code == 0
    assert SHIPPED_ID in result.out and "availability-wording-test" in result.out


def test_show_json_gives_probes_per_variant_and_nested_frames(run_cli, tmp_path):
    result = run_cli("--project", str(tmp_path), "protocols", "show", SHIPPED_ID, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["id"] == SHIPPED_ID
    assert "week-total" in data["probes_per_variant"]["enut-child-pendiente-es"]
    interpretation = data["frames"][0]
    boundary = next(f for f in interpretation["families"] if f["id"] == "boundary-cases")
    sleeping = next(f for f in boundary["families"] if f["id"] == "sleeping")
    assert {c["id"] for c in sleeping["codes"]} == {"counts-sleeping", "excludes-sleeping"}


def test_show_text_lists_probes_in_the_variant_language(run_cli, tmp_path):
    result = run_cli("--project", str(tmp_path), "protocols", "show", SHIPPED_ID)
    assert result.code == 0, result.err
    assert "Probes per variant" in result.out
    enut = result.out.split("enut-child-pendiente-es", 2)[-1]
    assert "meaning: ¿Qué significa" in enut, "Spanish variants get the Spanish probe text"
    assert "[s] counts-sleeping" in result.out


def test_show_frame_prints_a_codebook_tree(run_cli, tmp_path):
    result = run_cli("--project", str(tmp_path), "protocols", "show", SHIPPED_ID,
                     "--frame", "supervisory-care-interpretation")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    indent = {line.strip().split(":")[0]: len(line) - len(line.lstrip()) for line in lines}
    assert indent["boundary-cases"] < indent["sleeping"] < indent["[s] counts-sleeping"]
    assert any(line.strip().startswith("include:") for line in lines)
    assert any(line.strip().startswith("exclude:") for line in lines)
    assert any(line.strip().startswith('example: "') for line in lines)


def test_show_frame_json_is_the_frame_only(run_cli, tmp_path):
    result = run_cli("--project", str(tmp_path), "protocols", "show", SHIPPED_ID,
                     "--frame", "response-process", "--json")
    data = json.loads(result.out)
    assert data["id"] == "response-process"
    assert [f["id"] for f in data["families"]][:4] == [
        "comprehension", "retrieval", "judgement", "response-mapping"]


def test_frame_command_finds_a_frame_by_id(run_cli, project):
    result = run_cli("--project", str(project.root), "protocols", "frame", "response-process")
    assert result.code == 0, result.err
    assert "[0] no-problem" in result.out
    result = run_cli("--project", str(project.root), "protocols", "frame", "availability", "--json")
    assert json.loads(result.out)["mode"] == "exclusive"


def test_unknown_ids_are_one_error_line_each(run_cli, tmp_path):
    assert run_cli("init", str(tmp_path)).code == 0
    result = run_cli("--project", str(tmp_path), "protocols", "show", "nope")
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"error: protocols: unknown protocol 'nope' (known: {SHIPPED_ID}) (run 'tut protocols list')"
    ]
    result = run_cli("--project", str(tmp_path), "protocols", "show", SHIPPED_ID, "--frame", "x")
    assert result.code == 2 and "has no frame 'x'" in result.err
    result = run_cli("--project", str(tmp_path), "protocols", "frame", "x")
    assert result.code == 2 and "no frame 'x'" in result.err


def test_validate_good_files_prints_one_summary_line(run_cli, project):
    result = run_cli("--project", str(project.root), "protocols", "validate")
    assert result.code == 0, result.err
    registry = protocols_for(project)
    frames = [f for p in registry for f in p.frames]
    codes = sum(len(f.codes) for f in frames)
    assert result.out == f"ok: 2 protocols in 2 files ({len(frames)} frames, {codes} codes)\n"
    result = run_cli("--project", str(project.root), "protocols", "validate",
                     str(project.protocols_dir / "availability.yaml"))
    assert result.code == 0, result.err
    assert result.out.startswith("ok: 1 protocol in 1 file ")


def test_validate_bad_file_reports_every_problem_and_exits_2(run_cli, tmp_path):
    bad = FIXTURES / "bad-many-problems.yaml"
    result = run_cli("--project", str(tmp_path), "protocols", "validate", str(bad))
    assert result.out == ""
    lines = located_errors(result, bad)
    assert len(lines) == 17
    assert "Traceback" not in result.err


def test_validate_flags_a_user_file_that_reuses_a_shipped_id(run_cli, tmp_path):
    dup = FIXTURES / "duplicate-shipped-id.yaml"
    result = run_cli("--project", str(tmp_path), "protocols", "validate", str(dup))
    assert result.code == 2
    [line] = result.err.strip().splitlines()
    assert line.startswith(f"error: {dup}:line 2 (/id): protocol id '{SHIPPED_ID}' is already used")


def test_validate_checks_tested_variants_against_the_instruments(run_cli, tmp_path):
    text = (FIXTURES / "user-availability-test.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "typo.yaml"
    mine.write_text(text.replace("cand-available-en,", "cand-avialable-en,"), encoding="utf-8")
    result = run_cli("--project", str(tmp_path), "protocols", "validate", str(mine))
    assert result.code == 2
    assert "unknown instrument variant 'cand-avialable-en'" in result.err
    assert "(/variants/0)" in result.err


def test_broken_project_protocol_breaks_list_with_a_located_error(run_cli, project):
    (project.protocols_dir / "broken.yaml").write_text("id: x\ntitle: [\n", encoding="utf-8")
    result = run_cli("--project", str(project.root), "protocols", "list")
    assert result.code == 2
    assert re.search(r"broken\.yaml:line \d+: YAML syntax error", result.err)


def test_validate_names_an_instrument_file_given_by_mistake(run_cli):
    from tut.project import shipped_dir

    family = shipped_dir("instruments") / "atus.yaml"
    result = run_cli("protocols", "validate", str(family))
    assert result.code == 2
    assert result.err.strip() == (
        f"error: {family}:line 1 (/): this is an instrument family file (wording variants), "
        "not a protocol (move it to instruments/ and check it with 'tut instruments validate')"
    )
