"""`tut study` commands: create a study from interview segments, see how far it is, export it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tut.cli.common import Context, echo_json, journal_warnings, json_option, pass_context
from tut.errors import TutError
from tut.messages import plural
from tut.project import check_output
from tut.safe_text import visible

if TYPE_CHECKING:
    from tut.coding.model import WordingCopy
    from tut.coding.status import StudyStatus
    from tut.coding.study import StudyData


@click.group("study")
def group() -> None:
    """Coding studies: interview segments, coders' journals, status and export."""


def _open(ctx: Context, name: str) -> StudyData:
    from tut.coding.study import open_study

    return open_study(ctx.project.existing_study_dir(name))


@group.command("init")
@click.argument("name")
@click.option("--protocol", "protocol_id", required=True, help="Protocol id (see 'tut protocols list').")
@click.option(
    "--segments",
    "segments_file",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV or JSONL with respondent_id, interview_id, variant_id, probe_id, answer.",
)
@click.option("--from-qdpx", "qdpx_file", default=None, type=click.Path(path_type=Path),
              help="A REFI-QDA project instead: coded selections become segments, codings "
              "become coders' journals.")
@click.option("--codes", "codes_map", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="With --from-qdpx: YAML 'QDA code name: code-id' for codes named otherwise.")
@click.option("--variant", "qda_variant", default="",
              help="With --from-qdpx: the variant of selections that do not name one.")
@click.option("--probe", "qda_probe", default="",
              help="With --from-qdpx: the probe of selections that do not name one.")
@click.option("--frame", "frame_id", default=None, help="Coding frame id (default: the protocol's first).")
@click.option("--description", default="", help="One line saying what this study is for.")
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of the segments file when it is not UTF-8 (latin-1, windows-1252).")
@pass_context
def init_cmd(
    ctx: Context,
    name: str,
    protocol_id: str,
    segments_file: Path | None,
    qdpx_file: Path | None,
    codes_map: Path | None,
    qda_variant: str,
    qda_probe: str,
    frame_id: str | None,
    description: str,
    encoding: str,
) -> None:
    """Create study NAME under coded_responses/ from a segments file (or a REFI-QDA project)."""
    from tut.coding.study import check_study_name, create_study, read_segments

    check_study_name(name, new=True)
    project = ctx.project
    target = project.study_dir(name)
    if target.exists():
        raise TutError.at(target, "", f"study '{name}' already exists", "choose another name")
    try:
        from tut.protocols.registry import protocols_for
    except ImportError:  # pragma: no cover - only while the registry is being built
        raise TutError.at("protocols", "", "the protocols registry is not available") from None
    protocol = protocols_for(project).get(protocol_id)
    if frame_id is not None and frame_id not in {f.id for f in protocol.frames}:
        known = ", ".join(f.id for f in protocol.frames)
        raise TutError.at(
            protocol.source_file or "protocols", "", f"protocol '{protocol_id}' has no frame '{frame_id}'",
            f"frames: {known}",
        )
    if (segments_file is None) == (qdpx_file is None):
        raise TutError.at("study init", "", "give either --segments FILE or --from-qdpx FILE",
                          "one source of interview segments")
    if qdpx_file is None and (codes_map or qda_variant or qda_probe):
        raise TutError.at("study init", "", "--codes, --variant and --probe go with --from-qdpx",
                          "a segments file names its codes, variants and probes itself")
    wordings, note = _wordings(ctx, protocol.variants)
    if qdpx_file is not None:
        from tut.cli.study_qda import init_from_qdpx

        init_from_qdpx(target, name, protocol, qdpx_file, codes_map=codes_map, frame_id=frame_id,
                       variant=qda_variant, probe=qda_probe, description=description,
                       wordings=wordings)
        if note:
            click.echo(f"note: {note}", err=True)
        return
    assert segments_file is not None
    segments = read_segments(segments_file, protocol, encoding=encoding)
    study = create_study(
        target, name, protocol, segments, frame_id=frame_id, description=description,
        segments_source=str(segments_file), wordings=wordings,
    )
    click.echo(
        f"Study '{name}' created in {target}: {plural(study.segment_count, 'segment')}, "
        f"{plural(len(study.variants), 'variant')}, frame '{study.frame_id}'."
    )
    if note:
        click.echo(f"note: {note}", err=True)
    click.echo(f"Next: tut code {name} --coder YOUR_ID")


def _wordings(ctx: Context, variant_ids: tuple[str, ...]) -> tuple[dict[str, WordingCopy], str]:
    """Frozen copies of the tested wordings; a broken registry only costs the copy."""
    from tut.coding.study import wording_copies

    try:
        from tut.instruments.registry import registry_for

        registry = registry_for(ctx.project)
    except (ImportError, TutError) as exc:
        return {}, f"wordings not copied into the study ({str(exc).splitlines()[0]})"
    out = wording_copies(registry.variants, variant_ids)
    missing = [v for v in variant_ids if v not in out]
    return out, (f"no wording found for {', '.join(missing)}" if missing else "")


@group.command("list")
@json_option
@pass_context
def list_cmd(ctx: Context, as_json: bool) -> None:
    """Studies in this project."""
    from tut.coding.study import STUDY_FILE, open_study

    root = ctx.project.studies_dir
    # a study.json that is a folder, a pipe or a broken link: named by open_study, not left out
    names = sorted(p.name for p in root.glob("*") if os.path.lexists(p / STUDY_FILE)) if root.is_dir() else []
    rows: list[dict[str, Any]] = []
    for name in names:
        data = open_study(root / name)
        rows.append({"name": name, "protocol": data.study.protocol_id, "segments": len(data.segments),
                     "coders": data.coders, "created": data.study.created})
    if as_json:
        echo_json(rows)
        return
    if not rows and not ctx.project.is_project:
        click.echo("No studies: " + ctx.project.lookup_fix(
            "create one with: tut study init NAME --protocol ID --segments FILE"))
    elif not rows:
        click.echo("No studies yet. Create one with: tut study init NAME --protocol ID --segments FILE")
    for r in rows:
        click.echo(visible(f"{r['name']}  {r['protocol']}  {plural(r['segments'], 'segment')}  "
                           f"coders: {', '.join(r['coders']) or '-'}"))


@group.command("status")
@click.argument("name")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="Language of the lines (--json stays in English).")
@json_option
@pass_context
def status_cmd(ctx: Context, name: str, lang: str, as_json: bool) -> None:
    """How far study NAME is: progress per coder, disagreements, adjudications."""
    from tut.coding.status import study_status

    data = _open(ctx, name)
    status = study_status(data)
    if as_json:
        echo_json(status.to_json())
        return
    for line in _status_lines(status, lang):
        click.echo(visible(line))
    journal_warnings(data, lang)


def _status_lines(status: StudyStatus, lang: str) -> list[str]:
    """`tut study status` in ``lang``: the study, its coders' progress, disagreements."""
    from rich.cells import cell_len

    from tut.messages import text

    n = status.segments
    version = text("cli.status-version", lang, version=status.frame_version) \
        if status.frame_version > 1 else ""
    out = [
        text("cli.status-heading", lang, name=status.name, protocol=status.protocol_id,
             frame=status.frame_id, version=version,
             mode=text(f"cli.status-mode-{status.frame_mode}", lang)),
        text("cli.status-segments", lang, segments=n, variants=len(status.variants),
             probes=len(status.probes)),
    ]
    if not status.coders:
        out.append(text("cli.status-no-coders", lang))
    else:
        width = max(cell_len(visible(c.coder)) for c in status.coders)
        out.append(text("cli.status-coders", lang))
        for c in status.coders:
            pct = 100 * c.coded / n if n else 0.0
            who = visible(c.coder)  # padded by screen columns: 李 takes two
            line = f"  {who}{' ' * (width - cell_len(who))}  {c.coded:>6} / {n}  {pct:5.1f}%"
            if c.last:
                line += "  " + text("cli.status-last", lang,
                                    time=c.last[:16].replace("T", " "))
            if c.recode_assigned:
                line += "  " + text("cli.status-recode", lang, done=c.recoded,
                                    assigned=c.recode_assigned)
            out.append(line)
    out.append(text("cli.status-double-coded", lang, count=status.double_coded))
    out.append(text("cli.status-disagreements", lang, count=status.disagreements,
                    adjudicated=status.adjudicated, open=status.open_disagreements))
    if status.withdrawn_respondents:
        out.append(text("cli.status-withdrawn", lang, respondents=status.withdrawn_respondents,
                        segments=status.withdrawn_segments))
    if status.adjudicated_by:
        by = ", ".join(f"{who} {k}" for who, k in sorted(status.adjudicated_by.items()))
        out.append(text("cli.status-adjudicated-by", lang, who=by))
    if status.conflicts:
        out.append(text("cli.status-conflicts", lang, count=status.conflicts))
        for conflict in status.conflict_list:
            said = "; ".join(f"{who}: {', '.join(codes)}"
                             for who, codes in conflict.decisions.items())
            out.append(f"  {conflict.segment_id}  {said}")
    return out


@group.command("export")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["csv", "sav", "dta", "jsonl", "qdpx", "qdc"]),
              required=True, help="qdpx: a REFI-QDA project (NVivo, MAXQDA, ATLAS.ti, QualCoder); "
              "qdc: its codebook alone.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: coded_responses/NAME/exports/NAME.FORMAT).")
@click.option("--code-level", is_flag=True, help="One row per segment x code, one 0/1 column per coder.")
@click.option("--round", "round_", type=click.IntRange(1, 9), default=1, show_default=True,
              help="2 exports the blind recodes (intra-coder reliability).")
@click.option("--force", is_flag=True, help="Overwrite an existing export.")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="Language of the variable and value labels.")
@pass_context
def export_cmd(
    ctx: Context, name: str, fmt: str, out: Path | None, code_level: bool, round_: int, force: bool,
    lang: str,
) -> None:
    """Write a units x coders table of study NAME (value labels in .sav/.dta)."""
    from tut.coding.export import codebook_path, export_study

    data = _open(ctx, name)
    if fmt in ("qdpx", "qdc"):
        _export_qda(data, fmt, out, force, lang)
        return
    if out is None:
        stem = name + ("-codes" if code_level else "") + (f"-round{round_}" if round_ > 1 else "")
        out = data.dir / "exports" / f"{stem}.{fmt}"
    check_output(out, force=force)
    written = export_study(data, fmt, out, round=round_, code_level=code_level, force=force, lang=lang)  # type: ignore[arg-type]
    if round_ == 1:
        what = f"{plural(len(data.segments), 'segment')}, coders: {', '.join(data.coders) or 'none'}"
    else:
        again = data.codings(round_)
        units = {sid for state in again.values() for sid in state}
        what = (
            f"{plural(len(units), 'segment')} recoded in round {round_} next to round 1, "
            f"coders: {', '.join(again) or 'none'}"
        )
    click.echo(visible(f"Wrote {written} ({what})"))
    if fmt == "dta":
        click.echo(f"Full variable labels (Stata keeps 80 characters): {codebook_path(written)}")
    journal_warnings(data, lang)


def _export_qda(data: StudyData, fmt: str, out: Path | None, force: bool, lang: str) -> None:
    from tut.coding.qdpx_export import write_qda
    from tut.coding.store import now_iso

    out = out or data.dir / "exports" / f"{data.name}.{fmt}"
    check_output(out, force=force)
    written = write_qda(data, fmt, out, created=now_iso(), force=force)
    what = (f"{plural(len(data.segments), 'segment')}, coders: {', '.join(data.coders) or 'none'}"
            if fmt == "qdpx" else f"codebook of frame {data.frame.id}")
    click.echo(visible(f"Wrote {written} ({what})"))
    journal_warnings(data, lang)


@group.command("recode")
@click.argument("name")
@click.option("--coder", required=True, help="Coder whose own earlier segments are drawn.")
@click.option("--n", "n", type=click.IntRange(min=1), required=True, help="How many segments.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed (reproducible draws).")
@click.option("--force", is_flag=True, help="Replace an earlier sample (round-2 codes are kept).")
@pass_context
def recode_cmd(ctx: Context, name: str, coder: str, n: int, seed: int, force: bool) -> None:
    """Draw a blind recode sample of CODER's earlier segments (intra-coder reliability)."""
    from tut.coding.study import assign_recode

    ids = assign_recode(_open(ctx, name), coder, n, seed, force=force)
    click.echo(f"{plural(len(ids), 'segment')} drawn for {visible(coder)} to recode blind (round 2, "
               f"seed {seed}).")


@group.command("add")
@click.argument("name")
@click.option(
    "--segments",
    "segments_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV or JSONL of the new interviews, with the columns of 'study init'.",
)
@click.option("--encoding", default="utf-8", show_default=True,
              help="Encoding of the segments file when it is not UTF-8 (latin-1, windows-1252).")
@pass_context
def add_cmd(ctx: Context, name: str, segments_file: Path, encoding: str) -> None:
    """Add interviews to study NAME (checked as 'study init' does; all or nothing)."""
    from tut.coding.grow import add_segments

    study_dir = ctx.project.existing_study_dir(name)
    added = add_segments(study_dir, segments_file, encoding=encoding, wordings=lambda ids: _wordings(ctx, ids)[0])
    more = f"; new variants: {', '.join(added.new_variants)}" if added.new_variants else ""
    click.echo(f"Added {plural(added.segments, 'segment')} to study '{name}': "
               f"{plural(added.total, 'segment')} now{more}.")


@group.command("withdraw")
@click.argument("name")
@click.option("--respondent", "respondent_id", required=True, help="Respondent id as in the segments file.")
@click.option("--reason", required=True, help="Why (kept with the time in withdrawals.json).")
@pass_context
def withdraw_cmd(ctx: Context, name: str, respondent_id: str, reason: str) -> None:
    """Record that a respondent withdrew consent: their answers and codes leave exports,
    agreement, status and the report; the coders' journals are kept as they are."""
    from tut.coding.grow import withdraw_respondent

    w = withdraw_respondent(ctx.project.existing_study_dir(name), respondent_id, reason)
    click.echo(visible(
        f"Respondent '{respondent_id}' withdrawn from study '{name}' ({plural(len(w.segments), 'segment')}) "
        f"at {w.time[:16].replace('T', ' ')} UTC: {w.reason}"
    ))


def _frame_and_practice_commands() -> None:
    """The frame-revision and calibration commands live in tut.cli.study_frame, the
    transcripts-to-segments command in tut.cli.study_transcripts."""
    from tut.cli.study_frame import calibration_cmd, revise_frame_cmd, training_cmd
    from tut.cli.study_transcripts import segments_cmd

    for command in (revise_frame_cmd, training_cmd, calibration_cmd, segments_cmd):
        group.add_command(command)


_frame_and_practice_commands()
