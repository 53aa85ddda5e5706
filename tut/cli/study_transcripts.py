"""`tut study segments --transcripts DIR --protocol P --out FILE`: transcripts to segments."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from tut.cli.common import Context, pass_context
from tut.coding.io_segments import KNOWN, csv_rows, jsonl_rows, segments_from_rows
from tut.coding.transcripts import read_transcripts
from tut.errors import TutError
from tut.files import replacing, spreadsheet_safe, write_durable
from tut.messages import plural
from tut.project import check_not_input, check_output
from tut.protocols.registry import protocols_for
from tut.safe_text import visible


def segments_text(rows: list[dict[str, str]], jsonl: bool) -> str:
    """The rows as a segments file: JSON Lines exactly, or CSV with spreadsheet-safe cells."""
    if jsonl:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    columns = [c for c in KNOWN if c != "segment_id"]
    columns += list(dict.fromkeys(k for r in rows for k in r if k not in columns))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([spreadsheet_safe(r.get(c, "")) for c in columns])
    return buffer.getvalue()


@click.command("segments")
@click.option("--transcripts", "folder", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of interview transcripts (.txt, .docx), one per interview.")
@click.option("--protocol", "protocol_id", required=True, help="Protocol id (variants and probes).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Segments file to write (.csv, or .jsonl to keep every answer exactly).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@pass_context
def segments_cmd(ctx: Context, folder: Path, protocol_id: str, out: Path, force: bool) -> None:
    """Turn transcripts marked with WORDING, PROBE, R:, I:, NOTE: and @respondent lines into
    a segments file to review, then import with 'tut study init --segments'."""
    protocol = protocols_for(ctx.project).get(protocol_id)
    found = read_transcripts(folder, protocol)
    if not found.rows:
        raise TutError(found.unplaced or [])
    check_not_input(out, found.files)
    if out.exists() and not force:
        raise TutError.at(out, "", "file exists, not overwritten", "use --force or another --out")
    check_output(out, force=force)
    jsonl = out.suffix.lower() == ".jsonl"
    text = segments_text(found.rows, jsonl)
    # what 'study init' will check, on the text about to be written: refused here, not later
    rows, problems = jsonl_rows(text, str(out)) if jsonl else csv_rows(
        text, str(out), variants=protocol.variants)
    problems += segments_from_rows(rows, protocol, str(out))[1]
    if problems:
        raise TutError(problems)
    out.parent.mkdir(parents=True, exist_ok=True)
    with replacing(out) as tmp:
        write_durable(tmp, text)
    click.echo(visible(f"Wrote {out}: {plural(len(found.rows), 'segment')} from {folder}"))
    for problem in found.unplaced:
        click.echo(visible(f"warning: {problem} (left out)"), err=True)
