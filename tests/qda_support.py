"""Helpers of the REFI-QDA tests: a project holding the bundled example study, archives made
by hand, and the standard's schema from ../shared."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import xmlschema
from conftest import shared_dir

from tut.cli import main
from tut.examples import EXAMPLE_DIR

QDA = "{urn:QDA-XML:project:1.0}"
PROTOCOL_ID = "supervisory-care-wording-test"


def example_project(tmp_path: Path) -> Path:
    """A project whose study ``sc`` is the bundled example (3 coders, 1 adjudicator, memos)."""
    root = tmp_path / "proj"
    assert main(["init", str(root)]) == 0
    shutil.copytree(EXAMPLE_DIR / "study", root / "coded_responses" / "sc")
    return root


def project_schema() -> xmlschema.XMLSchema:
    """The QDA-XML 1.0 schema as published, from ../shared (not tut's shipped copy)."""
    return xmlschema.XMLSchema(str(shared_dir("schemas") / "refi-qda-1.0" / "Project.xsd"))


def make_qdpx(path: Path, qde: str | bytes, members: dict[str, bytes] | None = None) -> Path:
    """A .qdpx archive with ``project.qde`` and other members, written as given."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde.encode("utf-8") if isinstance(qde, str) else qde)
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return path


def guid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def small_project(text: str = "I was watching them. Asleep counts too.",
                  selections: list[tuple[int, int]] | None = None,
                  *, codes: tuple[str, ...] = ("responsibility", "counts-sleeping"),
                  extra_sources: str = "") -> str:
    """A hand-written project: one user, two codes, a text source with coded selections."""
    spans = selections if selections is not None else [(0, 20), (21, len(text))]
    code_xml = "".join(f'<Code guid="{guid(10 + k)}" name="{c}" isCodable="true"/>'
                       for k, c in enumerate(codes))
    sel_xml = "".join(
        f'<PlainTextSelection guid="{guid(100 + k)}" name="seg{k}" startPosition="{a}" '
        f'endPosition="{b}"><Coding guid="{guid(200 + k)}" creatingUser="{guid(1)}" '
        f'creationDateTime="2024-05-0{k + 1}T10:00:00Z"><CodeRef targetGUID="{guid(10 + k % len(codes))}"/>'
        f'</Coding></PlainTextSelection>'
        for k, (a, b) in enumerate(spans))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="hand made" origin="test">\n'
        f'<Users><User guid="{guid(1)}" name="Zoë"/></Users>\n'
        f'<CodeBook><Codes>{code_xml}</Codes></CodeBook>\n'
        f'<Sources>{extra_sources}<TextSource guid="{guid(50)}" name="int-7" '
        f'plainTextPath="internal://{guid(50)}.txt">{sel_xml}</TextSource></Sources>\n'
        '</Project>\n')
