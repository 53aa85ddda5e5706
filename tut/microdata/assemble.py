"""One analysis table from several sources: linked files, diary episodes, derived variables.

A comparison dataset is normally one file. Real time-use data need more: a respondent
file plus weights and roster files (:mod:`tut.microdata.linked`), minutes per respondent
summed from a diary (:mod:`tut.microdata.episodes`), and variables computed from others
(:mod:`tut.microdata.derive`). :func:`plan` checks everything the spec names against the
files' codebooks before any data is read and returns a combined codebook, so the
comparison stage sees one table whose variables it can check and read like a .sav's.
:func:`read` then reads only the columns needed, source by source.

When the episodes come from the dataset's own file (an IPUMS rectangular activity
extract, one row per episode with the person's variables repeated), the rows are reduced
to one per respondent, after checking that every variable used is the same on all of a
respondent's rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from tut.errors import TutError
from tut.messages import Message
from tut.microdata import diary
from tut.microdata.assembly_spec import Assembly, EpisodesSpec, Source
from tut.microdata.codebook import Codebook, Variable
from tut.microdata.derive import Derivation, DeriveError, check_columns, parse
from tut.microdata.derive import apply as apply_derive
from tut.microdata.episodes import EpisodeError, EpisodeRule, rule_from_mapping
from tut.microdata.linked import LinkError, Table, link
from tut.microdata.readers import read_codebook, read_columns

SpecError = Callable[[str, str, str], TutError]
"""``error(pointer, what, fix)``: a problem located at a key of the spec."""


@dataclass(frozen=True)
class Plan:
    """The combined codebook plus where each variable comes from."""

    assembly: Assembly
    codebook: Codebook
    books: dict[Source, Codebook]
    origin: dict[str, Source]
    """Variable -> the source it is read from (episode outcomes and derived: absent)."""
    rules: dict[str, EpisodeRule] = field(default_factory=dict)
    derivations: tuple[Derivation, ...] = ()


def _book(books: dict[Source, Codebook], src: Source, error: SpecError) -> Codebook:
    """A source's codebook, read once however many spec keys name the same file and table."""
    for known, book in books.items():
        if known.same_rows(src):
            books[src] = book
            return book
    if not src.file.is_file():
        raise error(f"{src.pointer}/file", f"data file {src.file} not found",
                    "the path is relative to the spec file; check it")
    books[src] = read_codebook(src.file, table=src.table, count_rows=False)
    return books[src]


def _need(book: Codebook, src: Source, name: str, pointer: str, error: SpecError) -> Variable:
    if name in book.variables:
        return book.variables[name]
    raise error(pointer, f"{src.label} has no variable {name!r}", book._hint(name))


def plan(assembly: Assembly, error: SpecError) -> Plan:
    """Check every name against the codebooks (no data read) and combine them."""
    books: dict[Source, Codebook] = {}
    _book(books, assembly.base, error)
    origin = {n: assembly.base for n in books[assembly.base].variables}
    for ln in assembly.links:
        book = _book(books, ln.source, error)
        for j, k in enumerate(ln.keys):
            _need(books[assembly.base], assembly.base, k, f"{ln.pointer}/keys/{j}", error)
            _need(book, ln.source, k, f"{ln.pointer}/keys/{j}", error)
        for n in book.variables:
            if n not in ln.keys:
                origin.setdefault(n, ln.source)
    variables = {n: books[s].variables[n] for n, s in origin.items()}
    rules: dict[str, EpisodeRule] = {}
    if assembly.episodes is not None:
        rules = _episode_rules(assembly, books, variables, error)
        for name, rule in rules.items():
            variables[name] = Variable(name=name, label=f"minutes of {_codes_text(rule)} (from episodes)",
                                       kind="numeric", format="F8.2")
    derivations = _derivations(assembly, variables, error)
    for d in derivations:
        variables[d.name] = Variable(name=d.name, label=d.text, kind="numeric", format="F8.2")
    base = books[assembly.base]
    book = dataclasses.replace(base, variables=variables, reader=f"{base.reader}, assembled")
    return Plan(assembly, book, books, origin, rules, derivations)


def _codes_text(rule: EpisodeRule) -> str:
    c = rule.codes
    parts = [str(x) for x in c.exact] + [f"{a}-{b}" for a, b in c.ranges] + [p + "*" for p in c.prefixes]
    return ", ".join(parts + list(c.texts))


def _episode_rules(assembly: Assembly, books: dict[Source, Codebook],
                   known: dict[str, Variable], error: SpecError) -> dict[str, EpisodeRule]:
    ep = assembly.episodes
    assert ep is not None
    book = _book(books, ep.source, error)
    s = ep.settings
    activity = _need(book, ep.source, s["activity"], f"{ep.pointer}/activity", error)
    width = _width(activity, book)
    for j, k in enumerate(ep.keys):
        _need(book, ep.source, k, f"{ep.pointer}/key" + (f"/{j}" if len(ep.keys) > 1 else ""), error)
        if not ep.source.same_rows(assembly.base):
            _need(books[assembly.base], assembly.base, k, f"{ep.pointer}/key", error)
    clock = "start" in s or "stop" in s
    if ("duration" in s) == clock or (clock and not ("start" in s and "stop" in s)):
        raise error(ep.pointer, "episodes need either duration, or both start and stop",
                    "give duration: a minutes variable, or start: and stop: clock times "
                    "(with day_start: '04:00' for ATUS)")
    for key in ("duration", "start", "stop"):
        if key in s:
            _need(book, ep.source, s[key], f"{ep.pointer}/{key}", error)
    _check_who(ep, books, error)
    rules = {}
    for o in ep.outcomes:
        if o.name in known:
            raise error(f"{o.pointer}", f"{o.name!r} is already a variable of the files",
                        "give the episode outcome a name of its own")
        for col in (o.raw.get("where") or {}):
            _need(book, ep.source, col, f"{o.pointer}/where/{col}", error)
        try:
            rules[o.name] = rule_from_mapping({**s, **o.raw}, width)
        except EpisodeError as exc:
            raise error(o.pointer, str(exc), "codes are like 010101, 030100-030399 or 0301*") from None
    return rules


def _check_who(ep: EpisodesSpec, books: dict[Source, Codebook], error: SpecError) -> None:
    """Outcomes with ``with:`` need the who table, its keys in both tables and its code."""
    wanted = [o for o in ep.outcomes if "with" in o.raw]
    if not wanted:
        return
    if ep.who is None:
        raise error(f"{wanted[0].pointer}/with", "with: needs the who table",
                    "add who: {file: atuswho.sav, keys: [TUCASEID, TUACTIVITY_N], column: "
                    "TUWHO_CODE} under episodes")
    w = ep.settings["who"]
    who_book = _book(books, ep.who, error)
    keys = [w["keys"]] if isinstance(w["keys"], str) else list(w["keys"])
    raw_who = w.get("who_keys") or keys
    who_keys = [raw_who] if isinstance(raw_who, str) else list(raw_who)
    if len(who_keys) != len(keys):
        raise error(f"{ep.who.pointer}/who_keys", f"{len(who_keys)} who_keys for {len(keys)} keys",
                    "name the who table's column for each key, in the same order")
    for j, k in enumerate(keys):
        _need(books[ep.source], ep.source, k, f"{ep.who.pointer}/keys/{j}", error)
        ptr = f"{ep.who.pointer}/who_keys/{j}" if "who_keys" in w else f"{ep.who.pointer}/keys/{j}"
        _need(who_book, ep.who, who_keys[j], ptr, error)
    _need(who_book, ep.who, w["column"], f"{ep.who.pointer}/column", error)


def _width(activity: Variable, book: Codebook) -> int:
    """Digits of a numeric activity code: a DDI's column width (``F6`` -> 6); other files'
    display formats are no guide (0: the episodes module uses the largest code)."""
    fmt = activity.format.upper()
    if book.format != "ddi":
        return 0
    if fmt.startswith("F") and fmt[1:].split(".")[0].isdigit():
        return int(fmt[1:].split(".")[0])
    return 0


def _derivations(assembly: Assembly, known: dict[str, Variable], error: SpecError) -> tuple[Derivation, ...]:
    out = []
    for d in assembly.derive:
        try:
            out.append(parse(d.name, d.text))
        except DeriveError as exc:
            raise error(d.pointer, _where(exc, d.text),
                        exc.fix or "see 'Derived variables' in the README") from None
    try:
        check_columns(out, list(known))
    except DeriveError as exc:
        bad = next(x for x in assembly.derive if exc.what.startswith(f"{x.name}:"))
        raise error(bad.pointer, _where(exc, bad.text), exc.fix) from None
    for spec_d in assembly.derive:
        if spec_d.name in known:
            raise error(spec_d.pointer, f"{spec_d.name!r} is already a variable of the files",
                        "give the derived variable a name of its own")
    return tuple(out)


def _where(exc: DeriveError, text: str) -> str:
    return f"{exc.what} (at character {exc.column} of {text!r})" if exc.column else exc.what


def _inputs(p: Plan, columns: Sequence[str]) -> set[str]:
    """File columns needed for ``columns`` (derived and episode variables expanded)."""
    need: set[str] = set()
    derived = {d.name: d for d in p.derivations}
    todo = list(columns)
    while todo:
        name = todo.pop()
        if name in need:
            continue
        need.add(name)
        if name in derived:
            todo += derived[name].columns
    return need


def read(p: Plan, columns: Sequence[str],
         missing: Mapping[str, Sequence[float | str]] | None = None) -> tuple[pl.DataFrame, tuple[Message, ...]]:
    """The table with ``columns``, plus notes for the user (joins, episodes, derive).

    ``missing`` (the spec's non-answer codes per variable) and the files' own declared
    missing codes make a derive input missing: a -2 "Don't know" never enters a sum."""
    a = p.assembly
    need = _inputs(p, columns)
    notes: list[Message] = []
    keys_needed = {k for ln in a.links for k in ln.keys}
    if a.episodes is not None:
        keys_needed |= set(a.episodes.keys)
    base_cols = [n for n in p.codebook.variables if p.origin.get(n) == a.base and (n in need or n in keys_needed)]
    ep = a.episodes
    used_rules = {n: r for n, r in p.rules.items() if n in need}
    who = _who(p, used_rules)
    if ep is not None and used_rules and ep.source.same_rows(a.base):
        person = [c for c in base_cols if c not in ep.keys]
        frame = diary.respondent_rows(p.books[a.base], list(ep.keys), person, used_rules,
                                      a.base.label, notes, who)
    else:
        frame = read_columns(a.base.file, base_cols, codebook=p.books[a.base])
        if ep is not None and used_rules:
            frame = diary.join_episodes(frame, p.books[ep.source], list(ep.keys), used_rules,
                                        (ep.source.label, a.base.label), notes, who)
    others = []
    for ln in a.links:
        cols = [n for n in p.books[ln.source].variables if p.origin.get(n) == ln.source and n in need]
        if not cols:
            continue
        data = read_columns(ln.source.file, list(ln.keys) + cols, codebook=p.books[ln.source])
        others.append(Table(str(ln.source.file), data, ln.keys))
    if others:
        try:
            frame, counts = link(Table(str(a.base.file), frame, others[0].keys), others)
        except LinkError as exc:
            raise TutError.at(exc.file, exc.place, exc.what, exc.fix) from None
        notes += [c.note() for c in counts]
    used = [d for d in p.derivations if d.name in need]
    if used:
        result = apply_derive(frame, used)
        frame = result.frame.with_columns(_non_answers_missing(p, frame, used, missing or {}))
        notes += [Message("microdata.derive-division-by-zero", {"name": n, "count": k})
                  for n, k in result.division_by_zero.items() if k]
        for d in used:
            k = int(frame[d.name].null_count())
            if k:
                notes.append(Message("microdata.derive-missing", {"name": d.name, "count": k}))
    return frame.select(list(columns)), tuple(notes)


def _who(p: Plan, rules: dict[str, EpisodeRule]) -> pl.DataFrame | None:
    """The who table's key and code columns, when a rule asks who was there."""
    ep = p.assembly.episodes
    presence = next((r.presence for r in rules.values() if r.presence is not None), None)
    if ep is None or ep.who is None or presence is None:
        return None
    cols = list(dict.fromkeys([*(presence.who_keys or presence.keys), presence.column]))
    return read_columns(ep.who.file, cols, codebook=p.books[ep.who])


def _non_answers_missing(p: Plan, frame: pl.DataFrame, used: Sequence[Derivation],
                         missing: Mapping[str, Sequence[float | str]]) -> list[pl.Expr]:
    """Each derived variable made missing where an input (directly or through an earlier
    derived variable) holds a declared or spec-listed non-answer code. ``fill`` cannot
    override this: it stands in for empty cells only, never for a "Don't know"."""
    bad: dict[str, pl.Expr] = {}
    for c in {c for d in used for c in d.columns if c in frame.columns}:
        var = p.codebook.variables.get(c)
        mask = var.missing_expr(c) if var is not None else pl.lit(False)
        extra = [float(x) for x in missing.get(c, ()) if not isinstance(x, str)]
        if extra and frame.schema[c].is_numeric():
            mask = mask | pl.col(c).is_in(extra).fill_null(False)
        bad[c] = mask
    out = []
    for d in used:
        parts = [bad[c] for c in d.columns if c in bad]
        if not parts:
            continue
        bad[d.name] = pl.any_horizontal(parts)
        out.append(pl.when(bad[d.name]).then(None).otherwise(pl.col(d.name)).alias(d.name))
    return out
