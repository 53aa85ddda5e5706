"""A .qdpx that is broken or hostile is refused with one located `error:` line, exit 2, and no
study: not a zip, no project.qde, schema errors, missing sources, selections out of range or
overlapping, a zip bomb, a path that leaves the archive (zip-slip), a DTD or entities."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from qda_support import PROTOCOL_ID, example_project, guid, make_qdpx, small_project

TEXT = "I was watching them. Asleep counts too."
SOURCE = f"sources/{guid(50)}.txt"


def refused(run_cli, tmp_path: Path, qdpx: Path) -> str:  # type: ignore[no-untyped-def]
    root = example_project(tmp_path)
    result = run_cli("--project", str(root), "study", "init", "bad", "--protocol", PROTOCOL_ID,
                     "--from-qdpx", str(qdpx), "--variant", "atus-incare-en", "--probe", "meaning")
    assert result.code == 2
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {qdpx}")
    assert not (root / "coded_responses" / "bad").exists()
    assert not list((root / "coded_responses").glob(".bad*"))
    return lines[0][len(f"error: {qdpx}"):]


def test_a_file_that_is_not_a_zip(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qdpx = tmp_path / "p.qdpx"
    qdpx.write_text("<Project/>", encoding="utf-8")
    assert refused(run_cli, tmp_path, qdpx).startswith(": not a zip archive, so not a REFI-QDA project")


def test_an_archive_without_project_qde(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qdpx = tmp_path / "p.qdpx"
    with zipfile.ZipFile(qdpx, "w") as archive:
        archive.writestr(SOURCE, TEXT)
    assert refused(run_cli, tmp_path, qdpx) == (
        ": the archive has no project.qde (check it is a REFI-QDA project (.qdpx), exported again if need be)")


def test_a_project_that_breaks_the_schema_is_refused_at_the_element(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qde = small_project().replace('startPosition="21"', 'startPosition="twenty-one"')
    qdpx = make_qdpx(tmp_path / "p.qdpx", qde, {SOURCE: TEXT.encode()})
    assert refused(run_cli, tmp_path, qdpx) == (
        ":project.qde:line 5: not valid REFI-QDA (QDA-XML 1.0): Element 'PlainTextSelection', attribute "
        "'startPosition': 'twenty-one' is not a valid value of the atomic type 'xs:integer'. "
        "(export it again from the QDA program)")


def test_a_source_whose_text_is_not_in_the_archive(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project())
    assert refused(run_cli, tmp_path, qdpx) == (
        f":project.qde:/Project/Sources/TextSource[1]: its plain text 'internal://{guid(50)}.txt' is not in the "
        f"archive (no {SOURCE}) (export the project again with its sources)")


@pytest.mark.parametrize(("spans", "where", "what"), [
    ([(0, 20), (21, 400)], "PlainTextSelection[2]", "selection 21-400 lies outside its text (0-39 characters)"),
    ([(5, 5)], "PlainTextSelection[1]", "selection 5-5 lies outside its text (0-39 characters) or is empty"),
    ([(0, 20), (10, 30)], "PlainTextSelection[2]", "selection 10-30 overlaps selection 0-20"),
])
def test_selections_out_of_range_or_overlapping(run_cli, tmp_path, spans, where, what) -> None:  # type: ignore[no-untyped-def]
    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project(selections=spans), {SOURCE: TEXT.encode()})
    message = refused(run_cli, tmp_path, qdpx)
    assert message.startswith(f":project.qde:/Project/Sources/TextSource[1]/{where}: ")
    assert what in message


def test_a_zip_bomb_is_refused_from_its_table_before_anything_is_inflated(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project(), {SOURCE: TEXT.encode()})
    data = bytearray(qdpx.read_bytes())
    at = data.find(b"PK\x01\x02")  # the central directory entry of project.qde
    data[at + 24:at + 28] = struct.pack("<I", 0xFFFF_FF00)  # declares 4 GB uncompressed
    qdpx.write_bytes(bytes(data))
    message = refused(run_cli, tmp_path, qdpx)
    assert message.startswith(": the file is 4,294,967,040 bytes; a REFI-QDA project once uncompressed may be at "
                              "most 500,000,000 bytes")


def test_a_member_that_would_be_written_outside_is_refused(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project(), {SOURCE: TEXT.encode(), "../../evil.sh": b"rm -rf ~"})
    assert refused(run_cli, tmp_path, qdpx) == (
        ":../../evil.sh: a path that leaves the archive folder (the archive was made to overwrite files; do not open it)")
    assert not (tmp_path / "evil.sh").exists() and not (tmp_path.parent / "evil.sh").exists()


def test_a_source_path_that_climbs_out_of_sources_is_refused(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qde = small_project().replace(f"internal://{guid(50)}.txt", "internal://../project.qde")
    qdpx = make_qdpx(tmp_path / "p.qdpx", qde, {SOURCE: TEXT.encode()})
    assert "plainTextPath 'internal://../project.qde' leaves the sources folder" in refused(run_cli, tmp_path, qdpx)


def test_a_doctype_with_entities_is_refused_at_its_line(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qde = small_project().replace('<?xml version="1.0" encoding="UTF-8"?>\n',
                                  '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n')
    qdpx = make_qdpx(tmp_path / "p.qdpx", qde, {SOURCE: TEXT.encode()})
    assert refused(run_cli, tmp_path, qdpx).startswith(":project.qde:line 2: the XML declares a DTD (<!DOCTYPE Project>)")


def test_a_source_text_that_is_not_utf8(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    qdpx = make_qdpx(tmp_path / "p.qdpx", small_project(), {SOURCE: "Niño cuidó".encode("latin-1")})
    assert refused(run_cli, tmp_path, qdpx).startswith(f":{SOURCE}:byte 3: plain text is not UTF-8")
