"""The wording registry: instrument family files turned into :class:`Variant` objects.

The core (:func:`check_documents`) is pure: it takes parsed YAML documents and returns the
registry together with every problem found, so a person fixing a file sees all of them at
once. Reading files happens only at the edge (:func:`check_files`, :func:`load_variants`,
:func:`registry_for`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from jsonschema import Draft202012Validator

from tut.errors import Problem, TutError, close_names
from tut.instruments.model import (
    ChangelogEntry,
    Family,
    MicrodataLink,
    Source,
    Variant,
    base_language,
)
from tut.project import Project
from tut.yamlio import YamlDocument, load_schema, read_documents, schema_problems, yaml_files

SCHEMA = "instrument"
"""Name of the JSON Schema in ``tut/schemas`` that every family file must satisfy."""

LIST_HINT = "run 'tut instruments list'"

T = TypeVar("T")


@dataclass(frozen=True)
class VariantRegistry:
    """Every known wording variant, by id, with the families and files they came from."""

    variants: dict[str, Variant]
    families: dict[str, Family] = field(default_factory=dict)
    files: tuple[Path, ...] = ()
    unknown_fix: str = LIST_HINT
    """The fix of an unknown id (outside a project folder it says so: see :func:`registry_for`)."""

    def get(self, variant_id: str) -> Variant:
        """The variant, or a :class:`TutError` that suggests close ids."""
        try:
            return self.variants[variant_id]
        except KeyError:
            hint = close_names(variant_id, self.variants)
            raise TutError.at(
                "instruments", "", f"unknown variant id '{variant_id}'{hint}", self.unknown_fix
            ) from None

    def __contains__(self, variant_id: object) -> bool:
        return variant_id in self.variants

    def __iter__(self) -> Iterator[Variant]:
        return iter(self.variants.values())

    def __len__(self) -> int:
        return len(self.variants)

    def select(self, language: str | None = None, family: str | None = None) -> list[Variant]:
        """Variants in file order; ``language='es'`` also matches ``es-MX``."""
        out = []
        for v in self.variants.values():
            if language and language.lower() not in (v.language.lower(), v.base_language):
                continue
            if family and v.family != family:
                continue
            out.append(v)
        return out

    def translations_of(self, variant_id: str) -> list[Variant]:
        return [v for v in self.variants.values() if v.translation_of == variant_id]


# --- pure core ------------------------------------------------------------------------------


@cache
def _variant_validator() -> Draft202012Validator:
    """Validator for a single variant, to build only the variants that are valid."""
    schema = load_schema(SCHEMA)
    return Draft202012Validator({"$ref": "#/$defs/variant", "$defs": schema["$defs"]})


@dataclass
class _Seen:
    """Where an id was first defined, to name both places in a duplicate error."""

    doc: YamlDocument
    pointer: str

    def __str__(self) -> str:
        return f"{self.doc.path}:line {self.doc.line_of(self.pointer)}"


def _field(data: dict[str, Any], key: str, kind: type[T], default: T) -> T:
    """``data[key]`` when it has the right type (schema problems are reported elsewhere)."""
    value = data.get(key)
    return value if isinstance(value, kind) else default


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _source(raw: dict[str, Any]) -> Source:
    return Source(
        survey=_text(raw.get("survey")),
        year=_text(raw.get("year")),
        section=_text(raw.get("section")),
        citation=_text(raw.get("citation")),
        note=_text(raw.get("note")),
    )


def _microdata(raw: dict[str, Any]) -> MicrodataLink:
    ballot = raw.get("split_ballot") or {}
    return MicrodataLink(
        dataset=_text(raw["dataset"]),
        variables=tuple(raw["variables"]),
        value_labels={str(k): _text(v) for k, v in (raw.get("value_labels") or {}).items()},
        missing_codes=tuple(raw.get("missing_codes") or ()),
        unit=_text(raw.get("unit")),
        ballot_variable=_text(ballot.get("variable")),
        ballot_code=ballot.get("code"),
        note=_text(raw.get("note")),
    )


def _variant(raw: dict[str, Any], family: str, family_concept: str, source_file: str) -> Variant:
    return Variant(
        id=raw["id"],
        family=family,
        concept=_text(raw.get("concept")) or family_concept,
        language=raw["language"],
        wording=_text(raw["wording"]),
        text_status=raw["text_status"],
        response_format=raw["response_format"],
        reference_period=_text(raw.get("reference_period")),
        target_population=_text(raw["target_population"]),
        source=_source(raw["source"]),
        status=raw["status"],
        version=_text(raw["version"]),
        interviewer_instructions=_text(raw.get("interviewer_instructions")),
        key_terms=tuple(_text(t) for t in raw.get("key_terms") or ()),
        definitions={_text(k): _text(v) for k, v in (raw.get("definitions") or {}).items()},
        changelog=tuple(
            ChangelogEntry(version=_text(c["version"]), date=_text(c["date"]), change=_text(c["change"]))
            for c in raw.get("changelog") or ()
        ),
        microdata=tuple(_microdata(m) for m in raw.get("microdata") or ()),
        translation_of=_text(raw.get("translation_of")),
        notes=_text(raw.get("notes")),
        source_file=source_file,
        label=_text(raw.get("label")),
        label_es=_text(raw.get("label_es")),
    )


def _variant_rules(doc: YamlDocument, pointer: str, raw: dict[str, Any]) -> list[Problem]:
    """Rules across fields of one variant that a JSON Schema would report unclearly."""
    problems = []
    if raw.get("text_status") == "candidate" and raw.get("status") == "in-use":
        problems.append(Problem(
            str(doc.path), doc.place(f"{pointer}/status"),
            "a variant whose text_status is 'candidate' cannot be in use",
            "once fielded, set text_status: verbatim (the text as fielded) or keep status: candidate",
        ))
    changelog = raw.get("changelog")
    version = raw.get("version")
    if isinstance(changelog, list) and changelog and version is not None:
        logged = {str(c.get("version")) for c in changelog if isinstance(c, dict)}
        if str(version) not in logged:
            problems.append(Problem(
                str(doc.path), doc.place(f"{pointer}/changelog"),
                f"no changelog entry for the current version {version}",
                f"add an entry with version: {version}",
            ))
    return problems


def check_documents(docs: Sequence[YamlDocument]) -> tuple[VariantRegistry, list[Problem]]:
    """Build the registry from parsed family files and list every problem in them.

    Variants with schema errors are left out of the registry; the problems say why.
    Duplicate ids (within or across files) and ``translation_of`` links to unknown ids are
    problems too. The first definition of a duplicated id wins.
    """
    validator = _variant_validator()
    problems: list[tuple[int, int, Problem]] = []
    variants: dict[str, Variant] = {}
    families: dict[str, Family] = {}
    seen_ids: dict[str, _Seen] = {}
    seen_families: dict[str, _Seen] = {}
    languages: dict[str, str] = {}
    links: list[tuple[int, YamlDocument, str, dict[str, Any]]] = []

    def add(order: int, problem: Problem) -> None:
        problems.append((order, problem.line, problem))

    for order, doc in enumerate(docs):
        path = str(doc.path)
        if doc.data is None:
            add(order, Problem(
                path, "line 1 (/)", "the file is empty",
                "start with family, title, concept, sources and variants; "
                "see tut/schemas/instrument.schema.json",
            ))
            continue
        if isinstance(doc.data, dict) and "family" not in doc.data and (
            "probes" in doc.data or "frames" in doc.data
        ):
            add(order, Problem(
                path, "line 1 (/)",
                "this is a cognitive-interview protocol, not an instrument family file",
                "move it to protocols/ and check it with 'tut protocols validate'",
            ))
            continue
        for problem in schema_problems(doc, SCHEMA):
            add(order, problem)
        data = doc.data if isinstance(doc.data, dict) else {}

        family_id = _field(data, "family", str, "")
        family_concept = _text(data.get("concept"))
        if family_id:
            if family_id in seen_families:
                add(order, Problem(
                    path, doc.place("/family"),
                    f"family '{family_id}' is also defined at {seen_families[family_id]}",
                    "keep one file per family, or give this family its own id",
                ))
            else:
                seen_families[family_id] = _Seen(doc, "/family")
                sources = _field(data, "sources", list, [])
                families[family_id] = Family(
                    id=family_id,
                    title=_text(data.get("title")),
                    concept=family_concept,
                    sources=tuple(_source(s) for s in sources if isinstance(s, dict)),
                    notes=_text(data.get("notes")),
                    source_file=path,
                )

        raw_variants = _field(data, "variants", list, [])
        for i, raw in enumerate(raw_variants):
            if not isinstance(raw, dict):
                continue
            pointer = f"/variants/{i}"
            for problem in _variant_rules(doc, pointer, raw):
                add(order, problem)
            vid = raw.get("id")
            if isinstance(vid, str):
                if vid in seen_ids:
                    add(order, Problem(
                        path, doc.place(f"{pointer}/id"),
                        f"duplicate variant id '{vid}': already defined at {seen_ids[vid]}",
                        "give each variant its own id",
                    ))
                    continue
                seen_ids[vid] = _Seen(doc, f"{pointer}/id")
                if isinstance(raw.get("language"), str):
                    languages[vid] = base_language(raw["language"])
            if isinstance(raw.get("translation_of"), str):
                links.append((order, doc, pointer, raw))
            if isinstance(vid, str) and validator.is_valid(raw):
                variants[vid] = _variant(raw, family_id, family_concept, path)

    for order, doc, pointer, raw in links:
        target, vid = raw["translation_of"], raw.get("id")
        place = doc.place(f"{pointer}/translation_of")
        if target == vid:
            add(order, Problem(str(doc.path), place, "a variant cannot be a translation of itself",
                               "name the variant it translates"))
        elif target not in seen_ids:
            hint = close_names(target, seen_ids)
            add(order, Problem(str(doc.path), place,
                               f"translation_of '{target}' is not a known variant id{hint}",
                               LIST_HINT))
        elif isinstance(vid, str) and languages.get(vid) == languages.get(target):
            add(order, Problem(
                str(doc.path), place,
                f"translation_of '{target}' is in the same language ({languages.get(target)})",
                "translation_of links variants in different languages",
            ))

    problems.sort(key=lambda item: (item[0], item[1]))
    registry = VariantRegistry(
        variants=variants,
        families=families,
        files=tuple(Path(d.path) for d in docs),
    )
    return registry, [p for _order, _line_no, p in problems]


def variants_from_documents(docs: Sequence[YamlDocument]) -> VariantRegistry:
    """The registry, or one :class:`TutError` carrying every problem."""
    registry, problems = check_documents(docs)
    if problems:
        raise TutError(problems)
    return registry


# --- reading files (the edge) ---------------------------------------------------------------


def check_files(paths: Iterable[Path]) -> tuple[VariantRegistry, list[Problem]]:
    """Read and check family files; unreadable files and YAML syntax errors are problems too."""
    files = yaml_files(paths)
    docs, problems = read_documents(files)
    registry, more = check_documents(docs)
    order = {str(p): i for i, p in enumerate(files)}
    every = problems + more
    every.sort(key=lambda p: (order.get(p.file, len(order)), p.line))
    return registry, every


def load_variants(paths: list[Path]) -> VariantRegistry:
    """Registry from family files; raises one :class:`TutError` listing every problem."""
    registry, problems = check_files(paths)
    if problems:
        raise TutError(problems)
    return registry


def registry_files(project: Project) -> list[Path]:
    """The shipped family files, then the project's own (``instruments/*.yaml``)."""
    return yaml_files(project.registry_dirs("instruments"))


def registry_for(project: Project) -> VariantRegistry:
    """Every variant a command run in ``project`` can see: shipped ones plus the user's."""
    return replace(load_variants(registry_files(project)), unknown_fix=project.lookup_fix(LIST_HINT))
