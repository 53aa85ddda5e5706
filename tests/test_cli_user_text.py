"""User text printed by the CLI is inert (issue 13): Rich markup in a wording or label is
shown as written, never interpreted (``[/x]`` crashed `instruments list`), and escape
sequences are shown visibly instead of reaching the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tut.project import shipped_dir

FIXTURES = Path(__file__).parent / "fixtures" / "instruments"
TITLE = "Our [/x] wordings [@click=app.quit]quit[/]"
OSC = "\x1b]0;pwned\x07"


@pytest.fixture
def project(run_cli, tmp_path: Path) -> Path:
    """A project whose own wording and code label hold markup and an OSC title sequence."""
    root = tmp_path / "proj"
    assert run_cli("init", str(root)).code == 0
    family = (FIXTURES / "good_family.yaml").read_text("utf-8")
    family = family.replace("title: Our office's Spanish test wordings", f'title: "{TITLE}"')
    family = family.replace(
        "    wording: >-\n      Ayer, ¿durante cuáles de estas actividades tenía usted a su cargo a "
        "algún niño o niña\n      menor de 13 años?",
        '    wording: "Ayer [bold]¿durante[/] cuáles \\e]0;pwned\\a [/x] actividades tenía usted '
        'a su cargo?"')
    assert "pwned" in family
    (root / "instruments" / "office.yaml").write_text(family, encoding="utf-8")
    protocol = (shipped_dir("protocols") / "supervisory-care-wording-test.yaml").read_text("utf-8")
    protocol = protocol.replace("id: supervisory-care-wording-test", "id: my-test", 1)
    protocol = protocol.replace("label: Presence only",
                                'label: "Presence [/x] only \\e]0;pwned\\a [@click=app.quit]"', 1)
    (root / "protocols" / "mine.yaml").write_text(protocol, encoding="utf-8")
    return root


def inert(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "Traceback" not in text


@pytest.mark.parametrize(("command", "escape_shown"), [
    (("instruments", "list", "--family", "my-office-wordings"), "␛]0;pwned␇"),
    (("instruments", "show", "office-responsible-es"), "␛]0;pwned␇"),
    (("instruments", "diff", "office-responsible-es", "cand-responsible-en"), "␛] 0; pwned ␇"),
    (("instruments", "diff", "office-responsible-es", "cand-responsible-en", "--plain"), "␛]"),
    (("instruments", "check", "office-responsible-es"), ""),  # its evidence is another part
    (("protocols", "show", "my-test"), "␛]0;pwned␇"),
    (("protocols", "frame", "supervisory-care-interpretation", "--protocol", "my-test"), "␛]"),
])
def test_markup_and_escapes_in_user_text_are_printed_as_written(run_cli, project, command,
                                                                escape_shown):
    result = run_cli("--project", str(project), *command)
    assert result.code == 0, result.err
    inert(result.out)
    assert escape_shown in result.out
    assert "[/x]" in result.out


def test_the_family_title_keeps_its_brackets(run_cli, project):
    result = run_cli("--project", str(project), "instruments", "list", "--family", "my-office-wordings")
    assert TITLE in result.out
    assert "[bold]¿durante[/]" in result.out


def test_an_error_line_never_sends_an_escape_sequence(run_cli, project):
    result = run_cli("--project", str(project), "instruments", "show", f"nope{OSC}")
    assert result.code == 2
    assert "\x1b" not in result.err and "␛]0;pwned␇" in result.err


def test_study_status_shows_a_hand_edited_coder_name_inert(run_cli, project):
    from coding_support import IDS, pilot_study

    from tut.coding.study import open_study

    study = pilot_study(project / "coded_responses")
    code = open_study(study).frame.codes[0].id
    line = ('{"seq": 1, "time": "2025-01-01T10:00:00+00:00", "coder": "eve\\u001b]0;pwned\\u0007",'
            f' "action": "set", "segment_id": "{IDS[0]}", "codes": ["{code}"], "round": 1}}\n')
    (study / "journals" / "eve.jsonl").write_text(line, encoding="utf-8")
    result = run_cli("--project", str(project), "study", "status", "pilot")
    assert result.code == 0, result.err
    inert(result.out)
    assert "eve␛]0;pwned␇" in result.out
