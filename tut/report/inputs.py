"""Gather the report's inputs from disk: the I/O edge in front of :func:`build_report`.

Reads the study (segments, every coder's journal, adjudications, recode rounds), the
wordings (project registry, else the study's frozen copies), the study notes
(``methods.yaml`` in the study folder, optional), runs the agreement and, when a spec is
given, the microdata comparison, and records the hash of every file it read.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from tut.coding.model import WordingCopy
from tut.compare.results import ComparisonResult
from tut.errors import TutError
from tut.instruments.model import Source, Variant
from tut.project import Project
from tut.report.agreement import summarise_agreement
from tut.report.model import InputFile, Provenance, ReportInput, StudyNotes

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
    """Paths relative to the project folder when inside it (reports move between machines)."""
    path = path.resolve()
    if base is not None:
        try:
            return str(path.relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)


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
    files += [("journal", p) for p in sorted((study_dir / "journals").glob("*.jsonl"))]
    files += [("recode sample", p) for p in sorted((study_dir / "recode").glob("*.json"))]
    return files


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _text_dict(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): _text(v) for k, v in value.items() if not isinstance(v, (list, dict))}


def read_notes(study_dir: Path) -> StudyNotes:
    """The study notes for the methods section; an absent file gives empty notes."""
    from tut.yamlio import load_yaml

    path = study_dir / NOTES_FILE
    if not path.is_file():
        return StudyNotes()
    data = load_yaml(path).data
    if not isinstance(data, dict):
        raise TutError.at(
            path,
            "line 1",
            "study notes must be a mapping of fields",
            "see the example study's methods.yaml",
        )
    concept = data.get("concept") or {}
    analysis = data.get("analysis") or {}
    return StudyNotes(
        illustrative=bool(data.get("illustrative", False)),
        objectives=_text(data.get("objectives")),
        design=_text(data.get("design")),
        ethics=_text(data.get("ethics")),
        sample=_text_dict(data.get("sample")),
        interviewers=tuple(
            _text_dict(i) for i in data.get("interviewers") or [] if isinstance(i, dict)
        ),
        data_collection=_text_dict(data.get("data_collection")),
        analysis={
            **_text_dict(analysis),
            "steps": [_text(s) for s in analysis.get("steps") or []]
            if isinstance(analysis, dict)
            else [],
        },
        limitations=tuple(_text(x) for x in data.get("limitations") or []),
        target_codes=tuple(_text(x) for x in concept.get("target_codes") or []),
        off_target_codes=tuple(_text(x) for x in concept.get("off_target_codes") or []),
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
        "give a study name from 'tut study list' or the path of a study folder",
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
) -> ReportInput:
    """Read everything the report needs; a problem in any input is one clear TutError."""
    from tut.coding.study import open_study

    say = progress or (lambda _msg: None)
    say("reading the study")
    data = open_study(study_dir)
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
    say("computing agreement")
    agreement = summarise_agreement(
        data.segments, codings, data.frame, recode=recode, bootstrap=bootstrap, seed=seed
    )
    roles = study_files(study_dir)
    spec_text = ""
    outcome_labels: dict[str, str] = {}
    if spec_path is not None:
        from tut.compare.spec import load_spec

        spec = load_spec(spec_path)
        spec_text = Path(spec_path).read_text(encoding="utf-8")
        outcome_labels = {
            o.name: o.label for ds in spec.datasets for o in ds.outcomes if o.label != o.name
        }
        roles.append(("comparison spec", Path(spec_path)))
        roles += [("microdata", ds.file) for ds in spec.datasets]
        if comparison is None:
            from tut.compare.run import run_comparison

            say("estimating from the microdata")
            comparison = run_comparison(spec)
    base = project.root if project is not None else None
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
        adjudications=dict(data.adjudications),
        agreement=agreement,
        variants=variants,
        provenance=provenance,
        notes=notes,
        comparison=comparison,
        pseudonymise=pseudonymise,
        outcome_labels=outcome_labels,
    )
