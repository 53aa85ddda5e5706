"""Number formatting shared by the renderers (a decimal point in both languages, as INEGI
publishes)."""

from __future__ import annotations

import math


def num(x: float | None, digits: int = 2) -> str:
    if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))):
        return "–"
    return f"{x:,.{digits}f}"


def signed(x: float | None, digits: int = 1) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{x:+,.{digits}f}"


def alpha(x: float | None) -> str:
    return num(x, 3)


def pval(p: float | None) -> str:
    if p is None or math.isnan(p):
        return "–"
    if p < 0.001:
        return "<0.001"
    return f"{p:.3f}"


def p_is(p: float | None) -> str:
    """A p-value for running text: "= 0.012" or "< 0.001" (never "= <0.001")."""
    shown = pval(p)
    return shown.replace("<", "< ") if shown.startswith("<") else f"= {shown}"


def signed_pct(x: float | None, digits: int = 0) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{100 * x:+.{digits}f}%"


def pct(x: float | None, digits: int = 0) -> str:
    if x is None or math.isnan(x):
        return "–"
    return f"{100 * x:.{digits}f}%"


def points(x: float | None) -> str:
    """A change in shares, in percentage points."""
    if x is None or math.isnan(x):
        return "–"
    return f"{100 * x:+.0f} pp"


def interval(ci: tuple[float, float] | list[float] | None, digits: int = 2) -> str:
    if not ci or ci[0] is None or ci[1] is None:
        return "–"
    return f"[{num(ci[0], digits)}, {num(ci[1], digits)}]"


def level_text(level: float) -> str:
    return f"{100 * level:g}%"
