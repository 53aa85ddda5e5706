"""XML is read with DTDs and entities refused: no billion laughs, no file pulled in from outside,
and each refusal names the file and the line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import shared_dir

from tut.errors import TutError
from tut.xmlsafe import XML_MAX_DEPTH, parse_xml, read_zip_member

LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b"]>\n<lolz>&lol9;</lolz>\n"
)
PASSWD = (b'<?xml version="1.0"?>\n<!DOCTYPE foo [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
          b"]>\n<foo>&xxe;</foo>\n")


def refused(source, name="x.xml") -> str:
    with pytest.raises(TutError) as caught:
        parse_xml(source, name)
    (problem,) = caught.value.problems
    return str(problem)


def test_billion_laughs_is_refused_at_its_doctype(tmp_path):
    path = tmp_path / "lol.xml"
    path.write_bytes(LAUGHS)
    assert refused(path, None) == (
        f"{path}:line 2: the XML declares a DTD (<!DOCTYPE lolz>) (tut reads REFI-QDA and DDI "
        "exports, which need no DTD: export the file again, or delete the <!DOCTYPE ...> part)"
    )


def test_an_external_entity_never_reads_the_file_it_names():
    problem = refused(PASSWD, "project.qde")
    assert problem.startswith("project.qde:line 2: the XML declares a DTD (<!DOCTYPE foo>)")
    assert "root:" not in problem


@pytest.mark.parametrize(
    ("xml", "line", "what"),
    [
        (b'<?xml version="1.0"?>\n<!DOCTYPE codeBook SYSTEM "http://example.org/ddi.dtd">\n'
         b"<codeBook/>", 2, "the XML declares a DTD (<!DOCTYPE codeBook>)"),
        (b"<a>\n<b></a>", 2, "not well-formed XML (mismatched tag, column 6)"),
        (b"<a>&lol;</a>", 1, "not well-formed XML (undefined entity, column 4)"),
        (b"<a>\x00</a>", 1, "not well-formed XML (invalid token, column 4)"),
        (b"<a>" * (XML_MAX_DEPTH + 1) + b"</a>" * (XML_MAX_DEPTH + 1), 1,
         f"elements nested more than {XML_MAX_DEPTH} deep"),
        (b"", 1, "not well-formed XML (no element found, column 1)"),
        (b'<?xml version="1.0" encoding="ATF-8"?>\n<a/>', 1,
         "the XML declares an encoding tut cannot read (unknown encoding: ATF-8)"),
        (b'<?xml version="1.0" encoding="shift_jis"?>\n<a/>', 1,
         "the XML declares an encoding tut cannot read (multi-byte encodings are not supported)"),
    ],
    ids=["external-dtd", "mismatched", "undefined-entity", "nul", "deep", "empty",
         "unknown-encoding", "multibyte-encoding"],
)
def test_broken_xml_is_one_located_error(xml, line, what):
    assert refused(xml).startswith(f"x.xml:line {line}: {what}")


def test_a_plain_document_is_read():
    root = parse_xml(b'<?xml version="1.0" encoding="UTF-8"?>\n<p x="1"><c>se\xc3\xb1al</c></p>')
    assert (root.tag, root.get("x"), root[0].text) == ("p", "1", "señal")


def test_a_real_refi_qda_project_is_read():
    qdpx = shared_dir("realfiles") / "qda" / "nvivo_project.qdpx"
    root = parse_xml(read_zip_member(qdpx, "project.qde"), f"{qdpx}:project.qde")
    assert root.tag == "{urn:QDA-XML:project:1.0}Project"


def zipped(tmp_path: Path, member: str, data: bytes) -> Path:
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    return path


def test_a_zip_member_over_the_limit_is_not_inflated(tmp_path):
    path = zipped(tmp_path, "project.qde", b"<a>" + b" " * 100_000 + b"</a>")
    assert path.stat().st_size < 2_000  # a small archive that inflates 50 times over
    with pytest.raises(TutError) as caught:
        read_zip_member(path, "project.qde", limit=10_000)
    assert str(caught.value).startswith(
        f"{path}:project.qde: the file is 100,007 bytes; a file inside an archive may be at most "
        "10,000 bytes"
    )


def test_a_zip_member_that_lies_about_its_size_is_cut_at_the_limit(tmp_path):
    """The declared size is the archive's word; reading stops at the limit all the same."""
    buffer = io.BytesIO(zipped(tmp_path, "project.qde", b"x" * 50_000).read_bytes())
    raw = bytearray(buffer.getvalue())
    central = raw.rindex(b"PK\x01\x02")
    raw[central + 24:central + 28] = (100).to_bytes(4, "little")  # uncompressed size: 100
    liar = tmp_path / "liar.qdpx"
    liar.write_bytes(bytes(raw))
    with pytest.raises(TutError) as caught:
        read_zip_member(liar, "project.qde", limit=1_000)
    assert str(liar) in str(caught.value)


def test_a_missing_member_or_a_broken_archive_is_one_error(tmp_path):
    path = zipped(tmp_path, "other.txt", b"x")
    with pytest.raises(TutError, match="the archive has no project.qde"):
        read_zip_member(path, "project.qde")
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TutError, match="not a readable zip archive"):
        read_zip_member(broken, "project.qde")
