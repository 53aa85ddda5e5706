"""What a comparison spec says, as frozen dataclasses that remember where each key sits.

:mod:`tut.compare.spec` reads and checks the YAML into these; later checks against the data
(a variable that is not in the file, a weight below zero) use :meth:`ComparisonSpec.error`
to point at the line a person has to edit.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from tut.errors import TutError
from tut.microdata.assembly_spec import Assembly

OutcomeKind = Literal["mean", "proportion", "ratio"]
LonelyRule = Literal["fail", "adjust", "average", "certainty", "remove"]
ReplicateType = Literal["brr", "fay", "jk1", "jkn", "sdr", "bootstrap"]
TestDistribution = Literal["normal", "t"]

_OPS: dict[str, Callable[[Any, Any], Any]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}
_TIME_UNIT = re.compile(r"\b(minute|minutes|min|hour|hours|h)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Condition:
    """A comparison such as ``> 0`` applied to an outcome's values."""

    op: str
    value: float

    @classmethod
    def parse(cls, text: str) -> Condition:
        m = re.fullmatch(r"\s*(>=|<=|==|!=|>|<)\s*(-?[0-9]+(?:\.[0-9]+)?)\s*", text)
        if m is None:  # the schema pattern already rejects this
            raise ValueError(f"not a condition: {text!r}")
        return cls(m.group(1), float(m.group(2)))

    def holds(self, values: np.ndarray) -> np.ndarray:
        """Boolean mask; NaN never meets a condition."""
        with np.errstate(invalid="ignore"):
            return np.asarray(_OPS[self.op](values, self.value), dtype=bool) & ~np.isnan(values)

    def __str__(self) -> str:
        return f"{self.op} {self.value:g}"


@dataclass(frozen=True)
class Conversion:
    """An explicit change of unit (e.g. minutes per day x 7/60 = hours per week)."""

    to_unit: str
    factor: float
    factor_text: str
    """As written in the spec (``7/60``), for reports."""
    caveat: str


@dataclass(frozen=True)
class Category:
    """One category of a categorical outcome: its outcome, value label and code."""

    outcome: str
    label: str
    code: str

    def to_dict(self) -> dict[str, str]:
        return {"outcome": self.outcome, "category": self.label, "code": self.code}


@dataclass(frozen=True)
class OutcomeSpec:
    """One quantity to estimate for every variant and domain."""

    name: str
    variable: str
    kind: OutcomeKind
    unit: str
    label: str
    condition: Condition | None
    convert: Conversion | None
    pointer: str
    """JSON pointer of this outcome in the spec (for error messages)."""
    quantiles: tuple[float, ...] = ()
    """Quantiles to estimate too (mean outcomes; R's svyquantile)."""
    denominator: str | None = None
    """kind: ratio: the variable divided into ``variable`` (R's svyratio)."""
    categorical: bool = False
    """The answer's codes are categories: each category's share
    (:mod:`tut.compare.categories`) and a Rao-Scott test of all of them by wording."""
    category: Category | None = None
    """Set on the share of one category of a categorical outcome (an indicator proportion
    :mod:`tut.compare.categories` adds); None for the outcomes a spec lists."""

    @property
    def reported_unit(self) -> str:
        if self.kind == "proportion":
            return "proportion"
        return self.convert.to_unit if self.convert else self.unit

    @property
    def is_time(self) -> bool:
        """Time outcomes also get a participation rate and the mean among participants."""
        return self.kind == "mean" and bool(_TIME_UNIT.search(self.unit))


@dataclass(frozen=True)
class DomainSpec:
    """A variable whose categories are estimation domains (e.g. sex, age group)."""

    name: str
    variable: str
    labels: dict[str, str]
    """Code (as text) -> label given in the spec; the file's value labels fill the rest."""
    pointer: str
    condition: Condition | None = None
    """A domain by condition: categories yes (meets it) and no."""


@dataclass(frozen=True)
class VariantSpec:
    """Which wording each respondent got."""

    variable: str | None
    """The ballot variable (split ballot); None when the whole survey used one wording."""
    codes: dict[str, str]
    """Code (as text) -> instrument variant id."""
    single: str | None
    pointer: str

    @property
    def ids(self) -> list[str]:
        if self.single is not None:
            return [self.single]
        return list(dict.fromkeys(self.codes.values()))


@dataclass(frozen=True)
class TaylorSpec:
    """Strata and PSUs for Taylor linearisation (PSUs with replacement within strata)."""

    strata: str | None
    psu: str | None
    lonely_psu: LonelyRule
    lonely_psu_given: bool
    pointer: str
    fpc: str | None = None
    """Finite population correction variable (one stage): PSUs in the population, or the
    sampling fraction."""
    ssu: str | None = None
    """Second-stage unit variable (two-stage designs, with fpc and fpc2)."""
    fpc2: str | None = None
    """Second-stage finite population correction variable."""


@dataclass(frozen=True)
class ReplicateSpec:
    """Replicate weights (already multiplied by the full-sample weight, as ATUS ships them)."""

    columns: tuple[str, ...] | None
    prefix: str | None
    count: int | None
    type: ReplicateType
    rho: float | None
    scale: float | None
    rscales: tuple[float, ...] | None
    mse: bool | None
    pointer: str
    combined: bool = True
    """False: the columns are factors, multiplied by the weight (R's combined.weights)."""


@dataclass(frozen=True)
class DatasetSpec:
    """One microdata file and how to analyse it."""

    name: str
    file: Path
    variant: VariantSpec
    weight: str
    design: TaylorSpec | ReplicateSpec
    outcomes: tuple[OutcomeSpec, ...]
    domains: tuple[DomainSpec, ...]
    missing: dict[str, tuple[float | str, ...]]
    missing_pointer: str
    pointer: str
    assembly: Assembly | None = None
    """Linked files, diary episodes, derived variables or an IPUMS record type (``table``);
    None for one plain file."""


@dataclass(frozen=True)
class GapSpec:
    """The gap ``first - second`` (e.g. Female - Male) on one domain variable."""

    domain: str
    first: str
    second: str


@dataclass(frozen=True)
class ComparisonSpec:
    """A validated comparison spec."""

    path: Path
    title: str
    ci_level: float
    """Confidence level of every interval (``level`` is the level of measurement in tut)."""
    test: TestDistribution
    datasets: tuple[DatasetSpec, ...]
    pairs: tuple[tuple[str, str], ...]
    """Variant pairs (a, b); differences are b - a."""
    gap: GapSpec | None
    lines: Mapping[str, int] = field(repr=False, default_factory=dict)
    adjust: tuple[str, ...] = ()
    """Domains to adjust wording effects for (svyglm)."""
    warnings: tuple[str, ...] = ()
    """What still works but should change (a deprecated key), as ``<file>:<place>: text``."""
    texts_es: Mapping[str, str] = field(default_factory=dict)
    """The spec's texts it gives in Spanish too (title, outcome labels, units, domain
    category labels), by their English text (the spec's fields hold the English)."""

    def place(self, pointer: str) -> str:
        """``line N (/pointer)`` for error messages."""
        p = pointer
        while p and p not in self.lines:
            p = p.rsplit("/", 1)[0]
        return f"line {self.lines.get(p, 1)} ({pointer or '/'})"

    def error(self, pointer: str, what: str, fix: str = "") -> TutError:
        """A user error located at one key of this spec."""
        return TutError.at(self.path, self.place(pointer), what, fix)

    @property
    def variant_ids(self) -> list[str]:
        return list(dict.fromkeys(v for d in self.datasets for v in d.variant.ids))
