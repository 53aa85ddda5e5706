"""Fuzzing the XML reader (REFI-QDA, DDI): mutated real exports and generated documents with
DTDs and entities give a root element or a TutError, never another exception."""

from __future__ import annotations

from pathlib import Path

from conftest import SHARED
from fuzz_support import FUZZ, mutated
from hypothesis import given
from hypothesis import strategies as st

from tut.errors import TutError
from tut.xmlsafe import parse_xml, read_zip_member

QDPX = SHARED / "realfiles" / "qda" / "nvivo_project.qdpx"
SCHEMAS = SHARED / "schemas"
SEEDS = [
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
    b'name="p"><CodeBook><Codes><Code guid="1" name="a" isCodable="true"><Code guid="2" '
    b'name="b" isCodable="true"/></Code></Codes></CodeBook></Project>\n',
    b'<?xml version="1.0"?>\n<codeBook xmlns="ddi:codebook:2_5"><dataDscr><var name="sexo">'
    b"<labl>Sexo</labl><catgry><catValu>1</catValu><labl>Hombre</labl></catgry></var>"
    b"</dataDscr></codeBook>\n",
]
if QDPX.is_file():  # the real files sit beside the clone; the suite runs without them too
    SEEDS.append(read_zip_member(QDPX, "project.qde"))
if SCHEMAS.is_dir():
    SEEDS += [p.read_bytes() for p in sorted(SCHEMAS.rglob("*.xsd"))[:3]]


def parse_or_refuse(data: bytes) -> None:
    try:
        parse_xml(data, "fuzz.xml")
    except TutError:
        pass


@FUZZ
@given(mutated(SEEDS))
def test_mutated_exports(data):
    parse_or_refuse(data)


DECLARATIONS = st.sampled_from([
    "", '<?xml version="1.0"?>\n', '<?xml version="1.0" encoding="latin-1"?>\n',
    "<!DOCTYPE a>\n", '<!DOCTYPE a SYSTEM "http://example.org/a.dtd">\n',
    '<!DOCTYPE a [<!ENTITY e "x">]>\n', '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n',
    '<!DOCTYPE a [<!ENTITY % p SYSTEM "http://example.org/p.dtd"> %p;]>\n',
])
CONTENT = st.sampled_from(["text", "&e;", "&amp;", "&#0;", "&#x1F600;", "<![CDATA[x]]>",
                           "<!-- c -->", "<?pi x?>", "\x00", "é", "<b/>", "</b>", "&"])


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    depth = draw(st.sampled_from([1, 2, 5, 300]))
    inner = "".join(draw(st.lists(CONTENT, max_size=4)))
    body = "<a x='1'>" * depth + inner + "</a>" * draw(st.sampled_from([depth, depth, depth - 1]))
    text = draw(DECLARATIONS) + body
    return text.encode(draw(st.sampled_from(["utf-8", "latin-1", "utf-16"])), errors="replace")


@FUZZ
@given(documents())
def test_generated_documents(data):
    parse_or_refuse(data)


def test_the_seeds_are_real_xml():
    for seed in SEEDS:
        assert parse_xml(seed, Path("seed.xml")).tag
