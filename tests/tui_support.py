"""Build small (or 20,000-segment) studies for the coding UI tests and bench/tui.py."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

from tut.coding.model import Segment, WordingCopy
from tut.coding.study import create_study
from tut.instruments.registry import registry_for
from tut.project import Project, init_project
from tut.protocols.model import Protocol
from tut.protocols.registry import protocols_for

PROTOCOL = "supervisory-care-wording-test"

ANSWERS = [
    "Pues que estoy al pendiente de los niños aunque esté haciendo la comida.",
    "It means I'm responsible for them, even if they're asleep upstairs.",
    "When my husband is home I wouldn't count it, he's watching them.",
    "I just thought about whether they were in the house with me.",
    "No sé, supongo que cuando los estoy cuidando de verdad, dándoles de comer.",
    "I'd be on call, like if something happened I'd be the one to go.",
]


def build_study(
    root: Path,
    name: str = "pilot",
    n: int = 12,
    *,
    exclusive: bool = False,
    frame_id: str | None = None,
    answers: list[str] | None = None,
    edit_protocol: Callable[[Protocol], Protocol] | None = None,
    edit_segment: Callable[[Segment], Segment] | None = None,
    edit_wording: Callable[[WordingCopy], WordingCopy] | None = None,
) -> tuple[Project, Path]:
    """A project with one study of ``n`` segments cycling over the protocol's variants and probes.

    ``exclusive=True`` turns the first frame into a one-code-per-segment frame; ``answers``
    replaces the answer texts (cycled); the ``edit_*`` functions change the protocol, each
    segment or each wording copy before the study is created (hostile-text tests).
    """
    texts = answers or ANSWERS
    project = init_project(root)
    protocol = protocols_for(project).get(PROTOCOL)
    if exclusive:
        frame = dataclasses.replace(protocol.frame(frame_id), mode="exclusive")
        protocol = dataclasses.replace(protocol, frames=(frame,))
        frame_id = frame.id
    if edit_protocol is not None:
        protocol = edit_protocol(protocol)
    probes = [p.id for p in protocol.probes]
    variants = list(protocol.variants)
    segments = []
    for i in range(n):
        resp = i // len(probes)
        variant = variants[resp % len(variants)]
        segments.append(
            Segment(
                id=f"s{i:05d}",
                respondent_id=f"r{resp:04d}",
                interview_id=f"int-{resp:04d}",
                variant_id=variant,
                probe_id=probes[i % len(probes)],
                answer=f"{texts[i % len(texts)]} (#{i})",
                notes="laughed" if i % 5 == 0 else "",
                attributes={"sex": "F" if i % 2 else "M", "children_u13": str(i % 3)},
            )
        )
    registry = registry_for(project)
    wordings = {
        v: WordingCopy(v, registry.get(v).wording, registry.get(v).language,
                       registry.get(v).text_status, key_terms=registry.get(v).key_terms)
        for v in variants
        if v in registry
    }
    if edit_segment is not None:
        segments = [edit_segment(s) for s in segments]
    if edit_wording is not None:
        wordings = {v: edit_wording(w) for v, w in wordings.items()}
    study_dir = project.study_dir(name)
    create_study(study_dir, name, protocol, segments, frame_id=frame_id, wordings=wordings)
    return project, study_dir


async def type_fast(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Send ``keys`` the way a fast typist (or a busy app) delivers them: all read before
    the app handles the first (``pilot.press`` waits for the app to be idle after each key,
    so it never shows what happens to keys typed ahead of a focus change or a dialog)."""
    app = pilot.app
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
            )
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()
