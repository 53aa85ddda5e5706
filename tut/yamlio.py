"""YAML files validated by a JSON Schema, with every problem located by pointer and line.

ruamel.yaml keeps the line of each mapping key and sequence item, so a JSON Schema
error (which knows only a JSON pointer) can be shown at the line a person edits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

from tut.errors import Problem, TutError, did_you_mean
from tut.files import real_path
from tut.userfiles import YAML_MAX_BYTES, decode_utf8, read_limited
from tut.yamlsafe import safe_load


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML file: plain Python data plus a pointer -> line map."""

    path: Path
    data: Any
    lines: dict[str, int]
    """JSON pointer (``/variants/0/wording``) -> 1-based line number."""

    def line_of(self, pointer: str) -> int:
        """Line of the pointer, or of its nearest ancestor that has one."""
        p = pointer
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p.rsplit("/", 1)[0]
        return self.lines.get("", 1)

    def place(self, pointer: str) -> str:
        return f"line {self.line_of(pointer)} ({pointer or '/'})"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _plain(node: Any, pointer: str, lines: dict[str, int], path: Path) -> Any:
    """Convert ruamel nodes to plain dict/list while recording lines per pointer."""
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key, value in node.items():
            child = f"{pointer}/{_escape(str(key))}"
            try:
                line, _col = node.lc.key(key)
                lines[child] = line + 1
            except (KeyError, TypeError):
                pass
            out[str(key)] = _plain(value, child, lines, path)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for i, value in enumerate(node):
            child = f"{pointer}/{i}"
            try:
                line, _col = node.lc.item(i)
                lines[child] = line + 1
            except (KeyError, TypeError, IndexError):
                pass
            items.append(_plain(value, child, lines, path))
        return items
    if isinstance(node, str):
        return str(node)
    if isinstance(node, TaggedScalar):  # `!!str 12`: the only tag left on a scalar
        return str(node.value)
    if isinstance(node, dt.date):
        # YAML reads 2025-01-31 as a date; schemas and JSON want the ISO text.
        return node.isoformat()
    if node is None or isinstance(node, bool | int | float):
        return node
    # !!binary, !!set, !!python/..., !custom: not plain data, and nothing in tut reads them.
    line = lines.get(pointer, 1)
    raise TutError.at(
        path, f"line {line} ({pointer or '/'})",
        f"a YAML tag that tut does not read ({type(node).__name__})",
        "remove the tag (the word starting with !) and write plain text, numbers or lists",
    )


def load_yaml(path: str | Path) -> YamlDocument:
    """Parse a YAML file; syntax errors become a located :class:`TutError`."""
    path = Path(path)
    data = read_limited(path, YAML_MAX_BYTES, "a YAML file", folder_fix="name a .yaml file")
    return parse_yaml(decode_utf8(data, path), path)


def yaml_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the ``*.yaml``/``*.yml`` files of folders named, each once.

    A path that does not exist is kept, so that reading it reports "file not found" in
    the same list as every other problem; so is a ``.yaml`` in a folder that is a broken
    link or a pipe (a family must not vanish from the registry without a word).
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        found = (
            sorted(f for f in [*path.glob("*.yaml"), *path.glob("*.yml")]
                   if not f.is_dir() and not f.name.startswith("."))
            if path.is_dir() else [path]
        )
        for f in found:
            key = real_path(f)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def read_documents(files: Iterable[Path]) -> tuple[list[YamlDocument], list[Problem]]:
    """Parse every file; the ones that cannot be read or parsed become problems instead."""
    docs: list[YamlDocument] = []
    problems: list[Problem] = []
    for path in files:
        try:
            docs.append(load_yaml(path))
        except TutError as exc:
            problems.extend(exc.problems)
    return docs, problems


def parse_yaml(text: str, path: str | Path = "<string>") -> YamlDocument:
    """Parse YAML text within tut's limits (see :mod:`tut.yamlsafe`); every problem is a
    located :class:`TutError`."""
    path = Path(path)
    raw = safe_load(text, path)
    lines: dict[str, int] = {"": 1}
    data = _plain(raw, "", lines, path)
    return YamlDocument(path=path, data=data, lines=lines)


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``tut/schemas`` (``name`` without ``.schema.json``).

    Not checked against the meta-schema here (0.07 s a schema, on every command that reads a
    spec or the registry): tests/test_schemas_valid.py checks every shipped schema."""
    text = resources.files("tut.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _pointer(parts: Iterable[Any]) -> str:
    return "".join(f"/{_escape(str(p))}" for p in parts)


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "only text (no 'key: value' line)"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else f"only the value {value}"


def schema_problems(doc: YamlDocument, schema_name: str) -> list[Problem]:
    """Every schema violation in the document, sorted by line."""
    validator = Draft202012Validator(load_schema(schema_name))
    problems: list[tuple[int, Problem]] = []
    split_keys: set[str] = set()
    for err in validator.iter_errors(doc.data):
        pointer = _pointer(err.absolute_path)
        split = _split_text_key(err, doc.data)
        if split is not None:
            # `{es: Si dormía, ¿contaría?}`: the comma ended the text and began a new key.
            parent = pointer.rsplit("/", 1)[0] if err.validator == "type" else pointer
            if f"{parent}/{_escape(split)}" in split_keys:
                continue
            split_keys.add(f"{parent}/{_escape(split)}")
            line = doc.line_of(parent)
            problems.append((line, Problem(
                str(doc.path), f"line {line} ({parent or '/'})",
                f"text cut at a comma: '{split}' became a key of its own",
                "inside { } a comma ends the text: put the whole text in quotes",
            )))
            continue
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            # Point at each unexpected key's own line; most unknown keys are typos.
            allowed = list(err.schema.get("properties", {}))
            for key in err.instance:
                if key in allowed or _matches_pattern(err.schema, key):
                    continue
                key_pointer = f"{pointer}/{_escape(key)}"
                line = doc.line_of(key_pointer)
                if err.instance[key] is None and " " in str(key).strip() \
                        and key_pointer in doc.lines and line == doc.line_of(pointer):
                    # `{en: Care, children under 13, es: ..}`: a comma ended the text.
                    problems.append((line, Problem(
                        str(doc.path), f"line {line} ({pointer or '/'})",
                        f"text cut at a comma: '{key}' became a key of its own",
                        "inside { } a comma ends the text: put the whole text in quotes",
                    )))
                    continue
                fix = did_you_mean(key, allowed, "allowed: " + ", ".join(allowed))
                problems.append((line, Problem(
                    str(doc.path), f"line {line} ({key_pointer})", f"unknown key '{key}'", fix,
                )))
            continue
        if err.validator == "pattern" and err.schema.get("description"):
            # Say what the value should look like instead of quoting a regular expression.
            line = doc.line_of(pointer)
            described = str(err.schema["description"])
            problems.append((line, Problem(
                str(doc.path), f"line {line} ({pointer or '/'})",
                f"{err.instance!r} is not valid here",
                f"write {described[0].lower()}{described[1:]}".rstrip("."),
            )))
            continue
        line = doc.line_of(pointer)
        what = err.message
        if err.validator == "enum":
            # The fix lists the allowed values; repeating them here makes an unreadable line.
            what = f"{err.instance!r} is not one of the allowed values"
        if err.validator == "type" and not pointer and not isinstance(err.instance, dict):
            # A CSV, an XML file or a list named as a YAML file: not its text quoted back.
            what = f"the file holds {_kind(err.instance)}, not keys and values"
        if len(what) > 200:
            what = what[:197] + "..."
        fix = _fix_hint(err.validator, err.validator_value)
        if err.validator == "type" and err.validator_value == "string" \
                and isinstance(err.instance, int | float):
            # `hotkey: 1` or `version: 1.0`: YAML read a number where text was meant.
            what = f"{err.instance!r} was read as a number, not as text"
            fix = f"put it in quotes: \"{_as_written(err.instance)}\""
        problems.append((line, Problem(str(doc.path), f"line {line} ({pointer or '/'})", what, fix)))
    problems.sort(key=lambda lp: lp[0])
    return [p for _line, p in problems]


def _as_written(value: Any) -> str:
    """How a YAML number was most likely written (True/False as written in YAML)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _split_text_key(err: Any, data: Any) -> str | None:
    """The key a comma in unquoted flow-mapping text produced (a key with spaces and no value)."""
    if err.validator == "type" and err.instance is None and err.absolute_path:
        key = err.absolute_path[-1]
    elif err.validator == "pattern" and isinstance(err.instance, str) \
            and "propertyNames" in err.schema_path:
        key = err.instance
        parent = data
        for part in err.absolute_path:
            parent = parent[part]
        if not isinstance(parent, dict) or parent.get(key, "") is not None:
            return None
    else:
        return None
    if not isinstance(key, str) or " " not in key.strip():
        return None
    return key


def _matches_pattern(schema: dict[str, Any], key: str) -> bool:
    import re

    return any(re.search(pat, key) for pat in schema.get("patternProperties", {}))


_YAML_KINDS = {
    "object": "a mapping: indented 'key: value' lines",
    "array": "a list: '- item' lines or [a, b]",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}
"""JSON Schema types in the words of someone editing YAML."""


def _fix_hint(validator: Any, value: Any) -> str:
    if validator == "required":
        return "add the missing key"
    if validator == "enum":
        return "use one of: " + ", ".join(map(str, value))
    if validator == "additionalProperties":
        return "remove or rename the key; see the schema in tut/schemas"
    if validator == "type":
        kinds = value if isinstance(value, list) else [value]
        return "give " + " or ".join(_YAML_KINDS.get(str(k), str(k)) for k in kinds)
    if validator == "pattern":
        return f"match the pattern {value}"
    if validator == "uniqueItems":
        return "list each item once"
    if validator == "maxLength":
        return "give a single character" if value == 1 else f"use at most {value} characters"
    if validator == "minLength":
        return "give a value that is not empty" if value == 1 else f"use at least {value} characters"
    if validator == "minItems":
        return "add at least one item" if value == 1 else f"add at least {value} items"
    if validator in ("minimum", "maximum"):
        return f"give a number {'at least' if validator == 'minimum' else 'at most'} {value}"
    if validator in ("exclusiveMinimum", "exclusiveMaximum"):
        return f"give a number {'above' if validator == 'exclusiveMinimum' else 'below'} {value}"
    if validator == "maxItems":
        return f"give at most {value} items"
    if validator == "const":
        return f"write {value!r}"
    return "see the schema in tut/schemas"


def load_validated(path: str | Path, schema_name: str) -> YamlDocument:
    """Load and validate; raise one :class:`TutError` listing every problem."""
    doc = load_yaml(path)
    problems = schema_problems(doc, schema_name)
    if problems:
        raise TutError(problems)
    return doc
