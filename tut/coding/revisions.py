"""Revising a study's coding frame while coders work: ``frame_revisions.json``.

The frame copied into ``frame.json`` when the study was created is version 1. Each revision
(add a code, retire one, merge codes into one, change a label or definition) is a step with
its time and rationale, and makes the next version. The file only grows: it is rewritten
whole and atomically with one more entry, under the study's change lock; ``frame.json`` and
the coders' journals are never touched.

:func:`tut.coding.study.open_study` applies the revisions in order, so every stage (coding
screen, agreement, export, report) reads the current version. A retired code stays readable
(old codes keep their label) but cannot be given any more; a merged code is retired and read
as the code it was merged into when journals are replayed (:func:`read_under`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from tut.coding.model import Event
from tut.coding.study_files import read_study_json, shaped
from tut.errors import TutError
from tut.files import json_text, write_atomic
from tut.protocols.model import RESERVED_HOTKEYS, Code, CodeFamily, CodingFrame

REVISIONS_FILE = "frame_revisions.json"
FORMAT = "tut-frame-revisions/1"
Change = Literal["add", "retire", "merge", "relabel"]
CHANGES: tuple[Change, ...] = ("add", "retire", "merge", "relabel")
EDITABLE = ("label", "definition", "label_es", "definition_es", "hotkey", "family")
"""Fields of a code a revision may set (``family`` only when adding)."""


@dataclass(frozen=True)
class FrameRevision:
    """One step from frame version ``version - 1`` to ``version``."""

    version: int
    time: str
    """ISO 8601 UTC."""
    change: Change
    rationale: str
    codes: tuple[str, ...]
    """The codes changed: the one added, retired or relabelled, or those merged."""
    into: str = ""
    """Merge only: the code the merged codes are read as from now on."""
    fields: dict[str, str] = field(default_factory=dict)
    """Add, relabel (and a merge into a new code): the code's label, definition ..."""
    by: str = ""
    """Who made the revision (optional)."""

    def describe(self) -> str:
        """One line for the report's methods and the CLI."""
        if self.change == "add":
            what = f"added code {self.codes[0]} ({self.fields.get('label', '')})"
        elif self.change == "retire":
            what = f"retired code {self.codes[0]}"
        elif self.change == "merge":
            what = f"merged {', '.join(c for c in self.codes if c != self.into)} into {self.into}"
        else:
            what = f"changed {', '.join(sorted(self.fields))} of code {self.codes[0]}"
        who = f", by {self.by}" if self.by else ""
        return f"version {self.version} ({self.time[:10]}{who}): {what}; rationale: {self.rationale}"


# --- the pure core ----------------------------------------------------------------------------


def apply_revisions(frame: CodingFrame, revisions: Iterable[FrameRevision]) -> CodingFrame:
    """The frame after every revision, in order (version 1 is ``frame`` itself)."""
    for rev in revisions:
        frame = apply_revision(frame, rev)
    return frame


def apply_revision(frame: CodingFrame, rev: FrameRevision, place: str = "") -> CodingFrame:
    """The next version of ``frame``; a revision that does not fit it is a ``TutError``."""
    where = place or f"{REVISIONS_FILE}"
    active = {c.id for c in frame.codes} - set(frame.retired)

    def refuse(what: str, fix: str) -> TutError:
        return TutError.at(where, f"version {rev.version}", what, fix)

    def need_active(code_id: str) -> None:
        if code_id in frame.retired:
            raise refuse(f"code {code_id!r} is retired", "name a code still in use")
        if code_id not in active:
            raise refuse(f"no code {code_id!r} in frame {frame.id}",
                         f"codes: {', '.join(sorted(active))}")

    if rev.change == "add":
        if rev.codes[0] in frame.code_ids:
            raise refuse(f"code {rev.codes[0]!r} is already in the frame", "choose a new id")
        new = _added(frame, rev.codes[0], rev.fields, refuse)
    elif rev.change == "retire":
        need_active(rev.codes[0])
        if len(active) <= 1:
            raise refuse("that would leave no code to give", "add a code first")
        new = replace(frame, retired=(*frame.retired, rev.codes[0]))
        new = _with_code(new, rev.codes[0], lambda c: replace(c, hotkey=""))
    elif rev.change == "merge":
        new = _merged(frame, rev, need_active, refuse)
    else:
        need_active(rev.codes[0])
        edits = {k: v for k, v in rev.fields.items() if k in EDITABLE and k != "family"}
        if not edits:
            raise refuse("nothing to change", "give --label, --definition or --hotkey")
        if "hotkey" in edits:
            _check_hotkey(frame, edits["hotkey"], refuse)
        new = _with_code(frame, rev.codes[0], lambda c: replace(c, **edits))
    return replace(new, version=frame.version + 1)


def _merged(frame: CodingFrame, rev: FrameRevision, need_active, refuse) -> CodingFrame:  # type: ignore[no-untyped-def]
    """Codes merged into ``rev.into`` (an existing code or a new one): retired, read as it."""
    gone = [c for c in dict.fromkeys(rev.codes) if c != rev.into]
    if len(set(rev.codes) | {rev.into}) < 2 or not gone:
        raise refuse("a merge needs two codes or more", "--merge A,B --into A (or a new code C)")
    for c in gone:
        need_active(c)
    new = frame
    if rev.into in frame.code_ids:
        need_active(rev.into)
    else:
        family = frame.code(gone[0]).family
        new = _added(frame, rev.into, {"family": family, **rev.fields}, refuse)
    merged = dict(frame.merged_into)
    merged.update({c: rev.into for c in gone})
    for c in gone:
        new = _with_code(new, c, lambda code: replace(code, hotkey=""))
    return replace(new, retired=(*frame.retired, *gone), merged_into=merged)


def _added(frame: CodingFrame, code_id: str, values: dict[str, str], refuse) -> CodingFrame:  # type: ignore[no-untyped-def]
    if not values.get("label") or not values.get("definition"):
        raise refuse(f"new code {code_id!r} needs a label and a definition",
                     "give --label TEXT --definition TEXT")
    family = values.get("family") or frame.families[0].id
    try:
        frame.family(family)
    except KeyError:
        raise refuse(f"no family {family!r} in frame {frame.id}",
                     f"families: {', '.join(f.id for _d, f in frame.walk())}") from None
    hotkey = values.get("hotkey", "")
    if hotkey:
        _check_hotkey(frame, hotkey, refuse)
    code = Code(code_id, values["label"], values["definition"], hotkey=hotkey, family=family,
                label_es=values.get("label_es", ""), definition_es=values.get("definition_es", ""))

    def add(fam: CodeFamily) -> CodeFamily:
        codes = (*fam.codes, code) if fam.id == family else fam.codes
        return replace(fam, codes=codes, families=tuple(add(f) for f in fam.families))

    return replace(frame, families=tuple(add(f) for f in frame.families))


def _check_hotkey(frame: CodingFrame, key: str, refuse) -> None:  # type: ignore[no-untyped-def]
    if len(key) != 1 or key in RESERVED_HOTKEYS:
        raise refuse(f"hotkey {key!r} cannot be used", "one character the screen does not keep")
    taken = frame.by_hotkey()
    if key in taken:
        raise refuse(f"hotkey {key!r} is code {taken[key].id}'s", "choose another key")


def _with_code(frame: CodingFrame, code_id: str, change) -> CodingFrame:  # type: ignore[no-untyped-def]
    def walk(fam: CodeFamily) -> CodeFamily:
        return replace(fam, codes=tuple(change(c) if c.id == code_id else c for c in fam.codes),
                       families=tuple(walk(f) for f in fam.families))

    return replace(frame, families=tuple(walk(f) for f in frame.families))


def read_under(frame: CodingFrame, events: Sequence[Event]) -> list[Event]:
    """Journal events as the current frame version reads them: a code merged into another
    is read as that code (the one place replay learns of merges; the file is unchanged)."""
    if not frame.merged_into:
        return list(events)
    order = {c.id: i for i, c in enumerate(frame.codes)}
    out = []
    for ev in events:
        if not any(c in frame.merged_into for c in ev.codes):
            out.append(ev)
            continue
        codes = dict.fromkeys(frame.read_as(c) for c in ev.codes)
        ordered = sorted(codes, key=lambda c: order.get(c, len(order)))
        out.append(replace(ev, codes=tuple(ordered)))
    return out


# --- the file -----------------------------------------------------------------------------------


def read_revisions(study_dir: Path) -> tuple[FrameRevision, ...]:
    """The study's frame revisions in order (none when the file is absent)."""
    path = Path(study_dir) / REVISIONS_FILE
    raw = read_study_json(path, required=False)
    if raw is None:
        return ()
    out = shaped(path, raw, lambda d: tuple(
        FrameRevision(int(r["version"]), str(r["time"]), r["change"], str(r["rationale"]),
                      tuple(r["codes"]), str(r.get("into", "")),
                      {str(k): str(v) for k, v in r.get("fields", {}).items()},
                      str(r.get("by", "")))
        for r in d["revisions"]
    ))
    for k, rev in enumerate(out):
        if rev.change not in CHANGES or rev.version != k + 2:
            raise TutError.at(path, f"revision {k + 1}", "damaged file (unknown change or "
                              "version out of order)", "restore it from a backup")
    return out


def record_revision(study_dir: Path, previous: Sequence[FrameRevision], new: FrameRevision) -> None:
    """Write the revisions file with ``new`` added, in one step (the old file or the new)."""
    entries = []
    for r in (*previous, new):
        entry: dict[str, object] = {"version": r.version, "time": r.time, "change": r.change,
                                    "codes": list(r.codes), "rationale": r.rationale}
        if r.into:
            entry["into"] = r.into
        if r.fields:
            entry["fields"] = dict(r.fields)
        if r.by:
            entry["by"] = r.by
        entries.append(entry)
    write_atomic(Path(study_dir) / REVISIONS_FILE, json_text({"format": FORMAT, "revisions": entries}))
