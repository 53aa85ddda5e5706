"""`tut compare` tables for a narrow terminal (under 120 columns, e.g. 80).

Wording variants are shown as letters (A, B, ...) with a legend, domains by their category
labels only, one line per domain: each variant's estimate with its CI, the difference with
p and Holm p. Counts, CVs and design effects go to the second table, differences' CIs to
the JSON (and to the wide layout).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from string import ascii_uppercase
from typing import TYPE_CHECKING

from tut.compare.results import Difference, Estimate, Gap, MissingCount
from tut.safe_text import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

NARROW = 120
"""Below this many columns the narrow layout is used."""

FLAG = {"high": "", "moderate": "*", "low": "**", "undetermined": "?", None: "?"}


def letters(variants: Sequence[str]) -> dict[str, str]:
    """A, B, ... Z, then A2, B2, ... for more than 26 variants."""
    return {v: ascii_uppercase[i % 26] + (str(i // 26 + 1) if i >= 26 else "")
            for i, v in enumerate(variants)}


def legend(console: Console, short: dict[str, str]) -> None:
    console.print(visible("variants: " + "; ".join(f"{s} = {v}" for v, s in short.items())))


def num(x: float | None, digits: int = 1) -> str:
    if x is None or not math.isfinite(x):
        return "-"
    return f"{x:,.{digits}f}"


def p_text(p: float | None) -> str:
    if p is None or math.isnan(p):
        return "-"
    return "<.001" if p < 0.001 else f"{p:.3f}"


def short_domain(domain: tuple[tuple[str, str], ...]) -> str:
    return visible(", ".join(label for _, label in domain) or "All")


def digits(e: Estimate) -> int:
    return 3 if e.kind == "proportion" else (2 if "hour" in e.unit else 1)


def _table(title: str) -> Table:
    from rich import box
    from rich.table import Table

    return Table(title=visible(title), title_justify="left", box=box.SIMPLE_HEAD,
                 pad_edge=False, padding=(0, 1), collapse_padding=True, show_edge=False)


def estimate_table(console: Console, outcome: str, rows: list[Estimate],
                   diffs: list[Difference], pct: str, short: dict[str, str],
                   unit_shown: str = "") -> None:
    """``unit_shown``: the outcome's unit as the title says it (the spec's, in ``--lang``)."""
    first = rows[0]
    shown = unit_shown or first.unit
    unit = first.kind + (f", {shown}" if first.kind != "proportion" and shown else "")
    table = _table(f"{outcome} ({unit}); estimate [{pct} CI]")
    table.add_column("domain", overflow="ellipsis", max_width=14, no_wrap=True)
    variants = list(dict.fromkeys(e.variant for e in rows))
    for v in variants:
        table.add_column(short[v], justify="right", no_wrap=True)
    pairs = list(dict.fromkeys((d.a, d.b) for d in diffs))
    for a, b in pairs:
        table.add_column(f"{short[b]}-{short[a]}", justify="right", no_wrap=True)
        table.add_column("p", justify="right", no_wrap=True)
        table.add_column("Holm", justify="right", no_wrap=True)
    by = {(e.variant, e.domain): e for e in rows}
    dby = {(d.a, d.b, d.domain): d for d in diffs}
    for domain in dict.fromkeys(e.domain for e in rows):
        cells = [short_domain(domain)]
        for v in variants:
            e = by.get((v, domain))
            if e is None:
                cells.append("-")
                continue
            k = digits(e)
            cells.append(f"{num(e.value.estimate, k)}{FLAG[e.reliability]} "
                         f"[{num(e.value.low, k)},{num(e.value.high, k)}]")
        for a, b in pairs:
            d = dby.get((a, b, domain))
            if d is None:
                cells += ["-", "-", "-"]
                continue
            k = 3 if first.kind == "proportion" else digits(first)
            est = d.test.value.estimate
            cells += [f"{est:+,.{k}f}" if math.isfinite(est) else "-", p_text(d.test.p),
                      p_text(d.test.p_holm)]
        table.add_row(*cells)
    console.print(table)


def detail_table(console: Console, outcome: str, rows: list[Estimate],
                 short: dict[str, str]) -> None:
    time = any(e.participation is not None for e in rows)
    title = f"{outcome}: n, CV, design effect, weighted population"
    title += "; participation and mean among participants" if time else ""
    table = _table(title)
    heads = ["domain", "", "n", "CV", "deff", "weighted N"] + (["part.", "among"] if time else [])
    for h in heads:
        table.add_column(h, justify="left" if h in ("domain", "") else "right", no_wrap=True,
                         max_width=14 if h == "domain" else None, overflow="ellipsis")
    variants = list(dict.fromkeys(e.variant for e in rows))
    by = {(e.variant, e.domain): e for e in rows}
    for domain in dict.fromkeys(e.domain for e in rows):
        for i, v in enumerate(variants):
            e = by.get((v, domain))
            cells = [short_domain(domain) if i == 0 else "", short[v]]
            if e is None:
                table.add_row(*cells, *["-"] * (len(heads) - 2))
                continue
            cv = "-" if e.cv is None else f"{num(e.cv)}%{FLAG[e.reliability]}"
            cells += [f"{e.n:,}", cv, num(e.deff, 2), num(e.weighted_n, 0)]
            if time:
                part, among = e.participation, e.mean_participants
                cells.append(f"{part.estimate:.1%}" if part and math.isfinite(part.estimate)
                             else "-")
                cells.append(num(among.estimate, digits(e)) if among is not None else "-")
            table.add_row(*cells)
    console.print(table)


def gap_table(console: Console, gaps: list[Gap], pct: str, short: dict[str, str]) -> None:
    g0 = gaps[0]
    table = _table(f"Gap {g0.first} - {g0.second} by variant, and its change (DiD) [{pct} CI]")
    for col in ("outcome", "domain", "", "gap", "CI", "p", "Holm"):
        table.add_column(col, justify="left" if col in ("outcome", "domain", "") else "right",
                         no_wrap=True, overflow="ellipsis",
                         max_width=14 if col in ("outcome", "domain") else None)
    for g in gaps:
        t = g.test
        k = 3 if g.unit == "proportion" else (2 if "hour" in g.unit else 1)
        who = short[g.variant] if g.variant is not None else f"DiD {short[g.b or '']}-" \
            f"{short[g.a or '']}"
        table.add_row(visible(g.outcome), short_domain(g.domain), who,
                      num(t.value.estimate, k), f"[{num(t.value.low, k)},{num(t.value.high, k)}]",
                      p_text(t.p), p_text(t.p_holm) if g.kind == "did" else "")
    console.print(table)


def missing_table(console: Console, missing: Sequence[MissingCount],
                  short: dict[str, str]) -> None:
    table = _table("Item non-response by variant")
    for col in ("variable", "", "n", "missing", "weighted", "codes"):
        table.add_column(col, justify="right" if col in ("n", "missing", "weighted") else "left",
                         no_wrap=col != "codes", overflow="ellipsis",
                         max_width=14 if col == "variable" else None)
    seen = set()
    for m in missing:
        if (m.dataset, m.variable, m.variant) in seen:
            continue
        seen.add((m.dataset, m.variable, m.variant))
        rate = m.weighted_rate.estimate
        codes = ", ".join(f"{k}: {v}" for k, v in m.codes.items() if v)
        table.add_row(visible(m.variable), short[m.variant], f"{m.n:,}", f"{m.n_missing:,}",
                      f"{rate:.1%}" if math.isfinite(rate) else "-", visible(codes) or "-")
    console.print(table)
