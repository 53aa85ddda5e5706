"""Coder ids and the files named after them (journal, lock, recode sample).

Part of the code store (:mod:`tut.coding.store`, which re-exports these names).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from tut.errors import TutError

JOURNALS = "journals"
CODER_ID_MAX = 64
"""Longest coder id, in characters."""
LEGACY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""Ids that named their files as they are before any name was allowed (kept working)."""
PLAIN_STEM = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
HASHED_STEM = re.compile(r".*-[0-9a-f]{10}")
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{i}" for d in ("com", "lpt") for i in range(1, 10)]
)
_JOINERS = "\u200c\u200d"  # zero-width (non-)joiner: part of how some names are written


def check_coder_id(coder: str) -> str:
    """A coder id is the person's name as they write it (``Ana María``, ``José``,
    ``O'Brien``); refused: empty, spaces at either end, control or direction characters,
    more than 64 characters. Returns it in Unicode NFC, so one name is one coder."""
    fix = f"use your name or initials, up to {CODER_ID_MAX} characters"
    if not isinstance(coder, str) or not coder.strip():
        raise TutError.at("<coder>", "", "coder id is empty", fix)
    name = unicodedata.normalize("NFC", coder)
    bad = next((c for c in name if c not in _JOINERS and unicodedata.category(c) in
                ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")), None)
    if bad is not None:
        raise TutError.at("<coder>", "", f"coder id {name!r} holds a control character "
                          f"(U+{ord(bad):04X})", fix)
    if name != name.strip():
        raise TutError.at("<coder>", "", f"coder id {name!r} starts or ends with a space", fix)
    if len(name) > CODER_ID_MAX:
        raise TutError.at("<coder>", "", f"coder id is too long ({len(name)} characters)", fix)
    return name


def coder_stem(coder: str) -> str:
    """The safe file name stem of a coder's files (journal, lock, recode sample): the id
    itself when it is already plain lower-case ASCII, else an ASCII slug plus a short hash
    of the id, so no two ids share a file, also where file names ignore case, and no id
    makes a path, a Windows device name (CON, NUL, COM1) or another coder's lock."""
    if PLAIN_STEM.fullmatch(coder) and not HASHED_STEM.fullmatch(coder) \
            and coder not in WINDOWS_DEVICES:
        return coder
    ascii_name = unicodedata.normalize("NFKD", coder).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:40].strip("-")
    return f"{slug or 'coder'}-{hashlib.sha256(coder.encode('utf-8')).hexdigest()[:10]}"


def coder_file(folder: Path, coder: str, suffix: str) -> Path:
    """``folder/<stem><suffix>`` for this coder: the file named by the plain id when one of
    exactly that name exists (made before ids could be any name), else :func:`coder_stem`."""
    folder, coder = Path(folder), unicodedata.normalize("NFC", coder)
    legacy = f"{coder}{suffix}"
    if LEGACY_ID.fullmatch(coder) and coder != coder_stem(coder):
        try:
            if legacy in os.listdir(folder):  # exact name, also where case is ignored
                return folder / legacy
        except OSError:
            pass
    return folder / f"{coder_stem(coder)}{suffix}"


def journal_path(study_dir: Path, coder: str) -> Path:
    """Where this coder's journal is (the one mapping from coder id to file)."""
    return coder_file(Path(study_dir) / JOURNALS, coder, ".jsonl")
