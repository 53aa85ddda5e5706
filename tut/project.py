"""Where a user's registry, protocols and studies live.

A *project folder* holds ``instruments/``, ``protocols/`` and ``coded_responses/``. Commands
take it from ``--project`` or the current directory. The wordings and protocols shipped with
tut are always available too: from ``tut/shipped/`` in an installed wheel, or from the top of
the source checkout in an editable install.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tut.errors import TutError
from tut.files import json_text, real_path, write_atomic

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
        """``coded_responses/`` (may be missing; a file of that name is a clear error)."""
        folder = self.root / "coded_responses"
        if folder.exists() and not folder.is_dir():
            raise TutError.at(folder, "", "is a file, but tut keeps its studies in a folder of this name",
                              "move the file away; 'tut init' makes the folder")
        return folder

    def registry_dirs(self, kind: str) -> list[Path]:
        """Shipped folder first, then the project's own (once, if they are the same)."""
        dirs = [shipped_dir(kind)]
        own = self.root / kind
        if own.is_dir() and all(own.resolve() != d.resolve() for d in dirs):
            dirs.append(own)
        return [d for d in dirs if d.is_dir()]

    def study_dir(self, name: str) -> Path:
        return self.studies_dir / name

    @property
    def is_project(self) -> bool:
        """A folder 'tut init' made (or one laid out by hand with tut's subfolders)."""
        return (self.root / MARKER).is_file() or any(
            (self.root / sub).is_dir() for sub in ("instruments", "protocols", "coded_responses"))

    def lookup_fix(self, fix: str) -> str:
        """The fix for an id or study not found here: outside a project only the shipped
        examples are visible, so say that first (the likely cause) and then ``fix``."""
        if self.is_project:
            return fix
        if self.root == Path.cwd().resolve():
            return f"you are not in a tut project folder: cd into it or pass --project DIR; otherwise {fix}"
        return f"{self.root} is not a tut project folder, it has no {MARKER}: pass the " \
            f"folder 'tut init' made; otherwise {fix}"

    def existing_study_dir(self, name: str) -> Path:
        """Study NAME's folder. Outside a project folder a name that holds no study is an
        error saying so (the study is most likely in the project); else the reader of the
        study names what is missing."""
        folder = self.study_dir(check_study_name(name))
        if not self.is_project and not (folder / STUDY_MARKS[0]).is_file():
            raise TutError.at(folder, "", "no study here",
                              self.lookup_fix("'tut study list' shows the studies"))
        return folder


STUDY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
STUDY_NAME_MAX = 100
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{i}" for d in ("com", "lpt") for i in range(1, 10)]
)
"""Names Windows reserves for devices, with any extension (``nul.txt`` is the device too)."""


def check_study_name(name: str, *, new: bool = False) -> str:
    """A study name names its folder: plain, short, and the same folder on every system
    (``new``: also no Windows device name or final dot, refused for new studies only, so
    a study made before these rules stays open)."""
    fix = f"use letters, digits, '.', '_' or '-', starting with a letter or digit, up to {STUDY_NAME_MAX}"
    if not isinstance(name, str):
        raise TutError.at("<study>", "", f"study name {name!r} is not text", fix)
    if len(name) > STUDY_NAME_MAX:
        raise TutError.at("<study>", "", f"study name is too long ({len(name)} characters: "
                          f"{name[:20]!r}...)", fix)
    if not STUDY_NAME.fullmatch(name) or (new and name.endswith(".")):
        raise TutError.at("<study>", "", f"study name {name!r} is not usable as a folder name", fix)
    if new and name.split(".")[0].casefold() in WINDOWS_DEVICES:
        raise TutError.at("<study>", "", f"study name {name!r} is a device name on Windows", fix)
    return name


def check_study_ref(ref: str) -> str:
    """A study given as a name or a folder path: refuse, before touching the disk, what no
    file system accepts (a part over 255 bytes raised a traceback)."""
    parts = Path(ref).parts
    long = next((p for p in parts if len(p.encode("utf-8")) > 255), None)
    if long is not None and len(parts) == 1:
        check_study_name(ref)
    if long is not None or len(ref.encode("utf-8")) > 4000:
        raise TutError.at("<study>", "", f"study folder path has a part too long for any file "
                          f"system ({(long or ref)[:20]!r}...)",
                          "give a study name from 'tut study list' or the path of a study folder")
    return ref


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


# --- outputs never land on a study's records -----------------------------------------------

STUDY_MARKS = ("study.json", "segments.jsonl")
"""Files that make a folder a study folder (see :mod:`tut.coding.study`)."""
OPEN_IN_STUDY = "exports"
"""The one folder of a study that outputs may be written into."""
WRITTEN_LOG = ".tut-written.json"
"""Per folder: SHA-256 of each generated file as tut last wrote it (name -> hex)."""

_pending: dict[Path, tuple[int, int, int] | None] = {}
"""Outputs checked with ``keep_edited`` in this process, with their state before writing."""


def _is_study_folder(folder: Path) -> bool:
    if any((folder / mark).is_file() for mark in STUDY_MARKS):
        return True
    return folder.parent.name.casefold() == "coded_responses" and (folder / "journals").is_dir()


def study_folder_holding(path: Path) -> Path | None:
    """The study folder ``path`` is in (or is), symlinks followed; None outside studies."""
    resolved = real_path(path)
    return next((f for f in (resolved, *resolved.parents) if _is_study_folder(f)), None)


def _state(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _written_log(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / WRITTEN_LOG).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def check_output(
    path: str | Path | None, *, force: bool | None = False, keep_edited: bool = False,
    option: str = "--out",
) -> Path | None:
    """The check every command that writes an output makes first (the guard of issue 13).

    Always refused, ``force`` or not: a path inside a study folder other than its
    ``exports/`` (journals, ``study.json``, segments, locks, recode samples are records),
    and a file with other names (hard links), which an in-place write would change too.
    With ``keep_edited``, an existing file is replaced only if tut wrote it and nobody
    changed it since (its SHA-256 is in ``.tut-written.json`` beside it), or with ``force``
    (None: the command has no --force). No path (an option not given) passes.
    """
    if path is None:
        return None
    path = Path(path)
    try:
        resolved = real_path(path)
        study = study_folder_holding(resolved)
        state = _state(resolved)
        links = resolved.stat().st_nlink if state is not None and resolved.is_file() else 1
    except OSError as exc:
        raise TutError.at(path, "", f"not usable as an output ({exc.strerror or exc})",
                          f"choose another {option}") from None
    if study is not None:
        inside = resolved.relative_to(study).parts
        if not inside or inside[0].casefold() != OPEN_IN_STUDY:
            shown = f" ({resolved})" if resolved != path.absolute() else ""
            raise TutError.at(
                path, "", f"is in study folder {study}{shown}, whose files are the study's records;"
                " tut never writes an output over them",
                f"choose another {option}, for example in {study / OPEN_IN_STUDY}")
    if links > 1:
        raise TutError.at(path, "", f"this file has {links - 1} other name(s) (hard links) that "
                          "writing it would change too", f"choose another {option}")
    if keep_edited and state is not None and resolved.is_file() and not force:
        if _written_log(resolved.parent).get(resolved.name) != _sha256(resolved):
            how = "add --force to replace it" if force is not None else "move it away"
            raise TutError.at(
                path, "", "exists, and tut has no record of writing it as it is now (edited since, or"
                " made another way); it is not overwritten", f"{how}, or choose another {option}")
    if keep_edited:
        _pending[resolved] = state
    return path


def check_not_input(out: Path | None, inputs: Iterable[Path], option: str = "--out") -> None:
    """Refuse an output that is one of the command's own inputs (the same file by any name):
    writing it would replace what the run reads, even a file tut wrote or with --force."""
    if out is None:
        return
    for given in inputs:
        try:
            same = os.path.samefile(out, given)
        except OSError:  # the output does not exist yet, or the input cannot be looked at
            continue
        if same:
            what = "this command reads this file" if Path(given) == Path(out) else \
                f"this is {given} by another name, which this command reads"
            raise TutError.at(out, "", f"{what}: writing the results there would replace it",
                              f"choose another {option}")


def check_outputs(
    folder: str | Path, names: tuple[str, ...], *, force: bool | None = False,
    keep_edited: bool = False,
) -> Path:
    """:func:`check_output` for a folder and each file a command writes into it."""
    folder = Path(folder)
    check_output(folder)
    for name in names:
        check_output(folder / name, force=force, keep_edited=keep_edited)
    return folder


def record_outputs() -> None:
    """Remember what this process wrote to outputs checked with ``keep_edited`` (called by
    the CLI when a command ends, also after a failure: what tut wrote is tut's)."""
    by_folder: dict[Path, dict[str, str]] = {}
    for path, before in list(_pending.items()):
        del _pending[path]
        if _state(path) in (None, before) or not path.is_file():
            continue
        by_folder.setdefault(path.parent, {})[path.name] = _sha256(path)
    for folder, hashes in by_folder.items():
        log = _written_log(folder)
        log.update(hashes)
        try:
            write_atomic(folder / WRITTEN_LOG, json_text(dict(sorted(log.items()))))
        except OSError:  # pragma: no cover - the outputs are written; only the memo is lost
            pass
