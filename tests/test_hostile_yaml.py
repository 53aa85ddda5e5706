"""Hostile and broken YAML is refused in one located line, quickly, by every command that reads
a user's YAML (wordings, protocols, comparison specs, study notes, data dictionaries)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tut.errors import TutError
from tut.examples import EXAMPLE_STUDY
from tut.userfiles import YAML_MAX_BYTES, YAML_MAX_DEPTH, YAML_MAX_VALUES
from tut.yamlio import load_yaml, parse_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "instruments"

LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
"""Nine nested aliases of nine items: 387 million strings once every alias is copied."""

ONE_ERROR = re.compile(r"^error: (?P<file>.+?):line (?P<line>\d+)(?: \([^)]*\))?: (?P<what>.+) \((?P<fix>.+)\)$")


def one_error(result, path: Path) -> tuple[int, str]:
    """The single located error line of a refused file: its line number and text."""
    assert result.code == 2, (result.code, result.out, result.err)
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, lines
    match = ONE_ERROR.match(lines[0])
    assert match, lines[0]
    assert match["file"] == str(path)
    return int(match["line"]), match["what"]


@pytest.fixture
def project(run_cli, tmp_path):
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    return root


def test_billion_laughs_in_the_instruments_folder_is_refused_at_the_alias(run_cli, project):
    bomb = project / "instruments" / "lol.yaml"
    bomb.write_text(LAUGHS, encoding="utf-8")
    for args in (["instruments", "list"], ["instruments", "validate"]):
        result = run_cli("--project", str(project), *args)
        line, what = one_error(result, bomb)
        # a (10 values) .. d (7,381) fit; the fifth line's *d takes the count past the limit
        assert line == 5
        assert "*d" in what and f"{YAML_MAX_VALUES:,} values" in what


def test_billion_laughs_stays_small_in_a_fresh_process(tmp_path):
    """The old reader used 5.3 GB and 92 s; under a 1 GB address-space cap it must answer."""
    bomb = tmp_path / "lol.yaml"
    bomb.write_text(LAUGHS, encoding="utf-8")
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))\n"
        "import tracemalloc\n"
        "from tut.cli import main\n"
        "tracemalloc.start()\n"
        f"code = main(['instruments', 'validate', {str(bomb)!r}])\n"
        "print(tracemalloc.get_traced_memory()[1])\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"error: {bomb}:line 5: the alias *d repeats")
    # bytes allocated while reading the file (ru_maxrss would report the forking pytest's size,
    # which Linux keeps across exec)
    assert int(proc.stdout) < 20_000_000


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("family: x\ntitle: t\x00t\n", 2, "NUL character (U+0000) at column 9"),
        ("family: x\ntitle: a\x1bb\n", 2, "control character U+001B at column 9"),
        ("family: x\ntitle: a\x85b\x9cc\n", 2, "control character U+009C at column 11"),
        ("family: x\nvariants: &a [*a]\n", 2, "the alias *a sits inside &a"),
        ("family: x\nv: &a {x: *a}\n", 2, "the alias *a sits inside &a"),
        ("&a [*a]\n", 1, "the alias *a sits inside &a"),
        ("&a\nk: *a\n", 2, "the alias *a sits inside &a"),
        ("family: x\nvariants: " + "[" * 5000 + "]" * 5000 + "\n", 2,
         f"nested more than {YAML_MAX_DEPTH} levels deep"),
        ("v:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(200)), 51,
         f"nested more than {YAML_MAX_DEPTH} levels deep"),
        ("a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 60)), 51,
         f"nested more than {YAML_MAX_DEPTH} levels deep"),
        ("family: x\nversion: " + "9" * 5000 + "\n", 2, "a number with 5,000 digits"),
        ("family: .nan\n", 1, "'.nan' is not a finite number"),
        ("level: 1e999\n", 1, "'1e999' is not a finite number"),
        ("changelog:\n  - date: 2026-02-30\n", 2, "'2026-02-30' is not a valid date"),
        ("family: !!binary aGVsbG8=\n", 1, "the YAML tag !!binary is not plain data"),
        ("family: !!python/object/apply:os.system ['echo hi']\n", 1,
         "the YAML tag !!python/object/apply:os.system"),
        ("family: !!set {a, b}\n", 1, "the YAML tag !!set"),
        ("family: !mine x\n", 1, "the YAML tag !mine"),
    ],
    ids=["nul", "escape", "c1", "recursive-seq", "recursive-map", "recursive-top",
         "recursive-key", "deep-flow", "deep-block", "deep-aliases", "huge-int", "nan", "inf",
         "bad-date", "binary", "python", "set", "custom-tag"],
)
def test_a_hostile_yaml_file_is_one_located_error(run_cli, tmp_path, text, line, words):
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("instruments", "validate", str(path))
    got_line, what = one_error(result, path)
    assert (got_line, words in what) == (line, True), what


def test_more_values_than_the_limit_are_refused_at_the_line_that_passes_it(
    run_cli, tmp_path, monkeypatch
):
    monkeypatch.setattr("tut.yamlsafe.YAML_MAX_VALUES", 1_000)  # 50,000 take seconds to parse
    path = tmp_path / "many.yaml"
    path.write_text("".join(f"k{i}: {i}\n" for i in range(600)), encoding="utf-8")
    line, what = one_error(run_cli("instruments", "validate", str(path)), path)
    assert (line, what) == (500, "more than 1,000 values (keys, items and texts)")  # + the root


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(run_cli, tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("# " + "x" * YAML_MAX_BYTES + "\n", encoding="utf-8")
    result = run_cli("protocols", "validate", str(path))
    assert result.code == 2
    assert result.err.strip().startswith(
        f"error: {path}: the file is {YAML_MAX_BYTES + 3:,} bytes; a YAML file may be at most "
        f"{YAML_MAX_BYTES:,} bytes"
    )


def test_latin1_yaml_names_the_line_of_the_first_bad_byte(run_cli, tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("family: x\ntitle: t\nconcept: Se\u00f1al\n".encode("latin-1"))
    line, what = one_error(run_cli("instruments", "validate", str(path)), path)
    assert line == 3 and "byte 0xf1 at column 12" in what


def test_a_device_is_not_read(run_cli):
    result = run_cli("instruments", "validate", "/dev/zero")
    assert result.code == 2
    assert "is not a regular file" in result.err


def test_aliases_within_the_limit_still_save_repeating_fields(run_cli, tmp_path):
    """A methodologist may share fields between variants with an anchor and a merge key."""
    good = (FIXTURES / "good_family.yaml").read_text("utf-8")
    shared = good.replace("    source:\n      survey: Office cognitive test 2026\n",
                          "    source: &office\n      survey: Office cognitive test 2026\n")
    assert shared != good
    second = (
        "  - <<: *first\n"
        "    id: office-responsible-es-b\n"
        "    source: *office\n"
        "    status: candidate\n"
    )
    shared = shared.replace("  - id: office-responsible-es\n",
                            "  - &first\n    id: office-responsible-es\n")
    path = tmp_path / "shared.yaml"
    path.write_text(shared + second, encoding="utf-8")
    doc = load_yaml(path)
    a, b = doc.data["variants"][:2]
    assert b["id"] == "office-responsible-es-b"
    assert b["wording"] == a["wording"] and b["source"] == a["source"]
    result = run_cli("instruments", "validate", str(path))
    assert result.code == 0, result.err


def test_shipped_and_example_yaml_are_well_inside_the_limits():
    repo = Path(__file__).resolve().parents[1]
    files = [*repo.glob("instruments/*.yaml"), *repo.glob("protocols/*.yaml"),
             EXAMPLE_STUDY / "methods.yaml"]
    assert len(files) >= 7
    for path in files:
        assert path.stat().st_size < YAML_MAX_BYTES / 10
        load_yaml(path)


def test_the_parser_raises_only_tut_errors_for_text_it_refuses():
    with pytest.raises(TutError) as exc:
        parse_yaml("a: [1, 2\n", "x.yaml")
    assert exc.value.problems[0].place == "line 1"


# --- every command that reads a user's YAML goes through the same reader -------------------


def test_a_comparison_spec_bomb_is_refused(run_cli, tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(LAUGHS, encoding="utf-8")
    line, what = one_error(run_cli("compare", str(spec)), spec)
    assert line == 5 and "*d" in what


def test_study_notes_with_a_recursive_alias_are_refused(run_cli, tmp_path):
    study = tmp_path / "study"
    shutil.copytree(EXAMPLE_STUDY, study)
    before = {p.name: p.read_bytes() for p in (study / "journals").iterdir()}
    notes = study / "methods.yaml"
    notes.write_text("sample: &s {size: *s}\n", encoding="utf-8")
    result = run_cli("report", str(study), "--out", str(tmp_path / "out"), "--bootstrap", "0")
    line, what = one_error(result, notes)
    assert line == 1 and "the alias *s sits inside &s" in what
    assert {p.name: p.read_bytes() for p in (study / "journals").iterdir()} == before
    assert not (tmp_path / "out").exists()


def test_a_data_dictionary_bomb_is_refused(run_cli, tmp_path):
    data = tmp_path / "survey.csv"
    data.write_text("sexo,cuidado_min\n1,30\n", encoding="utf-8")
    dictionary = tmp_path / "survey.dictionary.yaml"
    dictionary.write_text(LAUGHS, encoding="utf-8")
    line, what = one_error(run_cli("microdata", "describe", str(data)), dictionary)
    assert line == 5 and "*d" in what
