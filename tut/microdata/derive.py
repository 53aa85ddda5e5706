"""Derived variables: small arithmetic expressions over columns, parsed without eval.

ENUT records weekly care as hours and minutes for Monday-Friday and Saturday-Sunday in
four columns; a comparison needs one number. ``derive`` lines such as::

    care_week_h: (P6_21A_1 + P6_21A_2 / 60) + (P6_21A_3 + P6_21A_4 / 60)
    any_care: sum(TRTCC, TRTHH) > 0

are parsed here into polars expressions. The grammar is numbers, column names, ``+ - * /``,
parentheses, comparisons (``< <= > >= == !=``, giving 1 or 0), ``and``, ``or``, ``not``
and the functions ``sum``, ``min``, ``max``, ``abs``, ``round``, ``if(test, then, else)`` and
``fill(x, value)``. A missing value in any operand makes the result missing (``sum`` too: a
missing part is not a zero) unless ``fill`` says what it stands for (ENUT's blanks "por
secuencia" are 0 hours: ``fill(P6_21A_1, 0)``). A division by zero gives a missing value and is counted, never a silent 0 or
infinity. Column names are checked against the files before any data is read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import polars as pl

MAX_LENGTH = 2000
MAX_DEPTH = 40


class DeriveError(ValueError):
    """A bad expression; ``column`` is the 1-based character where it goes wrong (0: none)."""

    def __init__(self, what: str, column: int = 0, fix: str = "") -> None:
        super().__init__(what)
        self.what, self.column, self.fix = what, column, fix


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Col:
    name: str
    pos: int


@dataclass(frozen=True)
class Unary:
    op: str
    arg: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Node, ...]
    pos: int


Node = Num | Col | Unary | Binary | Call

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d*)?|\.\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
                    r"|(?P<op><=|>=|==|!=|[-+*/(),<>]))")
_WORDS = {"and", "or", "not"}
_FUNCS: dict[str, tuple[int, int]] = {
    "sum": (1, 99), "min": (1, 99), "max": (1, 99), "abs": (1, 1), "round": (1, 2), "if": (3, 3),
    "fill": (2, 2),
}
_COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m:
            at = pos + len(text[pos:]) - len(text[pos:].lstrip())
            raise DeriveError(f"unexpected {text[at]!r}", at + 1,
                              "use numbers, column names, + - * / ( ), comparisons, and/or/not")
        kind = m.lastgroup or ""
        value = m.group(kind)
        start = m.start(kind)
        if kind == "name" and value in _WORDS:
            kind = "op"
        out.append((kind, value, start + 1))
        pos = m.end()
    out.append(("end", "", len(text) + 1))
    return out


@dataclass
class _Parser:
    tokens: list[tuple[str, str, int]]
    i: int = 0
    depth: int = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, value: str) -> None:
        kind, got, pos = self.take()
        if got != value or kind != "op":
            shown = repr(got) if kind != "end" else "the end"
            raise DeriveError(f"expected {value!r} but found {shown}", pos)

    def binary(self, ops: Sequence[str], sub: Callable[[], Node]) -> Node:
        node = sub()
        while self.peek()[0] == "op" and self.peek()[1] in ops:
            op = self.take()[1]
            node = Binary(op, node, sub())
        return node

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise DeriveError(f"nested more than {MAX_DEPTH} levels deep", self.peek()[2])

    def expr(self) -> Node:
        self.deeper()
        node = self.binary(("or",), lambda: self.binary(("and",), self.negation))
        self.depth -= 1
        return node

    def negation(self) -> Node:
        if self.peek()[1] == "not" and self.peek()[0] == "op":
            self.take()
            self.deeper()
            node = Unary("not", self.negation())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        node = self.additive()
        if self.peek()[0] == "op" and self.peek()[1] in _COMPARISONS:
            op = self.take()[1]
            node = Binary(op, node, self.additive())
            if self.peek()[0] == "op" and self.peek()[1] in _COMPARISONS:
                raise DeriveError("comparisons cannot be chained", self.peek()[2],
                                  "write (a < b) and (b < c)")
        return node

    def additive(self) -> Node:
        return self.binary(("+", "-"), lambda: self.binary(("*", "/"), self.unary))

    def unary(self) -> Node:
        if self.peek()[0] == "op" and self.peek()[1] in ("-", "+"):
            op = self.take()[1]
            self.deeper()
            arg = self.unary()
            self.depth -= 1
            return Unary("-", arg) if op == "-" else arg
        return self.primary()

    def primary(self) -> Node:
        kind, value, pos = self.take()
        if kind == "num":
            return Num(float(value))
        if kind == "name":
            if self.peek()[1] == "(" and self.peek()[0] == "op":
                return self.call(value, pos)
            return Col(value, pos)
        if kind == "op" and value == "(":
            node = self.expr()
            self.expect(")")
            return node
        shown = "the end of the expression" if kind == "end" else repr(value)
        raise DeriveError(f"expected a number, a column or '(' but found {shown}", pos)

    def call(self, func: str, pos: int) -> Node:
        if func not in _FUNCS:
            raise DeriveError(f"unknown function {func!r}", pos, "use " + ", ".join(_FUNCS))
        self.take()
        args = [self.expr()]
        while self.peek()[1] == ",":
            self.take()
            args.append(self.expr())
        self.expect(")")
        lo, hi = _FUNCS[func]
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise DeriveError(f"{func}() takes {want} arguments, not {len(args)}", pos)
        return Call(func, tuple(args), pos)


@dataclass(frozen=True)
class Derivation:
    """One derived variable: its name, the text as written and the parsed expression."""

    name: str
    text: str
    node: Node = field(repr=False)

    @property
    def columns(self) -> list[str]:
        """Column names used, in order of first use."""
        out: list[str] = []
        _collect(self.node, out)
        return out

    def column_position(self, name: str) -> int:
        found: list[Col] = []
        _positions(self.node, name, found)
        return min((c.pos for c in found), default=0)


def _collect(node: Node, out: list[str]) -> None:
    if isinstance(node, Col):
        if node.name not in out:
            out.append(node.name)
    elif isinstance(node, Unary):
        _collect(node.arg, out)
    elif isinstance(node, Binary):
        _collect(node.left, out)
        _collect(node.right, out)
    elif isinstance(node, Call):
        for a in node.args:
            _collect(a, out)


def _positions(node: Node, name: str, out: list[Col]) -> None:
    if isinstance(node, Col) and node.name == name:
        out.append(node)
    for child in _children(node):
        _positions(child, name, out)


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Unary):
        return (node.arg,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


def parse(name: str, text: str) -> Derivation:
    """Parse one derive expression (raises :class:`DeriveError` with the column)."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise DeriveError(f"{name!r} is not a usable variable name", 0,
                          "use letters, digits and _, starting with a letter")
    if len(text) > MAX_LENGTH:
        raise DeriveError(f"the expression is {len(text):,} characters long (at most {MAX_LENGTH:,})")
    parser = _Parser(_tokens(text))
    node = parser.expr()
    kind, value, pos = parser.peek()
    if kind != "end":
        raise DeriveError(f"unexpected {value!r} after a complete expression", pos,
                          "join the parts with an operator such as + or *")
    return Derivation(name, text, node)


def check_columns(derivations: Sequence[Derivation], available: Collection[str]) -> None:
    """Every column must exist (or be derived earlier); raises with the closest names."""
    known = list(available)
    for d in derivations:
        for col in d.columns:
            if col not in known:
                close = difflib.get_close_matches(col, known, n=3, cutoff=0.6)
                folded = [k for k in known if k.lower() == col.lower()]
                hint = ("did you mean " + ", ".join(folded or close) + "?") if folded or close else \
                    "the files have: " + ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
                raise DeriveError(f"{d.name}: no column {col!r}", d.column_position(col), hint)
        known.append(d.name)


def _num(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Float64)


def _bool(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Boolean)


def _compile(node: Node, zero_checks: list[pl.Expr]) -> pl.Expr:
    if isinstance(node, Num):
        return pl.lit(node.value, dtype=pl.Float64)
    if isinstance(node, Col):
        return pl.col(node.name).cast(pl.Float64, strict=False)
    if isinstance(node, Unary):
        arg = _compile(node.arg, zero_checks)
        return _num(~_bool(arg != 0)) if node.op == "not" else -arg
    if isinstance(node, Binary):
        left, right = _compile(node.left, zero_checks), _compile(node.right, zero_checks)
        return _binary(node.op, left, right, zero_checks)
    args = [_compile(a, zero_checks) for a in node.args]
    if node.func == "sum":
        total = args[0]
        for a in args[1:]:
            total = total + a
        return total
    if node.func in ("min", "max"):
        agg = pl.min_horizontal if node.func == "min" else pl.max_horizontal
        any_null = pl.any_horizontal([a.is_null() for a in args])
        return pl.when(any_null).then(None).otherwise(agg(args))
    if node.func == "abs":
        return args[0].abs()
    if node.func == "fill":  # the one way a missing value becomes a number: said explicitly
        return pl.coalesce(args[0], args[1])
    if node.func == "round":
        digits = int(node.args[1].value) if len(args) > 1 and isinstance(node.args[1], Num) else 0
        return args[0].round(digits)
    test = args[0]
    return pl.when(test.is_null()).then(None).when(test != 0).then(args[1]).otherwise(args[2])


def _binary(op: str, left: pl.Expr, right: pl.Expr, zero_checks: list[pl.Expr]) -> pl.Expr:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op == "/":
        zero_checks.append(right == 0)
        return pl.when(right == 0).then(None).otherwise(left / right)
    if op in ("and", "or"):
        lb, rb = _bool(left != 0), _bool(right != 0)
        both = (lb & rb) if op == "and" else (lb | rb)
        return _num(both)
    compare = {"<": left < right, "<=": left <= right, ">": left > right,
               ">=": left >= right, "==": left == right, "!=": left != right}[op]
    return _num(compare)


@dataclass(frozen=True)
class Derived:
    """The frame with the derived columns added, and what the user must be told."""

    frame: pl.DataFrame
    division_by_zero: dict[str, int]
    """Derived name -> rows left missing because a denominator was 0."""
    missing: dict[str, int]
    """Derived name -> rows with a missing result (any cause)."""


def apply(frame: pl.DataFrame, derivations: Sequence[Derivation]) -> Derived:
    """Add each derived column in order (later ones may use earlier ones)."""
    zeros: dict[str, int] = {}
    missing: dict[str, int] = {}
    for d in derivations:
        checks: list[pl.Expr] = []
        expr = _compile(d.node, checks)
        if checks:
            hit = pl.any_horizontal([c.fill_null(False) for c in checks]).alias("__zero")
            frame = frame.with_columns(expr.alias(d.name), hit)
            zeros[d.name] = int(frame["__zero"].sum())
            frame = frame.drop("__zero")
        else:
            frame = frame.with_columns(expr.alias(d.name))
        missing[d.name] = int(frame[d.name].is_null().sum())
    return Derived(frame, zeros, missing)
