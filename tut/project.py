"""Where a user's registry, protocols and studies live.

A *project folder* holds ``instruments/``, ``protocols/`` and ``coded_responses/``. Commands
take it from ``--project`` or the current directory. The wordings and protocols shipped with
tut are always available too: from ``tut/shipped/`` in an installed wheel, or from the top of
the source checkout in an editable install.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tut.errors import TutError

PACKAGE_DIR = Path(__file__).resolve().parent
MARKER = "tut-project.yaml"
SUBFOLDERS = ("instruments", "protocols", "coded_responses", "data")


def shipped_dir(kind: str) -> Path:
    """Folder of the shipped ``instruments`` or ``protocols`` (wheel first, then checkout)."""
    in_wheel = PACKAGE_DIR / "shipped" / kind
    if in_wheel.is_dir():
        return in_wheel
    return PACKAGE_DIR.parent / kind


@dataclass(frozen=True)
class Project:
    """A project folder; its subfolders may be missing (nothing of that kind yet)."""

    root: Path

    @property
    def instruments_dir(self) -> Path:
        return self.root / "instruments"

    @property
    def protocols_dir(self) -> Path:
        return self.root / "protocols"

    @property
    def studies_dir(self) -> Path:
        return self.root / "coded_responses"

    def registry_dirs(self, kind: str) -> list[Path]:
        """Shipped folder first, then the project's own (once, if they are the same)."""
        dirs = [shipped_dir(kind)]
        own = self.root / kind
        if own.is_dir() and all(own.resolve() != d.resolve() for d in dirs):
            dirs.append(own)
        return [d for d in dirs if d.is_dir()]

    def study_dir(self, name: str) -> Path:
        return self.studies_dir / name


def find_project(start: str | Path | None = None) -> Project:
    """The project named by ``--project``, else the current directory."""
    root = Path(start) if start is not None else Path.cwd()
    if not root.exists():
        raise TutError.at(root, "", "project folder does not exist", f"run 'tut init {root}' first")
    return Project(root.resolve())


PROJECT_README = """\
# tut project

- `instruments/`: your wording variants (YAML, one file per instrument family).
  `tut instruments validate` checks them. The wordings shipped with tut are always available.
- `protocols/`: cognitive-interview protocols and coding frames (YAML).
- `coded_responses/`: one folder per study, with each coder's journal. Never edit journals by hand.
- `data/`: microdata (.sav/.dta) and comparison specs.

Run `tut --help` from this folder (or pass `--project DIR`).
"""

MARKER_TEXT = """\
# Marks a tut project folder. Commands run here (or with --project) use it.
tut_project: 1
"""


def init_project(root: str | Path) -> Project:
    """Lay out a project folder; existing files are never overwritten."""
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise TutError.at(root, "", "exists and is not a folder", "choose another path")
    root.mkdir(parents=True, exist_ok=True)
    for sub in SUBFOLDERS:
        (root / sub).mkdir(exist_ok=True)
    for name, text in ((MARKER, MARKER_TEXT), ("README.md", PROJECT_README)):
        target = root / name
        if not target.exists():
            target.write_text(text, encoding="utf-8")
    return Project(root.resolve())
