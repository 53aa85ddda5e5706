"""The end-to-end demo: the bundled example study, synthetic microdata, agreement, comparison
and the report, in a project folder the user can then open and play with.

``tut demo --out DIR`` lays out DIR as a tut project, copies the ILLUSTRATIVE example study
into ``coded_responses/supervisory-care/``, writes SYNTHETIC split-ballot microdata into
``data/`` (``tut demo-data``), then writes ``agreement.json``, ``compare.json`` and the
report (``report/report.html``, ``.md``, ``.json``).

Re-running into the same folder never destroys work: the study (and any coding done in it
since), the data and any other file are kept as they are; only the derived outputs
(agreement, comparison, report) are rewritten from them. A folder that is not empty and was
not made by ``tut demo`` is refused.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tut.errors import TutError
from tut.examples import EXAMPLE_DIR, EXAMPLE_STUDY, EXAMPLE_STUDY_NAME
from tut.files import json_text, write_atomic
from tut.project import MARKER, check_outputs, init_project

DEMO_MARKER = ".tut-demo"
"""File that marks a folder made by ``tut demo`` (so a re-run may reuse it)."""
STEPS = ("project", "study", "microdata", "agreement", "comparison", "report")
Step = Callable[[str, str], None]
"""``step(name, detail)`` is called when a step starts (for a progress display)."""


@dataclass
class DemoResult:
    """What the demo made (or found and kept), for the summary the CLI prints."""

    root: Path
    study_dir: Path
    spec: Path
    report: dict[str, Path]
    agreement_json: Path
    compare_json: Path
    reused: list[str] = field(default_factory=list)
    """What was already there and kept (study, microdata)."""
    headline: str = ""
    frame_alpha: float | None = None
    frame_verdict: str = ""
    frame_line: str = ""
    """The frame's reliability said plainly (alpha, interval, verdict)."""
    findings: list[str] = field(default_factory=list)
    """One line per language: alternative vs the wording in use, and the finding."""
    micro_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Unadjudicated segments, adjudication conflicts, withdrawn respondents (counted)."""


def check_target(root: Path) -> bool:
    """True when ``root`` is a previous demo folder (reuse), False when empty or absent;
    a TutError when it holds something else."""
    if not root.exists():
        return False
    if not root.is_dir():
        raise TutError.at(root, "", "exists and is not a folder", "choose another --out")
    if (root / DEMO_MARKER).is_file():
        return True
    if any(root.iterdir()):
        raise TutError.at(
            root,
            "",
            "folder is not empty and was not made by 'tut demo'",
            "choose a new or empty folder for --out; nothing was changed here",
        )
    return False


def _copy_study(target: Path) -> None:
    """Copy the example study next to its final place, then rename (never half a study)."""
    tmp = target.with_name(f".{target.name}.copying-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(EXAMPLE_STUDY, tmp, ignore=shutil.ignore_patterns("*.lock", "__pycache__"))
    os.rename(tmp, target)


def run_demo(
    out: str | Path,
    *,
    step: Step | None = None,
    bootstrap: int = 1000,
    seed: int = 1,
    lang: str = "en",
) -> DemoResult:
    """Build (or refresh) the demo project in ``out``; see the module docstring."""
    from tut.coding.agreement import study_agreement
    from tut.coding.study import open_study
    from tut.compare.run import run_comparison
    from tut.compare.spec import load_spec
    from tut.microdata.demo_data import DEMO_FILES, write_demo_data
    from tut.report.build import build_report
    from tut.report.inputs import load_report_input
    from tut.report.phrases import (
        caveat_line,
        finding_title,
        frame_text,
        headline_text,
        micro_text,
        ordered_findings,
        variant_names,
    )
    from tut.report.write import FILES, write_report

    say = step or (lambda _name, _detail: None)
    root = Path(out)
    reuse = check_target(root)
    reused: list[str] = []

    say("project", f"laying out the project folder {root}")
    project = init_project(root)
    marker = root / DEMO_MARKER
    if not marker.exists():
        marker.write_text(
            "Made by 'tut demo'. Re-running 'tut demo' here keeps the study and "
            "data and rewrites the report.\n",
            encoding="utf-8",
        )

    say("study", "copying the example study (ILLUSTRATIVE interviews, 3 coders, adjudication)")
    study_dir = project.study_dir(EXAMPLE_STUDY_NAME)
    if (study_dir / "study.json").is_file():
        reused.append(f"study {study_dir} (with any coding done since)")
    elif study_dir.exists():
        raise TutError.at(
            study_dir,
            "",
            "a folder is in the way of the example study",
            "move it away, or use another --out",
        )
    else:
        _copy_study(study_dir)
    segments_copy = root / "data" / "supervisory-care-segments.csv"
    if not segments_copy.exists():
        shutil.copyfile(EXAMPLE_DIR / "segments.csv", segments_copy)

    say("microdata", "writing SYNTHETIC split-ballot microdata (tut demo-data)")
    data_dir = root / "data"
    spec_path = data_dir / "spec.yaml"
    if spec_path.is_file() and (data_dir / "demo.sav").is_file():
        reused.append(f"microdata in {data_dir}")
    else:
        check_outputs(data_dir, DEMO_FILES, keep_edited=True)  # so demo-data may refresh them later
        write_demo_data(data_dir)

    say("agreement", "inter-coder agreement (Krippendorff's alpha, bootstrap)")
    data = open_study(study_dir)
    agreement = study_agreement(
        data.segments, data.frame, data.codings(1), "code", bootstrap=bootstrap, seed=seed
    )
    agreement_json = root / "agreement.json"
    write_atomic(agreement_json, json_text(agreement.to_json()))

    say("comparison", "estimates per wording with 160 replicate weights")
    spec = load_spec(spec_path)
    comparison = run_comparison(spec)
    compare_json = root / "compare.json"
    write_atomic(compare_json, json_text(comparison.to_dict()))

    say("report", "writing the report (HTML, Markdown, JSON)")
    # as typed in the project folder: no path of this machine in the report
    command = (
        f"tut report {EXAMPLE_STUDY_NAME} --data data/spec.yaml --out report "
        f"--lang {lang} --bootstrap {bootstrap} --seed {seed}"
    )
    inputs = load_report_input(
        study_dir,
        project=project,
        spec_path=spec_path,
        comparison=comparison,
        bootstrap=bootstrap,
        seed=seed,
        command=command,
    )
    report = build_report(inputs)
    # the demo always rewrites its report (as it says); recorded, so 'tut report' may too
    check_outputs(root / "report", FILES, force=True, keep_edited=True)
    paths = write_report(report, root / "report", lang)  # type: ignore[arg-type]
    level = comparison.ci_level
    return DemoResult(
        root=root,
        study_dir=study_dir,
        spec=spec_path,
        report=paths,
        agreement_json=agreement_json,
        compare_json=compare_json,
        reused=reused if reuse else [],
        headline=headline_text(report, lang),  # type: ignore[arg-type]
        frame_alpha=report.agreement.overall.value,
        frame_verdict=report.agreement.overall.verdict,
        frame_line=frame_text(report, lang)[0],  # type: ignore[arg-type]
        findings=[
            finding_title(f, lang, report)  # type: ignore[arg-type]
            for f in ordered_findings(report, lang)  # type: ignore[arg-type]
        ],
        micro_lines=[
            micro_text(
                m,
                level,
                lang,  # type: ignore[arg-type]
                report.outcome_labels,
                variant_names(report, lang),  # type: ignore[arg-type]
            )
            for m in report.summary.microdata
        ],
        warnings=[
            caveat_line(k, p, lang, report)  # type: ignore[arg-type]
            for k, p in report.summary.warnings
        ],
    )


def is_project(root: Path) -> bool:
    return (root / MARKER).is_file()
