"""Gather the report's inputs from disk: the I/O edge in front of :func:`build_report`.

Reads the study (segments, every coder's journal, adjudications, recode rounds), the
wordings (project registry, else the study's frozen copies), the study notes
(``methods.yaml`` in the study folder, optional), runs the agreement and, when a spec is
given, the microdata comparison, and records the hash of every file it read.
"""

from __future__ import annotations

import hashlib
import os
import platform
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tut.coding.model import WordingCopy
from tut.coding.store import gc_paused
from tut.compare.results import ComparisonResult
from tut.errors import Problem, TutError, did_you_mean
from tut.instruments.model import Source, Variant
from tut.messages import Message
from tut.project import Project, shipped_dir
from tut.protocols.model import CodingFrame
from tut.report.agreement import summarise_agreement
from tut.report.model import InputFile, Provenance, ReportInput, StudyNotes
from tut.texts import SCALAR_SCHEMA, TEXT_SCHEMA, text_in
from tut.userfiles import YAML_MAX_BYTES, decode_utf8, read_limited

if TYPE_CHECKING:
    from tut.yamlio import YamlDocument

NOTES_FILE = "methods.yaml"
SOFTWARE = (
    "tut",
    "numpy",
    "scipy",
    "pandas",
    "polars",
    "pyreadstat",
    "polars-readstat",
    "krippendorff",
)
Progress = Callable[[str], None]
Warn = Callable[[str | Message], None]
"""Hears a warning: a journal line set aside as its catalogue message, others as text."""


def software_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in SOFTWARE:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _shown(path: Path, base: Path | None) -> str:
    """A file as the report names it, never by the absolute path of this machine (reports
    move between machines): relative to the project folder; a wording shipped with tut as
    ``<tut>/instruments/...``; anything else relative to the project (or the current folder)."""
    path = path.resolve()
    for kind in ("instruments", "protocols"):
        shipped = shipped_dir(kind).resolve()
        if path.is_relative_to(shipped) and not (
            base is not None and path.is_relative_to(base.resolve())
        ):
            return f"<tut>/{kind}/{path.relative_to(shipped).as_posix()}"
    start = (base or Path.cwd()).resolve()
    return Path(os.path.relpath(path, start)).as_posix()


def input_files(roles: Iterable[tuple[str, Path]], base: Path | None) -> tuple[InputFile, ...]:
    return tuple(
        InputFile(role, _shown(p, base), sha256_of(p), p.stat().st_size)
        for role, p in roles
        if p.is_file()
    )


def study_files(study_dir: Path) -> list[tuple[str, Path]]:
    files = [
        ("study", study_dir / n)
        for n in ("study.json", "protocol.json", "frame.json", "wordings.json", "segments.jsonl")
    ]
    files.append(("study notes", study_dir / NOTES_FILE))
    files.append(("withdrawals", study_dir / "withdrawals.json"))
    files += [("journal", p) for p in sorted((study_dir / "journals").glob("*.jsonl"))]
    files += [("recode sample", p) for p in sorted((study_dir / "recode").glob("*.json"))]
    return files


def _text_dict(value: Any, lang: str = "en") -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): text_in(v, lang) for k, v in value.items() if not isinstance(v, list)}


def _bilingual(value: Any) -> bool:
    if isinstance(value, dict):
        if set(value) <= {"en", "es"} and value and all(isinstance(v, str) for v in value.values()):
            return True
        return any(_bilingual(v) for v in value.values())
    if isinstance(value, list):
        return any(_bilingual(v) for v in value)
    return False


_TEXTS = {"type": "object", "additionalProperties": TEXT_SCHEMA}
_LIST = {"type": "array", "items": SCALAR_SCHEMA}
_TEXT_LIST = {"type": "array", "items": TEXT_SCHEMA}
NOTES_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "illustrative": {"type": "boolean"},
        "objectives": TEXT_SCHEMA,
        "design": TEXT_SCHEMA,
        "ethics": TEXT_SCHEMA,
        "sample": _TEXTS,
        "interviewers": {"type": "array", "items": _TEXTS},
        "data_collection": _TEXTS,
        "analysis": {
            "type": "object",
            "properties": {"steps": _TEXT_LIST},
            "additionalProperties": TEXT_SCHEMA,
        },
        "concept": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"target_codes": _LIST, "off_target_codes": _LIST},
        },
        "limitations": _TEXT_LIST,
    },
}
"""What ``methods.yaml`` may hold (every field optional; any text may be ``{en: .., es: ..}``);
see :func:`read_notes`."""


def notes_problems(doc: YamlDocument) -> list[Problem]:
    """Every problem in a ``methods.yaml``: unknown fields (typos) and wrong kinds of value."""
    from jsonschema import Draft202012Validator

    problems: list[tuple[int, Problem]] = []
    for err in Draft202012Validator(NOTES_SCHEMA).iter_errors(doc.data):
        pointer = "".join(f"/{p}" for p in err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = list(err.schema.get("properties", {}))
            for key in err.instance:
                if key in allowed:
                    continue
                fix = did_you_mean(str(key), allowed, "fields: " + ", ".join(allowed))
                where = f"{pointer}/{key}"
                problems.append(
                    (
                        doc.line_of(where),
                        Problem(str(doc.path), doc.place(where), f"unknown field '{key}'", fix),
                    )
                )
            continue
        kinds = err.validator_value if err.validator == "type" else None
        fix = {
            "object": "give indented 'field: value' lines",
            "array": "give a list: '- item' lines or [a, b]",
            "boolean": "write true or false",
        }.get(kinds if isinstance(kinds, str) else "", "give text")
        problems.append(
            (doc.line_of(pointer), Problem(str(doc.path), doc.place(pointer), err.message, fix))
        )
    problems.sort(key=lambda lp: lp[0])
    return [p for _line, p in problems]


def read_notes(study_dir: Path) -> StudyNotes:
    """The study notes for the methods section; an absent, empty or comments-only file
    gives empty notes."""
    from tut.yamlio import load_yaml

    path = study_dir / NOTES_FILE
    if not os.path.lexists(path):  # a folder, a pipe or a broken link there: load_yaml says so
        return StudyNotes()
    doc = load_yaml(path)
    if doc.data is None:  # empty or only comments: every field is optional
        return StudyNotes()
    if not isinstance(doc.data, dict):
        raise TutError.at(
            path,
            "line 1",
            "study notes must be a mapping of fields",
            "see the example study's methods.yaml",
        )
    problems = notes_problems(doc)
    if problems:
        raise TutError(problems)
    notes = notes_in(doc.data, "en")
    if _bilingual(doc.data):
        notes = replace(notes, translations={"es": notes_in(doc.data, "es")})
    return notes


def notes_in(data: dict[str, Any], lang: str) -> StudyNotes:
    """The study notes with every text in ``lang`` (see :func:`_text`)."""
    concept = data.get("concept") or {}
    analysis = data.get("analysis") or {}
    return StudyNotes(
        illustrative=bool(data.get("illustrative", False)),
        objectives=text_in(data.get("objectives"), lang),
        design=text_in(data.get("design"), lang),
        ethics=text_in(data.get("ethics"), lang),
        sample=_text_dict(data.get("sample"), lang),
        interviewers=tuple(_text_dict(i, lang) for i in data.get("interviewers") or []),
        data_collection=_text_dict(data.get("data_collection"), lang),
        analysis={
            **_text_dict({k: v for k, v in analysis.items() if k != "steps"}, lang),
            "steps": [text_in(s, lang) for s in analysis.get("steps") or []],
        },
        limitations=tuple(text_in(x, lang) for x in data.get("limitations") or []),
        target_codes=tuple(text_in(x) for x in concept.get("target_codes") or []),
        off_target_codes=tuple(text_in(x) for x in concept.get("off_target_codes") or []),
    )


def check_concept_codes(notes: StudyNotes, frame: CodingFrame, study_dir: Path) -> None:
    """Codes named in ``concept`` must be codes of the study's frame: a typo would silently
    change which readings count as the target concept."""
    from tut.yamlio import load_yaml

    known = [c.id for c in frame.codes]
    for field_name, codes in (
        ("target_codes", notes.target_codes),
        ("off_target_codes", notes.off_target_codes),
    ):
        for i, code in enumerate(codes):
            if code in known:
                continue
            path = study_dir / NOTES_FILE
            raise TutError.at(
                path,
                load_yaml(path).place(f"/concept/{field_name}/{i}"),
                f"'{code}' is not a code of frame {frame.id}",
                did_you_mean(code, known, "codes: " + ", ".join(known)),
            )


def variant_from_copy(copy: WordingCopy) -> Variant:
    """A minimal variant from the study's frozen wording when the registry lacks it."""
    return Variant(
        id=copy.variant_id,
        family="",
        concept="",
        language=copy.language,
        wording=copy.wording,
        text_status=copy.text_status or "paraphrase",  # type: ignore[arg-type]
        response_format="",
        reference_period="",
        target_population="",
        source=Source(survey="frozen copy in the study"),
        status="in-use",
        version=copy.version,
    )


def study_variants(
    variant_ids: Iterable[str], project: Project | None, frozen: dict[str, WordingCopy]
) -> dict[str, Variant]:
    """Registry wordings for the study's variants, falling back on the frozen copies."""
    out: dict[str, Variant] = {}
    registry = None
    if project is not None:
        try:
            from tut.instruments.registry import registry_for

            registry = registry_for(project)
        except TutError:
            registry = None
    for vid in variant_ids:
        if registry is not None and vid in registry:
            out[vid] = registry.get(vid)
        elif vid in frozen:
            out[vid] = variant_from_copy(frozen[vid])
    return out


def resolve_study(study: str | Path, project: Project | None) -> Path:
    """A study folder given as a path, or by name inside the project's coded_responses/."""
    path = Path(study)
    if (path / "study.json").is_file():
        return path
    if project is not None and (project.study_dir(str(study)) / "study.json").is_file():
        return project.study_dir(str(study))
    where = f" or {project.study_dir(str(study))}" if project is not None else ""
    raise TutError.at(
        str(study),
        "",
        f"no study found at {path}{where}",
        (project.lookup_fix if project is not None else str)(
            "give a study name from 'tut study list' or the path of a study folder"),
    )


def load_report_input(
    study_dir: Path,
    *,
    project: Project | None = None,
    spec_path: Path | None = None,
    comparison: ComparisonResult | None = None,
    pseudonymise: bool = False,
    bootstrap: int = 1000,
    seed: int = 1,
    command: str = "",
    now: datetime | None = None,
    progress: Progress | None = None,
    warn: Warn | None = None,
) -> ReportInput:
    """Read everything the report needs; a problem in any input is one clear TutError.

    ``warn`` hears of every journal line that was skipped (a write cut short, a line
    naming a code the frame lacks) as a catalogue message, to be said in the reader's
    language (``tut study status`` reports the same lines).

    The cyclic garbage collector is paused while a large study's millions of small objects
    are made. (``tut report`` then freezes what was read, :func:`gc.freeze`, since it lives
    as long as the command; a library caller decides that for its own process.)
    """
    with gc_paused():
        return _load_report_input(
            study_dir, project, spec_path, comparison, pseudonymise, bootstrap, seed, command,
            now, progress, warn,
        )


def _load_report_input(
    study_dir: Path,
    project: Project | None,
    spec_path: Path | None,
    comparison: ComparisonResult | None,
    pseudonymise: bool,
    bootstrap: int,
    seed: int,
    command: str,
    now: datetime | None,
    progress: Progress | None,
    warn: Warn | None,
) -> ReportInput:
    from tut.coding.decisions import settled_adjudications, study_conflicts
    from tut.coding.study import open_study

    say = progress or (lambda _msg: None)
    say("reading the study")
    data = open_study(study_dir)
    if warn is not None:
        for said in data.messages:
            warn(said)
    codings = {
        coder: {sid: c.codes for sid, c in state.items() if c.is_coded}
        for coder, state in data.codings(1).items()
    }
    recode = {
        coder: {sid: c.codes for sid, c in state.items() if c.is_coded}
        for coder, state in data.codings(2).items()
    }
    variants = study_variants(data.study.variants, project, dict(data.wordings))
    notes = read_notes(study_dir)
    check_concept_codes(notes, data.frame, study_dir)
    say("computing agreement")
    agreement = summarise_agreement(
        data.segments, codings, data.frame, recode=recode, saved=data.codings(1),
        bootstrap=bootstrap, seed=seed,
    )  # saved: the thirds of each coder's work by save time, as in tut agreement --by time
    roles = study_files(study_dir)
    spec_roles: list[tuple[str, Path]] = []
    spec_text = ""
    outcome_labels: dict[str, str] = {}
    if spec_path is not None:
        from tut.compare.spec import load_spec

        spec = load_spec(spec_path)
        if warn is not None:  # an old key (level: for ci_level) is named, as tut compare does
            for line in spec.warnings:
                warn(line)
        # read as load_spec read it: bounded, checked to be a file, UTF-8 said in words
        spec_text = decode_utf8(read_limited(spec_path, YAML_MAX_BYTES, "a YAML file"), spec_path)
        outcome_labels = {
            o.name: o.label for ds in spec.datasets for o in ds.outcomes if o.label != o.name
        }
        spec_roles.append(("comparison spec", Path(spec_path)))
        spec_roles += [("microdata", ds.file) for ds in spec.datasets]
        if comparison is None:
            from tut.compare.run import run_comparison

            say("estimating from the microdata")
            comparison = run_comparison(spec)
    if comparison is not None:  # the microdata's wordings too, named by their labels
        compared = [v for d in comparison.datasets for v in d.variants if v not in variants]
        variants.update(study_variants(compared, project, {}))
    roles += [
        ("wordings", Path(f))
        for f in sorted({v.source_file for v in variants.values() if v.source_file})
    ]
    roles += spec_roles
    base = project.root if project is not None else None
    in_conflict = study_conflicts(data)  # once: the adjudications and the conflicts read it
    say("hashing input files")
    provenance = Provenance(
        generated=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        files=input_files(roles, base),
        software=software_versions(),
        seed=seed,
        command=command,
        spec_text=spec_text,
    )
    return ReportInput(
        study=data.study,
        protocol=data.protocol,
        frame=data.frame,
        segments=tuple(data.segments),
        codings=codings,
        adjudications=settled_adjudications(data, in_conflict),
        agreement=agreement,
        variants=variants,
        provenance=provenance,
        notes=notes,
        comparison=comparison,
        pseudonymise=pseudonymise,
        outcome_labels=outcome_labels,
        frame_revisions=tuple(r.describe() for r in data.revisions),
        conflicts=in_conflict,
        withdrawn=len({w.respondent_id for w in data.withdrawals}),
    )
