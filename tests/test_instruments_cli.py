"""`tut instruments ...` through the real entry point."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from conftest import located_errors

FIXTURES = Path(__file__).parent / "fixtures" / "instruments"
VALID = re.compile(r"^(\d+) files?, (\d+) variants?: valid")


@pytest.fixture
def project(run_cli, tmp_path):
    """A user's project folder (made by `tut init`) with one family file of their own."""
    root = tmp_path / "my-study"
    assert run_cli("init", str(root)).code == 0
    (root / "instruments" / "office.yaml").write_text(
        (FIXTURES / "good_family.yaml").read_text("utf-8"), encoding="utf-8"
    )
    return root


# --- list ----------------------------------------------------------------------------------


def test_list_json_has_every_variant_with_its_text_status(run_cli):
    result = run_cli("instruments", "list", "--json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    by_id = {r["id"]: r for r in rows}
    assert by_id["atus-tucc5-label-en"]["text_status"] == "variable-label"
    assert by_id["atus-tucc5-label-en"]["is_read_out_text"] is False
    assert by_id["cand-responsible-es"]["wording"].startswith("Ayer, ¿durante")
    assert len(rows) >= 11


def test_list_filters_by_language_and_family(run_cli):
    es = json.loads(run_cli("instruments", "list", "--json", "--language", "es").out)
    assert es and all(r["language"].startswith("es") for r in es)
    fam = json.loads(run_cli("instruments", "list", "--json", "--family", "tut-candidates").out)
    assert {r["id"] for r in fam} == {"cand-responsible-en", "cand-responsible-es",
                                      "cand-available-en", "cand-available-es"}


def test_list_table_groups_variants_by_family(run_cli):
    result = run_cli("instruments", "list")
    assert result.code == 0
    assert "atus-in-your-care: ATUS" in result.out
    assert "enut-elder-pendiente-es" in result.out
    assert re.search(r"\d+ variants\.", result.out)
    assert "\x1b[" not in result.out  # no colour codes when not a terminal


def test_list_says_which_text_statuses_are_not_what_respondents_heard(run_cli):
    result = run_cli("instruments", "list")
    legend = result.out.split("Text status (what the wording column holds):\n", 1)[1]
    meanings = dict(line.split(None, 1) for line in legend.splitlines()[:-1])
    assert meanings["variable-label"] == "not the read-out text"
    assert meanings["paraphrase"] == "not the read-out text"
    assert meanings["secondary-source"].startswith("copied by a third party")
    assert meanings["verbatim"].startswith("the text read to")
    # Only the statuses of the variants listed are explained.
    candidates = run_cli("instruments", "list", "--family", "tut-candidates").out
    assert "candidate " in candidates and "paraphrase " not in candidates


def test_list_unknown_family_is_a_user_error(run_cli):
    result = run_cli("instruments", "list", "--family", "atus")
    assert result.code == 2
    assert result.err.startswith("error: instruments: unknown family 'atus' (use one of: ")


# --- show ----------------------------------------------------------------------------------


def test_show_says_a_label_is_not_the_read_out_text(run_cli):
    result = run_cli("instruments", "show", "atus-tucc5-label-en")
    assert result.code == 0
    assert "Text status: variable label — not the read-out text" in result.out
    assert "Was at least one of your own household children < 13" in result.out
    assert "TUCC5" in result.out and "-1, -2, -3" in result.out
    assert "https://www.bls.gov/tus/datafiles/" in result.out


def test_show_json_parses(run_cli):
    result = run_cli("instruments", "show", "enut-elder-pendiente-es", "--json")
    data = json.loads(result.out)
    assert data["id"] == "enut-elder-pendiente-es"
    assert data["text_status"] == "secondary-source"
    assert data["source"]["citation"] == "https://www.inegi.org.mx/programas/enut/2019/"


def test_show_unknown_id(run_cli):
    result = run_cli("instruments", "show", "cand-responsible")
    assert result.code == 2
    assert result.err.startswith("error: instruments: unknown variant id 'cand-responsible'")
    assert "(run 'tut instruments list')" in result.err
    assert "Traceback" not in result.err


# --- validate ------------------------------------------------------------------------------


def test_validate_the_registry(run_cli):
    result = run_cli("instruments", "validate")
    assert result.code == 0, result.err
    files, variants = map(int, VALID.match(result.out).groups())
    assert files >= 4 and variants >= 11


def test_validate_bad_file_prints_every_problem_and_exits_2(run_cli):
    path = FIXTURES / "bad_schema.yaml"
    result = run_cli("instruments", "validate", str(path))
    lines = located_errors(result, path)
    assert len(lines) == 12
    typo = next(line for line in lines if "/variants/1/wordnig" in line)
    assert typo == (f"error: {path}:line 19 (/variants/1/wordnig): unknown key 'wordnig' "
                    "(did you mean 'wording'?)")
    assert result.out == ""


def test_validate_duplicates_across_files(run_cli):
    first, second = FIXTURES / "dup_first.yaml", FIXTURES / "dup_second.yaml"
    result = run_cli("instruments", "validate", str(first), str(second))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert lines[0] == (
        f"error: {second}:line 16 (/variants/1/id): duplicate variant id 'shared-id': "
        f"already defined at {first}:line 7 (give each variant its own id)"
    )
    assert "'atus-incare-en': already defined at" in lines[1]


def test_validate_syntax_error_and_missing_file(run_cli, tmp_path):
    result = run_cli("instruments", "validate", str(FIXTURES / "bad_syntax.yaml"),
                     str(tmp_path / "missing.yaml"))
    assert result.code == 2
    assert "bad_syntax.yaml:line " in result.err and "YAML syntax error" in result.err
    assert f"error: {tmp_path / 'missing.yaml'}: file not found" in result.err


def test_validate_a_good_file_against_the_registry(run_cli):
    result = run_cli("instruments", "validate", str(FIXTURES / "good_family.yaml"))
    assert result.code == 0, result.err
    assert result.out.startswith("1 file, 1 variant: valid (ids checked against ")


def test_validate_in_a_project_includes_the_users_files(run_cli, project):
    shipped = VALID.match(run_cli("instruments", "validate").out).groups()
    ours = VALID.match(run_cli("--project", str(project), "instruments", "validate").out).groups()
    assert int(ours[0]) == int(shipped[0]) + 1
    assert int(ours[1]) == int(shipped[1]) + 1


def test_a_broken_project_file_is_reported_by_every_command(run_cli, project):
    (project / "instruments" / "broken.yaml").write_text(
        (FIXTURES / "bad_links.yaml").read_text("utf-8"), encoding="utf-8"
    )
    for command in (("instruments", "list"), ("instruments", "validate")):
        result = run_cli("--project", str(project), *command)
        assert result.code == 2
        assert len(result.err.strip().splitlines()) == 5
        assert all(line.startswith(f"error: {project.resolve()}/instruments/broken.yaml:line ")
                   for line in result.err.strip().splitlines())


# --- a user's project folder ---------------------------------------------------------------


def test_project_variants_show_up_next_to_shipped_ones(run_cli, project, monkeypatch):
    rows = json.loads(run_cli("--project", str(project), "instruments", "list", "--json").out)
    ids = {r["id"] for r in rows}
    assert {"office-responsible-es", "atus-incare-en"} <= ids

    monkeypatch.chdir(project)
    result = run_cli("instruments", "show", "office-responsible-es")
    assert result.code == 0 and "translation of cand-responsible-en" in result.out
    result = run_cli("instruments", "diff", "cand-responsible-es", "office-responsible-es")
    assert result.code == 0
    assert "[-estuvo-] {+tenía+} usted a {+su+} cargo [-de-] {+a+} algún niño" in result.out


def test_without_the_project_the_users_variant_is_unknown(run_cli, project, tmp_path,
                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli("instruments", "show", "office-responsible-es").code == 2
    assert run_cli("--project", str(project), "instruments", "show",
                   "office-responsible-es").code == 0


def test_missing_project_folder(run_cli, tmp_path):
    result = run_cli("--project", str(tmp_path / "nowhere"), "instruments", "list")
    assert result.code == 2 and "tut init" in result.err


# --- diff ----------------------------------------------------------------------------------


def test_diff_plain_when_not_a_terminal(run_cli):
    result = run_cli("instruments", "diff", "atus-incare-en", "cand-responsible-en")
    assert result.code == 0
    assert "[-[NAME(S)] in your care-]" in result.out
    assert "{+you responsible for a child under 13" in result.out
    assert "text_status" in result.out and "paraphrase" in result.out
    assert "Note: atus-incare-en: paraphrase — not the read-out text" in result.out
    assert "\x1b[" not in result.out


def test_diff_in_a_terminal_uses_colours(run_cli, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    result = run_cli("instruments", "diff", "atus-incare-es", "cand-responsible-es")
    assert result.code == 0
    assert "\x1b[9;31m" in result.out or "\x1b[31;9m" in result.out  # red strikethrough
    assert "\x1b[32m" in result.out  # green insertions
    assert "[-" not in result.out
    plain = run_cli("instruments", "diff", "--plain", "atus-incare-es", "cand-responsible-es")
    assert "\x1b[" not in plain.out and "{+Ayer,+}" in plain.out


def test_diff_json(run_cli):
    result = run_cli("instruments", "diff", "cand-available-en", "cand-available-es", "--json")
    data = json.loads(result.out)
    assert data["a"] == "cand-available-en" and data["b"] == "cand-available-es"
    assert {"language", "translation_of"} <= {f["field"] for f in data["fields"]}
    assert data["wording_plain"].startswith("[-Yesterday")


def test_diff_unknown_id(run_cli):
    result = run_cli("instruments", "diff", "atus-incare-en", "nope")
    assert result.code == 2 and "unknown variant id 'nope'" in result.err


# --- check ---------------------------------------------------------------------------------


def test_check_english_variant(run_cli):
    result = run_cli("instruments", "check", "atus-incare-en")
    assert result.code == 0
    assert "undefined-term: key term 'in your care'" in result.out
    assert "text-status" in result.out
    assert re.search(r"1 variant: \d+ warnings?, \d+ notes?", result.out)


def test_check_spanish_variant(run_cli):
    result = run_cli("instruments", "check", "enut-elder-pendiente-es")
    assert result.code == 0
    assert "double-barrelled" in result.out and "«Cuidar o estar»" in result.out
    assert "key term 'estar al pendiente'" in result.out


def test_check_json_for_one_and_for_all(run_cli):
    one = json.loads(run_cli("instruments", "check", "cand-responsible-es", "--json").out)
    assert one["variant"] == "cand-responsible-es"
    assert [f["check"] for f in one["flags"]] == ["long-sentence"]
    every = json.loads(run_cli("instruments", "check", "--all", "--json").out)
    listed = json.loads(run_cli("instruments", "list", "--json").out)
    assert set(every["variants"]) == {r["id"] for r in listed}
    assert every["variants"]["cand-available-en"]["flags"] == []


def test_check_needs_an_id_or_all(run_cli):
    assert run_cli("instruments", "check").code == 2
    assert run_cli("instruments", "check", "atus-incare-en", "--all").code == 2


def test_check_help_lists_the_checks(run_cli):
    result = run_cli("instruments", "check", "--help")
    assert result.code == 0
    for name in ("long-sentence", "double-barrelled", "vague-quantifier", "undefined-term",
                 "reference-period", "negation"):
        assert name in result.out


def test_validate_names_a_protocol_given_by_mistake(run_cli):
    from tut.project import shipped_dir

    protocol = next(shipped_dir("protocols").glob("*.yaml"))
    result = run_cli("instruments", "validate", str(protocol))
    assert result.code == 2
    assert result.err.strip() == (
        f"error: {protocol}:line 1 (/): this is a cognitive-interview protocol, not an "
        "instrument family file (move it to protocols/ and check it with "
        "'tut protocols validate')"
    )
