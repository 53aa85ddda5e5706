"""`tut study init --from-qdpx`: a study made from a REFI-QDA project (NVivo, MAXQDA, ...)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import click

from tut.coding.model import WordingCopy
from tut.coding.qdpx_import import plan_import, read_code_map, write_imported_study
from tut.coding.qdpx_read import read_project
from tut.errors import TutError
from tut.protocols.model import Protocol
from tut.safe_text import visible


def init_from_qdpx(target: Path, name: str, protocol: Protocol, qdpx: Path, *,
                   codes_map: Path | None, frame_id: str | None, variant: str, probe: str,
                   description: str, wordings: Mapping[str, WordingCopy]) -> None:
    """Check the whole project and its mapping first; then write the study in one go."""
    frame = protocol.frame(frame_id)
    mapping = read_code_map(codes_map, frame) if codes_map is not None else {}
    project = read_project(qdpx)
    plan = plan_import(project, protocol, frame, mapping, variant=variant, probe=probe)
    for skipped in plan.skipped:
        click.echo(visible(f"skipped: {skipped} (only plain-text sources are imported)"), err=True)
    if not plan.segments:
        texts = ", ".join(plan.uncoded_sources) or "none"
        raise TutError.at(qdpx, "", f"no coded text selection to import (text sources: {texts})",
                          "code answers in the QDA program first, or import its codebook with "
                          "'tut protocols import-codebook'")
    write_imported_study(target, name, protocol, plan, frame_id=frame.id, source=qdpx,
                         description=description, wordings=wordings)
    coders = ", ".join(f"{who} ({len(ev)} events)" for who, ev in plan.events.items()) or "none"
    click.echo(visible(f"Study '{name}' created in {target} from {qdpx}: {len(plan.segments)} "
                       f"segments, frame '{frame.id}', journals imported: {coders}."))
    if plan.uncoded_sources:
        click.echo(visible(f"note: text sources without coded selections: "
                           f"{', '.join(plan.uncoded_sources)}"), err=True)
    click.echo(f"Next: tut study status {name}")
