"""Journal lines set aside when a study is read (torn, damaged, an unknown code or segment) and
a copied journal: one catalogue message per kind, the same for the CLI and the TUI, in the
reader's language; the stage's English warnings (--json, English CLI) are those messages in
English, as they were."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import CliResult
from tui_support import build_study

from tut.coding.store import CoderJournal, journal_path
from tut.coding.study import open_study
from tut.examples import EXAMPLE_STUDY
from tut.messages import render

Run = Callable[..., CliResult]
KINDS = {
    "coding.journal-torn",
    "coding.journal-bad-line",
    "coding.journal-unknown-code",
    "coding.journal-unknown-segment",
}


def event_line(seq: int, segment_id: str, codes: list[str]) -> str:
    return json.dumps({"seq": seq, "time": "2025-01-01T00:00:00+00:00", "coder": "zed",
                       "action": "set", "segment_id": segment_id, "codes": codes,
                       "round": 1}) + "\n"


def damaged_study(root: Path) -> tuple[Path, Path]:
    """A study whose coder zed's journal has one line of every kind that is set aside."""
    project, study = build_study(root, n=6)
    frame = open_study(study).frame
    with CoderJournal.open(study, "zed", frame) as zed:
        zed.set_codes("s00001", ["on-call"])
    path = journal_path(study, "zed")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(event_line(2, "s00000", ["cuida-de-noche"]))  # line 2: unknown code
        fh.write(event_line(3, "s09999", ["on-call"]))  # line 3: unknown segment
        fh.write('{"not": "an event"}\n')  # line 4: not a valid event
        fh.write('{"seq": 5, "ti')  # line 5: torn by a crash
    return project.root, study


def test_each_kind_of_set_aside_line_is_one_message_whose_english_is_the_warning(
    tmp_path: Path,
) -> None:
    _, study = damaged_study(tmp_path / "proj")
    journal = journal_path(study, "zed")
    data = open_study(study)
    assert {m.key for m in data.messages} == KINDS
    assert [m.key for m in data.messages] == [k.message().key for k in data.skipped]
    assert [render(m, "en") for m in data.messages] == data.warnings
    assert (  # the English the CLI and --json have always said
        f"{journal}:line 2: code 'cuida-de-noche' is not in the frame, skipped (the line is "
        "kept as it is)"
    ) in data.warnings
    spanish = [render(m, "es") for m in data.messages]
    assert not set(spanish) & set(data.warnings)
    assert f"{journal}:línea 5: última línea cortada (14 bytes), omitida" in "\n".join(spanish)


def test_a_copied_journal_is_said_in_spanish_too(tmp_path: Path, run_cli: Run) -> None:
    root, study = damaged_study(tmp_path / "proj")
    journal = journal_path(study, "zed")
    copy = journal.with_name("zed-copy.jsonl")
    copy.write_bytes(journal.read_bytes())
    data = open_study(study)
    copied = [m for m in data.messages if m.key == "coding.journal-copied"]
    assert len(copied) == 1 and len(data.messages) == len(data.warnings) == 9
    assert render(copied[0], "en") in data.warnings
    result = run_cli("--project", str(root), "study", "export", "pilot", "--format", "csv",
                     "--out", str(tmp_path / "out.csv"), "--lang", "es")
    assert result.code == 0, result.err
    assert "se leen ambos (¿un diario copiado?)" in result.err
    assert "a copied journal" not in result.err


def test_study_export_says_set_aside_lines_in_spanish(tmp_path: Path, run_cli: Run) -> None:
    root, study = damaged_study(tmp_path / "proj")
    journal = journal_path(study, "zed")
    runs = {
        lang: run_cli("--project", str(root), "study", "export", "pilot", "--format", "csv",
                      "--out", str(tmp_path / f"out-{lang}.csv"), "--lang", lang)
        for lang in ("es", "en")
    }
    for result in runs.values():
        assert result.code == 0, result.err
    warned = {lang: [w for w in r.err.splitlines() if w.startswith("warning: ")]
              for lang, r in runs.items()}
    assert len(warned["es"]) == len(warned["en"]) == 4
    es = "\n".join(warned["es"])
    assert f"{journal}:línea 2: el código 'cuida-de-noche' no está en el marco" in es
    assert f"{journal}:línea 3: el segmento 's09999' no está en este estudio" in es
    assert f"{journal}:línea 4: no es un evento válido" in es
    assert f"{journal}:línea 5: última línea cortada" in es
    for line in warned["en"]:
        assert line not in es
    assert f"{journal}:line 5: torn last line" in "\n".join(warned["en"])


def test_report_says_set_aside_lines_in_its_language(tmp_path: Path, run_cli: Run) -> None:
    study = tmp_path / "study"
    shutil.copytree(EXAMPLE_STUDY, study)
    journal = study / "journals" / "beto.jsonl"
    lines = journal.read_bytes().count(b"\n")
    with journal.open("ab") as f:
        f.write(b'{"not": "an event"}\n{"torn')
    warned = {}
    for lang in ("es", "en"):
        out = tmp_path / f"out-{lang}"
        result = run_cli("report", str(study), "--out", str(out), "--bootstrap", "0",
                         "--lang", lang)
        assert result.code == 0, result.err
        warned[lang] = [w for w in result.err.splitlines() if w.startswith("warning: ")]
    es = "\n".join(warned["es"])
    assert f"{journal}:línea {lines + 1}: no es un evento válido" in es
    assert f"{journal}:línea {lines + 2}: última línea cortada" in es
    assert "not a valid event" not in es and "torn last line" not in es
    en = "\n".join(warned["en"])
    assert f"{journal}:line {lines + 1}: not a valid event, skipped" in en
    assert f"{journal}:line {lines + 2}: torn last line" in en


def test_the_open_journal_keeps_its_set_aside_lines_as_messages_and_words_them_when_asked(
    tmp_path: Path,
) -> None:
    _, study = damaged_study(tmp_path / "proj")
    frame = open_study(study).frame
    with CoderJournal.open(study, "zed", frame) as zed:
        keys = {m.key for m in zed.messages}  # segments it was not told of: not set aside
        assert {"coding.journal-torn", "coding.journal-bad-line"} <= keys <= KINDS
        assert zed.warnings == [render(m, "en") for m in zed.messages]
        assert [render(m, "es") for m in zed.messages] != zed.warnings


def test_a_line_cut_inside_a_text_says_where_it_starts_once() -> None:
    import json

    from tut.coding.journal_lines import _short

    try:
        json.loads('{"segment": "s1", "note": "half')
    except json.JSONDecodeError as exc:
        said = _short(exc)
    assert said == "not JSON: unterminated string starting at column 27"
