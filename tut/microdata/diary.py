"""Diary episodes summed onto respondent rows, read batch by batch.

:mod:`tut.microdata.episodes` sums one table of episodes; here the episodes are read from
their file and the sums meet the respondents. An episode-level file (an IPUMS rectangular
activity extract: one row per episode, the person's variables repeated) is streamed: each
batch is summed and reduced to one row per respondent, the respondent whose episodes run
on into the next batch is carried over, so memory holds one batch plus the per-respondent
results, never all episodes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tut.errors import TutError
from tut.messages import Message, plural
from tut.microdata.codebook import Codebook
from tut.microdata.episodes import EpisodeError, EpisodeRule, episode_minutes
from tut.microdata.linked import key_text
from tut.microdata.readers import iter_batches, read_columns

BATCH_ROWS = 1 << 18
"""Episodes per batch (about 20 MB of fixed-width text): small enough that memory stays
near the per-respondent results, large enough that per-batch costs vanish."""


@dataclass
class Tally:
    """What summing found, added up over batches, for the user's notes."""

    episodes: dict[str, int] = field(default_factory=dict)
    missing: dict[str, int] = field(default_factory=dict)
    unmatched: int = 0
    first_unmatched: str = ""

    def notes(self, source: str, base: str) -> list[Message]:
        out = []
        for name, n in self.episodes.items():
            key = "microdata.episode-summed" if n == 1 else "microdata.episodes-summed"
            out.append(Message(key, {"name": name, "count": n, "source": source}))
            if self.missing.get(name):
                out.append(Message("microdata.episode-no-duration",
                                   {"name": name, "count": self.missing[name]}))
        if self.unmatched:
            out.append(Message("microdata.episodes-unmatched", {
                "count": self.unmatched, "source": source, "base": base,
                "first": self.first_unmatched,
            }))
        return out


def _sum(file: Path, episodes: pl.DataFrame, rules: dict[str, EpisodeRule], keys: list[str],
         respondents: pl.DataFrame | None, tally: Tally, first_row: int,
         who: pl.DataFrame | None = None) -> pl.DataFrame:
    """Each rule's minutes per respondent, side by side; errors name the file's row."""
    out: pl.DataFrame | None = None
    for name, rule in rules.items():
        try:
            t = episode_minutes(episodes, rule, name, respondents, who)
        except EpisodeError as exc:
            place = f"row {first_row + exc.row + 1}" if exc.row is not None else ""
            raise TutError.at(file, place, exc.what,
                              "fix the diary, or the episodes settings in the spec") from None
        tally.episodes[name] = tally.episodes.get(name, 0) + t.episodes
        tally.missing[name] = tally.missing.get(name, 0) + t.missing_duration
        if name == next(iter(rules)):
            tally.unmatched += t.unmatched_keys
            tally.first_unmatched = tally.first_unmatched or t.first_unmatched
        out = t.frame if out is None else out.join(t.frame, on=keys, how="left", maintain_order="left")
    assert out is not None
    return out


def join_episodes(frame: pl.DataFrame, book: Codebook, keys: list[str],
                  rules: dict[str, EpisodeRule], labels: tuple[str, str],
                  notes: list[Message], who: pl.DataFrame | None = None) -> pl.DataFrame:
    """Episodes of another file summed onto the respondent rows (0 for those with none)."""
    respondents = frame.select(keys)
    dup = respondents.is_duplicated()
    if dup.any():
        i = int(dup.arg_true()[0])
        raise TutError.at(labels[1], f"row {i + 1}",
                          f"respondent {key_text(frame, keys, i)} appears on more than one row",
                          "episodes are summed per respondent: the respondent file needs one row each")
    cols = list(dict.fromkeys(c for r in rules.values() for c in r.columns))
    episodes = read_columns(book.path, cols, codebook=book)
    tally = Tally()
    totals = _sum(book.path, episodes, rules, keys, respondents, tally, 0, who)
    notes += tally.notes(*labels)
    return frame.join(totals, on=keys, how="left", maintain_order="left")


def _respondent_batches(book: Codebook, cols: list[str], keys: list[str]) -> Iterator[tuple[int, pl.DataFrame]]:
    """``(first row, rows)`` holding whole respondents: the last respondent of a batch is
    held back and joined to the next batch (its episodes may continue there)."""
    carry: pl.DataFrame | None = None
    done = 0
    for batch in iter_batches(book.path, cols, codebook=book, batch_rows=BATCH_ROWS):
        if carry is not None:
            batch = pl.concat([carry, batch], how="vertical")
        last = batch.select(keys).row(-1)
        tail = pl.all_horizontal([pl.col(k).eq_missing(v) for k, v in zip(keys, last, strict=True)])
        mask = batch.select(tail.alias("t"))["t"]
        carry = batch.filter(mask)
        whole = batch.filter(~mask)
        if whole.height:
            yield done, whole
            done += whole.height
    if carry is not None and carry.height:
        yield done, carry


def respondent_rows(book: Codebook, keys: list[str], person: list[str],
                    rules: dict[str, EpisodeRule], label: str, notes: list[Message],
                    who: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per respondent of an episode-level file: its person variables and sums."""
    cols = list(dict.fromkeys(keys + person + [c for r in rules.values() for c in r.columns]))
    tally = Tally()
    parts = []
    for first, rows in _respondent_batches(book, cols, keys):
        people = _people(book.path, rows, keys, person, first)
        parts.append(people.join(_sum(book.path, rows, rules, keys, None, tally, first, who),
                                 on=keys, how="left", maintain_order="left"))
    out = pl.concat(parts, how="vertical") if parts else \
        pl.DataFrame(schema={c: book.variables[c].dtype for c in keys + person})
    dup = out.select(pl.struct(keys).is_duplicated().alias("d"))["d"]
    if dup.any():
        i = int(dup.arg_true()[0])
        raise TutError.at(book.path, "",
                          f"the episodes of respondent {key_text(out, keys, i)} are not on "
                          "consecutive rows, so the respondent would be counted twice",
                          "sort the episode file by respondent (IPUMS and BLS files are)")
    notes += tally.notes(label, label)
    notes.append(Message("microdata.episode-rows", {"source": label, "count": out.height}))
    return out


def _people(file: Path, rows: pl.DataFrame, keys: list[str], person: list[str], first: int) -> pl.DataFrame:
    """One row per respondent, refusing a variable that differs between a respondent's
    episodes (it would not be a respondent variable)."""
    start = pl.any_horizontal([pl.col(k).ne_missing(pl.col(k).shift()) for k in keys])
    firsts = rows.select(start.alias("f"))["f"].fill_null(True)
    if firsts.sum() == rows.select(pl.struct(keys).n_unique()).item():
        # each respondent's episodes are contiguous (as IPUMS and BLS write them): compare
        # each episode with the one before it
        for c in person:
            differs = rows.select(pl.col(c).ne_missing(pl.col(c).shift()))[c].fill_null(False) & ~firsts
            if differs.any():
                n = int(rows.filter(differs).select(pl.struct(keys).n_unique()).item())
                _varies(file, rows, keys, c, int(differs.arg_true()[0]), n, first)
        return rows.filter(firsts).select(keys + person)
    varying = rows.group_by(keys).agg([pl.col(c).n_unique().alias(c) for c in person])
    for c in person:
        bad = varying.filter(pl.col(c) > 1)
        if bad.height:
            _varies(file, bad, keys, c, 0, bad.height, None)
    return rows.select(keys + person).unique(subset=keys, keep="first", maintain_order=True)


def _varies(file: Path, frame: pl.DataFrame, keys: list[str], column: str, row: int, n: int,
            first: int | None) -> None:
    place = f"row {first + row + 1}" if first is not None else ""
    raise TutError.at(file, place,
                      f"{column} differs between the episodes of respondent "
                      f"{key_text(frame, keys, row)} ({plural(n, 'respondent', spec=',')}), "
                      "so it is not a respondent variable",
                      "use respondent variables only (weights, sex, age ...), or link the "
                      "respondent file")
