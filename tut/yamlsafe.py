"""Parsing users' YAML within limits, so a hostile file is refused early with its line.

ruamel.yaml keeps an alias as one shared object, but tut turns a document into plain data
(and a JSON Schema walks it), which copies every alias: nine nested aliases of nine items
each ("billion laughs") then fill gigabytes. Aliases stay allowed (``<<: *common`` saves
repeating fields across variants), but the composer counts every value as it would be once
copied and stops at :data:`~tut.userfiles.YAML_MAX_VALUES`; an alias inside the collection it
names is refused; nesting stops at :data:`~tut.userfiles.YAML_MAX_DEPTH` before the recursive
composer can exhaust Python's stack; control characters, numbers Python cannot hold and tags
that are not plain data are refused with their line.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, SequenceNode
from ruamel.yaml.scanner import RoundTripScanner

from tut.errors import TutError
from tut.userfiles import YAML_MAX_BYTES, YAML_MAX_DEPTH, YAML_MAX_VALUES, control_error

_NOT_YAML_TEXT = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""Characters YAML does not allow in a document (the set ruamel.yaml's reader refuses)."""


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
)
"""Tags of plain data; ``!!binary``, ``!!set``, ``!!python/...`` and custom tags are refused."""


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


class _Refused(Exception):
    """A limit reached inside the parser; carries the line (0-based) for the message."""

    def __init__(self, line: int, what: str, fix: str) -> None:
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix


def _too_deep(line: int) -> _Refused:
    return _Refused(
        line, f"nested more than {YAML_MAX_DEPTH} levels deep",
        "tut files nest at most a few levels: check the indentation and the [ ] { } brackets",
    )


class _LimitedScanner(RoundTripScanner):  # type: ignore[misc]
    """Stops at the nesting limit while scanning, before the parser and composer recurse."""

    def fetch_more_tokens(self) -> Any:
        result = super().fetch_more_tokens()
        if len(self.flow_context) + len(self.indents) > YAML_MAX_DEPTH:
            raise _too_deep(self.reader.line)
        return result


class _LimitedComposer(Composer):  # type: ignore[misc]
    """Counts each value as often as aliases repeat it, and refuses an alias to itself."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader=loader)
        self.warn_double_anchors = False  # YAML lets an anchor be set again; no Python warning
        self._values = 0
        self._open: list[str] = []
        self._size: dict[int, int] = {}
        self._depth: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        line = event.start_mark.line
        if isinstance(event, AliasEvent):
            if event.anchor in self._open:
                raise _Refused(
                    line, f"the alias *{event.anchor} sits inside &{event.anchor}, the "
                    "collection it names: it would repeat itself without end",
                    "write the values out instead of the alias",
                )
            node = super().compose_node(parent, index)
            self._count(self._size.get(id(node), 1), line, event.anchor)
            return node
        self._count(1, line, None)
        if event.anchor is not None:
            self._open.append(event.anchor)
        node = super().compose_node(parent, index)
        if event.anchor is not None:
            self._open.pop()
        tag = str(node.tag)
        if tag not in _PLAIN_TAGS:
            raise _Refused(
                line, f"the YAML tag {_short(tag)} is not plain data, and tut does not read it",
                "remove the tag (the word starting with !)",
            )
        children: list[Any] = []
        if isinstance(node, SequenceNode):
            children = node.value
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        if children:
            self._size[id(node)] = 1 + sum(self._size.get(id(c), 1) for c in children)
            depth = 1 + max(self._depth.get(id(c), 0) for c in children)
            if depth > YAML_MAX_DEPTH:  # reached through aliases of nested collections
                raise _too_deep(line)
            self._depth[id(node)] = depth
        return node

    def _count(self, values: int, line: int, alias: str | None) -> None:
        self._values += values
        if self._values <= YAML_MAX_VALUES:
            return
        if alias is not None:
            raise _Refused(
                line, f"the alias *{alias} repeats {values:,} values, which takes the file past "
                f"{YAML_MAX_VALUES:,} values (nested aliases can fill the memory)",
                "write the values out, or repeat less through aliases",
            )
        raise _Refused(
            line, f"more than {YAML_MAX_VALUES:,} values (keys, items and texts)",
            "a tut file holds far fewer: check it is the file you meant, or split it",
        )


class _LimitedConstructor(RoundTripConstructor):  # type: ignore[misc]
    """Numbers Python cannot hold, or that are not finite, are refused at their line."""

    def construct_yaml_int(self, node: Any) -> Any:
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            raise _Refused(
                node.start_mark.line, f"a number with {len(str(node.value)):,} digits",
                "put it in quotes if it is an id",
            ) from None

    def construct_yaml_float(self, node: Any) -> Any:
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise _Refused(
                node.start_mark.line, f"{node.value!r} is not a finite number",
                "write a finite number (an open end of a missing range is LO or HI)",
            )
        return value


    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            raise _Refused(
                node.start_mark.line, f"{node.value!r} is not a valid date",
                "write a real date as YYYY-MM-DD, or put it in quotes if it is text",
            ) from None


_LimitedConstructor.add_constructor(
    "tag:yaml.org,2002:int", _LimitedConstructor.construct_yaml_int
)
_LimitedConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _LimitedConstructor.construct_yaml_timestamp
)
_LimitedConstructor.add_constructor(
    "tag:yaml.org,2002:float", _LimitedConstructor.construct_yaml_float
)


def safe_load(text: str, path: str | Path) -> Any:
    """The round-trip (line-keeping) ruamel data of a YAML text, or a located TutError."""
    path = Path(path)
    if len(text) > YAML_MAX_BYTES:
        raise TutError.at(
            path, "", f"the text is {len(text):,} characters; a YAML file may be at most "
            f"{YAML_MAX_BYTES:,}", "check it is the file you meant, or split it",
        )
    bad = _NOT_YAML_TEXT.search(text)
    if bad is not None:
        raise control_error(text, bad.start(), path)
    yaml = YAML(typ="rt")
    yaml.Scanner = _LimitedScanner
    yaml.Composer = _LimitedComposer
    yaml.Constructor = _LimitedConstructor
    try:
        with warnings.catch_warnings():  # ruamel < 0.19 warns without asking
            warnings.simplefilter("ignore", ReusedAnchorWarning)
            return yaml.load(text)
    except _Refused as exc:
        raise TutError.at(path, f"line {exc.line + 1}", exc.what, exc.fix) from None
    except MarkedYAMLError as exc:
        raise _syntax_error(exc, path) from None
    except YAMLError as exc:  # a reader error without a mark: the text check above precedes it
        raise TutError.at(path, "line 1", f"YAML error: {exc}",
                          "check the file is UTF-8 text") from None


def _syntax_error(exc: MarkedYAMLError, path: Path) -> TutError:
    # The context mark is where the broken construct began (an unclosed quote, say);
    # the problem mark is where the parser gave up, often the end of the file.
    start, stop = exc.context_mark, exc.problem_mark
    mark = start or stop
    line = mark.line + 1 if mark is not None else 1
    what = f"YAML syntax error: {exc.problem or exc.context}"
    if start is not None and stop is not None and stop.line != start.line:
        what += f" ({exc.context} here; the parser stopped at line {stop.line + 1})"
    return TutError.at(path, f"line {line}", what, "check indentation and quoting")
