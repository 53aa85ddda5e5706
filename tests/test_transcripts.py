"""`tut study segments --transcripts DIR`: transcripts (.txt, .docx) marked with WORDING,
PROBE, R:, I:, NOTE: and @respondent lines become a segments file that `study init` imports;
lines that cannot be placed are listed with file and line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tut.coding.study import open_study

PROTOCOL_ID = "supervisory-care-wording-test"
TXT = """# interview with EN01
@respondent EN01
@sex Female
WORDING atus-incare-en
PROBE meaning
I: What does "in your care" mean to you in that question?
R: That they were with me,
even if I was cooking.
NOTE: hesitated
PROBE sleeping-child
R: No, if they were asleep I wouldn't count it.
"""
DOCX_LINES = ["@respondent MX03", "@interview CI25", "WORDING cand-responsible-es", "PROBE meaning",
              "R: Que yo era la encargada, aunque estuviera lavando."]


def docx(path: Path, paragraphs: list[str], head: str = "") -> Path:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>{head}<w:document xmlns:w='
           f'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return path


@pytest.fixture
def root(tmp_path: Path, run_cli) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "proj"
    assert run_cli("init", str(folder)).code == 0
    return folder


def test_txt_and_docx_transcripts_become_segments_that_a_study_imports(run_cli, root, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "CI01.txt").write_text(TXT, encoding="utf-8")
    docx(folder / "CI25.docx", DOCX_LINES)
    out = tmp_path / "segments.csv"
    made = run_cli("--project", str(root), "study", "segments", "--transcripts", str(folder), "--protocol",
                   PROTOCOL_ID, "--out", str(out))
    assert made.code == 0, made.err
    assert made.out.startswith(f"Wrote {out}: 3 segments") and made.err == ""
    assert run_cli("--project", str(root), "study", "init", "t", "--protocol", PROTOCOL_ID, "--segments", str(out)).code == 0
    segments = {(s.respondent_id, s.interview_id, s.variant_id, s.probe_id): (s.answer, s.notes, s.attributes)
                for s in open_study(root / "coded_responses" / "t").segments}
    assert segments == {
        ("EN01", "CI01", "atus-incare-en", "meaning"): ("That they were with me, even if I was cooking.", "hesitated", {"sex": "Female"}),
        ("EN01", "CI01", "atus-incare-en", "sleeping-child"): ("No, if they were asleep I wouldn't count it.", "", {"sex": "Female"}),
        ("MX03", "CI25", "cand-responsible-es", "meaning"): ("Que yo era la encargada, aunque estuviera lavando.", "", {"sex": ""}),
    }


def test_lines_that_cannot_be_placed_are_listed_with_file_and_line(run_cli, root, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "transcripts"
    folder.mkdir()
    bad = folder / "CI02.txt"
    bad.write_text(TXT + "WORDING no-such-wording\nPROBE meaning\nR: lost\nPROBE recall\n", encoding="utf-8")
    out = tmp_path / "segments.jsonl"
    made = run_cli("--project", str(root), "study", "segments", "--transcripts", str(folder), "--protocol",
                   PROTOCOL_ID, "--out", str(out))
    assert made.code == 0
    assert made.err.splitlines() == [
        f"warning: {bad}:line 12: variant 'no-such-wording' is not tested by protocol {PROTOCOL_ID} (use one of "
        "atus-incare-en, cand-responsible-en, enut-child-pendiente-es, cand-responsible-es) (left out)",
        f"warning: {bad}:line 13: PROBE meaning before a WORDING line (say which wording was read first) (left out)",
        f"warning: {bad}:line 14: R: before any PROBE line (put WORDING and PROBE lines before the answer) (left out)",
        f"warning: {bad}:line 15: PROBE recall before a WORDING line (say which wording was read first) (left out)",
    ]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_nothing_to_place_or_a_hostile_docx_is_an_error_and_nothing_is_written(run_cli, root, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "transcripts"
    folder.mkdir()
    empty = folder / "CI03.txt"
    empty.write_text("R: nobody asked\n", encoding="utf-8")
    out = tmp_path / "segments.csv"
    args = ("--project", str(root), "study", "segments", "--transcripts", str(folder), "--protocol", PROTOCOL_ID, "--out", str(out))
    result = run_cli(*args)
    assert result.code == 2 and not out.exists()
    assert result.err.splitlines()[0] == (f"error: {empty}:line 1: R: before any PROBE line (put WORDING and PROBE "
                                          "lines before the answer)")
    empty.unlink()
    hostile = docx(folder / "CI04.docx", DOCX_LINES, '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    result = run_cli(*args)
    assert result.code == 2 and not out.exists()
    assert result.err.startswith(f"error: {hostile}:word/document.xml:line 1: the XML declares a DTD")
