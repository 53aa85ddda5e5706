"""A study's frozen copies as JSON: protocol, frame, wordings, segments, the study itself.

Part of :mod:`tut.coding.study` (which re-exports these names): what ``study.json``,
``protocol.json``, ``frame.json``, ``wordings.json`` and ``segments.jsonl`` hold, written
and read back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from typing import Any

from tut.coding.model import Segment, Study, WordingCopy
from tut.protocols.model import Code, CodeFamily, CodingFrame, Probe, Protocol

REVISED_FIELDS = ("version", "retired", "merged_into", "hidden_codes")
"""Set by frame revisions when a study is read; never in ``frame.json`` (version 1)."""


def frame_to_json(frame: CodingFrame) -> dict[str, Any]:
    out = asdict(frame)
    for key in REVISED_FIELDS:
        out.pop(key, None)
    return out


def rebuild(cls: Any, d: dict[str, Any], **nested: Any) -> Any:
    """Rebuild a frozen model from its JSON copy: unknown keys dropped (copies outlive model
    changes), lists back to tuples, nested objects given by the caller."""
    names = {f.name for f in fields(cls)}
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in d.items() if k in names}
    values.update(nested)
    return cls(**values)


def _family_from_json(d: dict[str, Any]) -> CodeFamily:
    return rebuild(
        CodeFamily,
        d,
        codes=tuple(rebuild(Code, c) for c in d.get("codes", ())),
        families=tuple(_family_from_json(f) for f in d.get("families", ())),
    )


def frame_from_json(d: dict[str, Any]) -> CodingFrame:
    return rebuild(
        CodingFrame, d, families=tuple(_family_from_json(f) for f in d.get("families", ()))
    )


def protocol_to_json(protocol: Protocol) -> dict[str, Any]:
    out = asdict(protocol)
    for frame in out["frames"]:
        for key in REVISED_FIELDS:
            frame.pop(key, None)
    return out


def protocol_from_json(d: dict[str, Any]) -> Protocol:
    nested: dict[str, Any] = {
        "probes": tuple(
            rebuild(Probe, p, translations=dict(p.get("translations", {}))) for p in d["probes"]
        ),
        "frames": tuple(frame_from_json(f) for f in d["frames"]),
        "probes_by_variant": {k: tuple(v) for k, v in d.get("probes_by_variant", {}).items()},
    }
    if "changelog" in d and "changelog" in {f.name for f in fields(Protocol)}:
        from tut.instruments.model import ChangelogEntry

        nested["changelog"] = tuple(rebuild(ChangelogEntry, c) for c in d["changelog"])
    return rebuild(Protocol, d, **nested)


def wording_copies(variants: Mapping[str, Any], variant_ids: Iterable[str]) -> dict[str, WordingCopy]:
    """Frozen copies of the tested wordings (``variants``: id -> instruments ``Variant``).

    A study keeps what was read to respondents even if the registry changes later.
    """
    return {
        vid: WordingCopy(
            vid, v.wording, v.language, v.text_status, str(v.version), tuple(v.key_terms)
        )
        for vid in variant_ids
        if (v := variants.get(vid)) is not None
    }


def wording_to_json(wording: WordingCopy) -> dict[str, Any]:
    """Key terms only when known, so copies made without them read the same as before."""
    out = asdict(wording)
    if not out["key_terms"]:
        del out["key_terms"]
    return out


def segment_to_json(seg: Segment) -> dict[str, Any]:
    """As ``asdict`` gives it, field by field (asdict's deep copy is most of the time of
    writing a large segments file)."""
    return {f.name: getattr(seg, f.name) for f in _SEGMENT_FIELDS} | {"attributes": dict(seg.attributes)}


_SEGMENT_FIELDS = fields(Segment)
_SEGMENT_NAMES = frozenset(f.name for f in _SEGMENT_FIELDS)


def segment_from_json(d: dict[str, Any]) -> Segment:
    """As :func:`rebuild` does it, with the field names looked up once (100,000 segments)."""
    values: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in d.items() if k in _SEGMENT_NAMES
    }
    values["attributes"] = dict(d.get("attributes", {}))
    return Segment(**values)


def study_to_json(study: Study) -> dict[str, Any]:
    out = asdict(study)
    out["format"] = "tut-study/1"
    return out


def study_from_json(d: dict[str, Any]) -> Study:
    return rebuild(Study, d)
