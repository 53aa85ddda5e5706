"""`tut study export --format qdpx|qdc`: a study as a REFI-QDA project that QDA programs open,
valid against the standard's schema, with exact offsets, users, codings, notes and cases."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

from qda_support import QDA, example_project, project_schema

from tut.coding.study import open_study
from tut.protocols.qda_format import codebook_as_project, parse_description
from tut.xmlsafe import parse_xml


def export(run_cli, root: Path, fmt: str = "qdpx", *more: str) -> Path:  # type: ignore[no-untyped-def]
    out = root / f"sc.{fmt}"
    result = run_cli("--project", str(root), "study", "export", "sc", "--format", fmt,
                     "--out", str(out), *more)
    assert result.code == 0, result.err
    assert f"Wrote {out}" in result.out
    return out


def test_the_project_validates_and_each_selection_cuts_out_its_answer(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    archive = zipfile.ZipFile(export(run_cli, root))
    qde = archive.read("project.qde")
    project_schema().validate(qde.decode("utf-8"))
    data = open_study(root / "coded_responses" / "sc")
    project = parse_xml(qde, "project.qde")
    answers = {}
    for src in project.iter(f"{QDA}TextSource"):
        assert src.get("plainTextPath", "").startswith("internal://")
        text = archive.read("sources/" + src.get("plainTextPath", "")[len("internal://"):]).decode("utf-8")
        for sel in src.iter(f"{QDA}PlainTextSelection"):
            answers[sel.get("name")] = text[int(sel.get("startPosition")):int(sel.get("endPosition"))]
    assert answers == {s.id: s.answer for s in data.segments}
    assert len({s.interview_id for s in data.segments}) == len(list(project.iter(f"{QDA}TextSource")))


def test_the_headings_say_what_was_read_and_asked_and_never_pass_a_label_off(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    archive = zipfile.ZipFile(export(run_cli, root))
    text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("sources/"))
    data = open_study(root / "coded_responses" / "sc")
    for vid, wording in data.wordings.items():
        if wording.text_status in ("paraphrase", "variable-label"):
            assert f"Wording ({vid}, a {wording.text_status.replace('-', ' ')}, not the text read out)" in text
            assert f"Wording read ({vid})" not in text
        else:
            assert f"Wording read ({vid}): {wording.wording}" in text
    assert "Probe asked (meaning): " in text and "[TERM]" not in text


def test_users_codings_and_times_are_each_coders_own(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    project = parse_xml(zipfile.ZipFile(export(run_cli, root)).read("project.qde"), "p")
    data = open_study(root / "coded_responses" / "sc")
    users = {u.get("guid"): u.get("name") for u in project.iter(f"{QDA}User")}
    assert sorted(users.values()) == sorted([*data.coders, *data.adjudicators])
    codes = {c.get("guid"): parse_description(c.findtext(f"{QDA}Description", "")).id
             for c in project.iter(f"{QDA}Code") if c.get("isCodable") == "true"}
    given: Counter[tuple[str, str, str]] = Counter()
    for sel in project.iter(f"{QDA}PlainTextSelection"):
        for coding in sel.findall(f"{QDA}Coding"):
            if coding.find(f"{QDA}NoteRef") is None:  # adjudications point to their rationale
                code = codes[coding.find(f"{QDA}CodeRef").get("targetGUID")]
                given[(users[coding.get("creatingUser")], sel.get("name"), code)] += 1
    expected = Counter((coder, sid, code) for coder, state in data.codings(1).items()
                       for sid, c in state.items() for code in c.codes)
    assert given == expected
    first = next(e for e in data.journals["beto"].events if e.action == "set" and e.codes)
    sel = next(s for s in project.iter(f"{QDA}PlainTextSelection") if s.get("name") == first.segment_id)
    beto = [c for c in sel.findall(f"{QDA}Coding") if users[c.get("creatingUser")] == "beto"]
    last_set = [e.time for e in data.journals["beto"].events
                if e.segment_id == first.segment_id and e.action in ("set", "clear") and e.round == 1][-1]
    assert {c.get("creationDateTime") for c in beto} == {last_set}


def test_memos_and_rationales_are_notes_on_their_selections(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    project = parse_xml(zipfile.ZipFile(export(run_cli, root)).read("project.qde"), "p")
    data = open_study(root / "coded_responses" / "sc")
    notes = {n.get("guid"): n.findtext(f"{QDA}PlainTextContent") for n in project.iter(f"{QDA}Note")}
    on_selection = {sel.get("name"): {notes[r.get("targetGUID")] for r in sel.findall(f"{QDA}NoteRef")}
                    for sel in project.iter(f"{QDA}PlainTextSelection")}
    memos = [(sid, c.memo) for state in data.codings(1).values() for sid, c in state.items() if c.memo]
    assert memos and all(memo in on_selection[sid] for sid, memo in memos)
    rationales = data.adjudications
    assert rationales and all(a.rationale in on_selection[sid] for sid, a in rationales.items())


def test_the_codebook_keeps_families_rules_and_stable_colours(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    frame = open_study(root / "coded_responses" / "sc").frame
    first = parse_xml(zipfile.ZipFile(export(run_cli, root)).read("project.qde"), "p")
    tops = first.find(f"{QDA}CodeBook/{QDA}Codes").findall(f"{QDA}Code")
    assert [t.get("name") for t in tops] == [f.label for f in frame.families]
    assert all(t.get("isCodable") == "false" for t in tops)
    described = {parse_description(c.findtext(f"{QDA}Description", "")).id: c
                 for c in first.iter(f"{QDA}Code") if c.get("isCodable") == "true"}
    assert set(described) == {c.id for c in frame.codes}
    for code in frame.codes:
        parsed = parse_description(described[code.id].findtext(f"{QDA}Description", ""))
        assert (parsed.definition, parsed.include, parsed.exclude) == (code.definition, code.include, code.exclude)
    (root / "sc.qdpx").unlink()
    again = parse_xml(zipfile.ZipFile(export(run_cli, root)).read("project.qde"), "p")
    colours = [(c.get("guid"), c.get("color")) for c in first.iter(f"{QDA}Code")]
    assert colours == [(c.get("guid"), c.get("color")) for c in again.iter(f"{QDA}Code")]
    assert len({c for _, c in colours if c}) > 5


def test_cases_carry_the_respondent_attributes(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    project = parse_xml(zipfile.ZipFile(export(run_cli, root)).read("project.qde"), "p")
    data = open_study(root / "coded_responses" / "sc")
    variables = {v.get("guid"): v.get("name") for v in project.iter(f"{QDA}Variable")}
    cases = {c.get("name"): {variables[vv.find(f"{QDA}VariableRef").get("targetGUID")]: vv.findtext(f"{QDA}TextValue")
                             for vv in c.findall(f"{QDA}VariableValue")}
             for c in project.iter(f"{QDA}Case")}
    assert cases == {s.respondent_id: s.attributes for s in data.segments}


def test_the_codebook_alone_is_a_qdc_and_an_export_is_never_overwritten(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    out = export(run_cli, root, "qdc")
    book = parse_xml(out)
    assert book.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    project_schema().validate(codebook_as_project(book))
    before = out.read_bytes()
    again = run_cli("--project", str(root), "study", "export", "sc", "--format", "qdc", "--out", str(out))
    assert again.code == 2 and again.err.startswith(f"error: {out}") and out.read_bytes() == before


def test_a_python_reader_of_refi_qda_opens_the_export(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """pyrefiqda (PyPI, Pydantic models generated from the standard's schema) reads the project."""
    import pytest

    refi = pytest.importorskip("pyrefiqda")
    root = example_project(tmp_path)
    project = refi.RefiProject.load(export(run_cli, root), extract_dir=str(tmp_path / "extracted"))
    data = open_study(root / "coded_responses" / "sc")
    assert sorted(u.name for u in project.users.user) == sorted([*data.coders, *data.adjudicators])
    answers = {}
    for source in project.sources.text_source:
        path = refi.RefiProject.resolve_source_path(source.plain_text_path, tmp_path / "extracted")
        text = path.read_text(encoding="utf-8")
        for sel in source.plain_text_selection:
            answers[sel.name] = text[sel.start_position:sel.end_position]
    assert answers == {s.id: s.answer for s in data.segments}
    assert len(project.cases.case) == len({s.respondent_id for s in data.segments})


def test_a_memo_with_a_control_character_still_makes_a_valid_project(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import xml.etree.ElementTree as ET

    from coding_support import IDS, pilot_study
    from coding_support import PROTOCOL as TEST_PROTOCOL

    from tut.coding.qdpx_export import qdpx_bytes
    from tut.coding.store import CoderJournal

    folder = pilot_study(tmp_path)
    with CoderJournal.open(folder, "ana", TEST_PROTOCOL.frame()) as journal:
        journal.set_codes(IDS[0], ["responsibility"])
        journal.memo(IDS[0], "pasted\x07from a chat")
    qde = zipfile.ZipFile(io.BytesIO(qdpx_bytes(open_study(folder), "2026-01-01T00:00:00Z"))).read("project.qde")
    project_schema().validate(qde.decode("utf-8"))
    assert [n.findtext(f"{QDA}PlainTextContent") for n in parse_xml(qde, "p").iter(f"{QDA}Note")] == ["pasted\ufffdfrom a chat"]
    assert ET.tostring(ET.Element("html")) == b"<html />"  # no namespace registered for everyone
