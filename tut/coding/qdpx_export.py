"""A study as a REFI-QDA project (``.qdpx``) or its coding frame as a codebook (``.qdc``).

So a study coded in tut opens in NVivo, MAXQDA, ATLAS.ti or QualCoder:

- coders and adjudicators are ``User``s; the frame is the ``CodeBook`` (families are parent
  codes that cannot be coded, codes carry definition, include/exclude rules and examples in
  their ``Description`` and a stable colour);
- each interview is a ``TextSource`` (``sources/<guid>.txt``) holding its answers, each under
  headings that say which wording was read and which probe was asked; each segment is a
  ``PlainTextSelection`` whose offsets cut exactly the answer out of that text;
- each coder's codes are ``Coding``s by that user, timed when the coder last set them;
  adjudicated codes are ``Coding``s by the adjudicator pointing to the rationale;
- memos and adjudication rationales are ``Note``s on their selections;
- respondents are ``Case``s with their attributes as ``Variable``s.

Building the XML is pure (:func:`project_element`); :func:`write_qdpx` writes the archive
aside and renames it into place.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tut.coding.model import Event, Segment
from tut.coding.study import StudyData
from tut.errors import TutError
from tut.files import replacing
from tut.messages import plural
from tut.protocols.model import CodeFamily, CodingFrame
from tut.protocols.qda_format import (
    CODEBOOK_NS,
    PROJECT_NS,
    code_description,
    colour,
    family_description,
    guid,
    q,
)
from tut.xmlwrite import xml_document

ORIGIN = "tut (testing time-use survey wordings)"


@dataclass(frozen=True)
class SourceText:
    """One interview as plain text, with where each segment's answer lies in it."""

    interview_id: str
    respondent_id: str
    text: str
    spans: dict[str, tuple[int, int]]
    """Segment id -> (start, end): ``text[start:end]`` is the answer (code points)."""


def interview_texts(data: StudyData) -> list[SourceText]:
    """Each interview's answers under headings: wording read, probe asked, answer."""
    by_interview: dict[str, list[Segment]] = defaultdict(list)
    for seg in data.segments:
        by_interview[seg.interview_id].append(seg)
    out = []
    for interview, segments in by_interview.items():
        respondent = segments[0].respondent_id
        parts = [f"Interview {interview} · respondent {respondent}\n"]
        spans: dict[str, tuple[int, int]] = {}
        size = len(parts[0])
        for seg in segments:
            head = "\n" + _headings(data, seg) + "Answer:\n"
            start = size + len(head)
            parts += [head, seg.answer, "\n"]
            spans[seg.id] = (start, start + len(seg.answer))
            size = start + len(seg.answer) + 1
        out.append(SourceText(interview, respondent, "".join(parts), spans))
    return out


def _headings(data: StudyData, seg: Segment) -> str:
    wording = data.wordings.get(seg.variant_id)
    language = wording.language if wording else ""
    if wording is None:
        read = f"Wording ({seg.variant_id}): (not kept with the study)"
    elif wording.text_status in ("variable-label", "paraphrase"):
        read = (f"Wording ({seg.variant_id}, a {wording.text_status.replace('-', ' ')}, "
                f"not the text read out): {wording.wording}")
    else:
        read = f"Wording read ({seg.variant_id}): {wording.wording}"
    try:
        probe = data.protocol.probe(seg.probe_id).text_in(language or "en")
    except KeyError:
        probe = ""
    if wording is not None and wording.key_terms:
        probe = probe.replace("[TERM]", wording.key_terms[0])
    lines = [read.replace("\n", " "), f"Probe asked ({seg.probe_id}): {probe}".replace("\n", " ")]
    if seg.notes:
        lines.append(f"Interviewer notes: {seg.notes}".replace("\n", " "))
    return "\n".join(lines) + "\n"


# --- the codebook ---------------------------------------------------------------------------


def _code_elements(parent: ET.Element, frame: CodingFrame, ns: str) -> None:
    def family(el: ET.Element, fam: CodeFamily) -> None:
        node = ET.SubElement(el, q("Code", ns), {
            "guid": guid("family", frame.id, fam.id), "name": fam.label, "isCodable": "false"})
        ET.SubElement(node, q("Description", ns)).text = family_description(fam)
        for code in fam.codes:
            c = ET.SubElement(node, q("Code", ns), {
                "guid": guid("code", frame.id, code.id), "name": code.label, "isCodable": "true",
                "color": colour(code.id)})
            ET.SubElement(c, q("Description", ns)).text = code_description(code)
        for sub in fam.families:
            family(node, sub)

    for fam in frame.families:
        family(parent, fam)


def codebook_element(frame: CodingFrame) -> ET.Element:
    """The frame as a REFI-QDA codebook (``.qdc``)."""
    root = ET.Element(q("CodeBook", CODEBOOK_NS), {"origin": ORIGIN})
    _code_elements(ET.SubElement(root, q("Codes", CODEBOOK_NS)), frame, CODEBOOK_NS)
    return root


# --- the project ----------------------------------------------------------------------------


def _last_times(events: list[Event], segment_ids: set[str]) -> dict[tuple[str, str], str]:
    """(segment, "codes"|"memo") -> time of the coder's last such round-1 event."""
    out: dict[tuple[str, str], str] = {}
    for ev in events:
        if ev.round == 1 and ev.segment_id in segment_ids and ev.action != "adjudicate":
            out[(ev.segment_id, "memo" if ev.action == "memo" else "codes")] = ev.time
    return out


def project_element(data: StudyData, created: str) -> tuple[ET.Element, list[SourceText]]:
    """The ``project.qde`` tree and the texts of ``sources/`` (pure)."""
    frame, name = data.frame, data.name
    people = list(dict.fromkeys([*data.coders, *data.adjudicators]))
    users = {who: guid("user", who) for who in people}
    root = ET.Element(q("Project"), {"name": name, "origin": ORIGIN, "creationDateTime": created})
    if users:
        el = ET.SubElement(root, q("Users"))
        for who, g in users.items():
            ET.SubElement(el, q("User"), {"guid": g, "name": who, "id": who})
    book = ET.SubElement(ET.SubElement(root, q("CodeBook")), q("Codes"))
    _code_elements(book, frame, PROJECT_NS)
    if not len(book):
        root.remove(root.find(q("CodeBook")))  # type: ignore[arg-type]
    texts = interview_texts(data)
    _cases(root, data, texts)
    notes = _sources(root, data, texts, users)
    if len(notes):
        root.append(notes)
    ET.SubElement(root, q("Description")).text = (
        f"Study {name} exported by tut: protocol {data.study.protocol_id}, frame {frame.id} "
        f"(version {frame.version}), {plural(len(data.segments), 'segment')}.")
    return root, texts


def _cases(root: ET.Element, data: StudyData, texts: list[SourceText]) -> None:
    attributes = list(dict.fromkeys(k for s in data.segments for k in s.attributes))
    if attributes:
        variables = ET.SubElement(root, q("Variables"))
        for attr in attributes:
            ET.SubElement(variables, q("Variable"), {
                "guid": guid("variable", attr), "name": attr, "typeOfVariable": "Text"})
    respondents: dict[str, Segment] = {}
    for seg in data.segments:
        respondents.setdefault(seg.respondent_id, seg)
    if not respondents:
        return
    cases = ET.SubElement(root, q("Cases"))
    for rid, seg in respondents.items():
        case = ET.SubElement(cases, q("Case"), {"guid": guid("case", rid), "name": rid})
        for attr, value in seg.attributes.items():
            vv = ET.SubElement(case, q("VariableValue"))
            ET.SubElement(vv, q("VariableRef"), {"targetGUID": guid("variable", attr)})
            ET.SubElement(vv, q("TextValue")).text = value
        for t in texts:
            if t.respondent_id == rid:
                ET.SubElement(case, q("SourceRef"), {"targetGUID": guid("source", t.interview_id)})


def _note(notes: ET.Element, key: str, name: str, text: str, user: str, time: str) -> str:
    g = guid("note", key)
    note = ET.SubElement(notes, q("Note"), {"guid": g, "name": name, "creatingUser": user,
                                            "creationDateTime": time})
    ET.SubElement(note, q("PlainTextContent")).text = text
    return g


def _sources(root: ET.Element, data: StudyData, texts: list[SourceText],
             users: dict[str, str]) -> ET.Element:
    """Sources with their selections and codings; returns the ``Notes`` they refer to."""
    codings = data.codings(1)
    adjudications = data.adjudications
    ids = {s.id for s in data.segments}
    times = {who: _last_times(j.events, ids) for who, j in data.journals.items()}
    notes = ET.Element(q("Notes"))
    sources = ET.SubElement(root, q("Sources"))
    for t in texts:
        sg = guid("source", t.interview_id)
        src = ET.SubElement(sources, q("TextSource"), {
            "guid": sg, "name": t.interview_id, "plainTextPath": f"internal://{sg}.txt"})
        for sid, (start, end) in t.spans.items():
            seg = data.segment(sid)
            sel = ET.SubElement(src, q("PlainTextSelection"), {
                "guid": guid("segment", sid), "name": sid,
                "startPosition": str(start), "endPosition": str(end)})
            desc = [f"variant: {seg.variant_id}", f"probe: {seg.probe_id}"]
            if seg.notes:
                desc.append(f"notes: {' '.join(seg.notes.splitlines())}")
            ET.SubElement(sel, q("Description")).text = "\n".join(desc)
            refs: list[str] = []
            for coder, state in codings.items():
                coding = state.get(sid)
                if coding is None:
                    continue
                when = times[coder].get((sid, "codes"), coding.updated)
                for code in coding.codes:
                    _coding(sel, f"{sid}\x1f{coder}", code, users[coder], when, frame=data.frame)
                if coding.memo:
                    memo_time = times[coder].get((sid, "memo"), coding.updated)
                    refs.append(_note(notes, f"memo\x1f{sid}\x1f{coder}", f"memo of {coder}",
                                      coding.memo, users[coder], memo_time))
            adj = adjudications.get(sid)
            if adj is not None:
                note = _note(notes, f"adjudication\x1f{sid}\x1f{adj.adjudicator}",
                             f"adjudication by {adj.adjudicator}", adj.rationale,
                             users[adj.adjudicator], adj.time)
                refs.append(note)
                for code in adj.codes:
                    c = _coding(sel, f"{sid}\x1fadjudication\x1f{adj.adjudicator}", code,
                                users[adj.adjudicator], adj.time, frame=data.frame)
                    ET.SubElement(c, q("NoteRef"), {"targetGUID": note})
            for ref in refs:
                ET.SubElement(sel, q("NoteRef"), {"targetGUID": ref})
    return notes


def _coding(sel: ET.Element, key: str, code: str, user: str, when: str, *,
            frame: CodingFrame) -> ET.Element:
    c = ET.SubElement(sel, q("Coding"), {"guid": guid("coding", key, code),
                                         "creatingUser": user, "creationDateTime": when})
    ET.SubElement(c, q("CodeRef"), {"targetGUID": guid("code", frame.id, frame.read_as(code))})
    return c


def xml_bytes(root: ET.Element, default_ns: str = PROJECT_NS) -> bytes:
    return xml_document(root, default_ns)


def qdpx_bytes(data: StudyData, created: str) -> bytes:
    """The whole archive in memory: ``project.qde`` and ``sources/<guid>.txt``."""
    root, texts = project_element(data, created)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml_bytes(root))
        for t in texts:
            archive.writestr(f"sources/{guid('source', t.interview_id)}.txt",
                             t.text.encode("utf-8"))
    return buffer.getvalue()


def write_qda(data: StudyData, fmt: str, out: Path, *, created: str, force: bool = False) -> Path:
    """Write ``.qdpx`` (the project) or ``.qdc`` (the codebook); kept unless ``force``."""
    out = Path(out)
    if out.exists() and not force:
        raise TutError.at(out, "", "file exists, not overwritten", "use --force or another --out")
    if fmt == "qdpx":
        payload = qdpx_bytes(data, created)
    else:
        payload = xml_bytes(codebook_element(data.frame), CODEBOOK_NS)
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as tmp:
        tmp.write_bytes(payload)
    return out
