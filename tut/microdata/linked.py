"""Linked files in one dataset: a respondent table plus weights, roster or household tables.

Time-use surveys split a respondent's record over several files (ATUS ``atusresp`` +
``atuswgts`` + ``atusrost`` keyed by ``TUCASEID`` and ``TULINENO``; ENUT person and
household files keyed by ``LLAVEHOG`` + ``N_REN``). :func:`link` joins each of them onto
the respondent rows, many-to-one: a key that appears twice in a joined file would copy
respondents, so it is an error naming the file, the key and the rows. Rows that find no
partner are counted both ways, so the user sees how many respondents have no weight and
how many weight rows belong to nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from tut.messages import Message


class LinkError(ValueError):
    """A join that cannot be made; ``file`` and ``place`` say where (row, key)."""

    def __init__(self, file: str, place: str, what: str, fix: str) -> None:
        super().__init__(what)
        self.file, self.place, self.what, self.fix = file, place, what, fix


@dataclass(frozen=True)
class Table:
    """One file's rows, with the key columns it is joined on."""

    name: str
    """The file as the user named it (for messages)."""
    frame: pl.DataFrame
    keys: tuple[str, ...]


@dataclass(frozen=True)
class LinkCount:
    """How one joined file matched the respondent rows."""

    file: str
    keys: tuple[str, ...]
    matched: int
    """Respondent rows that found their row in the file."""
    no_partner: int
    """Respondent rows with no row in the file (their columns from it are missing)."""
    unused: int
    """Rows of the file whose key is no respondent's (left out)."""
    first_unused: str = ""
    """The first such key, for the user to look up (``TUCASEID 999``)."""

    def note(self) -> Message:
        """The join for the comparison's caveats (a catalogue message)."""
        return Message("microdata.joined", {
            "file": self.file, "keys": " + ".join(self.keys), "matched": self.matched,
            "no_partner": Message("microdata.joined-no-partner", {"count": self.no_partner})
            if self.no_partner else "",
            "unused": Message("microdata.joined-unused",
                              {"count": self.unused, "first": self.first_unused})
            if self.unused else "",
        })


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def key_text(frame: pl.DataFrame, keys: Sequence[str], row: int) -> str:
    """``TUCASEID 20160101160045, TULINENO 1`` for messages."""
    return ", ".join(f"{k} {_show(frame[k][row])}" for k in keys)


def check_unique(table: Table) -> None:
    """Refuse a key that appears on more than one row."""
    dup = table.frame.select(pl.struct(list(table.keys)).is_duplicated()).to_series()
    if not dup.any():
        return
    first = int(dup.arg_true()[0])
    same = table.frame.with_row_index("__row").filter(
        pl.all_horizontal([pl.col(k).eq_missing(table.frame[k][first]) for k in table.keys])
    )["__row"].to_list()
    rows = ", ".join(str(r + 1) for r in same[:5]) + (", ..." if len(same) > 5 else "")
    raise LinkError(
        table.name, f"rows {rows}",
        f"key {key_text(table.frame, table.keys, first)} appears on {len(same)} rows, but this "
        "file is joined many-to-one (one row per key)",
        f"add the column that tells these rows apart to keys, or remove the duplicates; "
        f"{int(dup.sum()):,} rows have a repeated key",
    )


def _normalise_keys(base: pl.DataFrame, other: pl.DataFrame, keys: Sequence[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Keys stored as numbers in one file and as text in another compare as text (1.0 is "1")."""
    casts_b, casts_o = [], []
    for k in keys:
        if base.schema[k] == other.schema[k]:
            continue
        casts_b.append(_as_text(pl.col(k), base.schema[k]))
        casts_o.append(_as_text(pl.col(k), other.schema[k]))
    if casts_b:
        base, other = base.with_columns(casts_b), other.with_columns(casts_o)
    return base, other


def _as_text(col: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if dtype.is_float():
        return (pl.when(col == col.round(0)).then(col.cast(pl.Int64, strict=False).cast(pl.String))
                .otherwise(col.cast(pl.String)).alias(col.meta.output_name()))
    return col.cast(pl.String).str.strip_chars()


def link(base: Table, others: Sequence[Table]) -> tuple[pl.DataFrame, tuple[LinkCount, ...]]:
    """Join each of ``others`` onto ``base`` (left join, many-to-one), in base row order.

    A column name that two files share (other than the keys) is refused: which file's
    value is meant would be a guess.
    """
    frame = base.frame
    counts = []
    for other in others:
        for k in other.keys:
            for t in (base, other):
                if k not in t.frame.columns:
                    raise LinkError(t.name, "", f"no key column {k!r}",
                                    "name a key that both files have")
        clash = [c for c in other.frame.columns if c in frame.columns and c not in other.keys]
        if clash:
            raise LinkError(other.name, "", f"column {clash[0]!r} is also in {base.name} or "
                            "another joined file", "read each variable from one file only")
        check_unique(other)
        left, right = _normalise_keys(frame, other.frame, other.keys)
        keys = list(other.keys)
        marked = right.with_columns(pl.lit(True).alias("__matched"))
        joined = left.join(marked, on=keys, how="left", maintain_order="left", nulls_equal=False)
        matched = int(joined["__matched"].fill_null(False).sum())
        unused = right.join(left.select(keys).unique(), on=keys, how="anti", maintain_order="left")
        first = key_text(unused, keys, 0) if unused.height else ""
        counts.append(LinkCount(other.name, other.keys, matched, joined.height - matched,
                                unused.height, first))
        # keys unique on the right: one row per base row, in base order; keep the base's
        # own key values and dtypes
        frame = joined.drop("__matched").with_columns(frame.select(keys))
    return frame, tuple(counts)
