"""How a comparison dataset's table is built, as the spec says: light dataclasses only.

The spec keys ``table``, ``link``, ``episodes`` and ``derive`` of a dataset become an
:class:`Assembly`; :mod:`tut.microdata.assemble` does the work. This module imports no
data library, so loading a spec stays quick.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Source:
    """A file (and, for a hierarchical IPUMS extract, a record type) named in the spec."""

    file: Path
    table: str | None
    pointer: str

    @property
    def label(self) -> str:
        return f"{self.file.name} ({self.table})" if self.table else self.file.name

    def same_rows(self, other: Source) -> bool:
        return self.file == other.file and (self.table or "") == (other.table or "")


@dataclass(frozen=True)
class LinkSpec:
    source: Source
    keys: tuple[str, ...]
    pointer: str


@dataclass(frozen=True)
class EpisodeOutcome:
    name: str
    raw: dict[str, Any]
    """codes and where, as written."""
    pointer: str


@dataclass(frozen=True)
class EpisodesSpec:
    source: Source
    settings: dict[str, Any]
    """key, activity, duration | start/stop/day_start/cut, as written."""
    outcomes: tuple[EpisodeOutcome, ...]
    pointer: str
    who: Source | None = None
    """The who-was-there table (ATUS ``atuswho``) outcomes with ``with:`` need."""

    @property
    def keys(self) -> tuple[str, ...]:
        key = self.settings["key"]
        return (key,) if isinstance(key, str) else tuple(key)


@dataclass(frozen=True)
class DeriveSpec:
    name: str
    text: str
    pointer: str


@dataclass(frozen=True)
class Assembly:
    """How a dataset's table is built (the spec's file, table, link, episodes, derive)."""

    base: Source
    links: tuple[LinkSpec, ...] = ()
    episodes: EpisodesSpec | None = None
    derive: tuple[DeriveSpec, ...] = ()


def assembly_from_spec(raw: dict[str, Any], folder: Path, ptr: str) -> Assembly | None:
    """The dataset's assembly, or None when it is one plain file (the common case)."""
    if not any(k in raw for k in ("table", "link", "episodes", "derive")):
        return None
    base = Source(folder / raw["file"], raw.get("table"), ptr)
    links = tuple(
        LinkSpec(Source(folder / ln["file"], ln.get("table"), f"{ptr}/link/{j}"),
                 tuple([ln["keys"]] if isinstance(ln["keys"], str) else ln["keys"]),
                 f"{ptr}/link/{j}")
        for j, ln in enumerate(raw.get("link") or [])
    )
    episodes = None
    if "episodes" in raw:
        e = raw["episodes"]
        eptr = f"{ptr}/episodes"
        source = Source(folder / e["file"], e.get("table"), eptr) if "file" in e else \
            Source(base.file, e.get("table", base.table), eptr)
        settings = {k: v for k, v in e.items() if k not in ("file", "table", "outcomes")}
        outcomes = tuple(EpisodeOutcome(name, dict(o), f"{eptr}/outcomes/{name}")
                         for name, o in e["outcomes"].items())
        who = None
        if "who" in e:
            w = e["who"]
            who = Source(folder / w["file"], w.get("table"), f"{eptr}/who") if "file" in w else \
                Source(source.file, w.get("table", source.table), f"{eptr}/who")
        episodes = EpisodesSpec(source, settings, outcomes, eptr, who)
    derive = tuple(DeriveSpec(name, str(text), f"{ptr}/derive/{name}")
                   for name, text in (raw.get("derive") or {}).items())
    return Assembly(base, links, episodes, derive)
