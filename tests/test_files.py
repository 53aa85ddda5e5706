"""Files are replaced whole or not at all, and JSON keeps accents as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tut.files import json_text, replacing, write_atomic


def test_a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("saved before\n", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_text("half of the new", encoding="utf-8")
        raise RuntimeError("the renderer failed")
    assert target.read_text(encoding="utf-8") == "saved before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_write_atomic_replaces_the_file_with_unix_line_ends(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("old\n", encoding="utf-8")
    write_atomic(target, "uno\ndos\n")
    assert target.read_bytes() == b"uno\ndos\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_json_text_keeps_spanish_as_written_and_ends_with_a_newline() -> None:
    text = json_text({"wording": "¿Estuvo al pendiente de algún niño?"})
    assert "¿Estuvo al pendiente de algún niño?" in text
    assert text.endswith("}\n") and json.loads(text)["wording"].startswith("¿")
    with pytest.raises(ValueError):
        json_text({"alpha": float("nan")}, allow_nan=False)
