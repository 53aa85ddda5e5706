"""`tut study revise-frame`, `tut study training` and `tut study calibration`: the frame's
revisions during a study, and the practice round of new coders (added to `tut study`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tut.cli.common import Context, echo_json, json_option, pass_context
from tut.messages import plural
from tut.safe_text import visible

if TYPE_CHECKING:
    from pathlib import Path


def _study_dir(ctx: Context, name: str) -> Path:
    return ctx.project.existing_study_dir(name)


def _ids(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


@click.command("revise-frame")
@click.argument("name")
@click.option("--add", "add", metavar="CODE", help="Add a new code (with --label, --definition).")
@click.option("--retire", metavar="CODE", help="Retire a code: no longer given, old codes kept.")
@click.option("--merge", metavar="A,B", help="Merge these codes (with --into C).")
@click.option("--into", metavar="C", help="The code merged codes are read as (new or existing).")
@click.option("--relabel", metavar="CODE", help="Change a code's label, definition or hotkey.")
@click.option("--label", default="", help="Label of the new or relabelled code.")
@click.option("--definition", default="", help="Definition of the new or relabelled code.")
@click.option("--label-es", default="", help="Spanish label.")
@click.option("--definition-es", default="", help="Spanish definition.")
@click.option("--hotkey", default="", help="Hotkey of the new or relabelled code.")
@click.option("--family", default="", help="Family a new code goes under (default: the first).")
@click.option("--rationale", required=True, help="Why (kept with the revision, listed in the report).")
@click.option("--by", "by", default="", help="Who decided it (your name; kept with the revision).")
@json_option
@pass_context
def revise_frame_cmd(
    ctx: Context, name: str, add: str | None, retire: str | None, merge: str | None,
    into: str | None, relabel: str | None, label: str, definition: str, label_es: str,
    definition_es: str, hotkey: str, family: str, rationale: str, by: str, as_json: bool,
) -> None:
    """Revise the coding frame of study NAME: one step, a new frame version, with a rationale.

    Journals are never changed: codes given under a merged code are read as the code it was
    merged into; a retired code cannot be given any more but old codes stay readable.
    """
    from tut.coding.revise import revise_frame

    asked = [k for k, v in (("--add", add), ("--retire", retire), ("--merge", merge),
                            ("--relabel", relabel)) if v]
    if len(asked) != 1:
        raise click.UsageError("give one of --add, --retire, --merge A,B --into C, --relabel")
    if (merge is None) != (into is None):
        raise click.UsageError("--merge A,B goes with --into C")
    fields = {"label": label, "definition": definition, "label_es": label_es,
              "definition_es": definition_es, "hotkey": hotkey, "family": family}
    study_dir = _study_dir(ctx, name)
    if merge is not None and into is not None:
        rev, frame = revise_frame(study_dir, "merge", _ids(merge), rationale, into=into.strip(),
                                  fields=fields, by=by)
    elif add is not None:
        rev, frame = revise_frame(study_dir, "add", [add.strip()], rationale, fields=fields, by=by)
    elif retire is not None:
        rev, frame = revise_frame(study_dir, "retire", [retire.strip()], rationale, by=by)
    else:
        assert relabel is not None
        rev, frame = revise_frame(study_dir, "relabel", [relabel.strip()], rationale,
                                  fields=fields, by=by)
    if as_json:
        echo_json({"study": name, "frame_id": frame.id, "version": rev.version,
                   "change": rev.change, "codes": list(rev.codes), "into": rev.into,
                   "rationale": rev.rationale, "time": rev.time, "by": rev.by,
                   "retired": list(frame.retired), "merged_into": dict(frame.merged_into)})
        return
    click.echo(visible(f"Frame {frame.id} of study '{name}' is now version {rev.version}: "
                       f"{rev.describe().split(': ', 1)[1]}"))


@click.command("training")
@click.argument("name")
@click.option("--segments", "segment_ids", metavar="ID,...", help="The training segments, by id.")
@click.option("--sample", type=click.IntRange(min=1), metavar="N",
              help="Or draw N adjudicated segments at random.")
@click.option("--seed", type=int, default=1, show_default=True, help="Seed for --sample.")
@click.option("--force", is_flag=True, help="Replace the training set (practice codes are kept).")
@pass_context
def training_cmd(ctx: Context, name: str, segment_ids: str | None, sample: int | None, seed: int,
                 force: bool) -> None:
    """Choose the training set of study NAME for calibration ('tut code NAME --practice').

    Each segment needs reference codes: adjudicated, or agreed by every coder (two or more).
    """
    from tut.coding.practice import designate_training

    if (segment_ids is None) == (sample is None):
        raise click.UsageError("give --segments ID,... or --sample N (one of them)")
    chosen = designate_training(
        _study_dir(ctx, name), segment_ids=_ids(segment_ids) if segment_ids else None,
        sample=sample, seed=seed, force=force)
    how = "by id" if chosen.source == "segments" else f"drawn from adjudicated segments, seed {seed}"
    click.echo(visible(f"Training set of study '{name}': {plural(len(chosen.segments), 'segment')} ({how}), "
                       f"reference codes frozen at frame version {chosen.frame_version}."))
    click.echo(f"Next: tut code {name} --coder ID --practice")


@click.command("calibration")
@click.argument("name")
@json_option
@pass_context
def calibration_cmd(ctx: Context, name: str, as_json: bool) -> None:
    """Each trainee's agreement with the reference codes on study NAME's training set."""
    from tut.coding.practice import calibration, need_training, trainee_codes
    from tut.coding.study import open_study

    data = open_study(_study_dir(ctx, name))
    training = need_training(data.dir)
    rows = calibration(training, data.frame, trainee_codes(data))
    if as_json:
        echo_json({"study": name, "training_segments": len(training.segments),
                   "frame_version": data.frame.version,
                   "trainees": [{"coder": r.coder, "n": r.n, "agreed": r.agreed,
                                 "percent_agreement": r.percent, "kappa": r.kappa} for r in rows]})
        return
    click.echo(visible(f"Calibration study {name}: {len(training.segments)} training segments, "
                       f"frame version {data.frame.version}"))
    if not rows:
        click.echo(f"No practice codes yet: tut code {name} --coder ID --practice")
        return
    width = max(7, *(len(visible(r.coder)) for r in rows))
    click.echo(f"  {'Trainee'.ljust(width)}  {'n':>4}  {'agreed':>6}  {'percent':>7}  {'kappa':>6}")
    for r in rows:
        pct = "" if r.percent is None else f"{100 * r.percent:.1f}%"
        kappa = "–" if r.kappa is None else f"{r.kappa:.3f}"
        click.echo(visible(f"  {r.coder.ljust(width)}  {r.n:>4}  {r.agreed:>6}  {pct:>7}  {kappa:>6}"))
    click.echo("Percent agreement and Cohen's kappa with the reference on the training segments "
               "each trainee coded; a segment's set of codes is one category.")
