"""Diary episodes to respondent outcomes: minutes per respondent in chosen activities.

A time diary is one row per episode (ATUS activity file, IPUMS activity records). A
wording comparison needs one number per respondent, e.g. minutes of personal care or of
secondary childcare. :func:`episode_minutes` selects episodes by activity code (lists,
ranges ``030100-030399`` and prefixes ``0301*``) and by conditions on other episode
columns, takes each episode's duration (a variable, or start and stop clock times on a
diary day that starts e.g. at 04:00 and is cut at 24 hours), and sums per respondent,
giving 0 to respondents with no such episode and a missing value to those with an episode
whose duration is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

DAY = 1440


class EpisodeError(ValueError):
    """Bad episode data or rule; the caller locates it (spec key, data file and key).

    ``row`` is the 0-based row of the episode table at fault (None: not about one row)."""

    def __init__(self, what: str, row: int | None = None) -> None:
        super().__init__(what if row is None else f"row {row + 1}: {what}")
        self.what, self.row = what, row


@dataclass(frozen=True)
class CodeSet:
    """Activity codes as a user writes them: ``010101``, ``030100-030399``, ``0301*``."""

    exact: tuple[int, ...]
    ranges: tuple[tuple[int, int], ...]
    prefixes: tuple[str, ...]
    texts: tuple[str, ...]
    """Non-numeric codes, matched as text."""
    width: int
    """Digits of a code, as written (``0301*`` needs to know codes have 6)."""

    @classmethod
    def parse(cls, items: Sequence[str | int | float], width: int = 0) -> CodeSet:
        """Parse code items; raises EpisodeError naming the item that is not a code."""
        exact: list[int] = []
        ranges: list[tuple[int, int]] = []
        prefixes: list[str] = []
        texts: list[str] = []
        widths = [width] if width else []
        for item in items:
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                raise EpisodeError(f"{item!r} is not an activity code")
            text = str(int(item)) if isinstance(item, float) and item.is_integer() else str(item).strip()
            if m := re.fullmatch(r"(\d+)\s*-\s*(\d+)", text):
                lo, hi = int(m.group(1)), int(m.group(2))
                if lo > hi:
                    raise EpisodeError(f"range {text!r} runs backwards")
                ranges.append((lo, hi))
                widths += [len(m.group(1)), len(m.group(2))]
            elif m := re.fullmatch(r"(\d+)\*", text):
                prefixes.append(m.group(1))
            elif text.isdigit():
                exact.append(int(text))
                if not isinstance(item, (int, float)):
                    widths.append(len(text))
            elif text and "*" not in text and "-" not in text:
                texts.append(text)
            else:
                raise EpisodeError(f"{text!r} is not a code, a range 030100-030399 or a prefix 0301*")
        w = max(widths, default=0)
        too_long = [p for p in prefixes if len(p) > w]
        if too_long and w:
            raise EpisodeError(f"prefix {too_long[0]}* is longer than the codes ({w} digits)")
        return cls(tuple(exact), tuple(ranges), tuple(prefixes), tuple(texts), w)

    def matches(self, column: pl.Expr, dtype: pl.DataType, width: int = 0) -> pl.Expr:
        """True where the column's code is in the set (null codes never match).

        Numeric codes lose their leading zeros, so a prefix is matched as a range of numbers
        of ``self.width`` digits (else ``width``: the caller's guess from the largest code;
        ATUS: 6), e.g. ``0301*`` of 6 digits is 30100-30199.
        """
        if dtype.is_numeric():
            number = column.cast(pl.Int64, strict=False)
            text = None
            digits = self.width or width
            ranges = list(self.ranges)
            for p in self.prefixes:
                scale = 10 ** max(digits - len(p), 0)
                ranges.append((int(p) * scale, (int(p) + 1) * scale - 1))
        else:
            text = column.cast(pl.String).str.strip_chars()
            number = text.cast(pl.Int64, strict=False)
            if self.width:
                text = pl.when(number.is_not_null()).then(text.str.zfill(self.width)).otherwise(text)
            ranges = list(self.ranges)
        hit = pl.lit(False)
        if self.exact:
            hit = hit | number.is_in(list(self.exact))
        for lo, hi in ranges:
            hit = hit | number.is_between(lo, hi)
        if text is not None:
            for p in self.prefixes:
                hit = hit | text.str.starts_with(p)
            if self.texts:
                hit = hit | text.is_in(list(self.texts))
        return hit.fill_null(False)

    def needs_width(self, dtype: pl.DataType) -> bool:
        return bool(self.prefixes) and not self.width and dtype.is_numeric()


def code_width(values: pl.Series) -> int:
    """Digits of the largest code in a numeric column (0 when it has none)."""
    top = values.cast(pl.Int64, strict=False).abs().max()
    return len(str(top)) if isinstance(top, int) else 0


_COMPARE = re.compile(r"\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*")


@dataclass(frozen=True)
class Condition:
    """A condition on another episode column: codes (like activities) or ``> 0``."""

    column: str
    codes: CodeSet | None
    op: str = ""
    value: float = 0.0

    @classmethod
    def parse(cls, column: str, raw: str | int | float | Sequence[str | int | float]) -> Condition:
        if isinstance(raw, str) and (m := _COMPARE.fullmatch(raw)):
            return cls(column, None, m.group(1), float(m.group(2)))
        items = [raw] if isinstance(raw, (str, int, float)) else list(raw)
        return cls(column, CodeSet.parse(items))

    def expr(self, dtype: pl.DataType, values: pl.Series) -> pl.Expr:
        col = pl.col(self.column)
        if self.codes is not None:
            width = code_width(values) if self.codes.needs_width(dtype) else 0
            return self.codes.matches(col, dtype, width)
        number = col.cast(pl.Float64, strict=False)
        ops = {">": number > self.value, ">=": number >= self.value, "<": number < self.value,
               "<=": number <= self.value, "==": number == self.value, "!=": number != self.value}
        return ops[self.op].fill_null(False)


@dataclass(frozen=True)
class Clock:
    """Durations from start and stop clock times on a diary day."""

    start: str
    stop: str
    day_start: int = 240
    """Minutes after midnight the diary day starts (ATUS: 04:00)."""
    cut: int = DAY
    """The diary ends this many minutes after day_start; longer last episodes are cut."""


@dataclass(frozen=True)
class Presence:
    """Who was there: an episode counts when its rows in a "who" table (one row per person
    present, e.g. ATUS ``atuswho``, keyed by case and activity number) include a code."""

    keys: tuple[str, ...]
    """Columns that identify an episode, in both tables (``TUCASEID``, ``TUACTIVITY_N``)."""
    column: str
    """The who table's relationship code (``TUWHO_CODE``)."""
    codes: CodeSet
    who_keys: tuple[str, ...] = ()
    """The same keys as the who table names them, when it names them differently (IPUMS
    who records: ``CASEID``, ``ACTLINEW`` for the episode's ``CASEID``, ``ACTLINE``)."""


@dataclass(frozen=True)
class EpisodeRule:
    """Which episodes count towards one respondent outcome, and how long each lasts."""

    key: tuple[str, ...]
    activity: str
    codes: CodeSet
    duration: str | Clock
    """A minutes variable, or start/stop clock times."""
    conditions: tuple[Condition, ...] = ()
    presence: Presence | None = None

    @property
    def columns(self) -> list[str]:
        """Episode columns needed (read only these)."""
        cols = [*self.key, self.activity]
        if isinstance(self.duration, Clock):
            cols += [self.duration.start, self.duration.stop]
        else:
            cols.append(self.duration)
        cols += [c.column for c in self.conditions]
        if self.presence is not None:
            cols += list(self.presence.keys)
        return list(dict.fromkeys(cols))


def parse_clock(text: str) -> int:
    """``04:00`` or ``4:00:00`` -> minutes after midnight (for day_start)."""
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*", text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise EpisodeError(f"{text!r} is not a clock time HH:MM")
    return int(m.group(1)) * 60 + int(m.group(2))


def clock_minutes(series: pl.Series) -> pl.Series:
    """Minutes after midnight of clock times: text ``HH:MM[:SS]``, Time, or Duration.

    Text that is not a clock time becomes null (the caller reports it)."""
    if series.dtype == pl.Time:
        return series.dt.hour().cast(pl.Float64) * 60 + series.dt.minute() + series.dt.second() / 60
    if isinstance(series.dtype, pl.Duration):
        return series.dt.total_seconds(fractional=True) / 60
    if series.dtype.is_numeric():
        return series.cast(pl.Float64)
    text = series if series.dtype == pl.String else series.cast(pl.String)
    want = text.null_count()
    out: pl.Series | None = None
    for attempt in range(2):  # as written, then without surrounding blanks
        if attempt:
            text = text.str.strip_chars()
        for fmt in ("%H:%M:%S", "%H:%M"):  # the common fixed formats, parsed natively
            # a Time is nanoseconds since midnight
            mins = text.str.to_time(fmt, strict=False).to_physical() / 60e9
            out = mins if out is None else out.fill_null(mins)
            if out.null_count() == want:
                return out.alias(series.name)
    assert out is not None
    return out.alias(series.name)


def _durations(frame: pl.DataFrame, rule: EpisodeRule) -> pl.DataFrame:
    """Adds ``__minutes``: each episode's length within the diary day."""
    d = rule.duration
    if not isinstance(d, Clock):
        return frame.with_columns(pl.col(d).cast(pl.Float64, strict=False).alias("__minutes"))
    out = frame.with_columns(clock_minutes(frame[d.start]).alias("__start"),
                             clock_minutes(frame[d.stop]).alias("__stop"))
    out = out.with_columns(
        ((pl.col("__start") - d.day_start) % DAY).alias("__offset"),
        ((pl.col("__stop") - pl.col("__start")) % DAY).alias("__length"),
    )
    _check_clock(out, rule, d)
    end = pl.min_horizontal(pl.col("__offset") + pl.col("__length"), pl.lit(float(d.cut)))
    return out.with_columns((end - pl.col("__offset")).clip(lower_bound=0).alias("__minutes"))


def _check_clock(frame: pl.DataFrame, rule: EpisodeRule, d: Clock) -> None:
    """Clock text must parse; only a respondent's last episode may run past the diary end
    (across midnight and 04:00); an earlier one whose stop is before its start is an error."""
    for col, name in (("__start", d.start), ("__stop", d.stop)):
        bad = frame[col].is_null() & frame[name].is_not_null()
        if bad.any():
            i = int(bad.arg_true()[0])
            raise EpisodeError(f"{name} {frame[name][i]!r} is not a clock time HH:MM"
                               + _key_text(frame, rule, i), i)
    late = frame.select((pl.col("__offset") + pl.col("__length")) > d.cut).to_series().fill_null(False)
    if not late.any():
        return
    keys = list(rule.key)
    # Diaries list a respondent's episodes in time order: a late episode on the last row of
    # its respondent is fine. Anything else is checked exactly, against the latest start.
    next_differs = pl.any_horizontal([pl.col(k).ne_missing(pl.col(k).shift(-1)) for k in keys])
    same_as_prev = pl.all_horizontal([pl.col(k).eq_missing(pl.col(k).shift()) for k in keys])
    backwards = same_as_prev & (pl.col("__offset") < pl.col("__offset").shift())
    checks = frame.select(next_differs.fill_null(True).alias("last"),
                          backwards.fill_null(False).alias("back"))
    if not checks["back"].any() and not (late & ~checks["last"]).any():
        return
    last = pl.col("__offset") == pl.col("__offset").max().over(keys)
    wrong = late & ~frame.select(last).to_series().fill_null(False)
    if wrong.any():
        i = int(wrong.arg_true()[0])
        raise EpisodeError(
            f"the episode stops ({frame[d.stop][i]}) before it starts "
            f"({frame[d.start][i]}) and is not the last of the diary day" + _key_text(frame, rule, i), i)


def _key_text(frame: pl.DataFrame, rule: EpisodeRule, i: int) -> str:
    return ", " + ", ".join(f"{k} {_show(frame[k][i])}" for k in rule.key)


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class EpisodeTotals:
    """Minutes per respondent, plus what the user must be told."""

    frame: pl.DataFrame
    """Key columns and the outcome column, one row per respondent."""
    episodes: int
    """Episodes that matched the codes and conditions."""
    missing_duration: int
    """Respondents whose total is missing because a matched episode had no duration."""
    unmatched_keys: int
    """Respondents of the episode table missing from the respondent table (left out)."""
    first_unmatched: str = ""
    """The first of them (``CASEID 20160101160045``), for the user to look up."""


def present(episodes: pl.DataFrame, who: pl.DataFrame, presence: Presence) -> pl.Series:
    """True for each episode with a row of ``who`` whose code is in the presence's codes."""
    keys = list(presence.keys)
    if presence.who_keys:
        who = who.rename({w: k for w, k in zip(presence.who_keys, keys, strict=True) if w != k})
    dtype = who.schema[presence.column]
    width = code_width(who[presence.column]) if presence.codes.needs_width(dtype) else 0
    hits = who.filter(presence.codes.matches(pl.col(presence.column), dtype, width)).select(keys)
    casts = [pl.col(k).cast(episodes.schema[k], strict=False) for k in keys
             if hits.schema[k] != episodes.schema[k]]
    hits = hits.with_columns(casts).unique().with_columns(pl.lit(True).alias("__present"))
    flags = episodes.select(keys).join(hits, on=keys, how="left", maintain_order="left")
    return flags["__present"].fill_null(False)


def episode_minutes(
    episodes: pl.DataFrame,
    rule: EpisodeRule,
    name: str,
    respondents: pl.DataFrame | None = None,
    who: pl.DataFrame | None = None,
) -> EpisodeTotals:
    """Sum the durations of matching episodes per respondent.

    ``respondents`` (the key columns of the respondent table) decides who gets a row:
    each gets 0 when no episode matches. Without it, every key of the episode table.
    ``who`` is the who-was-there table a rule with ``presence`` needs.
    """
    missing = [c for c in rule.columns if c not in episodes.columns]
    if missing:
        raise EpisodeError(f"the episode table has no column {missing[0]!r}")
    frame = _durations(episodes.select(rule.columns), rule)
    dtype = frame.schema[rule.activity]
    width = code_width(frame[rule.activity]) if rule.codes.needs_width(dtype) else 0
    keep = rule.codes.matches(pl.col(rule.activity), dtype, width)
    for c in rule.conditions:
        keep = keep & c.expr(frame.schema[c.column], frame[c.column])
    if rule.presence is not None:
        if who is None:
            raise EpisodeError("a rule on who was there needs the who table")
        keep = keep & pl.lit(present(frame, who, rule.presence))
    chosen = frame.filter(keep)
    keys = list(rule.key)
    totals = chosen.group_by(keys).agg(
        pl.when(pl.col("__minutes").is_null().any()).then(None)
        .otherwise(pl.col("__minutes").sum()).alias(name)
    )
    base = respondents.select(keys).unique(maintain_order=True) if respondents is not None else \
        frame.select(keys).unique(maintain_order=True)
    strays = frame.select(keys).head(0)
    if respondents is not None:
        strays = frame.select(keys).unique(maintain_order=True).join(
            base, on=keys, how="anti", nulls_equal=False, maintain_order="left")
    first = ", ".join(f"{k} {_show(strays[k][0])}" for k in keys) if strays.height else ""
    out = _fill_zero(base, totals, keys, name)
    return EpisodeTotals(frame=out, episodes=chosen.height,
                         missing_duration=int(totals[name].is_null().sum()),
                         unmatched_keys=strays.height, first_unmatched=first)


def _fill_zero(base: pl.DataFrame, totals: pl.DataFrame, keys: list[str], name: str) -> pl.DataFrame:
    """0 for respondents with no matching episode; a missing total stays missing, and so
    does a respondent without a key (whose episodes cannot be known)."""
    marked = totals.with_columns(pl.lit(True).alias("__had"))
    joined = base.join(marked, on=keys, how="left", maintain_order="left")
    no_key = pl.any_horizontal([pl.col(k).is_null() for k in keys])
    return joined.with_columns(
        pl.when(no_key).then(None).when(pl.col("__had").is_null()).then(0.0)
        .otherwise(pl.col(name)).alias(name)
    ).drop("__had")


def rule_from_mapping(raw: Mapping[str, Any], width: int = 0) -> EpisodeRule:
    """Build a rule from spec-like keys (key, activity, codes, duration | start/stop, where)."""
    key = raw["key"]
    keys = (key,) if isinstance(key, str) else tuple(key)
    codes_raw = raw["codes"]
    codes = CodeSet.parse(codes_raw if isinstance(codes_raw, list) else [codes_raw], width)
    duration: str | Clock
    if "duration" in raw:
        duration = str(raw["duration"])
    else:
        duration = Clock(str(raw["start"]), str(raw["stop"]),
                         parse_clock(str(raw.get("day_start", "04:00"))), int(raw.get("cut", DAY)))
    where = raw.get("where") or {}
    conditions = tuple(Condition.parse(str(c), v) for c, v in where.items())
    presence = None
    if "with" in raw:
        who = raw["who"]
        with_raw = raw["with"]
        items = with_raw if isinstance(with_raw, list) else [with_raw]
        presence = Presence(_names(who["keys"]), str(who["column"]), CodeSet.parse(items),
                            _names(who.get("who_keys") or ()))
    return EpisodeRule(keys, str(raw["activity"]), codes, duration, conditions, presence)


def _names(raw: str | Sequence[str]) -> tuple[str, ...]:
    return (raw,) if isinstance(raw, str) else tuple(str(x) for x in raw)
