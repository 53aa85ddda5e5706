"""`tut compare` table of a categorical outcome: each category's share per wording.

One row per domain and category: each variant's share in percent with its Korn-Graubard
interval (svyciprop's beta, inside 0-100% for rare categories; the Wald interval, ``ci``,
is in the JSON) and n in the wide layout, then the difference between wordings in percentage points with p and
Holm's p. In a narrow terminal variants are letters (the legend above the tables) and the
differences' CIs are left to the JSON and the wide layout.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tut.cli.compare_narrow import FLAG, p_text, short_domain
from tut.compare.results import Difference, Estimate
from tut.safe_text import visible

if TYPE_CHECKING:
    from rich.console import Console


def outcome_groups(estimates: list[Estimate]) -> list[tuple[str, bool]]:
    """(name, categorical) of each outcome in order; a categorical outcome once, for all its
    categories' shares."""
    out: dict[str, bool] = {}
    for e in estimates:
        out.setdefault(e.category.outcome if e.category else e.outcome, e.category is not None)
    return list(out.items())


def share_rows(estimates: list[Estimate], outcome: str) -> list[Estimate]:
    return [e for e in estimates if e.category is not None and e.category.outcome == outcome]


def share_interval(e: Estimate) -> tuple[float, float]:
    """The Korn-Graubard interval of a share, else (no beta interval) its Wald interval."""
    return e.ci_beta if e.ci_beta is not None else (e.value.low, e.value.high)


def _pct(x: float | None) -> str:
    return f"{100 * x:.1f}" if x is not None and math.isfinite(x) else "-"


def _pp(x: float | None) -> str:
    return f"{100 * x:+.1f}" if x is not None and math.isfinite(x) else "-"


def categorical_table(console: Console, outcome: str, rows: list[Estimate],
                      diffs: list[Difference], pct: str, short: dict[str, str] | None) -> None:
    """The shares of one categorical outcome; ``short``: letters of a narrow terminal."""
    from rich import box
    from rich.table import Table

    narrow = short is not None
    names = short or {e.variant: e.variant for e in rows}
    title = f"{outcome} (categories): share % [{pct} CI, Korn-Graubard]"
    title += "" if narrow else ", n"
    title += "; difference in pp"
    if narrow:
        table = Table(title=visible(title), title_justify="left", box=box.SIMPLE_HEAD,
                      pad_edge=False, padding=(0, 1), collapse_padding=True, show_edge=False)
    else:
        table = Table(title=visible(title), title_justify="left")
    limit = 12 if narrow else None
    table.add_column("domain", overflow="ellipsis", max_width=limit, no_wrap=narrow)
    table.add_column("category", overflow="ellipsis", max_width=limit, no_wrap=narrow)
    variants = list(dict.fromkeys(e.variant for e in rows))
    for v in variants:
        table.add_column(visible(names[v]), justify="right", no_wrap=narrow)
    pairs = list(dict.fromkeys((d.a, d.b) for d in diffs))
    for a, b in pairs:
        table.add_column(visible(f"{names[b]}-{names[a]}" if narrow else f"{b} - {a} (pp)"),
                         justify="right", no_wrap=True)
        table.add_column("p", justify="right", no_wrap=True)
        table.add_column("Holm", justify="right", no_wrap=True)
    by = {(e.variant, e.domain, e.outcome): e for e in rows}
    dby = {(d.a, d.b, d.domain, d.outcome): d for d in diffs}
    categories = list(dict.fromkeys(e.outcome for e in rows))
    label = {e.outcome: e.category.label for e in rows if e.category is not None}
    domains = list(dict.fromkeys(e.domain for e in rows))
    for domain in domains:
        for i, name in enumerate(categories):
            cells = [short_domain(domain) if i == 0 else "", visible(label[name])]
            for v in variants:
                e = by.get((v, domain, name))
                if e is None:
                    cells.append("-")
                    continue
                low, high = share_interval(e)
                sep = "," if narrow else ", "
                text = f"{_pct(e.value.estimate)}{FLAG[e.reliability]} [{_pct(low)}{sep}{_pct(high)}]"
                cells.append(text if narrow else f"{text} n={e.n:,}")
            for a, b in pairs:
                d = dby.get((a, b, domain, name))
                if d is None:
                    cells += ["-", "-", "-"]
                    continue
                t = d.test.value
                diff = _pp(t.estimate) if narrow else \
                    f"{_pp(t.estimate)} [{_pp(t.low)}, {_pp(t.high)}]"
                cells += [diff, p_text(d.test.p), p_text(d.test.p_holm)]
            table.add_row(*cells, end_section=i == len(categories) - 1)
    console.print(table)


def share_detail_table(console: Console, outcome: str, rows: list[Estimate],
                       short: dict[str, str] | None) -> None:
    """Precision of each share: its CV (flagged as the shares' table) and design effect per
    variant, one row per domain and category; ``short``: letters of a narrow terminal."""
    from rich import box
    from rich.table import Table

    narrow = short is not None
    names = short or {e.variant: e.variant for e in rows}
    title = visible(f"{outcome} (categories): " + ("CV, design effect" if narrow
                                                   else "coefficient of variation, design effect"))
    if narrow:
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                      padding=(0, 1), collapse_padding=True, show_edge=False)
    else:
        table = Table(title=title, title_justify="left")
    limit = 14 if narrow else None
    table.add_column("domain", overflow="ellipsis", max_width=limit, no_wrap=narrow)
    table.add_column("category", overflow="ellipsis", max_width=limit, no_wrap=narrow)
    variants = list(dict.fromkeys(e.variant for e in rows))
    for v in variants:
        table.add_column(visible(f"{names[v]} CV"), justify="right", no_wrap=True)
        table.add_column(visible(f"{names[v]} deff"), justify="right", no_wrap=True)
    by = {(e.variant, e.domain, e.outcome): e for e in rows}
    categories = list(dict.fromkeys(e.outcome for e in rows))
    label = {e.outcome: e.category.label for e in rows if e.category is not None}
    for domain in dict.fromkeys(e.domain for e in rows):
        for i, name in enumerate(categories):
            cells = [short_domain(domain) if i == 0 else "", visible(label[name])]
            for v in variants:
                e = by.get((v, domain, name))
                if e is None or e.cv is None or not math.isfinite(e.cv):
                    cells.append("-")
                else:
                    cells.append(f"{e.cv:.1f}%{FLAG[e.reliability]}")
                deff = None if e is None else e.deff
                cells.append(f"{deff:.2f}" if deff is not None and math.isfinite(deff) else "-")
            table.add_row(*cells, end_section=i == len(categories) - 1)
    console.print(table)
