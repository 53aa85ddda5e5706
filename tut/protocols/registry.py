"""Load, check and look up cognitive-interview protocols.

The core (:func:`build_registry`) takes parsed YAML documents and returns protocols plus
*every* problem found, so a methodologist fixing a file sees all mistakes at once. Reading
files (:func:`load_protocols`, :func:`protocols_for`, :func:`validate_protocols`) is the
thin I/O edge around it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tut.errors import Problem, TutError, ValidationReport
from tut.files import real_path
from tut.instruments.model import ChangelogEntry
from tut.project import Project
from tut.protocols.model import RESERVED_HOTKEYS, Code, CodeFamily, CodingFrame, Probe, Protocol
from tut.yamlio import YamlDocument, read_documents, schema_problems, yaml_files

SCHEMA = "protocol"
LIST_HINT = "run 'tut protocols list'"
SUGGESTED_HOTKEYS = "1234567890abcdeghilostvwxyz"


@dataclass(frozen=True)
class ProtocolRegistry:
    """Every protocol known to a project: the shipped ones plus the user's own."""

    protocols: dict[str, Protocol]
    files: tuple[Path, ...] = ()
    """Files read, in order."""
    unknown_fix: str = LIST_HINT
    """The fix of an unknown id (outside a project folder it says so: see :func:`protocols_for`)."""

    def __iter__(self) -> Iterator[Protocol]:
        return iter(self.protocols.values())

    def __len__(self) -> int:
        return len(self.protocols)

    def __contains__(self, protocol_id: object) -> bool:
        return protocol_id in self.protocols

    def get(self, protocol_id: str) -> Protocol:
        """The protocol, or a user error listing the known ids."""
        try:
            return self.protocols[protocol_id]
        except KeyError:
            known = ", ".join(sorted(self.protocols)) or "none"
            raise TutError.at(
                "protocols", "", f"unknown protocol '{protocol_id}' (known: {known})",
                self.unknown_fix,
            ) from None

    def frame(self, protocol_id: str, frame_id: str | None = None) -> CodingFrame:
        """A frame of a protocol (the main one when ``frame_id`` is None)."""
        protocol = self.get(protocol_id)
        try:
            return protocol.frame(frame_id)
        except KeyError:
            known = ", ".join(f.id for f in protocol.frames)
            raise TutError.at(
                protocol.source_file or "protocols", "",
                f"protocol '{protocol_id}' has no frame '{frame_id}' (frames: {known})",
                f"run 'tut protocols show {protocol_id}'",
            ) from None

    def frames_named(self, frame_id: str) -> list[tuple[Protocol, CodingFrame]]:
        """Every (protocol, frame) pair with this frame id; borrowed frames appear once per user."""
        return [(p, f) for p in self for f in p.frames if f.id == frame_id]


# --------------------------------------------------------------------------- pure core


@dataclass
class _Checked:
    """One document with its problems and, once resolved, its protocol."""

    doc: YamlDocument
    problems: list[Problem] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data if isinstance(self.doc.data, dict) else {}

    def add(self, pointer: str, what: str, fix: str = "") -> None:
        self.problems.append(Problem(str(self.doc.path), self.doc.place(pointer), what, fix))

    def once(self, seen: dict[str, str], value: Any, pointer: str, kind: str, scope: str,
             fix: str) -> None:
        """Remember where an id is first used; a second use is a problem naming the first."""
        if not isinstance(value, str):
            return
        if value in seen:
            self.add(pointer, f"{kind} '{value}' is used twice{scope} "
                     f"(first at {self.doc.place(seen[value])})", fix)
        else:
            seen[value] = pointer


def _items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """Mapping items of a list, with their index; anything malformed is left to the schema."""
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]


def _check_frame(c: _Checked, frame: dict[str, Any], pointer: str) -> None:
    """Ids, hotkeys and empty families inside one frame (the schema cannot see these)."""
    code_at: dict[str, str] = {}
    family_at: dict[str, str] = {}
    hotkey_at: dict[str, tuple[str, str]] = {}
    in_frame = f" in frame '{frame.get('id')}'"

    def visit_family(fam: dict[str, Any], fam_ptr: str) -> None:
        fid = fam.get("id")
        c.once(family_at, fid, f"{fam_ptr}/id", "family id", in_frame,
               "give each family its own id")
        codes, subs = fam.get("codes"), fam.get("families")
        if not codes and not subs:
            c.add(fam_ptr, f"family '{fid}' has no codes and no families",
                  "add codes under 'codes:' or nested families under 'families:', or remove it")
        for i, code in _items(codes):
            visit_code(code, f"{fam_ptr}/codes/{i}")
        for i, sub in _items(subs):
            visit_family(sub, f"{fam_ptr}/families/{i}")

    def visit_code(code: dict[str, Any], code_ptr: str) -> None:
        cid = code.get("id")
        c.once(code_at, cid, f"{code_ptr}/id", "code id", in_frame,
               "give each code its own id, or merge the two codes")
        key = code.get("hotkey")
        if not isinstance(key, str) or len(key) != 1:
            return
        if key in RESERVED_HOTKEYS:
            shown = {" ": "space", "\t": "tab", "\n": "enter"}.get(key, key)
            c.add(f"{code_ptr}/hotkey", f"hotkey '{shown}' of code '{cid}' is reserved by the "
                  "coding screen", _free_keys_fix(hotkey_at))
        elif key in hotkey_at:
            other, other_ptr = hotkey_at[key]
            c.add(f"{code_ptr}/hotkey", f"hotkey '{key}' of code '{cid}' is already used by "
                  f"code '{other}' ({c.doc.place(other_ptr)})", _free_keys_fix(hotkey_at))
        else:
            hotkey_at[key] = (str(cid), f"{code_ptr}/hotkey")

    for i, fam in _items(frame.get("families")):
        visit_family(fam, f"{pointer}/families/{i}")


def _free_keys_fix(used: dict[str, Any]) -> str:
    free = [k for k in SUGGESTED_HOTKEYS if k not in used]
    # Quoted, because `hotkey: 1` is a number to YAML and the schema wants text.
    quoted = " ".join(f'"{k}"' for k in free[:8])
    return f"use a free key, in quotes: {quoted}" if free else "no key is free; leave hotkey out"


def _check_document(c: _Checked) -> None:
    """Schema problems plus the checks within one file."""
    if c.doc.data is None:
        c.add("", "the file is empty", "write a protocol: see protocols/ shipped with tut")
        return
    if "family" in c.data and "id" not in c.data and "probes" not in c.data:
        c.add("", "this is an instrument family file (wording variants), not a protocol",
              "move it to instruments/ and check it with 'tut instruments validate'")
        return
    c.problems.extend(schema_problems(c.doc, SCHEMA))
    data = c.data

    probe_at: dict[str, str] = {}
    for i, probe in _items(data.get("probes")):
        c.once(probe_at, probe.get("id"), f"/probes/{i}/id", "probe id", "",
               "give each probe its own id")

    variants = data.get("variants")
    tested = {v for v in variants if isinstance(v, str)} if isinstance(variants, list) else set()
    by_variant = data.get("probes_by_variant")
    if isinstance(by_variant, dict):
        for vid, pids in by_variant.items():
            ptr = f"/probes_by_variant/{vid}"
            if vid not in tested:
                c.add(ptr, f"variant '{vid}' is not among the tested variants",
                      "add it to 'variants:' or remove this entry")
            for j, pid in enumerate(pids if isinstance(pids, list) else []):
                if isinstance(pid, str) and pid not in probe_at:
                    known = ", ".join(probe_at) or "none"
                    c.add(f"{ptr}/{j}", f"unknown probe '{pid}' (probes: {known})",
                          "use the id of a probe listed under 'probes:'")

    frame_at: dict[str, str] = {}
    for i, frame in _items(data.get("frames")):
        ptr = f"/frames/{i}"
        c.once(frame_at, frame.get("id", frame.get("use")), ptr, "frame id", " in this protocol",
               "give each frame its own id")
        if "use" not in frame:
            _check_frame(c, frame, ptr)


def _code(data: dict[str, Any], family_id: str) -> Code:
    return Code(
        id=data["id"],
        label=data["label"],
        definition=data["definition"].strip(),
        hotkey=data.get("hotkey", ""),
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        examples=tuple(data.get("examples", ())),
        family=family_id,
        label_es=data.get("label_es", ""),
        definition_es=data.get("definition_es", "").strip(),
        include_es=tuple(data.get("include_es", ())),
        exclude_es=tuple(data.get("exclude_es", ())),
    )


def _family(data: dict[str, Any]) -> CodeFamily:
    return CodeFamily(
        id=data["id"],
        label=data["label"],
        description=data.get("description", "").strip(),
        codes=tuple(_code(c, data["id"]) for c in data.get("codes", ())),
        families=tuple(_family(f) for f in data.get("families", ())),
        label_es=data.get("label_es", ""),
        description_es=data.get("description_es", "").strip(),
    )


def _frame(data: dict[str, Any], defined_in: str) -> CodingFrame:
    return CodingFrame(
        id=data["id"],
        label=data["label"],
        mode=data["mode"],
        families=tuple(_family(f) for f in data["families"]),
        description=data.get("description", "").strip(),
        label_es=data.get("label_es", ""),
        defined_in=defined_in,
        description_es=data.get("description_es", "").strip(),
    )


def _probe(data: dict[str, Any]) -> Probe:
    return Probe(
        id=data["id"],
        text=data["text"].strip(),
        kind=data["kind"],
        mode=data.get("mode", "scripted"),
        language=data.get("language", "en"),
        translations={k: v.strip() for k, v in data.get("translations", {}).items()},
        purpose=data.get("purpose", "").strip(),
    )


def _protocol(data: dict[str, Any], frames: tuple[CodingFrame, ...], source: str) -> Protocol:
    return Protocol(
        id=data["id"],
        title=data["title"],
        version=str(data["version"]),
        variants=tuple(data["variants"]),
        probes=tuple(_probe(p) for p in data["probes"]),
        frames=frames,
        probes_by_variant={k: tuple(v) for k, v in data.get("probes_by_variant", {}).items()},
        description=data.get("description", "").strip(),
        source_file=source,
        changelog=tuple(
            ChangelogEntry(version=str(e["version"]), date=str(e["date"]), change=e["change"])
            for e in data.get("changelog", ())
        ),
        references=tuple(data.get("references", ())),
    )


def build_registry(
    docs: Sequence[YamlDocument], known_variants: Collection[str] | None = None,
) -> tuple[ProtocolRegistry, list[Problem]]:
    """Protocols from parsed documents, with every problem in every document.

    Documents are taken in order: a protocol id already seen makes the later file wrong
    (shipped protocols come first, so a user's copy is the one flagged). When
    ``known_variants`` is given, tested variant ids must be among them.
    """
    checked = [_Checked(doc) for doc in docs]
    first: dict[str, _Checked] = {}
    for c in checked:
        _check_document(c)
        pid = c.data.get("id")
        if not isinstance(pid, str):
            continue
        if pid in first:
            other = first[pid]
            c.add("/id", f"protocol id '{pid}' is already used in {other.doc.path} "
                  f"({other.doc.place('/id')})", "give this protocol its own id")
        else:
            first[pid] = c
        if known_variants is not None:
            tested = c.data.get("variants")
            for i, vid in enumerate(tested if isinstance(tested, list) else ()):
                if isinstance(vid, str) and vid not in known_variants:
                    c.add(f"/variants/{i}", f"unknown instrument variant '{vid}'",
                          "run 'tut instruments list' for the variant ids")

    protocols: dict[str, Protocol] = {}
    for c in checked:
        frames = _resolve_frames(c, first)
        if frames is None or c.problems or not isinstance(c.data.get("id"), str):
            continue
        if first.get(c.data["id"]) is c:
            protocols[c.data["id"]] = _protocol(c.data, frames, str(c.doc.path))
    problems = [p for c in checked for p in sorted(c.problems, key=lambda p: p.line)]
    return ProtocolRegistry(protocols, tuple(d.path for d in docs)), problems


def _resolve_frames(c: _Checked, by_id: dict[str, _Checked]) -> tuple[CodingFrame, ...] | None:
    """The protocol's frames, borrowed ones fetched from their protocol; None if any is broken."""
    frames: list[CodingFrame] = []
    broken = False
    for i, item in _items(c.data.get("frames")):
        if "use" not in item:
            if not c.problems:
                frames.append(_frame(item, str(c.data["id"])))
            continue
        use, source_id = item.get("use"), item.get("from")
        if not isinstance(use, str) or not isinstance(source_id, str):
            broken = True  # the schema reports it
            continue
        owner = by_id.get(source_id)
        if owner is None:
            c.add(f"/frames/{i}/from", f"no protocol '{source_id}' to borrow frame "
                  f"'{use}' from", "run 'tut protocols list' for protocol ids")
            broken = True
            continue
        found = [f for _j, f in _items(owner.data.get("frames")) if f.get("id") == use]
        if not found:
            borrowed = [f.get("use") for _j, f in _items(owner.data.get("frames")) if "use" in f]
            fix = (f"protocol '{source_id}' borrows it too; name the protocol that defines it"
                   if use in borrowed else f"run 'tut protocols show {source_id}' for its frames")
            c.add(f"/frames/{i}/use", f"protocol '{source_id}' defines no frame '{use}'", fix)
            broken = True
            continue
        if owner.problems:
            broken = True  # the owner's own problems are reported there
            continue
        frames.append(_frame(found[0], source_id))
    return None if broken else tuple(frames)


# --------------------------------------------------------------------------- I/O edge


def load_protocols(
    paths: Iterable[str | Path], known_variants: Collection[str] | None = None,
) -> ProtocolRegistry:
    """Read protocol files and folders; raise one :class:`TutError` listing every problem."""
    docs, read_problems = read_documents(yaml_files(paths))
    registry, found = build_registry(docs, known_variants)
    ValidationReport(read_problems + found).raise_if_any()
    return registry


def instrument_variants(project: Project) -> dict[str, Any] | None:
    """The project's instrument variants by id; None when that registry cannot be read.

    The instruments registry is optional here: when it is missing or broken, protocols still
    load (``tut instruments validate`` reports its problems).
    """
    try:
        from tut.instruments.registry import registry_for
    except ImportError:
        return None
    try:
        instruments = registry_for(project)
    except TutError:
        return None
    variants = getattr(instruments, "variants", None)
    return dict(variants) if isinstance(variants, dict) else None


def known_variant_ids(project: Project) -> frozenset[str] | None:
    """Ids of the project's instrument variants, or None when they cannot be known."""
    variants = instrument_variants(project)
    return None if variants is None else frozenset(variants)


def protocols_for(project: Project) -> ProtocolRegistry:
    """The shipped protocols plus the project's own, checked against its instruments."""
    registry = load_protocols(project.registry_dirs("protocols"), known_variant_ids(project))
    return replace(registry, unknown_fix=project.lookup_fix(LIST_HINT))


def validate_protocols(
    paths: Sequence[str | Path], project: Project,
) -> tuple[ProtocolRegistry, ValidationReport]:
    """Check ``paths`` (or the whole project registry when empty).

    Other protocols of the project are read as context, so a file that reuses an id or
    borrows a frame is judged against them; only problems in ``paths`` are reported.
    """
    known = known_variant_ids(project)
    registry_files = yaml_files(project.registry_dirs("protocols"))
    if not paths:
        docs, problems = read_documents(registry_files)
        registry, found = build_registry(docs, known)
        return registry, ValidationReport(problems + found)
    targets = yaml_files(paths)
    if not targets:
        return ProtocolRegistry({}), ValidationReport([Problem(
            " ".join(map(str, paths)), "", "no .yaml files found",
            "name protocol files or folders that contain them",
        )])
    target_keys = {real_path(p) for p in targets}
    context_docs, _ignored = read_documents(
        p for p in registry_files if real_path(p) not in target_keys
    )
    target_docs, read_problems = read_documents(targets)
    registry, found = build_registry([*context_docs, *target_docs], known)
    target_names = {str(d.path) for d in target_docs}
    mine = [p for p in found if p.file in target_names]
    checked = {pid: p for pid, p in registry.protocols.items() if p.source_file in target_names}
    report = ValidationReport(read_problems + mine)
    return ProtocolRegistry(checked, tuple(d.path for d in target_docs)), report
