"""The small coding fixture shared by the coding tests: the test protocol, its six segments,
and studies made from them."""

from __future__ import annotations

import json
from pathlib import Path

from tut.coding.study import create_study, protocol_from_json, read_segments

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "coding"
PROTOCOL = protocol_from_json(json.loads((FIXTURES / "protocol.json").read_text(encoding="utf-8")))
SEGMENTS = read_segments(FIXTURES / "segments.csv", PROTOCOL)
IDS = [s.id for s in SEGMENTS]


def pilot_study(root: Path) -> Path:
    """``root/pilot``: the six segments under the protocol's first frame (several codes each)."""
    folder = root / "pilot"
    create_study(folder, "pilot", PROTOCOL, SEGMENTS)
    return folder


def quality_study(root: Path) -> Path:
    """``root/quality``: the same segments under the exclusive ``answer-quality`` frame."""
    folder = root / "quality"
    create_study(folder, "quality", PROTOCOL, SEGMENTS, frame_id="answer-quality")
    return folder
